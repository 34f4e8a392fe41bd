'use strict';
// Send N text messages (one item each) through every variant, median of `rounds` interleaved rounds,
// against the 2021 API (generation '2021', node typeVersion 1) or 3.x ('v3', typeVersion 2).
const engine = require('../lib/engine');
const { startEmulator } = require('../lib/emulator');
const { sample, summarize, rotate } = require('../lib/measure');

const LABELS = {
	node: 'OpenIM node, sequential',
	node8: 'OpenIM node, options.concurrency 8',
	helper: 'helper floor: httpRequestWithAuthentication loop',
	helper8: 'helper floor, 8 in flight',
	http: 'n8n HTTP Request node (+ token node)',
	raw: 'raw node:http keep-alive loop, sequential',
	direct: 'what-if: helper loop, token read once + helpers.httpRequest',
	direct8: 'what-if: as above, 8 in flight',
	keepalive8: 'what-if: loop on own keep-alive Agent, 8 in flight',
};

async function run({ options, log }) {
	const {
		n = 1000,
		rounds = 5,
		warmup = 1000,
		variants = ['node', 'node8', 'helper', 'http', 'raw'],
		concurrency = 8,
		latencyMs = 0,
		generation = '2021',
	} = options;
	const emu = await startEmulator({
		generation,
		users: generation === 'v3' ? engine.RECIPIENTS : [],
	});
	try {
		const pkg = engine.loadPkg({ withHttpRequest: variants.includes('http') });
		const parallel = engine.nodeHasConcurrency(pkg);
		const active = variants.filter((key) => parallel || key !== 'node8');
		const shared = engine.newStore(emu.url, '', generation);
		// Round 0 of the node variants starts from a credential without a token, later rounds reuse the stored one.
		const storeFor = (key, round) =>
			round === 0 && key.startsWith('node') ? engine.newStore(emu.url, '', generation) : shared;
		const common = { pkg, shape: 'send', generation };
		const runners = {
			node: (items, store) => engine.runNode({ ...common, store, items, expected: items.length }),
			node8: (items, store) =>
				engine.runNode({ ...common, store, items, expected: items.length, concurrency }),
			helper: (items, store) =>
				engine.runHelper({ ...common, store, items, expected: items.length }),
			helper8: (items, store) =>
				engine.runHelper({ ...common, store, items, expected: items.length, concurrency }),
			http: (items, store) =>
				engine.runHttpRequest({ ...common, store, url: emu.url, items, expected: items.length }),
			raw: (items) => engine.runRaw({ ...common, url: emu.url, items, expected: items.length }),
			direct: (items, store) =>
				engine.runHelper({ ...common, store, items, expected: items.length, mode: 'direct' }),
			direct8: (items, store) =>
				engine.runHelper({
					...common,
					store,
					items,
					expected: items.length,
					mode: 'direct',
					concurrency,
				}),
			keepalive8: (items, store) =>
				engine.runHelper({
					...common,
					store,
					items,
					expected: items.length,
					mode: 'keepalive',
					concurrency,
				}),
		};
		const items = engine.sendItems(n);
		const warm = items.slice(0, Math.min(n, warmup));
		if (latencyMs) await emu.setLatency(latencyMs);
		log(`warm-up: ${warm.length} items per variant (${active.join(', ')})`);
		for (const key of active) {
			await runners[key](warm, shared);
			await emu.reset();
		}
		if (latencyMs) await emu.setLatency(latencyMs); // reset() restores the start latency
		const samples = Object.fromEntries(active.map((key) => [key, []]));
		for (let round = 0; round < rounds; round++) {
			for (const key of rotate(active, round)) {
				const store = storeFor(key, round);
				samples[key].push(await sample(emu, () => runners[key](items, store)));
				await emu.reset(); // drop the stored messages (not timed)
				if (latencyMs) await emu.setLatency(latencyMs);
			}
			log(
				`round ${round + 1}/${rounds}: ${active.map((key) => `${key} ${Math.round(samples[key][round].ms)} ms`).join(', ')}`,
			);
		}
		return {
			scenario: 'send',
			generation,
			n,
			rounds,
			latencyMs,
			concurrency,
			parallelAvailable: parallel,
			rows: active.map((key) => summarize(key, LABELS[key], samples[key], n)),
		};
	} finally {
		await emu.stop();
	}
}

module.exports = { run, LABELS };
