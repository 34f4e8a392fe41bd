import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { lookupBatch, unionOf, type Settled } from '../../helpers/batch';
import { inChunks } from '../../helpers/chunks';
import { getList } from '../../helpers/params';
import type { Session } from '../../transport';
import { call, endpointOf } from '../call';
import { UID_MAX, batchOptions, requestSettings, uidListProperty } from '../common.descriptions';

const uidList = uidListProperty({
	description: 'Comma-separated IDs of the users to check, or an array from an expression',
});

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['checkAccounts'] } },
	[
		uidList,
		...batchOptions(
			"The user IDs of a batch's items go together in requests of up to 500 IDs (each ID once); a server failure fails every item of the batch.",
		),
	],
);

async function fetchAccounts(
	ctx: IExecuteFunctions,
	api: Session,
	uids: string[],
	itemIndex: number,
): Promise<IDataObject[]> {
	const endpoint = endpointOf(ctx, api, 'user.checkAccounts');
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
	// account_check refuses a list with an ID twice (1001): each ID goes, and comes back, once.
	return await fetchAccounts(
		this,
		api,
		unionOf([getList(read, uidList, { maxLength: UID_MAX })]),
		itemIndex,
	);
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
				(await fetchAccounts(this, api, uids, itemIndex)).map((account) => [
					String(account.userID),
					account,
				]),
			),
		(uids, byUser) =>
			unionOf([uids]).flatMap((uid) =>
				byUser.has(uid) ? [{ ...(byUser.get(uid) as IDataObject) }] : [],
			),
	);
}
