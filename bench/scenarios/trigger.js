#!/usr/bin/env node
'use strict';
// OpenIM Trigger against n8n's own Webhook node, in one real n8n (`n8n start`, SQLite, regular mode):
// two active workflows, `OpenIM Trigger -> No Op` and `Webhook (answer at once) -> No Op`, the same JSON body
// (an afterSendSingleMsg callback) POSTed to each the way OpenIM does.
// - rate: N callbacks, C at a time: answered per second (what OpenIM sees), and executed per second (N over the
//   time until the N executions have succeeded, which also bounds what n8n keeps up with);
// - burst: 100 callbacks at once; the slowest answer;
// - single: one callback at a time, the median answer time.
// Each phase starts once every execution of the one before has finished (counted through the REST API).
// Ratios are trigger ÷ Webhook node, from the same n8n and the same round order (alternating).
//
//   node bench/scenarios/trigger.js [--generation 2] [--n 300] [--concurrency 8] [--rounds 3]
// Needs `npm run build` and the n8n runtime (`node scripts/n8n-runtime.js install 2`). Prints only.
const { createN8nInstance } = require('../../test/e2e/n8n-cli');
const { median } = require('../lib/stats');

const arg = (name, fallback) => {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : fallback;
};
const GENERATION = arg('generation', '2');
const N = Number(arg('n', 300));
const CONCURRENCY = Number(arg('concurrency', 8));
const ROUNDS = Number(arg('rounds', 3));
const BURST = 100;
const SINGLE = 20;

const TRIGGER_ID = '2b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e';
const BODY = `${JSON.stringify({ sendID: 'alice', recvID: 'bot', callbackCommand: 'callbackAfterSendSingleMsgCommand', contentType: 101, msgFrom: 100, sessionType: 1, content: '{"content":"hi"}', sendTime: 1764630000123, seq: 0 })}\n`;

