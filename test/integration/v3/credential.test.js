const { OpenImV3Emulator } = require('../../emulator/v3');
const { CredentialStore, testCredential } = require('../harness');
const { useOpenImV3, loadV3Package, SECRET, ADMIN } = require('./context');

const env = useOpenImV3();

describe('OpenIM V3 API credential test, as n8n runs it', () => {
	it('passes with the right URL, secret and admin user, testing the token on an admin route', async () => {
		const store = env.store({ baseUrl: `${env.emu.url}/` });
		const logs = [];
		await expect(testCredential({ pkg: env.pkg, store, logs })).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(env.requests('auth/get_admin_token')[0].body).toEqual({ secret: SECRET, userID: ADMIN });
		const [check] = env.requests('user/get_users_online_status');
		expect(check.headers).toMatchObject({
			token: store.data.token,
			operationid: 'n8n-credential-test',
		});
		expect(check.answer.errCode).toBe(0);
		expect(logs.join('\n')).not.toContain(SECRET);
	});

	it('names a wrong secret (1002)', async () => {
		const res = await testCredential({
			pkg: env.pkg,
			store: env.store({ secret: 'not-the-secret' }),
		});
		expect(res).toEqual({ status: 'Error', message: 'OpenIM refused the secret' });
	});

	it('names a user ID that is not an admin (1001)', async () => {
		await env.register('plain');
		const res = await testCredential({ pkg: env.pkg, store: env.store({ adminUserId: 'plain' }) });
		expect(res).toEqual({
			status: 'Error',
			message: '"plain" is not an admin user of this OpenIM server',
		});
	});

	it('names a server that is not there', async () => {
		const res = await testCredential({
			pkg: env.pkg,
			store: env.store({ baseUrl: 'http://127.0.0.1:9' }),
		});
		expect(res).toEqual({
			status: 'Error',
			message: 'Could not reach OpenIM at http://127.0.0.1:9 (connection refused)',
		});
	});

	it('names a URL that is not the OpenIM API', async () => {
		const res = await testCredential({
			pkg: env.pkg,
			store: env.store({ baseUrl: `${env.emu.url}/wrong/prefix` }),
		});
		expect(res).toEqual({
			status: 'Error',
			message: 'OpenIM has no admin token route at this Base URL',
		});
		expect(env.requests('wrong/prefix/auth/user_token')).toHaveLength(1);
	});
});

describe('OpenIM V3 API credential test on a 3.8.0 server', () => {
	let emu;
	const pkg = loadV3Package();
	beforeAll(async () => {
		emu = await new OpenImV3Emulator({
			port: 0,
			quiet: true,
			secret: SECRET,
			adminUserID: ADMIN,
			serverVersion: '3.8.0',
		}).start();
	});
	afterAll(async () => emu && (await emu.stop()));
	const store = (data) =>
		new CredentialStore({
			id: 'v380',
			name: '3.8.0',
			type: 'openImV3Api',
			data: { baseUrl: emu.url, secret: SECRET, adminUserId: ADMIN, token: '', ...data },
		});

	it('passes through the auth/user_token fallback', async () => {
		await expect(testCredential({ pkg, store: store({}) })).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
	});

	it('names a non-admin user that the old server gives a token anyway (1002 on the admin route)', async () => {
		emu.seed();
		const res = await testCredential({ pkg, store: store({ adminUserId: 'alice' }) });
		expect(res).toEqual({
			status: 'Error',
			message: expect.stringMatching(/^OpenIM refused the secret or the admin user/),
		});
	});

	it('names a wrong secret', async () => {
		const res = await testCredential({ pkg, store: store({ secret: 'nope' }) });
		expect(res).toEqual({ status: 'Error', message: 'OpenIM refused the secret' });
	});
});

/** The test's own request (n8n may also fetch a token first, with an operationID of its own). */
const isTestRequest = (request) => request.headers.operationid === 'n8n-credential-test';
const testRequests = (route) => env.requests(route).filter(isTestRequest);

