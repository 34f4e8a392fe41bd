'use strict';
// OpenIM Trigger against n8n's own Webhook node, in one real n8n (`n8n start`, SQLite, regular mode, n8n's
// defaults but for pruning): two active workflows, `OpenIM Trigger -> No Op` and `Webhook (respond
// immediately) -> No Op`, the same JSON body (an afterSendSingleMsg callback) POSTed to each as OpenIM does.
// - rate: N callbacks, C at a time: answered per second (what OpenIM sees), and executed per second (N over the
//   time until the N executions have succeeded);
// - burst: 100 callbacks at once: the slowest answer;
// - single: one callback at a time: the median answer;
// - steady: callbacks sent at a fixed rate for a fixed time (open loop, as a server's users send), the rate
//   doubled until a step fails, then bisected: the highest rate at which every answer came within OpenIM's
//   default timeout (5 s) and n8n finished the step's executions within that time after its last answer.
// Every phase starts once every execution of the one before has finished (counted through the REST API).
// Ratios are trigger ÷ Webhook node, from the same n8n and the same round order (alternating).
//
// Scenarios `trigger-n8n2`, `trigger-n8n1` and the what-if `trigger-n8n2-legacy` (n8n's expression engine
// without isolates): they need the n8n runtimes (`npm run setup`) and minutes each, so they run only when named:
//   node bench/run.js --only trigger-n8n2 --update      (--quick: small sizes, prints only)
const { createN8nInstance } = require('../../test/e2e/n8n-cli');
const { median } = require('../lib/stats');
const { table } = require('../lib/report');

const OPENIM_TIMEOUT_MS = 5000;
const FULL = {
	n: 200,
	concurrency: 8,
	rounds: 5,
	burst: 100,
	single: 20,
	steady: { seconds: 10, from: 5, max: 640, refine: 2 },
};
const QUICK = {
	n: 60,
	concurrency: 8,
	rounds: 1,
	burst: 100,
	single: 5,
	steady: { seconds: 3, from: 10, max: 80, refine: 0 },
};

const TRIGGER_ID = '2b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e';
const BODY = `${JSON.stringify({ sendID: 'alice', recvID: 'bot', callbackCommand: 'callbackAfterSendSingleMsgCommand', contentType: 101, msgFrom: 100, sessionType: 1, content: '{"content":"hi"}', sendTime: 1764630000123, seq: 0 })}\n`;
const HEADERS = { 'content-type': 'application/json; charset=utf-8', operationID: 'bench' };

