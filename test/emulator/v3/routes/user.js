'use strict';
// user/* (S:internal/rpc/user/user.go; §3.1).
const {
	T,
	req,
	checkPagination,
	page,
	needAdmin,
	needAdminOrSelf,
	repeated,
	regex,
} = require('./common');
const { args, noPermission, notFound, ApiError, atLeast } = require('../errors');
const { userInfo } = require('../state');

// IsLegalUserID: Unicode letters, digits and '_' (an empty ID passes here and fails later).
const legalUserID = (id) => /^[\p{L}\p{Nd}_]*$/u.test(id);

// UserRegisterReq.Check: the list, each user's ID, then every nickname.
function checkRegister(users) {
	if (!users) return 'users are empty';
	for (const user of users) {
		if (!user) return 'user is empty';
		if (!legalUserID(user.userID)) return 'userID is legal';
	}
	return users.some((u) => u.nickname === '') ? 'user name is empty' : undefined;
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
const hookBody = (info) => ({
	userID: info.userID,
	nickName: info.nickname ?? null,
	faceURL: info.faceURL ?? null,
	ex: info.ex ?? null,
});

/** update_user_info(_ex): admin or self, then the before-hook (which may change the fields), then the user must exist. */
async function updateUser(emu, info, op, { command, keep }) {
	needAdminOrSelf(op, info.userID);
	const answer = await emu.before(`callbackBefore${command}Command`, hookBody(info));
	const user = emu.state.users.get(info.userID);
	if (!user) throw notFound();
	const changes = {
		...info,
		...(answer.nickName != null && { nickname: answer.nickName }),
		...(answer.faceURL != null && { faceURL: answer.faceURL }),
		...(answer.ex != null && { ex: answer.ex }),
	};
	for (const key of USER_FIELDS) if (keep(changes[key])) user[key] = changes[key];
	emu.after(`callbackAfter${command}Command`, hookBody(changes));
}

module.exports = {
	'/user/user_register': {
		params: req('user.UserRegisterReq', [
			['Secret', 'secret', T.STRING],
			['Users', 'users', T.sliceOf(T.UserInfo)],
		]),
		check: (p) => checkRegister(p.users),
		async handle(emu, p, op) {
			if (!p.users.length) throw args('users is empty');
			// 3.8.1+: an admin token. 3.0 to 3.8.0: no token, the secret in the body.
			if (emu.newAuth) needAdmin(op);
			else if (p.secret !== emu.config.secret) throw noPermission('secret invalid');
			const ids = p.users.map((u) => u.userID);
			if (repeated(ids)) throw args('userID repeated');
			if (ids.includes('')) throw args('userID is empty');
			// All or nothing: one registered ID refuses the whole list.
			if (ids.some((id) => emu.state.users.has(id)))
				throw new ApiError(1102, 'userID registered already');
			const answer = await emu.before('callbackBeforeUserRegisterCommand', { users: p.users });
			const now = Date.now();
			const users = (answer.users ?? p.users).map((u) => userInfo({ ...u, createTime: now }));
			for (const user of users) emu.state.addUser(user);
			emu.after('callbackAfterUserRegisterCommand', { users });
		},
	},

	'/user/update_user_info_ex': {
		params: req('user.UpdateUserInfoExReq', [['UserInfo', 'userInfo', updateInfoEx]]),
		check: (p) =>
			!p.userInfo ? 'userInfo is empty' : p.userInfo.userID === '' ? 'userID is empty' : undefined,
		// A wrapper sent (even "") changes the field; absent or null leaves it.
		handle: (emu, p, op) =>
			updateUser(emu, p.userInfo, op, {
				command: 'UpdateUserInfoEx',
				keep: (v) => v !== null && v !== undefined,
			}),
	},

	'/user/update_user_info': {
		params: req('user.UpdateUserInfoReq', [['UserInfo', 'userInfo', T.UserInfo]]),
		check: (p) =>
			!p.userInfo ? 'UserInfo is empty' : p.userInfo.userID === '' ? 'UserID is empty' : undefined,
		// Deprecated: "" and 0 mean "unchanged", so a field cannot be cleared.
		handle: (emu, p, op) =>
			updateUser(emu, p.userInfo, op, {
				command: 'UpdateUserInfo',
				keep: (v) => v !== '' && v !== 0,
			}),
	},

	'/user/get_users_info': {
		params: req('user.GetDesignateUsersReq', [['UserIDs', 'userIDs', T.STRINGS]]),
		check: (p) => (!p.userIDs ? 'UserIDs is empty' : undefined),
		// A Mongo $in: the users in storage order, each once, whatever the request's order; unknown IDs omitted.
		handle(emu, p) {
			const wanted = new Set(p.userIDs);
			return {
				usersInfo: [...emu.state.users.values()]
					.filter((u) => wanted.has(u.userID))
					.map((u) => ({ ...u })),
			};
		},
	},

	'/user/get_users': {
		params: req('user.GetPaginationUsersReq', [
			['Pagination', 'pagination', T.Pagination],
			['UserID', 'userID', T.STRING],
			['NickName', 'nickName', T.STRING],
		]),
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
		check: (p) => (!p.checkUserIDs ? 'CheckUserIDs is empty' : undefined),
		handle(emu, p, op) {
			if (repeated(p.checkUserIDs)) throw args('userID repeated');
			needAdmin(op);
			return {
				results: p.checkUserIDs.map((userID) => ({
					userID,
					accountStatus: emu.state.users.has(userID) ? 1 : 0,
				})),
			};
		},
	},

	'/user/add_notification_account': {
		params: req('user.AddNotificationAccountReq', [
			['UserID', 'userID', T.STRING],
			['NickName', 'nickName', T.STRING],
			['FaceURL', 'faceURL', T.STRING],
			['AppMangerLevel', 'appMangerLevel', T.INT32],
		]),
		check: (p) => (p.nickName === '' ? 'nickName is empty' : undefined),
		handle(emu, p, op) {
			needAdmin(op);
			// 3.8.3 made the level a required field (3 notification, 4 robot); older servers ignore it and store 3.
			const levelled = atLeast(emu.version, '3.8.3');
			if (levelled && p.appMangerLevel < 3) throw args('app level not supported');
			if (p.userID && emu.state.users.has(p.userID)) throw args('userID is used');
			let { userID } = p;
			while (!userID || emu.state.users.has(userID))
				userID =
					String(1 + Math.floor(Math.random() * 9)) +
					String(Math.floor(Math.random() * 1e9)).padStart(9, '0');
			const appMangerLevel = levelled ? p.appMangerLevel : 3;
			emu.state.addUser({ userID, nickname: p.nickName, faceURL: p.faceURL, appMangerLevel });
			return {
				userID,
				faceURL: p.faceURL,
				nickName: p.nickName,
				...(levelled && { appMangerLevel }),
			};
		},
	},

	// BindJSON route whose bind error is passed on raw: HTTP 400, errCode 500 (not a CodeError), the text in errDlt.
	'/user/get_users_online_status': {
		gin: true,
		params: req('GetUsersOnlineStatusReq', [['UserIDs', 'userIDs', T.STRINGS]]),
		bindError: (text) => ({ errCode: 500, errMsg: 'ServerInternalError', errDlt: text }),
		handle(emu, p, op) {
			// The gateway enforces admin.
			if (!op.admin) throw noPermission('only app manager');
			if (!p.userIDs?.length) return null;
			// The gateway reports each connection's token: a user token in the answer.
			return p.userIDs.map((userID) => {
				const detail = (emu.state.online.get(userID) ?? []).map(
					({ platformID, connID, token }) => ({ platformID, connID, isBackground: false, token }),
				);
				return {
					userID,
					status: detail.length ? 1 : 0,
					detailPlatformStatus: detail.length ? detail : null,
				};
			});
		},
	},

	'/user/get_users_status': {
		params: req('user.GetUserStatusReq', [
			['UserID', 'userID', T.STRING],
			['UserIDs', 'userIDs', T.STRINGS],
		]),
		check: (p) => (!p.userIDs?.length ? 'userIDs is empty' : undefined),
		handle: (emu, p) => ({
			statusList: p.userIDs.map((userID) => {
				const platformIDs = (emu.state.online.get(userID) ?? []).map((c) => c.platformID);
				return {
					userID,
					status: platformIDs.length ? 1 : 0,
					platformIDs: platformIDs.length ? platformIDs : null,
				};
			}),
		}),
	},
};
