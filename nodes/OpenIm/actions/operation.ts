import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { generations } from '../api';
import type { Endpoints, Form, Generation } from '../api/types';
import type { Settled } from '../helpers/batch';
import type { Session } from '../transport';

/**
 * A field of an operation, shown for every generation that offers the operation, or only for
 * those `shownFor` accepts: the description's apiVersion conditions are computed from the
 * table of generations when the node's description is made.
 */
export type Field = INodeProperties & { shownFor?: (api: Generation) => boolean };

/** Fields only some generations have: each generation shows (and reads) those of its form. */
export function perForm(fields: Partial<Record<Form, INodeProperties[]>>): Field[] {
	return (Object.entries(fields) as Array<[Form, INodeProperties[]]>).flatMap(
		([form, properties]) => shownWhere((api) => api.form === form, properties),
	);
}

/** Fields shown only for the generations that have what they need (e.g. `uploads`). */
export function shownWhere(shownFor: (api: Generation) => boolean, properties: Field[]): Field[] {
	return properties.map((property) => ({
		...property,
		shownFor: (api) => shownFor(api) && (property.shownFor?.(api) ?? true),
	}));
}

/** One endpoint of the node: its editor fields and what it does for one input item. */
export interface Operation {
	/** Its fields; those that only some generations have say which (`perForm`, `shownWhere`). */
	description: Field[];
	/** One input item (unless `run` is given). */
	execute?: (this: IExecuteFunctions, itemIndex: number, api: Session) => Promise<IDataObject[]>;
	/** The whole run at once, instead of item by item (Send and Wait: one message, then the execution waits). */
	run?: (this: IExecuteFunctions, api: Session) => Promise<INodeExecutionData[][]>;
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

/** The editor property of a field: shown for `apiVersions` only where that is not every generation. */
function shownFor(field: Field, offeredBy: Generation[], all: number): INodeProperties[] {
	const { shownFor: accepts, ...property } = field;
	const apiVersions = offeredBy
		.filter((api) => accepts?.(api) ?? true)
		.map((api) => api.apiVersion);
	if (apiVersions.length === 0) return [];
	if (apiVersions.length === all) return [property];
	const { show, ...rest } = property.displayOptions ?? {};
	return [{ ...property, displayOptions: { ...rest, show: { ...show, apiVersion: apiVersions } } }];
}

/** Where a generation has none of a resource's operations (Conversation on 2021): a notice instead. */
function notOffered(
	resource: string,
	api: Generation,
	all: Generation[],
	show: IDisplayOptions['show'],
): INodeProperties {
	const others = all.filter((other) => other !== api).map((other) => other.option.name);
	return {
		displayName: `This resource is not on OpenIM Version ${api.option.name}: set OpenIM Version to ${others.join(' or ')}`,
		name: `${resource}NotOffered`,
		type: 'notice',
		default: '',
		displayOptions: { show },
	};
}

/**
 * The Operation selector and every operation's fields for one resource, computed from the table
 * of generations: an operation is offered for the generations that have its endpoints, and its
 * fields are shown for those (a generation-specific field for those of them it names). Where the
 * generations offer different operations, each gets its own selector, shown for it only. The
 * newest comes first: n8n's node picker lists the actions of the first `operation` property of
 * each resource, and a node added there is on 3.x.
 */
export function resourceProperties(
	resource: string,
	{ operations, options, defaultOperation }: Resource,
): INodeProperties[] {
	const all = generations();
	const offeredBy = (name: string) =>
		all.filter((api) => offers(api, resource, name, operations[name]));
	const versions = all.map((api) => ({
		api,
		options: options.filter((option) => offeredBy(String(option.value)).includes(api)),
	}));
	const same = versions.every((version) => version.options.length === options.length);
	const selectors = (same ? [{ api: undefined, options }] : versions).map(
		({ api, options: offered }): INodeProperties => {
			const show = { resource: [resource], ...(api && { apiVersion: [api.apiVersion] }) };
			if (api && !offered.length) return notOffered(resource, api, all, show);
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
		...Object.entries(operations).flatMap(([name, operation]) =>
			operation.description
				.flatMap((field) => shownFor(field, offeredBy(name), all.length))
				.map(decidedFirst),
		),
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
