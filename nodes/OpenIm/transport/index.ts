import { randomUUID } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { normalizeBaseUrl } from './baseUrl';
import { failureBody, hintFor, isTokenError, type OpenImFailure } from './errors';
import { parseJsonExact } from './json';
import { ssrfRefusal } from './ssrf';

const CREDENTIAL_TYPE = 'openImApi';
const DEFAULT_TIMEOUT_MS = 30000;

export interface RequestSettings {
	itemIndex: number;
	operationID?: string;
	timeout?: number;
	/** auth/* endpoints take the credential's secret in the body. */
	withSecret?: boolean;
	/** Reads only: safe to send again after a network failure or an unavailable server. */
	idempotent?: boolean;
}

/** Delays before the second and third try of a read. */
const READ_BACKOFF_MS = [200, 800];
const UNAVAILABLE = [502, 503, 504];

interface Connection {
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

type Outcome = { ok: true; body: IDataObject } | { ok: false; failure: OpenImFailure };

/** One credential read per node run: n8n reads and decrypts credentials on every read. */
const connections = new WeakMap<object, Promise<Connection>>();

async function openConnection(ctx: IExecuteFunctions, itemIndex: number): Promise<Connection> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE, itemIndex);
	try {
		return { baseUrl: normalizeBaseUrl(credentials.baseUrl), credentials, refreshes: 0 };
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, { itemIndex });
	}
}

function connection(ctx: IExecuteFunctions, itemIndex: number): Promise<Connection> {
	let pending = connections.get(ctx);
	if (!pending) {
		pending = openConnection(ctx, itemIndex);
		pending.catch(() => connections.delete(ctx));
		connections.set(ctx, pending);
	}
	return pending;
}

function interpret(path: string, httpCode: number, text: string): Outcome {
	let body: unknown;
	try {
		body = text.trim() ? parseJsonExact(text) : undefined;
	} catch {
		body = text;
	}
	if (body === undefined || typeof body !== 'object' || body === null || Array.isArray(body)) {
		const errMsg = typeof body === 'string' ? `not JSON: ${body.slice(0, 120)}` : undefined;
		return { ok: false, failure: { path, httpCode, errMsg } };
	}
	const data = body as IDataObject;
	// get_user_info answers RPC failures with errorCode/errorMsg instead of errCode/errMsg.
	const errCode = Number(data.errCode ?? data.errorCode ?? NaN);
	const errMsg = String(data.errMsg ?? data.errorMsg ?? '');
	if (httpCode >= 200 && httpCode < 300 && errCode === 0) return { ok: true, body: data };
	return {
		ok: false,
		failure: { path, httpCode, errCode: Number.isNaN(errCode) ? undefined : errCode, errMsg },
	};
}

/** What OpenIM answered, for callers that handle some failures themselves (createOrUpdate). */
const failures = new WeakMap<object, OpenImFailure>();

export function failureOf(error: unknown): OpenImFailure | undefined {
	return typeof error === 'object' && error !== null ? failures.get(error) : undefined;
}

function apiError(ctx: IExecuteFunctions, failure: OpenImFailure, itemIndex: number): NodeApiError {
	const { message, hint } = hintFor(failure);
	const code = failure.errCode !== undefined ? ` (errCode ${failure.errCode})` : ` (HTTP ${failure.httpCode})`;
	const said = failure.errMsg ? ` OpenIM said: "${failure.errMsg}".` : '';
	const error = new NodeApiError(ctx.getNode(), failureBody(failure) as JsonObject, {
		message: `${message}${code}`,
		description: `${hint}${said}`,
		httpCode: String(failure.httpCode),
		itemIndex,
	});
	failures.set(error, failure);
	return error;
}

type NetworkHint = (baseUrl: string, timeout: number) => [string, string];

const refused: NetworkHint = (url) => [
	`Could not connect to OpenIM at ${url}`,
	'Nothing was sent. Check Base URL in the OpenIM API credential and that the OpenIM API is running.',
];
const unknownHost: NetworkHint = (url) => [
	`Could not find the host of ${url}`,
	'Nothing was sent. Check the host name in Base URL.',
];
const timedOut: NetworkHint = (_url, timeout) => [
	`OpenIM did not answer within ${timeout} ms`,
	'The request may have been carried out (a message may have gone out). Check in OpenIM before running it again; raise Timeout under Options if the server is slow.',
];
const broken: NetworkHint = () => [
	'The connection to OpenIM broke before it answered',
	'The request may or may not have been carried out. Check in OpenIM before running it again.',
];

