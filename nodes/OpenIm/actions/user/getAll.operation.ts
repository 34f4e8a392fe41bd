import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Generation } from '../../api/types';
import { checkNumber, collectionValues, nodeParameter, paramError } from '../../helpers/params';
import { collect, endpointOf } from '../call';
import { onlyFor, optionsProperty, requestSettings } from '../common.descriptions';

const returnAll: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

const limit: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

const filters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Part of the nickname, as a case-insensitive pattern' },
		{ displayName: 'User ID', name: 'uid', type: 'string', default: '', description: 'Part of the user ID, as a case-insensitive pattern' },
	],
};

/** 2021 lists every user ID at once; 3.x pages through profiles and filters them. */
const properties: INodeProperties[] = [returnAll, limit, ...onlyFor('v3', [filters]), optionsProperty];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getAll'] } },
	properties,
);

/** Return All and Limit, as every listing reads them. */
export function getLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	const all = nodeParameter(ctx, returnAll.name, itemIndex);
	if (typeof all !== 'boolean') throw paramError(ctx, returnAll, 'must be true or false', itemIndex);
	return all ? undefined : checkNumber(ctx, limit, nodeParameter(ctx, limit.name, itemIndex), itemIndex, { integer: true, min: 1 });
}

export async function execute(this: IExecuteFunctions, itemIndex: number, api: Generation): Promise<IDataObject[]> {
	const max = getLimit(this, itemIndex);
	const chosen = collectionValues(this, filters, nodeParameter(this, filters.name, itemIndex, {}) as IDataObject, itemIndex);
	return await collect(this, api, endpointOf(this, api, 'user.getAll'), chosen, max, requestSettings(this, itemIndex));
}
