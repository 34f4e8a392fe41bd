'use strict';
// Scheduled faults and latency: what the client sees, and whether the request was processed.
const { useEmulator, call, SECRET, ADMIN } = require('./helpers');

const ctx = useEmulator();
const register = (uid) =>
	call(ctx.emu, '/auth/user_register', { secret: SECRET, platform: 1, uid, name: uid });
const users = () => Object.keys(ctx.emu.snapshot().users);

test('setLatency delays every API response, not the control routes', async () => {
	ctx.emu.setLatency(150);
	const started = Date.now();
	expect((await register('slow')).json.errCode).toBe(0);
	expect(Date.now() - started).toBeGreaterThanOrEqual(140);

	// While an API request waits out a latency longer than any test, a control route answers.
	ctx.emu.setLatency(600_000);
	const answered = [];
	register('held').then(
		() => answered.push('api'),
		() => answered.push('api cut off'),
	);
	while (ctx.emu.requests.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
	const state = await call(ctx.emu, '/__emulator/state', undefined, { method: 'GET' });
	answered.push('control');
	expect(state.status).toBe(200);
	expect(answered).toEqual(['control']);

	ctx.emu.setLatency(0);
	expect(() => ctx.emu.setLatency(-1)).toThrow(TypeError);
});

describe('failNext', () => {
	test('answers with the status and JSON body given, without processing the request', async () => {
		ctx.emu.failNext(1, { status: 503, body: { errCode: 500, errMsg: 'upstream down' } });
		const res = await register('a');
		expect(res.status).toBe(503);
		expect(res.json).toEqual({ errCode: 500, errMsg: 'upstream down' });
		expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(users()).not.toContain('a');
		// The fault is used up; the request was still logged.
		expect((await register('a')).json.errCode).toBe(0);
		expect(ctx.emu.requests.map((r) => r.path)).toEqual([
			'/auth/user_register',
			'/auth/user_register',
		]);
	});

	test('a string body is sent as it is, no body as an empty body', async () => {
		ctx.emu.failNext(1, { status: 502, body: '<html>Bad Gateway</html>' });
		ctx.emu.failNext(1, { status: 500 });
		const first = await register('a');
		expect([first.status, first.text]).toEqual([502, '<html>Bad Gateway</html>']);
		const second = await register('a');
		expect([second.status, second.text, second.headers.get('content-length')]).toEqual([
			500,
			'',
			'0',
		]);
	});

	test('count and path: only the next n requests to that path fail', async () => {
		ctx.emu.failNext(2, { status: 500, body: null, path: '/auth/user_token' });
		expect((await register('a')).status).toBe(200);
		const token = () =>
			call(ctx.emu, '/auth/user_token', { secret: SECRET, platform: 1, uid: 'a' });
		expect((await token()).status).toBe(500);
		expect((await token()).status).toBe(500);
		expect((await token()).status).toBe(200);
	});
});

test('malformedNext: HTTP 200 whose body is not JSON; not processed', async () => {
	ctx.emu.malformedNext(1, { path: '/auth/user_register' });
	const res = await register('a');
	expect(res.status).toBe(200);
	expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
	expect(() => JSON.parse(res.text)).toThrow();
	expect(users()).not.toContain('a');
});

describe('dropNext', () => {
	test("'before': the connection is cut without an answer, and nothing is processed", async () => {
		ctx.emu.dropNext(1);
		await expect(register('a')).rejects.toThrow();
		expect(users()).not.toContain('a');
		expect(ctx.emu.requests).toHaveLength(1);
	});

	test("'after': processed, then the connection dies halfway through the body", async () => {
		ctx.emu.dropNext(1, { path: '/auth/user_register', when: 'after' });
		const res = await fetch(`${ctx.emu.url}/auth/user_register`, {
			method: 'POST',
			body: JSON.stringify({ secret: SECRET, platform: 1, uid: 'a', name: 'a' }),
		});
		expect(res.status).toBe(200);
		await expect(res.text()).rejects.toThrow();
		// The side effect happened: a retry would find the user registered.
		expect(users()).toContain('a');
		expect((await register('a')).status).toBe(500);
	});

	test('an unknown `when` is refused', () => {
		expect(() => ctx.emu.dropNext(1, { when: 'during' })).toThrow(TypeError);
	});
});

describe('hangNext', () => {
	test("'before': never answered, the client times out; stop() still closes", async () => {
		ctx.emu.hangNext(1, { path: '/auth/user_register' });
		await expect(
			call(
				ctx.emu,
				'/auth/user_register',
				{ secret: SECRET, platform: 1, uid: 'a', name: 'a' },
				{ signal: AbortSignal.timeout(200) },
			),
		).rejects.toThrow(/timeout|aborted/i);
		expect(users()).not.toContain('a');

		ctx.emu.hangNext(1);
		const hung = fetch(`${ctx.emu.url}/auth/user_token`, { method: 'POST', body: '{}' }).catch(
			(e) => e,
		);
		while (ctx.emu.requests.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
		await ctx.emu.stop(); // were the hung socket left open, this would wait for the jest timeout
		// fetch's errors come from another realm than jest's: compare the message, not the class.
		expect((await hung).message).toBe('fetch failed');
	});

	test("'after': processed, never answered", async () => {
		ctx.emu.hangNext(1, { when: 'after' });
		const body = { secret: SECRET, platform: 1, uid: 'a', name: 'a' };
		await expect(
			call(ctx.emu, '/auth/user_register', body, { signal: AbortSignal.timeout(200) }),
		).rejects.toThrow(/timeout|aborted/i);
		expect(users()).toContain('a');
	});
});

describe('hold', () => {
	const until = async (check) => {
		while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
	};

	test('holds requests to its path, logged and not processed, until release; other paths go on', async () => {
		const held = ctx.emu.hold({ path: 'auth/user_register' });
		const events = [];
		const first = register('a').then((res) => events.push(`a ${res.json.errCode}`));
		const second = register('b').then((res) => events.push(`b ${res.json.errCode}`));
		await until(() => held.waiting === 2);
		expect(ctx.emu.requests.map((r) => r.body.uid)).toEqual(['a', 'b']);
		const token = await call(ctx.emu, '/auth/user_token', {
			secret: SECRET,
			platform: 1,
			uid: ADMIN,
		});
		expect(token.json.errCode).toBe(0);
		expect(users()).not.toContain('a');
		expect(users()).not.toContain('b');
		expect(events).toEqual([]);

		held.release();
		await Promise.all([first, second]);
		expect(events.sort()).toEqual(['a 0', 'b 0']);
		expect(held.waiting).toBe(0);
		expect((await register('c')).json.errCode).toBe(0); // released for good
		expect(users()).toEqual(expect.arrayContaining(['a', 'b', 'c']));
	});

	test('stop() closes a held request unanswered', async () => {
		const held = ctx.emu.hold();
		const hung = register('a').catch((e) => e);
		await until(() => held.waiting === 1);
		await ctx.emu.stop(); // were the held socket left open, this would wait for the jest timeout
		expect((await hung).message).toBe('fetch failed');
		expect(users()).not.toContain('a');
	});
});

test('control routes are never faulted, and faults wait for an API request', async () => {
	ctx.emu.failNext(1, { status: 500 });
	const state = await call(ctx.emu, '/__emulator/state', undefined, { method: 'GET' });
	expect(state.status).toBe(200);
	expect((await register('a')).status).toBe(500);
	expect((await register('a')).status).toBe(200);
});
