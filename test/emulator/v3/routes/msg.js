'use strict';
// msg/* (S:internal/api/msg.go, internal/rpc/msg/send.go, verify.go; §3.4). send_msg and batch_send_msg bind with
// gin (HTTP 400 on a binding error); the content is checked in the API, the session rules in the RPC.
const crypto = require('node:crypto');
const { T, req, needAdminOrSelf } = require('./common');
const { ApiError, args, noPermission, notFound, atLeast } = require('../errors');
const { checkContent } = require('../content');
const { ROLE, GROUP_STATUS } = require('../state');
const { h, marshal } = require('../../gojson');

const SINGLE = 1;
const GROUP = 3;
const NOTIFICATION = 4;
const OA_NOTIFICATION = 1400;
const MSG_FROM = { user: 100, system: 200 };
const REVOKE_TIP = 2101;
const CLEAR_TIP = 1703;
const BUSINESS_NOTIFICATION = 2001;

const sendMsgFields = [
	['SendID', 'sendID', T.STRING],
	['GroupID', 'groupID', T.STRING],
	['SenderNickname', 'senderNickname', T.STRING],
	['SenderFaceURL', 'senderFaceURL', T.STRING],
	['SenderPlatformID', 'senderPlatformID', T.INT32],
	['Content', 'content', T.MAP],
	['ContentType', 'contentType', T.INT32],
	['SessionType', 'sessionType', T.INT32],
	['IsOnlineOnly', 'isOnlineOnly', T.BOOL],
	['NotOfflinePush', 'notOfflinePush', T.BOOL],
	['SendTime', 'sendTime', T.INT64],
	[
		'OfflinePushInfo',
		'offlinePushInfo',
		T.ptr(
			T.struct('sdkws.OfflinePushInfo', [
				['Title', 'title', T.STRING],
				['Desc', 'desc', T.STRING],
				['Ex', 'ex', T.STRING],
				['IOSPushSound', 'iOSPushSound', T.STRING],
				['IOSBadgeCount', 'iOSBadgeCount', T.BOOL],
				['SignalInfo', 'signalInfo', T.STRING],
			]),
		),
	],
	['Ex', 'ex', T.STRING],
];

/** The `binding` tags: validator's messages, one line per failing field (RecvID: the custom required_if). */
function bindingErrors(struct, p, extra = []) {
	const fail = (ns, field, tag) =>
		`Key: '${ns}.${field}' Error:Field validation for '${field}' failed on the '${tag}' tag`;
	const lines = extra.map(([field, tag]) => fail(struct, field, tag));
	const inner = `${struct}.SendMsg`;
	if (!p.sendID) lines.push(fail(inner, 'SendID', 'required'));
	if ((p.sessionType === 2 || p.sessionType === GROUP) && !p.groupID)
		lines.push(fail(inner, 'GroupID', 'required_if'));
	if (p.content === null) lines.push(fail(inner, 'Content', 'required'));
	if (!p.contentType) lines.push(fail(inner, 'ContentType', 'required'));
	if (!p.sessionType) lines.push(fail(inner, 'SessionType', 'required'));
	return lines.join('\n') || undefined;
}

// Go's json.Marshal of a map[string]any: keys sorted at every level, <>& escaped.
const goMap = (v) =>
	Array.isArray(v)
		? v.map(goMap)
		: v !== null && typeof v === 'object'
			? h(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, goMap(x)])))
			: v;
const goJSON = (v) => marshal(goMap(v));
const md5 = (text) => crypto.createHash('md5').update(text).digest('hex');
const newMsgID = (sendID) => md5(`${sendID}${Date.now()}${Math.random()}`);
const pair = (a, b) => [a, b].sort().join('_');
const conversationID = (m) =>
	m.sessionType === GROUP
		? `sg_${m.groupID}`
		: `${m.sessionType === NOTIFICATION ? 'sn' : 'si'}_${pair(m.sendID, m.recvID)}`;
const isNotificationType = (contentType) => contentType >= 1000 && contentType <= 5000;

