'use strict';
// group/* (S:internal/rpc/group/group.go; §3.2).
const { T, req, checkPagination, page, repeated, regex } = require('./common');
const { ApiError, args, noPermission, notFound, duplicateKey } = require('../errors');
const { ROLE, GROUP_STATUS } = require('../state');

const GROUP_FIELDS = ['groupName', 'notification', 'introduction', 'faceURL', 'ex', 'needVerification', 'lookMemberInfo', 'applyMemberFriend'];
const groupInfoFields = [
	['GroupID', 'groupID', T.STRING],
	['GroupName', 'groupName', T.STRING],
	['Notification', 'notification', T.STRING],
	['Introduction', 'introduction', T.STRING],
	['FaceURL', 'faceURL', T.STRING],
	['OwnerUserID', 'ownerUserID', T.STRING],
	['CreateTime', 'createTime', T.INT64],
	['MemberCount', 'memberCount', T.UINT32],
	['Ex', 'ex', T.STRING],
	['Status', 'status', T.INT32],
	['CreatorUserID', 'creatorUserID', T.STRING],
	['GroupType', 'groupType', T.INT32],
	['NeedVerification', 'needVerification', T.INT32],
	['LookMemberInfo', 'lookMemberInfo', T.INT32],
	['ApplyMemberFriend', 'applyMemberFriend', T.INT32],
	['NotificationUpdateTime', 'notificationUpdateTime', T.INT64],
	['NotificationUserID', 'notificationUserID', T.STRING],
];
const wrapped = (name, type) => [name[0].toUpperCase() + name.slice(1), name, type];
const setInfoExFields = [
	['GroupID', 'groupID', T.STRING],
	...['groupName', 'notification', 'introduction', 'faceURL', 'ex'].map((n) => wrapped(n, T.StringValue)),
	...['needVerification', 'lookMemberInfo', 'applyMemberFriend'].map((n) => wrapped(n, T.Int32Value)),
];
const setInfoFields = [
	['GroupID', 'groupID', T.STRING],
	...['groupName', 'notification', 'introduction', 'faceURL'].map((n) => wrapped(n, T.STRING)),
	wrapped('ex', T.StringValue),
	...['needVerification', 'lookMemberInfo', 'applyMemberFriend'].map((n) => wrapped(n, T.Int32Value)),
];

/** GroupInfo as the API writes it (proto order); memberCount counted unless given. */
function groupInfo(group, memberCount = group.members.size) {
	const { members, requests, ...info } = group;
	const out = {};
	for (const [, key] of groupInfoFields) out[key] = key === 'memberCount' ? memberCount : info[key];
	return out;
}

/** A member as read back: an empty nickname or faceURL is filled in from the user profile. */
function memberInfo(emu, member) {
	const user = emu.state.users.get(member.userID);
	return { ...member, nickname: member.nickname || user?.nickname || '', faceURL: member.faceURL || user?.faceURL || '' };
}

const sortedMembers = (group) => [...group.members.values()].sort((a, b) => b.roleLevel - a.roleLevel || a.joinTime - b.joinTime);

function groupOr404(emu, groupID) {
	const group = emu.state.groups.get(groupID);
	if (!group) throw notFound(`group ${groupID} not found`);
	return group;
}
const notDismissed = (group) => {
	if (group.status === GROUP_STATUS.dismissed) throw new ApiError(1204, 'group dismissed');
	return group;
};
const roleOf = (group, userID) => group.members.get(userID)?.roleLevel ?? 0;
/** The admin, or a member of the group with at least `role`. */
function needRole(op, group, role, what = 'no permission') {
	if (!op.admin && roleOf(group, op.userID) < role) throw noPermission(what);
}

/** set_group_info(_ex): owner or group admin; the before-hook may change the fields. */
async function setGroupInfo(emu, info, op, { command, changes }) {
	const group = notDismissed(groupOr404(emu, info.groupID));
	needRole(op, group, ROLE.admin);
	const answer = await emu.before(`callbackBefore${command}Command`, { operationID: op.operationID, ...info });
	const set = { ...changes({ ...info, ...Object.fromEntries(Object.entries(answer).filter(([k, v]) => GROUP_FIELDS.includes(k) && v != null)) }) };
	Object.assign(group, set);
	if (set.notification !== undefined) Object.assign(group, { notificationUpdateTime: Date.now(), notificationUserID: op.userID });
	emu.after(`callbackAfter${command}Command`, { operationID: op.operationID, groupID: group.groupID, ...set });
}
const present = (info, keep) => Object.fromEntries(GROUP_FIELDS.filter((k) => keep(info[k])).map((k) => [k, info[k]]));

