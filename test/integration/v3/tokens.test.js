// The admin token on 3.x: one fetch for a run, the fallback of servers before 3.8.1, refresh on 15xx,
// and tokens that 3.x writes into error details never reaching an output, an error or a log.
const { OpenImV3Emulator } = require('../../emulator/v3');
const { CredentialStore, runWorkflow } = require('../harness');
const { useOpenImV3, loadV3Package, SECRET, ADMIN } = require('./context');

const env = useOpenImV3();
const json = (res) => res.items.map((item) => item.json);

describe('3.x admin token', () => {
	it('is fetched once for many items and kept for the next run', async () => {
		const store = env.store();
		const items = Array.from({ length: 20 }, (_, i) => ({ json: { uid: `u${i}` } }));
		await env.run(
			{
				resource: 'user',
				operation: 'register',
				uid: '={{ $json.uid }}',
				name: 'N',
				options: { concurrency: 4 },
			},
			items,
			{ store },
		);
		await env.run({ resource: 'user', operation: 'get', uidList: 'u1' }, [{ json: {} }], { store });
		expect(env.requests('auth/get_admin_token')).toHaveLength(1);
		expect(store.preAuthCalls).toBe(1);
		expect(env.requests('user/user_register')).toHaveLength(20);
	});

	it('is fetched again once when the server answers 1501, and the request is sent again', async () => {
		const store = env.store();
		await env.register('u1');
		await env.run({ resource: 'user', operation: 'get', uidList: 'u1' }, [{ json: {} }], { store });
		const before = store.data.token;
		env.emu.expireAllTokens();
		env.emu.requests.length = 0;
		const res = await env.run(
			{ resource: 'user', operation: 'get', uidList: 'u1' },
			[{ json: {} }, { json: {} }],
			{ store },
		);
		expect(res.status).toBe('success');
		expect(json(res)).toEqual([
			expect.objectContaining({ userID: 'u1' }),
			expect.objectContaining({ userID: 'u1' }),
		]);
		expect(env.requests('auth/get_admin_token')).toHaveLength(1);
		const gets = env.requests('user/get_users_info');
		expect(gets.map((request) => request.answer.errCode)).toEqual([1501, 0, 0]);
		expect(gets[0].headers.token).toBe(before);
		expect(store.data.token).toBe(gets[1].headers.token);
		expect(store.updates).toHaveLength(2);
		env.expectNoSecrets(res);
	});

	it('gives up after one refresh, without the token that 3.x puts into the detail', async () => {
		const store = env.store();
		await env.register('u1');
		await env.run({ resource: 'user', operation: 'get', uidList: 'u1' }, [{ json: {} }], { store });
		const body = () => ({
			errCode: 1505,
			errMsg: 'signature is invalid',
			errDlt: `jwt parse error, token=${store.data.token}`,
		});
		env.emu.failNext(2, { status: 200, path: '/user/update_user_info_ex', body: body() });
		const failed = await env.run(
			{ resource: 'user', operation: 'update', uid: 'u1', additionalFields: { name: 'y' } },
			[{ json: {} }],
			{ store, continueOnFail: true },
		);
		expect(json(failed)[0]).toMatchObject({
			error: 'OpenIM rejected the admin token (errCode 1505)',
			errCode: 1505,
		});
		expect(json(failed)[0].description).toMatch(/token=\[token\]/);
		expect(env.requests('user/update_user_info_ex')).toHaveLength(2);
		env.expectNoSecrets(failed);
		const stopped = await env.run(
			{ resource: 'user', operation: 'get', uidList: 'u1' },
			[{ json: {} }],
			{ store },
		);
		expect(stopped.status).toBe('success');
	});

	it('keeps a token of an expired JWT out of the error when the refresh does not help', async () => {
		const store = env.store();
		await env.register('u1');
		env.emu.expireAllTokens();
		// The refreshed token is refused too: the server's detail names it.
		env.emu.failNext(2, {
			status: 200,
			path: '/user/get_users_info',
			body: {
				errCode: 1501,
				errMsg: 'TokenExpiredError',
				errDlt:
					'jwt parse error, token=eyJhbGciOiJIUzI1NiJ9.eyJVc2VySUQiOiJpbUFkbWluIn0.c2lnbmF0dXJl',
			},
		});
		const res = await env.run(
			{ resource: 'user', operation: 'get', uidList: 'u1' },
			[{ json: {} }],
			{ store },
		);
		expect(res.status).toBe('error');
		expect(res.error.message).toBe('OpenIM rejected the admin token (errCode 1501)');
		expect(JSON.stringify(res.error)).not.toContain('eyJ');
		env.expectNoSecrets(res);
	});
});

