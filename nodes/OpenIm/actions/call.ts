import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Endpoint, Endpoints, PageInput, Refuse } from '../api/types';
import { ParameterError } from '../helpers/params';
import { failureOf, type RequestSettings, type Session } from '../transport';

/** The generation's endpoint of an operation; the router offers only operations a generation has. */
export function endpointOf<K extends keyof Endpoints>(
	ctx: IExecuteFunctions,
	api: Session,
	key: K,
): NonNullable<Endpoints[K]> {
	const endpoint = api.endpoints[key];
	if (!endpoint)
		throw new NodeOperationError(
			ctx.getNode(),
			`${key} is not offered for OpenIM ${api.apiVersion}`,
		);
	return endpoint as NonNullable<Endpoints[K]>;
}

/**
 * Builds the request of one endpoint now, so that a bad input is refused before
 * any request of the item, and returns what sends it.
 */
export function prepare<I>(
	ctx: IExecuteFunctions,
	api: Session,
	endpoint: Endpoint<I>,
	input: I,
	settings: RequestSettings,
): () => Promise<IDataObject[]> {
	const refuse: Refuse = (param, problem) => {
		throw new ParameterError(param, problem);
	};
	const body = endpoint.body(input, refuse);
	const options = { ...settings, idempotent: endpoint.idempotent, withSecret: endpoint.withSecret };
	const send = async () =>
		endpoint.read(await api.client.request(endpoint.path, body, options), input);
	const { fallback } = endpoint;
	if (!fallback) return send;
	return async () => {
		try {
			return await send();
		} catch (error) {
			// The request's own error (an OpenImError, or a refused parameter), passed on as it is.
			if (failureOf(error)?.httpCode !== 404) throw error as NodeOperationError;
			return await prepare(ctx, api, fallback, input, settings)();
		}
	};
}

export async function call<I>(
	ctx: IExecuteFunctions,
	api: Session,
	endpoint: Endpoint<I>,
	input: I,
	settings: RequestSettings,
): Promise<IDataObject[]> {
	return await prepare(ctx, api, endpoint, input, settings)();
}

/**
 * A listing up to `limit` entries (all without one): page after page where the
 * generation pages, one request where it answers everything at once.
 */
export async function collect(
	ctx: IExecuteFunctions,
	api: Session,
	endpoint: Endpoint<PageInput>,
	filters: IDataObject,
	limit: number | undefined,
	settings: RequestSettings,
): Promise<IDataObject[]> {
	const size = endpoint.pageSize;
	if (size === undefined) {
		const all = await call(ctx, api, endpoint, { page: { number: 1, size: 0 }, filters }, settings);
		return all.slice(0, limit);
	}
	const entries: IDataObject[] = [];
	for (let number = 1; limit === undefined || entries.length < limit; number++) {
		const page = await call(ctx, api, endpoint, { page: { number, size }, filters }, settings);
		entries.push(...page);
		if (page.length < size) break;
	}
	return entries.slice(0, limit);
}
