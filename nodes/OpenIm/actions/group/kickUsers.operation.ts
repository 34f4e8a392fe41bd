import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inChunks } from '../../helpers/chunks';
import { checkText, getAdditionalFields, getList, getText } from '../../helpers/params';
import { openImRequest } from '../../transport';
import { UID_MAX, optionsProperty, requestSettings, uidListProperty } from '../common.descriptions';
import { GROUP_ID, groupIdProperty } from './groupId';

const properties: INodeProperties[] = [
	groupIdProperty,
	uidListProperty({
		name: 'uidListInfo',
		description: 'Comma-separated IDs of the users to remove, or an array from an expression',
	}),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [{ displayName: 'Reason', name: 'reason', type: 'string', default: '' }],
	},
	optionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['kickUsers'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const groupID = getText(this, GROUP_ID, itemIndex, { required: true });
	const uids = getList(this, { name: 'uidListInfo', displayName: 'User IDs' }, itemIndex, { maxLength: UID_MAX });
	const { reason } = getAdditionalFields(this, itemIndex);
	const extra: IDataObject =
		reason === undefined ? {} : { reason: checkText(this, { name: 'reason', displayName: 'Reason' }, reason, itemIndex) };
	const settings = requestSettings(this, itemIndex);
	return await inChunks(this, uids, itemIndex, async (chunk) => {
		const body = { groupID, uidListInfo: chunk.map((userId) => ({ userId })), ...extra };
		const answer = await openImRequest.call(this, 'group/kick_group', body, settings);
		const results = Array.isArray(answer.data) ? (answer.data as IDataObject[]) : [];
		return results.map((entry) => ({ groupID, ...entry, kicked: entry.result === 0 }));
	});
}
