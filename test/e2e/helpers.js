'use strict';
/*
 * Shared set-up of the end-to-end tests: a real n8n (scripts/n8n-runtime.js,
 * installed on first use) with this package from dist/, the OpenIM emulator
 * on a free port, the examples' credential pointing at it, and the example
 * workflows imported.
 */

const { createN8nInstance } = require('./n8n-cli');
const { OpenImEmulator } = require('../emulator');
const examples = require('../../scripts/examples');

/** n8n generations to test: N8N_E2E_GENERATIONS=1 (or 2) narrows the run; default both. */
const GENERATIONS = (process.env.N8N_E2E_GENERATIONS || '1,2')
	.split(',')
	.map((g) => g.trim())
	.filter(Boolean);

const LABEL = { 1: 'n8n 1.123.81 (Node 20)', 2: 'n8n 2.41.1 (Node 24)' };

/** beforeAll may install n8n on a new machine (up to ~10 minutes per generation; see scripts/n8n-runtime.md). */
const SETUP_TIMEOUT = 30 * 60 * 1000;
const TEST_TIMEOUT = 5 * 60 * 1000;

const SECRET = 'tuoyun';
const ADMIN = 'openIM123456';

/**
 * Emulator (seeded) + n8n of one generation with package, credential and examples.
 * Returns { emulator, n8n, credential, examples, stop() }.
 */
async function startStack(generation, { seed = true } = {}) {
	const emulator = await new OpenImEmulator({ port: 0, seed, quiet: true }).start();
	let n8n;
	try {
		n8n = await createN8nInstance({ generation, withPackage: true });
		const credential = examples.credential({ baseUrl: emulator.url, secret: SECRET, adminUserId: ADMIN, platform: 8 });
		await n8n.importCredential(credential);
		const list = examples.loadExamples();
		await n8n.importWorkflow(list.map((e) => e.workflow));
		return {
			emulator,
			n8n,
			credential,
			examples: list,
			async stop() {
				await n8n.cleanup();
				await emulator.stop();
			},
		};
	} catch (error) {
		if (n8n) await n8n.cleanup().catch(() => undefined);
		await emulator.stop();
		throw error;
	}
}

/** Requests the emulator received since `from` (an index into emulator.requests) to `path`. */
function requestsTo(emulator, path, from = 0) {
	return emulator.requests.slice(from).filter((r) => r.path === path);
}

/** A readable failure for an execution that should have succeeded. */
function explain(result) {
	if (result.ok) return '';
	const errors = Object.entries(result.nodeErrors || {}).map(([node, e]) => `${node}: ${e.message}${e.description ? ` (${e.description})` : ''}`);
	return `execution ${result.status}: ${errors.join('; ') || (result.error && result.error.message) || ''}\n${result.output.slice(-3000)}`;
}

module.exports = { GENERATIONS, LABEL, SETUP_TIMEOUT, TEST_TIMEOUT, SECRET, ADMIN, startStack, requestsTo, explain, examples };