/**
 * n8n keeps only the texts of a network error (its own message and the
 * original one), so the failure is recognised from those.
 */
const NETWORK_HINTS: Array<[RegExp, NetworkHint]> = [
	[/ECONNREFUSED|refused the connection/i, refused],
	[/ENOTFOUND|EAI_AGAIN|getaddrinfo/i, unknownHost],
	[/ECONNABORTED|ETIMEDOUT|timeout of \d+ms exceeded|connection was aborted/i, timedOut],
	[/ECONNRESET|EPIPE|socket hang up|closed unexpectedly|stream has been aborted|\baborted\b/i, broken],
];

/** Network failures after which a read may be sent again. */
const TRANSIENT: NetworkHint[] = [refused, timedOut, broken];
const transientErrors = new WeakSet<object>();

function networkHint(error: JsonObject): NetworkHint | undefined {
	const texts = [error.code, (error.cause as JsonObject | undefined)?.code, error.message, ...((error.messages as string[]) ?? [])];
	const text = texts.filter((entry) => typeof entry === 'string').join(' ');
	return NETWORK_HINTS.find(([pattern]) => pattern.test(text))?.[1];
}

/**
 * A request that threw: the network failed, or the credential could not fetch a
 * token. n8n's own error here can carry the request options (with the token
 * header), so a clean error is built from the code and message alone.
 */
function transportError(
	ctx: IExecuteFunctions,
	error: JsonObject,
	baseUrl: string,
	path: string,
	timeout: number,
	itemIndex: number,
): NodeApiError {
	const hint = networkHint(error);
	const [message, description] = ssrfRefusal(error, baseUrl) ??
		(hint ? hint(baseUrl, timeout) : [String(error.message ?? 'Request to OpenIM failed'), String(error.description ?? '')]);
	const clean = new NodeApiError(ctx.getNode(), { endpoint: path } as JsonObject, {
		message,
		description,
		itemIndex,
	});
	if (hint && TRANSIENT.includes(hint)) transientErrors.add(clean);
	return clean;
}

async function post(
	ctx: IExecuteFunctions,
	conn: Connection,
	path: string,
	payload: IDataObject,
	timeout: number,
	itemIndex: number,
	forceNewToken: boolean,
): Promise<Outcome> {
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: `${conn.baseUrl}/${path}`,
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(payload),
		json: false,
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout,
	};
	const stored = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
	// The run's credentials are handed over, so n8n does not read and decrypt them again for every
	// request. An empty expirable token makes n8n run preAuthentication, store the new token and
	// write it into `data`.
	const data = forceNewToken ? { ...conn.credentials, token: '' } : conn.credentials;
	const additional = stored
		? { credentialsDecrypted: { id: stored.id ?? '', name: stored.name, type: CREDENTIAL_TYPE, data } }
		: undefined;
	let response: { statusCode: number; body: unknown };
	try {
		response = await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, options, additional);
	} catch (error) {
		throw transportError(ctx, error as JsonObject, conn.baseUrl, path, timeout, itemIndex);
	} finally {
		if (data.token) conn.credentials.token = data.token;
	}
	const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? '');
	return interpret(path, response.statusCode, text);
}

/**
 * Sends once and, after a token error, once more with a fresh token. Requests
 * that meet a token error while a refresh is under way wait for it and reuse it.
 */
async function withTokenRefresh(conn: Connection, send: (forceNewToken: boolean) => Promise<Outcome>): Promise<Outcome> {
	const refreshesBefore = conn.refreshes;
	const outcome = await send(false);
	if (outcome.ok || !isTokenError(outcome.failure)) return outcome;
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
	const conn = await connection(this, itemIndex);
	const payload: IDataObject = {
		operationID: settings.operationID || randomUUID(),
		...(settings.withSecret && { secret: conn.credentials.secret }),
		...body,
	};
	const send = async (forceNewToken: boolean): Promise<Outcome> => {
		for (let attempt = 0; ; attempt++) {
			const retryable = settings.idempotent === true && attempt < READ_BACKOFF_MS.length;
			try {
				const outcome = await post(this, conn, path, payload, timeout, itemIndex, forceNewToken);
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
	if (!outcome.ok) throw apiError(this, outcome.failure, itemIndex);
	return outcome.body;
}
