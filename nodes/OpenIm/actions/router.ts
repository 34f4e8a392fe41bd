import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { generationOf } from '../api';
import type { Settled } from '../helpers/batch';
import { conversation } from './conversation';
import { friend } from './friend';
import { group } from './group';
import { message } from './message';
import { checkNumber, ParameterError, RunParameters } from '../helpers/params';
import { OpenImClient, OpenImError, type Session } from '../transport';
import { BATCH_SIZE, CONCURRENCY } from './common.descriptions';
import { offers, type Resource } from './operation';
import { user } from './user';

export const resources: Record<string, Resource> = { user, group, friend, message, conversation };

/** The HTTP status of a failed call; an OpenImError shows OpenIM's errCode in n8n's details instead. */
function httpCodeOf(error: NodeApiError | NodeOperationError): string | undefined {
	if (error instanceof OpenImError && error.failure) return String(error.failure.httpCode);
	return (error instanceof NodeApiError && error.httpCode) || undefined;
}

/** What a failed item carries on with when Continue On Fail is on: what happened, never the request. */
function errorJson(error: NodeApiError | NodeOperationError): IDataObject {
	const cause = (error instanceof NodeApiError ? error.errorResponse : undefined) as
		IDataObject | undefined;
	return {
		error: error.message,
		...(error.description && { description: error.description }),
		...(cause?.errCode !== undefined && { errCode: cause.errCode }),
		...(cause?.endpoint !== undefined && { endpoint: cause.endpoint }),
		...(httpCodeOf(error) && { httpCode: httpCodeOf(error) }),
	};
}

/**
 * The error as this item's: n8n hands back a NodeApiError it is given as is, and
 * the items of one batch share the error of their request.
 */
function apiErrorOf(ctx: IExecuteFunctions, error: NodeApiError, itemIndex: number): NodeApiError {
	if (error.context.itemIndex === itemIndex) return error;
	if (error instanceof OpenImError) return error.forItem(ctx.getNode(), itemIndex);
	return new NodeApiError(ctx.getNode(), (error.errorResponse ?? {}) as JsonObject, {
		message: error.message,
		description: error.description ?? undefined,
		httpCode: error.httpCode ?? undefined,
		itemIndex,
	});
}

