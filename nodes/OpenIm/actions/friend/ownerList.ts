import { getUid, uidProperty } from '../common.descriptions';
import { listOperation } from '../list';

/** A 3.x list of one owner's relations (friends, blacklist): the Owner User ID, then pages. */
export function ownerList(operation: 'getAll' | 'getBlacklist', whose: string) {
	const ownerUid = uidProperty({
		displayName: 'Owner User ID',
		name: 'ownerUid',
		placeholder: 'e.g. bob_02',
		description: `The user whose ${whose} to list`,
	});
	return listOperation(`friend.${operation}`, {
		above: [ownerUid],
		filters: (read) => ({ ownerUid: getUid(read, ownerUid) }),
	});
}
