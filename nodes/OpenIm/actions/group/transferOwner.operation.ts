import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getText, paramError } from '../../helpers/params';
import { call, endpointOf } from '../call';
import { getUid, optionsProperty, requestSettings, uidProperty } from '../common.descriptions';
import { groupIdProperty } from './groupId';
import type { Session } from '../../transport';

const ownerUid = uidProperty({
	displayName: 'Owner User ID',
	name: 'ownerUid',
	description: 'The current owner of the group',
});
const newOwnerUid = uidProperty({
	displayName: 'New Owner User ID',
	name: 'newOwnerUid',
	description: 'A member who becomes the owner; the old owner takes their role',
});

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['transferOwner'] } },
	[groupIdProperty, ownerUid, newOwnerUid, optionsProperty],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const groupID = getText(read, groupIdProperty, { required: true });
	const fields = { ownerUid: getUid(read, ownerUid), newOwnerUid: getUid(read, newOwnerUid) };
	if (fields.ownerUid === fields.newOwnerUid)
		throw paramError(newOwnerUid, 'must differ from the current owner');
	return await call(
		this,
		api,
		endpointOf(this, api, 'group.transferOwner'),
		{ groupID, fields },
		requestSettings(read),
	);
}
