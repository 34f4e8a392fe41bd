import { ParameterError } from '../../helpers/params';
import { getUid, uidProperty } from '../common.descriptions';
import { oneRequest } from '../define';
import { getGroupId, groupIdProperty } from './groupId';

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

export const { description, execute } = oneRequest(
	'group.transferOwner',
	[groupIdProperty, ownerUid, newOwnerUid],
	(read) => {
		const groupID = getGroupId(read);
		const fields = { ownerUid: getUid(read, ownerUid), newOwnerUid: getUid(read, newOwnerUid) };
		if (fields.ownerUid === fields.newOwnerUid)
			throw new ParameterError(newOwnerUid, 'must differ from the current owner');
		return { groupID, fields };
	},
);
