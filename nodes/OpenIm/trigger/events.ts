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

// [webhooks.yml key, display name, description, command when it is not callback<Key>Command]
const TABLE: Array<[string, string, string, string?]> = [
	['afterAddFriend', 'After Add Friend', 'A friend request was sent'],
	['afterAddFriendAgree', 'After Add Friend Agree', 'A friend request was accepted'],
	['afterCreateGroup', 'After Create Group', 'A group was created'],
	['afterDeleteFriend', 'After Delete Friend', 'A friend was removed'],
	[
		'afterDismissGroup',
		'After Dismiss Group',
		'A group was dismissed',
		'callbackAfterDisMissGroupCommand',
	],
	['afterGroupMsgRead', 'After Group Message Read', 'Group messages were marked as read'],
	['afterImportFriends', 'After Import Friends', 'Friends were imported by the admin'],
	[
		'afterJoinGroup',
		'After Join Group',
		'A user joined a group by themselves (groups that need no verification)',
	],
	[
		'afterKickGroupMember',
		'After Kick Group Member',
		'Members were removed from a group',
		'callbackAfterKickGroupCommand',
	],
	['afterQuitGroup', 'After Quit Group', 'A member left a group'],
	['afterRemoveBlack', 'After Remove From Blacklist', 'A user was taken off a blacklist'],
	[
		'afterRevokeMsg',
		'After Revoke Message',
		'A message was revoked',
		'callbackBeforeAfterMsgCommand',
	],
	[
		'afterSendGroupMsg',
		'After Send Group Message',
		'A group message was sent (admin sends and notifications included)',
	],
	[
		'afterSendSingleMsg',
		'After Send Single Message',
		'A one-to-one message was sent (admin sends and notifications included)',
	],
	['afterSetFriendRemark', 'After Set Friend Remark', 'A friend remark was changed'],
	['afterSetGroupInfo', 'After Set Group Info', 'Group info was changed'],
	[
		'afterSetGroupInfoEx',
		'After Set Group Info Ex',
		'Group info was changed through set_group_info_ex',
	],
	['afterSetGroupMemberInfo', 'After Set Group Member Info', "A member's group info was changed"],
	['afterSingleMsgRead', 'After Single Message Read', 'One-to-one messages were marked as read'],
	['afterTransferGroupOwner', 'After Transfer Group Owner', 'A group got a new owner'],
	['afterUpdateUserInfo', 'After Update User Info', 'A user was updated'],
	[
		'afterUpdateUserInfoEx',
		'After Update User Info Ex',
		'A user was updated through update_user_info_ex',
	],
	['afterUserKickOff', 'After User Kick Off', 'A user was kicked off (not fired by OpenIM 3.8)'],
	['afterUserOffline', 'After User Offline', 'A user went offline'],
	['afterUserOnline', 'After User Online', 'A user came online'],
	['afterUserRegister', 'After User Register', 'Users were registered'],
	['beforeAddBlack', 'Before Add to Blacklist', 'A user is about to be blacklisted'],
	['beforeAddFriend', 'Before Add Friend', 'A friend request is about to be sent'],
	['beforeAddFriendAgree', 'Before Add Friend Agree', 'A friend request is about to be accepted'],
	[
		'beforeApplyJoinGroup',
		'Before Apply Join Group',
		'A user is about to apply to join a group',
		'callbackBeforeJoinGroupCommand',
	],
	['beforeCreateGroup', 'Before Create Group', 'A group is about to be created'],
	[
		'beforeGroupOnlinePush',
		'Before Group Online Push',
		'A group message is about to be pushed to online members',
	],
	['beforeImportFriends', 'Before Import Friends', 'Friends are about to be imported'],
	[
		'beforeInviteUserToGroup',
		'Before Invite User to Group',
		'Users are about to be invited to a group',
		'callbackBeforeInviteJoinGroupCommand',
	],
	[
		'beforeMemberJoinGroup',
		'Before Member Join Group',
		'Members are about to join a group',
		'callbackBeforeMembersJoinGroupCommand',
	],
	[
		'beforeMsgModify',
		'Before Message Modify',
		'A text message is about to be stored; the answer may replace its content',
	],
	[
		'beforeOfflinePush',
		'Before Offline Push',
		'A message is about to be pushed to offline devices',
	],
	['beforeOnlinePush', 'Before Online Push', 'A message is about to be pushed to online devices'],
	['beforeSendGroupMsg', 'Before Send Group Message', 'A group message is about to be sent'],
	[
		'beforeSendSingleMsg',
		'Before Send Single Message',
		'A user is about to send a one-to-one message (not fired for admin sends)',
	],
	['beforeSetFriendRemark', 'Before Set Friend Remark', 'A friend remark is about to change'],
	['beforeSetGroupInfo', 'Before Set Group Info', 'Group info is about to change'],
	[
		'beforeSetGroupInfoEx',
		'Before Set Group Info Ex',
		'Group info is about to change through set_group_info_ex',
	],
	[
		'beforeSetGroupMemberInfo',
		'Before Set Group Member Info',
		"A member's group info is about to change",
	],
	['beforeUpdateUserInfo', 'Before Update User Info', 'A user is about to be updated'],
	[
		'beforeUpdateUserInfoEx',
		'Before Update User Info Ex',
		'A user is about to be updated through update_user_info_ex',
	],
	['beforeUserRegister', 'Before User Register', 'Users are about to be registered'],
];

export const EVENTS: OpenImEvent[] = TABLE.map(([key, name, description, command]) => ({
	key,
	name,
	description,
	command: command ?? `callback${key[0].toUpperCase()}${key.slice(1)}Command`,
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