const noOp = { id: 'noop', name: 'No Op', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} };
const WORKFLOWS = {
	trigger: {
		id: 'benchTrigger0001',
		name: 'bench: OpenIM Trigger',
		nodes: [{ id: 't', name: 'OpenIM Trigger', type: 'n8n-nodes-openim.openImTrigger', typeVersion: 1, position: [0, 0], webhookId: TRIGGER_ID, parameters: { events: ['callbackAfterSendSingleMsgCommand'] } }, noOp],
		connections: { 'OpenIM Trigger': { main: [[{ node: 'No Op', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		url: (base) => `${base}/webhook/${TRIGGER_ID}/${TRIGGER_ID}/callbackAfterSendSingleMsgCommand`,
	},
	webhook: {
		id: 'benchWebhook0001',
		name: "bench: n8n's Webhook node",
		nodes: [{ id: 'w', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, position: [0, 0], webhookId: '4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f', parameters: { httpMethod: 'POST', path: 'bench-openim', options: {} } }, noOp],
		connections: { Webhook: { main: [[{ node: 'No Op', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		url: (base) => `${base}/webhook/bench-openim`,
	},
};

async function post(url) {
	const started = process.hrtime.bigint();
	const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', operationID: 'bench' }, body: BODY });
	await res.text();
	if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
	return Number(process.hrtime.bigint() - started) / 1e6;
}

/** n callbacks, c at a time: [every answer time in ms], wall ms. */
async function load(url, n, c) {
	const times = [];
	let next = 0;
	const started = process.hrtime.bigint();
	await Promise.all(
		Array.from({ length: c }, async () => {
			while (next < n) {
				next += 1;
				times.push(await post(url));
			}
		}),
	);
	return { times, wallMs: Number(process.hrtime.bigint() - started) / 1e6 };
}

async function main() {
	const n8n = await createN8nInstance({ generation: GENERATION, withPackage: true });
	let server;
	try {
		await n8n.importWorkflow(Object.values(WORKFLOWS).map(({ url, ...workflow }) => workflow));
		for (const { id } of Object.values(WORKFLOWS)) await n8n.activateWorkflow(id);
		server = await n8n.startServer();
		await server.setupOwner();
		const base = server.baseUrl;
		const succeeded = async (workflowId) => {
			const filter = encodeURIComponent(JSON.stringify({ workflowId, status: ['success'] }));
			const res = await server.request('GET', `/rest/executions?filter=${filter}&limit=1`);
			// A busy n8n may fail a listing now and then: count it as not there yet.
			return res.status === 200 ? res.json.data.count : -1;
		};
		const sent = { trigger: 0, webhook: 0 };
		/** Resolves when every callback sent to the variant so far has run to success; the wall ms it waited. */
		const drained = async (variant) => {
			const started = Date.now();
			while ((await succeeded(WORKFLOWS[variant].id)) < sent[variant]) await new Promise((r) => setTimeout(r, 100));
			return Date.now() - started;
		};
		const run = async (variant, n, c) => {
			const result = await load(WORKFLOWS[variant].url(base), n, c);
			sent[variant] += n;
			return result;
		};
		// n8n registers the production webhooks of active workflows a moment after it answers /healthz.
		for (const [variant, { url }] of Object.entries(WORKFLOWS)) {
			const deadline = Date.now() + 60000;
			while ((await fetch(url(base), { method: 'POST', body: BODY, headers: { 'content-type': 'application/json' } })).status === 404) {
				if (Date.now() > deadline) throw new Error(`${url(base)} is not registered`);
				await new Promise((r) => setTimeout(r, 250));
			}
			sent[variant] += 1;
		}
		const results = { trigger: { answered: [], executed: [], burst: [], single: [] }, webhook: { answered: [], executed: [], burst: [], single: [] } };
		for (const variant of Object.keys(WORKFLOWS)) {
			await run(variant, 50, 4); // warm-up
			await drained(variant);
		}
		for (let round = 0; round < ROUNDS; round++) {
			const order = round % 2 ? ['webhook', 'trigger'] : ['trigger', 'webhook'];
			for (const variant of order) {
				const rate = await run(variant, N, CONCURRENCY);
				const tail = await drained(variant);
				results[variant].answered.push((N / rate.wallMs) * 1000);
				results[variant].executed.push((N / (rate.wallMs + tail)) * 1000);
				const burst = await run(variant, BURST, BURST);
				results[variant].burst.push(Math.max(...burst.times));
				await drained(variant);
				results[variant].single.push(median((await run(variant, SINGLE, 1)).times));
				await drained(variant);
			}
		}
		const m = (variant, what) => median(results[variant][what]);
		const row = (label, what, unit, digits) =>
			`| ${label} | ${m('trigger', what).toFixed(digits)} ${unit} | ${m('webhook', what).toFixed(digits)} ${unit} | ${(m('trigger', what) / m('webhook', what)).toFixed(2)} |`;
		console.log(`\nn8n ${n8n.version} (generation ${GENERATION}), ${ROUNDS} rounds, medians; rate: ${N} callbacks ${CONCURRENCY} at a time\n`);
		console.log("| | OpenIM Trigger | n8n's Webhook node | trigger ÷ Webhook |");
		console.log('|---|---|---|---|');
		console.log(row('callbacks answered per second', 'answered', '/s', 1));
		console.log(row('callbacks executed per second', 'executed', '/s', 1));
		console.log(row(`slowest answer of a burst of ${BURST}`, 'burst', 'ms', 0));
		console.log(row('single callback answer', 'single', 'ms', 1));
		console.log(`\nraw: ${JSON.stringify(results)}`);
	} catch (error) {
		if (server) console.error(server.stdout.split('\n').filter((l) => /error|activat|webhook|workflow/i.test(l) && !/api.n8n.io|axios|at /.test(l)).slice(0, 30).join('\n'));
		throw error;
	} finally {
		if (server) await server.stop();
		await n8n.cleanup();
	}
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exitCode = 1;
	});
}
