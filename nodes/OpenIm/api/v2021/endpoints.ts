import type { IDataObject } from 'n8n-workflow';

import type { Endpoints } from '../types';

const list = (value: unknown) => (Array.isArray(value) ? (value as IDataObject[]) : []);

/** The 2021 server API (server-api-2021.md): one request body and one answer reader per operation. */
export const ENDPOINTS: Endpoints = {
	'user.register': {
		path: 'auth/user_register',
		withSecret: true,
		body: ({ uid, platform, profile }) => ({ platform, uid, ...profile }),
		read: (answer) => [answer.data as IDataObject],
	},
	'user.getToken': {
		path: 'auth/user_token',
		withSecret: true,
		body: ({ uid, platform }) => ({ platform, uid }),
		read: (answer) => [answer.data as IDataObject],
	},
	'user.update': {
		path: 'user/update_user_info',
		body: ({ uid, profile }) => ({ uid, ...profile }),
		read: (_answer, { uid, profile }) => [{ uid, updated: true, ...profile }],
	},
	'user.get': {
		path: 'user/get_user_info',
		idempotent: true,
		body: ({ uids }) => ({ uidList: uids }),
		read: (answer) => list(answer.data),
		idOf: (user) => String(user.uid),
		missing: (uid) => ({ uid, found: false }),
	},
	'user.getAll': {
		path: 'manager/get_all_users_uid',
		idempotent: true,
		body: () => ({}),
		// An empty server answers uidList null.
		read: (answer) =>
			(Array.isArray(answer.uidList) ? (answer.uidList as string[]) : []).map((uid) => ({ uid })),
	},
	'user.delete': {
		path: 'manager/delete_user',
		body: ({ uids }) => ({ deleteUidList: uids }),
		read: (answer, { uids }) => {
			const failed = new Set(
				Array.isArray(answer.failedUidList) ? (answer.failedUidList as string[]) : [],
			);
			return uids.map((uid) => ({ uid, deleted: !failed.has(uid) }));
		},
	},
	'group.create': {
		path: 'group/create_group',
		body: ({ groupName, members, fields }) => ({ groupName, memberList: members, ...fields }),
		read: (answer, { groupName }) => [{ ...(answer.data as IDataObject), groupName }],
	},
	'group.inviteUsers': {
		path: 'group/invite_user_to_group',
		body: ({ groupID, uids, reason }) => ({ groupID, uidList: uids, reason }),
		// result 0 means added; -1 means unknown user or already a member.
		read: (answer, { groupID }) =>
			list(answer.data).map((entry) => ({ groupID, ...entry, invited: entry.result === 0 })),
	},
	'group.kickUsers': {
		path: 'group/kick_group',
		body: ({ groupID, uids, reason }) => ({
			groupID,
			uidListInfo: uids.map((userId) => ({ userId })),
			...(reason !== undefined && { reason }),
		}),
		read: (answer, { groupID }) =>
			list(answer.data).map((entry) => ({ groupID, ...entry, kicked: entry.result === 0 })),
	},
	'friend.import': {
		path: 'friend/import_friend',
		body: ({ ownerUid, uids }) => ({ uid: uids[0], ownerUid }),
		read: (_answer, { ownerUid, uids }) => [{ uid: uids[0], ownerUid, imported: true }],
	},
	'friend.addToBlacklist': {
		path: 'friend/add_blacklist',
		body: ({ ownerUid, uids }) => ({ uid: uids[0], ownerUid }),
		read: (_answer, { ownerUid, uids }) => [{ uid: uids[0], ownerUid, blacklisted: true }],
	},
	'message.send': {
		path: 'manager/send_msg',
		body: ({ sendID, recvID, sessionType, contentType, content, fields }) => ({
			sendID,
			recvID,
			sessionType,
			contentType,
			content,
			...fields,
		}),
		read: (answer, { sendID, recvID, sessionType, contentType }) => [
			{
				msgID: answer.msgID,
				// Nanoseconds, beyond exact JavaScript numbers: kept as the exact decimal text.
				sendTime: answer.sendTime === undefined ? undefined : String(answer.sendTime),
				sendID,
				recvID,
				sessionType,
				contentType,
			},
		],
	},
};
