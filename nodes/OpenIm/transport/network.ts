import type { IDataObject, IHttpRequestOptions, JsonObject } from 'n8n-workflow';

import { parseJsonExact } from './json';
import { ssrfTokenError } from './ssrf';

/**
 * What the node's requests and the credentials' token fetches share: how a
 * request is sent and how its answer and its network failures are read.
 */
export function jsonPost(
	url: string,
	headers: IDataObject,
	payload: IDataObject,
	timeout: number,
): IHttpRequestOptions {
	return {
		method: 'POST',
		url,
		headers: { 'Content-Type': 'application/json', ...headers },
		body: JSON.stringify(payload),
		json: false,
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout,
	};
}

export function responseText(body: unknown): string {
	return typeof body === 'string' ? body : JSON.stringify(body ?? '');
}

/** A JSON object answer; `undefined` for an empty body, the text itself for anything else. */
export function parseAnswer(text: string): IDataObject | string | undefined {
	let body: unknown;
	try {
		body = text.trim() ? parseJsonExact(text) : undefined;
	} catch {
		return text;
	}
	if (body === undefined) return undefined;
	return typeof body === 'object' && body !== null && !Array.isArray(body)
		? (body as IDataObject)
		: text;
}

export type NetworkFailure = 'refused' | 'unknownHost' | 'timedOut' | 'broken';

/**
 * n8n keeps only the texts of a network error (its own message and the
 * original one), so the failure is recognised from those.
 */
const NETWORK_FAILURES: Array<[RegExp, NetworkFailure]> = [
	[/ECONNREFUSED|refused the connection/i, 'refused'],
	[/ENOTFOUND|EAI_AGAIN|getaddrinfo/i, 'unknownHost'],
	[/ECONNABORTED|ETIMEDOUT|timeout of \d+ms exceeded|connection was aborted/i, 'timedOut'],
	[
		/ECONNRESET|EPIPE|socket hang up|closed unexpectedly|stream has been aborted|\baborted\b/i,
		'broken',
	],
];

export function networkFailure(error: JsonObject): NetworkFailure | undefined {
	const texts = [
		error.code,
		(error.cause as JsonObject | undefined)?.code,
		error.message,
		...((error.messages as string[]) ?? []),
	];
	const text = texts.filter((entry) => typeof entry === 'string').join(' ');
	return NETWORK_FAILURES.find(([pattern]) => pattern.test(text))?.[1];
}

/** In words: n8n replaces a message that names an error code with its own generic text. */
export const NETWORK_REASONS: Record<NetworkFailure, string> = {
	refused: 'connection refused',
	unknownHost: 'host not found',
	timedOut: 'timed out',
	broken: 'connection reset',
};

/** An error whose message and description tell the user what to change in the credential. */
export function credentialError(message: string, description: string): Error {
	return Object.assign(new Error(message), { description });
}

/** The token fetch of a credential could not reach the server (or n8n's SSRF protection stopped it). */
export function unreachable(error: unknown, baseUrl: string, credentialName: string): Error {
	const blocked = ssrfTokenError(error, baseUrl);
	if (blocked) return blocked;
	const failure = networkFailure(error as JsonObject);
	return credentialError(
		`Could not reach OpenIM at ${baseUrl}${failure ? ` (${NETWORK_REASONS[failure]})` : ''}`,
		`Check Base URL in the ${credentialName} credential and that the OpenIM API is running.`,
	);
}
