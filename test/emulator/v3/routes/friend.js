'use strict';
// friend/* (S:internal/rpc/relation/friend.go, black.go; §3.3). Relation createTime is in seconds.
const {
	T,
	req,
	checkPagination,
	page,
	needAdmin,
	needAdminOrSelf,
	checkUsers,
	repeated,
	nowSeconds,
} = require('./common');
const { ApiError, args, duplicateKey } = require('../errors');

const IMPORT = 1;
const profile = (emu, userID) => {
	const { nickname = '', faceURL = '', ex = '' } = emu.state.users.get(userID) ?? {};
	return { userID, nickname, faceURL, ex };
};
const ownerAndOther = (name, otherGo, other) =>
	req(name, [
		['OwnerUserID', 'ownerUserID', T.STRING],
		[otherGo, other, T.STRING],
	]);
const checkPair = (other) => (p) =>
	p.ownerUserID === '' ? 'ownerUserID is empty' : p[other] === '' ? `${other} is empty` : undefined;
// DeleteFriendReq.Check (sic).
const checkDelete = (p) =>
	p.ownerUserID === ''
		? 'userID1 is empty'
		: p.friendUserID === ''
			? 'userID2 is empty'
			: undefined;
const listReq = (name) =>
	req(name, [
		['Pagination', 'pagination', T.Pagination],
		['UserID', 'userID', T.STRING],
	]);
const checkList = (p) => (p.userID === '' ? 'userID is empty' : checkPagination(p.pagination));