/** The webhook body of a message event (CommonCallbackReq + recvID or groupID, §4.5). */
function messageHookBody(emu, m, operationID) {
	const body = {
		sendID: m.sendID,
		callbackCommand: '',
		serverMsgID: m.serverMsgID,
		clientMsgID: m.clientMsgID,
		operationID,
		senderPlatformID: m.senderPlatformID,
		senderNickname: m.senderNickname,
		sessionType: m.sessionType,
		msgFrom: m.msgFrom,
		contentType: m.contentType,
		status: 1,
		...(atLeast(emu.version, '3.8.1') && { sendTime: m.sendTime }),
		createTime: m.createTime,
		content: isNotificationType(m.contentType) ? '' : m.content,
		seq: 0,
		atUserList: null,
		faceURL: m.senderFaceURL,
		ex: m.ex,
	};
	return m.sessionType === GROUP ? { ...body, groupID: m.groupID } : { ...body, recvID: m.recvID };
}

/**
 * The msg RPC's SendMsg for one message whose content has passed the API's checks: session rules, webhooks,
 * storage. `msgFrom` 200 for the REST API, 100 for an app user. Resolves to send_msg's data.
 */
async function deliver(emu, input, { operationID, msgFrom, clientMsgID = newMsgID(input.sendID) }) {
	// The API sets sessionType 4 for 1400; the RPC's MsgData.Check then pairs them.
	const sessionType = input.contentType === OA_NOTIFICATION ? NOTIFICATION : input.sessionType;
	if ((sessionType === NOTIFICATION) !== (input.contentType === OA_NOTIFICATION))
		throw args('notification msg must have correct session type and content type');
	if (![SINGLE, GROUP, NOTIFICATION].includes(sessionType)) throw args('unknown sessionType');
	const now = Date.now();
	const content =
		input.contentType === OA_NOTIFICATION ? { detail: goJSON(input.content) } : input.content;
	const m = {
		...input,
		recvID: sessionType === GROUP ? '' : input.recvID,
		groupID: sessionType === GROUP ? input.groupID : '',
		sessionType,
		msgFrom,
		serverMsgID: newMsgID(input.sendID),
		clientMsgID,
		content: goJSON(content),
		sendTime: input.sendTime || now,
		createTime: now,
	};
	const privileged = emu.isAdmin(m.sendID) || isNotificationType(m.contentType);
	if (sessionType === SINGLE) {
		if (!privileged) {
			await emu.before('callbackBeforeSendSingleMsgCommand', messageHookBody(emu, m, operationID));
			if (emu.state.blacks.get(m.recvID)?.has(m.sendID)) throw new ApiError(1302);
			if (emu.config.friendVerify && !emu.state.friends.get(m.sendID)?.has(m.recvID))
				throw new ApiError(1303);
		}
		const recipient = emu.state.users.get(m.recvID);
		if (!recipient) throw notFound();
		// A recipient who receives nothing: the RPC returns (nil, nil), so the IDs are empty (inference).
		if (recipient.globalRecvMsgOpt === 1)
			return sendData(emu, { serverMsgID: '', clientMsgID: '', sendTime: 0 });
	} else if (sessionType === GROUP) {
		const group = emu.state.groups.get(m.groupID);
		if (!group) throw notFound();
		if (group.status === GROUP_STATUS.dismissed) throw new ApiError(1204);
		const member = group.members.get(m.sendID);
		if (!privileged && !member) throw new ApiError(1203);
		// The owner is never muted; a group admin is not held by a muted group.
		if (!privileged && member.roleLevel !== ROLE.owner) {
			if (member.muteEndTime >= now) throw new ApiError(1402);
			if (group.status === GROUP_STATUS.muted && member.roleLevel !== ROLE.admin)
				throw new ApiError(1403);
		}
		await emu.before('callbackBeforeSendGroupMsgCommand', messageHookBody(emu, m, operationID));
	}
	if (m.contentType === 101 && sessionType !== NOTIFICATION) {
		const answer = await emu.before(
			'callbackBeforeMsgModifyCommand',
			messageHookBody(emu, m, operationID),
		);
		if (typeof answer.content === 'string') m.content = answer.content;
	}
	const stored = {
		...m,
		conversationID: conversationID(m),
		seq: emu.state.nextSeq(conversationID(m)),
		status: 2,
	};
	emu.state.messages.push(stored);
	addConversations(emu, stored);
	// Notifications (sessionType 4) are stored without webhooks.
	if (sessionType !== NOTIFICATION)
		emu.after(
			sessionType === GROUP
				? 'callbackAfterSendGroupMsgCommand'
				: 'callbackAfterSendSingleMsgCommand',
			messageHookBody(emu, m, operationID),
		);
	return sendData(emu, m);
}

