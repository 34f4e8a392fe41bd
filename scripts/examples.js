'use strict';
/*
 * The example workflows and the credential they use, per OpenIM generation,
 * shared by `npm start` (scripts/start.js) and the end-to-end tests (test/e2e/):
 * examples/*.json are the 3.x ones (OpenIM node typeVersion 2); their 2021
 * versions (typeVersion 1, as saved before 3.x existed) are test fixtures that
 * keep running in the e2e suite and that `npm start -- --openim 2021` imports.
 */

const fs = require('node:fs');
const path = require('node:path');

const EXAMPLES_DIR = path.resolve(__dirname, '..', 'examples');
const EXAMPLES_2021_DIR = path.resolve(__dirname, '..', 'test', 'e2e', 'fixtures', 'examples-2021');

/**
 * Per OpenIM generation: where its examples are, the credential they refer to
 * (`npm start` and the tests create it) and the defaults of a fresh install.
 */
const OPENIM = {
	v3: {
		dir: EXAMPLES_DIR,
		credentialId: 'openimLocalCredV',
		credentialName: 'OpenIM (local emulator)',
		credentialType: 'openImV3Api',
		port: 10002,
		secret: 'openIM123',
		adminUserId: 'imAdmin',
	},
	2021: {
		dir: EXAMPLES_2021_DIR,
		credentialId: 'openimLocalCred1',
		credentialName: 'OpenIM 2021 (local emulator)',
		credentialType: 'openImApi',
		port: 10000,
		secret: 'tuoyun',
		adminUserId: 'openIM123456',
	},
};

/** The ids of the examples (stable: the tests and the README use them). */
const IDS = {
	webhook: 'openimExWebhook1',
	crmSync: 'openimExCrmSync1',
	onboarding: 'openimExOnboard1',
	dailyReport: 'openimExDailyRp1',
	approval: 'openimExApprove1',
	aiSupportBot: 'openimExAiBot001',
	mcpTools: 'openimExMcpTool1',
};

const IDS_2021 = {
	webhook: 'openimEx21Webhk1',
	crmSync: 'openimEx21CrmSy1',
	onboarding: 'openimEx21Onbrd1',
};

/**
 * How to try an example with a webhook (`npm start` prints it), by example id: the JSON to POST as a curl,
 * and what happens next when that is not just the answer.
 */
const ALERT = { title: 'Disk full', severity: 'critical', message: '/var at 97%', userID: 'alice' };
const TRY_IT = {
	[IDS.webhook]: { body: ALERT },
	[IDS_2021.webhook]: { body: ALERT },
	[IDS.approval]: {
		body: { order: 'A-1001', amount: '42.50 EUR', requester: 'bob', approver: 'alice' },
		then: [
			'alice is asked in OpenIM (with the emulator, this console prints her message and its Refund and',
			'Keep links): open one in a browser and press its button, and bob is told.',
		],
	},
};

/**
 * The chat model nodes an AI example can use, by the type of the user's credential (n8n's OpenAI,
 * Anthropic and Ollama credentials). An AI example leaves its model to the user: `npm start` puts
 * the first such credential it finds into the example's node named MODEL_NODE and activates the
 * example; without one the example stays inactive. Models: each node's default on n8n 1.x.
 */
const MODEL_NODE = 'Chat Model';
const CHAT_MODELS = {
	openAiApi: {
		type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
		typeVersion: 1.2,
		parameters: { model: { __rl: true, value: 'gpt-4.1-mini', mode: 'list' }, options: {} },
	},
	anthropicApi: {
		type: '@n8n/n8n-nodes-langchain.lmChatAnthropic',
		typeVersion: 1.3,
		parameters: {
			model: { __rl: true, value: 'claude-sonnet-4-5-20250929', mode: 'list' },
			options: {},
		},
	},
	ollamaApi: {
		type: '@n8n/n8n-nodes-langchain.lmChatOllama',
		typeVersion: 1,
		parameters: { model: 'llama3.2', options: {} },
	},
};

/** Whether a workflow has a chat model node that needs the user's credential. */
function needsModel(workflow) {
	return (workflow.nodes || []).some((n) => n.name === MODEL_NODE && !n.disabled);
}

/** The first stored credential ({id, name, type}) a chat model node can use, or undefined. */
function modelCredentialOf(credentials) {
	return credentials.find((c) => CHAT_MODELS[c.type]);
}

/** A copy of the workflow whose model node is the chat model for `credential` ({id, name, type}). */
function withModel(workflow, credential) {
	const model = CHAT_MODELS[credential.type];
	if (!model) throw new Error(`no chat model node for credentials of type ${credential.type}`);
	const copy = structuredClone(workflow);
	for (const node of copy.nodes) {
		if (node.name !== MODEL_NODE) continue;
		Object.assign(node, structuredClone(model), {
			credentials: { [credential.type]: { id: credential.id, name: credential.name } },
		});
	}
	return copy;
}

