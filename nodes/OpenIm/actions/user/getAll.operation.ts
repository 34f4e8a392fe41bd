import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collectionValues, nodeParameter } from '../../helpers/params';
import { collect, endpointOf } from '../call';
import {
	getLimit,
	limitProperties,
	optionsProperty,
	requestSettings,
} from '../common.descriptions';
import { perForm } from '../operation';
import type { Session } from '../../transport';

const filters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'Part of the nickname, as a case-insensitive pattern',
		},
		{
			displayName: 'User ID',
			name: 'uid',
			type: 'string',
			default: '',
			description: 'Part of the user ID, as a case-insensitive pattern',
		},
	],
};

/** 2021 lists every user ID at once; 3.x pages through profiles and filters them. */
const properties: INodeProperties[] = [
	...limitProperties,
	...perForm({ v3: [filters] }),
	optionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getAll'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const max = getLimit(read);
	const chosen = collectionValues(filters, nodeParameter(read, filters.name, {}) as IDataObject);
	return await collect(
		this,
		api,
		endpointOf(this, api, 'user.getAll'),
		chosen,
		max,
		requestSettings(read),
	);
}