/** msgtransfer: each party of a stored single or group message gets its conversation row. */
function addConversations(emu, m) {
	if (m.sessionType === SINGLE) {
		for (const [owner, peer] of [
			[m.sendID, m.recvID],
			[m.recvID, m.sendID],
		])
			emu.state.conversation(owner, {
				conversationID: m.conversationID,
				conversationType: SINGLE,
				userID: peer,
			});
	} else if (m.sessionType === GROUP) {
		for (const owner of emu.state.groups.get(m.groupID)?.members.keys() ?? [])
			emu.state.conversation(owner, {
				conversationID: m.conversationID,
				conversationType: GROUP,
				groupID: m.groupID,
			});
	}
}

/** GetMsgBySeqs as `userID` reads it: above the conversation's and the user's minSeq (a clear raises them). */
function visibleTo(emu, userID, m) {
	const minSeq = Math.max(
		emu.state.minSeqs.get(m.conversationID) ?? 0,
		emu.state.userMinSeqs.get(`${userID} ${m.conversationID}`) ?? 0,
	);
	return m.seq >= minSeq;
}

/** A notification the server sends (a tip); `told`: whose devices receive it (the recipients and the sender's own). */
function sendTip(emu, { contentType, sendID, sessionType, recvID = '', groupID = '', detail }) {
	const recipients =
		sessionType === GROUP ? [...(emu.state.groups.get(groupID)?.members.keys() ?? [])] : [recvID];
	emu.state.tips.push({
		contentType,
		sendID,
		sessionType,
		recvID,
		groupID,
		detail,
		told: [...new Set([...recipients, sendID])],
	});
}

// SendMsgResp: `modify` exists only in the 3.8.3 patch tags.
const sendData = (emu, { serverMsgID, clientMsgID, sendTime }) => ({
	serverMsgID,
	clientMsgID,
	sendTime,
	...(/-patch/.test(emu.version) && { modify: null }),
});

function needAppManager(op) {
	if (!op.admin) throw noPermission('only app manager can send message');
}