const noOp = {
	id: 'noop',
	name: 'No Op',
	type: 'n8n-nodes-base.noOp',
	typeVersion: 1,
	position: [220, 0],
	parameters: {},
};
const WORKFLOWS = {
	trigger: {
		id: 'benchTrigger0001',
		name: 'bench: OpenIM Trigger',
		nodes: [
			{
				id: 't',
				name: 'OpenIM Trigger',
				type: 'n8n-nodes-openim.openImTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: TRIGGER_ID,
				parameters: { events: ['callbackAfterSendSingleMsgCommand'] },
			},
			noOp,
		],
		connections: { 'OpenIM Trigger': { main: [[{ node: 'No Op', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		path: `${TRIGGER_ID}/${TRIGGER_ID}/callbackAfterSendSingleMsgCommand`,
	},
	webhook: {
		id: 'benchWebhook0001',
		name: "bench: n8n's Webhook node",
		nodes: [
			{
				id: 'w',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId: '4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f',
				parameters: { httpMethod: 'POST', path: 'bench-openim', options: {} },
			},
			noOp,
		],
		connections: { Webhook: { main: [[{ node: 'No Op', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		path: 'bench-openim',
	},
};
const VARIANTS = Object.keys(WORKFLOWS);
const LABEL = { trigger: 'OpenIM Trigger', webhook: "n8n's Webhook node" };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => Number(process.hrtime.bigint()) / 1e6;

/** One callback: its answer time in ms, or Infinity when it failed or took longer than timeoutMs. */
async function post(url, timeoutMs = 120000) {
	const started = now();
	try {
		const res = await fetch(url, {
			method: 'POST',
			headers: HEADERS,
			body: BODY,
			signal: AbortSignal.timeout(timeoutMs),
		});
		await res.text();
		if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
	} catch (error) {
		if (error.name === 'TimeoutError') return Infinity;
		throw error;
	}
	return now() - started;
}

/** n callbacks, c at a time: every answer time, and the wall time. */
async function closedLoop(url, n, c) {
	const times = [];
	let next = 0;
	const started = now();
	await Promise.all(
		Array.from({ length: c }, async () => {
			while (next < n) {
				next += 1;
				times.push(await post(url));
			}
		}),
	);
	return { times, wallMs: now() - started };
}

/** `rate` callbacks a second for `seconds`, each sent when due whatever the answers: answer times, the sender's lag. */
async function openLoop(url, rate, seconds) {
	const n = Math.round(rate * seconds);
	const started = now();
	const pending = [];
	let lagMs = 0;
	for (let i = 0; i < n; i++) {
		const due = started + (i * 1000) / rate;
		if (due - now() > 1) await sleep(due - now());
		lagMs = Math.max(lagMs, now() - due);
		pending.push(post(url, 4 * OPENIM_TIMEOUT_MS).catch(() => Infinity));
	}
	const times = await Promise.all(pending);
	return { n, times, lagMs, endMs: now() };
}

async function run({ options, log }) {
	// env: n8n settings for a what-if run, e.g. {"N8N_EXPRESSION_ENGINE":"legacy"} (bench/lib/child.js trigger '<options>').
	const {
		generation = '2',
		n,
		concurrency,
		rounds,
		burst,
		single,
		steady,
		env = {},
	} = { ...FULL, ...options };
	const n8n = await createN8nInstance({
		generation,
		withPackage: true,
		env: { EXECUTIONS_DATA_PRUNE: 'false', ...env },
	});
	let server;
	try {
		await n8n.importWorkflow(Object.values(WORKFLOWS).map(({ path, ...workflow }) => workflow));
		for (const { id } of Object.values(WORKFLOWS)) await n8n.activateWorkflow(id);
		server = await n8n.startServer();
		await server.setupOwner();
		const url = Object.fromEntries(
			VARIANTS.map((v) => [v, `${server.baseUrl}/webhook/${WORKFLOWS[v].path}`]),
		);
		for (const v of VARIANTS) await server.waitForWebhook(WORKFLOWS[v].path);

		const succeeded = async (workflowId) => {
			const filter = encodeURIComponent(JSON.stringify({ workflowId, status: ['success'] }));
			const res = await server.request('GET', `/rest/executions?filter=${filter}&limit=1`);
			// A busy n8n may fail a listing now and then: count it as not there yet.
			return res.status === 200 ? res.json.data.count : -1;
		};
		const sent = { trigger: 0, webhook: 0 };
		/** Resolves when every callback sent to the variant so far has run to success: the ms since `from`. */
		const drained = async (variant, from = now()) => {
			const deadline = now() + 300000;
			while ((await succeeded(WORKFLOWS[variant].id)) < sent[variant]) {
				if (now() > deadline)
					throw new Error(
						`${variant}: ${sent[variant]} executions did not finish within 5 minutes`,
					);
				await sleep(100);
			}
			return now() - from;
		};
		const load = async (variant, count, c) => {
			sent[variant] += count;
			return closedLoop(url[variant], count, c);
		};

		const results = Object.fromEntries(
			VARIANTS.map((v) => [v, { answered: [], executed: [], burst: [], single: [], steady: [] }]),
		);
		for (const v of VARIANTS) {
			await load(v, 50, 4); // warm-up
			await drained(v);
		}
		for (let round = 0; round < rounds; round++) {
			for (const v of round % 2 ? [...VARIANTS].reverse() : VARIANTS) {
				const rate = await load(v, n, concurrency);
				const tail = await drained(v);
				results[v].answered.push((n / rate.wallMs) * 1000);
				results[v].executed.push((n / (rate.wallMs + tail)) * 1000);
				results[v].burst.push(Math.max(...(await load(v, burst, burst)).times));
				await drained(v);
				results[v].single.push(median((await load(v, single, 1)).times));
				await drained(v);
				log(
					`round ${round + 1}/${rounds} ${v}: ${results[v].answered.at(-1).toFixed(0)}/s answered, burst ${results[v].burst.at(-1).toFixed(0)} ms, single ${results[v].single.at(-1).toFixed(1)} ms`,
				);
			}
		}

		/** One step of the steady search: held when every answer and the step's last execution came within 5 s. */
		const step = async (v, rate) => {
			sent[v] += Math.round(rate * steady.seconds);
			const paced = await openLoop(url[v], rate, steady.seconds);
			const drainMs = await drained(v, paced.endMs);
			const maxMs = Math.max(...paced.times);
			const result = {
				rate,
				n: paced.n,
				maxMs,
				p50Ms: median(paced.times),
				lagMs: paced.lagMs,
				drainMs,
				held: maxMs < OPENIM_TIMEOUT_MS && drainMs < OPENIM_TIMEOUT_MS,
			};
			results[v].steady.push(result);
			log(
				`steady ${v} ${rate}/s: slowest answer ${Number.isFinite(maxMs) ? maxMs.toFixed(0) : 'timed out'} ms, executions done ${drainMs.toFixed(0)} ms after the last answer: ${result.held ? 'held' : 'missed'}`,
			);
			return result.held;
		};
		for (const v of VARIANTS) {
			let held = 0;
			let missed;
			for (let rate = steady.from; rate <= steady.max; rate *= 2) {
				if (!(await step(v, rate))) {
					missed = rate;
					break;
				}
				held = rate;
			}
			for (let i = 0; i < steady.refine && missed && missed - held > 1; i++) {
				const rate = Math.round((held + missed) / 2);
				if (await step(v, rate)) held = rate;
				else missed = rate;
			}
			results[v].steadyRate = held;
			results[v].steadyCapped = missed === undefined;
		}
		return {
			scenario: 'trigger',
			generation,
			n8nVersion: n8n.version,
			env,
			n,
			concurrency,
			rounds,
			burst,
			single,
			steadySeconds: steady.seconds,
			results,
		};
	} catch (error) {
		if (server)
			log(
				server.stdout
					.split('\n')
					.filter(
						(l) => /error|activat|webhook|workflow/i.test(l) && !/api.n8n.io|axios|at /.test(l),
					)
					.slice(0, 30)
					.join('\n'),
			);
		throw error;
	} finally {
		if (server) await server.stop();
		await n8n.cleanup();
	}
}

const settings = (env = {}) =>
	Object.keys(env).length
		? `, with ${Object.entries(env)
				.map(([k, v]) => `${k}=${v}`)
				.join(' ')}`
		: '';
const ms = (value) =>
	Number.isFinite(value) ? `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ms` : 'timed out';

function report(name, result) {
	const { results: r } = result;
	const m = (v, what) => median(r[v][what]);
	const ratio = (what) => m('trigger', what) / m('webhook', what);
	const steadyRate = (v) =>
		`${r[v].steadyRate}/s${r[v].steadyCapped ? ' (the highest rate tried)' : ''}`;
	const targets = [
		{
			target: `${name}: callbacks answered per second, trigger ÷ Webhook node ≥ 0.9`,
			measured: `${ratio('answered').toFixed(2)}× (${m('trigger', 'answered').toFixed(0)} / ${m('webhook', 'answered').toFixed(0)} per s)`,
			met: ratio('answered') >= 0.9,
		},
		{
			target: `${name}: slowest answer of ${result.burst} concurrent callbacks, trigger ÷ Webhook node ≤ 1.0`,
			measured: `${ratio('burst').toFixed(2)}× (${ms(m('trigger', 'burst'))} / ${ms(m('webhook', 'burst'))})`,
			met: ratio('burst') <= 1.0,
		},
		{
			target: `${name}: a single callback's answer`,
			measured: `${ms(m('trigger', 'single'))} (Webhook node ${ms(m('webhook', 'single'))})`,
			met: undefined,
		},
		{
			target: `${name}: steady rate with every answer under 5 s`,
			measured: `${steadyRate('trigger')} (Webhook node ${steadyRate('webhook')})`,
			met: undefined,
		},
	];
	const row = (label, what, fmt) => [
		label,
		fmt(m('trigger', what)),
		fmt(m('webhook', what)),
		`${ratio(what).toFixed(2)}×`,
		VARIANTS.map((v) => r[v][what].map((x) => fmt(x)).join(', ')).join(' / '),
	];
	const perSecond = (x) => `${x.toFixed(1)}/s`;
	const comparison = table(
		['', LABEL.trigger, LABEL.webhook, 'trigger ÷ Webhook', 'rounds (trigger / Webhook)'],
		[
			row(
				`callbacks answered per second (${result.n}, ${result.concurrency} at a time)`,
				'answered',
				perSecond,
			),
			row(
				'callbacks executed per second (the same, until every execution succeeded)',
				'executed',
				perSecond,
			),
			row(`slowest answer of a burst of ${result.burst}`, 'burst', ms),
			row(`single callback answer (median of ${result.single})`, 'single', ms),
		],
		['l', 'l', 'l', 'l', 'l'],
	);
	const steadyTable = table(
		[
			'variant',
			'rate',
			'callbacks',
			'median answer',
			'slowest answer',
			'executions done after the last answer',
			"sender's worst lag",
			'held',
		],
		VARIANTS.flatMap((v) =>
			r[v].steady.map((s) => [
				LABEL[v],
				`${s.rate}/s`,
				s.n,
				ms(s.p50Ms),
				ms(s.maxMs),
				ms(s.drainMs),
				ms(s.lagMs),
				s.held ? 'yes' : 'no',
			]),
		),
		['l', 'l', 'l', 'l', 'l', 'l', 'l', 'l'],
	);
	return {
		targets,
		sections: [
			{
				title: `${name}: OpenIM Trigger and n8n's Webhook node in n8n ${result.n8nVersion}${settings(result.env)}`,
				body: [
					`One \`n8n start\` (SQLite, regular mode), two active workflows: \`OpenIM Trigger -> No Op\` and \`Webhook (respond immediately) -> No Op\`, the same afterSendSingleMsg body POSTed to each. Medians of ${result.rounds} rounds, the variants' order alternating.`,
					'',
					comparison,
				].join('\n'),
			},
			{
				title: `${name}: steady rate within OpenIM's 5 s timeout`,
				body: [
					`Callbacks sent at a fixed rate for ${result.steadySeconds} s each step (open loop: sent when due, whatever the answers), the rate doubled until a step missed, then bisected. A step holds when every answer came in under 5 s and n8n had finished the step's executions less than 5 s after its last answer (so nothing piles up). Highest rate held: OpenIM Trigger ${steadyRate('trigger')}, Webhook node ${steadyRate('webhook')}.`,
					'',
					steadyTable,
				].join('\n'),
			},
		],
	};
}

// Each needs the n8n runtime and 4 to 16 minutes: they run only when named (`node bench/run.js --only trigger-n8n2 --update`).
// trigger-n8n2-legacy is a what-if: n8n 2.41's default expression engine ('vm') takes a fresh isolate for every
// execution and, for every trigger but its own Webhook node, for the webhook call too (live-webhooks.js
// webhookPhaseNeedsIsolate); N8N_EXPRESSION_ENGINE=legacy shows how much of the comparison that is.
// The trigger-n8n2-settings-* variants compare n8n 2.41's supported expression-engine settings with a baseline
// of the same size run alongside (smaller than trigger-n8n2: about 4 minutes each).
const SETTINGS_RUN = { n: 200, rounds: 3, steady: { seconds: 5, from: 5, max: 160, refine: 1 } };
const ENGINE_SETTINGS = {
	base: {},
	pool2: { N8N_EXPRESSION_ENGINE_POOL_SIZE: '2' },
	pool4: { N8N_EXPRESSION_ENGINE_POOL_SIZE: '4' },
	cache: { N8N_EXPRESSION_ENGINE_COMPILE_CACHE: 'true' },
	lazy: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' },
	tuned: {
		N8N_EXPRESSION_ENGINE_POOL_SIZE: '4',
		N8N_EXPRESSION_ENGINE_COMPILE_CACHE: 'true',
		N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true',
	},
};
const variants = {
	'trigger-n8n2': { generation: '2' },
	'trigger-n8n1': { generation: '1' },
	'trigger-n8n2-legacy': { generation: '2', env: { N8N_EXPRESSION_ENGINE: 'legacy' } },
	...Object.fromEntries(
		Object.entries(ENGINE_SETTINGS).map(([name, env]) => [
			`trigger-n8n2-settings-${name}`,
			{ generation: '2', env, ...SETTINGS_RUN },
		]),
	),
};
const specs = Object.fromEntries(
	Object.entries(variants).map(([name, variant]) => [
		name,
		{ named: variant, quick: { ...variant, ...QUICK } },
	]),
);

module.exports = { run, report, specs };
