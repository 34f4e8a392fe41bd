// scripts/examples.js: how `npm start` and the e2e tests give an AI example the user's chat model.
const examples = require('../../scripts/examples');

const bot = examples.loadExamples('v3').find((e) => e.file === 'ai-support-bot.json').workflow;
const modelNode = (workflow) => workflow.nodes.find((n) => n.name === examples.MODEL_NODE);

describe('AI examples and the chat model credential', () => {
	test('only the AI support bot needs a model; the MCP example has one MCP trigger', () => {
		const needing = examples.loadExamples('v3').filter((e) => examples.needsModel(e.workflow));
		expect(needing.map((e) => e.id)).toEqual([examples.IDS.aiSupportBot]);
		const mcp = examples.loadExamples('v3').find((e) => e.id === examples.IDS.mcpTools).workflow;
		expect(examples.mcpTriggersOf(mcp)).toEqual([
			{ node: 'MCP Server Trigger', path: 'openim-tools' },
		]);
	});

	test('the first OpenAI, Anthropic or Ollama credential is the one used', () => {
		const stored = [
			{ id: '1', name: 'OpenIM', type: 'openImV3Api' },
			{ id: '2', name: 'Claude', type: 'anthropicApi' },
			{ id: '3', name: 'OpenAI', type: 'openAiApi' },
		];
		expect(examples.modelCredentialOf(stored)).toBe(stored[1]);
		expect(examples.modelCredentialOf(stored.slice(0, 1))).toBeUndefined();
	});

	test.each(Object.entries(examples.CHAT_MODELS))(
		'withModel(%s) puts that chat model node and the credential in, the rest unchanged',
		(type, model) => {
			const credential = { id: 'cred1', name: 'Mine', type };
			const changed = examples.withModel(bot, credential);
			expect(modelNode(changed)).toEqual({
				...modelNode(bot),
				type: model.type,
				typeVersion: model.typeVersion,
				parameters: model.parameters,
				credentials: { [type]: { id: 'cred1', name: 'Mine' } },
			});
			expect(changed.nodes.filter((n) => n.name !== examples.MODEL_NODE)).toEqual(
				bot.nodes.filter((n) => n.name !== examples.MODEL_NODE),
			);
			expect(changed.connections).toEqual(bot.connections);
			expect(modelNode(bot).credentials).toBeUndefined(); // the loaded example is not changed
		},
	);

	test('withModel refuses a credential no chat model node takes', () => {
		expect(() => examples.withModel(bot, { id: 'x', name: 'OpenIM', type: 'openImV3Api' })).toThrow(
			/openImV3Api/,
		);
	});
});

describe('human review on the two n8n lines', () => {
	const on1 = examples
		.loadExamples('v3', '1')
		.find((e) => e.file === 'ai-support-bot.json').workflow;
	const aiTools = (workflow) =>
		Object.entries(workflow.connections)
			.filter(([, outputs]) => outputs.ai_tool)
			.map(([source, outputs]) => [source, outputs.ai_tool[0].map((l) => l.node)]);

	test('on n8n 2.x, Send message reaches the agent through the Review node, a 3.x Send and Wait', () => {
		const review = bot.nodes.find((n) => n.name === 'Review');
		expect(review).toMatchObject({
			type: 'n8n-nodes-openim.openImHitlTool',
			typeVersion: 2,
			parameters: { apiVersion: 'v3', sendID: 'ai_bot', sessionType: 1 },
		});
		expect(aiTools(bot).sort()).toEqual([
			['Get users', ['AI Agent']],
			['Review', ['AI Agent']],
			['Send message', ['Review']],
		]);
	});

	test('on n8n 1.x, the Review node is gone and Send message goes straight to the agent', () => {
		expect(on1.nodes.map((n) => n.name)).toEqual(
			bot.nodes.map((n) => n.name).filter((name) => name !== 'Review'),
		);
		expect(aiTools(on1).sort()).toEqual([
			['Get users', ['AI Agent']],
			['Send message', ['AI Agent']],
		]);
		expect(on1.connections['OpenIM Trigger']).toEqual(bot.connections['OpenIM Trigger']);
		expect(bot.nodes.some((n) => n.name === 'Review')).toBe(true); // the stored example is unchanged
	});

	test('a workflow without review nodes is returned as it is', () => {
		const mcp = examples.loadExamples('v3').find((e) => e.id === examples.IDS.mcpTools).workflow;
		expect(examples.withoutHumanReview(mcp)).toBe(mcp);
	});
});
