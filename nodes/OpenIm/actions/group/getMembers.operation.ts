import { getText } from '../../helpers/params';
import { listOperation } from '../list';
import { groupIdProperty } from './groupId';

export const { description, execute } = listOperation('group.getMembers', {
	above: [groupIdProperty],
	filters: (read) => ({ groupID: getText(read, groupIdProperty, { required: true }) }),
});
