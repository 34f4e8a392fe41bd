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
import type { Session } from '../../transport';

const filters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		{
			displayName: 'Group ID',
			name: 'groupID',
			type: 'string',
			default: '',
			description: 'Only the group with this ID',
		},
		{
			displayName: 'Group Name',
			name: 'groupName',
			type: 'string',
			default: '',
			description: 'Part of the group name, as a case-insensitive pattern',
		},
	],
};

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['getAll'] } },
	[...limitProperties, filters, optionsProperty],
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
		endpointOf(this, api, 'group.getAll'),
		chosen,
		max,
		requestSettings(read),
	);
}
