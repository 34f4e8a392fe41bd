'use strict';
// The OpenIM API of the 2021 generation: one entry per route, each saying how its body binds, how it
// reports a bad token, and what it does. Behaviour follows server-api-2021.md, and server-notes.md where
// the doc is silent; README.md lists where and why the emulator departs from the real server.
const P = require('./params');
const { bindJSON, h } = require('./gojson');
const { checkContent } = require('./content');
const { ROLE, md5Hex } = require('./state');

const reply = (status, json) => ({ status, json });
const ok = (json) => reply(200, json);
const unixNow = () => Math.floor(Date.now() / 1000);
// Go's nil slice: lists the server builds by appending are null when nothing was appended.
const orNil = (list) => (list.length ? list : null);

const NOT_AUTHORIZED = reply(400, h({ errCode: 401, errMsg: 'not authorized' }));
const SEND_NOT_AUTHORIZED = reply(
	400,
	h({ errCode: 400, errMsg: 'token validate err,not authorized', sendTime: 0, MsgID: '' }),
);
// A failed gRPC call: the API answers 500 with the gRPC status text.
const rpcError = (desc) =>
	reply(500, h({ errCode: 500, errMsg: `rpc error: code = Unknown desc = ${desc}` }));

// How each route reports a token that does not parse (server-notes.md §5): the group and friend RPCs
// answer ErrParseToken, the user RPCs pass the jwt error text on.
const parseTokenFailed = () => ok(h({ errCode: 200, errMsg: 'Parse token failed' }));
const parseTokenFailedWithData = () =>
	ok({ errCode: 200, errMsg: 'Parse token failed', data: null });
const tokenErrorText = (error) => ok(h({ errCode: 200, errMsg: error }));

const isAdmin = (emu, claims) => claims.UID === emu.config.adminUid;

function tokenReply(emu, { uid, platform }) {
	const { token, expiredTime } = emu.issueToken(uid, platform);
	return ok(h({ data: h({ uid, token, expiredTime }), errCode: 0, errMsg: '' }));
}

const GROUP_INFO = ['groupName', 'introduction', 'notification', 'faceUrl', 'ex'];
const USER_INFO = ['name', 'icon', 'mobile', 'birth', 'email', 'ex'];

