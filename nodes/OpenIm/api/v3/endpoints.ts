import type { IDataObject } from 'n8n-workflow';

import { PARAMS } from '../params';
import type { Endpoints, PageInput } from '../types';
import { searchItem } from './search';
import { withUserIdChecks } from './userIds';

const list = (value: unknown) => (Array.isArray(value) ? (value as IDataObject[]) : []);
const data = (answer: IDataObject) => (answer.data ?? {}) as IDataObject;

const { uid: UID, memberList: MEMBERS } = PARAMS;

/** The node's profile parameters and 3.x's UserInfo keys. */
const PROFILE_KEYS: Record<string, string> = {
	name: 'nickname',
	icon: 'faceURL',
	ex: 'ex',
	globalRecvMsgOpt: 'globalRecvMsgOpt',
};
const GROUP_KEYS: Record<string, string> = { faceUrl: 'faceURL' };

function renamed(fields: IDataObject, keys: Record<string, string>): IDataObject {
	return Object.fromEntries(
		Object.entries(fields).map(([name, value]) => [keys[name] ?? name, value]),
	);
}

const pagination = ({ page }: PageInput) => ({
	pagination: { pageNumber: page.number, showNumber: page.size },
});

/** 3.x pages hold at most this many entries (DESIGN: paging happens with a few hundred). */
const PAGE_SIZE = 100;
/** invite_user_to_group, kick_group, import_friend and create_group take at most 1000 IDs. */
const MAX_IDS = 1000;

/** The session tokens of an online user are not the node's to hand on. */
function withoutTokens(entry: IDataObject): IDataObject {
	if (!Array.isArray(entry.detailPlatformStatus)) return entry;
	const platforms = list(entry.detailPlatformStatus).map((platform) => {
		const kept = { ...platform };
		delete kept.token;
		return kept;
	});
	return { ...entry, detailPlatformStatus: platforms };
}

const groupFields = (fields: IDataObject) => renamed(fields, GROUP_KEYS);
/** set_group_member_info's member: userID and the changed fields (faceUrl is the node's name, as for groups). */
const memberFields = ({ uid, ...fields }: IDataObject) => ({
	userID: uid,
	...renamed(fields, GROUP_KEYS),
});

