// Proves the integration harness against a tiny test-only node + credential and a loopback server.
'use strict';

const fs = require('fs');
const path = require('path');
const http = require('http');
const { NodeApiError } = require('n8n-workflow');
const { loadPackage, CredentialStore, runWorkflow, testCredential } = require('./harness');

// ---- loopback server: POST /login issues a token; other routes demand it in the `token` header ----

function startTokenServer({ secret }) {
	const state = {
		url: '',
		requests: [],
		stats: { logins: 0 },
		staleTokenMode: 'http401', // or 'body': HTTP 200 + { errCode: 1501 }
		meResponse: undefined,
		valid: new Set(),
		issued: 0,
		reset() {
			this.requests = [];
			this.stats = { logins: 0 };
			this.staleTokenMode = 'http401';
			this.meResponse = undefined;
			this.valid = new Set();
			this.issued = 0;
		},
		invalidateTokens() {
			this.valid.clear();
		},
		acceptToken(token) {
			this.valid.add(token);
		},
	};

	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			const body = raw ? JSON.parse(raw) : {};
			const entry = { method: req.method, url: req.url, token: req.headers.token, body };
			state.requests.push(entry);
			const reply = (status, payload) => {
				entry.status = status;
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(payload));
			};

			if (req.method === 'POST' && req.url === '/login') {
				state.stats.logins++;
				if (body.secret !== secret) return reply(401, { error: 'bad secret' });
				const token = `tok${++state.issued}`;
				state.valid = new Set([token]);
				return reply(200, { token });
			}
			if (req.url === '/fail') return reply(500, { error: 'server exploded' });
			if (!state.valid.has(req.headers.token)) {
				if (state.staleTokenMode === 'body')
					return reply(200, { errCode: 1501, errMsg: 'token expired' });
				return reply(401, { error: 'invalid token' });
			}
			if (req.url === '/me') {
				const { status, body: payload } = state.meResponse || {
					status: 200,
					body: { errCode: 0, user: 'admin' },
				};
				return reply(status, payload);
			}
			if (req.method === 'POST' && req.url === '/echo') {
				return reply(200, { ok: true, text: body.text, token: req.headers.token });
			}
			return reply(404, { error: 'not found' });
		});
	});

	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			state.url = `http://127.0.0.1:${server.address().port}`;
			state.close = () => new Promise((done) => server.close(done));
			resolve(state);
		});
	});
}

// ---- test-only credential: secret -> token via preAuthentication, generic `token` header ----

class TestApi {
	constructor() {
		this.name = 'testApi';
		this.displayName = 'Test API';
		this.properties = [
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
			{
				displayName: 'Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
			},
			{
				displayName: 'Token',
				name: 'token',
				type: 'hidden',
				typeOptions: { expirable: true, password: true },
				default: '',
			},
		];
		this.authenticate = {
			type: 'generic',
			properties: { headers: { token: '={{$credentials.token}}' } },
		};
		this.test = {
			request: { baseURL: '={{$credentials.baseUrl}}', url: '/me' },
			rules: [
				{ type: 'responseCode', properties: { value: 403, message: 'Forbidden: not an admin' } },
				{
					type: 'responseSuccessBody',
					properties: { key: 'errCode', value: 1501, message: 'Token rejected by server' },
				},
			],
		};
	}

	async preAuthentication(credentials) {
		const { token } = await this.helpers.httpRequest({
			method: 'POST',
			url: `${credentials.baseUrl}/login`,
			body: { secret: credentials.secret },
			json: true,
		});
		return { token };
	}
}

// ---- test-only node: POSTs each item's text; refreshes the token itself on errCode 1501 ----

