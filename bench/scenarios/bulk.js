'use strict';
// Issue 11's bulk figures on OpenIM 3.x, in the real n8n-core engine against the 3.x emulator (its own process):
// - register N users (one item each): Batch Size B (N/B user_register requests) ÷ one request per item (Batch Size
//   1), and ÷ n8n's HTTP Request node doing one request per item (after a first one fetches the admin token);
// - one text to N users: Message → Send to Many (one msg/batch_send_msg for the N recipients) ÷ Message → Send,
//   N items, one msg/send_msg each;
// - register N users in batches of B of which 1% of each batch is registered already: requests and time ÷ the
//   all-new batched run; each refused batch costs one get_users_info lookup (per 500 IDs) and one more register.
// Median of `rounds` interleaved rounds; the emulator is reset between runs (not timed). Every run is checked:
// one output per item, no failed item (but the expected 1102 ones), every user registered.
const engine = require('../lib/engine');
const { startEmulator } = require('../lib/emulator');
const { sample, summarize, rotate } = require('../lib/measure');

const LABELS = {
	batched: 'OpenIM node, Batch Size B',
	perItem: 'OpenIM node, one request per item (Batch Size 1)',
	http: "n8n's HTTP Request node, one request per item",
	sendToMany: 'OpenIM node, Message → Send to Many, one item with N recipients',
	sendEach: 'OpenIM node, Message → Send, N items',
	bad: 'OpenIM node, Batch Size B, 1% of each batch registered already',
};

const ADMIN = engine.GENERATIONS.v3.admin;
const recipients = (n) => Array.from({ length: n }, (_, i) => `r${i}`);
/** The users of the 1% run that are registered before it: one in a hundred. */
const takenOf = (n) => Array.from({ length: Math.floor(n / 100) }, (_, i) => `x${i * 100 + 50}`);

async function runOpenIm({ pkg, store, parameters, items, expected, failures = 0 }) {
	const res = await engine.harness.runWorkflow({
		pkg,
		store,
		items,
		parameters: { apiVersion: 'v3', ...parameters },
		typeVersion: 2,
		continueOnFail: failures > 0,
	});
	if (res.status !== 'success')
		throw new Error(`${parameters.operation}: run ${res.status}: ${res.error?.message}`);
	if (res.items.length !== expected)
		throw new Error(`${parameters.operation}: ${res.items.length} items out, expected ${expected}`);
	const failed = res.items.filter(
		(item) => item.json.error !== undefined || item.json.sent === false,
	);
	if (
		failed.length !== failures ||
		failed.some((item) => failures === 0 || item.json.errCode !== 1102)
	) {
		throw new Error(
			`${parameters.operation}: ${failed.length} failed items, expected ${failures}: ${JSON.stringify(failed[0]?.json).slice(0, 300)}`,
		);
	}
	return res;
}

const register = (batchSize) => ({
	resource: 'user',
	operation: 'register',
	uid: '={{ $json.uid }}',
	name: '={{ $json.name }}',
	options: { batchSize },
});
const text = { sendID: ADMIN, contentType: 101, text: 'The shop opens at 9 tomorrow' };

