'use strict';
// One memory measurement in a fresh process: Items(n) -> variant, through the n8n-core engine.
//   node <concurrency>: the OpenIM node sending n text messages;  noop: the engine with a no-op node.
// Peak RSS is the kernel's (process.resourceUsage().maxRSS); heap is sampled every 10 ms.
// Usage (from scenarios/memory.js): node --expose-gc memory-child.js '<json {variant, n, url, token, concurrency}>'
const engine = require('../lib/engine');
const { gc } = require('../lib/stats');

async function main() {
	const { variant, n, url, token, concurrency } = JSON.parse(process.argv[2]);
	const pkg = engine.loadPkg();
	const store = engine.newStore(url, token);
	const items = engine.sendItems(n);
	gc();
	const before = process.memoryUsage();
	const maxRssBefore = process.resourceUsage().maxRSS * 1024;
	let peakHeap = before.heapUsed;
	let peakRssSampled = before.rss;
	const timer = setInterval(() => {
		const m = process.memoryUsage();
		if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
		if (m.rss > peakRssSampled) peakRssSampled = m.rss;
	}, 10);
	const started = process.hrtime.bigint();
	let res;
	if (variant === 'noop') {
		res = await engine.harness.runWorkflow({
			pkg,
			items,
			nodeType: engine.harness.NOOP_NODE_TYPE,
			nodeName: 'No Operation',
			parameters: {},
		});
	} else if (variant === 'helper') {
		res = await engine.runHelper({ pkg, store, shape: 'send', items, expected: n, concurrency });
	} else {
		res = await engine.runNode({
			pkg,
			store,
			shape: 'send',
			items,
			expected: n,
			concurrency: concurrency > 1 ? concurrency : undefined,
		});
	}
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const after = process.memoryUsage();
	clearInterval(timer);
	if (after.heapUsed > peakHeap) peakHeap = after.heapUsed;
	const outItems = res.items.length;
	gc();
	const retainedHeap = process.memoryUsage().heapUsed; // what the finished run still holds (result referenced)
	process.send({
		variant,
		n,
		concurrency,
		ms,
		outItems,
		status: res.status,
		baselineRss: before.rss,
		baselineHeap: before.heapUsed,
		peakRss: Math.max(process.resourceUsage().maxRSS * 1024, peakRssSampled),
		maxRssBeforeRun: maxRssBefore,
		peakHeap,
		retainedHeap,
		keep: res.items.length, // keeps `res` alive until after the retained-heap reading
	});
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
