import { getUid, uidProperty } from '../common.descriptions';
import { listOperation } from '../list';

const member = uidProperty({ description: 'The user whose groups to list' });

export const { description, execute } = listOperation('group.getJoined', {
	above: [member],
	filters: (read) => ({ uid: getUid(read, member) }),
});
