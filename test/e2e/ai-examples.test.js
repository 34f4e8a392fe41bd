'use strict';
/*
 * The AI examples in a real n8n (1.x and 2.x, `n8n start`, both workflows active), against the 3.x
 * emulator:
 * - examples/ai-support-bot.json with its model node set by examples.withModel() to an OpenAI credential
 *   whose Base URL is the scripted model server (what `npm start` does with the user's credential): an
 *   app user writes to the bot, the emulator's webhook starts the OpenIM Trigger, the agent gets the
 *   message, its tool send lands in the emulator and its answer goes back to the user.
 * - examples/mcp-openim-tools.json driven by the official MCP client (@modelcontextprotocol/sdk).
 */

const path = require('node:path');
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const {
	StreamableHTTPClientTransport,
} = require('@modelcontextprotocol/sdk/client/streamableHttp.js');

const {
	GENERATIONS,
	LABEL,
	SETUP_TIMEOUT,
	TEST_TIMEOUT,
	startStack,
	requestsTo,
	secretsOf,
	examples,
} = require('./helpers');
const { startModelServer, toolCall, text, toolResults, toolNames } = require('./model-server');
const { modelCredential } = require('./ai-workflows');
const { SEED_GROUP_ID } = require('../emulator/v3/state');

const BOT = 'ai_bot';
/** The Review node of the example asks carol; n8n 1.x runs the example without it (examples.withoutHumanReview). */
const REVIEWER = 'carol';
const textOf = (message) => JSON.parse(message.content).content;
const resultText = (result) => result.content.map((c) => c.text).join('\n');

