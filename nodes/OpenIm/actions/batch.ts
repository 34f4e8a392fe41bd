import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Endpoints, UserInput } from '../api/types';
import {
	inOrder,
	isolate,
	readEntries,
	runsOf,
	type Entry,
	type Settled,
	type Verdict,
} from '../helpers/batch';
import { failureOf, type Session } from '../transport';
import { call, endpointOf } from './call';
import { requestSettings } from './common.descriptions';
import { fetchUsers } from './user/get.operation';

/**
 * An operation's executeBatch: every item's input read on its own (an item with a bad parameter ends
 * with its own error, before any request), then `settle` sets the outcome of each entry read; the
 * outcomes come back in the items' order.
 */
export function batchOf<I>(
	readInput: (this: IExecuteFunctions, itemIndex: number, api: Session) => I,
	settle: (
		this: IExecuteFunctions,
		entries: Array<Entry<I>>,
		settled: Map<number, Settled<unknown>>,
		api: Session,
	) => Promise<void>,
) {
	return async function executeBatch(
		this: IExecuteFunctions,
		itemIndexes: number[],
		api: Session,
	): Promise<Array<Settled<IDataObject[]>>> {
		const { entries, settled } = readEntries(itemIndexes, (itemIndex) =>
			readInput.call(this, itemIndex, api),
		);
		await settle.call(this, entries, settled, api);
		return inOrder(itemIndexes, settled);
	};
}

const ALL: Verdict = { kind: 'all' };
const SPLIT: Verdict = { kind: 'split' };

/**
 * A run must not name one user twice where the server refuses a repeated ID: the
 * later entry waits for the next run. The check of one runsOf pass: it keeps the
 * user IDs of the run being built, so that a batch of a thousand is not compared
 * pair by pair, and takes the entry's users into the run when it fits.
 */
export function noRepeat<I extends { uids: string[] }>(): (
	run: Array<Entry<I>>,
	entry: Entry<I>,
) => boolean {
	let current: Array<Entry<I>> | undefined;
	let seen = new Set<string>();
	return (run, entry) => {
		if (run !== current) {
			current = run;
			seen = new Set(run.flatMap((other) => other.input.uids));
		}
		if (entry.input.uids.some((uid) => seen.has(uid))) return false;
		for (const uid of entry.input.uids) seen.add(uid);
		return true;
	};
}

/**
 * The entries of a list route, a run at a time, each run in as few requests as
 * the server allows: `send` answers the outputs of each entry of the list it
 * gets. A refusal that may lie with some entries (the generation says which)
 * is narrowed down by `culprit`, a lookup, where there is one, else by halves;
 * any other failure is every entry's of that list.
 */
export async function sendRuns<I>(
	api: Session,
	endpoint: keyof Endpoints,
	runs: Array<Array<Entry<I>>>,
	send: (list: Array<Entry<I>>) => Promise<IDataObject[][]>,
	culprit?: {
		when: (errCode: number) => boolean;
		find: (list: Array<Entry<I>>) => Promise<boolean[]>;
	},
): Promise<Map<number, Settled<IDataObject[]>>> {
	const judge = async (error: unknown, list: Array<Entry<I>>): Promise<Verdict> => {
		const failure = failureOf(error);
		if (!failure || !api.blamesEntries?.(failure, endpoint)) return ALL;
		if (!culprit?.when(failure.errCode as number)) return SPLIT;
		try {
			const bad = await culprit.find(list);
			return { kind: 'culprits', bad: bad.flatMap((isBad, position) => (isBad ? [position] : [])) };
		} catch {
			// The lookup failed too: the list's own failure is what each entry ends with.
			return ALL;
		}
	};
	const settled = new Map<number, Settled<IDataObject[]>>();
	for (const run of runs) {
		const outcomes = await isolate(run, send, judge);
		run.forEach((entry, position) => settled.set(entry.itemIndex, outcomes[position]));
	}
	return settled;
}

/**
 * Registers the entries' users in as few user_register requests as the server
 * allows. 3.x refuses a whole list for one registered user (1102) without saying
 * which: one get_users_info finds them, whatever their number, and the others go
 * again; for a bad ID or name (1001), which the node's own checks make rare,
 * the list is halved until each bad user is alone.
 */
export async function registerEntries(
	ctx: IExecuteFunctions,
	api: Session,
	entries: Array<Entry<UserInput>>,
): Promise<Map<number, Settled<IDataObject[]>>> {
	const endpoint = endpointOf(ctx, api, 'user.registerMany');
	const withUids = entries.map(({ itemIndex, input }) => ({
		itemIndex,
		input: { ...input, uids: [input.uid] },
	}));
	const runs = runsOf(withUids, noRepeat());
	const send = async (list: typeof withUids) => {
		const settings = requestSettings(api.params.item(list[0].itemIndex));
		const outputs = await call(
			ctx,
			api,
			endpoint,
			list.map((entry) => entry.input),
			settings,
		);
		return outputs.map((output) => [output]);
	};
	const registered = async (list: typeof withUids) => {
		const existing = await fetchUsers(
			ctx,
			api,
			list.map((entry) => entry.input.uid),
			list[0].itemIndex,
		);
		return list.map((entry) => existing.has(entry.input.uid));
	};
	return await sendRuns(api, 'user.registerMany', runs, send, {
		when: (errCode) => api.isAlreadyRegistered({ path: endpoint.path, httpCode: 200, errCode }),
		find: registered,
	});
}
