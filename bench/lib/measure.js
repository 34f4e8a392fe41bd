'use strict';
// Timed runs: GC first, then wall time (process.hrtime.bigint()) and client CPU time around one run,
// then what the emulator saw during it (requests per path, TCP connections).
const { median, gc } = require('./stats');

async function sample(emu, fn) {
	await emu.takeCounts(); // forget whatever happened before
	gc();
	const cpu0 = process.cpuUsage();
	const started = process.hrtime.bigint();
	const value = await fn();
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const cpu = process.cpuUsage(cpu0);
	const counts = await emu.takeCounts();
	return { ms, cpuMs: (cpu.user + cpu.system) / 1000, counts, items: value?.items?.length };
}

/** One row: median over the samples, per item figures, requests seen by the emulator. */
function summarize(key, label, samples, n) {
	const ms = median(samples.map((s) => s.ms));
	const cpuMs = median(samples.map((s) => s.cpuMs));
	const last = samples[samples.length - 1].counts;
	const requests = Object.entries(last)
		.filter(([path]) => path.startsWith('/'))
		.reduce((sum, [, count]) => sum + count, 0);
	return {
		key,
		label,
		n,
		rounds: samples.length,
		ms,
		perItemUs: (ms * 1000) / n,
		cpuPerItemUs: (cpuMs * 1000) / n,
		samplesMs: samples.map((s) => Math.round(s.ms)),
		requests,
		connections: last.connections,
		listenOverflows: samples.reduce((sum, s) => sum + (s.counts.listenOverflows ?? 0), 0),
		// 2021 and 3.x before 3.8.1 fetch admin tokens from auth/user_token, 3.8.1+ from auth/get_admin_token.
		tokenFetches: samples.map(
			(s) => (s.counts['/auth/user_token'] ?? 0) + (s.counts['/auth/get_admin_token'] ?? 0),
		),
		paths: Object.fromEntries(Object.entries(last).filter(([path]) => path.startsWith('/'))),
	};
}

/** Rotates the variant order per round so that drift on a shared machine spreads over all variants. */
const rotate = (list, by) => list.map((_, i) => list[(i + by) % list.length]);

module.exports = { sample, summarize, rotate };