async function until(what, check, timeoutMs = 120000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** An MCP client on `url`; n8n registers the trigger's webhook a moment after it answers, so retry a while. */
async function connect(url) {
	const deadline = Date.now() + 60000;
	for (;;) {
		const client = new Client({ name: 'n8n-nodes-openim-examples-e2e', version: '1.0.0' });
		try {
			await client.connect(new StreamableHTTPClientTransport(new URL(url)));
			return client;
		} catch (error) {
			await client.close().catch(() => undefined);
			if (Date.now() > deadline) throw error;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}
}

describe.each(GENERATIONS)('AI examples in n8n generation %s', (generation) => {
	const reviewed = generation === '2';
	let stack;
	let n8n;
	let emulator;
	let credential;
	let server;
	let model;
	let bot;
	let mcp;

	beforeAll(async () => {
		model = await startModelServer();
		stack = await startStack(generation, { openim: ['v3'] });
		({ n8n } = stack);
		({ emulator, credential } = stack.openim.v3);
		const byFile = (file) => stack.openim.v3.examples.find((e) => e.file === file).workflow;
		const modelCred = modelCredential(model.baseUrl);
		await n8n.importCredential(modelCred);
		// What npm start does once n8n has a model credential: the example's model node uses it.
		const stored = examples.modelCredentialOf(await n8n.listCredentials());
		expect(stored).toEqual({ id: modelCred.id, name: modelCred.name, type: 'openAiApi' });
		bot = examples.withModel(byFile('ai-support-bot.json'), stored);
		mcp = byFile('mcp-openim-tools.json');
		await n8n.importWorkflow(bot);
		for (const id of [examples.IDS.aiSupportBot, examples.IDS.mcpTools])
			await n8n.activateWorkflow(id);
		emulator.state.addUser({ userID: BOT, nickname: 'AI support bot' });
		server = await n8n.startServer();
		await server.setupOwner();
		const [trigger] = examples.triggersOf(bot);
		await server.waitForWebhook(`${trigger.path}/callbackAfterSendSingleMsgCommand`);
		emulator.webhooks.configure({
			url: `${server.baseUrl}/webhook/${trigger.path}`,
			afterSendSingleMsg: { enable: true },
		});
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		if (stack) await stack.stop();
		if (model) await model.stop();
	}, TEST_TIMEOUT);

	const secrets = () => secretsOf(emulator, credential);

	/** The run data of an execution, parsed with n8n's own flatted (the REST API sends it flattened). */
	async function runDataOf(executionId) {
		const res = await server.request('GET', `/rest/executions/${executionId}`);
		if (res.status !== 200)
			throw new Error(
				`GET /rest/executions/${executionId}: HTTP ${res.status} ${res.text.slice(0, 300)}`,
			);
		const flatted = require(path.join(n8n.runtime.installDir, 'node_modules', 'flatted'));
		return flatted.parse(res.json.data.data).resultData.runData;
	}

	async function finishedExecutions(workflowId, count) {
		return until(`${count} finished executions of ${workflowId}`, async () => {
			const res = await server.request('GET', '/rest/executions?limit=100');
			const data = res.json && res.json.data;
			const list = ((data && (data.results ?? data)) || []).filter(
				(e) => String(e.workflowId) === workflowId,
			);
			return (
				list.length >= count &&
				list.every((e) => e.stoppedAt || ['success', 'error', 'crashed'].includes(e.status)) &&
				list
			);
		});
	}

	test(
		`${LABEL[generation]}: AI support bot: the user's message reaches the agent, its tool send (reviewed by carol on n8n 2.x) lands in OpenIM and the answer goes back`,
		async () => {
			const question = 'My invoice is wrong, can a human help?';
			const handOver = 'alice says her invoice is wrong; please contact her.';
			const answer = 'I asked bob from our team to contact you about your invoice.';
			const handOverArgs = { recvID: 'bob', text: handOver };
			model.script([
				() => toolCall('Get_users', { userIDs: 'alice' }),
				// On n8n 2.x the Review node gates the tool: the model's input goes under toolParameters.
				() =>
					toolCall(
						'Send_message',
						reviewed ? { toolParameters: handOverArgs, hitlParameters: {} } : handOverArgs,
					),
				() => text(answer),
			]);
			const from = emulator.requests.length;
			const messages = emulator.snapshot().messages.length;
			const sentByBot = () =>
				requestsTo(emulator, '/msg/send_msg', from).filter((r) => r.body.sendID === BOT);

			// alice writes to the bot from her app; the emulator calls the trigger as webhooks.yml says.
			const res = await fetch(`${emulator.url}/__emulator/app/send`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					sendID: 'alice',
					recvID: BOT,
					contentType: 101,
					content: { content: question },
				}),
			});
			expect(res.status).toBe(200);
			if (reviewed) {
				// carol is asked first, with the tool's input; her approval lets the hand-over go to bob.
				const asked = await until('the review message to carol', () =>
					sentByBot().find((r) => r.body.recvID === REVIEWER),
				);
				const review = asked.body.content.content;
				expect(review.split('\n').slice(0, 2)).toEqual([
					'The support bot wants to run Send_message with:',
					JSON.stringify(handOverArgs),
				]);
				expect(sentByBot().filter((r) => r.body.recvID === 'bob')).toEqual([]);
				const [approve] = [...review.matchAll(/^Send it: (http\S+)$/gm)].map((m) => m[1]);
				const approved = await fetch(approve, { method: 'POST', body: new FormData() });
				expect(approved.status).toBe(200);
			}
			const reply = await until('the bot answer to alice', () =>
				emulator
					.snapshot()
					.messages.slice(messages)
					.find((m) => m.sendID === BOT && m.recvID === 'alice'),
			);

			expect(model.failures).toEqual([]);
			const [first, second, third] = model.completions();
			expect(model.completions()).toHaveLength(3);
			expect(toolNames(first).sort()).toEqual(['Get_users', 'Send_message']);
			const said = (body, role) =>
				body.messages
					.filter((m) => m.role === role)
					.map((m) => JSON.stringify(m.content))
					.join('\n');
			expect(said(first, 'user')).toContain(question);
			expect(said(first, 'system')).toContain('has the user ID alice');
			// The model's next requests carry what the OpenIM tools returned.
			const [profile] = toolResults(second);
			expect(JSON.parse(profile.content)).toEqual([
				expect.objectContaining({
					userID: 'alice',
					nickname: emulator.state.users.get('alice').nickname,
				}),
			]);

			const sends = sentByBot();
			expect(sends.map((r) => [r.body.recvID, r.body.sessionType, r.body.contentType])).toEqual([
				...(reviewed ? [[REVIEWER, 1, 101]] : []),
				['bob', 1, 101],
				['alice', 1, 101],
			]);
			const toBob = emulator
				.snapshot()
				.messages.find(
					(m) =>
						m.serverMsgID === sends.find((r) => r.body.recvID === 'bob').answer.data.serverMsgID,
				);
			expect(textOf(toBob)).toBe(handOver);
			expect(
				toolResults(third)
					.map((r) => r.content)
					.join('\n'),
			).toContain(toBob.serverMsgID);
			expect(textOf(reply)).toBe(answer);
			expect(reply).toMatchObject({
				sessionType: 1,
				contentType: 101,
				senderNickname: 'AI support bot',
			});
			for (const request of model.requests)
				for (const secret of secrets()) expect(request.raw).not.toContain(secret);

			// One execution (the bot's own sends start none), and what its nodes returned.
			const [execution] = await finishedExecutions(examples.IDS.aiSupportBot, 1);
			expect(execution.status).toBe('success');
			const runData = await runDataOf(execution.id);
			expect(runData['AI Agent'][0].data.main[0].map((i) => i.json)).toEqual([
				expect.objectContaining({ output: answer }),
			]);
			expect(runData.Reply[0].data.main[0].map((i) => i.json)).toEqual([
				expect.objectContaining({ serverMsgID: reply.serverMsgID, clientMsgID: reply.clientMsgID }),
			]);
			await emulator.webhooks.settled();
			const listed = (await server.request('GET', '/rest/executions?limit=100')).json.data;
			expect(
				(listed.results ?? listed).filter(
					(e) => String(e.workflowId) === examples.IDS.aiSupportBot,
				),
			).toHaveLength(1);
		},
		TEST_TIMEOUT,
	);

	describe('MCP server example', () => {
		let client;

		beforeAll(async () => {
			const [trigger] = examples.mcpTriggersOf(mcp);
			client = await connect(`${server.baseUrl}/mcp/${trigger.path}`);
		}, SETUP_TIMEOUT);

		afterAll(async () => {
			if (client) await client.close().catch(() => undefined);
		}, TEST_TIMEOUT);

		test(
			'the MCP client lists the three OpenIM tools with their parameters',
			async () => {
				const { tools } = await client.listTools();
				expect(tools.map((t) => t.name).sort()).toEqual([
					'Get_users',
					'Send_group_message',
					'Send_message',
				]);
				const params = Object.fromEntries(
					tools.map((t) => [t.name, Object.keys(t.inputSchema.properties).sort()]),
				);
				expect(params).toEqual({
					Get_users: ['userIDs'],
					Send_group_message: ['groupID', 'text'],
					Send_message: ['recvID', 'text'],
				});
			},
			TEST_TIMEOUT,
		);

		test(
			'Send_group_message posts in the group; Send_message to a user; the results hold the ids and no secret',
			async () => {
				const from = emulator.requests.length;
				const group = await client.callTool({
					name: 'Send_group_message',
					arguments: { groupID: SEED_GROUP_ID, text: 'Release 1.2 is out.' },
				});
				const direct = await client.callTool({
					name: 'Send_message',
					arguments: { recvID: 'carol', text: 'Your access is ready.' },
				});
				expect(group.isError).toBeFalsy();
				expect(direct.isError).toBeFalsy();

				const sent = requestsTo(emulator, '/msg/send_msg', from);
				expect(
					sent.map((r) => [r.body.sendID, r.body.sessionType, r.body.groupID || r.body.recvID]),
				).toEqual([
					[examples.OPENIM.v3.adminUserId, 3, SEED_GROUP_ID],
					[examples.OPENIM.v3.adminUserId, 1, 'carol'],
				]);
				const stored = sent.map((r) =>
					emulator.snapshot().messages.find((m) => m.serverMsgID === r.answer.data.serverMsgID),
				);
				expect(stored.map(textOf)).toEqual(['Release 1.2 is out.', 'Your access is ready.']);
				expect(resultText(group)).toContain(stored[0].serverMsgID);
				expect(resultText(direct)).toContain(stored[1].serverMsgID);
				for (const secret of secrets())
					expect(JSON.stringify([group, direct])).not.toContain(secret);
			},
			TEST_TIMEOUT,
		);

		test(
			'Get_users returns the profiles and marks an unknown user',
			async () => {
				const result = await client.callTool({
					name: 'Get_users',
					arguments: { userIDs: 'bob,ghost' },
				});
				expect(result.isError).toBeFalsy();
				const answer = resultText(result);
				expect(answer).toContain(emulator.state.users.get('bob').nickname);
				expect(answer).toMatch(
					/"userID":\s*"ghost"[^}]*"found":\s*false|"found":\s*false[^}]*"userID":\s*"ghost"/,
				);
			},
			TEST_TIMEOUT,
		);
	});
});
