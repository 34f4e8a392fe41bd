import type { PairInput } from '../../api/types';
import { runsOf, unionOf, type Entry } from '../../helpers/batch';
import { batchOf, sendRuns } from '../batch';
import { call, endpointOf, prepare } from '../call';
import { BATCH_MAX, batchOptions, requestSettings } from '../common.descriptions';
import { fetchUsers } from '../user/get.operation';
import { pairInput, pairOperation } from './ownerAndUser';

export const { description, execute } = pairOperation(
	'import',
	[
		'One of the two users to make friends; on OpenIM 3.x also a comma-separated list or an array of users, each made a friend of the owner',
		'The other user',
	],
	batchOptions(
		'Consecutive items with the same Owner User ID go in one import_friend request (up to 1000 users together). OpenIM imports none of a request with one unknown user: the node then looks the users up and imports the items without one.',
	),
);

/** A batch: one request per run of the same owner; import_friend skips pairs that are friends already. */
export const executeBatch = batchOf(
	function (itemIndex, api) {
		const endpoint = endpointOf(this, api, 'friend.import');
		const read = api.params.item(itemIndex);
		const input = pairInput(read, endpoint);
		prepare(this, api, endpoint, input, requestSettings(read));
		return input;
	},
	async function (entries, settled, api) {
		const endpoint = endpointOf(this, api, 'friend.import');
		const usersOf = (list: Array<Entry<PairInput>>) =>
			unionOf(list.map((entry) => entry.input.uids));
		const runs = runsOf(
			entries,
			(run, entry) =>
				run[0].input.ownerUid === entry.input.ownerUid &&
				usersOf([...run, entry]).length <= BATCH_MAX,
		);
		const send = async (list: Array<Entry<PairInput>>) => {
			const { ownerUid } = list[0].input;
			const outputs = await call(
				this,
				api,
				endpoint,
				{ ownerUid, uids: usersOf(list) },
				requestSettings(api.params.item(list[0].itemIndex)),
			);
			const byFriend = new Map(outputs.map((output) => [String(output.friendUserID), output]));
			return list.map((entry) => entry.input.uids.map((uid) => ({ ...byFriend.get(uid) })));
		};
		// 1004: a user of the list is unknown. One lookup of every user of the list finds the items that name one.
		const withUnknownUser = async (list: Array<Entry<PairInput>>) => {
			const known = await fetchUsers(
				this,
				api,
				[list[0].input.ownerUid, ...usersOf(list)],
				list[0].itemIndex,
			);
			return list.map(
				(entry) =>
					!known.has(entry.input.ownerUid) || entry.input.uids.some((uid) => !known.has(uid)),
			);
		};
		const outcomes = await sendRuns(api, 'friend.import', runs, send, {
			when: (errCode) => errCode === 1004,
			find: withUnknownUser,
		});
		for (const [itemIndex, outcome] of outcomes) settled.set(itemIndex, outcome);
	},
);
