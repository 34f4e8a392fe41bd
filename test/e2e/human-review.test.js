'use strict';
/*
 * Human review of an AI tool through OpenIM, in a real n8n 2.41.1 (`n8n start`): n8n 2.x generates
 * `openImHitlTool` from the node's Send and Wait for Response operation. The workflow is
 * Webhook → AI Agent (scripted model, model-server.js) → Report, with the OpenIM tool "Send message"
 * gated by the review node "Review", which asks alice in OpenIM. The links are taken from the message
 * the emulator received, as alice's app shows them. Approve: the gated tool runs with the model's
 * input and the model gets its result. Decline: nothing is sent and the model is told so.
 * n8n 1.x has no such tools (the type does not load there), so this suite runs on generation 2 only.
 */

const {
	SETUP_TIMEOUT,
	TEST_TIMEOUT,
	startStack,
	requestsTo,
	secretsOf,
	until,
	answerLinks,
	GENERATIONS,
} = require('./helpers');
const { startModelServer, toolCall, text, toolResults, toolNames } = require('./model-server');
const {
	ADMIN,
	modelCredential,
	chatModel,
	sendMessageTool,
	link,
	OPENIM_CREDENTIAL,
} = require('./ai-workflows');

const WORKFLOW = 'aiE2eReviewFlw01';
const PATH = 'ai-human-review';
const REVIEWER = 'alice';
const REPORT_TO = 'carol';
const SEND = '/msg/send_msg';
const textOf = (body) => body.content.content;

/** The review node: n8n's generated human review tool of the OpenIM node, on OpenIM 3.x. */
const review = {
	id: 'ai-review',
	name: 'Review',
	type: 'n8n-nodes-openim.openImHitlTool',
	typeVersion: 2,
	position: [200, 220],
	parameters: {
		apiVersion: 'v3',
		// n8n's default Message renders the tool's input as "[object Object]": say it as JSON.
		message:
			'=The agent wants to run {{ $tool.name }} with:\n{{ JSON.stringify($tool.parameters) }}',
		sendID: ADMIN,
		sessionType: 1,
		recvID: REVIEWER,
		approvalOptions: {
			values: { approvalType: 'double', approveLabel: 'Run it', disapproveLabel: 'Stop' },
		},
	},
	credentials: OPENIM_CREDENTIAL,
};

const reviewWorkflow = {
	id: WORKFLOW,
	name: 'AI agent with human review',
	nodes: [
		{
			id: 'ai-webhook',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [-220, 0],
			webhookId: '5d1c7e2a-4b7f-4f0e-9a51-3c2d1e0f9a77',
			parameters: { httpMethod: 'POST', path: PATH, options: {} },
		},
		{
			id: 'ai-agent',
			name: 'AI Agent',
			type: '@n8n/n8n-nodes-langchain.agent',
			typeVersion: 3,
			position: [0, 0],
			parameters: { promptType: 'define', text: '={{ $json.body.prompt }}', options: {} },
		},
		chatModel(),
		review,
		sendMessageTool('Send message', [400, 400]),
		{
			id: 'ai-report',
			name: 'Report',
			type: 'n8n-nodes-openim.openIm',
			typeVersion: 2,
			position: [300, 0],
			parameters: {
				apiVersion: 'v3',
				resource: 'message',
				operation: 'send',
				sendID: ADMIN,
				sessionType: 1,
				recvID: REPORT_TO,
				contentType: 101,
				text: "={{ 'report ' + $json.output }}",
				additionalFields: {},
				options: {},
			},
			credentials: OPENIM_CREDENTIAL,
		},
	],
	connections: {
		Webhook: link('AI Agent'),
		'OpenAI Chat Model': link('AI Agent', 'ai_languageModel'),
		'Send message': link('Review', 'ai_tool'),
		Review: link('AI Agent', 'ai_tool'),
		'AI Agent': link('Report'),
	},
	settings: { executionOrder: 'v1' },
};

const skip = GENERATIONS.includes('2')
	? ''
	: `N8N_E2E_GENERATIONS=${process.env.N8N_E2E_GENERATIONS} leaves out n8n 2.x`;
if (skip) console.warn(`test/e2e/human-review.test.js skipped: ${skip}`);
const suite = skip ? describe.skip : describe;

