'use strict';
// The 2021 message callback: what the emulator posts, and how it reads the answer (callback.js).
const http = require('node:http');
const { useEmulator, call, adminToken, ADMIN } = require('./helpers');

/** A callback receiver on a random port; `answer(body)` returns { status, text } or null to hang up. */
async function receiver(answer) {
	const seen = [];
	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (c) => (raw += c));
		req.on('end', () => {
			seen.push({ headers: req.headers, raw });
			const reply = answer(raw);
			if (!reply) return req.socket.destroy();
			res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
			res.end(reply.text);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}/msg/judge`,
		seen,
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

const echo = (raw) => ({
	text: JSON.stringify({
		errCode: 0,
		errMsg: '',
		ResponseResult: {
			modifiedMsg: JSON.parse(raw.replace(/"sendTime":(\d+)/, '"sendTime":"$1"')).content,
		},
	}),
});

const ctx = useEmulator();
let hook;
afterEach(() => hook?.close());

async function send(content, contentType = 101) {
	const token = await adminToken(ctx.emu);
	return call(
		ctx.emu,
		'/manager/send_msg',
		{ operationID: 'op', sendID: 'alice', recvID: 'bob', content, contentType, sessionType: 1 },
		{ token },
	);
}

test('off by default: no callback, the message is stored', async () => {
	expect((await send({ text: 'hi' })).json.errCode).toBe(0);
	expect(ctx.emu.messageCallback.log).toEqual([]);
	expect(ctx.emu.snapshot().messages).toHaveLength(1);
});

test('posts the message as MsgCallBackReq (text content as a bare string, sendTime in ns) and stores the echoed content', async () => {
	hook = await receiver(echo);
	ctx.emu.messageCallback.configure({ url: hook.url });
	const res = await send({ text: 'hi <there> & 😀' });
	expect(res.json.errCode).toBe(0);
	const [{ raw, headers }] = hook.seen;
	expect(headers['content-type']).toBe('application/json; charset=utf-8');
	expect(raw).toMatch(
		/^\{"sendID":"alice","recvID":"bob","content":"hi \\u003cthere\\u003e \\u0026 😀","sendTime":\d{19},"msgFrom":100,"contentType":101,"sessionType":1,"senderPlatformID":0\}$/,
	);
	expect(raw).toContain(`"sendTime":${res.text.match(/"sendTime":(\d+)/)[1]}`);
	expect(ctx.emu.snapshot().messages[0].content).toEqual({ text: 'hi <there> & 😀' });
	expect(ctx.emu.messageCallback.log).toEqual([
		{ url: hook.url, body: raw, answer: expect.any(String), time: expect.any(Number) },
	]);
});

test('a picture goes as the JSON of its content map, keys sorted', async () => {
	hook = await receiver(echo);
	ctx.emu.messageCallback.configure({ url: hook.url });
	const picture = { type: 'png', url: 'https://example.com/a.png', size: 1, width: 2, height: 3 };
	expect(
		(await send({ sourcePicture: picture, bigPicture: picture, snapshotPicture: picture }, 102))
			.json.errCode,
	).toBe(0);
	expect(JSON.parse(hook.seen[0].raw).content).toBe(
		'{"bigPicture":{"height":3,"size":1,"type":"png","url":"https://example.com/a.png","width":2},"snapshotPicture":{"height":3,"size":1,"type":"png","url":"https://example.com/a.png","width":2},"sourcePicture":{"height":3,"size":1,"type":"png","url":"https://example.com/a.png","width":2}}',
	);
});

test('a changed modifiedMsg replaces the content; an answer without one blanks it', async () => {
	hook = await receiver((raw) => ({
		text: raw.includes('censor')
			? '{"errCode":0,"ResponseResult":{"modifiedMsg":"***"}}'
			: '{"errCode":0}',
	}));
	ctx.emu.messageCallback.configure({ url: hook.url });
	await send({ text: 'censor me' });
	await send({ text: 'hello' });
	expect(ctx.emu.snapshot().messages.map((m) => m.content)).toEqual([
		{ text: '***' },
		{ text: '' },
	]);
});

test.each([
	[
		'errCode ≠ 0',
		{ text: '{"errCode":1,"errMsg":"blocked","responseErrCode":5001}' },
		5001,
		'blocked',
	],
	[
		'not JSON',
		{ text: '<html>oops</html>' },
		200,
		"invalid character '<' looking for beginning of value",
	],
	['an empty answer', { text: '' }, 200, 'unexpected end of JSON input'],
	[
		'a mistyped field',
		{ text: '{"errCode":"0"}' },
		200,
		'json: cannot unmarshal string into Go struct field MsgCallBackResp.errCode of type int32',
	],
	['no answer (connection closed)', null, 500, 'Internal Server Error'],
])(
	'%s: the message is refused with the errCode and not stored',
	async (_, reply, errCode, errMsg) => {
		hook = await receiver(() => reply);
		ctx.emu.messageCallback.configure({ url: hook.url });
		const res = await send({ text: 'hi' });
		expect(res.json).toMatchObject({ errCode, errMsg, sendTime: 0 });
		expect(res.json.msgID).toMatch(/^[0-9a-f]{32}$/);
		expect(ctx.emu.snapshot().messages).toEqual([]);
	},
);

test('the HTTP status of the answer is not read: a 500 that echoes still sends', async () => {
	hook = await receiver((raw) => ({ ...echo(raw), status: 500 }));
	ctx.emu.messageCallback.configure({ url: hook.url });
	expect((await send({ text: 'hi' })).json.errCode).toBe(0);
	expect(ctx.emu.snapshot().messages).toHaveLength(1);
});

test('set by the control route and the constructor option; reset() returns to the option', async () => {
	hook = await receiver(echo);
	expect(
		(await call(ctx.emu, '/__emulator/messagecallback', { url: hook.url, timeoutMs: 2000 })).json,
	).toEqual({ ok: true });
	await send({ text: 'hi' });
	expect(
		(await call(ctx.emu, '/__emulator/callbacks', undefined, { method: 'GET' })).json,
	).toHaveLength(1);
	expect((await call(ctx.emu, '/__emulator/messagecallback', { timeoutMs: -1 })).status).toBe(400);
	ctx.emu.reset();
	expect(ctx.emu.messageCallback.enabled).toBe(false);
	expect(ctx.emu.messageCallback.log).toEqual([]);

	const { OpenImEmulator } = require('./index');
	const other = new OpenImEmulator({ messageCallback: { url: hook.url } });
	other.reset();
	expect(other.messageCallback.enabled).toBe(true);
	expect(ADMIN).toBe(other.config.adminUid);
});
