import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inChunks } from '../../helpers/chunks';
import { getList, getText } from '../../helpers/params';
import { call, endpointOf, prepare } from '../call';
import { UID_MAX, optionsProperty, requestSettings, uidListProperty } from '../common.descriptions';
import { groupIdProperty } from './groupId';
import type { Session } from '../../transport';

const uidList = uidListProperty({
	description: 'Comma-separated IDs of the users to add, or an array from an expression',
});

const reason: INodeProperties = {
	displayName: 'Reason',
	name: 'reason',
	type: 'string',
	default: '',
	placeholder: 'e.g. Joined the sales team',
	description: 'Why the users join, as group members see it',
};

const properties: INodeProperties[] = [groupIdProperty, uidList, reason, optionsProperty];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['inviteUsers'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const groupID = getText(read, groupIdProperty, { required: true });
	const uids = getList(read, uidList, { maxLength: UID_MAX });
	const why = getText(read, reason);
	const endpoint = endpointOf(this, api, 'group.inviteUsers');
	const settings = requestSettings(read);
	// The whole list is checked before the first chunk goes.
	prepare(this, api, endpoint, { groupID, uids, reason: why }, settings);
	return await inChunks(
		this,
		uids,
		itemIndex,
		async (chunk) =>
			await call(this, api, endpoint, { groupID, uids: chunk, reason: why }, settings),
	);
}
