import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Generation } from '../../api/types';
import { inChunks } from '../../helpers/chunks';
import { getList } from '../../helpers/params';
import { call, endpointOf } from '../call';
import { UID_MAX, optionsProperty, requestSettings, uidListProperty } from '../common.descriptions';

const uidList = uidListProperty();

const properties: INodeProperties[] = [uidList, optionsProperty];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['get'] } }, properties);

/** Fetches the users in `uids`, by user ID; OpenIM silently skips unknown ones. */
export async function fetchUsers(
	ctx: IExecuteFunctions,
	api: Generation,
	uids: string[],
	itemIndex: number,
): Promise<Map<string, IDataObject>> {
	const endpoint = endpointOf(ctx, api, 'user.get');
	const settings = requestSettings(ctx, itemIndex);
	const users = await inChunks(ctx, uids, itemIndex, async (chunk) => await call(ctx, api, endpoint, { uids: chunk }, settings));
	return new Map(users.map((user) => [endpoint.idOf(user), user]));
}

export async function execute(this: IExecuteFunctions, itemIndex: number, api: Generation): Promise<IDataObject[]> {
	const uids = getList(this, uidList, itemIndex, { maxLength: UID_MAX });
	const found = await fetchUsers(this, api, uids, itemIndex);
	// One item per requested uid, so a missing user is visible rather than silently absent.
	const { missing } = endpointOf(this, api, 'user.get');
	return uids.map((uid) => found.get(uid) ?? missing(uid));
}
