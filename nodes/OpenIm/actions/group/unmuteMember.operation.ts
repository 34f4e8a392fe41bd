import { getUid, uidProperty } from '../common.descriptions';
import { groupChange } from './groupChange';

const member = uidProperty({ description: 'The member to unmute' });

export const { description, execute } = groupChange('unmuteMember', {
	fields: [member],
	read: (read) => ({ uid: getUid(read, member) }),
});
