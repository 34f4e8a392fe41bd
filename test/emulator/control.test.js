'use strict';
// The module API's bookkeeping (requests, snapshot, reset, seed) and the same controls over HTTP.
const { OpenImEmulator } = require('./index');
const { SEED_GROUP_ID } = require('./state');
const { useEmulator, call, adminToken, SECRET, ADMIN } = require('./helpers');

const ctx = useEmulator();
const get = (what) => call(ctx.emu, `/__emulator/${what}`, undefined, { method: 'GET' });
const post = (what, body) => call(ctx.emu, `/__emulator/${what}`, body);
const register = (uid) =>
	call(ctx.emu, '/auth/user_register', { secret: SECRET, platform: 1, uid, name: uid });

describe('module API', () => {
	test('start() resolves to the emulator, with its url and port', () => {
		expect(ctx.emu.url).toBe(`http://127.0.0.1:${ctx.emu.port}`);
		expect(ctx.emu.port).toBeGreaterThan(0);
	});

	test('requests: every API request in order, with lower-case headers, raw and parsed body', async () => {
		await call(
			ctx.emu,
			'/auth/user_token',
			{ secret: SECRET, platform: 8, uid: ADMIN },
			{ headers: { 'X-Trace': 'abc' } },
		);
		await call(ctx.emu, '/nowhere', undefined, { raw: 'not json', token: 't' });
		await get('state');

		expect(ctx.emu.requests).toEqual([
			{
				method: 'POST',
				path: '/auth/user_token',
				headers: expect.objectContaining({ 'x-trace': 'abc', 'content-type': 'application/json' }),
				rawBody: JSON.stringify({ secret: SECRET, platform: 8, uid: ADMIN }),
				body: { secret: SECRET, platform: 8, uid: ADMIN },
				time: expect.any(Number),
			},
			{
				method: 'POST',
				path: '/nowhere',
				headers: expect.objectContaining({ token: 't' }),
				rawBody: 'not json',
				body: undefined,
				time: expect.any(Number),
			},
		]);
	});

	test('snapshot() is a deep copy', async () => {
		await register('a');
		const snap = ctx.emu.snapshot();
		snap.users.a.name = 'changed';
		delete snap.users[ADMIN];
		expect(ctx.emu.snapshot().users.a.name).toBe('a');
		expect(Object.keys(ctx.emu.snapshot())).toEqual([
			'users',
			'tokens',
			'groups',
			'friends',
			'blacklist',
			'messages',
		]);
	});

	test('reset() clears state, log and faults, and registers the admin again', async () => {
		const token = await adminToken(ctx.emu);
		await register('a');
		ctx.emu.failNext(1, { status: 500 });
		ctx.emu.setLatency(50);
		ctx.emu.reset();

		expect(ctx.emu.snapshot()).toEqual({
			users: { [ADMIN]: expect.objectContaining({ uid: ADMIN }) },
			tokens: [],
			groups: {},
			friends: {},
			blacklist: {},
			messages: [],
		});
		expect(ctx.emu.requests).toEqual([]);
		const res = await register('a');
		expect(res.status).toBe(200);
		// Tokens issued before a reset stay valid, as W never revoked tokens.
		expect(
			(await call(ctx.emu, '/manager/get_all_users_uid', { operationID: '1' }, { token })).json
				.uidList,
		).toEqual([ADMIN, 'a']);
	});

	test('seed: three demo users and a group owned by alice; kept by reset()', async () => {
		const emu = await new OpenImEmulator({ seed: true }).start();
		try {
			const check = () => {
				const { users, groups } = emu.snapshot();
				expect(Object.keys(users)).toEqual([ADMIN, 'alice', 'bob', 'carol']);
				expect(groups[SEED_GROUP_ID]).toMatchObject({ groupName: 'Demo group', ownerUid: 'alice' });
				expect(Object.keys(groups[SEED_GROUP_ID].members)).toEqual(['alice', 'bob', 'carol']);
			};
			check();
			emu.reset();
			check();
			emu.seed();
			check();
		} finally {
			await emu.stop();
		}
	});

	test('a custom secret and admin uid', async () => {
		const emu = await new OpenImEmulator({ secret: 's3cret', adminUid: 'boss' }).start();
		try {
			expect(
				(await call(emu, '/auth/user_token', { secret: 's3cret', platform: 8, uid: 'boss' })).json
					.errCode,
			).toBe(0);
			expect(
				(await call(emu, '/auth/user_token', { secret: 'tuoyun', platform: 8, uid: 'boss' })).json
					.errCode,
			).toBe(401);
		} finally {
			await emu.stop();
		}
	});

	test('the port is refused when taken', async () => {
		await expect(new OpenImEmulator({ port: ctx.emu.port }).start()).rejects.toThrow(/EADDRINUSE/);
	});
});

