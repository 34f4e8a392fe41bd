const { testCredential } = require('./harness');
const { useOpenIm, SECRET } = require('./context');

const env = useOpenIm();

describe('OpenIM API credential test, as n8n runs it', () => {
	it('passes with the right URL, secret and admin uid, and stores the token', async () => {
		const store = env.store({ baseUrl: `${env.emu.url}/` });
		const logs = [];
		await expect(testCredential({ pkg: env.pkg, store, logs })).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(env.requests('auth/user_token')[0].body).toEqual({
			secret: SECRET,
			platform: 1,
			uid: 'openIM123456',
		});
		const [check] = env.requests('manager/get_all_users_uid');
		expect(check.headers.token).toBe(store.data.token);
		expect(logs.join('\n')).not.toContain(SECRET);
	});

	it('names a wrong secret', async () => {
		const res = await testCredential({
			pkg: env.pkg,
			store: env.store({ secret: 'not-the-secret' }),
		});
		expect(res).toEqual({ status: 'Error', message: 'OpenIM refused the secret' });
		expect(env.requests('manager/get_all_users_uid')).toHaveLength(0);
	});

	it('names an admin uid the server does not know', async () => {
		const res = await testCredential({ pkg: env.pkg, store: env.store({ adminUserId: 'nobody' }) });
		expect(res).toEqual({
			status: 'Error',
			message: 'OpenIM does not know the admin user "nobody"',
		});
	});

	it('names a user that is not an app manager', async () => {
		await env.register('plainuser');
		const res = await testCredential({
			pkg: env.pkg,
			store: env.store({ adminUserId: 'plainuser' }),
		});
		expect(res.status).toBe('Error');
		expect(res.message).toMatch(/not an app manager/);
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

	it('works behind a reverse-proxy path prefix', async () => {
		const http = require('node:http');
		const target = new URL(env.emu.url);
		const proxy = http.createServer((req, res) => {
			if (!req.url.startsWith('/im/')) return res.writeHead(404).end();
			const upstream = http.request(
				{
					host: target.hostname,
					port: target.port,
					path: req.url.slice(3),
					method: req.method,
					headers: req.headers,
				},
				(answer) => {
					res.writeHead(answer.statusCode, answer.headers);
					answer.pipe(res);
				},
			);
			req.pipe(upstream);
		});
		await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
		try {
			const store = env.store({ baseUrl: `http://127.0.0.1:${proxy.address().port}/im/` });
			await expect(testCredential({ pkg: env.pkg, store })).resolves.toMatchObject({
				status: 'OK',
			});
			const res = await env.run(
				{ resource: 'user', operation: 'getAll', returnAll: true },
				[{ json: {} }],
				{ store },
			);
			expect(res.items.map((item) => item.json.uid)).toEqual(['openIM123456']);
		} finally {
			await new Promise((resolve) => proxy.close(resolve));
		}
	});
});

describe('OpenIM 2021 Server API credential test with a stored token (the form changed after a run)', () => {
	// The test's own request (n8n may also fetch a token first: its test has no operationID header).
	const testRequests = (route) =>
		env.requests(route).filter((request) => request.headers.operationid === 'n8n-credential-test');

	/** A credential that has fetched its token, as after a first run or test. */
	async function stored() {
		const store = env.store();
		await expect(testCredential({ pkg: env.pkg, store })).resolves.toMatchObject({ status: 'OK' });
		expect(store.data.token).toMatch(/\S/);
		env.emu.requests.length = 0;
		return store;
	}

	it('passes with the right values, asking auth/user_token with them (not only the stored token)', async () => {
		const store = await stored();
		await expect(testCredential({ pkg: env.pkg, store })).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(testRequests('auth/user_token').map((request) => request.body)).toEqual([
			{ secret: SECRET, platform: 1, uid: 'openIM123456' },
		]);
	});

	it('fails for a wrong secret, whatever token is stored', async () => {
		const store = await stored();
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

	it('fails for an admin uid the server does not know, whatever token is stored', async () => {
		const store = await stored();
		const res = await testCredential({
			pkg: env.pkg,
			store,
			data: { ...store.data, adminUserId: 'nobody' },
		});
		expect(res).toEqual({
			status: 'Error',
			message: expect.stringMatching(/^OpenIM does not know the admin user/),
		});
	});
});