const ROUTES = {
	'/auth/user_register': {
		params: P.userRegister,
		handle(emu, p) {
			if (p.secret !== emu.config.secret) return NOT_AUTHORIZED;
			if (emu.state.users.has(p.uid))
				return rpcError(`Error 1062: Duplicate entry '${p.uid}' for key 'PRIMARY'`);
			emu.state.addUser(p);
			return tokenReply(emu, p);
		},
	},

	'/auth/user_token': {
		params: P.userToken,
		handle(emu, p) {
			if (p.secret !== emu.config.secret) return NOT_AUTHORIZED;
			if (!emu.state.users.has(p.uid)) return rpcError('record not found');
			return tokenReply(emu, p);
		},
	},

	'/group/create_group': {
		params: P.createGroup,
		token: parseTokenFailed,
		handle(emu, p, claims) {
			const { state } = emu;
			const admin = isAdmin(emu, claims);
			if (!admin && !state.users.has(claims.UID))
				return ok(h({ errCode: 619, errMsg: 'create group chat failed' }));
			const now = unixNow();
			const groupID = md5Hex(String(emu.nowNs()));
			const group = state.addGroup(
				groupID,
				Object.fromEntries(GROUP_INFO.map((k) => [k, p[k]])),
				now,
			);
			// An admin creates the group for others and is not a member; anyone else becomes its owner.
			if (!admin) state.addMember(group, claims.UID, ROLE.owner, now);
			for (const m of p.memberList ?? []) {
				if (m && state.users.has(m.uid) && !group.members.has(m.uid))
					state.addMember(group, m.uid, m.setRole, now);
			}
			return ok(h({ data: h({ groupID }), errCode: 0, errMsg: '' }));
		},
	},

	'/group/invite_user_to_group': {
		params: P.inviteUserToGroup,
		token: parseTokenFailedWithData,
		handle(emu, p, claims) {
			const { state } = emu;
			const group = state.groups.get(p.groupID);
			// Unknown group: 800, as the server answers from October 2021 (W added members to a group that did not exist).
			if (!group || !(isAdmin(emu, claims) || group.members.has(claims.UID)))
				return ok({ errCode: 800, errMsg: 'no permission', data: null });
			const now = unixNow();
			const data = p.uidList.map((uid) => {
				if (!state.users.has(uid) || group.members.has(uid)) return { uid, result: -1 };
				state.addMember(group, uid, ROLE.member, now);
				return { uid, result: 0 };
			});
			return ok({ errCode: 0, errMsg: 'ok', data: orNil(data) });
		},
	},

	'/group/kick_group': {
		params: P.kickGroup,
		token: parseTokenFailedWithData,
		handle(emu, p, claims) {
			const group = emu.state.groups.get(p.groupID);
			if (!group) return ok({ errCode: 700, errMsg: 'param failed', data: null });
			const role = group.members.get(claims.UID)?.role;
			if (!isAdmin(emu, claims) && role !== ROLE.owner && role !== ROLE.admin)
				return ok({ errCode: 800, errMsg: 'no permission', data: null });
			if (p.uidListInfo.length === 0)
				return ok({ errCode: 700, errMsg: 'param failed', data: null });
			// Nobody can kick themselves; kicking a non-member fails (W reported 0 for it: a DELETE of no rows).
			const data = p.uidListInfo.map((info) => {
				const uid = info?.userId ?? '';
				return { uid, result: uid !== claims.UID && group.members.delete(uid) ? 0 : -1 };
			});
			return ok({ errCode: 0, errMsg: '', data });
		},
	},

	'/friend/import_friend': {
		params: P.importFriend,
		token: parseTokenFailed,
		handle(emu, p, claims) {
			// A non-admin gets the bad-token answer: the server's quirk, kept.
			if (!isAdmin(emu, claims)) return parseTokenFailed();
			const { users } = emu.state;
			if (!users.has(p.uid) || !users.has(p.ownerUid))
				return ok(h({ errCode: 606, errMsg: "Can't find the user information" }));
			emu.state.befriend(p.ownerUid, p.uid);
			return ok(h({ errCode: 0, errMsg: '' }));
		},
	},

	'/friend/add_blacklist': {
		params: P.addBlacklist,
		token: parseTokenFailed,
		handle(emu, p, claims) {
			// Neither user is looked up; a non-admin blocks for themselves and ownerUid is ignored.
			emu.state.block(isAdmin(emu, claims) ? p.ownerUid : claims.UID, p.uid);
			return ok(h({ errCode: 0, errMsg: '' }));
		},
	},

	'/user/update_user_info': {
		params: P.updateUserInfo,
		token: tokenErrorText,
		handle(emu, p, claims) {
			const user = emu.state.users.get(isAdmin(emu, claims) ? p.uid : claims.UID);
			// Empty strings and gender 0 mean "leave unchanged": a field cannot be cleared. Unknown uid: still 0.
			if (user) {
				for (const key of USER_INFO) if (p[key] !== '') user[key] = p[key];
				if (p.gender !== 0) user.gender = p.gender;
			}
			return ok(h({ errCode: 0, errMsg: '' }));
		},
	},

	'/user/get_user_info': {
		params: P.getUserInfo,
		token: tokenErrorText,
		handle(emu, p) {
			if (!p.uidList?.length) return ok(h({ errCode: 999, errMsg: 'uidList is nil' }));
			const { users } = emu.state;
			const data = p.uidList.filter((uid) => users.has(uid)).map((uid) => ({ ...users.get(uid) }));
			return ok(h({ data, errCode: 0, errMsg: '' }));
		},
	},

	'/manager/delete_user': {
		params: P.deleteUsers,
		token: (error, p) => ok(h({ errCode: 200, errMsg: error, failedUidList: p.deleteUidList })),
		handle(emu, p, claims) {
			if (!isAdmin(emu, claims))
				return ok(h({ errCode: 401, errMsg: 'not authorized', failedUidList: p.deleteUidList }));
			// Unknown uids are not failures (a DELETE of no rows).
			for (const uid of p.deleteUidList) emu.state.deleteUser(uid);
			return ok(h({ errCode: 0, errMsg: '', failedUidList: [] }));
		},
	},

	'/manager/get_all_users_uid': {
		params: P.getAllUsersUid,
		token: (error) => ok(h({ errCode: 200, errMsg: error, uidList: null })),
		handle(emu, p, claims) {
			if (!isAdmin(emu, claims))
				return ok(h({ errCode: 401, errMsg: 'not authorized', uidList: null }));
			return ok(h({ errCode: 0, errMsg: '', uidList: [...emu.state.users.keys()] }));
		},
	},

	'/manager/send_msg': {
		params: P.sendMsg,
		// The content is checked before the token, as the server does.
		before(emu, p) {
			const refused = checkContent(p.contentType, p.content, emu.config.strictContentTypes);
			return refused && reply(400, h(refused));
		},
		token: () => SEND_NOT_AUTHORIZED,
		handle(emu, p, claims) {
			if (!isAdmin(emu, claims)) return SEND_NOT_AUTHORIZED;
			// The server takes a text message's body as content["text"].(string): anything else panics (500, empty).
			if (p.contentType === 101 && typeof p.content.text !== 'string')
				return { status: 500, text: '' };
			const msgID = md5Hex(`${p.sendID}-${emu.nowNs()}-${Math.random()}`);
			// Failures still carry the client message id, with sendTime 0.
			const failed = (errCode, errMsg) => ok(h({ errCode, errMsg, msgID, sendTime: 0 }));
			if (p.sessionType !== 1 && p.sessionType !== 2) return failed(203, 'unkonwn sessionType');
			if (p.sessionType === 2 && !emu.state.groups.has(p.recvID))
				return failed(700, 'param failed');
			const sendTime = emu.nowNs();
			const {
				sendID,
				recvID,
				sessionType,
				contentType,
				senderNickName,
				senderFaceURL,
				operationID,
			} = p;
			const store = (content) => {
				emu.state.messages.push({
					msgID,
					sendID,
					recvID,
					sessionType,
					contentType,
					content,
					senderNickName,
					senderFaceURL,
					forceList: p.forceList ?? [],
					sendTime: String(sendTime),
					operationID,
				});
				return ok(h({ errCode: 0, errMsg: '', msgID, sendTime }));
			};
			if (!emu.messageCallback.enabled) return store(p.content);
			return emu.messageCallback
				.run(p, sendTime)
				.then(({ refused, content }) =>
					refused ? failed(refused.errCode, refused.errMsg) : store(content),
				);
		},
	},

	// Not in the doc; served so that tests can read group state the way a client would.
	'/group/get_groups_info': {
		params: P.getGroupsInfo,
		token: parseTokenFailed,
		handle(emu, p) {
			const data = p.groupIDList
				.map((id) => emu.state.groups.get(id))
				.filter(Boolean)
				.map((g) => {
					const members = [...g.members.values()];
					const ownerId = members.find((m) => m.role === ROLE.owner)?.uid ?? '';
					const {
						groupID: groupId,
						groupName,
						notification,
						introduction,
						faceUrl,
						createTime,
					} = g;
					return {
						groupId,
						groupName,
						notification,
						introduction,
						faceUrl,
						createTime,
						ownerId,
						memberCount: members.length,
					};
				});
			return ok(h({ data, errCode: 0, errMsg: '' }));
		},
	},

	'/group/get_group_all_member_list': {
		params: P.getGroupAllMember,
		token: parseTokenFailedWithData,
		// This RPC also accepts the server secret in place of a token.
		secretAsToken: true,
		handle(emu, p) {
			const { users } = emu.state;
			const members = [...(emu.state.groups.get(p.groupID)?.members.values() ?? [])];
			const data = members.map(({ uid, role, joinTime }) => ({
				groupID: p.groupID,
				userId: uid,
				role,
				joinTime,
				nickName: users.get(uid)?.name ?? '',
				faceUrl: users.get(uid)?.icon ?? '',
			}));
			return ok({ errCode: 0, errMsg: '', data: orNil(data) });
		},
	},
};

