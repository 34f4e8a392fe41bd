import { getUid } from '../common.descriptions';
import { listOperation } from '../list';
import { ownerUidProperty } from './owner';

export const { description, execute } = listOperation('conversation.getAll', {
	above: [ownerUidProperty],
	filters: (read) => ({ ownerUid: getUid(read, ownerUidProperty) }),
});