module.exports = {
	'/group/create_group': {
		params: req('group.CreateGroupReq', [
			['MemberUserIDs', 'memberUserIDs', T.STRINGS],
			['GroupInfo', 'groupInfo', T.ptr(T.struct('sdkws.GroupInfo', groupInfoFields))],
			['AdminUserIDs', 'adminUserIDs', T.STRINGS],
			['OwnerUserID', 'ownerUserID', T.STRING],
			['SendMessage', 'sendMessage', T.BoolValue],
		]),
		check(p) {
			if (!p.groupInfo) return 'groupInfo is empty';
			if (p.groupInfo.groupType < 0 || p.groupInfo.groupType > 2) return 'GroupType is invalid';
			if (p.ownerUserID === '') return 'ownerUserID is empty';
			return (p.memberUserIDs ?? []).length > 1000 ? 'memberUserIDs is too long' : undefined;
		},
		async handle(emu, p, op) {
			if (!op.admin && op.userID !== p.ownerUserID) throw noPermission('only admin or owner can create group');
			if (p.groupInfo.groupType !== 2) throw args('group type only supports 2');
			const [members, admins] = [p.memberUserIDs ?? [], p.adminUserIDs ?? []];
			const everyone = [p.ownerUserID, ...admins, ...members];
			if (repeated(everyone)) throw args('group member repeated');
			const missing = everyone.filter((id) => !emu.state.users.has(id));
			if (missing.length) throw new ApiError(1101, `user not found ${missing.join(',')}`);
			if (p.groupInfo.groupID && emu.state.groups.has(p.groupInfo.groupID)) throw new ApiError(1202, 'group id existed');
			const init = (userID, roleLevel) => ({ userID, roleLevel });
			const initMemberList = [init(p.ownerUserID, ROLE.owner), ...admins.map((id) => init(id, ROLE.admin)), ...members.map((id) => init(id, ROLE.member))];
			const info = Object.fromEntries(groupInfoFields.filter(([, k]) => k !== 'memberCount').map(([, k]) => [k, p.groupInfo[k]]));
			const answer = await emu.before('callbackBeforeCreateGroupCommand', { operationID: op.operationID, ...info, initMemberList });
			const changed = Object.fromEntries(Object.entries(answer).filter(([k, v]) => k in info && k !== 'createTime' && v != null));
			const groupID = changed.groupID || info.groupID || emu.state.newGroupID();
			await emu.before('callbackBeforeMembersJoinGroupCommand', { groupID, memberList: everyone.map((userID) => ({ userID, ex: '' })), groupEx: info.ex });
			const group = emu.state.addGroup({ ...info, ...changed, groupID, createTime: Date.now(), ownerUserID: p.ownerUserID });
			const from = { joinSource: 2, inviterUserID: op.userID, operatorUserID: op.userID };
			for (const { userID, roleLevel } of initMemberList) emu.state.addMember(group, userID, roleLevel, from);
			emu.after('callbackAfterCreateGroupCommand', { ...groupInfo(group), initMemberList });
			// The answer counts the calling admin too, though it is no member.
			return { groupInfo: groupInfo(group, group.members.size + (group.members.has(op.userID) ? 0 : 1)) };
		},
	},

	'/group/get_groups_info': {
		params: req('group.GetGroupsInfoReq', [['GroupIDs', 'groupIDs', T.STRINGS]]),
		check: (p) => (!p.groupIDs?.length ? 'groupIDs is empty' : undefined),
		handle: (emu, p) => ({ groupInfos: p.groupIDs.filter((id) => emu.state.groups.has(id)).map((id) => groupInfo(emu.state.groups.get(id))) }),
	},

	'/group/get_groups': {
		params: req('group.GetGroupsReq', [['Pagination', 'pagination', T.Pagination], ['GroupName', 'groupName', T.STRING], ['GroupID', 'groupID', T.STRING]]),
		check: (p) => checkPagination(p.pagination),
		handle(emu, p) {
			let groups = [...emu.state.groups.values()];
			if (p.groupID) groups = groups.filter((g) => g.groupID === p.groupID);
			else if (p.groupName) groups = groups.filter((g) => regex(p.groupName, 'i').test(g.groupName));
			const { total, list } = page(groups, p.pagination, []);
			const groupsOut = list.map((g) => ({ groupInfo: groupInfo(g), groupOwnerUserName: emu.state.users.get(g.ownerUserID)?.nickname ?? '', groupOwnerUserID: g.ownerUserID }));
			return { total, groups: groupsOut };
		},
	},

	'/group/set_group_info_ex': {
		since: '3.8.1',
		params: req('group.SetGroupInfoExReq', setInfoExFields),
		check: (p) => (p.groupID === '' ? 'groupID is empty' : undefined),
		// A blank groupName is meant to give 1001; a code-order bug makes it a success that changes nothing.
		handle: (emu, p, op) =>
			p.groupName === '' ? undefined : setGroupInfo(emu, p, op, { command: 'SetGroupInfoEx', changes: (info) => present(info, (v) => v !== null && v !== undefined) }),
	},

	'/group/set_group_info': {
		params: req('group.SetGroupInfoReq', [['GroupInfoForSet', 'groupInfoForSet', T.ptr(T.struct('sdkws.GroupInfoForSet', setInfoFields))]]),
		check: (p) => (!p.groupInfoForSet ? 'groupInfoForSet is empty' : p.groupInfoForSet.groupID === '' ? 'GroupID is empty' : undefined),
		// The plain strings: "" means unchanged. The wrappers: null means unchanged.
		handle: (emu, p, op) => setGroupInfo(emu, p.groupInfoForSet, op, { command: 'SetGroupInfo', changes: (info) => present(info, (v) => v !== null && v !== undefined && v !== '') }),
	},

	'/group/dismiss_group': {
		params: req('group.DismissGroupReq', [['GroupID', 'groupID', T.STRING], ['DeleteMember', 'deleteMember', T.BOOL], ['SendMessage', 'sendMessage', T.BoolValue]]),
		check: (p) => (p.groupID === '' ? 'groupID is empty' : undefined),
		handle(emu, p, op) {
			const group = groupOr404(emu, p.groupID);
			needRole(op, group, ROLE.owner, 'only owner can dismiss group');
			if (group.status === GROUP_STATUS.dismissed && !p.deleteMember) throw new ApiError(1204, 'group status is dismissed');
			group.status = GROUP_STATUS.dismissed;
			if (p.deleteMember) group.members.clear();
			// groupType is string(int32) in the callback: the control character U+0002.
			emu.after('callbackAfterDisMissGroupCommand', { groupID: group.groupID, ownerID: group.ownerUserID, groupType: String.fromCharCode(group.groupType), membersID: [...group.members.keys()] });
		},
	},

	'/group/invite_user_to_group': {
		params: req('group.InviteUserToGroupReq', [['GroupID', 'groupID', T.STRING], ['Reason', 'reason', T.STRING], ['InvitedUserIDs', 'invitedUserIDs', T.STRINGS], ['SendMessage', 'sendMessage', T.BoolValue]]),
		check(p) {
			if (p.groupID === '') return 'groupID is empty';
			if (!p.invitedUserIDs?.length) return 'invitedUserIDs is empty';
			return p.invitedUserIDs.length > 1000 ? 'invitedUserIDs is too long' : repeated(p.invitedUserIDs) ? 'invitedUserIDs is repeated' : undefined;
		},
		async handle(emu, p, op) {
			const group = notDismissed(groupOr404(emu, p.groupID));
			needRole(op, group, ROLE.member, 'not in group');
			const missing = p.invitedUserIDs.filter((id) => !emu.state.users.has(id));
			if (missing.length) throw notFound(`user ${missing.join(',')} not found`);
			await emu.before('callbackBeforeInviteJoinGroupCommand', { operationID: op.operationID, groupID: group.groupID, reason: p.reason, invitedUserIDs: p.invitedUserIDs });
			// needVerification 1: a plain member's invitations become join requests.
			if (group.needVerification === 1 && !op.admin && roleOf(group, op.userID) === ROLE.member) {
				for (const userID of p.invitedUserIDs) group.requests.push({ userID, inviterUserID: op.userID, reqMsg: p.reason, joinSource: 2, reqTime: Date.now() });
				return undefined;
			}
			if (p.invitedUserIDs.some((id) => group.members.has(id))) throw duplicateKey('group_member', 'group_id_1_user_id_1');
			await emu.before('callbackBeforeMembersJoinGroupCommand', { groupID: group.groupID, memberList: p.invitedUserIDs.map((userID) => ({ userID, ex: '' })), groupEx: group.ex });
			for (const userID of p.invitedUserIDs) emu.state.addMember(group, userID, ROLE.member, { joinSource: 2, inviterUserID: op.userID, operatorUserID: op.userID });
			return undefined;
		},
	},

	'/group/kick_group': {
		params: req('group.KickGroupMemberReq', [['GroupID', 'groupID', T.STRING], ['KickedUserIDs', 'kickedUserIDs', T.STRINGS], ['Reason', 'reason', T.STRING], ['SendMessage', 'sendMessage', T.BoolValue]]),
		check(p) {
			if (p.groupID === '') return 'groupID is empty';
			if (!p.kickedUserIDs?.length) return 'kickedUserIDs is empty';
			return p.kickedUserIDs.length > 1000 ? 'kickedUserIDs is too long' : repeated(p.kickedUserIDs) ? 'kickedUserIDs is repeated' : undefined;
		},
		handle(emu, p, op) {
			const group = groupOr404(emu, p.groupID);
			if (p.kickedUserIDs.includes(op.userID)) throw args('kick yourself');
			if (p.kickedUserIDs.includes(group.ownerUserID)) throw args('kick group owner');
			const missing = p.kickedUserIDs.filter((id) => !group.members.has(id));
			if (missing.length) throw new ApiError(1101, `user ${missing.join(',')} not in group`);
			needRole(op, group, ROLE.admin);
			// A group admin may kick plain members only.
			if (!op.admin && roleOf(group, op.userID) === ROLE.admin && p.kickedUserIDs.some((id) => roleOf(group, id) !== ROLE.member)) throw noPermission('admin can only kick members');
			for (const id of p.kickedUserIDs) group.members.delete(id);
			emu.after('callbackAfterKickGroupCommand', { groupID: group.groupID, kickedUserIDs: p.kickedUserIDs, reason: p.reason });
		},
	},

	'/group/get_group_member_list': {
		params: req('group.GetGroupMemberListReq', [['Pagination', 'pagination', T.Pagination], ['GroupID', 'groupID', T.STRING], ['Filter', 'filter', T.INT32], ['Keyword', 'keyword', T.STRING]]),
		check: (p) => (p.groupID === '' ? 'groupID is empty' : p.filter < 0 || p.filter > 5 ? 'filter is invalid' : checkPagination(p.pagination)),
		handle(emu, p, op) {
			const group = groupOr404(emu, p.groupID);
			needRole(op, group, ROLE.member, 'not in group');
			// `filter` is validated and ignored; `keyword` is a case-sensitive regex on the stored member nickname.
			const members = sortedMembers(group).filter((m) => !p.keyword || regex(p.keyword).test(m.nickname));
			const { total, list } = page(members, p.pagination);
			return { total, members: list && list.map((m) => memberInfo(emu, m)) };
		},
	},

	'/group/get_group_members_info': {
		params: req('group.GetGroupMembersInfoReq', [['GroupID', 'groupID', T.STRING], ['UserIDs', 'userIDs', T.STRINGS]]),
		check: (p) => (p.groupID === '' ? 'groupID is empty' : !p.userIDs?.length ? 'userIDs is empty' : undefined),
		handle(emu, p, op) {
			const group = groupOr404(emu, p.groupID);
			needRole(op, group, ROLE.member, 'not in group');
			const members = p.userIDs.filter((id) => group.members.has(id)).map((id) => memberInfo(emu, group.members.get(id)));
			return { members: members.length ? members : null };
		},
	},

	'/group/transfer_group': {
		params: req('group.TransferGroupOwnerReq', [['GroupID', 'groupID', T.STRING], ['OldOwnerUserID', 'oldOwnerUserID', T.STRING], ['NewOwnerUserID', 'newOwnerUserID', T.STRING]]),
		check: (p) => (p.groupID === '' ? 'groupID is empty' : !p.oldOwnerUserID || !p.newOwnerUserID ? 'owner userID is empty' : undefined),
		handle(emu, p, op) {
			const group = groupOr404(emu, p.groupID);
			if (p.oldOwnerUserID === p.newOwnerUserID) throw args('OldOwnerUserID == NewOwnerUserID');
			const [oldOwner, newOwner] = [group.members.get(p.oldOwnerUserID), group.members.get(p.newOwnerUserID)];
			if (!oldOwner || !newOwner) throw args(`user ${!oldOwner ? p.oldOwnerUserID : p.newOwnerUserID} not in group`);
			// An admin caller is not checked against the real owner (inference, kept).
			if (!op.admin && op.userID !== group.ownerUserID) throw noPermission('no permission transfer group owner');
			[oldOwner.roleLevel, newOwner.roleLevel] = [newOwner.roleLevel, ROLE.owner];
			newOwner.muteEndTime = 0;
			group.ownerUserID = newOwner.userID;
			emu.after('callbackAfterTransferGroupOwnerCommand', { groupID: group.groupID, oldOwnerUserID: p.oldOwnerUserID, newOwnerUserID: p.newOwnerUserID });
		},
	},

	'/group/mute_group_member': {
		params: req('group.MuteGroupMemberReq', [['GroupID', 'groupID', T.STRING], ['UserID', 'userID', T.STRING], ['MutedSeconds', 'mutedSeconds', T.UINT32]]),
		check: (p) => (p.groupID === '' ? 'groupID is empty' : p.userID === '' ? 'userID is empty' : p.mutedSeconds === 0 ? 'mutedSeconds is empty' : undefined),
		handle(emu, p, op) {
			const member = mutable(emu, p, op);
			member.muteEndTime = Date.now() + p.mutedSeconds * 1000;
		},
	},

	'/group/cancel_mute_group_member': {
		params: req('group.CancelMuteGroupMemberReq', [['GroupID', 'groupID', T.STRING], ['UserID', 'userID', T.STRING]]),
		check: (p) => (p.groupID === '' ? 'groupID is empty' : p.userID === '' ? 'userID is empty' : undefined),
		handle(emu, p, op) {
			mutable(emu, p, op).muteEndTime = 0;
		},
	},

	'/group/mute_group': {
		params: req('group.MuteGroupReq', [['GroupID', 'groupID', T.STRING]]),
		check: (p) => (p.groupID === '' ? 'groupID is empty' : undefined),
		handle: (emu, p, op) => setStatus(emu, p, op, GROUP_STATUS.muted),
	},

	'/group/cancel_mute_group': {
		params: req('group.CancelMuteGroupReq', [['GroupID', 'groupID', T.STRING]]),
		check: (p) => (p.groupID === '' ? 'groupID is empty' : undefined),
		handle: (emu, p, op) => setStatus(emu, p, op, GROUP_STATUS.ok),
	},

	'/group/quit_group': {
		params: req('group.QuitGroupReq', [['GroupID', 'groupID', T.STRING], ['UserID', 'userID', T.STRING]]),
		check: (p) => (p.groupID === '' ? 'groupID is empty' : undefined),
		handle(emu, p, op) {
			// An empty userID is the caller.
			const userID = p.userID || op.userID;
			if (!op.admin && userID !== op.userID) throw noPermission('no permission');
			const group = groupOr404(emu, p.groupID);
			if (!group.members.has(userID)) throw notFound(`user ${userID} not in group`);
			if (group.ownerUserID === userID) throw args('owner can not quit group');
			group.members.delete(userID);
			emu.after('callbackAfterQuitGroupCommand', { groupID: group.groupID, userID });
		},
	},

	'/group/get_joined_group_list': {
		params: req('group.GetJoinedGroupListReq', [['Pagination', 'pagination', T.Pagination], ['FromUserID', 'fromUserID', T.STRING]]),
		check: (p) => (p.fromUserID === '' ? 'fromUserID is empty' : checkPagination(p.pagination)),
		handle(emu, p, op) {
			if (!op.admin && op.userID !== p.fromUserID) throw noPermission('no permission');
			const { total, list } = page([...emu.state.groups.values()].filter((g) => g.members.has(p.fromUserID)), p.pagination);
			return { total, groups: list && list.map((g) => groupInfo(g)) };
		},
	},
};

/** The target member of a (cancel) mute: the caller must be the admin or rank above it. */
function mutable(emu, p, op) {
	const group = groupOr404(emu, p.groupID);
	const member = group.members.get(p.userID);
	if (!member) throw notFound(`user ${p.userID} not in group`);
	if (!op.admin && roleOf(group, op.userID) <= member.roleLevel) throw noPermission('no permission');
	return member;
}

function setStatus(emu, p, op, status) {
	const group = notDismissed(groupOr404(emu, p.groupID));
	needRole(op, group, ROLE.admin);
	group.status = status;
}

