import { randomUUID } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { Generation, OpenImFailure, Outcome } from '../api/types';
import { v2021 } from '../api/v2021';
import { normalizeBaseUrl } from './baseUrl';
import { failureBody, hintFor } from './errors';
import { jsonPost, networkFailure, responseText, type NetworkFailure } from './network';
import { ssrfRefusal } from './ssrf';

const DEFAULT_TIMEOUT_MS = 30000;

export interface RequestSettings {
	itemIndex: number;
	operationID?: string;
	timeout?: number;
	/** The endpoint checks the credential's secret in the body. */
	withSecret?: boolean;
	/** Reads only: safe to send again after a network failure or an unavailable server. */
	idempotent?: boolean;
	/** The API generation the node speaks; typeVersion 1 nodes speak 2021. */
	api?: Generation;
}

/** Delays before the second and third try of a read. */
const READ_BACKOFF_MS = [200, 800];
const UNAVAILABLE = [502, 503, 504];

interface Connection {
	api: Generation;
	baseUrl: string;
	credentials: ICredentialDataDecryptedObject;
	/** A refresh in flight, shared by every request that met a token error meanwhile. */
	refresh?: Promise<unknown>;
	refreshes: number;
	/**
	 * Settles when the run's first request has. Parallel requests wait for it, so
	 * that a missing token is fetched once rather than by every request at once.
	 */
	firstRequest?: Promise<void>;
}

/** One credential read per node run: n8n reads and decrypts credentials on every read. */
const connections = new WeakMap<object, Promise<Connection>>();

async function openConnection(ctx: IExecuteFunctions, api: Generation, itemIndex: number): Promise<Connection> {
	const credentials = await ctx.getCredentials(api.credentialType, itemIndex);
	try {
		return { api, baseUrl: normalizeBaseUrl(credentials.baseUrl, { credential: api.label, example: api.exampleUrl }), credentials, refreshes: 0 };
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, { itemIndex });
	}
}

function connection(ctx: IExecuteFunctions, api: Generation, itemIndex: number): Promise<Connection> {
	let pending = connections.get(ctx);
	if (!pending) {
		pending = openConnection(ctx, api, itemIndex);
		pending.catch(() => connections.delete(ctx));
		connections.set(ctx, pending);
	}
	return pending;
}

/** What OpenIM answered, for callers that handle some failures themselves (createOrUpdate). */
const failures = new WeakMap<object, OpenImFailure>();

export function failureOf(error: unknown): OpenImFailure | undefined {
	return typeof error === 'object' && error !== null ? failures.get(error) : undefined;
}

/** The error as n8n wants it thrown again from a catch, still telling failureOf what OpenIM answered. */
export function passOn(ctx: IExecuteFunctions, error: unknown): NodeApiError | NodeOperationError {
	if (!(error instanceof NodeApiError)) return new NodeOperationError(ctx.getNode(), error as Error);
	const again = new NodeApiError(ctx.getNode(), error as unknown as JsonObject);
	const failure = failureOf(error);
	if (failure) failures.set(again, failure);
	return again;
}

function apiError(ctx: IExecuteFunctions, api: Generation, failure: OpenImFailure, itemIndex: number): NodeApiError {
	const { message, hint } = hintFor(failure, api.hints);
	const code = failure.errCode !== undefined ? ` (errCode ${failure.errCode})` : ` (HTTP ${failure.httpCode})`;
	const detail = [failure.errMsg, failure.errDlt].filter(Boolean).join(': ');
	const said = detail ? ` OpenIM said: "${detail}".` : '';
	const error = new NodeApiError(ctx.getNode(), failureBody(failure) as JsonObject, {
		message: `${message}${code}`,
		description: `${hint}${said}`,
		httpCode: String(failure.httpCode),
		itemIndex,
	});
	failures.set(error, failure);
	return error;
}

type NetworkHint = (baseUrl: string, timeout: number, credential: string) => [string, string];

const NETWORK_HINTS: Record<NetworkFailure, NetworkHint> = {
	refused: (url, _timeout, credential) => [
		`Could not connect to OpenIM at ${url}`,
		`Nothing was sent. Check Base URL in the ${credential} credential and that the OpenIM API is running.`,
	],
	unknownHost: (url) => [`Could not find the host of ${url}`, 'Nothing was sent. Check the host name in Base URL.'],
	timedOut: (_url, timeout) => [
		`OpenIM did not answer within ${timeout} ms`,
		'The request may have been carried out (a message may have gone out). Check in OpenIM before running it again; raise Timeout under Options if the server is slow.',
	],
	broken: () => [
		'The connection to OpenIM broke before it answered',
		'The request may or may not have been carried out. Check in OpenIM before running it again.',
	],
};

/** Network failures after which a read may be sent again. */
const TRANSIENT: NetworkFailure[] = ['refused', 'timedOut', 'broken'];
const transientErrors = new WeakSet<object>();

/**
 * A request that threw: the network failed, or the credential could not fetch a
 * token. n8n's own error here can carry the request options (with the token
 * header), so a clean error is built from the code and message alone.
 */
