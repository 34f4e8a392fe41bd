'use strict';
// Register N users (one item each), then get them back: one item per user, and one item holding all
// N uids (the node sends them in chunks of LIST_CHUNK_SIZE; the helper floor and the raw loop send
// the same chunks). Each variant registers and reads its own users; the emulator is reset between
// variants (not timed). Median of `rounds` interleaved rounds. Generation '2021' (node typeVersion 1:
// auth/user_register, user/get_user_info) or 'v3' (typeVersion 2: user/user_register, user/get_users_info).
const engine = require('../lib/engine');
const { startEmulator } = require('../lib/emulator');
const { sample, summarize, rotate } = require('../lib/measure');

const LABELS = {
	node: 'OpenIM node, sequential',
	node8: 'OpenIM node, options.concurrency 8',
	helper: 'helper floor: httpRequestWithAuthentication loop',
	http: 'n8n HTTP Request node',
	raw: 'raw node:http keep-alive loop, sequential',
};

async function run({ options, log }) {
	const {
		n = 10000,
		rounds = 3,
		warmup = 500,
		variants = ['node', 'helper', 'http', 'raw'],
		concurrency = 8,
		generation = '2021',
	} = options;
	const emu = await startEmulator({ generation });
	try {
		const pkg = engine.loadPkg({ withHttpRequest: variants.includes('http') });
		const active = variants.filter((key) => engine.nodeHasConcurrency(pkg) || key !== 'node8');
		const store = engine.newStore(emu.url, '', generation);
		const steps = {
			register: (key, users) => ({ shape: 'register', items: users, expected: users.length }),
			getEach: (key, users) => ({
				shape: 'get',
				items: users.map((u) => ({ json: { uidList: u.json.uid } })),
				expected: users.length,
			}),
			getAll: (key, users) => ({
				shape: 'get',
				items: [{ json: { uidList: users.map((u) => u.json.uid) } }],
				expected: users.length,
			}),
		};
		// The HTTP Request node has no way to split one item's uid list into chunks: getAll is not compared there.
		const applies = (step, key) => !(step === 'getAll' && key === 'http');
		const runVariant = (key, spec) => {
			const common = { pkg, store, url: emu.url, generation, ...spec };
			if (key === 'node') return engine.runNode(common);
			if (key === 'node8') return engine.runNode({ ...common, concurrency });
			if (key === 'helper') return engine.runHelper(common);
			if (key === 'http') return engine.runHttpRequest(common);
			return engine.runRaw(common);
		};
		const users = engine.userItems(n);
		const warmUsers = users.slice(0, Math.min(n, warmup));
		log(`warm-up: ${warmUsers.length} users per variant (${active.join(', ')})`);
		for (const key of active) {
			for (const step of Object.keys(steps))
				if (applies(step, key)) await runVariant(key, steps[step](key, warmUsers));
			await emu.reset();
		}
		const samples = {};
		for (let round = 0; round < rounds; round++) {
			const line = [];
			for (const key of rotate(active, round)) {
				for (const step of Object.keys(steps)) {
					if (!applies(step, key)) continue;
					const spec = steps[step](key, users);
					(samples[`${step}:${key}`] ??= []).push(await sample(emu, () => runVariant(key, spec)));
					line.push(`${step} ${key} ${Math.round(samples[`${step}:${key}`][round].ms)} ms`);
				}
				const sizes = await emu.sizes();
				if (sizes.users !== n + 1)
					throw new Error(`${key}: ${sizes.users - 1} users registered, expected ${n}`);
				await emu.reset();
			}
			log(`round ${round + 1}/${rounds}: ${line.join(', ')}`);
		}
		const rows = [];
		for (const step of Object.keys(steps)) {
			for (const key of active) {
				if (applies(step, key))
					rows.push({ step, ...summarize(key, LABELS[key], samples[`${step}:${key}`], n) });
			}
		}
		return { scenario: 'users', generation, n, rounds, chunk: engine.CHUNK, concurrency, rows };
	} finally {
		await emu.stop();
	}
}

module.exports = { run, LABELS };
