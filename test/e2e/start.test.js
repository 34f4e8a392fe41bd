'use strict';
/*
 * `npm start` as the README tells a person to use it: scripts/start.js (3.x by default) brings up the
 * emulator and a real n8n with the examples; the webhook example answers, and `npm run ask-bot` (the
 * command it prints) gets the IM bot's answer through the emulator's webhooks and the OpenIM Trigger.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, execFile } = require('node:child_process');

const { GENERATIONS, LABEL, SETUP_TIMEOUT, TEST_TIMEOUT, until } = require('./helpers');
const { freePort } = require('./n8n-cli');

const REPO = path.resolve(__dirname, '..', '..');

describe.each(GENERATIONS)('npm start with n8n generation %s', (generation) => {
	let child;
	let output = '';
	let folder;
	let ports;

	beforeAll(async () => {
		ports = { n8n: await freePort(), emulator: await freePort() };
		folder = fs.mkdtempSync(path.join(os.tmpdir(), 'openim-e2e-start-'));
		child = spawn(
			process.execPath,
			[
				'scripts/start.js',
				'--no-build',
				'--n8n',
				generation,
				'--port',
				String(ports.n8n),
				'--emulator-port',
				String(ports.emulator),
				'--folder',
				folder,
			],
			{
				cwd: REPO,
				env: { ...process.env, NODE_ENV: undefined },
				detached: true,
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		const ready = new Promise((resolve, reject) => {
			const onData = (chunk) => {
				output += chunk;
				if (output.includes('is ready')) resolve();
				if (output.includes('npm start failed')) reject(new Error(output.slice(-3000)));
			};
			child.stdout.on('data', onData);
			child.stderr.on('data', onData);
			child.on('exit', (code) =>
				reject(new Error(`npm start exited (${code}):\n${output.slice(-3000)}`)),
			);
		});
		await ready;
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		if (child && child.exitCode === null) {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGINT'); // as Ctrl-C
			await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30000))]);
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}
		if (folder) fs.rmSync(folder, { recursive: true, force: true });
	}, TEST_TIMEOUT);

	test(`${LABEL[generation]}: it prints the 3.x emulator, the examples and the bot command`, () => {
		expect(output).toContain(
			`OpenIM   http://127.0.0.1:${ports.emulator} (emulator: secret openIM123, admin imAdmin`,
		);
		expect(output).toContain(
			'activated: OpenIM example: approval in OpenIM, OpenIM example: webhook to message, OpenIM example: IM bot, OpenIM example: moderation, OpenIM example: MCP server with OpenIM tools\n',
		);
		expect(output).toMatch(
			/npm run ask-bot -- "What are your opening hours\?" --url http:\/\/127\.0\.0\.1:\d+/,
		);
		// No model credential in a new folder: the AI bot waits for one, the MCP example runs.
		expect(output).toContain(
			'inactive until n8n has an OpenAI, Anthropic or Ollama credential: OpenIM example: AI support bot',
		);
		expect(output).toMatch(/activated: [^\n]*OpenIM example: MCP server with OpenIM tools/);
		expect(output).not.toMatch(/activated: [^\n]*AI support bot/);
	});

	test(
		'the printed MCP server URL serves the OpenIM tools to the MCP client',
		async () => {
			const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
			const {
				StreamableHTTPClientTransport,
			} = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
			const [, url] = output.match(/MCP server URL \(streamable HTTP, or SSE\): (\S+)/);
			expect(url).toBe(`http://127.0.0.1:${ports.n8n}/mcp/openim-tools`);
			const client = new Client({ name: 'n8n-nodes-openim-start-e2e', version: '1.0.0' });
			try {
				await client.connect(new StreamableHTTPClientTransport(new URL(url)));
				const { tools } = await client.listTools();
				expect(tools.map((t) => t.name).sort()).toEqual([
					'Get_users',
					'Send_group_message',
					'Send_message',
				]);
			} finally {
				await client.close().catch(() => undefined);
			}
		},
		TEST_TIMEOUT,
	);

	test(
		'the webhook example sends a 3.x message',
		async () => {
			const res = await fetch(`http://127.0.0.1:${ports.n8n}/webhook/openim-message`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ text: 'Deploy finished', userID: 'bob' }),
			});
			const body = await res.json();
			expect(body).toMatchObject({
				ok: true,
				recvID: 'bob',
				sessionType: 1,
				serverMsgID: expect.any(String),
			});
			const state = await (
				await fetch(`http://127.0.0.1:${ports.emulator}/__emulator/state`)
			).json();
			const message = state.messages.find((m) => m.serverMsgID === body.serverMsgID);
			expect(JSON.parse(message.content)).toEqual({ content: 'Deploy finished' });
		},
		TEST_TIMEOUT,
	);

	test(
		'the printed approval curl asks alice, the console prints her links, and her Refund tells bob',
		async () => {
			const tried = output.match(
				/OpenIM example: approval in OpenIM:\n\s+curl -X POST (\S+) -H 'content-type: application\/json' \\\n\s+-d '([^']+)'/,
			);
			expect(tried).not.toBeNull();
			const [, url, body] = tried;
			expect(JSON.parse(body)).toMatchObject({ requester: 'bob', approver: 'alice' });
			const res = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body,
			});
			expect(res.status).toBe(200);
			const printed = await until(() =>
				output.match(
					/\[openim\] message to alice with answer links:\nRefund order A-1001[^\n]*\n\nRefund: (\S+)\nKeep: (\S+)\n/,
				),
			);
			const refund = printed[1];
			expect(new URL(refund).origin).toBe(`http://127.0.0.1:${ports.n8n}`);
			expect((await fetch(refund, { method: 'POST', body: new FormData() })).status).toBe(200);
			const told = await until(async () => {
				const state = await (
					await fetch(`http://127.0.0.1:${ports.emulator}/__emulator/state`)
				).json();
				return state.messages.find((m) => m.recvID === 'bob' && /refund/.test(m.content));
			});
			expect(JSON.parse(told.content)).toEqual({
				content: 'Your refund of order A-1001 was approved.',
			});
		},
		TEST_TIMEOUT,
	);

	test(
		'the printed ask-bot command gets the bot answer, once',
		async () => {
			const command = output.match(/npm run ask-bot -- "([^"]+)" --url (\S+)/);
			const { stdout } = await new Promise((resolve, reject) =>
				execFile(
					process.execPath,
					['scripts/ask-bot.js', '--url', command[2], command[1]],
					{ cwd: REPO, timeout: 60000 },
					(error, out, err) =>
						error
							? reject(new Error(`${error.message}\n${out}\n${err}`))
							: resolve({ stdout: out }),
				),
			);
			expect(stdout).toBe(
				'alice -> support_bot: What are your opening hours?\nsupport_bot -> alice: We are open Monday to Friday, 9:00 to 17:00.\n',
			);
			const state = await (await fetch(`${command[2]}/__emulator/state`)).json();
			const answers = state.messages.filter((m) => m.sendID === 'support_bot');
			expect(answers).toHaveLength(1);
		},
		TEST_TIMEOUT,
	);
});
