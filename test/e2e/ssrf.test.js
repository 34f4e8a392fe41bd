'use strict';
/*
 * n8n's SSRF protection (N8N_SSRF_PROTECTION_ENABLED=true, n8n 2.x; n8n 1.x has none) in a real
 * n8n 2.41.1, against the OpenIM emulator on 127.0.0.1, which n8n's default block list covers.
 * Blocked: the node and the credential test name the protection, the address and the variable to
 * set, and the emulator receives nothing. Allowed (N8N_SSRF_ALLOWED_IP_RANGES or
 * N8N_SSRF_ALLOWED_HOSTNAMES): the message goes out.
 *
 * n8n 2.41.1 is installed on first use, as for the other e2e suites (scripts/n8n-runtime.js). Skipped,
 * with a warning, only when N8N_E2E_GENERATIONS leaves out generation 2. Every test prepares what it
 * needs (a credential with or without a stored token, the n8n server it talks to), so each one passes
 * alone (jest -t) as well as in order.
 */

const {
	GENERATIONS,
	SETUP_TIMEOUT,
	TEST_TIMEOUT,
	requestsTo,
	explain,
	examples,
} = require('./helpers');

const { secret: SECRET, adminUserId: ADMIN } = examples.OPENIM['2021'];
const { createN8nInstance } = require('./n8n-cli');
const { OpenImEmulator, OpenImV3Emulator } = require('../emulator');

const skip = GENERATIONS.includes('2')
	? undefined
	: `N8N_E2E_GENERATIONS=${process.env.N8N_E2E_GENERATIONS} leaves out n8n 2.x`;
if (skip) console.warn(`test/e2e/ssrf.test.js skipped: ${skip}`);
const suite = skip ? describe.skip : describe;

const ON = { N8N_SSRF_PROTECTION_ENABLED: 'true' };
const BLOCKED = "n8n's SSRF protection blocked the request to OpenIM at";

/** A credential and a workflow that sends one text message from alice to bob with it. */
function sender(id, baseUrl) {
	const credential = {
		id: `ssrfCred${id}`.padEnd(16, '0'),
		name: `OpenIM (SSRF ${id})`,
		type: 'openImApi',
		data: { baseUrl, secret: SECRET, adminUserId: ADMIN, platform: 8, token: '' },
	};
	const workflow = {
		id: `ssrfFlow${id}`.padEnd(16, '0'),
		name: `SSRF ${id}`,
		nodes: [
			{
				id: 'start',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'send',
				name: 'Send',
				type: 'n8n-nodes-openim.openIm',
				typeVersion: 1,
				position: [220, 0],
				parameters: {
					resource: 'message',
					operation: 'send',
					sendID: 'alice',
					sessionType: 1,
					recvID: 'bob',
					contentType: 101,
					text: `through n8n's SSRF protection (${id})`,
					additionalFields: {},
					options: {},
				},
				credentials: { openImApi: { id: credential.id, name: credential.name } },
			},
		],
		connections: { Start: { main: [[{ node: 'Send', type: 'main', index: 0 }]] } },
	};
	return { credential, workflow, text: workflow.nodes[1].parameters.text };
}

/** The same on OpenIM 3.x: the OpenIM V3 API credential and a typeVersion 2 node. */
function sender3(id, baseUrl) {
	const { credential, workflow, text } = sender(id, baseUrl);
	const { secret, adminUserId } = examples.OPENIM.v3;
	Object.assign(credential, {
		type: 'openImV3Api',
		data: { baseUrl, secret, adminUserId, token: '' },
	});
	const send = workflow.nodes[1];
	Object.assign(send, {
		typeVersion: 2,
		credentials: { openImV3Api: { id: credential.id, name: credential.name } },
	});
	send.parameters.apiVersion = 'v3';
	return { credential, workflow, text };
}

