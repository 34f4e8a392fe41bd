'use strict';
// conversation/* (S:internal/rpc/conversation/conversation.go; §9.13, §9.14). No permission check: any valid token
// reads and sets any owner's conversations.
const { T, req } = require('./common');
const { ApiError, atLeast } = require('../errors');

const SINGLE = 1;
const GROUP = 3;
// The fields set_conversations applies (minSeq and maxSeq are in the proto but ignored).
const SETTABLE = [
	'recvMsgOpt',
	'attachedInfo',
	'ex',
	'isPinned',
	'groupAtType',
	'isMsgDestruct',
	'burnDuration',
];

const conversationReq = T.ptr(
	T.struct('conversation.ConversationReq', [
		['ConversationID', 'conversationID', T.STRING],
		['ConversationType', 'conversationType', T.INT32],
		['UserID', 'userID', T.STRING],
		['GroupID', 'groupID', T.STRING],
		['RecvMsgOpt', 'recvMsgOpt', T.Int32Value],
		['IsPinned', 'isPinned', T.BoolValue],
		['AttachedInfo', 'attachedInfo', T.StringValue],
		['IsPrivateChat', 'isPrivateChat', T.BoolValue],
		['Ex', 'ex', T.StringValue],
		['BurnDuration', 'burnDuration', T.Int32Value],
		['GroupAtType', 'groupAtType', T.Int32Value],
		['IsMsgDestruct', 'isMsgDestruct', T.BoolValue],
	]),
);

const rowsOf = (emu, owner) => [...(emu.state.conversations.get(owner)?.values() ?? [])];

module.exports = {
	'/conversation/get_conversations': {
		params: req('conversation.GetConversationsReq', [
			['OwnerUserID', 'ownerUserID', T.STRING],
			['ConversationIDs', 'conversationIDs', T.STRINGS],
		]),
		check: (p) =>
			p.ownerUserID === ''
				? 'ownerUserID is empty'
				: !p.conversationIDs
					? 'conversationIDs is empty'
					: undefined,
		handle(emu, p) {
			// Unknown IDs are omitted.
			const found = rowsOf(emu, p.ownerUserID).filter((row) =>
				p.conversationIDs.includes(row.conversationID),
			);
			return { conversations: found.length ? found.map((row) => ({ ...row })) : null };
		},
	},

	'/conversation/get_all_conversations': {
		params: req('conversation.GetAllConversationsReq', [['OwnerUserID', 'ownerUserID', T.STRING]]),
		check: (p) => (p.ownerUserID === '' ? 'ownerUserID is empty' : undefined),
		handle(emu, p) {
			const rows = rowsOf(emu, p.ownerUserID);
			return { conversations: rows.length ? rows.map((row) => ({ ...row })) : null };
		},
	},

	'/conversation/set_conversations': {
		params: req('conversation.SetConversationsReq', [
			['UserIDs', 'userIDs', T.STRINGS],
			['Conversation', 'conversation', conversationReq],
		]),
		check(p) {
			if (!p.userIDs) return 'userIDs is empty';
			if (!p.conversation) return 'conversation is empty';
			const c = p.conversation;
			if (c.conversationType === 0) return 'conversationType is invalid';
			if (c.conversationType === SINGLE && c.userID === '') return 'userID is empty';
			return c.conversationType === GROUP && c.groupID === '' ? 'groupID is empty' : undefined;
		},
		handle(emu, p) {
			const c = p.conversation;
			const changes = Object.fromEntries(
				SETTABLE.filter((key) => c[key] !== null).map((key) => [key, c[key]]),
			);
			if (c.isPrivateChat !== null && c.conversationType !== GROUP)
				changes.isPrivateChat = c.isPrivateChat;
			const existing = (owner) => emu.state.conversations.get(owner)?.get(c.conversationID);
			// 3.8.0 and older: one owner without the row is 1004; several get new rows.
			if (!atLeast(emu.version, '3.8.1') && p.userIDs.length === 1 && !existing(p.userIDs[0]))
				throw new ApiError(1004, 'conversation not found');
			// The server never derives the ID, nor checks it against the owner and peer: a new row stores what was sent.
			for (const owner of p.userIDs) {
				const row = emu.state.conversation(owner, {
					conversationID: c.conversationID,
					conversationType: c.conversationType,
					userID: c.userID,
					groupID: c.groupID,
				});
				Object.assign(row, changes);
			}
		},
	},
};
