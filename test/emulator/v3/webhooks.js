'use strict';
// Real webhook calls for the 3.x emulator: the `emu.hooks` interface (README: Hooks) driven by webhooks.yml-like
// settings, posting the way the server does (server-api-v3.md 4.1-4.3; S:pkg/common/webhook/http_client.go):
// - POST `<url>/<callbackCommand>`, `Content-Type: application/json; charset=utf-8`, header `operationID`,
//   the body's JSON with a trailing newline; `timeout` seconds per event (default 5), capped at 15 s;
// - before-events wait for the answer: actionCode 0 with nextCode 1 refuses the API call with the answer's
//   errCode (500 when it is 0), errMsg and errDlt; no answer or a timeout → 90004 NetworkError, an answer
//   that does not decode → 90007 DataError (both refuse: failedContinue is not read since 3.7); any other
//   JSON allows, and its non-null fields go back to the caller (the modifying events use them);
// - after-events go to a queue of 2 workers holding up to 100 calls (the server waits 3 s for a free slot,
//   then drops the event; here a full queue drops at once), their answers are ignored;
// - the four message events honour allowedTypes / deniedTypes ("101", "100-199"), the after ones attentionIds;
// - the HTTP status of an answer is never read.
//
// Settings: { url, <webhooks.yml key>: { enable, timeout, allowedTypes, deniedTypes, attentionIds }, ... },
// plus the shorthand `enable: ['afterSendSingleMsg', ...]` (or '*'). Set them with the emulator option
// `webhooks`, `emu.webhooks.configure(settings)` or POST /__emulator/webhooks; reset() returns to the option.
const { decodeJSON, marshal, struct, INT32, STRING } = require('../gojson');

const CLIENT_TIMEOUT_S = 15;
const WORKERS = 2;
const BUFFER = 100;
const TYPE_FILTERED = new Set([
	'beforeSendSingleMsg',
	'beforeSendGroupMsg',
	'beforeMsgModify',
	'afterSendSingleMsg',
	'afterSendGroupMsg',
]);
const ATTENTION = new Set(['afterSendSingleMsg', 'afterSendGroupMsg']);
// Commands whose webhooks.yml key is not callback<Key>Command with the prefix and suffix cut.
const KEY_OF = {
	afterDisMissGroup: 'afterDismissGroup',
	afterKickGroup: 'afterKickGroupMember',
	beforeMembersJoinGroup: 'beforeMemberJoinGroup',
	beforeInviteJoinGroup: 'beforeInviteUserToGroup',
	beforeJoinGroup: 'beforeApplyJoinGroup',
	beforeAfterMsg: 'afterRevokeMsg',
};

const ANSWER = struct('callbackstruct.CommonCallbackResp', [
	['ActionCode', 'actionCode', INT32],
	['ErrCode', 'errCode', INT32],
	['ErrMsg', 'errMsg', STRING],
	['ErrDlt', 'errDlt', STRING],
	['NextCode', 'nextCode', INT32],
]);

function keyOf(command) {
	const bare = command.replace(/^callback/, '').replace(/Command$/, '');
	const key = bare[0].toLowerCase() + bare.slice(1);
	return KEY_OF[key] ?? key;
}

/** "101", "100-199" (webhooks.yml's type lists) → does contentType match any of them. */
function inTypes(list, contentType) {
	return list.some((entry) => {
		const [low, high = low] = String(entry).split('-').map(Number);
		return contentType >= low && contentType <= high;
	});
}

class Webhooks {
	constructor(settings = {}) {
		this.initial = settings;
		this.waiting = [];
		this.active = 0;
		this.pending = new Set();
		this.reset();
		// The hooks interface, bound so that `emu.hooks = emu.webhooks` works as it is.
		this.before = this.before.bind(this);
		this.after = this.after.bind(this);
	}

	reset() {
		this.configure(this.initial);
		// Every call: { kind: 'before' | 'after', command, url, body (the JSON sent), answer (text) | error, time }.
		this.log = [];
		this.dropped = 0;
	}