/** A credential that has fetched its token, as after a first run or test; then the form changes. */
async function storedToken(pkg, store, emu) {
	await expect(testCredential({ pkg, store })).resolves.toMatchObject({ status: 'OK' });
	expect(store.data.token).toMatch(/\S/);
	emu.requests.length = 0;
	return store;
}

// n8n 2.x also fetches a token with the form's values first (its preAuthentication error is the answer then);
// n8n 1.x fetches it with the stored values, and only the test request below sees the form's: test/e2e covers that.
describe('OpenIM V3 API credential test with a stored token (the form changed after a run)', () => {
	it('passes with the right values, asking auth/get_admin_token with them (not only the stored token)', async () => {
		const store = await storedToken(env.pkg, env.store(), env.emu);
		await expect(testCredential({ pkg: env.pkg, store })).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(testRequests('auth/get_admin_token').map((request) => request.body)).toEqual([
			{ secret: SECRET, userID: ADMIN },
		]);
	});

	it('fails for a wrong secret, whatever token is stored', async () => {
		const store = await storedToken(env.pkg, env.store(), env.emu);
		const res = await testCredential({
			pkg: env.pkg,
			store,
			data: { ...store.data, secret: 'not-the-secret' },
		});
		expect(res).toEqual({
			status: 'Error',
			message: expect.stringMatching(/^OpenIM refused the secret/),
		});
		expect(store.data.secret).toBe(SECRET);
	});

	it('fails for a user ID that is not an admin (1001), whatever token is stored', async () => {
		await env.register('plain');
		const store = await storedToken(env.pkg, env.store(), env.emu);
		const res = await testCredential({
			pkg: env.pkg,
			store,
			data: { ...store.data, adminUserId: 'plain' },
		});
		expect(res).toEqual({
			status: 'Error',
			message: expect.stringMatching(
				/"plain" is not an admin user|Admin User ID is not an admin user/,
			),
		});
	});
});

describe('OpenIM V3 API credential test with a stored token on a 3.8.0 server', () => {
	let emu;
	const pkg = loadV3Package();
	beforeAll(async () => {
		emu = await new OpenImV3Emulator({
			port: 0,
			quiet: true,
			secret: SECRET,
			adminUserID: ADMIN,
			serverVersion: '3.8.0',
		}).start();
	});
	afterAll(async () => emu && (await emu.stop()));
	const store = () =>
		new CredentialStore({
			id: 'v380s',
			name: '3.8.0',
			type: 'openImV3Api',
			data: { baseUrl: emu.url, secret: SECRET, adminUserId: ADMIN, token: '' },
		});
	const tokenRequests = () => emu.requests.filter((request) => request.path === '/auth/user_token');

	it('asks the route that issued the token, auth/user_token, with the form values', async () => {
		const saved = await storedToken(pkg, store(), emu);
		expect(saved.data.issuedBy).toBe('auth/user_token');
		await expect(testCredential({ pkg, store: saved })).resolves.toMatchObject({ status: 'OK' });
		expect(
			tokenRequests()
				.filter(isTestRequest)
				.map((request) => request.body),
		).toEqual([{ secret: SECRET, userID: ADMIN, platformID: 10 }]);
	});

	it('fails for a wrong secret or an unknown admin user, whatever token is stored', async () => {
		const saved = await storedToken(pkg, store(), emu);
		const wrongSecret = await testCredential({
			pkg,
			store: saved,
			data: { ...saved.data, secret: 'nope' },
		});
		expect(wrongSecret).toEqual({
			status: 'Error',
			message: expect.stringMatching(/^OpenIM refused the secret/),
		});
		const unknown = await testCredential({
			pkg,
			store: saved,
			data: { ...saved.data, adminUserId: 'nobody' },
		});
		expect(unknown).toEqual({
			status: 'Error',
			message: expect.stringMatching(/^OpenIM does not know the admin user/),
		});
	});
});