class TestNode {
	constructor() {
		this.description = {
			displayName: 'Test Node',
			name: 'testNode',
			group: ['transform'],
			version: 1,
			description: 'Harness test node',
			defaults: { name: 'Test' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'testApi', required: true }],
			properties: [
				{ displayName: 'Text', name: 'text', type: 'string', default: '' },
				{ displayName: 'Path', name: 'path', type: 'string', default: '/echo' },
			],
		};
	}

	async execute() {
		const items = this.getInputData();
		const out = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const creds = await this.getCredentials('testApi', i);
				const text = this.getNodeParameter('text', i);
				const options = () => ({
					method: 'POST',
					url: `${creds.baseUrl}${this.getNodeParameter('path', i)}`,
					body: { text },
					json: true,
				});
				this.logger.debug(`testNode: sending "${text}"`, { itemIndex: i });
				let body = await this.helpers.httpRequestWithAuthentication.call(
					this,
					'testApi',
					options(),
				);
				if (body.errCode === 1501) {
					const { id, name } = this.getNode().credentials.testApi;
					body = await this.helpers.httpRequestWithAuthentication.call(this, 'testApi', options(), {
						credentialsDecrypted: { id, name, type: 'testApi', data: { ...creds, token: '' } },
					});
					body.refreshed = true;
				}
				out.push({ json: body, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { error: error.message }, pairedItem: { item: i } });
					continue;
				}
				throw new NodeApiError(this.getNode(), error, { itemIndex: i });
			}
		}
		return [out];
	}
}