module.exports = {
	'/msg/send_msg': {
		gin: true,
		params: req('SendMsgReq', [['RecvID', 'recvID', T.STRING], ...sendMsgFields]),
		validate: (p) =>
			bindingErrors(
				'SendMsgReq',
				p,
				(p.sessionType === SINGLE || p.sessionType === NOTIFICATION) && !p.recvID
					? [['RecvID', 'required_if']]
					: [],
			),
		async handle(emu, p, op) {
			needAppManager(op);
			checkContent(emu, p);
			return deliver(emu, p, { operationID: op.operationID, msgFrom: MSG_FROM.system });
		},
	},

	'/msg/batch_send_msg': {
		gin: true,
		params: req('BatchSendMsgReq', [
			...sendMsgFields,
			['IsSendAll', 'isSendAll', T.BOOL],
			['RecvIDs', 'recvIDs', T.STRINGS],
		]),
		validate: (p) =>
			bindingErrors('BatchSendMsgReq', p, p.recvIDs === null ? [['RecvIDs', 'required']] : []),
		async handle(emu, p, op) {
			needAppManager(op);
			// isSendAll: every user, imAdmin included. One RPC per recipient, all with the same clientMsgID.
			const recipients = p.isSendAll ? [...emu.state.users.keys()] : p.recvIDs;
			checkContent(emu, p);
			const clientMsgID = newMsgID(p.sendID);
			const results = [];
			const failedUserIDs = [];
			for (const recvID of recipients) {
				try {
					const sent = await deliver(
						emu,
						{ ...p, recvID },
						{ operationID: op.operationID, msgFrom: MSG_FROM.system, clientMsgID },
					);
					results.push({
						serverMsgID: sent.serverMsgID,
						clientMsgID: sent.clientMsgID,
						sendTime: sent.sendTime,
						recvID,
					});
				} catch (error) {
					if (!(error instanceof ApiError)) throw error;
					failedUserIDs.push(recvID);
				}
			}
			return {
				results: results.length ? results : null,
				failedUserIDs: failedUserIDs.length ? failedUserIDs : null,
			};
		},
	},

	'/msg/revoke_msg': {
		params: req('msg.RevokeMsgReq', [
			['ConversationID', 'conversationID', T.STRING],
			['Seq', 'seq', T.INT64],
			['UserID', 'userID', T.STRING],
		]),
		check: (p) =>
			p.conversationID === ''
				? 'conversationID is empty'
				: p.seq < 1
					? 'seq is invalid'
					: p.userID === ''
						? 'userID is empty'
						: undefined,
		handle(emu, p, op) {
			needAdminOrSelf(op, p.userID);
			if (!emu.state.users.has(p.userID)) throw notFound('record not found');
			const msg = emu.state.messages.find(
				(m) => m.conversationID === p.conversationID && m.seq === p.seq,
			);
			if (!msg) throw notFound('msg not found');
			// The message as userID reads it: after userID cleared the conversation it is out of range.
			if (!visibleTo(emu, p.userID, msg)) throw notFound('msg not found');
			if (msg.revoked) throw new ApiError(1404, 'msg already revoke');
			if (!op.admin && msg.sessionType === GROUP) {
				// A group's owner revokes anyone's message, an admin a plain member's, a member only its own.
				const members = emu.state.groups.get(msg.groupID)?.members;
				const [role, senderRole] = [
					members?.get(p.userID)?.roleLevel,
					members?.get(msg.sendID)?.roleLevel,
				];
				const allowed =
					p.userID === msg.sendID ||
					role === ROLE.owner ||
					(role === ROLE.admin && (senderRole === undefined || senderRole === ROLE.member));
				if (!allowed) throw noPermission('no permission');
			} else if (!op.admin) needAdminOrSelf(op, msg.sendID);
			msg.revoked = { revokerUserID: p.userID, revokeTime: Date.now() };
			// The tip goes from userID to the message's receiver: with the admin's ID the sender's own apps never hear of it.
			const detail = {
				revokerUserID: op.userID,
				clientMsgID: msg.clientMsgID,
				revokeTime: msg.revoked.revokeTime,
				seq: msg.seq,
				sesstionType: msg.sessionType,
				conversationID: msg.conversationID,
				isAdminRevoke: op.admin,
			};
			sendTip(emu, {
				contentType: REVOKE_TIP,
				sendID: p.userID,
				sessionType: msg.sessionType,
				recvID: msg.recvID,
				groupID: msg.groupID,
				detail,
			});
			emu.after('callbackBeforeAfterMsgCommand', {
				conversationID: p.conversationID,
				seq: p.seq,
				userID: p.userID,
			});
		},
	},

	'/msg/search_msg': {
		params: req('msg.SearchMessageReq', [
			['SendID', 'sendID', T.STRING],
			['RecvID', 'recvID', T.STRING],
			['ContentType', 'contentType', T.INT32],
			['SendTime', 'sendTime', T.STRING],
			['SessionType', 'sessionType', T.INT32],
			['Pagination', 'pagination', T.Pagination],
		]),
		handle: (emu, p) => searchMessages(emu, p),
	},

	'/msg/clear_conversation_msg': {
		params: req('msg.ClearConversationsMsgReq', [
			['ConversationIDs', 'conversationIDs', T.STRINGS],
			['UserID', 'userID', T.STRING],
			[
				'DeleteSyncOpt',
				'deleteSyncOpt',
				T.ptr(
					T.struct('msg.DeleteSyncOpt', [
						['IsSyncSelf', 'IsSyncSelf', T.BOOL],
						['IsSyncOther', 'IsSyncOther', T.BOOL],
					]),
				),
			],
		]),
		check: (p) =>
			!p.conversationIDs
				? 'conversationIDs is empty'
				: p.userID === ''
					? 'userID is empty'
					: undefined,
		handle(emu, p, op) {
			needAdminOrSelf(op, p.userID);
			const { IsSyncSelf: syncSelf = false, IsSyncOther: forEveryone = false } =
				p.deleteSyncOpt ?? {};
			for (const id of p.conversationIDs) {
				// Looked up across every owner: an ID nobody owns is skipped.
				const rows = [...emu.state.conversations.values()]
					.map((byID) => byID.get(id))
					.filter(Boolean);
				if (!rows.length) continue;
				const minSeq = (emu.state.seqs.get(id) ?? 0) + 1;
				if (forEveryone) {
					emu.state.minSeqs.set(id, minSeq);
					for (const row of rows)
						sendTip(emu, {
							contentType: CLEAR_TIP,
							sendID: p.userID,
							sessionType: row.conversationType,
							recvID: row.userID,
							groupID: row.groupID,
							detail: { conversationIDs: [id] },
						});
					continue;
				}
				emu.state.userMinSeqs.set(`${p.userID} ${id}`, minSeq);
				const own = emu.state.conversations.get(p.userID)?.get(id);
				if (own && atLeast(emu.version, '3.8.3')) own.minSeq = minSeq;
				if (syncSelf)
					sendTip(emu, {
						contentType: CLEAR_TIP,
						sendID: p.userID,
						sessionType: SINGLE,
						recvID: p.userID,
						detail: { conversationIDs: [id] },
					});
			}
		},
	},

	'/msg/send_business_notification': {
		gin: true,
		params: req('SendBusinessNotificationReq', [
			['SendUserID', 'sendUserID', T.STRING],
			['RecvUserID', 'recvUserID', T.STRING],
			['Key', 'key', T.STRING],
			['Data', 'data', T.STRING],
		]),
		validate(p) {
			const fail = (field) =>
				`Key: 'SendBusinessNotificationReq.${field}' Error:Field validation for '${field}' failed on the 'required' tag`;
			return (
				[!p.sendUserID && fail('SendUserID'), !p.recvUserID && fail('RecvUserID')]
					.filter(Boolean)
					.join('\n') || undefined
			);
		},
		handle(emu, p, op) {
			needAppManager(op);
			// Not stored (no seq, not searchable): pushed to the receiver's online devices only; unknown users are not checked.
			const now = Date.now();
			const m = {
				sendID: p.sendUserID,
				recvID: p.recvUserID,
				groupID: '',
				sessionType: SINGLE,
				msgFrom: MSG_FROM.system,
				contentType: BUSINESS_NOTIFICATION,
				senderPlatformID: 10,
				senderNickname: '',
				senderFaceURL: '',
				serverMsgID: newMsgID(p.sendUserID),
				clientMsgID: newMsgID(p.sendUserID),
				content: goJSON({ detail: goJSON({ key: p.key, data: p.data }) }),
				sendTime: now,
				createTime: now,
				ex: '',
			};
			const onlineDevices = (emu.state.online.get(p.recvUserID) ?? []).map((c) => c.platformID);
			emu.state.pushed.push({ ...m, onlineDevices });
			emu.after('callbackAfterSendSingleMsgCommand', messageHookBody(emu, m, op.operationID));
			return sendData(emu, m);
		},
	},

	'/msg/get_server_time': {
		params: req('msg.GetServerTimeReq', []),
		handle: () => ({ serverTime: Date.now() }),
	},
};

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Go's time.Parse(time.DateOnly): the UTC day [start, end), or undefined for another format or an impossible date. */
function utcDay(text) {
	const m = DATE_ONLY.exec(text);
	if (!m) return undefined;
	const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
	if (new Date(start).toISOString().slice(0, 10) !== text) return undefined;
	return [start, start + 86400000];
}