function transportError(
	ctx: IExecuteFunctions,
	error: JsonObject,
	{ api, baseUrl }: Connection,
	path: string,
	timeout: number,
	itemIndex: number,
): NodeApiError {
	const failure = networkFailure(error);
	const [message, description] =
		ssrfRefusal(error, baseUrl) ??
		(failure
			? NETWORK_HINTS[failure](baseUrl, timeout, api.label)
			: [String(error.message ?? 'Request to OpenIM failed'), String(error.description ?? '')]);
	const clean = new NodeApiError(ctx.getNode(), { endpoint: path } as JsonObject, {
		message,
		description,
		itemIndex,
	});
	if (failure && TRANSIENT.includes(failure)) transientErrors.add(clean);
	return clean;
}

async function post(
	ctx: IExecuteFunctions,
	conn: Connection,
	path: string,
	request: { headers: IDataObject; payload: IDataObject },
	timeout: number,
	itemIndex: number,
	forceNewToken: boolean,
): Promise<Outcome> {
	const { api } = conn;
	const options = jsonPost(`${conn.baseUrl}/${path}`, request.headers, request.payload, timeout);
	const stored = ctx.getNode().credentials?.[api.credentialType];
	// The run's credentials are handed over, so n8n does not read and decrypt them again for every
	// request. An empty expirable token makes n8n run preAuthentication, store the new token and
	// write it into `data`.
	const data = forceNewToken ? { ...conn.credentials, token: '' } : conn.credentials;
	const additional = stored
		? { credentialsDecrypted: { id: stored.id ?? '', name: stored.name, type: api.credentialType, data } }
		: undefined;
	let response: { statusCode: number; body: unknown };
	try {
		response = await ctx.helpers.httpRequestWithAuthentication.call(ctx, api.credentialType, options, additional);
	} catch (error) {
		throw transportError(ctx, error as JsonObject, conn, path, timeout, itemIndex);
	} finally {
		if (data.token) Object.assign(conn.credentials, data);
	}
	return api.read(path, response.statusCode, responseText(response.body));
}

/**
 * Sends once and, after a token error, once more with a fresh token. Requests
 * that meet a token error while a refresh is under way wait for it and reuse it.
 */
async function withTokenRefresh(conn: Connection, send: (forceNewToken: boolean) => Promise<Outcome>): Promise<Outcome> {
	const refreshesBefore = conn.refreshes;
	const outcome = await send(false);
	if (outcome.ok || !conn.api.isTokenError(outcome.failure)) return outcome;
	if (conn.refresh) await conn.refresh;
	const alreadyRefreshed = conn.refreshes > refreshesBefore;
	const retry = send(!alreadyRefreshed);
	if (!alreadyRefreshed) {
		const settle = () => {
			conn.refreshes++;
			conn.refresh = undefined;
		};
		conn.refresh = retry.then(settle, settle);
	}
	return await retry;
}

/**
 * POSTs one OpenIM server API call and returns the answer's body (errCode 0).
 * A token error gets one fresh token and one retry: OpenIM refuses a bad token
 * before acting, so nothing is sent twice. Reads are also tried again after a
 * network failure or an unavailable server; writes never are, since they may
 * have been carried out. Every other failure is thrown as it is.
 */
export async function openImRequest(
	this: IExecuteFunctions,
	path: string,
	body: IDataObject,
	settings: RequestSettings,
): Promise<IDataObject> {
	const { itemIndex } = settings;
	const timeout = settings.timeout ?? DEFAULT_TIMEOUT_MS;
	const conn = await connection(this, settings.api ?? v2021, itemIndex);
	const withSecret = settings.withSecret === true;
	// What the request carries besides its operationID, to tell whether the token fetch changed it.
	const shape = () => JSON.stringify(conn.api.wrap('', body, conn.credentials, withSecret).payload);
	let sentShape = '';
	const send = async (forceNewToken: boolean): Promise<Outcome> => {
		for (let attempt = 0; ; attempt++) {
			const retryable = settings.idempotent === true && attempt < READ_BACKOFF_MS.length;
			// Every HTTP request gets its own operationID (unless the user set one), retries and resends too:
			// OpenIM's logs then tell each attempt apart.
			const request = conn.api.wrap(settings.operationID || randomUUID(), body, conn.credentials, withSecret);
			sentShape = shape();
			try {
				const outcome = await post(this, conn, path, request, timeout, itemIndex, forceNewToken);
				if (outcome.ok || !retryable || !UNAVAILABLE.includes(outcome.failure.httpCode)) return outcome;
			} catch (error) {
				if (!retryable || !transientErrors.has(error as object)) throw new NodeApiError(this.getNode(), error as JsonObject);
			}
			await sleep(READ_BACKOFF_MS[attempt]);
		}
	};
	let settleFirst: (() => void) | undefined;
	if (conn.firstRequest) await conn.firstRequest;
	else conn.firstRequest = new Promise<void>((resolve) => (settleFirst = resolve));
	let outcome: Outcome;
	try {
		outcome = await withTokenRefresh(conn, send);
	} finally {
		settleFirst?.();
	}
	if (!outcome.ok && withSecret) {
		// A new credential's first request is built before its token fetch tells which server it is; a 3.x
		// server before 3.8.1 refuses a register without the secret before doing anything, so it goes again.
		if (shape() !== sentShape) outcome = await withTokenRefresh(conn, send);
	}
	if (!outcome.ok) throw apiError(this, conn.api, outcome.failure, itemIndex);
	return outcome.body;
}
