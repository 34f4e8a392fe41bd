import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { GENERATIONS } from '../api';
import type { ApiVersion, Endpoints, Generation } from '../api/types';
import type { Settled } from '../helpers/batch';
import type { Session } from '../transport';

/** One endpoint of the node: its editor fields and what it does for one input item. */
export interface Operation {
	description: INodeProperties[];
	execute: (this: IExecuteFunctions, itemIndex: number, api: Session) => Promise<IDataObject[]>;
	/**
	 * Consecutive items in few requests (Options → Batch Size, 3.x): one result or
	 * error per item of `itemIndexes`, in their order.
	 */
	executeBatch?: (
		this: IExecuteFunctions,
		itemIndexes: number[],
		api: Session,
	) => Promise<Array<Settled<IDataObject[]>>>;
	/** The endpoints a flow of several requests uses; by default the one of the same name. */
	needs?: Array<keyof Endpoints>;
}

export interface Resource {
	operations: Record<string, Operation>;
	/** The Operation selector's entries, in the editor's order. */
	options: INodePropertyOptions[];
	/** Saved workflows omit default values: this one never changes. */
	defaultOperation: string;
}

/** Whether a generation has every endpoint `resource.operation` uses. */
export function offers(
	api: Generation,
	resource: string,
	operationName: string,
	operation: Operation,
): boolean {
	const needs = operation.needs ?? [`${resource}.${operationName}` as keyof Endpoints];
	return needs.every((key) => api.endpoints[key] !== undefined);
}

/**
 * The Operation selector and every operation's fields for one resource. Where
 * the generations offer different operations, each gets its own selector, shown
 * for it only. The 3.x one comes first: n8n's node picker lists the actions of the
 * first `operation` property of each resource, and a node added there is on 3.x.
 */
export function resourceProperties(
	resource: string,
	{ operations, options, defaultOperation }: Resource,
): INodeProperties[] {
	const versions = (['v3', '2021'] as ApiVersion[]).map((apiVersion) => ({
		apiVersion,
		options: options.filter((option) =>
			offers(
				GENERATIONS[apiVersion],
				resource,
				String(option.value),
				operations[String(option.value)],
			),
		),
	}));
	const same = versions.every((version) => version.options.length === options.length);
	const selectors = (same ? [{ apiVersion: undefined, options }] : versions).map(
		({ apiVersion, options: offered }) => ({
			displayName: 'Operation',
			name: 'operation',
			type: 'options' as const,
			noDataExpression: true,
			displayOptions: {
				show: { resource: [resource], ...(apiVersion && { apiVersion: [apiVersion] }) },
			},
			options: offered,
			default: defaultOperation,
		}),
	);
	return [...selectors, ...Object.values(operations).flatMap((operation) => operation.description)];
}