describe(`control routes under /__emulator/`, () => {
	test('GET state and GET requests; control requests are not logged', async () => {
		await register('a');
		const state = await get('state');
		expect(state.json).toEqual(ctx.emu.snapshot());
		const requests = await get('requests');
		expect(requests.json.map((r) => r.path)).toEqual(['/auth/user_register']);
		expect(ctx.emu.requests).toHaveLength(1);
	});

	test('POST reset, seed, latency, expire-tokens', async () => {
		const token = await adminToken(ctx.emu);
		await register('a');
		expect((await post('reset')).json).toEqual({ ok: true });
		expect(Object.keys(ctx.emu.snapshot().users)).toEqual([ADMIN]);

		await post('seed');
		expect(Object.keys(ctx.emu.snapshot().users)).toEqual([ADMIN, 'alice', 'bob', 'carol']);

		await post('latency', { ms: 120 });
		const started = Date.now();
		await register('b');
		expect(Date.now() - started).toBeGreaterThanOrEqual(110);
		await post('latency', { ms: 0 });

		await post('expire-tokens');
		const res = await call(
			ctx.emu,
			'/user/update_user_info',
			{ operationID: '1', uid: 'b', name: 'x' },
			{ token },
		);
		expect(res.json).toEqual({ errCode: 200, errMsg: 'token is timed out, please log in again' });
	});

	test('POST fail, malformed, drop, hang schedule faults', async () => {
		await post('fail', {
			count: 1,
			status: 429,
			body: { errCode: 429 },
			path: '/auth/user_register',
		});
		expect((await register('a')).status).toBe(429);

		await post('malformed', { path: 'auth/user_register' });
		expect((await register('a')).json).toBeUndefined();

		await post('drop', { count: 1, when: 'after' });
		await expect(register('a')).rejects.toThrow();
		expect(Object.keys(ctx.emu.snapshot().users)).toContain('a');

		await post('hang', { path: '/auth/user_token' });
		await expect(
			call(
				ctx.emu,
				'/auth/user_token',
				{ secret: SECRET, platform: 1, uid: 'a' },
				{ signal: AbortSignal.timeout(150) },
			),
		).rejects.toThrow(/timeout|aborted/i);
	});

	test('unknown routes, bad bodies and bad values → 404 / 400 with a message', async () => {
		const unknown = await post('nope');
		expect(unknown.status).toBe(404);
		expect(unknown.json.routes).toContain('POST reset');
		expect((await get('reset')).status).toBe(404);

		const badJson = await call(ctx.emu, '/__emulator/fail', undefined, { raw: '{oops' });
		expect([badJson.status, badJson.json.error]).toEqual([400, expect.stringMatching(/not JSON/)]);
		expect((await post('drop', { when: 'sometime' })).status).toBe(400);
		expect((await post('fail', { status: 'teapot' })).status).toBe(400);
		expect((await post('latency', { ms: 'slow' })).status).toBe(400);
		expect(ctx.emu.faults.pending).toEqual([]);
	});
});
