import type { IDataObject } from 'n8n-workflow';

import { parseAnswer } from '../../transport/network';
import type { Generation, Outcome } from '../types';
import { ENDPOINTS } from './endpoints';
import { blamesEntries, HINTS, isTokenError } from './errors';

/** The credential's token fetch records which route issued the token: servers before 3.8.1 use auth/user_token. */
export const LEGACY_AUTH_ROUTE = 'auth/user_token';

/**
 * 3.x writes tokens into some details (`jwt parse error, token=eyJ...`) and Go
 * stack frames after bind errors: only the first line, without tokens, is kept.
 */
export function redact(text: unknown): string {
	return String(text ?? '')
		.split('\n')[0]
		.replace(/eyJ[\w-]*\.[\w-]*\.?[\w-]*/g, '[token]')
		.replace(/(token\s*[=:]\s*)("?)[^\s",;)]+/gi, '$1$2[token]')
		.slice(0, 500);
}

function read(path: string, httpCode: number, text: string): Outcome {
	const body = parseAnswer(text);
	if (body === undefined || typeof body === 'string') {
		const errMsg = typeof body === 'string' ? `not JSON: ${redact(body).slice(0, 120)}` : undefined;
		return { ok: false, failure: { path, httpCode, errMsg } };
	}
	const errCode = Number(body.errCode ?? NaN);
	if (httpCode >= 200 && httpCode < 300 && errCode === 0) return { ok: true, body };
	return {
		ok: false,
		failure: {
			path,
			httpCode,
			errCode: Number.isNaN(errCode) ? undefined : errCode,
			errMsg: redact(body.errMsg),
			errDlt: redact(body.errDlt),
		},
	};
}

/** OpenIM 3.x: operationID travels in a header, the admin token in the `token` header. */
export const v3: Generation = {
	apiVersion: 'v3',
	option: { name: '3.x', description: 'OpenIM Server 3.0 and later (port 10002)' },
	released: 2023,
	form: 'v3',
	batches: true,
	uploads: true,
	credentialType: 'openImV3Api',
	label: 'OpenIM V3 API',
	exampleUrl: 'http://127.0.0.1:10002',
	endpoints: ENDPOINTS,
	hints: HINTS,
	isTokenError,
	wrap: (operationID, body, credentials, withSecret) => ({
		headers: { operationID },
		// Servers before 3.8.1 check the secret in user_register's body; newer ones would ignore it.
		payload: (withSecret && credentials.issuedBy === LEGACY_AUTH_ROUTE
			? { secret: credentials.secret, ...body }
			: body) as IDataObject,
	}),
	read,
	isAlreadyRegistered: (failure) => failure.errCode === 1102,
	blamesEntries,
};