	configure(settings = {}) {
		const { url, enable, ...events } = settings;
		if (url !== undefined && url !== null && typeof url !== 'string')
			throw new TypeError(`url must be a string, not ${url}`);
		for (const [key, block] of Object.entries(events)) {
			if (!block || typeof block !== 'object')
				throw new TypeError(`${key} must be an object like { enable: true, timeout: 5 }`);
		}
		const shorthand =
			enable === '*'
				? { '*': { enable: true } }
				: Object.fromEntries((enable ?? []).map((key) => [key, { enable: true }]));
		this.url = url ? url.replace(/\/+$/, '') : undefined;
		this.events = { ...shorthand, ...events };
	}

	/** The event's settings when it is enabled and the body passes its filters, else undefined. */
	settingsFor(command, body) {
		const key = keyOf(command);
		const block = this.events[key] ?? this.events['*'];
		if (!this.url || !block?.enable) return undefined;
		if (TYPE_FILTERED.has(key)) {
			if (block.allowedTypes?.length && !inTypes(block.allowedTypes, body.contentType))
				return undefined;
			if (block.deniedTypes?.length && inTypes(block.deniedTypes, body.contentType))
				return undefined;
		}
		if (
			ATTENTION.has(key) &&
			block.attentionIds?.length &&
			!block.attentionIds.some((id) => id === body.sendID || id === body.recvID)
		)
			return undefined;
		return block;
	}

	async post(kind, command, body, block) {
		const url = `${this.url}/${command}`;
		const raw = `${marshal(body)}\n`;
		const entry = { kind, command, url, body: raw, time: Date.now() };
		this.log.push(entry);
		const seconds = Math.min(block.timeout ?? 5, CLIENT_TIMEOUT_S);
		try {
			const res = await fetch(url, {
				method: 'POST',
				headers: {
					'content-type': 'application/json; charset=utf-8',
					operationID: String(body.operationID ?? ''),
				},
				body: raw,
				signal: AbortSignal.timeout(seconds * 1000),
			});
			entry.answer = await res.text();
		} catch (error) {
			entry.error = error.message;
			return { errCode: 90004, errMsg: 'NetworkError', errDlt: `${error.message} post url=${url}` };
		}
		// json.Unmarshal: the whole answer must be one JSON value of the right field types.
		let fields;
		try {
			fields = JSON.parse(entry.answer);
		} catch {
			fields = undefined;
		}
		const decoded =
			fields === undefined
				? {
						error:
							decodeJSON(entry.answer, ANSWER).error ?? 'invalid character after top-level value',
					}
				: decodeJSON(entry.answer, ANSWER);
		if (decoded.error)
			return {
				errCode: 90007,
				errMsg: 'DataError',
				errDlt: `${decoded.error} response format error`,
			};
		const { actionCode, errCode, errMsg, errDlt, nextCode } = decoded.value;
		if (actionCode === 0 && nextCode === 1) return { errCode: errCode || 500, errMsg, errDlt };
		// Allowed: what else the answer says (a modifying event's new fields), without the codes.
		if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return undefined;
		for (const key of ['actionCode', 'errCode', 'errMsg', 'errDlt', 'nextCode']) delete fields[key];
		return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null));
	}

	async before(command, body) {
		const block = this.settingsFor(command, body);
		return block ? this.post('before', command, body, block) : undefined;
	}

	after(command, body) {
		const block = this.settingsFor(command, body);
		if (!block) return;
		if (this.waiting.length >= BUFFER) {
			this.dropped += 1;
			return;
		}
		this.waiting.push(() => this.post('after', command, body, block));
		this.drain();
	}

	drain() {
		while (this.active < WORKERS && this.waiting.length) {
			const job = this.waiting.shift();
			this.active += 1;
			const run = job().finally(() => {
				this.active -= 1;
				this.pending.delete(run);
				this.drain();
			});
			this.pending.add(run);
		}
	}

	/** Resolves once every queued after-event has been posted and answered (for tests). */
	async settled() {
		while (this.pending.size || this.waiting.length) await Promise.allSettled([...this.pending]);
	}
}

const WEBHOOK_ROUTES = {
	'POST webhooks': (emu, settings) => (emu.webhooks.configure(settings), { ok: true }),
	'GET webhooks': (emu) => ({
		url: emu.webhooks.url ?? null,
		events: emu.webhooks.events,
		log: emu.webhooks.log,
		dropped: emu.webhooks.dropped,
	}),
};

module.exports = { Webhooks, WEBHOOK_ROUTES, keyOf };