describe.each([
	['3.7.0', 404],
	['3.8.0', 200],
])('on an OpenIM %s server (no get_admin_token)', (serverVersion, firstStatus) => {
	let emu;
	let pkg;
	beforeAll(async () => {
		emu = await new OpenImV3Emulator({
			port: 0,
			quiet: true,
			secret: SECRET,
			adminUserID: ADMIN,
			serverVersion,
		}).start();
		pkg = loadV3Package();
	});
	afterAll(async () => emu && (await emu.stop()));
	beforeEach(() => emu.reset());

	const storeFor = () =>
		new CredentialStore({
			id: 'v3-old',
			name: 'old',
			type: 'openImV3Api',
			data: { baseUrl: emu.url, secret: SECRET, adminUserId: ADMIN, token: '' },
		});
	const requests = (route) => emu.requests.filter((request) => request.path === `/${route}`);

	it('falls back to auth/user_token with platform 10, and register carries the secret', async () => {
		const store = storeFor();
		const res = await runWorkflow({
			pkg,
			store,
			typeVersion: 2,
			parameters: { resource: 'user', operation: 'register', uid: '={{ $json.uid }}', name: 'N' },
			items: [{ json: { uid: 'a1' } }, { json: { uid: 'a2' } }],
		});
		expect(res.status).toBe('success');
		expect(requests('auth/get_admin_token').map((request) => request.status)).toEqual([
			firstStatus,
		]);
		expect(requests('auth/user_token').map((request) => request.body)).toEqual([
			{ secret: SECRET, platformID: 10, userID: ADMIN },
		]);
		// The first register went before the token fetch showed an older server: refused (1002) and sent again with the secret.
		const registers = requests('user/user_register');
		expect(registers.map((request) => [request.body.secret, request.answer.errCode])).toEqual([
			[undefined, 1002],
			[SECRET, 0],
			[SECRET, 0],
		]);
		expect(registers.slice(1).map((request) => request.body)).toEqual(
			['a1', 'a2'].map((userID) => ({ secret: SECRET, users: [{ userID, nickname: 'N' }] })),
		);
		// The resend is a new request to OpenIM's logs: its own operationID, as every request.
		const operationIDs = registers.map((request) => request.headers.operationid);
		expect(operationIDs.every(Boolean)).toBe(true);
		expect(new Set(operationIDs).size).toBe(registers.length);
		expect(store.data.issuedBy).toBe('auth/user_token');
		expect(Object.keys(emu.snapshot().users)).toEqual(expect.arrayContaining(['a1', 'a2']));
		// Later runs reuse the stored token: no second fetch, and the secret still goes with register.
		const again = await runWorkflow({
			pkg,
			store,
			typeVersion: 2,
			parameters: { resource: 'user', operation: 'register', uid: 'a3', name: 'N' },
		});
		expect(again.status).toBe('success');
		expect(requests('auth/user_token')).toHaveLength(1);
		expect(requests('user/user_register').at(-1).body.secret).toBe(SECRET);
		const seen = JSON.stringify({ items: res.items, logs: res.logs, runData: res.runData });
		expect(seen).not.toContain(SECRET);
		expect(seen).not.toContain(store.data.token);
	});

	it('refreshes a token the server lost (1507 after a Redis flush)', async () => {
		const store = storeFor();
		await runWorkflow({
			pkg,
			store,
			typeVersion: 2,
			parameters: { resource: 'user', operation: 'get', uidList: ADMIN },
		});
		emu.reset();
		const res = await runWorkflow({
			pkg,
			store,
			typeVersion: 2,
			parameters: { resource: 'user', operation: 'get', uidList: ADMIN },
		});
		expect(res.status).toBe('success');
		expect(res.items[0].json).toMatchObject({ userID: ADMIN });
		expect(requests('user/get_users_info').map((request) => request.answer.errCode)).toEqual([
			1507, 0,
		]);
		const [refused, retried] = requests('user/get_users_info').map(
			(request) => request.headers.operationid,
		);
		expect(retried).not.toBe(refused);
		expect(requests('auth/user_token')).toHaveLength(1);
	});
});
