'use strict';
// webhooks.js: the 3.x emulator calls a webhook receiver the way the server does and honours its answers.
const http = require('node:http');
const { useEmulator, call, adminClient, register, ok } = require('./helpers');
const { keyOf } = require('./webhooks');

/** A receiver on a random port; `answer(command, body)` returns { text, delayMs } or null to hang up. */
async function receiver(
	answer = () => ({ text: '{"actionCode":0,"errCode":0,"errMsg":"","nextCode":0}' }),
) {
	const seen = [];
	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (c) => (raw += c));
		req.on('end', async () => {
			const command = req.url.split('/').pop();
			seen.push({ path: req.url, command, headers: req.headers, raw });
			const reply = answer(command, JSON.parse(raw));
			if (!reply) return req.socket.destroy();
			if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
			if (res.destroyed) return;
			res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
			res.end(reply.text);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}/openim`,
		seen,
		close: () => new Promise((r) => (server.closeAllConnections(), server.close(r))),
	};
}

const ctx = useEmulator();
let hook;
afterEach(() => hook?.close());
const send = (body) =>
	call(ctx.emu, '/__emulator/app/send', {
		sendID: 'alice',
		recvID: 'bob',
		content: { content: 'hi bob' },
		...body,
	});

async function users() {
	const { token } = await adminClient(ctx.emu);
	await register(ctx.emu, token, 'alice', 'bob');
}

test('keyOf: the webhooks.yml key of a command, the odd names included', () => {
	expect(keyOf('callbackAfterSendSingleMsgCommand')).toBe('afterSendSingleMsg');
	expect(keyOf('callbackBeforeAfterMsgCommand')).toBe('afterRevokeMsg');
	expect(keyOf('callbackAfterKickGroupCommand')).toBe('afterKickGroupMember');
	expect(keyOf('callbackBeforeMembersJoinGroupCommand')).toBe('beforeMemberJoinGroup');
});

test('nothing is called without a url or for events not enabled', async () => {
	await users();
	hook = await receiver();
	ctx.emu.webhooks.configure({ enable: ['afterSendSingleMsg'] });
	expect((await send()).json.errCode).toBe(0);
	ctx.emu.webhooks.configure({ url: hook.url, enable: ['afterUserOnline'] });
	expect((await send()).json.errCode).toBe(0);
	await ctx.emu.webhooks.settled();
	expect(hook.seen).toEqual([]);
});

test('POST <url>/<command> with JSON, a trailing newline and the operationID header; after-events after the answer', async () => {
	await users();
	hook = await receiver();
	ctx.emu.webhooks.configure({
		url: `${hook.url}/`,
		enable: ['beforeSendSingleMsg', 'afterSendSingleMsg'],
	});
	expect((await send()).json).toEqual(ok(expect.any(Object)));
	await ctx.emu.webhooks.settled();
	expect(hook.seen.map((s) => s.path)).toEqual([
		'/openim/callbackBeforeSendSingleMsgCommand',
		'/openim/callbackAfterSendSingleMsgCommand',
	]);
	const [before] = hook.seen;
	expect(before.headers).toMatchObject({
		'content-type': 'application/json; charset=utf-8',
		operationid: JSON.parse(before.raw).operationID,
	});
	expect(before.headers.operationid).toBeTruthy();
	expect(before.raw.endsWith('}\n')).toBe(true);
	expect(JSON.parse(before.raw)).toMatchObject({
		callbackCommand: 'callbackBeforeSendSingleMsgCommand',
		sendID: 'alice',
		recvID: 'bob',
		msgFrom: 100,
		contentType: 101,
		content: '{"content":"hi bob"}',
	});
	expect(ctx.emu.webhooks.log.map((e) => e.kind)).toEqual(['before', 'after']);
});

test.each([
	[
		'a deny (nextCode 1)',
		() => ({
			text: '{"actionCode":0,"nextCode":1,"errCode":5001,"errMsg":"no spam","errDlt":"rule 7"}',
		}),
		{ errCode: 5001, errMsg: 'no spam', errDlt: 'rule 7' },
	],
	[
		'a deny without errCode',
		() => ({ text: '{"nextCode":1,"errMsg":"no"}' }),
		{ errCode: 500, errMsg: 'no' },
	],
	[
		'an answer that is not JSON',
		() => ({ text: '<html>down</html>' }),
		{ errCode: 90007, errMsg: 'DataError' },
	],
	[
		'an answer of the wrong shape',
		() => ({ text: '{"nextCode":"1"}' }),
		{ errCode: 90007, errMsg: 'DataError' },
	],
	['no answer', () => null, { errCode: 90004, errMsg: 'NetworkError' }],
	[
		'an answer after the timeout',
		() => ({ text: '{}', delayMs: 1500 }),
		{ errCode: 90004, errMsg: 'NetworkError' },
	],
])(
	'before-event, %s: the caller gets the refusal and nothing is sent',
	async (_, answer, refusal) => {
		await users();
		hook = await receiver(answer);
		ctx.emu.webhooks.configure({
			url: hook.url,
			beforeSendSingleMsg: { enable: true, timeout: 0.5 },
		});
		const res = await send();
		expect(res.json).toMatchObject(refusal);
		expect(ctx.emu.snapshot().messages).toEqual([]);
	},
);

test.each([
	['{}'],
	['{"actionCode":1,"errCode":1}'],
	['{"message":"Error in workflow"}'],
	['null'],
])('before-event answered %s: allowed', async (text) => {
	await users();
	hook = await receiver(() => ({ text, status: 500 }));
	ctx.emu.webhooks.configure({ url: hook.url, enable: ['beforeSendSingleMsg'] });
	expect((await send()).json.errCode).toBe(0);
	expect(ctx.emu.snapshot().messages).toHaveLength(1);
});

test("beforeMsgModify: the answer's content replaces the message's", async () => {
	await users();
	hook = await receiver((command) => ({
		text:
			command === 'callbackBeforeMsgModifyCommand'
				? '{"actionCode":0,"errCode":0,"nextCode":0,"content":"{\\"content\\":\\"***\\"}"}'
				: '{}',
	}));
	ctx.emu.webhooks.configure({ url: hook.url, enable: ['beforeMsgModify'] });
	expect((await send({ content: { content: 'rude words' } })).json.errCode).toBe(0);
	expect(ctx.emu.snapshot().messages[0].content).toBe('{"content":"***"}');
});

test('after-events: answers ignored, type filters and attentionIds honoured', async () => {
	await users();
	hook = await receiver(() => null);
	ctx.emu.webhooks.configure({
		url: hook.url,
		afterSendSingleMsg: { enable: true, allowedTypes: ['101'], attentionIds: ['carol', 'bob'] },
	});
	expect((await send()).json.errCode).toBe(0);
	expect((await send({ contentType: 110, content: { data: 'x' } })).json.errCode).toBe(0);
	ctx.emu.webhooks.configure({
		url: hook.url,
		afterSendSingleMsg: { enable: true, attentionIds: ['carol'] },
	});
	expect((await send()).json.errCode).toBe(0);
	await ctx.emu.webhooks.settled();
	expect(hook.seen.map((s) => JSON.parse(s.raw).contentType)).toEqual([101]);
	expect(ctx.emu.snapshot().messages).toHaveLength(3);
});

test('the control route sets and shows the settings; reset() goes back to the constructor option', async () => {
	hook = await receiver();
	expect(
		(await call(ctx.emu, '/__emulator/webhooks', { url: hook.url, enable: '*' })).json,
	).toEqual({ ok: true });
	expect(
		(await call(ctx.emu, '/__emulator/webhooks', undefined, { method: 'GET' })).json,
	).toMatchObject({ url: hook.url, events: { '*': { enable: true } }, log: [], dropped: 0 });
	expect((await call(ctx.emu, '/__emulator/webhooks', { url: 5 })).status).toBe(400);
	ctx.emu.reset();
	expect(ctx.emu.webhooks.url).toBeUndefined();

	const { OpenImV3Emulator } = require('./index');
	const other = new OpenImV3Emulator({ webhooks: { url: hook.url, enable: ['afterUserOnline'] } });
	other.reset();
	expect(other.webhooks.url).toBe(hook.url);
	expect(other.webhooks.events).toEqual({ afterUserOnline: { enable: true } });
});
