#!/usr/bin/env node
'use strict';
// npm run bench: builds the node (npm script), then runs every scenario in a fresh child process against
// an OpenIM emulator in a process of its own, prints the tables and writes bench/RESULTS.md.
//
//   node bench/run.js              full run (about 8-10 minutes on 2 cores), writes bench/RESULTS.md
//   node bench/run.js --quick      small sizes, 2 rounds, smoke test; prints only (no RESULTS.md)
//   node bench/run.js --only send1k,latency     some scenarios (prints only)
//   node bench/run.js --only bulk-v3 --update   some scenarios of their own module (below), and rewrite their
//                                               blocks in bench/RESULTS.md, leaving the rest of it as it is
//   BENCH_ROUNDS_SEND1K / _SEND10K / _USERS / _LATENCY / _SEND1K_V3 / _USERS_V3=<n>   other round counts
// A scenario module may describe itself: `specs` ({ name: { full, quick } } options) and `report(name, result)`
// ({ targets, sections }); run.js then runs it like the built-in ones and gives it a block of RESULTS.md of its own.
// See bench/README.md.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { fork, execFileSync } = require('node:child_process');

const { sections, targets, targetsTable } = require('./lib/report');
const { ensureNodesBase, nodesBaseVersion } = require('./nodes-base');

const REPO = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1].split(',') : undefined;
const update = args.includes('--update');
const rounds = (name, fallback) =>
	Number(process.env[`BENCH_ROUNDS_${name.toUpperCase()}`] || fallback);

const ALL_SEND_VARIANTS = [
	'node',
	'node8',
	'helper',
	'helper8',
	'http',
	'raw',
	'direct',
	'direct8',
	'keepalive8',
];
// 3.x: the comparisons that carry targets; the what-ifs are about n8n's request helper, the same on both.
const V3_SEND_VARIANTS = ['node', 'node8', 'helper', 'helper8', 'http', 'raw'];
const SCENARIOS = quick
	? {
			send1k: ['send', { n: 200, rounds: 2, warmup: 100, variants: ALL_SEND_VARIANTS }],
			send10k: [
				'send',
				{ n: 1000, rounds: 2, warmup: 100, variants: ['node', 'node8', 'helper', 'http', 'raw'] },
			],
			users: ['users', { n: 1000, rounds: 2, warmup: 100 }],
			'send1k-v3': [
				'send',
				{ generation: 'v3', n: 200, rounds: 2, warmup: 100, variants: V3_SEND_VARIANTS },
			],
			'users-v3': ['users', { generation: 'v3', n: 1000, rounds: 2, warmup: 100 }],
			latency: [
				'send',
				{ n: 200, rounds: 2, warmup: 50, latencyMs: 5, variants: ['node', 'node8'] },
			],
			memory: ['memory', { n: 5000 }],
		}
	: {
			send1k: [
				'send',
				{ n: 1000, rounds: rounds('send1k', 5), warmup: 1000, variants: ALL_SEND_VARIANTS },
			],
			send10k: [
				'send',
				{
					n: 10000,
					rounds: rounds('send10k', 3),
					warmup: 1000,
					variants: ['node', 'node8', 'helper', 'http', 'raw'],
				},
			],
			users: ['users', { n: 10000, rounds: rounds('users', 2), warmup: 500 }],
			'send1k-v3': [
				'send',
				{
					generation: 'v3',
					n: 1000,
					rounds: rounds('send1k_v3', 5),
					warmup: 1000,
					variants: V3_SEND_VARIANTS,
				},
			],
			'users-v3': [
				'users',
				{ generation: 'v3', n: 10000, rounds: rounds('users_v3', 2), warmup: 500 },
			],
			latency: [
				'send',
				{
					n: 1000,
					rounds: rounds('latency', 3),
					warmup: 200,
					latencyMs: 5,
					variants: ['node', 'node8'],
				},
			],
			memory: [
				'memory',
				{ n: 100000, variants: (process.env.BENCH_MEMORY_VARIANTS || 'noop,node').split(',') },
			],
		};

