import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inChunks } from '../../helpers/chunks';
import { lookupBatch, type Settled } from '../../helpers/batch';
import { getList } from '../../helpers/params';
import { call, endpointOf } from '../call';
import { UID_MAX, batchOptions, requestSettings, uidListProperty } from '../common.descriptions';
import type { Session } from '../../transport';

const uidList = uidListProperty();

const properties: INodeProperties[] = [
	uidList,
	...batchOptions(
		"The user IDs of a batch's items go together in get_users_info requests of up to 500 IDs; a server failure fails every item of the batch.",
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['get'] } },
	properties,
);

/** Fetches the users in `uids`, by user ID; OpenIM silently skips unknown ones. */
export async function fetchUsers(
	ctx: IExecuteFunctions,
	api: Session,
	uids: string[],
	itemIndex: number,
): Promise<Map<string, IDataObject>> {
	const endpoint = endpointOf(ctx, api, 'user.get');
	const settings = requestSettings(api.params.item(itemIndex));
	const users = await inChunks(
		ctx,
		uids,
		itemIndex,
		async (chunk) => await call(ctx, api, endpoint, { uids: chunk }, settings),
	);
	return new Map(users.map((user) => [endpoint.idOf(user), user]));
}

/** Each requested uid's profile, or the item that says it was not found. */
function lookedUp(
	api: Session,
	ctx: IExecuteFunctions,
	uids: string[],
	found: Map<string, IDataObject>,
): IDataObject[] {
	// One item per requested uid, so a missing user is visible rather than silently absent.
	const { missing } = endpointOf(ctx, api, 'user.get');
	return uids.map((uid) => ({ ...(found.get(uid) ?? missing(uid)) }));
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const uids = getList(read, uidList, { maxLength: UID_MAX });
	return lookedUp(api, this, uids, await fetchUsers(this, api, uids, itemIndex));
}

/** A batch: its items' user IDs in one lookup (get_users_info never refuses a list for an unknown ID). */
export async function executeBatch(
	this: IExecuteFunctions,
	itemIndexes: number[],
	api: Session,
): Promise<Array<Settled<IDataObject[]>>> {
	return await lookupBatch(
		itemIndexes,
		(itemIndex) => getList(api.params.item(itemIndex), uidList, { maxLength: UID_MAX }),
		async (uids, itemIndex) => await fetchUsers(this, api, uids, itemIndex),
		(uids, found) => lookedUp(api, this, uids, found),
	);
}
