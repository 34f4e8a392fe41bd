'use strict';

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Milliseconds taken by fn (awaited), with process.hrtime.bigint(). */
async function timeMs(fn) {
	const started = process.hrtime.bigint();
	const value = await fn();
	return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

function gc() {
	if (typeof global.gc === 'function') {
		global.gc();
		global.gc();
	}
}

module.exports = { median, timeMs, gc };
