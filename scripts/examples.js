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
};
const IDS_2021 = {
	webhook: 'openimEx21Webhk1',
	crmSync: 'openimEx21CrmSy1',
	onboarding: 'openimEx21Onbrd1',
};

/** All examples of a generation, sorted by file name: [{file, id, name, workflow}]. */
function loadExamples(openim = 'v3', dir = OPENIM[openim].dir) {
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
			return { file, id: workflow.id, name: workflow.name, workflow };
		});
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
	loadExamples,
	webhooksOf,
	triggersOf,
	credential,
};
