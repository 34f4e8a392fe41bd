'use strict';
/*
 * Shared set-up of the end-to-end tests: a real n8n (scripts/n8n-runtime.js,
 * installed on first use) with this package from dist/ and, for each OpenIM
 * generation, an emulator on a free port, the examples' credential pointing at
 * it, and the example workflows imported.
 */

const { createN8nInstance, freePorts } = require('./n8n-cli');
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

const EMULATORS = {
	v3: () => new (require('../emulator/v3').OpenImV3Emulator)({ port: 0, seed: true, quiet: true }),
	2021: () => new (require('../emulator').OpenImEmulator)({ port: 0, seed: true, quiet: true }),
};

/**
 * One n8n of one generation with the package and, per OpenIM generation, a
 * seeded emulator, the examples' credential pointing at it and its examples.
 * Returns { n8n, openim: { v3: {emulator, credential, examples}, 2021: ... }, stop() }.
 */
async function startStack(generation, { openim = ['v3', '2021'] } = {}) {
	const sides = {};
	let n8n;
	const stop = async () => {
		if (n8n) await n8n.cleanup().catch(() => undefined);
		for (const side of Object.values(sides)) await side.emulator.stop();
	};
	try {
		for (const api of openim) sides[api] = { emulator: await EMULATORS[api]().start() };
		n8n = await createN8nInstance({ generation, withPackage: true });
		for (const api of openim) {
			const emulator = sides[api].emulator;
			const { secret, adminUserId } = examples.OPENIM[api];
			const credential = examples.credential({
				openim: api,
				baseUrl: emulator.url,
				secret,
				adminUserId,
				platform: 8,
			});
			await n8n.importCredential(credential);
			const list = examples.loadExamples(api, generation);
			await n8n.importWorkflow(list.map((e) => e.workflow));
			Object.assign(sides[api], { credential, examples: list });
		}
		return { n8n, openim: sides, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/**
 * n8n in queue mode (trigger-queue-versions.md section 2) against a seeded 3.x emulator: private
 * PostgreSQL and Redis (services.js), a main `n8n start` (owner set up; manual runs offloaded to the
 * workers; production webhooks left to the webhook process), `workers` x `n8n worker` and one
 * `n8n webhook`, each process with its own user folder and the package, the same encryption key and
 * database. The 3.x examples and the credential are imported, `activate` (workflow ids) active.
 * Returns { services, emulator, credential, examples, main, server, workers, addWorker(), webhook, stop() }:
 * `main` is the n8n-cli instance of the main (CLI commands), `server`/`workers`/`webhook` the process handles.
 */
async function startQueueStack(
	generation,
	{ workers = 2, concurrency = 5, activate = [], workflows = [], env = {} } = {},
) {
	const { startServices, queueEnv } = require('./services');
	const instances = [];
	let services;
	let emulator;
	const stop = async () => {
		for (const instance of instances.reverse()) await instance.cleanup().catch(() => undefined);
		if (emulator) await emulator.stop();
		if (services) await services.stop();
	};
	try {
		services = await startServices();
		emulator = await EMULATORS.v3().start();
		const [webhookPort, mainPort] = await freePorts(2);
		const shared = {
			...queueEnv(services),
			WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/`,
			...env,
		};
		const instance = async () => {
			const created = await createN8nInstance({ generation, withPackage: true, env: shared });
			instances.push(created);
			return created;
		};
		const main = await instance();
		const { secret, adminUserId } = examples.OPENIM.v3;
		const credential = examples.credential({
			openim: 'v3',
			baseUrl: emulator.url,
			secret,
			adminUserId,
		});
		await main.importCredential(credential);
		const list = examples.loadExamples('v3', generation);
		await main.importWorkflow([...list.map((e) => e.workflow), ...workflows]);
		for (const id of activate) await main.activateWorkflow(id);
		const server = await main.startServer({
			port: mainPort,
			env: {
				...shared,
				OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
				N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			},
		});
		await server.setupOwner();
		const workerHandles = [];
		/** Starts one more worker (its own user folder), added to `workers`. */
		const addWorker = async () => {
			const handle = await (await instance()).startWorker({ concurrency });
			workerHandles.push(handle);
			return handle;
		};
		for (let i = 0; i < workers; i++) await addWorker();
		const webhook = await (await instance()).startWebhook({ port: webhookPort });
		return {
			services,
			emulator,
			credential,
			examples: list,
			main,
			server,
			workers: workerHandles,
			addWorker,
			webhook,
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

/** Requests the emulator received since `from` (an index into emulator.requests) to `path`. */
function requestsTo(emulator, path, from = 0) {
	return emulator.requests.slice(from).filter((r) => r.path === path);
}

/** The credential's secret and every admin token the emulator issued: what no output, log or model may hold. */
function secretsOf(emulator, credential) {
	const tokens = requestsTo(emulator, '/auth/get_admin_token').map(
		(r) => r.answer && r.answer.data && r.answer.data.token,
	);
	return [credential.data.secret, ...tokens].filter(Boolean);
}

/** Resolves once `check()` (sync or async) gives a value; the jest timeout is the hang guard. */
async function until(check) {
	for (;;) {
		const value = await check();
		if (value) return value;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** The answer links of a Send and Wait message, one `<label>: <url>` line each. */
const answerLinks = (text) =>
	[...text.matchAll(/^(.+): (http\S+)$/gm)].map(([, label, url]) => ({ label, url }));

/** A readable failure for an execution that should have succeeded. */
function explain(result) {
	if (result.ok) return '';
	const errors = Object.entries(result.nodeErrors || {}).map(
		([node, e]) => `${node}: ${e.message}${e.description ? ` (${e.description})` : ''}`,
	);
	// The exit code first: the tail of n8n's output may not reach back to describeRun's first line.
	const exit = `exit code ${result.code}${result.timedOut ? ' (timed out)' : ''}`;
	return `execution ${result.status}, ${exit}: ${errors.join('; ') || (result.error && result.error.message) || ''}\n${result.output.slice(-3000)}`;
}

module.exports = {
	GENERATIONS,
	LABEL,
	SETUP_TIMEOUT,
	TEST_TIMEOUT,
	startStack,
	startQueueStack,
	requestsTo,
	secretsOf,
	until,
	answerLinks,
	explain,
	examples,
};
