import { randomUUID } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeCredentialsDetails,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { Generation, OpenImFailure, Outcome } from '../api/types';
import type { RunParameters } from '../helpers/params';
import { normalizeBaseUrl } from './baseUrl';
import { failureBody, hintFor } from './errors';
import { jsonPost, networkFailure, responseText, type NetworkFailure } from './network';
import { ssrfRefusal } from './ssrf';

const DEFAULT_TIMEOUT_MS = 30000;

/** Delays before the second and third try of a read. */
const READ_BACKOFF_MS = [200, 800];
const UNAVAILABLE = [502, 503, 504];

export interface RequestSettings {
	/** The item the request is for: its credential read and the label of its errors. */
	itemIndex: number;
	operationID?: string;
	timeout?: number;
	/** The endpoint checks the credential's secret in the body. */
	withSecret?: boolean;
	/** Reads only: safe to send again after a network failure or an unavailable server. */
	idempotent?: boolean;
}

/** A generation as one node run speaks it: with the run's client, opened by the router. */
export interface Session extends Generation {
	client: OpenImClient;
	/** The run's parameters, read through one reader per item. */
	params: RunParameters;
}

interface ErrorFacts {
	/** What OpenIM answered, for callers that handle some failures themselves. */
	failure?: OpenImFailure;
	/** A network failure after which a read may be sent again. */
	transient?: boolean;
}

/**
 * An OpenIM call that failed: what n8n shows, and what OpenIM answered (errCode,
 * endpoint, hint) on the error itself, so that it survives any rethrow.
 */
export class OpenImError extends NodeApiError {
	readonly failure?: OpenImFailure;

	readonly transient: boolean;

	constructor(
		node: INode,
		body: JsonObject,
		options: { message: string; description: string; httpCode?: string; itemIndex?: number },
		facts: ErrorFacts = {},
	) {
		super(node, body, options);
		// What n8n, saved executions and workflows that test the error's name know it as.
		this.name = 'NodeApiError';
		this.failure = facts.failure;
		this.transient = facts.transient === true;
	}

	/** The same error as another item's: the items of one batch share their request's error. */
	forItem(node: INode, itemIndex: number): OpenImError {
		if (this.context.itemIndex === itemIndex) return this;
		const { message, description, httpCode } = this;
		const options = {
			message,
			description: description ?? '',
			httpCode: httpCode ?? undefined,
			itemIndex,
		};
		return new OpenImError(node, (this.errorResponse ?? {}) as JsonObject, options, this);
	}
}

/**
 * The code n8n's error details show as "Error code": OpenIM's errCode where it answered inside an
 * HTTP 200, so that the details do not contradict the message with a 200.
 */
function panelCode({ httpCode, errCode }: OpenImFailure): number {
	return httpCode === 200 && errCode !== undefined ? errCode : httpCode;
}

/** What OpenIM answered to a failed call, if the error is one. */
export function failureOf(error: unknown): OpenImFailure | undefined {
	return error instanceof OpenImError ? error.failure : undefined;
}

type NetworkHint = (baseUrl: string, timeout: number, credential: string) => [string, string];

