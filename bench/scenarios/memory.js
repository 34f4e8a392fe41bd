'use strict';
// Peak memory for n input items: the OpenIM node (send, n text messages) versus the same engine run
// with a no-op node, each in a fresh child process (one run each: memory figures barely vary).
const path = require('node:path');
const { fork } = require('node:child_process');
const { startEmulator } = require('../lib/emulator');
const engine = require('../lib/engine');

function measure(args) {
	return new Promise((resolve, reject) => {
		const child = fork(path.join(__dirname, 'memory-child.js'), [JSON.stringify(args)], {
			execArgv: ['--expose-gc'],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		let result;
		child.on('message', (message) => (result = message));
		child.on('error', reject);
		child.on('exit', (code) =>
			code === 0 && result
				? resolve(result)
				: reject(new Error(`memory child ${args.variant} exited ${code}`)),
		);
	});
}

async function run({ options, log }) {
	const { n = 100000, concurrency = 8 } = options;
	const emu = await startEmulator();
	try {
		const pkg = engine.loadPkg();
		const parallel = engine.nodeHasConcurrency(pkg);
		const { token } = await emu.issueToken(engine.ADMIN, 1);
		const rows = [];
		for (const variant of options.variants ?? ['noop', 'node']) {
			const c =
				(variant === 'node' && parallel) || variant === 'helper'
					? (options.variantConcurrency?.[variant] ?? concurrency)
					: 1;
			log(`${variant}${variant === 'node' ? ` (concurrency ${c})` : ''}: ${n} items...`);
			const result = await measure({ variant, n, url: emu.url, token, concurrency: c });
			result.counts = await emu.takeCounts();
			await emu.reset();
			log(
				`${variant}: peak RSS ${(result.peakRss / 2 ** 20).toFixed(0)} MiB, peak heap ${(result.peakHeap / 2 ** 20).toFixed(0)} MiB, ${Math.round(result.ms)} ms`,
			);
			rows.push(result);
		}
		return { scenario: 'memory', n, concurrency: parallel ? concurrency : 1, rows };
	} finally {
		await emu.stop();
	}
}

module.exports = { run };