/** Scenario modules that carry their own specs and report: { scenario name: { module, spec, report } }. */
const MODULES = Object.fromEntries(
	fs
		.readdirSync(path.join(__dirname, 'scenarios'))
		// Entry points of their own processes (`*-child.js`) run when loaded; scenario modules only export.
		.filter((file) => file.endsWith('.js') && !file.endsWith('-child.js'))
		.flatMap((file) => {
			const module = path.basename(file, '.js');
			const { specs, report } = require(path.join(__dirname, 'scenarios', file));
			return Object.entries(specs ?? {}).map(([name, spec]) => [name, { module, spec, report }]);
		}),
);
// A spec with `named` options runs only when named with --only (with `quick` under --quick): a scenario that
// needs minutes of a real n8n. Others run in the full run (`full`) and the quick one (`quick`).
for (const [name, { module, spec }] of Object.entries(MODULES)) {
	const options = quick ? spec.quick : (spec.named ?? spec.full);
	if (options && (!spec.named || only?.includes(name))) SCENARIOS[name] = [module, options];
}

const BLOCK = (name) => [`<!-- bench:${name} -->`, `<!-- /bench:${name} -->`];

/** One module scenario's part of RESULTS.md: when and where it ran, its targets, its tables. */
function block(name, result, info) {
	const { targets: goals = [], sections: parts = [] } = MODULES[name].report(name, result);
	const [open, close] = BLOCK(name);
	return [
		open,
		`## ${name}`,
		'',
		`Run ${info.date}, commit ${info.commit}, ${Math.round(result.seconds)} s; load average before ${info.loadBefore}, after ${info.loadAfter}${busy(info) ? ' (**busy machine**)' : ''}.`,
		'',
		...(goals.length ? [targetsTable(goals), ''] : []),
		...parts.flatMap((part) => [`### ${part.title}`, '', part.body, '']),
		close,
	].join('\n');
}

/** The blocks of RESULTS.md as they are: { scenario name: text }. */
function blocksOf(markdown) {
	const found = {};
	for (const [, name] of markdown.matchAll(/<!-- bench:([\w.-]+) -->/g)) {
		const [open, close] = BLOCK(name);
		const start = markdown.indexOf(open);
		const end = markdown.indexOf(close, start);
		if (end > start) found[name] = markdown.slice(start, end + close.length);
	}
	return found;
}

/** RESULTS.md with these blocks put in place of their old ones (or added at the end). */
function withBlocks(markdown, blocks) {
	let out = markdown.replace(/\n*$/, '\n');
	for (const [name, text] of Object.entries(blocks)) {
		const [open, close] = BLOCK(name);
		const start = out.indexOf(open);
		const end = out.indexOf(close);
		out =
			start >= 0 && end > start
				? `${out.slice(0, start)}${text}${out.slice(end + close.length)}`
				: `${out}\n${text}\n`;
	}
	return out;
}

