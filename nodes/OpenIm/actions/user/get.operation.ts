import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { LookupEndpoint } from '../../api/types';
import type { Session } from '../../transport';
import { uidListProperty } from '../common.descriptions';
import { userLookup } from './lookup';

/** The generation's get_users_info (every generation has one). */
const usersOf = (api: Session) => api.endpoints['user.get'] as LookupEndpoint;

const lookup = userLookup('user.get', {
	uidList: uidListProperty(),
	batch:
		"The user IDs of a batch's items go together in get_users_info requests of up to 500 IDs; a server failure fails every item of the batch.",
	idOf: (user, api) => usersOf(api).idOf(user),
	// One item per requested uid, so a missing user is visible rather than silently absent.
	answer: (uids, found, api) =>
		uids.map((uid) => ({ ...(found.get(uid) ?? usersOf(api).missing(uid)) })),
});

/** get_users_info never refuses a list for an unknown ID, so a batch looks its items' IDs up together. */
export const { description, executeBatch } = lookup;

/** Fetches the users in `uids`, by user ID; OpenIM silently skips unknown ones. */
export const fetchUsers = lookup.found;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const uids = lookup.uidsOf(api.params.item(itemIndex));
	return lookup.answer(uids, await fetchUsers(this, api, uids, itemIndex), api);
}
