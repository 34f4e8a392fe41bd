'use strict';
// The 2021 server's message callback (server-notes.md 8.1; S@W:src/api/manage/management_chat.go and
// src/rpc/chat/chat/send_msg.go). With `messagecallback: {callbackSwitch: true, callbackUrl}` every
// send_msg is POSTed to the URL, and the server waits for the answer before it stores the message:
// - no answer (connection refused, timeout: 5 s) → errCode 500 "Internal Server Error", nothing sent;
// - an answer that does not decode → errCode 200 with Go's decoding error, nothing sent;
// - errCode ≠ 0 → the answer's responseErrCode and errMsg, nothing sent;
// - errCode 0 → sent with ResponseResult.modifiedMsg as its content (a hook that does not echo blanks it).
// The HTTP status of the answer is never looked at.
const { bindJSON, h, marshal, struct, INT32, STRING } = require('./gojson');

const TEXT = 101;
// newUserSendMsgReq: the text itself for 101, the JSON of the content map for these, '' for the others.
const JSON_CONTENT_TYPES = new Set([102, 103, 105, 110]);

const ANSWER = struct('chat.MsgCallBackResp', [
	['ErrCode', 'errCode', INT32],
	['ErrMsg', 'errMsg', STRING],
	['ResponseErrCode', 'responseErrCode', INT32],
	[
		'ResponseResult',
		'ResponseResult',
		struct('chat.MsgCallBackResp.ResponseResult', [
			['ModifiedMsg', 'modifiedMsg', STRING],
			['Ext', 'ext', STRING],
		]),
	],
]);

// json.Marshal of a map[string]interface{}: keys sorted at every level.
const goMap = (v) =>
	Array.isArray(v)
		? v.map(goMap)
		: v && typeof v === 'object'
			? h(Object.fromEntries(Object.entries(v).map(([k, e]) => [k, goMap(e)])))
			: v;

function callbackContent(contentType, content) {
	if (contentType === TEXT) return content.text;
	return JSON_CONTENT_TYPES.has(contentType) ? marshal(goMap(content)) : '';
}

/** The stored content after the answer: as received when echoed, else what modifiedMsg says. */
function storedContent(contentType, content, sent, modified) {
	if (modified === sent) return content;
	if (contentType === TEXT) return { text: modified };
	try {
		return JSON.parse(modified);
	} catch {
		return modified;
	}
}

class MessageCallback {
	/** options: { url, timeoutMs = 5000 }; no url = switched off. */
	constructor(options = {}) {
		this.initial = { ...options };
		this.reset();
	}

	reset() {
		this.configure(this.initial);
		// Every callback made: { url, body (the JSON sent), answer (text) | error, time }.
		this.log = [];
	}

	configure({ url, timeoutMs = 5000 } = {}) {
		if (url !== undefined && url !== null && typeof url !== 'string')
			throw new TypeError(`url must be a string, not ${url}`);
		if (typeof timeoutMs !== 'number' || !(timeoutMs > 0))
			throw new TypeError(`timeoutMs must be a positive number, not ${timeoutMs}`);
		this.url = url || undefined;
		this.timeoutMs = timeoutMs;
	}

	get enabled() {
		return this.url !== undefined;
	}

	/** Calls back for one message: { refused: { errCode, errMsg } } or { content } to store. */
	async run(p, sendTime) {
		const sent = callbackContent(p.contentType, p.content);
		// MsgCallBackReq, in its field order; the manager route sends as a user (msgFrom 100) from platform 0.
		const body = marshal({
			sendID: p.sendID,
			recvID: p.recvID,
			content: sent,
			sendTime,
			msgFrom: 100,
			contentType: p.contentType,
			sessionType: p.sessionType,
			senderPlatformID: 0,
		});
		const entry = { url: this.url, body, time: Date.now() };
		this.log.push(entry);
		let text;
		try {
			const res = await fetch(this.url, {
				method: 'POST',
				headers: { 'content-type': 'application/json; charset=utf-8' },
				body,
				signal: AbortSignal.timeout(this.timeoutMs),
			});
			text = await res.text();
		} catch (error) {
			entry.error = error.message;
			return { refused: { errCode: 500, errMsg: 'Internal Server Error' } };
		}
		entry.answer = text;
		const bound = bindJSON(text, ANSWER);
		if (bound.error)
			return {
				refused: {
					errCode: 200,
					errMsg: text.trim() === '' ? 'unexpected end of JSON input' : bound.error,
				},
			};
		const { errCode, errMsg, responseErrCode, ResponseResult } = bound.value;
		if (errCode !== 0) return { refused: { errCode: responseErrCode, errMsg } };
		return { content: storedContent(p.contentType, p.content, sent, ResponseResult.modifiedMsg) };
	}
}

// Its control routes (control.js adds an emulator's `controlRoutes` to the shared ones).
const CONTROL_ROUTES = {
	'POST messagecallback': (emu, { url, timeoutMs }) => (
		emu.messageCallback.configure({ url, timeoutMs }),
		{ ok: true }
	),
	'GET callbacks': (emu) => emu.messageCallback.log,
};

module.exports = { MessageCallback, callbackContent, CONTROL_ROUTES };
