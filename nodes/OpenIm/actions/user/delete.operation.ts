import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inChunks } from '../../helpers/chunks';
import { getList } from '../../helpers/params';
import { call, endpointOf } from '../call';
import { UID_MAX, optionsProperty, requestSettings, uidListProperty } from '../common.descriptions';
import type { Session } from '../../transport';

const deleteUidList = uidListProperty({
	name: 'deleteUidList',
	description: 'Comma-separated IDs of the users to delete, or an array from an expression',
});

/** 3.x has no route that deletes users: the operation exists for 2021 only. */
export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['delete'] } },
	[deleteUidList, optionsProperty],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const uids = getList(read, deleteUidList, { maxLength: UID_MAX });
	const endpoint = endpointOf(this, api, 'user.delete');
	const settings = requestSettings(read);
	return await inChunks(
		this,
		uids,
		itemIndex,
		async (chunk) => await call(this, api, endpoint, { uids: chunk }, settings),
	);
}
