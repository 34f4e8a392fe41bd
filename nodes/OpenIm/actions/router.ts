import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { generationOf } from '../api';
import { friend } from './friend';
import { group } from './group';
import { message } from './message';
import { checkNumber } from '../helpers/params';
import { CONCURRENCY } from './common.descriptions';
import { offers, type Resource } from './operation';
import { user } from './user';

export const resources: Record<string, Resource> = { user, group, friend, message };

/** What a failed item carries on with when Continue On Fail is on: what happened, never the request. */
function errorJson(error: NodeApiError | NodeOperationError): IDataObject {
	const cause = (error instanceof NodeApiError ? error.errorResponse : undefined) as IDataObject | undefined;
	return {
		error: error.message,
		...(error.description && { description: error.description }),
		...(cause?.errCode !== undefined && { errCode: cause.errCode }),
		...(cause?.endpoint !== undefined && { endpoint: cause.endpoint }),
		...(error instanceof NodeApiError && error.httpCode && { httpCode: error.httpCode }),
	};
}

/**
 * Runs the chosen operation once per input item, pairing every output to its
 * item and keeping input order, with up to `options.concurrency` items in flight.
 * Without Continue On Fail, the first failing item (in input order) stops the run.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.operations[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not supported`);
	}
	const api = generationOf(this);
	if (!offers(api, resource, operationName, operation)) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of "${resource}" is not offered for OpenIM Version ${api.apiVersion}`,
			{ description: 'OpenIM 3.x has no such route. Pick another operation, or set OpenIM Version to the server you run.' },
		);
	}
	// n8n sends an item to the error output only if `error` is set on it, and then keeps only the
	// message in its json; on the regular output the item keeps errCode, description and endpoint.
	const toErrorOutput = this.getNode().onError === 'continueErrorOutput';
	const failedItem = (error: NodeApiError | NodeOperationError, item: number): INodeExecutionData => ({
		json: errorJson(error),
		...(toErrorOutput && { error }),
		pairedItem: { item },
	});

	let concurrency: number;
	try {
		concurrency = checkNumber(this, CONCURRENCY, this.getNodeParameter(CONCURRENCY.name, 0, 1), 0, {
			integer: true,
			min: 1,
			max: 64,
		});
	} catch (error) {
		// A setting of the whole run: with Continue On Fail, every item carries the error.
		const failure = new NodeOperationError(this.getNode(), error as Error);
		if (!this.continueOnFail()) throw failure;
		return [items.map((_, item) => failedItem(failure, item))];
	}

	const runItem = async (itemIndex: number): Promise<INodeExecutionData[]> => {
		try {
			const results = await operation.execute.call(this, itemIndex, api);
			return results.map((json) => ({ json, pairedItem: { item: itemIndex } }));
		} catch (caught) {
			const error =
				caught instanceof NodeApiError
					? new NodeApiError(this.getNode(), caught as unknown as JsonObject, { itemIndex })
					: new NodeOperationError(this.getNode(), caught as Error, { itemIndex });
			if (!this.continueOnFail()) throw error;
			return [failedItem(error, itemIndex)];
		}
	};

	const outputs: INodeExecutionData[][] = new Array(items.length);
	let next = 0;
	const stop: { itemIndex: number; error?: unknown } = { itemIndex: items.length };
	const worker = async () => {
		while (next < stop.itemIndex) {
			const itemIndex = next++;
			try {
				outputs[itemIndex] = await runItem(itemIndex);
			} catch (error) {
				if (itemIndex < stop.itemIndex) Object.assign(stop, { itemIndex, error });
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
	if (stop.itemIndex < items.length) throw stop.error;
	return [outputs.flat()];
}
