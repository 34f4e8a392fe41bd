import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Endpoints, Generation } from '../../api/types';
import { collectionValues, getText, nodeParameter, paramError, paramOf } from '../../helpers/params';
import { call, endpointOf } from '../call';
import { getUid, onlyFor, optionsProperty, requestSettings, uidProperty } from '../common.descriptions';
import { groupIdProperty } from './groupId';

const OWNER = 100;

const member = uidProperty({ description: 'The member whose info to change' });
const updateFields: INodeProperties = {
	displayName: 'Update Fields',
	name: 'updateFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [
		{ displayName: 'Extension', name: 'ex', type: 'string', default: '', description: "Free-form data on the membership, e.g. a JSON string" },
		{ displayName: 'Face URL', name: 'faceUrl', type: 'string', default: '', placeholder: 'e.g. https://example.com/alice.png', description: "The member's avatar in this group (ignored by servers before 3.8.1)" },
		{ displayName: 'Nickname', name: 'nickname', type: 'string', default: '', placeholder: 'e.g. Alice (support)', description: "The member's nickname in this group; empty shows the profile nickname" },
		{
			displayName: 'Role',
			name: 'roleLevel',
			type: 'options',
			options: [
				{ name: 'Admin', value: 60 },
				{ name: 'Member', value: 20 },
			],
			default: 20,
			description: "The member's role; the owner's cannot be changed here (use Transfer Owner)",
		},
	],
};

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['setMemberInfo'] } },
	onlyFor('v3', [groupIdProperty, member, updateFields, optionsProperty]),
);

export const needs: Array<keyof Endpoints> = ['group.setMemberInfo', 'group.getMembersInfo'];

export async function execute(this: IExecuteFunctions, itemIndex: number, api: Generation): Promise<IDataObject[]> {
	const groupID = getText(this, groupIdProperty, itemIndex, { required: true });
	const uid = getUid(this, itemIndex, member);
	const fields = collectionValues(this, updateFields, nodeParameter(this, updateFields.name, itemIndex, {}) as IDataObject, itemIndex);
	if (!Object.keys(fields).length) throw paramError(this, paramOf(updateFields), 'needs at least one field to change', itemIndex);
	const settings = requestSettings(this, itemIndex);
	// With the admin token the server would set the owner's role too and leave the group without an owner.
	if (fields.roleLevel !== undefined) {
		const members = await call(this, api, endpointOf(this, api, 'group.getMembersInfo'), { groupID, fields: { uids: [uid] } }, settings);
		if (members.some((entry) => entry.userID === uid && entry.roleLevel === OWNER)) {
			throw paramError(this, { name: 'roleLevel', displayName: 'Role' }, 'cannot be changed for the group owner (that would leave the group without one): use Transfer Owner', itemIndex);
		}
	}
	return await call(this, api, endpointOf(this, api, 'group.setMemberInfo'), { groupID, fields: { uid, ...fields } }, settings);
}
