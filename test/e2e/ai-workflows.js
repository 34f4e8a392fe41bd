'use strict';
/*
 * Workflows and credentials of the AI e2e tests (ai-agent.test.js, mcp.test.js): an AI Agent with n8n's
 * OpenAI Chat Model pointed at the scripted model server (model-server.js) and OpenIM tools, and an MCP
 * Server Trigger with OpenIM tools. The OpenIM tool nodes are what n8n derives from the node's
 * `usableAsTool` (`openImTool`), their model-filled parameters `$fromAI()`.
 */

const { examples } = require('./helpers');

const MODEL_CREDENTIAL = { id: 'aiE2eModelCred01', name: 'Scripted model', type: 'openAiApi' };
const OPENIM_CREDENTIAL = {
	openImV3Api: { id: examples.OPENIM.v3.credentialId, name: examples.OPENIM.v3.credentialName },
};
const { adminUserId: ADMIN } = examples.OPENIM.v3;

/** The OpenAI credential (n8n's `openAiApi`) whose Base URL is the scripted model server. */
function modelCredential(baseUrl, apiKey = 'sk-scripted-model-key') {
	return { ...MODEL_CREDENTIAL, data: { apiKey, url: baseUrl, header: false } };
}

/** n8n's OpenAI Chat Model on the Chat Completions API (typeVersion 1.2 on both n8n lines), no retries. */
function chatModel(position = [0, 220]) {
	return {
		id: 'ai-model',
		name: 'OpenAI Chat Model',
		type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
		typeVersion: 1.2,
		position,
		parameters: {
			model: { __rl: true, value: 'scripted-model', mode: 'id' },
			options: { maxRetries: 0 },
		},
		credentials: { openAiApi: { id: MODEL_CREDENTIAL.id, name: MODEL_CREDENTIAL.name } },
	};
}

/** OpenIM Tool: send a one-to-one text message from the admin user; receiver and text come from the model. */
function sendMessageTool(name = 'Send message', position = [200, 220]) {
	return {
		id: `tool-${name.replace(/\W+/g, '-').toLowerCase()}`,
		name,
		type: 'n8n-nodes-openim.openImTool',
		typeVersion: 2,
		position,
		parameters: {
			descriptionType: 'manual',
			toolDescription: 'Sends a one-to-one text message to an OpenIM user.',
			apiVersion: 'v3',
			resource: 'message',
			operation: 'send',
			sendID: ADMIN,
			sessionType: 1,
			recvID: "={{ $fromAI('recvID', 'The user ID of the receiver', 'string') }}",
			contentType: 101,
			text: "={{ $fromAI('text', 'The text of the message', 'string') }}",
			additionalFields: {},
			options: {},
		},
		credentials: OPENIM_CREDENTIAL,
	};
}

/** OpenIM Tool: look up users by ID (the model gives the IDs). */
function getUsersTool(name = 'Get users', position = [400, 220]) {
	return {
		id: 'tool-get-users',
		name,
		type: 'n8n-nodes-openim.openImTool',
		typeVersion: 2,
		position,
		parameters: {
			descriptionType: 'manual',
			toolDescription: 'Looks up OpenIM users by their user IDs and returns their profiles.',
			apiVersion: 'v3',
			resource: 'user',
			operation: 'get',
			uidList: "={{ $fromAI('userIDs', 'Comma-separated user IDs', 'string') }}",
		},
		credentials: OPENIM_CREDENTIAL,
	};
}

const link = (node, type = 'main') => ({ [type]: [[{ node, type, index: 0 }]] });

/**
 * Manual trigger → AI Agent (typeVersion 3, on both n8n lines) asked `prompt`, with the chat model and
 * the given tool nodes.
 */
function agentWorkflow(id, { prompt, tools }) {
	const connections = {
		'When clicking Execute workflow': link('AI Agent'),
		'OpenAI Chat Model': link('AI Agent', 'ai_languageModel'),
	};
	for (const tool of tools) connections[tool.name] = link('AI Agent', 'ai_tool');
	return {
		id,
		name: `AI agent ${id}`,
		nodes: [
			{
				id: 'ai-manual',
				name: 'When clicking Execute workflow',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [-220, 0],
				parameters: {},
			},
			{
				id: 'ai-agent',
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3,
				position: [0, 0],
				parameters: { promptType: 'define', text: prompt, options: {} },
			},
			chatModel(),
			...tools,
		],
		connections,
		settings: { executionOrder: 'v1' },
	};
}

/** MCP Server Trigger (typeVersion 2: streamable HTTP on POST, SSE on GET, both at /mcp/<path>) with tools. */
function mcpWorkflow(id, { path, tools }) {
	const connections = {};
	for (const tool of tools) connections[tool.name] = link('MCP Server Trigger', 'ai_tool');
	return {
		id,
		name: `MCP ${id}`,
		nodes: [
			{
				id: 'mcp-trigger',
				name: 'MCP Server Trigger',
				type: '@n8n/n8n-nodes-langchain.mcpTrigger',
				typeVersion: 2,
				position: [0, 0],
				webhookId: path,
				parameters: { path },
			},
			...tools,
		],
		connections,
		settings: { executionOrder: 'v1' },
	};
}

module.exports = {
	MODEL_CREDENTIAL,
	OPENIM_CREDENTIAL,
	ADMIN,
	modelCredential,
	chatModel,
	sendMessageTool,
	getUsersTool,
	agentWorkflow,
	mcpWorkflow,
	link,
};
