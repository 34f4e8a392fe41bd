import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { friend } from './friend';
import { group } from './group';
import { message } from './message';
import type { Resource } from './operation';
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

/** Runs the chosen operation once per input item, in order, pairing every output to its item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.operations[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not supported`);
	}
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const results = await operation.execute.call(this, itemIndex);
			for (const json of results) returnData.push({ json, pairedItem: { item: itemIndex } });
		} catch (caught) {
			const error =
				caught instanceof NodeApiError
					? new NodeApiError(this.getNode(), caught as unknown as JsonObject, { itemIndex })
					: new NodeOperationError(this.getNode(), caught as Error, { itemIndex });
			if (!this.continueOnFail()) throw error;
			returnData.push({ json: errorJson(error), pairedItem: { item: itemIndex } });
		}
	}
	return [returnData];
}