/** The 3.x server API (server-api-v3.md 3): one request body and one answer reader per operation. */
export const ENDPOINTS: Endpoints = withUserIdChecks({
	'user.register': {
		path: 'user/user_register',
		withSecret: true,
		body: ({ uid, profile }) => ({
			users: [{ userID: uid, ...renamed(profile, PROFILE_KEYS) }],
		}),
		read: (_answer, { uid, profile }) => [
			{ userID: uid, ...renamed(profile, PROFILE_KEYS), registered: true },
		],
	},
	'user.registerMany': {
		path: 'user/user_register',
		withSecret: true,
		body: (inputs) => ({
			users: inputs.map(({ uid, profile }) => ({
				userID: uid,
				...renamed(profile, PROFILE_KEYS),
			})),
		}),
		read: (_answer, inputs) =>
			inputs.map(({ uid, profile }) => ({
				userID: uid,
				...renamed(profile, PROFILE_KEYS),
				registered: true,
			})),
	},
	'user.getToken': {
		path: 'auth/get_user_token',
		body: ({ uid, platform }) => ({ platformID: platform, userID: uid }),
		read: (answer, { uid, platform }) => [{ userID: uid, platformID: platform, ...data(answer) }],
	},
	'user.update': {
		path: 'user/update_user_info_ex',
		body: ({ uid, profile }) => ({ userInfo: { userID: uid, ...renamed(profile, PROFILE_KEYS) } }),
		read: (_answer, { uid, profile }) => [
			{ userID: uid, ...renamed(profile, PROFILE_KEYS), updated: true },
		],
	},
	'user.get': {
		path: 'user/get_users_info',
		idempotent: true,
		body: ({ uids }) => ({ userIDs: uids }),
		read: (answer) => list(data(answer).usersInfo),
		idOf: (user) => String(user.userID),
		missing: (uid) => ({ userID: uid, found: false }),
	},
	'user.getAll': {
		path: 'user/get_users',
		idempotent: true,
		pageSize: PAGE_SIZE,
		body: (input) => ({
			...pagination(input),
			...(input.filters.uid !== undefined && { userID: input.filters.uid }),
			...(input.filters.name !== undefined && { nickName: input.filters.name }),
		}),
		read: (answer) => list(data(answer).users),
	},
	'group.create': {
		path: 'group/create_group',
		body: ({ groupName, members, fields }, refuse) => {
			const withRole = (role: number) =>
				members.filter((member) => member.setRole === role).map((member) => member.uid);
			const owners = withRole(1);
			if (owners.length !== 1)
				refuse(MEMBERS, 'needs exactly one member with the Owner role on OpenIM 3.x');
			const memberUserIDs = withRole(0);
			if (memberUserIDs.length > MAX_IDS)
				refuse(MEMBERS, `has ${memberUserIDs.length} members; OpenIM allows at most ${MAX_IDS}`);
			return {
				ownerUserID: owners[0],
				adminUserIDs: withRole(2),
				memberUserIDs,
				// 3.x creates only working groups (groupType 2).
				groupInfo: { groupName, groupType: 2, ...renamed(fields, GROUP_KEYS) },
			};
		},
		read: (answer) => [{ ...((data(answer).groupInfo ?? {}) as IDataObject) }],
	},
	'group.inviteUsers': {
		path: 'group/invite_user_to_group',
		body: ({ groupID, uids, reason }) => ({ groupID, invitedUserIDs: uids, reason: reason ?? '' }),
		read: (_answer, { groupID, uids }) =>
			uids.map((userID) => ({ groupID, userID, invited: true })),
	},
	'group.kickUsers': {
		path: 'group/kick_group',
		body: ({ groupID, uids, reason }) => ({ groupID, kickedUserIDs: uids, reason: reason ?? '' }),
		read: (_answer, { groupID, uids }) => uids.map((userID) => ({ groupID, userID, kicked: true })),
	},
	'friend.import': {
		path: 'friend/import_friend',
		manyUsers: true,
		body: ({ ownerUid, uids }, refuse) => {
			if (uids.includes(ownerUid))
				refuse(UID, 'must not include the owner: a user cannot befriend themselves');
			if (uids.length > MAX_IDS)
				refuse(UID, `lists ${uids.length} users; OpenIM allows at most ${MAX_IDS}`);
			return { ownerUserID: ownerUid, friendUserIDs: uids };
		},
		read: (_answer, { ownerUid, uids }) =>
			uids.map((friendUserID) => ({ ownerUserID: ownerUid, friendUserID, imported: true })),
	},
	'friend.addToBlacklist': {
		path: 'friend/add_black',
		body: ({ ownerUid, uids }) => ({ ownerUserID: ownerUid, blackUserID: uids[0] }),
		read: (_answer, { ownerUid, uids }) => [
			{ ownerUserID: ownerUid, blackUserID: uids[0], blacklisted: true },
		],
	},
	'message.send': {
		path: 'msg/send_msg',
		body: ({ sendID, recvID, groupID, sessionType, contentType, content, fields }) => ({
			sendID,
			...(groupID === undefined ? { recvID } : { groupID }),
			sessionType,
			contentType,
			content,
			...renamed(fields, { senderNickName: 'senderNickname' }),
		}),
		read: (answer, { sendID, recvID, groupID, sessionType, contentType }) => [
			{
				...data(answer),
				sendID,
				...(groupID === undefined ? { recvID } : { groupID }),
				sessionType,
				contentType,
			},
		],
	},
	'user.forceLogout': {
		path: 'auth/force_logout',
		body: ({ uid, platform }) => ({ platformID: platform, userID: uid }),
		read: (_answer, { uid, platform }) => [{ userID: uid, platformID: platform, loggedOut: true }],
	},
	'user.getOnlineStatus': {
		path: 'user/get_users_online_status',
		idempotent: true,
		body: ({ uids }) => ({ userIDs: uids }),
		read: (answer) => list(answer.data).map(withoutTokens),
	},
	'group.get': {
		path: 'group/get_groups_info',
		idempotent: true,
		body: ({ uids }) => ({ groupIDs: uids }),
		read: (answer) => list(data(answer).groupInfos),
		idOf: (group) => String(group.groupID),
		missing: (groupID) => ({ groupID, found: false }),
	},
	'group.getAll': {
		path: 'group/get_groups',
		idempotent: true,
		pageSize: PAGE_SIZE,
		body: (input) => ({ ...pagination(input), ...input.filters }),
		read: (answer) =>
			list(data(answer).groups).map(({ groupInfo, ...owner }) => ({
				...((groupInfo ?? {}) as IDataObject),
				...owner,
			})),
	},
	'group.update': {
		path: 'group/set_group_info_ex',
		body: ({ groupID, fields }) => ({ groupID, ...groupFields(fields) }),
		read: (_answer, { groupID, fields }) => [{ groupID, ...groupFields(fields), updated: true }],
		// 3.8.0 and older: the same fields in groupInfoForSet, where an empty text means "unchanged".
		fallback: {
			path: 'group/set_group_info',
			body: ({ groupID, fields }) => ({ groupInfoForSet: { groupID, ...groupFields(fields) } }),
			read: (_answer, { groupID, fields }) => [{ groupID, ...groupFields(fields), updated: true }],
		},
	},
	'group.dismiss': {
		path: 'group/dismiss_group',
		body: ({ groupID, fields }) => ({ groupID, deleteMember: fields.deleteMember }),
		read: (_answer, { groupID, fields }) => [
			{ groupID, deleteMember: fields.deleteMember, dismissed: true },
		],
	},
	'group.getMembers': {
		path: 'group/get_group_member_list',
		idempotent: true,
		pageSize: PAGE_SIZE,
		body: (input) => ({ groupID: input.filters.groupID, ...pagination(input) }),
		read: (answer) => list(data(answer).members),
	},
	'group.transferOwner': {
		path: 'group/transfer_group',
		body: ({ groupID, fields }) => ({
			groupID,
			oldOwnerUserID: fields.ownerUid,
			newOwnerUserID: fields.newOwnerUid,
		}),
		read: (_answer, { groupID, fields }) => [
			{
				groupID,
				oldOwnerUserID: fields.ownerUid,
				newOwnerUserID: fields.newOwnerUid,
				transferred: true,
			},
		],
	},
	'group.muteMember': {
		path: 'group/mute_group_member',
		body: ({ groupID, fields }) => ({
			groupID,
			userID: fields.uid,
			mutedSeconds: fields.mutedSeconds,
		}),
		read: (_answer, { groupID, fields }) => [
			{ groupID, userID: fields.uid, mutedSeconds: fields.mutedSeconds, muted: true },
		],
	},
	'group.unmuteMember': {
		path: 'group/cancel_mute_group_member',
		body: ({ groupID, fields }) => ({ groupID, userID: fields.uid }),
		read: (_answer, { groupID, fields }) => [{ groupID, userID: fields.uid, muted: false }],
	},
	'friend.removeFromBlacklist': {
		path: 'friend/remove_black',
		body: ({ ownerUid, uids }) => ({ ownerUserID: ownerUid, blackUserID: uids[0] }),
		read: (_answer, { ownerUid, uids }) => [
			{ ownerUserID: ownerUid, blackUserID: uids[0], blacklisted: false },
		],
	},
	'friend.getAll': {
		path: 'friend/get_friend_list',
		idempotent: true,
		pageSize: PAGE_SIZE,
		body: (input) => ({ userID: input.filters.ownerUid, ...pagination(input) }),
		read: (answer) => list(data(answer).friendsInfo),
	},
	'friend.delete': {
		path: 'friend/delete_friend',
		body: ({ ownerUid, uids }) => ({ ownerUserID: ownerUid, friendUserID: uids[0] }),
		read: (_answer, { ownerUid, uids }) => [
			{ ownerUserID: ownerUid, friendUserID: uids[0], deleted: true },
		],
	},
	'message.sendToMany': {
		path: 'msg/batch_send_msg',
		body: ({ sendID, recvIDs, isSendAll, contentType, content, fields }) => ({
			sendID,
			isSendAll,
			// Required by the server's binding even when every user gets the message.
			recvIDs: isSendAll ? [] : recvIDs,
			sessionType: 1,
			contentType,
			content,
			...renamed(fields, { senderNickName: 'senderNickname' }),
		}),
		// One item per recipient: the delivered ones with their IDs, the failed ones saying so.
		read: (answer, { sendID, contentType }) => [
			...list(data(answer).results).map((result) => ({
				...result,
				sendID,
				contentType,
				sent: true,
			})),
			...(Array.isArray(data(answer).failedUserIDs)
				? (data(answer).failedUserIDs as string[])
				: []
			).map((recvID) => ({
				recvID,
				sendID,
				contentType,
				sent: false,
				reason: 'OpenIM did not deliver the message to this user (listed in failedUserIDs)',
			})),
		],
	},
	'user.checkAccounts': {
		path: 'user/account_check',
		idempotent: true,
		body: ({ uids }) => ({ checkUserIDs: uids }),
		read: (answer) =>
			list(data(answer).results).map(({ userID, accountStatus }) => ({
				userID,
				registered: accountStatus === 1,
			})),
	},
	'group.setMemberInfo': {
		path: 'group/set_group_member_info',
		body: (changes) => ({
			members: changes.map(({ groupID, uid, fields }) => ({
				groupID,
				...memberFields({ uid, ...fields }),
			})),
		}),
		read: (_answer, changes) =>
			changes.map(({ groupID, uid, fields }) => ({
				groupID,
				...memberFields({ uid, ...fields }),
				updated: true,
			})),
	},
	'group.getMembersInfo': {
		path: 'group/get_group_members_info',
		idempotent: true,
		body: ({ groupID, fields }) => ({ groupID, userIDs: fields.uids }),
		read: (answer) => list(data(answer).members),
	},
	'group.getJoined': {
		path: 'group/get_joined_group_list',
		idempotent: true,
		pageSize: PAGE_SIZE,
		body: (input) => ({ fromUserID: input.filters.uid, ...pagination(input) }),
		read: (answer) => list(data(answer).groups),
	},
	'group.mute': {
		path: 'group/mute_group',
		body: ({ groupID }) => ({ groupID }),
		read: (_answer, { groupID }) => [{ groupID, muted: true }],
	},
	'group.unmute': {
		path: 'group/cancel_mute_group',
		body: ({ groupID }) => ({ groupID }),
		read: (_answer, { groupID }) => [{ groupID, muted: false }],
	},
	'friend.getBlacklist': {
		path: 'friend/get_black_list',
		idempotent: true,
		pageSize: PAGE_SIZE,
		body: (input) => ({ userID: input.filters.ownerUid, ...pagination(input) }),
		read: (answer) => list(data(answer).blacks),
	},
	'message.sendBusinessNotification': {
		path: 'msg/send_business_notification',
		// The server's keys are sendUserID / recvUserID; data is a Go string.
		body: ({ sendID, recvID, key, data: text }) => ({
			sendUserID: sendID,
			recvUserID: recvID,
			key,
			data: text,
		}),
		read: (answer, { sendID, recvID, key }) => [{ ...data(answer), sendID, recvID, key }],
	},
	'message.search': {
		path: 'msg/search_msg',
		idempotent: true,
		pageSize: PAGE_SIZE,
		body: (input) => ({ ...input.filters, ...pagination(input) }),
		read: (answer) => list(data(answer).chatLogs).map(searchItem),
	},
	'message.revoke': {
		path: 'msg/revoke_msg',
		body: ({ conversationID, seq, uid }) => ({ conversationID, seq, userID: uid }),
		read: (_answer, { conversationID, seq, uid }) => [
			{ conversationID, seq, userID: uid, revoked: true },
		],
	},
	'message.clearConversations': {
		path: 'msg/clear_conversation_msg',
		body: ({ uid, conversationIDs, clearForEveryone, syncOwnDevices }) => ({
			conversationIDs,
			userID: uid,
			deleteSyncOpt: { IsSyncSelf: syncOwnDevices, IsSyncOther: clearForEveryone },
		}),
		read: (_answer, { uid, conversationIDs, clearForEveryone }) => [
			{ userID: uid, conversationIDs, clearedForEveryone: clearForEveryone, cleared: true },
		],
	},
	'user.createNotificationAccount': {
		path: 'user/add_notification_account',
		// appMangerLevel 3 (notification account): 3.8.3+ refuses the request without it, older servers store 3 anyway.
		body: ({ name, uid, icon }) => ({
			...(uid && { userID: uid }),
			nickName: name,
			faceURL: icon ?? '',
			appMangerLevel: 3,
		}),
		read: (answer) => [{ appMangerLevel: 3, ...data(answer) }],
	},
	'conversation.get': {
		path: 'conversation/get_conversations',
		idempotent: true,
		body: ({ ownerUid, uids }) => ({ ownerUserID: ownerUid, conversationIDs: uids }),
		read: (answer) => list(data(answer).conversations),
	},
	'conversation.getAll': {
		path: 'conversation/get_all_conversations',
		idempotent: true,
		// No paging on this route: one request answers every row.
		body: (input) => ({ ownerUserID: input.filters.ownerUid }),
		read: (answer) => list(data(answer).conversations),
	},
	'conversation.update': {
		path: 'conversation/set_conversations',
		body: ({ owners, conversation }) => ({ userIDs: owners, conversation }),
		read: (_answer, { owners, conversation }) =>
			owners.map((ownerUserID) => ({ ownerUserID, ...conversation, updated: true })),
	},
});
