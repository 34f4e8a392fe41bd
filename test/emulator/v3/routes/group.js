'use strict';
// group/* (S:internal/rpc/group/group.go; §3.2).
const crypto = require('node:crypto');
const {
	T,
	req,
	checkPagination,
	page,
	needAdminOrSelf,
	checkUsers,
	repeated,
	regex,
} = require('./common');
const { ApiError, args, noPermission, notFound, duplicateKey, atLeast } = require('../errors');
const { ROLE, GROUP_STATUS } = require('../state');

const GROUP_FIELDS = [
	'groupName',
	'notification',
	'introduction',
	'faceURL',
	'ex',
	'needVerification',
	'lookMemberInfo',
	'applyMemberFriend',
];
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
	...['groupName', 'notification', 'introduction', 'faceURL', 'ex'].map((n) =>
		wrapped(n, T.StringValue),
	),
	...['needVerification', 'lookMemberInfo', 'applyMemberFriend'].map((n) =>
		wrapped(n, T.Int32Value),
	),
];
const setInfoFields = [
	['GroupID', 'groupID', T.STRING],
	...['groupName', 'notification', 'introduction', 'faceURL'].map((n) => wrapped(n, T.STRING)),
	wrapped('ex', T.StringValue),
	...['needVerification', 'lookMemberInfo', 'applyMemberFriend'].map((n) =>
		wrapped(n, T.Int32Value),
	),
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
	return {
		...member,
		nickname: member.nickname || user?.nickname || '',
		faceURL: member.faceURL || user?.faceURL || '',
	};
}

const sortedMembers = (group) =>
	[...group.members.values()].sort((a, b) => b.roleLevel - a.roleLevel || a.joinTime - b.joinTime);

function groupOr404(emu, groupID) {
	const group = emu.state.groups.get(groupID);
	if (!group) throw notFound();
	return group;
}
const notDismissed = (group, dlt = 'DismissedAlreadyError') => {
	if (group.status === GROUP_STATUS.dismissed) throw new ApiError(1204, dlt);
	return group;
};
const roleOf = (group, userID) => group?.members.get(userID)?.roleLevel ?? 0;
/** TakeGroupMember: the member, or 1004 (also when the group does not exist). */
function memberOr404(emu, groupID, userID) {
	const member = emu.state.groups.get(groupID)?.members.get(userID);
	if (!member) throw notFound();
	return member;
}
/** CheckGroupAdmin / the set-info check: the admin, or the group's owner or an admin of it (an outsider is 1004). */
function needGroupAdmin(emu, op, groupID) {
	if (op.admin) return;
	const { roleLevel } = memberOr404(emu, groupID, op.userID);
	if (roleLevel !== ROLE.owner && roleLevel !== ROLE.admin)
		throw noPermission('no group owner or admin');
}
/** checkAdminOrInGroup */
function needAdminOrMember(emu, op, groupID) {
	if (!op.admin && !emu.state.groups.get(groupID)?.members.has(op.userID))
		throw noPermission('op user not in group');
}
// GenGroupID: the first 8 hex digits of an md5, as a decimal number.
const newGroupID = () =>
	String(
		parseInt(
			crypto
				.createHash('md5')
				.update(`${Math.random()}${process.hrtime.bigint()}`)
				.digest('hex')
				.slice(0, 8),
			16,
		),
	);