suite('human review of an AI tool through OpenIM on n8n 2.41.1 (Node 24)', () => {
	let stack;
	let emulator;
	let credential;
	let model;
	let server;

	beforeAll(async () => {
		model = await startModelServer();
		stack = await startStack('2', { openim: ['v3'] });
		({ emulator, credential } = stack.openim.v3);
		await stack.n8n.importCredential(modelCredential(model.baseUrl));
		await stack.n8n.importWorkflow(reviewWorkflow);
		await stack.n8n.activateWorkflow(WORKFLOW);
		server = await stack.n8n.startServer();
		await server.waitForWebhook(PATH);
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		if (stack) await stack.stop();
		if (model) await model.stop();
	}, TEST_TIMEOUT);

	const sent = () => requestsTo(emulator, SEND).filter((r) => r.body);
	const to = (userID, from) =>
		sent()
			.slice(from)
			.filter((r) => r.body.recvID === userID);

	/**
	 * Asks the agent `prompt` with the model's script, waits for the review message to alice, checks
	 * it (the tool and its input, one signed link per answer) and resolves with its links.
	 */
	async function askForReview(prompt, input, reply) {
		const steps = [
			() => toolCall('Send_message', { toolParameters: input, hitlParameters: {} }),
			() => text(reply),
		];
		const from = sent().length;
		model.script(steps);
		const started = await fetch(`${server.baseUrl}/webhook/${PATH}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ prompt }),
		});
		expect(started.status).toBe(200);
		const [asked] = await until(() => to(REVIEWER, from).length && to(REVIEWER, from));
		expect(asked.body).toMatchObject({
			sendID: ADMIN,
			recvID: REVIEWER,
			sessionType: 1,
			contentType: 101,
		});
		const message = textOf(asked.body);
		const links = answerLinks(message);
		expect(links.map((l) => l.label)).toEqual(['Run it', 'Stop']);
		for (const { url } of links) {
			expect(new URL(url).pathname).toMatch(/^\/webhook-waiting\/\d+\/ai-review$/);
			expect(new URL(url).searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
		}
		expect(message.split('\n').slice(0, 2)).toEqual([
			'The agent wants to run Send_message with:',
			JSON.stringify(input),
		]);
		expect(to('bob', from)).toEqual([]); // nothing runs before the answer
		return { from, links };
	}

	const answer = (url) => fetch(url, { method: 'POST', body: new FormData() });

	async function reportOf(from) {
		const [report] = await until(() => to(REPORT_TO, from).length && to(REPORT_TO, from));
		return textOf(report.body);
	}

	test(
		'n8n lists the review tool: OpenIM under Human in the Loop, Send and Wait only',
		async () => {
			await server.setupOwner();
			const res = await server.request('GET', '/types/nodes.json');
			expect(res.status).toBe(200);
			const types = res.json.filter((t) => t.name === 'n8n-nodes-openim.openImHitlTool');
			expect(types).toHaveLength(1);
			const [type] = types;
			expect(type).toMatchObject({
				displayName: 'OpenIM',
				version: [1, 2],
				subtitle: 'Send and wait',
			});
			expect(type.codex.subcategories.Tools).toContain('Human in the Loop');
			const hidden = (name) =>
				type.properties.filter((p) => p.name === name).map((p) => [p.type, p.default]);
			expect(hidden('resource')).toEqual([['hidden', 'message']]);
			expect(new Set(hidden('operation').map(String))).toEqual(new Set(['hidden,sendAndWait']));
			expect(type.webhooks).toHaveLength(2);
		},
		TEST_TIMEOUT,
	);

	test(
		'the model is offered the gated tool: its own input under toolParameters',
		async () => {
			const { links, from } = await askForReview(
				'Tell bob the deploy is done.',
				{ recvID: 'bob', text: 'The deploy is done.' },
				'Not sent.',
			);
			const [first] = model.completions();
			expect(toolNames(first)).toEqual(['Send_message']);
			const { properties } = first.tools[0].function.parameters;
			expect(Object.keys(properties).sort()).toEqual(['hitlParameters', 'toolParameters']);
			expect(Object.keys(properties.toolParameters.properties).sort()).toEqual(['recvID', 'text']);
			// Leave no execution waiting for the next tests.
			expect((await answer(links[1].url)).status).toBe(200);
			await reportOf(from);
		},
		TEST_TIMEOUT,
	);

	test(
		"approve: the gated tool sends to bob with the model's input, the model gets its result, the agent answers",
		async () => {
			const { links, from } = await askForReview(
				'Tell bob the deploy is done.',
				{ recvID: 'bob', text: 'The deploy is done.' },
				'I told bob.',
			);
			const page = await fetch(links[0].url);
			expect(page.status).toBe(200);
			expect(await page.text()).toContain('>Run it</button>');
			expect(to('bob', from)).toEqual([]); // a link preview (GET) approves nothing

			const answered = await answer(links[0].url);
			expect(answered.status).toBe(200);
			expect(await answered.text()).toContain('Your answer "Run it" was recorded.');
			expect(await reportOf(from)).toBe('report I told bob.');

			const toBob = to('bob', from);
			expect(toBob).toHaveLength(1);
			expect(toBob[0].body).toMatchObject({ sendID: ADMIN, sessionType: 1, contentType: 101 });
			expect(textOf(toBob[0].body)).toBe('The deploy is done.');
			expect(model.failures).toEqual([]);
			const completions = model.completions();
			expect(completions).toHaveLength(2);
			const [result] = toolResults(completions[1]);
			expect(result.content).toContain(toBob[0].answer.data.serverMsgID);
			for (const request of model.requests)
				for (const secret of secretsOf(emulator, credential))
					expect(request.raw).not.toContain(secret);
		},
		TEST_TIMEOUT,
	);

	test(
		'decline: nothing is sent to bob, the model is told the user rejected the call, the agent answers',
		async () => {
			const { links, from } = await askForReview(
				'Tell bob the deploy failed.',
				{ recvID: 'bob', text: 'The deploy failed.' },
				'The reviewer stopped it.',
			);
			const answered = await answer(links[1].url);
			expect(answered.status).toBe(200);
			expect(await answered.text()).toContain('Your answer "Stop" was recorded.');
			expect(await reportOf(from)).toBe('report The reviewer stopped it.');

			expect(to('bob', from)).toEqual([]);
			expect(model.failures).toEqual([]);
			const completions = model.completions();
			expect(completions).toHaveLength(2);
			const [result] = toolResults(completions[1]);
			expect(result.content).toContain('User rejected the tool call to Send message');
			// The approve link is over once the decline was recorded.
			expect(await (await answer(links[0].url)).text()).toContain('No action required');
			expect(to('bob', from)).toEqual([]);
		},
		TEST_TIMEOUT,
	);
});
