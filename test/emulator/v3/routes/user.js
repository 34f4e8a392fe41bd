'use strict';
// user/* (S:internal/rpc/user/user.go; §3.1).
const { T, req, checkPagination, page, needAdmin, needAdminOrSelf, userOr, repeated, regex } = require('./common');
const { args, noPermission, ApiError } = require('../errors');
const { userInfo } = require('../state');

// IsLegalUserID: Unicode letters, digits and '_' (an empty ID passes here and fails later).
const legalUserID = (id) => /^[\p{L}\p{N}_]*$/u.test(id);

function checkUsers(users) {
	if (!users?.length) return 'users is empty';
	for (const user of users) {
		if (!user) return 'user is empty';
		if (!legalUserID(user.userID)) return 'userID is legal';
	}
	return undefined;
}

const updateInfoEx = T.ptr(
	T.struct('user.UserInfoWithEx', [
		['UserID', 'userID', T.STRING],
		['Nickname', 'nickname', T.StringValue],
		['FaceURL', 'faceURL', T.StringValue],
		['Ex', 'ex', T.StringValue],
		['GlobalRecvMsgOpt', 'globalRecvMsgOpt', T.Int32Value],
	]),
);
const USER_FIELDS = ['nickname', 'faceURL', 'ex', 'globalRecvMsgOpt'];
// User-info webhook bodies spell nickname `nickName`.
const hookBody = (info) => ({ userID: info.userID, nickName: info.nickname ?? null, faceURL: info.faceURL ?? null, ex: info.ex ?? null });

/** update_user_info(_ex): admin or self, the user must exist, the before-hook may change the fields. */
async function updateUser(emu, info, op, { command, keep }) {
	if (!info) throw args('userInfo is empty');
	needAdminOrSelf(op, info.userID);
	const user = userOr(emu, info.userID);
	const answer = await emu.before(`callbackBefore${command}Command`, { operationID: op.operationID, ...hookBody(info) });
	const changes = { ...info, ...(answer.nickName != null && { nickname: answer.nickName }), ...(answer.faceURL != null && { faceURL: answer.faceURL }), ...(answer.ex != null && { ex: answer.ex }) };
	for (const key of USER_FIELDS) if (keep(changes[key])) user[key] = changes[key];
	emu.after(`callbackAfter${command}Command`, { operationID: op.operationID, ...hookBody(changes) });
}

