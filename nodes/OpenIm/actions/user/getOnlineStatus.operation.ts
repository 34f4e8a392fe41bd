import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { lookupBatch, type Settled } from '../../helpers/batch';
import { inChunks } from '../../helpers/chunks';
import { getList } from '../../helpers/params';
import { call, endpointOf } from '../call';
import { UID_MAX, batchOptions, requestSettings, uidListProperty } from '../common.descriptions';
import type { Session } from '../../transport';

const uidList = uidListProperty({
	description: 'Comma-separated IDs of the users to check, or an array from an expression',
});

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getOnlineStatus'] } },
	[
		uidList,
		...batchOptions(
			"The user IDs of a batch's items go together in requests of up to 500 IDs; a server failure fails every item of the batch.",
		),
	],
);

async function fetchStatus(
	ctx: IExecuteFunctions,
	api: Session,
	uids: string[],
	itemIndex: number,
): Promise<IDataObject[]> {
	const endpoint = endpointOf(ctx, api, 'user.getOnlineStatus');
	const settings = requestSettings(api.params.item(itemIndex));
	return await inChunks(
		ctx,
		uids,
		itemIndex,
		async (chunk) => await call(ctx, api, endpoint, { uids: chunk }, settings),
	);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	return await fetchStatus(this, api, getList(read, uidList, { maxLength: UID_MAX }), itemIndex);
}

/** A batch: its items' user IDs in one request (the server answers one entry per ID); each item gets its own. */
export async function executeBatch(
	this: IExecuteFunctions,
	itemIndexes: number[],
	api: Session,
): Promise<Array<Settled<IDataObject[]>>> {
	return await lookupBatch(
		itemIndexes,
		(itemIndex) => getList(api.params.item(itemIndex), uidList, { maxLength: UID_MAX }),
		async (uids, itemIndex) =>
			new Map(
				(await fetchStatus(this, api, uids, itemIndex)).map((status) => [
					String(status.userID),
					status,
				]),
			),
		(uids, byUser) =>
			uids.flatMap((uid) => (byUser.has(uid) ? [{ ...(byUser.get(uid) as IDataObject) }] : [])),
	);
}
