import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inChunks } from '../../helpers/chunks';
import { getList, getText } from '../../helpers/params';
import { openImRequest } from '../../transport';
import { UID_MAX, optionsProperty, requestSettings, uidListProperty } from '../common.descriptions';
import { GROUP_ID, groupIdProperty } from './groupId';

const properties: INodeProperties[] = [
	groupIdProperty,
	uidListProperty({ description: 'Comma-separated IDs of the users to add, or an array from an expression' }),
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		placeholder: 'e.g. Joined the sales team',
		description: 'Why the users join, as group members see it',
	},
	optionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['inviteUsers'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const groupID = getText(this, GROUP_ID, itemIndex, { required: true });
	const uids = getList(this, { name: 'uidList', displayName: 'User IDs' }, itemIndex, { maxLength: UID_MAX });
	const reason = getText(this, { name: 'reason', displayName: 'Reason' }, itemIndex);
	const settings = requestSettings(this, itemIndex);
	return await inChunks(this, uids, itemIndex, async (uidList) => {
		const answer = await openImRequest.call(this, 'group/invite_user_to_group', { groupID, uidList, reason }, settings);
		const results = Array.isArray(answer.data) ? (answer.data as IDataObject[]) : [];
		// result 0 means added; -1 means unknown user or already a member.
		return results.map((entry) => ({ groupID, ...entry, invited: entry.result === 0 }));
	});
}
