import type { IDataObject } from 'n8n-workflow';

import type { ErrorHint, HintRule, OpenImFailure } from '../api/types';
import { HINTS as HINTS_2021, isTokenError as isTokenError2021 } from '../api/v2021/errors';

export type { ErrorHint, OpenImFailure } from '../api/types';

const FALLBACK: ErrorHint = {
	message: 'OpenIM returned an error',
	hint: "Check OpenIM's message and the node's parameters.",
};

/** The first row of a generation's table that matches; the 2021 table for callers that name none. */
export function hintFor(failure: OpenImFailure, hints: HintRule[] = HINTS_2021): ErrorHint {
	return hints.find((rule) => rule.matches(failure)) ?? FALLBACK;
}

/** The 2021 server's token-error test: the generation of typeVersion 1 nodes. */
export const isTokenError = isTokenError2021;

/** The error body n8n stores with a failed execution: only what OpenIM said, never the request. */
export function failureBody(failure: OpenImFailure): IDataObject {
	return {
		endpoint: failure.path,
		httpCode: failure.httpCode,
		...(failure.errCode !== undefined && { errCode: failure.errCode }),
		...(failure.errMsg !== undefined && { errMsg: failure.errMsg }),
		...(failure.errDlt && { errDlt: failure.errDlt }),
	};
}
