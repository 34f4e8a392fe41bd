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