function runScenario(name, [module, options]) {
	return new Promise((resolve, reject) => {
		const child = fork(path.join(__dirname, 'lib/child.js'), [module, JSON.stringify(options)], {
			execArgv: ['--expose-gc'],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		let message;
		child.on('message', (m) => (message = m));
		child.on('error', reject);
		child.on('exit', (code) => {
			if (message?.result) resolve(message.result);
			else
				reject(
					new Error(
						`scenario ${name} failed (exit ${code})${message?.error ? `: ${message.error}` : ''}`,
					),
				);
		});
	});
}

function version(name) {
	return require(require.resolve(`${name}/package.json`, { paths: [REPO] })).version;
}

function machine() {
	const cpus = os.cpus();
	let commit = '';
	try {
		commit = execFileSync('git', ['describe', '--always', '--dirty'], {
			cwd: REPO,
			encoding: 'utf8',
		}).trim();
	} catch {
		commit = 'unknown';
	}
	return {
		cpu: cpus[0]?.model ?? 'unknown',
		cores: cpus.length,
		memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
		os: `${os.type()} ${os.release()}`,
		node: process.version,
		n8nCore: version('n8n-core'),
		n8nWorkflow: version('n8n-workflow'),
		n8nNodesBase: nodesBaseVersion(),
		commit,
		date: new Date().toISOString(),
		loadBefore: os
			.loadavg()
			.map((l) => l.toFixed(2))
			.join(' '),
	};
}

const busy = (info) =>
	[info.loadBefore, info.loadAfter].some((load) => Number(load.split(' ')[0]) > info.cores);

async function main() {
	const started = Date.now();
	const unknown = (only ?? []).filter((name) => !SCENARIOS[name]);
	if (unknown.length)
		throw new Error(
			`unknown scenario(s): ${unknown.join(', ')}; known: ${[...new Set([...Object.keys(SCENARIOS), ...Object.keys(MODULES)])].join(', ')}`,
		);
	const builtInOnly = update && (only ?? []).filter((name) => !MODULES[name]);
	if (builtInOnly?.length)
		throw new Error(
			`--update rewrites the blocks of module scenarios; ${builtInOnly.join(', ')} belong to the full run`,
		);
	ensureNodesBase();
	const info = machine();
	const selected = Object.entries(SCENARIOS).filter(([name]) => !only || only.includes(name));
	const results = {};
	for (const [name, spec] of selected) {
		const t0 = Date.now();
		process.stderr.write(`[bench] ${name}...\n`);
		results[name] = await runScenario(name, spec);
		results[name].seconds = (Date.now() - t0) / 1000;
		process.stderr.write(`[bench] ${name} done in ${results[name].seconds.toFixed(0)} s\n`);
	}
	info.loadAfter = os
		.loadavg()
		.map((l) => l.toFixed(2))
		.join(' ');
	info.totalSeconds = (Date.now() - started) / 1000;

	const builtIn = Object.fromEntries(Object.entries(results).filter(([name]) => !MODULES[name]));
	const blocks = Object.fromEntries(
		Object.keys(results)
			.filter((name) => MODULES[name])
			.map((name) => [name, block(name, results[name], info)]),
	);
	const parts = sections(builtIn);
	const goals = targets(builtIn);
	const markdown = [
		'# Benchmark results',
		'',
		`Generated by \`npm run bench\`${quick ? ' --quick (small sizes: not the figures of the issue)' : ''}. Method, variants and findings: [README.md](README.md).`,
		'',
		`- Machine: ${info.cpu}, ${info.cores} cores, ${info.memory} RAM, ${info.os}`,
		`- Node ${info.node}, n8n-core ${info.n8nCore}, n8n-workflow ${info.n8nWorkflow}, n8n-nodes-base ${info.n8nNodesBase} (HTTP Request node, isolated cache)`,
		`- Date ${info.date}, commit ${info.commit}; load average (1/5/15 min) before ${info.loadBefore}, after ${info.loadAfter}${busy(info) ? ' (**busy machine**: load above the core count, so other processes took CPU during the run; figures are noisier)' : ''}`,
		`- Whole run ${Math.round(info.totalSeconds)} s (${Object.entries(results)
			.map(([name, r]) => `${name} ${Math.round(r.seconds)} s`)
			.join(', ')})`,
		'- Every figure is from this run, against the same emulator (its own process); ratios are of medians. Client CPU = user+system CPU of the process running n8n (or the raw loop) during the run.',
		'',
		'## Targets',
		'',
		targetsTable(goals),
		'',
		...parts.flatMap((part) => [`## ${part.title}`, '', part.body, '']),
	].join('\n');

	const file = path.join(__dirname, 'RESULTS.md');
	process.stdout.write(`\n${markdown}\n\n${Object.values(blocks).join('\n\n')}\n`);
	if (!quick && !only) {
		// Module scenarios that were not part of this run keep their last block.
		const kept = fs.existsSync(file) ? blocksOf(fs.readFileSync(file, 'utf8')) : {};
		fs.writeFileSync(file, withBlocks(markdown, { ...kept, ...blocks }));
		process.stderr.write(`[bench] wrote bench/RESULTS.md (${Math.round(info.totalSeconds)} s)\n`);
	} else if (!quick && update) {
		fs.writeFileSync(file, withBlocks(fs.readFileSync(file, 'utf8'), blocks));
		process.stderr.write(
			`[bench] updated ${Object.keys(blocks).join(', ') || 'no'} block(s) of bench/RESULTS.md\n`,
		);
	}
	const raw = path.join(os.tmpdir(), 'n8n-nodes-openim-bench-results.json');
	fs.writeFileSync(raw, JSON.stringify({ info, results }, null, 1));
	process.stderr.write(`[bench] raw results: ${raw}\n`);
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
