'use strict';
/*
 * The example workflows (examples/*.json) and the credential they use, shared
 * by `npm start` (scripts/start.js) and the end-to-end tests (test/e2e/).
 */

const fs = require('node:fs');
const path = require('node:path');

const EXAMPLES_DIR = path.resolve(__dirname, '..', 'examples');

/** Every example refers to this credential id; `npm start` and the tests create it. */
const CREDENTIAL_ID = 'openimLocalCred1';
const CREDENTIAL_NAME = 'OpenIM (local emulator)';

/** The ids of the examples (stable: the tests and the README use them). */
const IDS = {
	webhook: 'openimExWebhook1',
	crmSync: 'openimExCrmSync1',
	onboarding: 'openimExOnboard1',
};

/** All examples, sorted by file name: [{file, id, name, workflow}]. */
function loadExamples(dir = EXAMPLES_DIR) {
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
		.map((n) => ({ node: n.name, method: (n.parameters.httpMethod || 'GET').toUpperCase(), path: n.parameters.path }));
}

/** The credential the examples use, ready for `n8n import:credentials` (n8n encrypts `data`). */
function credential({ baseUrl, secret, adminUserId = 'openIM123456', platform = 8, name = CREDENTIAL_NAME }) {
	return {
		id: CREDENTIAL_ID,
		name,
		type: 'openImApi',
		data: { baseUrl, secret, adminUserId, platform: Number(platform), token: '' },
	};
}

module.exports = { EXAMPLES_DIR, CREDENTIAL_ID, CREDENTIAL_NAME, IDS, loadExamples, webhooksOf, credential };
