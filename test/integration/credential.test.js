const { testCredential } = require('./harness');
const { useOpenIm, SECRET } = require('./context');

const env = useOpenIm();

describe('OpenIM API credential test, as n8n runs it', () => {
	it('passes with the right URL, secret and admin uid, and stores the token', async () => {
		const store = env.store({ baseUrl: `${env.emu.url}/` });
		const logs = [];
		await expect(testCredential({ pkg: env.pkg, store, logs })).resolves.toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(env.requests('auth/user_token')[0].body).toEqual({ secret: SECRET, platform: 1, uid: 'openIM123456' });
		const [check] = env.requests('manager/get_all_users_uid');
		expect(check.headers.token).toBe(store.data.token);
		expect(logs.join('\n')).not.toContain(SECRET);
	});

	it('names a wrong secret', async () => {
		const res = await testCredential({ pkg: env.pkg, store: env.store({ secret: 'not-the-secret' }) });
		expect(res).toEqual({ status: 'Error', message: 'OpenIM refused the secret' });
		expect(env.requests('manager/get_all_users_uid')).toHaveLength(0);
	});

	it('names an admin uid the server does not know', async () => {
		const res = await testCredential({ pkg: env.pkg, store: env.store({ adminUserId: 'nobody' }) });
		expect(res).toEqual({ status: 'Error', message: 'OpenIM does not know the admin user "nobody"' });
	});

	it('names a user that is not an app manager', async () => {
		await env.register('plainuser');
		const res = await testCredential({ pkg: env.pkg, store: env.store({ adminUserId: 'plainuser' }) });
		expect(res.status).toBe('Error');
		expect(res.message).toMatch(/not an app manager/);
	});

	it('names a server that is not there', async () => {
		const res = await testCredential({ pkg: env.pkg, store: env.store({ baseUrl: 'http://127.0.0.1:9' }) });
		expect(res).toEqual({ status: 'Error', message: 'Could not reach OpenIM at http://127.0.0.1:9 (connection refused)' });
	});

	it('works behind a reverse-proxy path prefix', async () => {
		const http = require('node:http');
		const target = new URL(env.emu.url);
		const proxy = http.createServer((req, res) => {
			if (!req.url.startsWith('/im/')) return res.writeHead(404).end();
			const upstream = http.request({ host: target.hostname, port: target.port, path: req.url.slice(3), method: req.method, headers: req.headers }, (answer) => {
				res.writeHead(answer.statusCode, answer.headers);
				answer.pipe(res);
			});
			req.pipe(upstream);
		});
		await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
		try {
			const store = env.store({ baseUrl: `http://127.0.0.1:${proxy.address().port}/im/` });
			await expect(testCredential({ pkg: env.pkg, store })).resolves.toMatchObject({ status: 'OK' });
			const res = await env.run({ resource: 'user', operation: 'getAll', returnAll: true }, [{ json: {} }], { store });
			expect(res.items.map((item) => item.json.uid)).toEqual(['openIM123456']);
		} finally {
			await new Promise((resolve) => proxy.close(resolve));
		}
	});
});
