import type { IDataObject } from 'n8n-workflow';

import { parseAnswer } from '../../transport/network';
import type { Generation, Outcome } from '../types';
import { ENDPOINTS } from './endpoints';
import { HINTS, isTokenError } from './errors';

function read(path: string, httpCode: number, text: string): Outcome {
	const body = parseAnswer(text);
	if (body === undefined || typeof body === 'string') {
		const errMsg = typeof body === 'string' ? `not JSON: ${body.slice(0, 120)}` : undefined;
		return { ok: false, failure: { path, httpCode, errMsg } };
	}
	// get_user_info answers RPC failures with errorCode/errorMsg instead of errCode/errMsg.
	const errCode = Number(body.errCode ?? body.errorCode ?? NaN);
	const errMsg = String(body.errMsg ?? body.errorMsg ?? '');
	if (httpCode >= 200 && httpCode < 300 && errCode === 0) return { ok: true, body };
	return {
		ok: false,
		failure: { path, httpCode, errCode: Number.isNaN(errCode) ? undefined : errCode, errMsg },
	};
}

/** The 2021 server: operationID and, for auth/*, the secret travel in the body. */
export const v2021: Generation = {
	apiVersion: '2021',
	option: { name: '2021 API (1.x)', description: 'The OpenIM server of 2021 (port 10000)' },
	released: 2021,
	form: '2021',
	batches: false,
	uploads: false,
	credentialType: 'openImApi',
	label: 'OpenIM 2021 Server API',
	exampleUrl: 'http://127.0.0.1:10000',
	endpoints: ENDPOINTS,
	hints: HINTS,
	isTokenError,
	wrap: (operationID, body, credentials, withSecret) => ({
		headers: {},
		payload: {
			operationID,
			...(withSecret && { secret: credentials.secret }),
			...body,
		} as IDataObject,
	}),
	read,
	// The 2021 server reports an existing user as a MySQL duplicate.
	isAlreadyRegistered: (failure) => /Duplicate entry/i.test(failure.errMsg ?? ''),
};
