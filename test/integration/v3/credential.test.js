const { OpenImV3Emulator } = require('../../emulator/v3');
const { CredentialStore, testCredential } = require('../harness');
const { useOpenImV3, loadV3Package, SECRET, ADMIN } = require('./context');

const env = useOpenImV3();

describe('OpenIM V3 API credential test, as n8n runs it', () => {
	it('passes with the right URL, secret and admin user, testing the token on an admin route', async () => {
		const store = env.store({ baseUrl: `${env.emu.url}/` });
		const logs = [];
		await expect(testCredential({ pkg: env.pkg, store, logs })).resolves.toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(env.requests('auth/get_admin_token')[0].body).toEqual({ secret: SECRET, userID: ADMIN });
		const [check] = env.requests('user/get_users_online_status');
		expect(check.headers).toMatchObject({ token: store.data.token, operationid: 'n8n-credential-test' });
		expect(check.answer.errCode).toBe(0);
		expect(logs.join('\n')).not.toContain(SECRET);
	});

	it('names a wrong secret (1002)', async () => {
		const res = await testCredential({ pkg: env.pkg, store: env.store({ secret: 'not-the-secret' }) });
		expect(res).toEqual({ status: 'Error', message: 'OpenIM refused the secret' });
	});

	it('names a user ID that is not an admin (1001)', async () => {
		await env.register('plain');
		const res = await testCredential({ pkg: env.pkg, store: env.store({ adminUserId: 'plain' }) });
		expect(res).toEqual({ status: 'Error', message: '"plain" is not an admin user of this OpenIM server' });
	});

	it('names a server that is not there', async () => {
		const res = await testCredential({ pkg: env.pkg, store: env.store({ baseUrl: 'http://127.0.0.1:9' }) });
		expect(res).toEqual({ status: 'Error', message: 'Could not reach OpenIM at http://127.0.0.1:9 (connection refused)' });
	});

	it('names a URL that is not the OpenIM API', async () => {
		const res = await testCredential({ pkg: env.pkg, store: env.store({ baseUrl: `${env.emu.url}/wrong/prefix` }) });
		expect(res).toEqual({ status: 'Error', message: 'OpenIM has no admin token route at this Base URL' });
		expect(env.requests('wrong/prefix/auth/user_token')).toHaveLength(1);
	});
});

describe('OpenIM V3 API credential test on a 3.8.0 server', () => {
	let emu;
	const pkg = loadV3Package();
	beforeAll(async () => {
		emu = await new OpenImV3Emulator({ port: 0, quiet: true, secret: SECRET, adminUserID: ADMIN, serverVersion: '3.8.0' }).start();
	});
	afterAll(async () => emu && (await emu.stop()));
	const store = (data) => new CredentialStore({ id: 'v380', name: '3.8.0', type: 'openImV3Api', data: { baseUrl: emu.url, secret: SECRET, adminUserId: ADMIN, token: '', ...data } });

	it('passes through the auth/user_token fallback', async () => {
		await expect(testCredential({ pkg, store: store({}) })).resolves.toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	it('names a non-admin user that the old server gives a token anyway (1002 on the admin route)', async () => {
		emu.seed();
		const res = await testCredential({ pkg, store: store({ adminUserId: 'alice' }) });
		expect(res).toEqual({ status: 'Error', message: 'Admin User ID is not an admin user of this OpenIM server (imAdminUserID in its share.yml).' });
	});

	it('names a wrong secret', async () => {
		const res = await testCredential({ pkg, store: store({ secret: 'nope' }) });
		expect(res).toEqual({ status: 'Error', message: 'OpenIM refused the secret' });
	});
});