const NETWORK_HINTS: Record<NetworkFailure, NetworkHint> = {
	refused: (url, _timeout, credential) => [
		`Could not connect to OpenIM at ${url}`,
		`Nothing was sent. Check Base URL in the ${credential} credential and that the OpenIM API is running.`,
	],
	unknownHost: (url) => [
		`Could not find the host of ${url}`,
		'Nothing was sent. Check the host name in Base URL.',
	],
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

interface Connection {
	baseUrl: string;
	credentials: ICredentialDataDecryptedObject;
	/** The node's reference to the credential (id, name), handed to n8n with the data. */
	stored?: INodeCredentialsDetails;
}

/**
 * One node run's way to OpenIM: the credential read once, the run's first
 * request alone (so that a missing token is fetched once), one shared token
 * refresh, retries of reads, and errors that carry what OpenIM answered.
 */
export class OpenImClient {
	private credentials?: Promise<ICredentialDataDecryptedObject>;

	/** Built once the credential is read and its base URL is good. */
	private connection?: Connection;

	/** A refresh in flight, shared by every request that met a token error meanwhile. */
	private refresh?: Promise<unknown>;

	private refreshes = 0;

	/** Settles when the run's first request has; parallel requests wait for it. */
	private firstRequest?: Promise<void>;

	constructor(
		private readonly ctx: IExecuteFunctions,
		readonly api: Generation,
	) {}

	/** The run's credential, read for the item of its first request, and its base URL. */
	private async connect(itemIndex: number): Promise<Connection> {
		if (this.connection) return this.connection;
		const { api, ctx } = this;
		if (!this.credentials) {
			this.credentials = ctx.getCredentials(api.credentialType, itemIndex);
			// A failed read is tried again by the next item, which gets an error of its own.
			this.credentials.catch(() => (this.credentials = undefined));
		}
		const credentials = await this.credentials;
		let baseUrl: string;
		try {
			baseUrl = normalizeBaseUrl(credentials.baseUrl, {
				credential: api.label,
				example: api.exampleUrl,
			});
		} catch (error) {
			throw new NodeOperationError(ctx.getNode(), (error as Error).message, { itemIndex });
		}
		// getNode() copies the whole node: read once for the run, not for every request.
		const stored = ctx.getNode().credentials?.[api.credentialType];
		this.connection ??= { baseUrl, credentials, stored };
		return this.connection;
	}

	/**
	 * POSTs one OpenIM server API call and returns the answer's body (errCode 0).
	 * A token error gets one fresh token and one retry: OpenIM refuses a bad token
	 * before acting, so nothing is sent twice. Reads are also tried again after a
	 * network failure or an unavailable server; writes never are, since they may
	 * have been carried out. Every other failure is thrown as an OpenImError.
	 */
	async request(path: string, body: IDataObject, settings: RequestSettings): Promise<IDataObject> {
		const { itemIndex } = settings;
		const conn = await this.connect(itemIndex);
		try {
			return await this.answer(conn, path, body, settings);
		} catch (error) {
			// The item is named here, once for every failure of the request.
			throw error instanceof OpenImError ? error.forItem(this.ctx.getNode(), itemIndex) : error;
		}
	}

	private async answer(
		conn: Connection,
		path: string,
		body: IDataObject,
		settings: RequestSettings,
	): Promise<IDataObject> {
		const timeout = settings.timeout ?? DEFAULT_TIMEOUT_MS;
		const withSecret = settings.withSecret === true;
		// What a request with the secret carries besides its operationID, to tell whether the token
		// fetch changed it (the others are not compared, so not written out).
		const shape = () =>
			withSecret ? JSON.stringify(this.api.wrap('', body, conn.credentials, true).payload) : '';
		let sentShape = '';
		const send = async (forceNewToken: boolean): Promise<Outcome> => {
			for (let attempt = 0; ; attempt++) {
				const retryable = settings.idempotent === true && attempt < READ_BACKOFF_MS.length;
				// Every HTTP request gets its own operationID (unless the user set one), retries and
				// resends too: OpenIM's logs then tell each attempt apart.
				const operationID = settings.operationID || randomUUID();
				const request = this.api.wrap(operationID, body, conn.credentials, withSecret);
				sentShape = shape();
				try {
					const outcome = await this.post(conn, path, request, timeout, forceNewToken);
					if (outcome.ok || !retryable || !UNAVAILABLE.includes(outcome.failure.httpCode)) {
						return outcome;
					}
				} catch (error) {
					// post throws only OpenImErrors.
					const failed = error as OpenImError;
					if (!retryable || !failed.transient) throw failed;
				}
				await sleep(READ_BACKOFF_MS[attempt]);
			}
		};
		let outcome = await this.firstAlone(() => this.withTokenRefresh(send));
		if (!outcome.ok && withSecret) {
			// A new credential's first request is built before its token fetch tells which server it
			// is; a 3.x server before 3.8.1 refuses a register without the secret before doing
			// anything, so it goes again.
			if (shape() !== sentShape) outcome = await this.withTokenRefresh(send);
		}
		if (!outcome.ok) throw this.apiError(outcome.failure);
		return outcome.body;
	}

	private async firstAlone<T>(run: () => Promise<T>): Promise<T> {
		let settleFirst: (() => void) | undefined;
		if (this.firstRequest) await this.firstRequest;
		else this.firstRequest = new Promise<void>((resolve) => (settleFirst = resolve));
		try {
			return await run();
		} finally {
			settleFirst?.();
		}
	}

	/**
	 * Sends once and, after a token error, once more with a fresh token. Requests
	 * that meet a token error while a refresh is under way wait for it and reuse it.
	 */
	private async withTokenRefresh(
		send: (forceNewToken: boolean) => Promise<Outcome>,
	): Promise<Outcome> {
		const refreshesBefore = this.refreshes;
		const outcome = await send(false);
		if (outcome.ok || !this.api.isTokenError(outcome.failure)) return outcome;
		if (this.refresh) await this.refresh;
		const alreadyRefreshed = this.refreshes > refreshesBefore;
		const retry = send(!alreadyRefreshed);
		if (!alreadyRefreshed) {
			const settle = () => {
				this.refreshes++;
				this.refresh = undefined;
			};
			this.refresh = retry.then(settle, settle);
		}
		return await retry;
	}

	private async post(
		conn: Connection,
		path: string,
		request: { headers: IDataObject; payload: IDataObject },
		timeout: number,
		forceNewToken: boolean,
	): Promise<Outcome> {
		const { api, ctx } = this;
		const options = jsonPost(`${conn.baseUrl}/${path}`, request.headers, request.payload, timeout);
		const { stored } = conn;
		// The run's credentials are handed over, so n8n does not read and decrypt them again for
		// every request. An empty expirable token makes n8n run preAuthentication, store the new
		// token and write it into `data`.
		const data = forceNewToken ? { ...conn.credentials, token: '' } : conn.credentials;
		const decrypted = stored && {
			id: stored.id ?? '',
			name: stored.name,
			type: api.credentialType,
			data,
		};
		const additional = decrypted ? { credentialsDecrypted: decrypted } : undefined;
		let response: { statusCode: number; body: unknown };
		try {
			const helpers = ctx.helpers;
			response = await helpers.httpRequestWithAuthentication.call(
				ctx,
				api.credentialType,
				options,
				additional,
			);
		} catch (error) {
			throw this.transportError(error as JsonObject, conn.baseUrl, path, timeout);
		} finally {
			if (data.token) Object.assign(conn.credentials, data);
		}
		return api.read(path, response.statusCode, responseText(response.body));
	}

	private apiError(failure: OpenImFailure): OpenImError {
		const { message, hint } = hintFor(failure, this.api.hints);
		const code =
			failure.errCode !== undefined
				? ` (errCode ${failure.errCode})`
				: ` (HTTP ${failure.httpCode})`;
		const detail = [failure.errMsg, failure.errDlt].filter(Boolean).join(': ');
		const said = detail ? ` OpenIM said: "${detail}".` : '';
		const options = {
			message: `${message}${code}`,
			description: `${hint}${said}`,
			httpCode: String(panelCode(failure)),
		};
		return new OpenImError(this.ctx.getNode(), failureBody(failure) as JsonObject, options, {
			failure,
		});
	}

	/**
	 * A request that threw: the network failed, or the credential could not fetch a
	 * token. n8n's own error here can carry the request options (with the token
	 * header), so a clean error is built from the code and message alone.
	 */
	private transportError(
		error: JsonObject,
		baseUrl: string,
		path: string,
		timeout: number,
	): OpenImError {
		const failure = networkFailure(error);
		const [message, description] =
			ssrfRefusal(error, baseUrl) ??
			(failure
				? NETWORK_HINTS[failure](baseUrl, timeout, this.api.label)
				: [String(error.message ?? 'Request to OpenIM failed'), String(error.description ?? '')]);
		const transient = failure !== undefined && TRANSIENT.includes(failure);
		const options = { message, description };
		return new OpenImError(this.ctx.getNode(), { endpoint: path } as JsonObject, options, {
			transient,
		});
	}
}