/**
 * Answers one API request as gin would: { status, json } or { status, text } (text: raw body; '' = empty),
 * plus `location` for a redirect.
 */
function dispatch(emu, { method, path, headers, rawBody }) {
	// The server's CORS middleware answers every OPTIONS request itself.
	if (method === 'OPTIONS') return ok('Options Request!');
	const route = Object.hasOwn(ROUTES, path) ? ROUTES[path] : undefined;
	if (!route || method !== 'POST') {
		// gin's RedirectTrailingSlash: 307 keeps the method and body.
		const bare = path.replace(/\/$/, '');
		if (method === 'POST' && bare !== path && Object.hasOwn(ROUTES, bare))
			return { status: 307, text: '', location: bare };
		return { status: 404, text: '404 page not found' };
	}
	const bound = bindJSON(rawBody, route.params);
	if (bound.error) return reply(400, h({ errCode: 400, errMsg: bound.error }));
	const p = bound.value;
	const refused = route.before?.(emu, p);
	if (refused) return refused;
	if (!route.token) return route.handle(emu, p);
	const parsed = emu.signer.parse(headers.token);
	if (parsed.error && !(route.secretAsToken && headers.token === emu.config.secret))
		return route.token(parsed.error, p);
	return route.handle(emu, p, parsed.claims);
}

module.exports = { dispatch };
