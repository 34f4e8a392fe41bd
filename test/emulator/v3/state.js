'use strict';
// The 3.x emulator's in-memory database (Mongo collections, in Maps so that any ID is a key).
const ROLE = { owner: 100, admin: 60, member: 20 };
const GROUP_STATUS = { ok: 0, banChat: 1, dismissed: 2, muted: 3 };

const SEED_GROUP_ID = '3000000001';
// Demo data for people trying the node by hand (`--seed`, POST /__emulator/seed), as the 2021 seed: three users,
// alice owns a group with bob and carol in it.
const SEED_USERS = [
	{ userID: 'alice', nickname: 'Alice' },
	{ userID: 'bob', nickname: 'Bob' },
	{ userID: 'carol', nickname: 'Carol' },
];

/** P:sdkws UserInfo, in proto field order. */
const userInfo = ({
	userID,
	nickname = '',
	faceURL = '',
	ex = '',
	createTime = Date.now(),
	appMangerLevel = 0,
	globalRecvMsgOpt = 0,
}) => ({ userID, nickname, faceURL, ex, createTime, appMangerLevel, globalRecvMsgOpt });

/** P:conversation Conversation, in proto field order. */
const conversationRow = (
	ownerUserID,
	{ conversationID, conversationType, userID = '', groupID = '' },
) => ({
	ownerUserID,
	conversationID,
	recvMsgOpt: 0,
	conversationType,
	userID,
	groupID,
	isPinned: false,
	attachedInfo: '',
	isPrivateChat: false,
	groupAtType: 0,
	ex: '',
	burnDuration: 0,
	minSeq: 0,
	maxSeq: 0,
	msgDestructTime: 604800,
	latestMsgDestructTime: 0,
	isMsgDestruct: false,
});

class State {
	constructor() {
		this.users = new Map();
		this.groups = new Map();
		this.friends = new Map(); // owner -> Map(friendUserID -> { createTime (s), addSource, remark, ex, operatorUserID, isPinned })
		this.blacks = new Map(); // owner -> Map(blackUserID -> { createTime (s), addSource, operatorUserID, ex })
		this.friendRequests = []; // { fromUserID, toUserID, reqMsg, ex, handleResult, createTime }
		this.messages = [];
		this.seqs = new Map(); // conversationID -> last seq
		this.online = new Map(); // userID -> [{ platformID, connID, token }]: nobody is online unless a test says so
		this.objects = new Map(); // logical object name -> { name, key (in the object storage), size, contentType, group, createTime }
		this.conversations = new Map(); // owner -> Map(conversationID -> Conversation, P:conversation)
		this.minSeqs = new Map(); // conversationID -> the conversation-wide minSeq (clear for everyone)
		this.userMinSeqs = new Map(); // `${userID} ${conversationID}` -> the user's own minSeq (clear for one user)
		this.tips = []; // notifications the server sent (revoke 2101, clear 1703): { contentType, sendID, recvID, groupID, detail, told }
		this.pushed = []; // online-only deliveries that are never stored (business notifications 2001)
	}

	/** msgtransfer's conversation row of an owner, created with the defaults on the first message. */
	conversation(owner, fields) {
		const rows = this.relation(this.conversations, owner);
		if (!rows.has(fields.conversationID))
			rows.set(fields.conversationID, conversationRow(owner, fields));
		return rows.get(fields.conversationID);
	}

	addUser(user) {
		const stored = userInfo(user);
		this.users.set(stored.userID, stored);
		return stored;
	}

	/** GroupInfo (P:sdkws) without memberCount, plus the members. */
	addGroup(info, createTime = Date.now()) {
		const group = {
			groupID: info.groupID,
			groupName: '',
			notification: '',
			introduction: '',
			faceURL: '',
			ownerUserID: '',
			createTime,
			ex: '',
			status: 0,
			creatorUserID: '',
			groupType: 2,
			needVerification: 0,
			lookMemberInfo: 0,
			applyMemberFriend: 0,
			notificationUpdateTime: 0,
			notificationUserID: '',
			...info,
			members: new Map(),
			requests: [],
		};
		this.groups.set(group.groupID, group);
		return group;
	}

	addMember(
		group,
		userID,
		roleLevel,
		{ joinSource = 2, inviterUserID = '', operatorUserID = '', joinTime = Date.now() } = {},
	) {
		group.members.set(userID, {
			groupID: group.groupID,
			userID,
			roleLevel,
			joinTime,
			nickname: '',
			faceURL: '',
			appMangerLevel: 0,
			joinSource,
			operatorUserID,
			ex: '',
			muteEndTime: 0,
			inviterUserID,
		});
		if (roleLevel === ROLE.owner) group.ownerUserID = userID;
	}

	relation(map, owner) {
		if (!map.has(owner)) map.set(owner, new Map());
		return map.get(owner);
	}

	nextSeq(conversationID) {
		const seq = (this.seqs.get(conversationID) ?? 0) + 1;
		this.seqs.set(conversationID, seq);
		return seq;
	}

	/** Idempotent: existing users and the demo group are left as they are. */
	seed() {
		for (const user of SEED_USERS) if (!this.users.has(user.userID)) this.addUser(user);
		if (this.groups.has(SEED_GROUP_ID)) return;
		const group = this.addGroup({
			groupID: SEED_GROUP_ID,
			groupName: 'Demo group',
			introduction: 'Seeded by the OpenIM emulator',
		});
		this.addMember(group, 'alice', ROLE.owner);
		this.addMember(group, 'bob', ROLE.member, { inviterUserID: 'alice', operatorUserID: 'alice' });
		this.addMember(group, 'carol', ROLE.member, {
			inviterUserID: 'alice',
			operatorUserID: 'alice',
		});
	}

	/** A deep, plain-JSON copy (the shape documented in README.md). */
	snapshot() {
		const fromMap = (map, fn = (v) => v) =>
			Object.fromEntries([...map].map(([k, v]) => [k, fn(v)]));
		return structuredClone({
			users: fromMap(this.users),
			groups: fromMap(this.groups, ({ members, ...group }) => ({
				...group,
				memberCount: members.size,
				members: fromMap(members),
			})),
			friends: fromMap(this.friends, (m) => fromMap(m)),
			blacks: fromMap(this.blacks, (m) => fromMap(m)),
			friendRequests: this.friendRequests,
			messages: this.messages,
			objects: fromMap(this.objects),
			conversations: fromMap(this.conversations, (m) => fromMap(m)),
			tips: this.tips,
			pushed: this.pushed,
		});
	}
}

module.exports = { State, ROLE, GROUP_STATUS, SEED_USERS, SEED_GROUP_ID, userInfo };