/** A stored message as search_msg's ChatLog (P:msg ChatLog, proto order), with the group's or receiver's details. */
function chatLog(emu, m) {
	const group = m.sessionType === GROUP ? emu.state.groups.get(m.groupID) : undefined;
	const sender = emu.state.users.get(m.sendID);
	return {
		serverMsgID: m.serverMsgID,
		clientMsgID: m.clientMsgID,
		sendID: m.sendID,
		// Group chats: recvID is overwritten with the groupID.
		recvID: group ? m.groupID : m.recvID,
		groupID: m.groupID,
		recvNickname: group ? '' : (emu.state.users.get(m.recvID)?.nickname ?? ''),
		senderPlatformID: m.senderPlatformID,
		senderNickname: m.senderNickname || (sender?.nickname ?? ''),
		// (sic) the group's faceURL replaces the sender's in group chats.
		senderFaceURL: group ? group.faceURL : m.senderFaceURL,
		groupName: group?.groupName ?? '',
		sessionType: m.sessionType,
		msgFrom: m.msgFrom,
		contentType: m.contentType,
		content: m.content,
		status: m.status,
		sendTime: m.sendTime,
		createTime: m.createTime,
		ex: m.ex,
		groupFaceURL: '',
		groupMemberCount: group?.members.size ?? 0,
		seq: m.seq,
		groupOwner: group?.ownerUserID ?? '',
		groupType: group?.groupType ?? 0,
	};
}

