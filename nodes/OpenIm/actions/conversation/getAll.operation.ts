import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Session } from '../../transport';
import { collect, endpointOf } from '../call';
import {
	getLimit,
	getUid,
	limitProperties,
	optionsProperty,
	requestSettings,
} from '../common.descriptions';
import { ownerUidProperty } from './owner';

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['getAll'] } },
	[ownerUidProperty, ...limitProperties, optionsProperty],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const filters = { ownerUid: getUid(read, ownerUidProperty) };
	return await collect(
		this,
		api,
		endpointOf(this, api, 'conversation.getAll'),
		filters,
		getLimit(read),
		requestSettings(read),
	);
}
