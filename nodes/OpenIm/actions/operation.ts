import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { apiVersionProperties, GENERATIONS } from '../api';
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

/** A generation as the OpenIM Version selector names it. */
const versionName = (apiVersion: ApiVersion) =>
	(apiVersionProperties[0].options as INodePropertyOptions[]).find(
		(option) => option.value === apiVersion,
	)?.name ?? apiVersion;

/** Where a generation has none of a resource's operations (Conversation on 2021): a notice instead. */
function notOffered(
	resource: string,
	apiVersion: ApiVersion,
	show: IDisplayOptions['show'],
): INodeProperties {
	const others = (Object.keys(GENERATIONS) as ApiVersion[]).filter((other) => other !== apiVersion);
	return {
		displayName: `This resource is not on OpenIM Version ${versionName(apiVersion)}: set OpenIM Version to ${others.map(versionName).join(' or ')}`,
		name: `${resource}NotOffered`,
		type: 'notice',
		default: '',
		displayOptions: { show },
	};
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
		({ apiVersion, options: offered }): INodeProperties => {
			const show = { resource: [resource], ...(apiVersion && { apiVersion: [apiVersion] }) };
			if (apiVersion && !offered.length) return notOffered(resource, apiVersion, show);
			return {
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show },
				options: offered,
				default: defaultOperation,
			};
		},
	);
	return [
		...selectors,
		...Object.values(operations).flatMap((operation) => operation.description.map(decidedFirst)),
	];
}

/** The parameters that can never be an expression, which show rules must test before any other. */
const DECIDED = ['@version', 'apiVersion', 'resource', 'operation'];

/**
 * n8n shows a parameter as soon as one of its show rules names a parameter that holds an expression,
 * before testing the rules after it: Receiver ID of Conversation → Update (shown for Session Type
 * One-to-One) would otherwise be required in a Message → Send whose Session Type is an expression.
 */
function decidedFirst(property: INodeProperties): INodeProperties {
	const show = property.displayOptions?.show;
	if (!show) return property;
	const keys = Object.keys(show);
	const order = [
		...DECIDED.filter((key) => keys.includes(key)),
		...keys.filter((key) => !DECIDED.includes(key)),
	];
	return {
		...property,
		displayOptions: {
			...property.displayOptions,
			show: Object.fromEntries(order.map((key) => [key, show[key]])),
		},
	};
}
