import { getUid, uidProperty } from '../common.descriptions';
import { oneRequest } from '../define';
import { getGroupId, groupIdProperty } from './groupId';

const member = uidProperty({ description: 'The member to unmute' });

export const { description, execute } = oneRequest(
	'group.unmuteMember',
	[groupIdProperty, member],
	(read) => ({ groupID: getGroupId(read), fields: { uid: getUid(read, member) } }),
);