/** set_group_info(_ex): owner or group admin first, then the before-hook, then the group (1004, 1204). */
async function setGroupInfo(emu, info, op, { command, changes }) {
	needGroupAdmin(emu, op, info.groupID);
	const answer = await emu.before(`callbackBefore${command}Command`, {
		operationID: op.operationID,
		...info,
	});
	const group = notDismissed(groupOr404(emu, info.groupID));
	const set = changes({
		...info,
		...Object.fromEntries(
			Object.entries(answer).filter(([k, v]) => GROUP_FIELDS.includes(k) && v != null),
		),
	});
	if (set === undefined || !Object.keys(set).length) return;
	Object.assign(group, set);
	if (set.notification !== undefined)
		Object.assign(group, { notificationUpdateTime: Date.now(), notificationUserID: op.userID });
	emu.after(`callbackAfter${command}Command`, { operationID: op.operationID, ...info });
}
const present = (info, keep) =>
	Object.fromEntries(GROUP_FIELDS.filter((k) => keep(info[k])).map((k) => [k, info[k]]));

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
			if (p.groupInfo.groupType > 2 || p.groupInfo.groupType < 0) return 'GroupType is invalid';
			if (p.ownerUserID === '') return 'ownerUserID is empty';
			return (p.memberUserIDs ?? []).length > 1000
				? 'too many MemberUserIDs, need to be less than 1000'
				: undefined;
		},
		async handle(emu, p, op) {
			if (p.groupInfo.groupType !== 2) throw args('group type only supports 2');
			needAdminOrSelf(op, p.ownerUserID);
			const [members, admins] = [p.memberUserIDs ?? [], p.adminUserIDs ?? []];
			// Everyone listed, and the caller: one user in two roles is a repeat.
			const everyone = [...members, ...admins, p.ownerUserID];
			if (!everyone.includes(op.userID)) everyone.push(op.userID);
			if (repeated(everyone)) throw args('group member repeated');
			if (everyone.some((id) => !emu.state.users.has(id)))
				throw new ApiError(1101, 'user not found');
			const info = Object.fromEntries(
				groupInfoFields.filter(([, k]) => k !== 'memberCount').map(([, k]) => [k, p.groupInfo[k]]),
			);
			const init = (userID, roleLevel) => ({ userID, roleLevel });
			const initMemberList = [
				init(p.ownerUserID, ROLE.owner),
				...admins.map((id) => init(id, ROLE.admin)),
				...members.map((id) => init(id, ROLE.member)),
			];
			const answer = await emu.before('callbackBeforeCreateGroupCommand', {
				operationID: op.operationID,
				callbackCommand: '',
				...info,
				initMemberList,
			});
			Object.assign(
				info,
				Object.fromEntries(
					Object.entries(answer).filter(([k, v]) => k in info && k !== 'createTime' && v != null),
				),
			);
			if (info.groupID && emu.state.groups.has(info.groupID))
				throw new ApiError(1202, `group id existed ${info.groupID}`);
			let { groupID } = info;
			while (!groupID || emu.state.groups.has(groupID)) groupID = newGroupID();
			await emu.before('callbackBeforeMembersJoinGroupCommand', {
				groupID,
				memberList: initMemberList.map(({ userID }) => ({ userID, ex: '' })),
				groupEx: info.ex,
			});
			const group = emu.state.addGroup({ ...info, groupID, createTime: Date.now() });
			const from = { joinSource: 2, inviterUserID: op.userID, operatorUserID: op.userID };
			for (const { userID, roleLevel } of initMemberList)
				emu.state.addMember(group, userID, roleLevel, from);
			// The answer counts everyone of `everyone`: the calling admin too, though it is no member.
			const created = groupInfo(group, everyone.length);
			emu.after('callbackAfterCreateGroupCommand', {
				...created,
				initMemberList: [...initMemberList, ...everyone.map((id) => init(id, ROLE.member))],
			});
			return { groupInfo: created };
		},
	},

	'/group/get_groups_info': {
		params: req('group.GetGroupsInfoReq', [['GroupIDs', 'groupIDs', T.STRINGS]]),
		check: (p) => (!p.groupIDs ? 'GroupIDs is empty' : undefined),
		handle(emu, p) {
			if (!p.groupIDs.length) throw args('groupID is empty');
			const wanted = new Set(p.groupIDs);
			return {
				groupInfos: [...emu.state.groups.values()]
					.filter((g) => wanted.has(g.groupID))
					.map((g) => groupInfo(g)),
			};
		},
	},

	'/group/get_groups': {
		params: req('group.GetGroupsReq', [
			['Pagination', 'pagination', T.Pagination],
			['GroupName', 'groupName', T.STRING],
			['GroupID', 'groupID', T.STRING],
		]),
		check: (p) => checkPagination(p.pagination),
		handle(emu, p) {
			const all = [...emu.state.groups.values()];
			// A groupID is looked up exactly, unpaged; else groupName is a case-insensitive regex, paged.
			const byID = p.groupID && all.filter((g) => g.groupID === p.groupID);
			const name = regex(p.groupName, 'i');
			const { total, list } = byID
				? { total: byID.length, list: byID }
				: page(
						all.filter((g) => name.test(g.groupName)),
						p.pagination,
						[],
					);
			// groupOwnerUserName is the owner's member nickname, which is usually empty.
			const groups = list.map((g) => ({
				groupInfo: groupInfo(g),
				groupOwnerUserName: g.members.get(g.ownerUserID)?.nickname ?? '',
				groupOwnerUserID: g.members.has(g.ownerUserID) ? g.ownerUserID : '',
			}));
			return { total, groups };
		},
	},

	'/group/set_group_info_ex': {
		since: '3.8.1',
		params: req('group.SetGroupInfoExReq', setInfoExFields),
		check: (p) => (p.groupID === '' ? 'groupID is empty' : undefined),
		// A blank groupName is meant to give 1001; a code-order bug makes it a success that changes nothing.
		handle: (emu, p, op) =>
			setGroupInfo(emu, p, op, {
				command: 'SetGroupInfoEx',
				changes: (info) =>
					info.groupName !== null && info.groupName.trim() === ''
						? undefined
						: {
								...present(info, (v) => v !== null && v !== undefined),
								...(info.notification != null && { notification: info.notification.trim() }),
							},
			}),
	},

	'/group/set_group_info': {
		params: req('group.SetGroupInfoReq', [
			[
				'GroupInfoForSet',
				'groupInfoForSet',
				T.ptr(T.struct('sdkws.GroupInfoForSet', setInfoFields)),
			],
		]),
		check: (p) =>
			!p.groupInfoForSet
				? 'GroupInfoForSets is empty'
				: p.groupInfoForSet.groupID === ''
					? 'GroupID is empty'
					: undefined,
		// The plain strings: "" means unchanged. The wrappers: null means unchanged.
		handle: (emu, p, op) =>
			setGroupInfo(emu, p.groupInfoForSet, op, {
				command: 'SetGroupInfo',
				changes: (info) => present(info, (v) => v !== null && v !== undefined && v !== ''),
			}),
	},

	'/group/dismiss_group': {
		params: req('group.DismissGroupReq', [
			['GroupID', 'groupID', T.STRING],
			['DeleteMember', 'deleteMember', T.BOOL],
			['SendMessage', 'sendMessage', T.BoolValue],
		]),
		check: (p) => (p.groupID === '' ? 'groupID is empty' : undefined),
		handle(emu, p, op) {
			// TakeGroupOwner: no group, or no members left after a deleteMember dismiss, is 1004.
			const group = emu.state.groups.get(p.groupID);
			if (!group?.members.has(group.ownerUserID)) throw notFound();
			if (!op.admin && group.ownerUserID !== op.userID) throw noPermission('not group owner');
			if (!p.deleteMember && group.status === GROUP_STATUS.dismissed)
				throw new ApiError(1204, 'group status is dismissed');
			group.status = GROUP_STATUS.dismissed;
			if (p.deleteMember) group.members.clear();
			// groupType is string(int32) in the callback: the control character U+0002.
			emu.after('callbackAfterDisMissGroupCommand', {
				groupID: group.groupID,
				ownerID: group.ownerUserID,
				groupType: String.fromCharCode(group.groupType),
				membersID: [...group.members.keys()],
			});
		},
	},

	'/group/invite_user_to_group': {
		params: req('group.InviteUserToGroupReq', [
			['GroupID', 'groupID', T.STRING],
			['Reason', 'reason', T.STRING],
			['InvitedUserIDs', 'invitedUserIDs', T.STRINGS],
			['SendMessage', 'sendMessage', T.BoolValue],
		]),
		check(p) {
			if (p.groupID === '') return 'groupID is empty';
			if (!p.invitedUserIDs) return 'invitedUserIDs is empty';
			return p.invitedUserIDs.length > 1000
				? 'too many InvitedUserIDs, need to be less than 1000'
				: undefined;
		},
		async handle(emu, p, op) {
			if (!p.invitedUserIDs.length) throw args('user empty');
			if (repeated(p.invitedUserIDs)) throw args('userID duplicate');
			const group = notDismissed(
				groupOr404(emu, p.groupID),
				'group dismissed checking group status found it dismissed',
			);
			checkUsers(emu, p.invitedUserIDs);
			if (!op.admin) memberOr404(emu, p.groupID, op.userID);
			await emu.before('callbackBeforeInviteJoinGroupCommand', {
				operationID: op.operationID,
				groupID: group.groupID,
				reason: p.reason,
				invitedUserIDs: p.invitedUserIDs,
			});
			// needVerification 1: the invitations of a plain member become join requests.
			if (group.needVerification === 1 && !op.admin && roleOf(group, op.userID) === ROLE.member) {
				for (const userID of p.invitedUserIDs)
					group.requests.push({
						userID,
						inviterUserID: op.userID,
						reqMsg: '',
						joinSource: 2,
						reqTime: Date.now(),
					});
				return undefined;
			}
			await emu.before('callbackBeforeMembersJoinGroupCommand', {
				groupID: group.groupID,
				memberList: p.invitedUserIDs.map((userID) => ({ userID, ex: '' })),
				groupEx: group.ex,
			});
			// Inserted in chunks of 50: an existing member breaks the unique index of its chunk (inference).
			for (let i = 0; i < p.invitedUserIDs.length; i += 50) {
				const chunk = p.invitedUserIDs.slice(i, i + 50);
				if (chunk.some((id) => group.members.has(id)))
					throw duplicateKey('group_member', 'group_id_1_user_id_1');
				for (const userID of chunk)
					emu.state.addMember(group, userID, ROLE.member, {
						joinSource: 2,
						inviterUserID: op.userID,
						operatorUserID: op.userID,
					});
			}
			return undefined;
		},
	},

	'/group/kick_group': {
		params: req('group.KickGroupMemberReq', [
			['GroupID', 'groupID', T.STRING],
			['KickedUserIDs', 'kickedUserIDs', T.STRINGS],
			['Reason', 'reason', T.STRING],
			['SendMessage', 'sendMessage', T.BoolValue],
		]),
		check(p) {
			if (p.groupID === '') return 'groupID is empty';
			if (!p.kickedUserIDs) return 'kickUserIDs is empty';
			return p.kickedUserIDs.length > 1000
				? 'too many KickedUserIDs, need to be less than 1000'
				: undefined;
		},
		handle(emu, p, op) {
			const group = groupOr404(emu, p.groupID);
			if (!p.kickedUserIDs.length) throw args('KickedUserIDs empty');
			if (repeated(p.kickedUserIDs)) throw args('KickedUserIDs duplicate');
			if (p.kickedUserIDs.includes(op.userID)) throw args('opUserID in KickedUserIDs');
			if (!group.members.has(group.ownerUserID)) throw notFound();
			if (p.kickedUserIDs.includes(group.ownerUserID)) throw args('ownerUID can not Kick');
			const opRole = roleOf(group, op.userID);
			for (const userID of p.kickedUserIDs) {
				if (!group.members.has(userID)) throw new ApiError(1101, userID);
				if (op.admin) continue;
				if (!opRole) throw noPermission('opUserID no in group');
				if (opRole === ROLE.admin && roleOf(group, userID) !== ROLE.member)
					throw noPermission('group admins cannot remove the group owner and other admins');
				if (opRole === ROLE.member) throw noPermission('opUserID no permission');
			}
			for (const id of p.kickedUserIDs) group.members.delete(id);
			emu.after('callbackAfterKickGroupCommand', {
				groupID: group.groupID,
				kickedUserIDs: p.kickedUserIDs,
				reason: p.reason,
			});
		},
	},

	'/group/quit_group': {
		params: req('group.QuitGroupReq', [
			['GroupID', 'groupID', T.STRING],
			['UserID', 'userID', T.STRING],
		]),
		check: (p) => (p.groupID === '' ? 'groupID is empty' : undefined),
		handle(emu, p, op) {
			// An empty userID is the caller.
			const userID = p.userID || op.userID;
			if (p.userID) needAdminOrSelf(op, p.userID);
			const member = memberOr404(emu, p.groupID, userID);
			if (member.roleLevel === ROLE.owner) throw noPermission("group owner can't quit");
			emu.state.groups.get(p.groupID).members.delete(userID);
			emu.after('callbackAfterQuitGroupCommand', { groupID: p.groupID, userID });
		},
	},

	'/group/get_group_member_list': {
		params: req('group.GetGroupMemberListReq', [
			['Pagination', 'pagination', T.Pagination],
			['GroupID', 'groupID', T.STRING],
			['Filter', 'filter', T.INT32],
			['Keyword', 'keyword', T.STRING],
		]),
		check: (p) =>
			p.groupID === ''
				? 'groupID is empty'
				: (checkPagination(p.pagination) ??
					(p.filter < 0 || p.filter > 5 ? 'filter is invalid' : undefined)),
		handle(emu, p, op) {
			// No group lookup: an unknown group is an empty list (for the admin).
			needAdminOrMember(emu, op, p.groupID);
			const group = emu.state.groups.get(p.groupID);
			// `filter` is validated and ignored; `keyword` is a case-sensitive regex on the stored member nickname.
			const keyword = p.keyword && regex(p.keyword);
			const members = group
				? sortedMembers(group).filter((m) => !keyword || keyword.test(m.nickname))
				: [];
			const { total, list } = page(members, p.pagination);
			return { total, members: list && list.map((m) => memberInfo(emu, m)) };
		},
	},

	'/group/get_group_members_info': {
		params: req('group.GetGroupMembersInfoReq', [
			['GroupID', 'groupID', T.STRING],
			['UserIDs', 'userIDs', T.STRINGS],
		]),
		check: (p) =>
			p.groupID === '' ? 'groupID is empty' : !p.userIDs ? 'userIDs is empty' : undefined,
		handle(emu, p, op) {
			if (!p.userIDs.length) throw args('userIDs empty');
			needAdminOrMember(emu, op, p.groupID);
			const members = sortedMembers(
				emu.state.groups.get(p.groupID) ?? { members: new Map() },
			).filter((m) => p.userIDs.includes(m.userID));
			return { members: members.length ? members.map((m) => memberInfo(emu, m)) : null };
		},
	},

	'/group/transfer_group': {
		params: req('group.TransferGroupOwnerReq', [
			['GroupID', 'groupID', T.STRING],
			['OldOwnerUserID', 'oldOwnerUserID', T.STRING],
			['NewOwnerUserID', 'newOwnerUserID', T.STRING],
		]),
		check: (p) =>
			p.groupID === ''
				? 'groupID is empty'
				: p.oldOwnerUserID === ''
					? 'oldOwnerUserID is empty'
					: p.newOwnerUserID === ''
						? 'newOwnerUserID is empty'
						: undefined,
		handle(emu, p, op) {
			const group = notDismissed(groupOr404(emu, p.groupID));
			if (p.oldOwnerUserID === p.newOwnerUserID) throw args('OldOwnerUserID == NewOwnerUserID');
			const outside = [p.oldOwnerUserID, p.newOwnerUserID].filter((id) => !group.members.has(id));
			if (outside.length) throw args(`user not in group ${outside.join(',')}`);
			const [oldOwner, newOwner] = [
				group.members.get(p.oldOwnerUserID),
				group.members.get(p.newOwnerUserID),
			];
			if (!op.admin && !(op.userID === oldOwner.userID && oldOwner.roleLevel === ROLE.owner))
				throw noPermission('no permission transfer group owner');
			// The old owner takes the new owner's role (a swap); for the admin the code does not check that
			// oldOwnerUserID really is the owner (inference, kept).
			if (newOwner.muteEndTime > Date.now()) newOwner.muteEndTime = 0;
			[oldOwner.roleLevel, newOwner.roleLevel] = [newOwner.roleLevel, ROLE.owner];
			group.ownerUserID = newOwner.userID;
			emu.after('callbackAfterTransferGroupOwnerCommand', {
				groupID: group.groupID,
				oldOwnerUserID: p.oldOwnerUserID,
				newOwnerUserID: p.newOwnerUserID,
			});
		},
	},

	'/group/mute_group_member': {
		params: req('group.MuteGroupMemberReq', [
			['GroupID', 'groupID', T.STRING],
			['UserID', 'userID', T.STRING],
			['MutedSeconds', 'mutedSeconds', T.UINT32],
		]),
		check: (p) =>
			p.groupID === ''
				? 'groupID is empty'
				: p.userID === ''
					? 'userID is empty'
					: p.mutedSeconds <= 0
						? 'mutedSeconds is empty'
						: undefined,
		handle(emu, p, op) {
			mutable(emu, p, op, {
				owner: 'set group owner mute',
				admin: 'set group admin mute',
				member: 'set group ordinary users mute',
			}).muteEndTime = Date.now() + p.mutedSeconds * 1000;
		},
	},

	'/group/cancel_mute_group_member': {
		params: req('group.CancelMuteGroupMemberReq', [
			['GroupID', 'groupID', T.STRING],
			['UserID', 'userID', T.STRING],
		]),
		check: (p) =>
			p.groupID === '' ? 'groupID is empty' : p.userID === '' ? 'userID is empty' : undefined,
		handle(emu, p, op) {
			mutable(emu, p, op, {
				owner: 'Can not set group owner unmute',
				admin: 'Can not set group admin unmute',
				member: 'Can not set group ordinary users unmute',
			}).muteEndTime = 0;
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

	'/group/set_group_member_info': {
		params: req('group.SetGroupMemberInfoReq', [
			[
				'Members',
				'members',
				T.sliceOf(
					T.ptr(
						T.struct('group.SetGroupMemberInfo', [
							['GroupID', 'groupID', T.STRING],
							['UserID', 'userID', T.STRING],
							['Nickname', 'nickname', T.StringValue],
							['FaceURL', 'faceURL', T.StringValue],
							['RoleLevel', 'roleLevel', T.Int32Value],
							['Ex', 'ex', T.StringValue],
						]),
					),
				),
			],
		]),
		check: (p) =>
			!p.members ? 'members is empty' : p.members.length > 1000 ? 'too many members' : undefined,
		handle: (emu, p, op) => setMemberInfo(emu, p.members, op),
	},

	'/group/get_joined_group_list': {
		params: req('group.GetJoinedGroupListReq', [
			['Pagination', 'pagination', T.Pagination],
			['FromUserID', 'fromUserID', T.STRING],
		]),
		check: (p) =>
			checkPagination(p.pagination) ?? (p.fromUserID === '' ? 'fromUserID is empty' : undefined),
		handle(emu, p, op) {
			needAdminOrSelf(op, p.fromUserID);
			const { total, list } = page(
				[...emu.state.groups.values()].filter((g) => g.members.has(p.fromUserID)),
				p.pagination,
			);
			return { total, groups: list && list.map((g) => groupInfo(g)) };
		},
	},
};

/** The target of a (cancel) mute: a member (1004); a non-admin caller must be a member and rank above it. */
function mutable(emu, p, op, refusals) {
	const member = memberOr404(emu, p.groupID, p.userID);
	if (op.admin) return member;
	const opRole = memberOr404(emu, p.groupID, op.userID).roleLevel;
	if (member.roleLevel === ROLE.owner) throw noPermission(refusals.owner);
	if (member.roleLevel === ROLE.admin && opRole !== ROLE.owner) throw noPermission(refusals.admin);
	if (member.roleLevel === ROLE.member && opRole !== ROLE.owner && opRole !== ROLE.admin)
		throw noPermission(refusals.member);
	return member;
}

/**
 * set_group_member_info (§9.9): members of one or several groups. With the admin token no role check runs: the
 * owner's roleLevel can be set too, leaving the group without an owner. 3.8.0 and older drop faceURL.
 */
function setMemberInfo(emu, members, op) {
	if (!members.length) throw args('members empty');
	for (const m of members) {
		if (m.roleLevel === ROLE.owner) throw noPermission('cannot set ungroup owner');
		if (m.roleLevel !== null && m.roleLevel !== ROLE.admin && m.roleLevel !== ROLE.member)
			throw args('invalid role level');
	}
	if (repeated(members.map((m) => `${m.groupID} ${m.userID}`))) throw args('member repeated');
	const targets = members.map((m) => {
		const member = emu.state.groups.get(m.groupID)?.members.get(m.userID);
		if (!member) throw args('user not in group');
		return [m, member];
	});
	if (!op.admin) {
		for (const [m, member] of targets) {
			const opRole = roleOf(emu.state.groups.get(m.groupID), op.userID);
			const self = m.userID === op.userID;
			if (self && m.roleLevel !== null && m.roleLevel > member.roleLevel)
				throw noPermission('can not raise your own role level');
			if (self && opRole === ROLE.owner && m.roleLevel !== null)
				throw noPermission('owner can not change own role level');
			if (
				!self &&
				!(opRole === ROLE.owner || (opRole === ROLE.admin && member.roleLevel === ROLE.member))
			)
				throw noPermission('no permission');
		}
	}
	const keepFace = atLeast(emu.version, '3.8.1');
	for (const [m, member] of targets) {
		for (const key of ['nickname', 'roleLevel', 'ex', ...(keepFace ? ['faceURL'] : [])])
			if (m[key] !== null) member[key] = m[key];
	}
}

// mute_group / cancel_mute_group: CheckGroupAdmin, then the status (not checked against a dismissed group).
function setStatus(emu, p, op, status) {
	needGroupAdmin(emu, op, p.groupID);
	groupOr404(emu, p.groupID).status = status;
}
