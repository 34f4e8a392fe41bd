import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { lookupBatch, type Settled } from '../../helpers/batch';
import { inChunks } from '../../helpers/chunks';
import { getList, type ItemReader } from '../../helpers/params';
import type { Session } from '../../transport';
import { call, endpointOf } from '../call';
import { UID_MAX, batchOptions, requestSettings, uidListProperty } from '../common.descriptions';

/** The User IDs of Check Accounts and Get Online Status. */
export const usersToCheck = uidListProperty({
	description: 'Comma-separated IDs of the users to check, or an array from an expression',
});

interface UserLookup {
	uidList: INodeProperties;
	/** What a batch of Batch Size does. */
	batch: string;
	/** The user an entry of the answer is about. */
	idOf: (entry: IDataObject, api: Session) => string;
	/** A batch item's output: its user IDs, and the entries found for the batch's. */
	answer: (uids: string[], found: Map<string, IDataObject>, api: Session) => IDataObject[];
	/** The IDs one item sends, from those it names (by default all of them). */
	sent?: (uids: string[]) => string[];
}

/**
 * An operation that looks users up by ID, in requests of up to 500 IDs; a batch looks up its items'
 * IDs together and gives each item the entries of its own.
 */
export function userLookup(
	key: 'user.checkAccounts' | 'user.get' | 'user.getOnlineStatus',
	{ uidList, batch, idOf, answer, sent = (uids) => uids }: UserLookup,
) {
	const uidsOf = (read: ItemReader) => getList(read, uidList, { maxLength: UID_MAX });
	async function fetch(
		ctx: IExecuteFunctions,
		api: Session,
		uids: string[],
		itemIndex: number,
	): Promise<IDataObject[]> {
		const endpoint = endpointOf(ctx, api, key);
		const settings = requestSettings(api.params.item(itemIndex));
		return await inChunks(
			ctx,
			uids,
			itemIndex,
			async (chunk) => await call(ctx, api, endpoint, { uids: chunk }, settings),
		);
	}
	/** The entries found for `uids`, by user ID. */
	async function found(
		ctx: IExecuteFunctions,
		api: Session,
		uids: string[],
		itemIndex: number,
	): Promise<Map<string, IDataObject>> {
		const entries = await fetch(ctx, api, uids, itemIndex);
		return new Map(entries.map((entry) => [idOf(entry, api), entry]));
	}
	return {
		description: updateDisplayOptions(
			{ show: { resource: ['user'], operation: [key.split('.')[1]] } },
			[uidList, ...batchOptions(batch)],
		),
		uidsOf,
		fetch,
		found,
		answer,
		/** One item: the server's entries for the IDs it sends, as the server lists them. */
		async execute(
			this: IExecuteFunctions,
			itemIndex: number,
			api: Session,
		): Promise<IDataObject[]> {
			return await fetch(this, api, sent(uidsOf(api.params.item(itemIndex))), itemIndex);
		},
		async executeBatch(
			this: IExecuteFunctions,
			itemIndexes: number[],
			api: Session,
		): Promise<Array<Settled<IDataObject[]>>> {
			return await lookupBatch(
				itemIndexes,
				(itemIndex) => uidsOf(api.params.item(itemIndex)),
				async (uids, itemIndex) => await found(this, api, uids, itemIndex),
				(uids, byUser) => answer(uids, byUser, api),
			);
		},
	};
}

/** The found entries of `uids`, each a copy; a user without one has no entry. */
export const foundOnly = (uids: string[], found: Map<string, IDataObject>): IDataObject[] =>
	uids.flatMap((uid) => (found.has(uid) ? [{ ...(found.get(uid) as IDataObject) }] : []));