module.exports = {
	'/user/user_register': {
		params: req('user.UserRegisterReq', [['Secret', 'secret', T.STRING], ['Users', 'users', T.sliceOf(T.UserInfo)]]),
		check: (p) => checkUsers(p.users),
		async handle(emu, p, op) {
			// 3.0 to 3.8.0: no token, the secret in the body. 3.8.1+: an admin token.
			if (emu.newAuth) needAdmin(op);
			else if (p.secret !== emu.config.secret) throw noPermission('secret invalid');
			const ids = p.users.map((u) => u.userID);
			if (ids.includes('')) throw args('userID is empty');
			if (p.users.some((u) => !u.nickname)) throw args('nickname is empty');
			if (repeated(ids)) throw args('userID repeated');
			if (ids.some((id) => emu.state.users.has(id))) throw new ApiError(1102, 'userID registered already');
			const answer = await emu.before('callbackBeforeUserRegisterCommand', { operationID: op.operationID, users: p.users });
			const users = (answer.users ?? p.users).map((u) => userInfo({ ...u, createTime: Date.now() }));
			for (const user of users) emu.state.addUser(user);
			emu.after('callbackAfterUserRegisterCommand', { operationID: op.operationID, users });
		},
	},

	'/user/update_user_info_ex': {
		params: req('user.UpdateUserInfoExReq', [['UserInfo', 'userInfo', updateInfoEx]]),
		check: (p) => (!p.userInfo ? 'userInfo is empty' : p.userInfo.userID === '' ? 'userID is empty' : undefined),
		// A wrapper sent (even "") changes the field; absent or null leaves it.
		handle: (emu, p, op) => updateUser(emu, p.userInfo, op, { command: 'UpdateUserInfoEx', keep: (v) => v !== null && v !== undefined }),
	},

	'/user/update_user_info': {
		params: req('user.UpdateUserInfoReq', [['UserInfo', 'userInfo', T.UserInfo]]),
		check: (p) => (!p.userInfo ? 'userInfo is empty' : p.userInfo.userID === '' ? 'userID is empty' : undefined),
		// Deprecated: "" and 0 mean "unchanged", so a field cannot be cleared.
		handle: (emu, p, op) => updateUser(emu, p.userInfo, op, { command: 'UpdateUserInfo', keep: (v) => v !== '' && v !== 0 }),
	},

	'/user/get_users_info': {
		params: req('user.GetDesignateUsersReq', [['UserIDs', 'userIDs', T.STRINGS]]),
		check: (p) => (!p.userIDs ? 'userIDs is empty' : undefined),
		handle: (emu, p) => ({ usersInfo: p.userIDs.filter((id) => emu.state.users.has(id)).map((id) => ({ ...emu.state.users.get(id) })) }),
	},

	'/user/get_users': {
		params: req('user.GetUsersReq', [['Pagination', 'pagination', T.Pagination], ['UserID', 'userID', T.STRING], ['NickName', 'nickName', T.STRING]]),
		check: (p) => checkPagination(p.pagination),
		handle(emu, p) {
			// Only ordinary users (appMangerLevel 0 or 1): imAdmin and notification accounts are hidden.
			let users = [...emu.state.users.values()].filter((u) => u.appMangerLevel <= 1);
			if (p.userID || p.nickName) {
				const [id, nick] = [p.userID && regex(p.userID, 'i'), p.nickName && regex(p.nickName, 'i')];
				users = users.filter((u) => (id && id.test(u.userID)) || (nick && nick.test(u.nickname)));
			}
			const { total, list } = page(users, p.pagination, []);
			return { total, users: list.map((u) => ({ ...u })) };
		},
	},

	'/user/get_all_users_uid': {
		params: req('user.GetAllUserIDReq', [['Pagination', 'pagination', T.Pagination]]),
		check: (p) => checkPagination(p.pagination),
		handle(emu, p) {
			const { total, list } = page([...emu.state.users.keys()], p.pagination);
			return { total, userIDs: list };
		},
	},

	'/user/account_check': {
		params: req('user.AccountCheckReq', [['CheckUserIDs', 'checkUserIDs', T.STRINGS]]),
		check: (p) => (!p.checkUserIDs ? 'checkUserIDs is empty' : repeated(p.checkUserIDs) ? 'checkUserIDs has duplicate' : undefined),
		handle(emu, p, op) {
			needAdmin(op);
			return { results: p.checkUserIDs.map((userID) => ({ userID, accountStatus: emu.state.users.has(userID) ? 1 : 0 })) };
		},
	},

	// BindJSON route: a bind error is HTTP 400 with errCode 500 and the raw error text.
	'/user/get_users_online_status': {
		gin: true,
		params: req('user.GetUsersOnlineStatusReq', [['UserIDs', 'userIDs', T.STRINGS]]),
		bindError: (text) => ({ errCode: 500, errMsg: text, errDlt: '' }),
		handle(emu, p, op) {
			// The gateway enforces admin.
			if (!op.admin) throw noPermission('only app manager');
			if (!p.userIDs?.length) return null;
			return p.userIDs.map((userID) => {
				const platforms = emu.state.online.get(userID) ?? [];
				const detail = platforms.map((platformID, i) => ({ platformID, connID: `conn-${userID}-${i}`, isBackground: false, token: '' }));
				return { userID, status: platforms.length ? 1 : 0, detailPlatformStatus: detail.length ? detail : null };
			});
		},
	},

	'/user/get_users_status': {
		params: req('user.GetUserStatusReq', [['UserID', 'userID', T.STRING], ['UserIDs', 'userIDs', T.STRINGS]]),
		check: (p) => (!p.userIDs?.length ? 'userIDs is empty' : undefined),
		handle: (emu, p) => ({
			statusList: p.userIDs.map((userID) => {
				const platformIDs = emu.state.online.get(userID) ?? [];
				return { userID, status: platformIDs.length ? 1 : 0, platformIDs: platformIDs.length ? platformIDs : null };
			}),
		}),
	},
};
