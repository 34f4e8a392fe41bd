import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Endpoint, Endpoints } from '../api/types';
import type { ItemReader } from '../helpers/params';
import type { Session } from '../transport';
import { call, endpointOf } from './call';
import { optionsProperty, requestSettings } from './common.descriptions';
import type { Field, Operation } from './operation';

/** What an operation does with one item, through the item's reader. */
type Run = (read: ItemReader, api: Session) => Promise<IDataObject[]>;

/** The neutral input an endpoint takes. */
export type InputOf<K extends keyof Endpoints> =
	NonNullable<Endpoints[K]> extends Endpoint<infer I> ? I : never;

/** An operation: its fields, shown for `resource.operation`, and what it does with one item. */
export function defineOperation(
	key: `${string}.${string}`,
	fields: Field[],
	run: Run,
): Pick<Operation, 'description' | 'execute'> {
	const [resource, operation] = key.split('.');
	return {
		description: updateDisplayOptions(
			{ show: { resource: [resource], operation: [operation] } },
			fields,
		),
		async execute(
			this: IExecuteFunctions,
			itemIndex: number,
			api: Session,
		): Promise<IDataObject[]> {
			return await run(api.params.item(itemIndex), api);
		},
	};
}

/**
 * An operation of one request to the endpoint of its name: its fields, then Options (or
 * `options`); the request's input read from the item's fields, then its settings.
 */
export function oneRequest<K extends keyof Endpoints>(
	key: K,
	fields: Field[],
	input: (read: ItemReader, api: Session) => InputOf<K>,
	options: Field[] = [optionsProperty],
): Pick<Operation, 'description' | 'execute'> {
	return defineOperation(key, [...fields, ...options], async (read, api) => {
		const endpoint = endpointOf(read.ctx, api, key) as Endpoint<InputOf<K>>;
		return await call(read.ctx, api, endpoint, input(read, api), requestSettings(read));
	});
}