class PassThrough {
	constructor() {
		this.description = {
			displayName: 'Pass Through',
			name: 'passThrough',
			group: ['transform'],
			version: 1,
			description: 'Returns its input items',
			defaults: { name: 'Pass' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		};
	}

	async execute() {
		return [this.getInputData()];
	}
}

const SECRET = 'S3cr3t-harness-7f3a91';

let server;
const pkg = loadPackage({
	nodeTypes: { testNode: TestNode, passThrough: PassThrough },
	credentialTypes: { testApi: TestApi },
});

function newStore(data = {}) {
	return new CredentialStore({
		id: 'cred1',
		name: 'Harness test',
		type: 'testApi',
		data: { baseUrl: server.url, secret: SECRET, token: '', ...data },
	});
}

function run(store, options = {}) {
	return runWorkflow({ pkg, store, nodeType: 'testNode', nodeName: 'Test', ...options });
}

beforeAll(async () => {
	server = await startTokenServer({ secret: SECRET });
});

afterAll(async () => {
	await server.close();
});

beforeEach(() => server.reset());

describe('runWorkflow', () => {
	test('resolves expressions, sets pairedItem and fetches the token once for many items', async () => {
		const store = newStore();
		const res = await run(store, {
			items: [{ json: { uid: 'a' } }, { json: { uid: 'b' } }, { json: { uid: 'c' } }],
			parameters: { text: '={{ "hi " + $json.uid }}' },
		});

		expect(res.status).toBe('success');
		expect(res.error).toBeUndefined();
		expect(res.items.map((i) => i.json.text)).toEqual(['hi a', 'hi b', 'hi c']);
		expect(res.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(store.preAuthCalls).toBe(1);
		expect(store.preAuthEvents).toEqual([{ expired: false, credentialTest: false, node: 'Test' }]);
		expect(store.updates).toHaveLength(1);
		expect(store.data.token).toBe('tok1');
		expect(server.stats.logins).toBe(1);
		expect(server.requests.filter((r) => r.url === '/echo').map((r) => r.token)).toEqual([
			'tok1',
			'tok1',
			'tok1',
		]);
		expect(res.outputs.Items).toHaveLength(3);
		expect(res.runData.Test[0].executionStatus).toBe('success');
		expect(res.executionData.finished).toBe(true);
	});

	test('the persisted token is reused by the next run (no second preAuthentication)', async () => {
		const store = newStore();
		await run(store, { parameters: { text: 'one' } });
		expect(store.preAuthCalls).toBe(1);

		const second = await run(store, { parameters: { text: 'two' } });
		expect(second.status).toBe('success');
		expect(second.items[0].json).toMatchObject({ ok: true, text: 'two', token: 'tok1' });
		expect(store.preAuthCalls).toBe(1);
		expect(store.updates).toHaveLength(1);
		expect(server.stats.logins).toBe(1);
	});

	test('an HTTP 401 makes n8n-core run preAuthentication(expired) once and retry', async () => {
		const store = newStore();
		await run(store, { parameters: { text: 'warm' } });
		server.invalidateTokens();

		const res = await run(store, {
			items: [{ json: { n: 1 } }, { json: { n: 2 } }],
			parameters: { text: '={{ "n" + $json.n }}' },
		});

		expect(res.status).toBe('success');
		expect(res.items.map((i) => i.json.text)).toEqual(['n1', 'n2']);
		expect(res.items.map((i) => i.json.token)).toEqual(['tok2', 'tok2']);
		expect(store.preAuthCalls).toBe(2);
		expect(store.preAuthEvents[1]).toEqual({ expired: true, credentialTest: false, node: 'Test' });
		expect(store.data.token).toBe('tok2');
		expect(store.updates.map((u) => u.token)).toEqual(['tok1', 'tok2']);
		const echoes = server.requests.filter((r) => r.url === '/echo');
		expect(echoes.map((r) => [r.token, r.status])).toEqual([
			['tok1', 200],
			['tok1', 401],
			['tok2', 200],
			['tok2', 200],
		]);
	});

	test('credentialsDecrypted with an empty token forces a refresh that n8n persists', async () => {
		const store = newStore();
		await run(store, { parameters: { text: 'warm' } });
		server.invalidateTokens();
		server.staleTokenMode = 'body'; // HTTP 200 + errCode 1501, which n8n never retries by itself

		const res = await run(store, { parameters: { text: 'again' } });

		expect(res.status).toBe('success');
		expect(res.items[0].json).toMatchObject({
			ok: true,
			text: 'again',
			token: 'tok2',
			refreshed: true,
		});
		expect(store.preAuthCalls).toBe(2);
		expect(store.preAuthEvents[1]).toEqual({ expired: false, credentialTest: false, node: 'Test' });
		expect(store.data.token).toBe('tok2');

		const third = await run(store, { parameters: { text: 'third' } });
		expect(third.items[0].json).toMatchObject({ token: 'tok2' });
		expect(third.items[0].json.refreshed).toBeUndefined();
		expect(store.preAuthCalls).toBe(2);
	});

	test('continueOnFail: the failing item becomes an error item and the run succeeds', async () => {
		const store = newStore();
		const res = await run(store, {
			items: [{ json: { p: '/echo' } }, { json: { p: '/fail' } }, { json: { p: '/echo' } }],
			parameters: { text: 'x', path: '={{ $json.p }}' },
			continueOnFail: true,
		});

		expect(res.status).toBe('success');
		expect(res.error).toBeUndefined();
		expect(res.items).toHaveLength(3);
		expect(res.items[0].json.ok).toBe(true);
		// NodeApiError maps the HTTP status to n8n's own wording; the server's body goes to description
		expect(res.items[1].json.error).toBe('The service was not able to process your request');
		expect(res.items[1].pairedItem).toEqual({ item: 1 });
		expect(res.items[2].json.ok).toBe(true);
		expect(res.nodes.Test.onError).toBe('continueRegularOutput');
	});

	test('without continueOnFail the error is stored in runData and the run fails', async () => {
		const store = newStore();
		const res = await run(store, {
			items: [{ json: {} }, { json: {} }],
			parameters: { text: 'x', path: '/fail' },
		});

		expect(res.status).toBe('error');
		expect(res.items).toEqual([]);
		// runData holds a plain copy of the error ({ ...error, message, stack }), not the instance
		expect(res.error).toBeDefined();
		expect(res.error).not.toBeInstanceOf(Error);
		expect(res.error.name).toBe('NodeApiError');
		expect(res.error.httpCode).toBe('500');
		expect(res.error.message).toBe('The service was not able to process your request');
		// NodeApiError drops the axios error itself (see testCredential below); the response body
		// survives only in context.data
		expect(res.error.description).toBe('Request failed with status code 500');
		expect(res.error.context.data).toEqual({ error: 'server exploded' });
		expect(res.error.level).toBe('warning');
		expect(res.error.node.name).toBe('Test');
		expect(res.runData.Test[0].executionStatus).toBe('error');
		expect(res.runData.Test[0].data).toBeUndefined();
		// resultData.error is the instance n8n reports for the execution
		expect(res.executionError.message).toBe(res.error.message);
		expect(res.executionData.data.resultData.lastNodeExecuted).toBe('Test');
	});

	test('captures every log line (LoggerProxy and the node logger) and no secret leaks', async () => {
		const store = newStore();
		const ok = await run(store, { parameters: { text: 'logged' } });
		const failed = await run(store, { parameters: { text: 'x', path: '/fail' } });
		const wrongSecret = newStore({ secret: 'wrong' });
		const loginFailed = await run(wrongSecret, { parameters: { text: 'x' } });

		expect(ok.logs).toEqual(
			expect.arrayContaining([
				expect.stringContaining('Workflow execution started'),
				expect.stringContaining('Running node "Test" started'),
				expect.stringContaining('testNode: sending "logged"'),
			]),
		);
		expect(failed.logs.some((l) => l.includes('Running node "Test" finished with error'))).toBe(
			true,
		);
		expect(loginFailed.status).toBe('error');
		for (const res of [ok, failed, loginFailed]) {
			expect(res.logs.join('\n')).not.toContain(SECRET);
		}
		expect(loginFailed.logs.join('\n')).not.toContain('wrong');
	});

	test('custom workflows: two nodes in a row, paired items reach back to the first', async () => {
		const store = newStore();
		const res = await runWorkflow({
			pkg,
			store,
			items: [{ json: { uid: 'u1' } }, { json: { uid: 'u2' } }],
			workflow: {
				nodes: [
					{ name: 'First', type: 'testNode', parameters: { text: '={{ $json.uid }}' } },
					{
						name: 'Second',
						type: 'testNode',
						parameters: { text: '={{ $("First").item.json.text + "/" + $json.token }}' },
					},
				],
				connections: {
					First: { main: [[{ node: 'Second', type: 'main', index: 0 }]] },
				},
			},
		});

		expect(res.status).toBe('success');
		expect(res.outputs.First.map((i) => i.json.text)).toEqual(['u1', 'u2']);
		expect(res.items.map((i) => i.json.text)).toEqual(['u1/tok1', 'u2/tok1']);
		expect(store.preAuthCalls).toBe(1);
		expect(res.nodes.Second.credentials).toEqual({
			testApi: { id: 'cred1', name: 'Harness test' },
		});
	});

	test("100,000 items: the source node hands over the caller's array as-is", async () => {
		const items = Array.from({ length: 100_000 }, (_, i) => ({ json: { i } }));
		const res = await runWorkflow({ pkg, items, nodeType: 'passThrough', nodeName: 'Pass' });
		expect(res.status).toBe('success');
		expect(res.outputs.Items).toBe(items);
		expect(res.items).toHaveLength(100_000);
		// n8n-core itself gives every node shallow copies of its input items (to set pairedItem)
		expect(res.items[99_999]).not.toBe(items[99_999]);
		expect(res.items[99_999].json).toBe(items[99_999].json);
		expect(res.items[99_999].pairedItem).toEqual({ item: 99_999, input: undefined });
	}, 60_000); // a hang guard: how fast it runs belongs in bench/

	test('warm 1-item runs: one request each with the stored token, no login', async () => {
		const store = newStore({ token: 'tok-preset' });
		server.acceptToken('tok-preset');
		for (let i = 0; i < 20; i++) {
			const res = await run(store, { parameters: { text: `warm ${i}` } });
			expect(res.status).toBe('success');
			expect(res.items.map((item) => item.json)).toEqual([
				{ ok: true, text: `warm ${i}`, token: 'tok-preset' },
			]);
		}
		expect(server.requests.map((r) => [r.url, r.token, r.body.text])).toEqual(
			Array.from({ length: 20 }, (_, i) => ['/echo', 'tok-preset', `warm ${i}`]),
		);
		expect(server.stats.logins).toBe(0);
		expect(store.preAuthCalls).toBe(0);
		expect(store.updates).toHaveLength(0);
	});
});

describe('testCredential', () => {
	test('OK: preAuthentication always runs for a credential test, then the test request', async () => {
		const store = newStore({ token: 'tok-old' });
		expect(await testCredential({ pkg, store })).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(store.preAuthCalls).toBe(1);
		expect(store.preAuthEvents[0]).toEqual({
			expired: false,
			credentialTest: true,
			node: 'Temp-Node',
		});
		expect(store.data.token).toBe('tok1');
		const me = server.requests.find((r) => r.url === '/me');
		expect(me).toMatchObject({ method: 'GET', token: 'tok1', status: 200 });

		await testCredential({ pkg, store });
		expect(store.preAuthCalls).toBe(2);
	});

	// n8n-workflow 2.11.1's NodeApiError does not keep `cause` (a class field resets it), so the
	// tester's `error.cause.response` branch (status text, responseCode rules) never applies and the
	// result carries NodeApiError's message, exactly as in an n8n 2.11 server.
	test('Error: a login that fails', async () => {
		const store = newStore({ secret: 'not-the-secret' });
		const logs = [];
		const res = await testCredential({ pkg, store, logs });
		expect(res).toEqual({
			status: 'Error',
			message: 'Authorization failed - please check your credentials',
		});
		// the 401 from /login triggers n8n-core's one retry with preAuthentication(expired)
		expect(store.preAuthEvents).toEqual([
			{ expired: false, credentialTest: true, node: 'Temp-Node' },
			{ expired: true, credentialTest: true, node: 'Temp-Node' },
		]);
		expect(store.updates).toHaveLength(0);
		expect(logs.join('\n')).not.toContain('not-the-secret');
	});

	test('Error: responseSuccessBody and responseCode rules', async () => {
		server.meResponse = { status: 200, body: { errCode: 1501, errMsg: 'token invalid' } };
		expect(await testCredential({ pkg, store: newStore() })).toEqual({
			status: 'Error',
			message: 'Token rejected by server',
		});

		// a responseCode rule would apply here if NodeApiError kept `cause` (see above)
		server.meResponse = { status: 403, body: { error: 'forbidden' } };
		expect(await testCredential({ pkg, store: newStore() })).toEqual({
			status: 'Error',
			message: 'Forbidden - perhaps check your credentials?',
		});

		server.meResponse = { status: 500, body: {} };
		expect(await testCredential({ pkg, store: newStore() })).toEqual({
			status: 'Error',
			message: 'The service was not able to process your request',
		});
	});

	test('Error: unreachable server', async () => {
		const res = await testCredential({ pkg, store: newStore({ baseUrl: 'http://127.0.0.1:1' }) });
		expect(res).toEqual({
			status: 'Error',
			message: 'The service refused the connection - perhaps it is offline',
		});
	});
});

describe('loadPackage', () => {
	const dist = path.resolve(__dirname, '../../dist/nodes/OpenIm/OpenIm.node.js');
	(fs.existsSync(dist) ? test : test.skip)('loads the built OpenIM node and credential', () => {
		const built = loadPackage();
		expect(built.nodeType.description.name).toBe('openIm');
		expect(built.credentialType.name).toBe('openImApi');
		expect(built.credentialTypes.openImApi).toBe(built.credentialType);
	});

	test('override-only packages do not touch dist', () => {
		expect(pkg.nodeType).toBeInstanceOf(TestNode);
		expect(pkg.credentialType).toBeInstanceOf(TestApi);
		expect(Object.keys(pkg.credentialTypes)).toEqual(['testApi']);
	});
});