suite("n8n's SSRF protection in n8n 2.41.1", () => {
	let emulator;
	let n8n;
	let byIp;
	let byName;
	let v3;
	let byIp3;
	let withToken;

	beforeAll(async () => {
		emulator = await new OpenImEmulator({ port: 0, seed: true, quiet: true }).start();
		v3 = await new OpenImV3Emulator({ port: 0, seed: true, quiet: true }).start();
		n8n = await createN8nInstance({ generation: '2', withPackage: true });
		byIp = sender('Ip', emulator.url);
		// localhost resolves to 127.0.0.1 (/etc/hosts), where the emulator listens.
		byName = sender('Name', `http://localhost:${emulator.port}`);
		byIp3 = sender3('V3Ip', v3.url);
		// A credential that already holds a valid token, as one that has been used before.
		withToken = sender('Token', emulator.url);
		withToken.credential.data.token = emulator.issueToken(ADMIN, 8).token;
		await n8n.importCredential([
			byIp.credential,
			byName.credential,
			byIp3.credential,
			withToken.credential,
		]);
		await n8n.importWorkflow([byIp.workflow, byName.workflow, byIp3.workflow, withToken.workflow]);
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		if (n8n) await n8n.cleanup();
		if (emulator) await emulator.stop();
		if (v3) await v3.stop();
	}, TEST_TIMEOUT);

	/** Runs a workflow that n8n must refuse; nothing may reach the emulator. */
	async function refused(workflowId, env) {
		const from = emulator.requests.length;
		const result = await n8n.execute(workflowId, { env });
		expect(result.status).toBe('error');
		const error = result.nodeErrors.Send;
		if (!error) throw new Error(`the OpenIM node did not fail:\n${result.output.slice(-3000)}`);
		expect(emulator.requests.slice(from)).toEqual([]);
		return error;
	}

	async function storedToken(credentialId) {
		return (await n8n.exportCredential(credentialId)).data.token;
	}

	describe('the node', () => {
		test(
			'blocked before it has a token: the token fetch names the protection, 127.0.0.1 and the IP range to allow',
			async () => {
				const error = await refused(byIp.workflow.id, ON);
				expect(error.message).toBe(`${BLOCKED} 127.0.0.1`);
				expect(error.description).toMatch(/^Nothing was sent\. /);
				expect(error.description).toContain('set N8N_SSRF_ALLOWED_IP_RANGES=127.0.0.1/32 in');
				expect(error.description).not.toContain('N8N_SSRF_ALLOWED_HOSTNAMES'); // n8n ignores it for an IP address
				expect(JSON.stringify(error)).not.toContain(SECRET);
				expect(await storedToken(byIp.credential.id)).toBe('');
			},
			TEST_TIMEOUT,
		);

		test(
			'allowed with N8N_SSRF_ALLOWED_IP_RANGES=127.0.0.1/32: the token is fetched and the message goes out',
			async () => {
				const from = emulator.requests.length;
				const result = await n8n.execute(byIp.workflow.id, {
					env: { ...ON, N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.1/32' },
				});
				if (!result.ok) throw new Error(explain(result));
				expect(requestsTo(emulator, '/auth/user_token', from)).toHaveLength(1);
				const sent = requestsTo(emulator, '/manager/send_msg', from);
				expect(sent).toHaveLength(1);
				expect(sent[0].body).toMatchObject({
					sendID: 'alice',
					recvID: 'bob',
					sessionType: 1,
					contentType: 101,
				});
				const message = emulator.snapshot().messages.find((m) => m.content.text === byIp.text);
				expect(message).toMatchObject({ sendID: 'alice', recvID: 'bob' });
				expect(result.outputOf('Send')).toEqual([
					expect.objectContaining({ msgID: message.msgID }),
				]);
				expect(await storedToken(byIp.credential.id)).toBeTruthy();
			},
			TEST_TIMEOUT,
		);

		test(
			'blocked with a stored token: the request itself is refused with the same error',
			async () => {
				const token = await storedToken(withToken.credential.id);
				expect(token).toBe(withToken.credential.data.token);
				const error = await refused(withToken.workflow.id, ON);
				expect(error.message).toBe(`${BLOCKED} 127.0.0.1`);
				expect(error.description).toContain('set N8N_SSRF_ALLOWED_IP_RANGES=127.0.0.1/32 in');
				expect(JSON.stringify(error)).not.toContain(token);
				expect(JSON.stringify(error)).not.toContain(token.split('.')[2]);
				expect(await storedToken(withToken.credential.id)).toBe(token);
			},
			TEST_TIMEOUT,
		);

		test(
			'blocked by host name: names the host and its address, and offers N8N_SSRF_ALLOWED_HOSTNAMES',
			async () => {
				const error = await refused(byName.workflow.id, ON);
				expect(error.message).toBe(`${BLOCKED} localhost (127.0.0.1)`);
				expect(error.description).toContain(
					'set N8N_SSRF_ALLOWED_HOSTNAMES=localhost (or N8N_SSRF_ALLOWED_IP_RANGES=127.0.0.1/32) in',
				);
			},
			TEST_TIMEOUT,
		);

		test(
			'allowed with N8N_SSRF_ALLOWED_HOSTNAMES=localhost: the message goes out',
			async () => {
				const from = emulator.requests.length;
				const result = await n8n.execute(byName.workflow.id, {
					env: { ...ON, N8N_SSRF_ALLOWED_HOSTNAMES: 'localhost' },
				});
				if (!result.ok) throw new Error(explain(result));
				expect(requestsTo(emulator, '/manager/send_msg', from)).toHaveLength(1);
				expect(
					emulator.snapshot().messages.filter((m) => m.content.text === byName.text),
				).toHaveLength(1);
			},
			TEST_TIMEOUT,
		);
	});

	describe('the node on OpenIM 3.x', () => {
		test(
			'blocked before it has a token: the same error, and nothing reaches OpenIM',
			async () => {
				const from = v3.requests.length;
				const result = await n8n.execute(byIp3.workflow.id, { env: ON });
				expect(result.status).toBe('error');
				const error = result.nodeErrors.Send;
				expect(error.message).toBe(`${BLOCKED} 127.0.0.1`);
				expect(error.description).toMatch(/^Nothing was sent\. /);
				expect(error.description).toContain('set N8N_SSRF_ALLOWED_IP_RANGES=127.0.0.1/32 in');
				expect(JSON.stringify(error)).not.toContain(examples.OPENIM.v3.secret);
				expect(v3.requests.slice(from)).toEqual([]);
			},
			TEST_TIMEOUT,
		);

		test(
			'allowed with N8N_SSRF_ALLOWED_IP_RANGES=127.0.0.1/32: the admin token is fetched and the message goes out',
			async () => {
				const from = v3.requests.length;
				const result = await n8n.execute(byIp3.workflow.id, {
					env: { ...ON, N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.1/32' },
				});
				if (!result.ok) throw new Error(explain(result));
				expect(requestsTo(v3, '/auth/get_admin_token', from)).toHaveLength(1);
				expect(requestsTo(v3, '/msg/send_msg', from)).toHaveLength(1);
				expect(
					v3.snapshot().messages.filter((m) => JSON.parse(m.content).content === byIp3.text),
				).toHaveLength(1);
			},
			TEST_TIMEOUT,
		);
	});

	describe('the credential test (POST /rest/credentials/test)', () => {
		let server;

		let serverEnv;
		/** The n8n server with this SSRF set-up, started (again) unless it already runs with it. */
		async function startServer(env) {
			if (server && JSON.stringify(serverEnv) === JSON.stringify(env)) return;
			if (server) await server.stop();
			server = undefined;
			server = await n8n.startServer({ env });
			serverEnv = env;
			await server.setupOwner().catch(() => server.login());
		}

		afterAll(async () => {
			if (server) await server.stop();
		}, TEST_TIMEOUT);

		test(
			'blocked: its message names the protection, 127.0.0.1 and the IP range to allow, and nothing is sent',
			async () => {
				await startServer(ON);
				const { id, name, type, data } = byIp.credential; // token '' as a new credential has: n8n fetches one first
				const from = emulator.requests.length;
				const answer = await server.testCredential({ id, name, type, data });
				expect(answer.status).toBe('Error');
				expect(answer.message).toMatch(
					/^n8n's SSRF protection blocked the request to OpenIM at 127\.0\.0\.1\. Nothing was sent\. /,
				);
				expect(answer.message).toContain('set N8N_SSRF_ALLOWED_IP_RANGES=127.0.0.1/32 in');
				expect(answer.message).not.toContain(SECRET);
				expect(emulator.requests.slice(from)).toEqual([]);
			},
			SETUP_TIMEOUT,
		);

		test(
			'blocked with a stored token: n8n sends the test request without our code and shows only its own message',
			async () => {
				await startServer(ON);
				const { id, name, type, data } = withToken.credential;
				expect(data.token).toBeTruthy();
				const from = emulator.requests.length;
				const answer = await server.testCredential({ id, name, type, data });
				expect(answer).toEqual({
					status: 'Error',
					message: 'The request was blocked because it resolves to a restricted IP address',
				});
				expect(emulator.requests.slice(from)).toEqual([]);
			},
			TEST_TIMEOUT,
		);

		test(
			'allowed with N8N_SSRF_ALLOWED_IP_RANGES=127.0.0.1/32: the test passes against OpenIM',
			async () => {
				await startServer({ ...ON, N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.1/32' });
				const { id, name, type, data } = byIp.credential;
				const from = emulator.requests.length;
				expect(await server.testCredential({ id, name, type, data })).toMatchObject({
					status: 'OK',
				});
				expect(requestsTo(emulator, '/auth/user_token', from)).toHaveLength(1);
				expect(requestsTo(emulator, '/manager/get_all_users_uid', from)).toHaveLength(1);
			},
			SETUP_TIMEOUT,
		);
	});
});
