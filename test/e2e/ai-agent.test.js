'use strict';
/*
 * The OpenIM node as an AI Agent tool in a real n8n (1.x and 2.x): n8n's AI Agent with its OpenAI Chat
 * Model pointed at a scripted model server (model-server.js) and OpenIM tools (`openImTool`, derived by
 * n8n from `usableAsTool`, parameters from `$fromAI()`), run by `n8n execute` against the 3.x emulator.
 * What the model server received is the evidence: the tools it was offered, the tool results it was sent
 * (the send's ids, or OpenIM's errCode and hint), and that no token or secret was ever among them.
 */

const {
	GENERATIONS,
	LABEL,
	SETUP_TIMEOUT,
	TEST_TIMEOUT,
	startStack,
	requestsTo,
	secretsOf,
	explain,
} = require('./helpers');
const { startModelServer, toolCall, text, toolResults, toolNames } = require('./model-server');
const {
	ADMIN,
	modelCredential,
	sendMessageTool,
	getUsersTool,
	agentWorkflow,
} = require('./ai-workflows');

const SEND_FLOW = 'aiE2eSendFlow001';
const textOf = (message) => JSON.parse(message.content).content;

describe.each(GENERATIONS)('OpenIM as an AI Agent tool in n8n generation %s', (generation) => {
	let stack;
	let emulator;
	let n8n;
	let model;
	let credential;

	beforeAll(async () => {
		model = await startModelServer();
		stack = await startStack(generation, { openim: ['v3'] });
		({ n8n } = stack);
		({ emulator, credential } = stack.openim.v3);
		await n8n.importCredential(modelCredential(model.baseUrl));
		await n8n.importWorkflow(
			agentWorkflow(SEND_FLOW, {
				prompt: 'Tell bob that the deploy is finished.',
				tools: [sendMessageTool(), getUsersTool()],
			}),
		);
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		if (stack) await stack.stop();
		if (model) await model.stop();
	}, TEST_TIMEOUT);

	/** Runs the agent workflow with the model's script; fails with n8n's story if the execution failed. */
	async function runAgent(steps) {
		model.script(steps);
		const result = await n8n.execute(SEND_FLOW);
		if (!result.ok)
			throw new Error(
				`${explain(result)}\nmodel requests: ${JSON.stringify(model.completions(), null, 1).slice(0, 3000)}`,
			);
		expect(model.failures).toEqual([]);
		return result;
	}

	function expectNoSecretsSent() {
		const secrets = secretsOf(emulator, credential);
		expect(secrets.length).toBeGreaterThan(1); // the secret and at least one token issued in this run
		for (const request of model.requests) {
			for (const secret of secrets) expect(request.raw).not.toContain(secret);
		}
	}

	test(
		`${LABEL[generation]}: the model calls the OpenIM tool, the message lands in OpenIM, the next request carries the result`,
		async () => {
			const from = emulator.requests.length;
			const result = await runAgent([
				() => toolCall('Send_message', { recvID: 'bob', text: 'The deploy is finished.' }),
				() => text('I told bob.'),
			]);

			const [first, second] = model.completions();
			expect(model.completions()).toHaveLength(2);
			// The tools n8n offered: named after the nodes, described as set, with the $fromAI() parameters.
			expect(toolNames(first).sort()).toEqual(['Get_users', 'Send_message']);
			const send = first.tools.find((t) => t.function.name === 'Send_message').function;
			expect(send.description).toBe('Sends a one-to-one text message to an OpenIM user.');
			expect(Object.keys(send.parameters.properties).sort()).toEqual(['recvID', 'text']);
			expect(send.parameters.properties.recvID).toMatchObject({
				type: 'string',
				description: 'The user ID of the receiver',
			});
			expect(
				first.messages.some(
					(m) =>
						m.role === 'user' &&
						/Tell bob that the deploy is finished/.test(JSON.stringify(m.content)),
				),
			).toBe(true);

			const sent = requestsTo(emulator, '/msg/send_msg', from);
			expect(sent).toHaveLength(1);
			expect(sent[0].body).toMatchObject({
				sendID: ADMIN,
				recvID: 'bob',
				sessionType: 1,
				contentType: 101,
			});
			const stored = emulator
				.snapshot()
				.messages.find((m) => m.serverMsgID === sent[0].answer.data.serverMsgID);
			expect(textOf(stored)).toBe('The deploy is finished.');

			// The second request answers the first one's tool call with what the node returned.
			const callId = second.messages.find((m) => m.role === 'assistant' && m.tool_calls)
				.tool_calls[0].id;
			const [result0] = toolResults(second);
			expect(result0.tool_call_id).toBe(callId);
			expect(result0.content).toContain(stored.serverMsgID);
			expect(result0.content).toContain(stored.clientMsgID);
			expect(result.outputOf('AI Agent')).toEqual([
				expect.objectContaining({ output: 'I told bob.' }),
			]);
			expectNoSecretsSent();
		},
		TEST_TIMEOUT,
	);

	test(
		'an OpenIM error comes back to the model as a tool result naming the errCode and the hint, and the agent goes on',
		async () => {
			const from = emulator.requests.length;
			const messages = emulator.snapshot().messages.length;
			const result = await runAgent([
				() => toolCall('Send_message', { recvID: 'nobody_here', text: 'Hello?' }),
				() => text('There is no such user.'),
			]);

			expect(requestsTo(emulator, '/msg/send_msg', from).map((r) => r.answer.errCode)).toEqual([
				1004,
			]);
			expect(emulator.snapshot().messages).toHaveLength(messages);
			const [, second] = model.completions();
			const [toolResult] = toolResults(second);
			expect(toolResult.content).toMatch(/errCode 1004/);
			expect(toolResult.content).toMatch(/Register the user first/);
			expect(result.outputOf('AI Agent')).toEqual([
				expect.objectContaining({ output: 'There is no such user.' }),
			]);
			expectNoSecretsSent();
		},
		TEST_TIMEOUT,
	);

	test(
		'the model looks users up with the Get tool and gets their profiles, unknown ones marked',
		async () => {
			const result = await runAgent([
				() => toolCall('Get_users', { userIDs: 'alice,ghost' }),
				() => text('alice exists, ghost does not.'),
			]);
			const [, second] = model.completions();
			const [toolResult] = toolResults(second);
			const items = JSON.parse(toolResult.content);
			expect(items).toEqual([
				expect.objectContaining({
					userID: 'alice',
					nickname: emulator.state.users.get('alice').nickname,
				}),
				expect.objectContaining({ userID: 'ghost', found: false }),
			]);
			expect(result.outputOf('AI Agent')).toEqual([
				expect.objectContaining({ output: 'alice exists, ghost does not.' }),
			]);
			expectNoSecretsSent();
		},
		TEST_TIMEOUT,
	);
});