async function run({ options, log }) {
	const { n = 10000, batchSize = 1000, rounds = 3, warmup = 300 } = options;
	const taken = takenOf(n);
	const emu = await startEmulator({ generation: 'v3', users: [...recipients(n), ...taken] });
	try {
		const pkg = engine.loadPkg({ withHttpRequest: true });
		const store = engine.newStore(emu.url, '', 'v3');
		const variants = {
			batched: (size) =>
				runOpenIm({
					pkg,
					store,
					parameters: register(batchSize),
					items: engine.userItems(size),
					expected: size,
				}),
			perItem: (size) =>
				runOpenIm({
					pkg,
					store,
					parameters: register(1),
					items: engine.userItems(size),
					expected: size,
				}),
			http: (size) =>
				engine.runHttpRequest({
					pkg,
					store,
					url: emu.url,
					shape: 'register',
					items: engine.userItems(size),
					expected: size,
					generation: 'v3',
				}),
			sendToMany: (size) =>
				runOpenIm({
					pkg,
					store,
					parameters: {
						resource: 'message',
						operation: 'sendToMany',
						...text,
						uidList: recipients(size),
					},
					items: [{ json: {} }],
					expected: size,
				}),
			sendEach: (size) =>
				runOpenIm({
					pkg,
					store,
					parameters: {
						resource: 'message',
						operation: 'send',
						...text,
						sessionType: 1,
						recvID: '={{ $json.recvID }}',
					},
					items: recipients(size).map((recvID) => ({ json: { recvID } })),
					expected: size,
				}),
			bad: (size) =>
				runOpenIm({
					pkg,
					store,
					parameters: register(batchSize),
					items: engine.userItems(size, 'x'),
					expected: size,
					failures: takenOf(size).length,
				}),
		};
		const keys = Object.keys(variants);
		log(`warm-up: ${warmup} items per variant`);
		for (const key of keys) {
			// The 1% run needs its registered users among its own: a warm-up of a few hundred has them.
			await variants[key](key === 'bad' ? Math.max(warmup, 100) : warmup);
			await emu.reset();
		}
		const samples = {};
		for (let round = 0; round < rounds; round++) {
			const line = [];
			for (const key of rotate(keys, round)) {
				(samples[key] ??= []).push(await sample(emu, () => variants[key](n)));
				line.push(`${key} ${Math.round(samples[key][round].ms)} ms`);
				const sizes = await emu.sizes();
				const expected =
					1 +
					n +
					taken.length +
					(['sendToMany', 'sendEach'].includes(key) ? 0 : key === 'bad' ? n - taken.length : n);
				if (sizes.users !== expected)
					throw new Error(`${key}: ${sizes.users} users on the server, expected ${expected}`);
				await emu.reset();
			}
			log(`round ${round + 1}/${rounds}: ${line.join(', ')}`);
		}
		const rows = keys.map((key) =>
			summarize(
				key,
				LABELS[key].replace(/\bB\b/, String(batchSize)).replace(/\bN\b/, String(n)),
				samples[key],
				n,
			),
		);
		return { scenario: 'bulk', n, batchSize, rounds, taken: taken.length, rows };
	} finally {
		await emu.stop();
	}
}

const specs = {
	bulk: {
		full: { n: 10000, batchSize: 1000, rounds: 3 },
		quick: { n: 2000, batchSize: 500, rounds: 1, warmup: 200 },
	},
};

const fixed = (value, digits = 1) => Number(value).toFixed(digits);

function report(name, result) {
	const row = Object.fromEntries(result.rows.map((entry) => [entry.key, entry]));
	const ratio = (slow, fast) => row[slow].ms / row[fast].ms;
	const { n, batchSize } = result;
	const count = (entry, path) => entry.paths[path] ?? 0;
	const targets = [
		{
			target: `${n} registrations: Batch Size ${batchSize} ÷ one request per item ≥ 20× faster`,
			measured: `${fixed(ratio('perItem', 'batched'))}×`,
			met: ratio('perItem', 'batched') >= 20,
		},
		{
			target: `${n} registrations: Batch Size ${batchSize} ÷ n8n's HTTP Request node, one request per item ≥ 10× faster`,
			measured: `${fixed(ratio('http', 'batched'))}×`,
			met: ratio('http', 'batched') >= 10,
		},
		{
			target: `one text to ${n} users: Send to Many ÷ ${n} sends (reported)`,
			measured: `${fixed(ratio('sendEach', 'sendToMany'))}× faster`,
			met: undefined,
		},
		{
			target: `Batch Size ${batchSize} with 1% registered users: requests and time ÷ all new (reported)`,
			measured: `${row.bad.requests} ÷ ${row.batched.requests} requests, ${fixed(ratio('bad', 'batched'), 2)}× the time`,
			met: undefined,
		},
	];
	const table = [
		'| variant | median ms | per item µs | client CPU per item µs | requests (last round) | runs (ms) |',
		'|---|---|---|---|---|---|',
		...result.rows.map(
			(entry) =>
				`| ${entry.label} | ${Math.round(entry.ms)} | ${fixed(entry.perItemUs)} | ${fixed(entry.cpuPerItemUs)} | ${entry.requests} | ${entry.samplesMs.join(', ')} |`,
		),
	].join('\n');
	const bad = row.bad;
	const detail = [
		`With ${result.taken} of the ${n} users registered before the run (1% of each batch of ${batchSize}), each batch costs`,
		`a refused user_register, a get_users_info lookup of its ${batchSize} IDs (requests of 500) and a user_register without the registered ones:`,
		`${count(bad, '/user/user_register')} user_register and ${count(bad, '/user/get_users_info')} get_users_info requests in all,`,
		`against ${count(row.batched, '/user/user_register')} user_register when every user is new. Figures from a 2-core machine shared with other work: ratios within one run.`,
	].join(' ');
	return {
		targets,
		sections: [
			{ title: `${n} items, Batch Size ${batchSize}, ${result.rounds} rounds`, body: table },
			{ title: 'What a failed batch costs', body: detail },
		],
	};
}

module.exports = { run, specs, report, LABELS };
