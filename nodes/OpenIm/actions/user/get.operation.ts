import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inChunks } from '../../helpers/chunks';
import { getList } from '../../helpers/params';
import { openImRequest } from '../../transport';
import { UID_MAX, optionsProperty, requestSettings, uidListProperty } from '../common.descriptions';

export const PATH = 'user/get_user_info';

const properties: INodeProperties[] = [uidListProperty(), optionsProperty];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['get'] } }, properties);

/** Fetches the users in `uids`; OpenIM silently skips unknown ones. */
export async function fetchUsers(
	ctx: IExecuteFunctions,
	uids: string[],
	itemIndex: number,
): Promise<Map<string, IDataObject>> {
	const settings = { ...requestSettings(ctx, itemIndex), idempotent: true };
	const users = await inChunks(ctx, uids, itemIndex, async (uidList) => {
		const answer = await openImRequest.call(ctx, PATH, { uidList }, settings);
		return Array.isArray(answer.data) ? (answer.data as IDataObject[]) : [];
	});
	return new Map(users.map((user) => [String(user.uid), user]));
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const uids = getList(this, { name: 'uidList', displayName: 'User IDs' }, itemIndex, { maxLength: UID_MAX });
	const found = await fetchUsers(this, uids, itemIndex);
	// One item per requested uid, so a missing user is visible rather than silently absent.
	return uids.map((uid) => found.get(uid) ?? { uid, found: false });
}