/**
 * search_msg (§9.2): AND of the filters over single and group chats, in message-document order (documents of 100
 * seqs, by creation; seq order inside), so oldest first per conversation and not by sendTime.
 */
function searchMessages(emu, p) {
	const day = p.sendTime === '' ? undefined : utcDay(p.sendTime);
	if (p.sendTime !== '' && !day) throw args('invalid sendTime');
	const { showNumber = 0, pageNumber = 0 } = p.pagination ?? {};
	// make() with a negative capacity, and the null slots an unfiltered search unwinds: both panic in the RPC.
	if (showNumber < 0) throw new ApiError(500, 'panic error', 'panic error');
	if (!p.sendID && !p.recvID && !p.contentType && !p.sessionType && !day)
		throw new ApiError(500, 'panic error', 'panic error');
	const docs = new Map();
	const inDoc = (m) => {
		const key = `${m.conversationID} ${Math.floor((m.seq - 1) / 100)}`;
		if (!docs.has(key)) docs.set(key, docs.size);
		return docs.get(key);
	};
	const ordered = emu.state.messages
		.map((m) => [inDoc(m), m])
		.sort(([a, x], [b, y]) => a - b || x.seq - y.seq)
		.map(([, m]) => m);
	const hits = ordered.filter(
		(m) =>
			/^s[ig]_/.test(m.conversationID) &&
			(!p.sendID || m.sendID === p.sendID) &&
			(!p.recvID || m.recvID === p.recvID || m.groupID === p.recvID) &&
			(!p.contentType || m.contentType === p.contentType) &&
			(!p.sessionType || m.sessionType === p.sessionType) &&
			(!day || (m.sendTime >= day[0] && m.sendTime < day[1])),
	);
	const skip = Math.max(0, (pageNumber - 1) * showNumber);
	const found = hits.slice(skip, skip + showNumber);
	// 3.8.1 wrapped each item as {chatLog, isRevoked}; 3.8.0 and older answer the ChatLog itself, without a revoke marker.
	const items = found.map((m) =>
		atLeast(emu.version, '3.8.1')
			? { chatLog: chatLog(emu, m), isRevoked: Boolean(m.revoked) }
			: chatLog(emu, m),
	);
	return { chatLogs: items.length ? items : null, chatLogsNum: hits.length };
}

/**
 * An app user sending through the SDK path (POST /__emulator/app/send): straight to the msg RPC, so no admin check
 * and no content validation (those are the REST API's); msgFrom 100, the same session rules and webhooks.
 * Resolves to the envelope send_msg would give.
 */
async function sendAsUser(emu, body, operationID = `app-${Date.now()}`) {
	const user = emu.state.users.get(body.sendID);
	if (!user) throw new TypeError(`sendID must be a registered user, not ${body.sendID}`);
	const m = {
		sendID: body.sendID,
		recvID: body.recvID ?? '',
		groupID: body.groupID ?? '',
		senderNickname: body.senderNickname ?? user.nickname,
		senderFaceURL: body.senderFaceURL ?? user.faceURL,
		senderPlatformID: body.senderPlatformID ?? 5,
		content: body.content ?? {},
		contentType: body.contentType ?? 101,
		sessionType: body.sessionType ?? (body.groupID ? GROUP : SINGLE),
		isOnlineOnly: false,
		notOfflinePush: false,
		sendTime: 0,
		offlinePushInfo: null,
		ex: body.ex ?? '',
	};
	try {
		const data = await deliver(emu, m, { operationID, msgFrom: MSG_FROM.user });
		return { errCode: 0, errMsg: '', errDlt: '', data };
	} catch (error) {
		if (!(error instanceof ApiError)) throw error;
		return { errCode: error.code, errMsg: error.msg, errDlt: error.dlt };
	}
}

module.exports.sendAsUser = sendAsUser;
