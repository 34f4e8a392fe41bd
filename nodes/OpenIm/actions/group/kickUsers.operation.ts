import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { GroupUsersInput } from '../../api/types';
import { runsOf, unionOf, type Entry } from '../../helpers/batch';
import { inChunks } from '../../helpers/chunks';
import {
	collectionProperty,
	getCollection,
	getList,
	getText,
	type ItemReader,
} from '../../helpers/params';
import { batchOf, noRepeat, sendRuns } from '../batch';
import { call, endpointOf, prepare } from '../call';
import {
	BATCH_MAX,
	UID_MAX,
	batchOptions,
	requestSettings,
	uidListProperty,
} from '../common.descriptions';
import { groupIdProperty } from './groupId';
import type { Session } from '../../transport';

const uidListInfo = uidListProperty({
	name: 'uidListInfo',
	description: 'Comma-separated IDs of the users to remove, or an array from an expression',
});

const additionalFields: INodeProperties = collectionProperty('additionalFields', {
	options: [{ displayName: 'Reason', name: 'reason', type: 'string', default: '' }],
});

const properties: INodeProperties[] = [
	groupIdProperty,
	uidListInfo,
	additionalFields,
	...batchOptions(
		'Consecutive items with the same Group ID and Reason go in one kick_group request (up to 1000 users together). OpenIM kicks none of a request with one non-member or the owner: the node then halves the batch until each such item is alone.',
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['kickUsers'] } },
	properties,
);

function kickInput(read: ItemReader): GroupUsersInput {
	const groupID = getText(read, groupIdProperty, { required: true });
	const uids = getList(read, uidListInfo, { maxLength: UID_MAX });
	const { reason } = getCollection(read, additionalFields) as { reason?: string };
	return { groupID, uids, reason };
}

/** An item's input, checked as its own request would be, before any request (a chunk, a batch). */
function checkedKickInput(ctx: IExecuteFunctions, api: Session, read: ItemReader): GroupUsersInput {
	const input = kickInput(read);
	prepare(ctx, api, endpointOf(ctx, api, 'group.kickUsers'), input, requestSettings(read));
	return input;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const { groupID, uids, reason } = checkedKickInput(this, api, read);
	const endpoint = endpointOf(this, api, 'group.kickUsers');
	const settings = requestSettings(read);
	return await inChunks(
		this,
		uids,
		itemIndex,
		async (chunk) => await call(this, api, endpoint, { groupID, uids: chunk, reason }, settings),
	);
}

/**
 * A batch: one request per run of the same group and reason. A user kicked by an
 * earlier item is not a member any more, so an item naming one again waits for the next run.
 */
export const executeBatch = batchOf(
	function (itemIndex, api) {
		return checkedKickInput(this, api, api.params.item(itemIndex));
	},
	async function (entries, settled, api) {
		const endpoint = endpointOf(this, api, 'group.kickUsers');
		const sameGroup = (a: GroupUsersInput, b: GroupUsersInput) =>
			a.groupID === b.groupID && (a.reason ?? '') === (b.reason ?? '');
		const usersOf = (list: Array<Entry<GroupUsersInput>>) =>
			unionOf(list.map((entry) => entry.input.uids));
		const distinct = noRepeat<GroupUsersInput>();
		const runs = runsOf(
			entries,
			// distinct last: it takes the entry's users into the run.
			(run, entry) =>
				sameGroup(run[0].input, entry.input) &&
				usersOf([...run, entry]).length <= BATCH_MAX &&
				distinct(run, entry),
		);
		const send = async (list: Array<Entry<GroupUsersInput>>) => {
			const { groupID, reason } = list[0].input;
			const settings = requestSettings(api.params.item(list[0].itemIndex));
			const kick = async (uids: string[]) =>
				await call(this, api, endpoint, { groupID, uids, reason }, settings);
			// Several items share one request (at most 1000 users); one item alone is sent as one by one.
			const outputs =
				list.length > 1
					? await kick(usersOf(list))
					: await inChunks(this, list[0].input.uids, list[0].itemIndex, kick);
			const byUser = new Map(outputs.map((output) => [String(output.userID), output]));
			return list.map((entry) => entry.input.uids.map((uid) => ({ ...byUser.get(uid) })));
		};
		for (const [itemIndex, outcome] of await sendRuns(api, 'group.kickUsers', runs, send))
			settled.set(itemIndex, outcome);
	},
);
