import type { HintRule } from './types';

/** Where a generation's server is, for the rows that send the user to check it. */
export interface ServerFacts {
	/** The credential, as the hints name it, e.g. "the OpenIM V3 API credential". */
	credential: string;
	/** The API, e.g. "the OpenIM 3.x API". */
	api: string;
	port: number;
	/** What else a 404 can mean on this generation. */
	notFound?: string;
}

/**
 * The rows every generation's table holds: answers of a server that lacks the
 * route, failed without a word, sits behind a proxy that cannot reach it, or is
 * not OpenIM at all. They come after the generation's own rows.
 */
export function serverHints({ credential, api, port, notFound = '' }: ServerFacts): HintRule[] {
	return [
		{
			matches: (f) => f.httpCode === 404,
			message: 'OpenIM endpoint not found',
			hint: `Check Base URL in ${credential}: it must point at ${api} (port ${port} by default), with the path prefix if it sits behind a reverse proxy.${notFound && ` ${notFound}`}`,
		},
		{
			matches: (f) => f.httpCode === 500 && f.errCode === undefined && !f.errMsg,
			message: 'OpenIM failed with HTTP 500 and no answer',
			hint: 'The server failed while handling the request; it may or may not have been carried out. Check in OpenIM before running it again.',
		},
		{
			matches: (f) => f.httpCode === 502 || f.httpCode === 503 || f.httpCode === 504,
			message: 'OpenIM is unavailable',
			hint: 'A proxy in front of OpenIM could not reach it. Check that the OpenIM API service is running, then run again.',
		},
		{
			matches: (f) => f.errCode === undefined && /^not JSON/.test(f.errMsg ?? ''),
			message: 'OpenIM answered with something that is not JSON',
			hint: `Check that Base URL points at ${api} (port ${port} by default), not at another service. If it does, the answer was cut off: the request may have been carried out, so check in OpenIM before running it again.`,
		},
	];
}