module.exports = {
	'/friend/import_friend': {
		params: req('relation.ImportFriendReq', [
			['OwnerUserID', 'ownerUserID', T.STRING],
			['FriendUserIDs', 'friendUserIDs', T.STRINGS],
		]),
		check(p) {
			if (p.ownerUserID === '') return 'ownerUserID is empty';
			if (!p.friendUserIDs) return 'friendUserIDS is empty';
			return p.friendUserIDs.length > 1000
				? 'too many FriendUserIDs, need to be less than 1000'
				: undefined;
		},
		async handle(emu, p, op) {
			needAdmin(op);
			// The owner in its own list, or a repeated ID, fails the user lookup first (1004), as on the server.
			checkUsers(emu, [p.ownerUserID, ...p.friendUserIDs]);
			if (p.friendUserIDs.includes(p.ownerUserID)) throw new ApiError(1301, 'can not add yourself');
			if (repeated(p.friendUserIDs)) throw args('friend userID repeated');
			const answer = await emu.before('callbackBeforeImportFriendsCommand', {
				ownerUserID: p.ownerUserID,
				friendUserIDs: p.friendUserIDs,
			});
			const friendUserIDs = answer.friendUserIDs ?? p.friendUserIDs;
			const now = nowSeconds();
			const link = (a, b) => {
				const friends = emu.state.relation(emu.state.friends, a);
				if (!friends.has(b))
					friends.set(b, {
						createTime: now,
						addSource: IMPORT,
						remark: '',
						ex: '',
						operatorUserID: op.userID,
						isPinned: false,
					});
			};
			for (const id of friendUserIDs) {
				link(p.ownerUserID, id);
				link(id, p.ownerUserID);
			}
			emu.after('callbackAfterImportFriendsCommand', { ownerUserID: p.ownerUserID, friendUserIDs });
		},
	},

	'/friend/delete_friend': {
		params: ownerAndOther('relation.DeleteFriendReq', 'FriendUserID', 'friendUserID'),
		check: checkDelete,
		handle(emu, p, op) {
			needAdminOrSelf(op, p.ownerUserID);
			// Only the owner -> friend direction; not being friends is no error.
			emu.state.friends.get(p.ownerUserID)?.delete(p.friendUserID);
			emu.after('callbackAfterDeleteFriendCommand', {
				ownerUserID: p.ownerUserID,
				friendUserID: p.friendUserID,
			});
		},
	},

	'/friend/get_friend_list': {
		params: listReq('relation.GetPaginationFriendsReq'),
		check: checkList,
		handle(emu, p, op) {
			needAdminOrSelf(op, p.userID);
			const friends = [...(emu.state.friends.get(p.userID) ?? [])];
			const { total, list } = page(friends, p.pagination);
			const friendsInfo =
				list &&
				list.map(([id, f]) => ({
					ownerUserID: p.userID,
					remark: f.remark,
					createTime: f.createTime,
					friendUser: {
						...profile(emu, id),
						createTime: 0,
						appMangerLevel: 0,
						globalRecvMsgOpt: 0,
					},
					addSource: f.addSource,
					operatorUserID: f.operatorUserID,
					ex: f.ex,
					isPinned: f.isPinned,
				}));
			return { friendsInfo, total };
		},
	},

	'/friend/get_friend_id': {
		params: req('relation.GetFriendIDsReq', [['UserID', 'userID', T.STRING]]),
		check: (p) => (p.userID === '' ? 'userID is empty' : undefined),
		handle(emu, p, op) {
			needAdminOrSelf(op, p.userID);
			const ids = [...(emu.state.friends.get(p.userID)?.keys() ?? [])];
			return { friendIDs: ids.length ? ids : null };
		},
	},

	'/friend/is_friend': {
		params: req('relation.IsFriendReq', [
			['UserID1', 'userID1', T.STRING],
			['UserID2', 'userID2', T.STRING],
		]),
		check: (p) =>
			p.userID1 === '' ? 'userID1 is empty' : p.userID2 === '' ? 'userID2 is empty' : undefined,
		handle: (emu, p) => ({
			inUser1Friends: !!emu.state.friends.get(p.userID1)?.has(p.userID2),
			inUser2Friends: !!emu.state.friends.get(p.userID2)?.has(p.userID1),
		}),
	},

	// A friend request, not a friendship (add_friend_response is not emulated).
	'/friend/add_friend': {
		params: req('relation.ApplyToAddFriendReq', [
			['FromUserID', 'fromUserID', T.STRING],
			['ToUserID', 'toUserID', T.STRING],
			['ReqMsg', 'reqMsg', T.STRING],
			['Ex', 'ex', T.STRING],
		]),
		check: (p) =>
			p.toUserID === ''
				? 'toUserID is empty'
				: p.fromUserID === ''
					? 'fromUserID is empty'
					: undefined,
		async handle(emu, p, op) {
			needAdminOrSelf(op, p.fromUserID);
			if (p.fromUserID === p.toUserID) throw new ApiError(1301, `req.ToUserID=${p.toUserID}`);
			const body = { fromUserID: p.fromUserID, toUserID: p.toUserID, reqMsg: p.reqMsg, ex: p.ex };
			await emu.before('callbackBeforeAddFriendCommand', body);
			checkUsers(emu, [p.toUserID, p.fromUserID]);
			if (
				emu.state.friends.get(p.fromUserID)?.has(p.toUserID) &&
				emu.state.friends.get(p.toUserID)?.has(p.fromUserID)
			)
				throw new ApiError(1304, 'already friends has f');
			emu.state.friendRequests.push({ ...body, handleResult: 0, createTime: Date.now() });
			emu.after('callbackAfterAddFriendCommand', {
				fromUserID: p.fromUserID,
				toUserID: p.toUserID,
				reqMsg: p.reqMsg,
			});
		},
	},

	'/friend/add_black': {
		params: req('relation.AddBlackReq', [
			['OwnerUserID', 'ownerUserID', T.STRING],
			['BlackUserID', 'blackUserID', T.STRING],
			['Ex', 'ex', T.STRING],
		]),
		check: checkPair('blackUserID'),
		async handle(emu, p, op) {
			needAdminOrSelf(op, p.ownerUserID);
			await emu.before('callbackBeforeAddBlackCommand', {
				ownerUserID: p.ownerUserID,
				blackUserID: p.blackUserID,
			});
			checkUsers(emu, [p.ownerUserID, p.blackUserID]);
			const blacks = emu.state.relation(emu.state.blacks, p.ownerUserID);
			// The unique index, not the code, refuses a second entry (inference).
			if (blacks.has(p.blackUserID)) throw duplicateKey('black', 'owner_user_id_1_block_user_id_1');
			blacks.set(p.blackUserID, {
				createTime: nowSeconds(),
				addSource: 0,
				operatorUserID: op.userID,
				ex: p.ex,
			});
		},
	},

	'/friend/remove_black': {
		params: ownerAndOther('relation.RemoveBlackReq', 'BlackUserID', 'blackUserID'),
		check: checkPair('blackUserID'),
		handle(emu, p, op) {
			needAdminOrSelf(op, p.ownerUserID);
			emu.state.blacks.get(p.ownerUserID)?.delete(p.blackUserID);
			emu.after('callbackAfterRemoveBlackCommand', {
				ownerUserID: p.ownerUserID,
				blackUserID: p.blackUserID,
			});
		},
	},

	'/friend/get_black_list': {
		params: listReq('relation.GetPaginationBlacksReq'),
		check: checkList,
		handle(emu, p, op) {
			needAdminOrSelf(op, p.userID);
			const { total, list } = page([...(emu.state.blacks.get(p.userID) ?? [])], p.pagination);
			const blacks =
				list &&
				list.map(([id, b]) => ({
					ownerUserID: p.userID,
					createTime: b.createTime,
					blackUserInfo: profile(emu, id),
					addSource: b.addSource,
					operatorUserID: b.operatorUserID,
					ex: b.ex,
				}));
			return { blacks, total };
		},
	},
};
