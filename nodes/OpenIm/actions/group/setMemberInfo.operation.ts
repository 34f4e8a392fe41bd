import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Endpoints, MemberChange } from '../../api/types';
import {
	choiceProperty,
	collectionProperty,
	getChanges,
	getText,
	ParameterError,
	type ItemReader,
} from '../../helpers/params';
import { runsOf, type Entry } from '../../helpers/batch';
import type { Session } from '../../transport';
import { batchOf, noRepeat, sendRuns } from '../batch';
import { call, endpointOf, prepare } from '../call';
import { batchOptions, getUid, requestSettings, uidProperty } from '../common.descriptions';
import { groupIdProperty } from './groupId';

const OWNER = 100;

const member = uidProperty({ description: 'The member whose info to change' });
const updateFields: INodeProperties = collectionProperty('updateFields', {
	options: [
		{
			displayName: 'Extension',
			name: 'ex',
			type: 'string',
			default: '',
			description: 'Free-form data on the membership, e.g. a JSON string',
		},
		{
			displayName: 'Face URL',
			name: 'faceUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://example.com/alice.png',
			description: "The member's avatar in this group (ignored by servers before 3.8.1)",
		},
		{
			displayName: 'Nickname',
			name: 'nickname',
			type: 'string',
			default: '',
			placeholder: 'e.g. Alice (support)',
			description: "The member's nickname in this group; empty shows the profile nickname",
		},
		choiceProperty(
			'Role',
			'roleLevel',
			{ Admin: 60, Member: 20 },
			{
				default: 20,
				description: "The member's role; the owner's cannot be changed here (use Transfer Owner)",
			},
		),
	],
});

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['setMemberInfo'] } },
	[
		groupIdProperty,
		member,
		updateFields,
		...batchOptions(
			'Consecutive items of one group go together in one request, each member once; a member OpenIM refuses (e.g. not in the group) fails its own item only.',
		),
	],
);

export const needs: Array<keyof Endpoints> = ['group.setMemberInfo', 'group.getMembersInfo'];

function readChange(read: ItemReader): MemberChange {
	const groupID = getText(read, groupIdProperty, { required: true });
	const uid = getUid(read, member);
	const fields = getChanges(read, updateFields);
	return { groupID, uid, fields, uids: [uid] };
}

/** An item's change, checked as its own request would be, before the owner lookup or a batch. */
function checkedChange(ctx: IExecuteFunctions, api: Session, read: ItemReader): MemberChange {
	const change = readChange(read);
	prepare(ctx, api, endpointOf(ctx, api, 'group.setMemberInfo'), [change], requestSettings(read));
	return change;
}

/**
 * The owners among the members of one group whose role is to change: with the admin token the
 * server would set the owner's role too and leave the group without an owner. One lookup.
 */
async function ownersAmong(
	ctx: IExecuteFunctions,
	api: Session,
	run: Array<Entry<MemberChange>>,
): Promise<Set<string>> {
	const uids = run
		.filter((entry) => entry.input.fields.roleLevel !== undefined)
		.map((entry) => entry.input.uid);
	if (!uids.length) return new Set();
	const { groupID } = run[0].input;
	const members = await call(
		ctx,
		api,
		endpointOf(ctx, api, 'group.getMembersInfo'),
		{ groupID, fields: { uids } },
		requestSettings(api.params.item(run[0].itemIndex)),
	);
	return new Set(
		members.filter((entry) => entry.roleLevel === OWNER).map((entry) => String(entry.userID)),
	);
}

const ownerRefused = () =>
	new ParameterError(
		{ name: 'roleLevel', displayName: 'Role' },
		'cannot be changed for the group owner (that would leave the group without one): use Transfer Owner',
	);

const isOwnerChange = (owners: Set<string>, entry: Entry<MemberChange>) =>
	entry.input.fields.roleLevel !== undefined && owners.has(entry.input.uid);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const entry = { itemIndex, input: checkedChange(this, api, read) };
	if (isOwnerChange(await ownersAmong(this, api, [entry]), entry)) throw ownerRefused();
	return await call(
		this,
		api,
		endpointOf(this, api, 'group.setMemberInfo'),
		[entry.input],
		requestSettings(read),
	);
}

/** A batch: each run of consecutive items of one group in one request (a member at most once in it). */
export const executeBatch = batchOf(
	function (itemIndex, api) {
		return checkedChange(this, api, api.params.item(itemIndex));
	},
	async function (entries, settled, api) {
		const distinct = noRepeat<MemberChange>();
		const runs = runsOf(
			entries,
			// distinct last: it takes the entry's member into the run.
			(run, entry) => run[0].input.groupID === entry.input.groupID && distinct(run, entry),
		);
		const send = async (list: Array<Entry<MemberChange>>) => {
			const outputs = await call(
				this,
				api,
				endpointOf(this, api, 'group.setMemberInfo'),
				list.map((entry) => entry.input),
				requestSettings(api.params.item(list[0].itemIndex)),
			);
			return outputs.map((output) => [output]);
		};
		for (const run of runs) {
			let owners: Set<string>;
			try {
				owners = await ownersAmong(this, api, run);
			} catch (error) {
				for (const entry of run) settled.set(entry.itemIndex, { error });
				continue;
			}
			const allowed = run.filter((entry) => !isOwnerChange(owners, entry));
			for (const entry of run)
				if (isOwnerChange(owners, entry)) settled.set(entry.itemIndex, { error: ownerRefused() });
			for (const [itemIndex, outcome] of await sendRuns(
				api,
				'group.setMemberInfo',
				[allowed],
				send,
			))
				settled.set(itemIndex, outcome);
		}
	},
);
