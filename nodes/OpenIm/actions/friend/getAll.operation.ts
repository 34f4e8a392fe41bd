import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collect, endpointOf } from '../call';
import {
	getLimit,
	getUid,
	limitProperties,
	onlyFor,
	optionsProperty,
	requestSettings,
	uidProperty,
} from '../common.descriptions';
import type { Session } from '../../transport';

const ownerUid = uidProperty({
	displayName: 'Owner User ID',
	name: 'ownerUid',
	placeholder: 'e.g. f732156059eeb5d0',
	description: 'The user whose friends to list',
});

export const description = updateDisplayOptions(
	{ show: { resource: ['friend'], operation: ['getAll'] } },
	onlyFor('v3', [ownerUid, ...limitProperties, optionsProperty]),
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const filters = { ownerUid: getUid(read, ownerUid) };
	const max = getLimit(read);
	return await collect(
		this,
		api,
		endpointOf(this, api, 'friend.getAll'),
		filters,
		max,
		requestSettings(read),
	);
}
