'use strict';
// The webhook example (examples/webhook-to-message.json: Webhook -> Code -> OpenIM send -> Respond) in n8n's
// queue mode, with one and with two workers: test/e2e/helpers.js startQueueStack (private PostgreSQL and
// Redis, main, webhook process, workers of concurrency 5), the 3.x emulator in this process. Each call
// waits for the workflow's answer (the Respond node), so calls per second = executions per second.
// Rounds alternate the order (1 then 2 workers, then 2 then 1); a worker is stopped or started between
// phases, untimed. Every call must answer ok and the emulator must have received one message per call.
//
//   node bench/run.js --only queue --update     (n8n 1.x; BENCH_QUEUE_N, _CONCURRENCY, _ROUNDS, _GENERATION)
// Needs the n8n runtime (npm run setup), postgresql and redis-server.
const { startQueueStack } = require('../../test/e2e/helpers');
const { median } = require('../lib/stats');

const env = (name, fallback) => process.env[`BENCH_QUEUE_${name}`] || fallback;
// 1,000 calls a phase, not 10,000: the set-up answers about 4-5 calls per second on this 2-core machine, so 10,000
// would take some 40 minutes per phase.
const DEFAULTS = {
	n: Number(env('N', 1000)),
	concurrency: Number(env('CONCURRENCY', 20)),
	rounds: Number(env('ROUNDS', 2)),
	generation: env('GENERATION', '1'),
};

/** n calls, c at a time, each answered ok; wall ms. */
async function load(url, prefix, n, c) {
	let next = 0;
	const started = process.hrtime.bigint();
	await Promise.all(
		Array.from({ length: c }, async () => {
			while (next < n) {
				const i = next++;
				const res = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ text: `${prefix} ${i}`, userID: 'alice' }),
				});
				const body = await res.json().catch(() => undefined);
				if (res.status !== 200 || !body || body.ok !== true)
					throw new Error(`call ${i}: HTTP ${res.status} ${JSON.stringify(body)}`);
			}
		}),
	);
	return Number(process.hrtime.bigint() - started) / 1e6;
}

async function run({ options, log }) {
	const { n, concurrency, rounds, generation } = { ...DEFAULTS, ...options };
	const stack = await startQueueStack(generation, { workers: 1, activate: ['openimExWebhook1'] });
	try {
		const url = `${stack.webhook.baseUrl}/webhook/openim-message`;
		await stack.webhook.waitForWebhook('openim-message');
		const running = () =>
			stack.workers.filter((w) => w.process.exitCode === null && w.process.signalCode === null);
		const useWorkers = async (count) => {
			while (running().length > count) await running().at(-1).stop();
			while (running().length < count) await stack.addWorker();
		};
		const sent = (prefix) =>
			stack.emulator
				.snapshot()
				.messages.filter((m) => JSON.parse(m.content).content.startsWith(`${prefix} `)).length;
		await load(url, 'warm-up', 200, concurrency);
		const perSecond = { 1: [], 2: [] };
		const shares = [];
		for (let round = 0; round < rounds; round++) {
			for (const workers of round % 2 ? [2, 1] : [1, 2]) {
				await useWorkers(workers);
				const before = running().map((w) => w.executions().length);
				const prefix = `r${round}w${workers}`;
				const ms = await load(url, prefix, n, concurrency);
				if (sent(prefix) !== n)
					throw new Error(`${prefix}: ${sent(prefix)} messages for ${n} calls`);
				perSecond[workers].push((n / ms) * 1000);
				if (workers === 2) shares.push(running().map((w, i) => w.executions().length - before[i]));
				log(`round ${round + 1}, ${workers} worker(s): ${n} calls in ${(ms / 1000).toFixed(1)} s`);
			}
		}
		const tokenFetches = stack.emulator.requests.filter(
			(r) => r.path === '/auth/get_admin_token',
		).length;
		return {
			n,
			concurrency,
			rounds,
			generation,
			version: stack.main.version,
			perSecond,
			shares,
			tokenFetches,
		};
	} finally {
		await stack.stop();
	}
}

function report(name, result) {
	const one = median(result.perSecond[1]);
	const two = median(result.perSecond[2]);
	const shares = result.shares.map((s) => s.join(' / ')).join(', ');
	const body = [
		`n8n ${result.version} in queue mode (main, webhook process, workers of concurrency 5, PostgreSQL, Redis, the 3.x emulator: all on this machine); ` +
			`${result.n} calls of the webhook example per phase, ${result.concurrency} at a time, ${result.rounds} rounds (order alternating), medians.`,
		'',
		'| | 1 worker | 2 workers | 2 ÷ 1 |',
		'|---|---|---|---|',
		`| webhook calls answered (= executions) per second | ${one.toFixed(1)} /s | ${two.toFixed(1)} /s | ${(two / one).toFixed(2)} |`,
		'',
		`Executions per worker in the 2-worker phases: ${shares}. Admin token fetches over the whole run: ${result.tokenFetches}. ` +
			'The machine has 2 cores shared by every process of the set-up (and by other work): a second worker adds executors, not CPU, so the ratio shows what the set-up gains from spreading, not what a second machine would.',
	].join('\n');
	return {
		targets: [
			{
				target: `${result.n} webhook sends, 2 workers vs 1: throughput ratio (reported)`,
				measured: `${(two / one).toFixed(2)}x (${one.toFixed(1)} -> ${two.toFixed(1)} /s)`,
				met: undefined,
			},
		],
		sections: [{ title: 'Queue mode: 1 and 2 workers', body }],
	};
}

// Runs only when named (`--only queue`): it needs minutes of a real n8n, PostgreSQL and Redis.
module.exports = { specs: { queue: { named: {} } }, run, report };
