import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inChunks } from '../../helpers/chunks';
import { getList } from '../../helpers/params';
import { openImRequest } from '../../transport';
import { UID_MAX, optionsProperty, requestSettings, uidListProperty } from '../common.descriptions';

const properties: INodeProperties[] = [
	uidListProperty({
		name: 'deleteUidList',
		description: 'Comma-separated IDs of the users to delete, or an array from an expression',
	}),
	optionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const uids = getList(this, { name: 'deleteUidList', displayName: 'User IDs' }, itemIndex, { maxLength: UID_MAX });
	const settings = requestSettings(this, itemIndex);
	return await inChunks(this, uids, itemIndex, async (deleteUidList) => {
		const answer = await openImRequest.call(this, 'manager/delete_user', { deleteUidList }, settings);
		const failed = new Set(Array.isArray(answer.failedUidList) ? (answer.failedUidList as string[]) : []);
		return deleteUidList.map((uid) => ({ uid, deleted: !failed.has(uid) }));
	});
}