/**
 * Runs the chosen operation once per input item, or once per batch of
 * `options.batchSize` consecutive items where it packs them into few requests,
 * pairing every output to its item and keeping input order, with up to
 * `options.concurrency` items (or batches) in flight. Without Continue On Fail,
 * the first failing item (in input order) stops the run.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	// A resource a generation has no operation of (Conversation on 2021) shows no Operation selector.
	const fallback = resources[resource]?.defaultOperation;
	const operationName = this.getNodeParameter('operation', 0, fallback) as string;
	const operation = resources[resource]?.operations[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of "${resource}" is not supported`,
		);
	}
	const generation = generationOf(this);
	const api: Session = {
		...generation,
		client: new OpenImClient(this, generation),
		params: new RunParameters(this),
	};
	if (!offers(api, resource, operationName, operation)) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of "${resource}" is not offered for OpenIM Version ${api.apiVersion}`,
			{
				description: `The ${api.option.name} API has no such route. Pick another operation, or set OpenIM Version to the server you run.`,
			},
		);
	}
	// n8n sends an item to the error output only if `error` is set on it, and then keeps only the
	// message in its json; on the regular output the item keeps errCode, description and endpoint.
	const toErrorOutput = this.getNode().onError === 'continueErrorOutput';
	const failedItem = (
		error: NodeApiError | NodeOperationError,
		item: number,
	): INodeExecutionData => ({
		json: errorJson(error),
		...(toErrorOutput && { error }),
		pairedItem: { item },
	});
	/** An error of the whole run (read from the first item) as n8n shows it: OpenIM's hint, the parameter. */
	const runError = (caught: unknown) =>
		caught instanceof NodeApiError
			? apiErrorOf(this, caught, 0)
			: caught instanceof ParameterError
				? caught.forItem(this.getNode(), 0)
				: caught instanceof NodeOperationError
					? caught
					: new NodeOperationError(this.getNode(), caught as Error);

	if (operation.run) {
		// One request for the whole run (Send and Wait): if it fails, with Continue On Fail every item carries the error.
		try {
			return await operation.run.call(this, api);
		} catch (caught) {
			const failure = runError(caught);
			if (!this.continueOnFail()) throw failure;
			return [items.map((_, item) => failedItem(failure, item))];
		}
	}
	const execute = operation.execute as NonNullable<typeof operation.execute>;

	let concurrency: number;
	let batchSize = 1;
	try {
		concurrency = checkNumber(CONCURRENCY, this.getNodeParameter(CONCURRENCY.name, 0, 1), {
			integer: true,
			min: 1,
			max: 64,
		});
		if (operation.executeBatch && api.batches) {
			batchSize = checkNumber(BATCH_SIZE, this.getNodeParameter(BATCH_SIZE.name, 0, 1), {
				integer: true,
				min: 1,
				max: BATCH_SIZE.max,
			});
		}
	} catch (error) {
		// A setting of the whole run, read from the first item: with Continue On Fail, every item carries the error.
		const failure = runError(error);
		if (!this.continueOnFail()) throw failure;
		return [items.map((_, item) => failedItem(failure, item))];
	}

	// Run by n8n's engine as an AI Agent's tool, a failure is the tool's result: the model reads the
	// errCode and the hint and goes on (n8n 1.x would fail the workflow; 2.x passes on the message only).
	const asAgentTool =
		this.getNode().rewireOutputLogTo === NodeConnectionTypes.AiTool &&
		this.getNode().onError !== 'stopWorkflow';
	const failed = (caught: unknown, itemIndex: number): INodeExecutionData[] => {
		const error =
			caught instanceof NodeApiError
				? apiErrorOf(this, caught, itemIndex)
				: caught instanceof ParameterError
					? caught.forItem(this.getNode(), itemIndex)
					: new NodeOperationError(this.getNode(), caught as Error, { itemIndex });
		if (!this.continueOnFail() && !asAgentTool) throw error;
		return [failedItem(error, itemIndex)];
	};
	const results = (json: IDataObject[], itemIndex: number) =>
		json.map((entry) => ({ json: entry, pairedItem: { item: itemIndex } }));

	/** One item, or a batch of consecutive ones: their outputs in input order; throws the first error without Continue On Fail. */
	const runUnit = async (itemIndexes: number[]): Promise<INodeExecutionData[]> => {
		if (batchSize === 1) {
			const [itemIndex] = itemIndexes;
			try {
				return results(await execute.call(this, itemIndex, api), itemIndex);
			} catch (caught) {
				return failed(caught, itemIndex);
			}
		}
		let settled: Array<Settled<IDataObject[]>>;
		try {
			settled = await (operation.executeBatch as NonNullable<typeof operation.executeBatch>).call(
				this,
				itemIndexes,
				api,
			);
		} catch (caught) {
			settled = itemIndexes.map(() => ({ error: caught }));
		}
		return settled.flatMap((outcome, position) =>
			'value' in outcome
				? results(outcome.value, itemIndexes[position])
				: failed(outcome.error, itemIndexes[position]),
		);
	};

	const units = Array.from({ length: Math.ceil(items.length / batchSize) }, (_, unit) =>
		Array.from(
			{ length: Math.min(batchSize, items.length - unit * batchSize) },
			(_, offset) => unit * batchSize + offset,
		),
	);
	const outputs: INodeExecutionData[][] = new Array(units.length);
	let next = 0;
	const stop: { unit: number; error?: unknown } = { unit: units.length };
	const worker = async () => {
		while (next < stop.unit) {
			const unit = next++;
			try {
				outputs[unit] = await runUnit(units[unit]);
			} catch (error) {
				if (unit < stop.unit) Object.assign(stop, { unit, error });
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, units.length) }, worker));
	if (stop.unit < units.length) throw stop.error;
	return [outputs.flat()];
}
