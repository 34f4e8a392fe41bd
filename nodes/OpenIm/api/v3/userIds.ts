import type { IDataObject } from 'n8n-workflow';

import type { Param } from '../../helpers/params';
import { PARAMS } from '../params';
import type { Endpoint, Endpoints, PairInput, Refuse } from '../types';

/**
 * 3.x user_register's rule (IsLegalUserID, server-api-v3.md 3.1): Unicode letters,
 * decimal digits and _ only; -, ., @, : and spaces are refused.
 */
export const LEGAL_USER_ID = /^[\p{L}\p{Nd}_]+$/u;
const LEGAL_CHAR = /^[\p{L}\p{Nd}_]$/u;

const param = (name: string, displayName: string): Param => ({ name, displayName });
const { uid: UID, memberList: MEMBERS } = PARAMS;
const UID_LIST = param('uidList', 'User IDs');
const OWNER = param('ownerUid', 'Owner User ID');
const SENDER = param('sendID', 'Sender User ID');
const RECEIVER = param('recvID', 'Receiver ID');

/** Where one request's input holds user IDs: each parameter, and the ID or IDs it gave. */
type Row<I> = Array<[Param, (input: I) => unknown]>;
type InputOf<K extends keyof Endpoints> =
	NonNullable<Endpoints[K]> extends Endpoint<infer I> ? I : never;

const PAIR: Row<PairInput> = [
	[OWNER, ({ ownerUid }) => ownerUid],
	[UID, ({ uids }) => uids],
];

/**
 * Every 3.x request that names a user, and where its input holds the IDs: such an ID
 * is refused as user_register would refuse it, before anything is sent, so that no
 * message is stored from (or to, or for) a user that cannot exist. Not here: the lookups
 * (Get, Check Accounts, Get Online Status), whose true answer for such an ID is "not
 * found", "not registered" or "offline", and the filters of Get Many and Search.
 */
export const USER_IDS: { [K in keyof Endpoints]?: Row<InputOf<K>> } = {
	'user.register': [[UID, ({ uid }) => uid]],
	'user.registerMany': [[UID, (inputs) => inputs.map(({ uid }) => uid)]],
	'user.getToken': [[UID, ({ uid }) => uid]],
	'user.update': [[UID, ({ uid }) => uid]],
	'user.forceLogout': [[UID, ({ uid }) => uid]],
	// The server would take any ID here: the node would then refuse every other use of it.
	'user.createNotificationAccount': [[UID, ({ uid }) => uid]],
	'group.create': [[MEMBERS, ({ members }) => members.map((member) => member.uid)]],
	'group.inviteUsers': [[UID_LIST, ({ uids }) => uids]],
	'group.kickUsers': [[param('uidListInfo', 'User IDs'), ({ uids }) => uids]],
	'group.transferOwner': [
		[OWNER, ({ fields }) => fields.ownerUid],
		[param('newOwnerUid', 'New Owner User ID'), ({ fields }) => fields.newOwnerUid],
	],
	'group.muteMember': [[UID, ({ fields }) => fields.uid]],
	'group.unmuteMember': [[UID, ({ fields }) => fields.uid]],
	'group.setMemberInfo': [[UID, (changes) => changes.map((change) => change.uid)]],
	'group.getJoined': [[UID, ({ filters }) => filters.uid]],
	'friend.import': PAIR,
	'friend.addToBlacklist': PAIR,
	'friend.removeFromBlacklist': PAIR,
	'friend.delete': PAIR,
	'friend.getAll': [[OWNER, ({ filters }) => filters.ownerUid]],
	'friend.getBlacklist': [[OWNER, ({ filters }) => filters.ownerUid]],
	'message.send': [
		[SENDER, ({ sendID }) => sendID],
		// A group chat's receiver is the group (groupID), not a user.
		[RECEIVER, ({ recvID, groupID }) => (groupID === undefined ? recvID : undefined)],
	],
	'message.sendToMany': [
		[SENDER, ({ sendID }) => sendID],
		[param('uidList', 'Recipient User IDs'), ({ recvIDs }) => recvIDs],
	],
	'message.sendBusinessNotification': [
		[SENDER, ({ sendID }) => sendID],
		[param('recvID', 'Receiver User ID'), ({ recvID }) => recvID],
	],
	'message.revoke': [[UID, ({ uid }) => uid]],
	'message.clearConversations': [[UID, ({ uid }) => uid]],
	'conversation.get': [[OWNER, ({ ownerUid }) => ownerUid]],
	'conversation.getAll': [[OWNER, ({ filters }) => filters.ownerUid]],
	'conversation.update': [
		[UID_LIST, ({ owners }) => owners],
		// A one-to-one conversation names its other user; a group's has none ('').
		[RECEIVER, ({ conversation }) => conversation.userID],
	],
};

/** The IDs of one entry: a text, a list of them, or nothing (an optional parameter left empty). */
const idsOf = (value: unknown): string[] =>
	(Array.isArray(value) ? value : [value]).filter(
		(id): id is string => typeof id === 'string' && id !== '',
	);

function check<I>(row: Row<I>, input: I, refuse: Refuse): void {
	for (const [param, idsIn] of row) {
		const illegal = idsOf(idsIn(input)).find((id) => !LEGAL_USER_ID.test(id));
		if (illegal === undefined) continue;
		const char = Array.from(illegal).find((c) => !LEGAL_CHAR.test(c));
		refuse(
			param,
			`may contain only letters, digits and _ on OpenIM 3.x, not "${char}" ("${illegal}")`,
		);
	}
}

/** The endpoints, each refusing what USER_IDS names before it builds its request. */
export function withUserIdChecks(endpoints: Endpoints): Endpoints {
	const checked: IDataObject = { ...endpoints };
	for (const [key, row] of Object.entries(USER_IDS) as Array<[keyof Endpoints, Row<unknown>]>) {
		const endpoint = endpoints[key] as Endpoint<unknown> | undefined;
		if (!endpoint) continue;
		checked[key] = {
			...endpoint,
			body: (input: unknown, refuse: Refuse) => {
				check(row, input, refuse);
				return endpoint.body(input, refuse);
			},
		};
	}
	return checked as unknown as Endpoints;
}
