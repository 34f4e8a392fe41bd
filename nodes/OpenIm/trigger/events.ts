import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * The OpenIM 3.x webhooks (server 3.8, `config/webhooks.yml` and `pkg/callbackstruct/constant.go`).
 * `key` is the event's block in webhooks.yml and the item's short `event` name; `command` is the last
 * URL segment the server posts to, which differs from `callback<Key>Command` for a few events.
 */
export interface OpenImEvent {
	key: string;
	command: string;
	name: string;
	description: string;
	/** Before-events are synchronous: the server waits for the answer and may be refused by it. */
	before: boolean;
	/** Message events carry sendID, recvID or groupID, contentType and a JSON-string content. */
	message: boolean;
}

const MESSAGE_EVENTS = new Set([
	'beforeSendSingleMsg',
	'afterSendSingleMsg',
	'beforeSendGroupMsg',
	'afterSendGroupMsg',
	'beforeMsgModify',
]);

// webhooks.yml key: description. The display name is the key in words (see nameOf).
const DESCRIPTIONS: Record<string, string> = {
	afterAddFriend: 'A friend request was sent',
	afterAddFriendAgree: 'A friend request was accepted',
	afterCreateGroup: 'A group was created',
	afterDeleteFriend: 'A friend was removed',
	afterDismissGroup: 'A group was dismissed',
	afterGroupMsgRead: 'Group messages were marked as read',
	afterImportFriends: 'Friends were imported by the admin',
	afterJoinGroup: 'A user joined a group by themselves (groups that need no verification)',
	afterKickGroupMember: 'Members were removed from a group',
	afterQuitGroup: 'A member left a group',
	afterRemoveBlack: 'A user was taken off a blacklist',
	afterRevokeMsg: 'A message was revoked',
	afterSendGroupMsg: 'A group message was sent (admin sends and notifications included)',
	afterSendSingleMsg: 'A one-to-one message was sent (admin sends and notifications included)',
	afterSetFriendRemark: 'A friend remark was changed',
	afterSetGroupInfo: 'Group info was changed',
	afterSetGroupInfoEx: 'Group info was changed through set_group_info_ex',
	afterSetGroupMemberInfo: "A member's group info was changed",
	afterSingleMsgRead: 'One-to-one messages were marked as read',
	afterTransferGroupOwner: 'A group got a new owner',
	afterUpdateUserInfo: 'A user was updated',
	afterUpdateUserInfoEx: 'A user was updated through update_user_info_ex',
	afterUserKickOff: 'A user was kicked off (not fired by OpenIM 3.8)',
	afterUserOffline: 'A user went offline',
	afterUserOnline: 'A user came online',
	afterUserRegister: 'Users were registered',
	beforeAddBlack: 'A user is about to be blacklisted',
	beforeAddFriend: 'A friend request is about to be sent',
	beforeAddFriendAgree: 'A friend request is about to be accepted',
	beforeApplyJoinGroup: 'A user is about to apply to join a group',
	beforeCreateGroup: 'A group is about to be created',
	beforeGroupOnlinePush: 'A group message is about to be pushed to online members',
	beforeImportFriends: 'Friends are about to be imported',
	beforeInviteUserToGroup: 'Users are about to be invited to a group',
	beforeMemberJoinGroup: 'Members are about to join a group',
	beforeMsgModify: 'A text message is about to be stored; the answer may replace its content',
	beforeOfflinePush: 'A message is about to be pushed to offline devices',
	beforeOnlinePush: 'A message is about to be pushed to online devices',
	beforeSendGroupMsg: 'A group message is about to be sent',
	beforeSendSingleMsg: 'A user is about to send a one-to-one message (not fired for admin sends)',
	beforeSetFriendRemark: 'A friend remark is about to change',
	beforeSetGroupInfo: 'Group info is about to change',
	beforeSetGroupInfoEx: 'Group info is about to change through set_group_info_ex',
	beforeSetGroupMemberInfo: "A member's group info is about to change",
	beforeUpdateUserInfo: 'A user is about to be updated',
	beforeUpdateUserInfoEx: 'A user is about to be updated through update_user_info_ex',
	beforeUserRegister: 'Users are about to be registered',
};

/** Events whose URL segment is not callback<Key>Command. */
const COMMANDS: Record<string, string> = {
	afterDismissGroup: 'callbackAfterDisMissGroupCommand',
	afterKickGroupMember: 'callbackAfterKickGroupCommand',
	afterRevokeMsg: 'callbackBeforeAfterMsgCommand',
	beforeApplyJoinGroup: 'callbackBeforeJoinGroupCommand',
	beforeInviteUserToGroup: 'callbackBeforeInviteJoinGroupCommand',
	beforeMemberJoinGroup: 'callbackBeforeMembersJoinGroupCommand',
};

/** Words of the keys that read otherwise in a name; the blacklist events read as what they do. */
const WORDS: Record<string, string> = { Msg: 'Message', To: 'to' };
const EXCEPTIONS: Record<string, string> = {
	afterRemoveBlack: 'After Remove From Blacklist',
	beforeAddBlack: 'Before Add to Blacklist',
};

/** `afterGroupMsgRead` reads "After Group Message Read". */
function nameOf(key: string): string {
	const words = `${key[0].toUpperCase()}${key.slice(1)}`.match(/[A-Z][a-z]*/g) as string[];
	return EXCEPTIONS[key] ?? words.map((word) => WORDS[word] ?? word).join(' ');
}

export const EVENTS: OpenImEvent[] = Object.entries(DESCRIPTIONS).map(([key, description]) => ({
	key,
	name: nameOf(key),
	description,
	command: COMMANDS[key] ?? `callback${key[0].toUpperCase()}${key.slice(1)}Command`,
	before: key.startsWith('before'),
	message: MESSAGE_EVENTS.has(key),
}));

const BY_COMMAND = new Map(EVENTS.map((event) => [event.command, event]));

export const ALL_EVENTS = '*';

export function eventOfCommand(command: string): OpenImEvent | undefined {
	return BY_COMMAND.get(command);
}

// `action` is the trigger's entry in n8n's node picker, which would otherwise read "On after add friend".
export const eventOptions: INodePropertyOptions[] = [
	{
		name: 'All Events',
		value: ALL_EVENTS,
		description: 'Every event OpenIM calls back for',
		action: 'All Events',
	},
	...EVENTS.map(({ name, command, description }) => ({
		name,
		value: command,
		description,
		action: name,
	})),
];

const NAMES = Object.fromEntries(eventOptions.map(({ name, value }) => [value, name]));

/** The canvas subtitle: the selected events by name, not by command. */
export const eventsSubtitle = `={{ $parameter.apiVersion === "2021" ? "Message Callback" : ($parameter.events || []).map(command => (${JSON.stringify(NAMES)})[command] || command).join(", ") }}`;