/** The MCP Server Triggers of a workflow: [{node, path}] (clients connect to /mcp/<path>). */
function mcpTriggersOf(workflow) {
	return (workflow.nodes || [])
		.filter((n) => n.type === '@n8n/n8n-nodes-langchain.mcpTrigger' && !n.disabled)
		.map((n) => ({ node: n.name, path: n.parameters.path }));
}

/**
 * All examples of an OpenIM generation, sorted by file name: [{file, id, name, workflow}]. For n8n 1.x
 * (`n8nGeneration` '1') without their human review nodes, a type only n8n 2.x has (withoutHumanReview).
 */
function loadExamples(openim = 'v3', n8nGeneration = '2') {
	const dir = OPENIM[openim].dir;
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => {
			const stored = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
			const workflow = n8nGeneration === '1' ? withoutHumanReview(stored) : stored;
			return { file, id: workflow.id, name: workflow.name, workflow };
		});
}

/** Whether a node is a human review tool: n8n 2.x generates `<node>HitlTool` for each Send and Wait node. */
const isHumanReview = (node) => /HitlTool$/.test(node.type);

/**
 * A copy of the workflow without its human review nodes, each tool they gate connected straight to
 * what the review node fed (the AI Agent): n8n 1.x does not load a workflow holding such a node.
 */
function withoutHumanReview(workflow) {
	const reviews = new Set(workflow.nodes.filter(isHumanReview).map((n) => n.name));
	if (reviews.size === 0) return workflow;
	const copy = structuredClone(workflow);
	copy.nodes = copy.nodes.filter((n) => !reviews.has(n.name));
	const targetsOf = (name) => (copy.connections[name] && copy.connections[name].ai_tool[0]) || [];
	const connections = {};
	for (const [source, outputs] of Object.entries(copy.connections)) {
		if (reviews.has(source)) continue;
		connections[source] = Object.fromEntries(
			Object.entries(outputs).map(([type, branches]) => [
				type,
				branches.map((links) =>
					links.flatMap((link) => (reviews.has(link.node) ? targetsOf(link.node) : [link])),
				),
			]),
		);
	}
	copy.connections = connections;
	return copy;
}

/** The Webhook nodes of a workflow: [{node, method, path}]. */
function webhooksOf(workflow) {
	return (workflow.nodes || [])
		.filter((n) => n.type === 'n8n-nodes-base.webhook' && !n.disabled)
		.map((n) => ({
			node: n.name,
			method: (n.parameters.httpMethod || 'GET').toUpperCase(),
			path: n.parameters.path,
		}));
}

/**
 * The OpenIM Triggers of a workflow: [{node, apiVersion, path, botUserIds}]. `path` follows /webhook/ (or
 * /webhook-test/): what goes into webhooks.yml as `url` (3.x, which appends /<command>) or config.yaml as
 * `callbackUrl` (2021). n8n puts the node's webhookId before a path with a parameter (`<webhookId>/:command`).
 */
function triggersOf(workflow) {
	return (workflow.nodes || [])
		.filter((n) => n.type === 'n8n-nodes-openim.openImTrigger' && !n.disabled)
		.map((n) => {
			const apiVersion = n.parameters.apiVersion || 'v3';
			const botUserIds = String((n.parameters.options || {}).userIds || '')
				.split(',')
				.map((id) => id.trim())
				.filter(Boolean);
			return {
				node: n.name,
				apiVersion,
				path: apiVersion === 'v3' ? `${n.webhookId}/${n.webhookId}` : n.webhookId,
				botUserIds,
			};
		});
}

/** The credential a generation's examples use, ready for `n8n import:credentials` (n8n encrypts `data`). */
function credential({
	openim = 'v3',
	baseUrl,
	secret,
	adminUserId = OPENIM[openim].adminUserId,
	platform = 8,
	name = OPENIM[openim].credentialName,
}) {
	const { credentialId, credentialType } = OPENIM[openim];
	const data = {
		baseUrl,
		secret,
		adminUserId,
		...(openim === '2021' && { platform: Number(platform) }),
		token: '',
	};
	return { id: credentialId, name, type: credentialType, data };
}

module.exports = {
	EXAMPLES_DIR,
	OPENIM,
	IDS,
	IDS_2021,
	TRY_IT,
	MODEL_NODE,
	CHAT_MODELS,
	loadExamples,
	withoutHumanReview,
	webhooksOf,
	triggersOf,
	mcpTriggersOf,
	needsModel,
	modelCredentialOf,
	withModel,
	credential,
};
