'use strict';
// Turns the scenario results into tables (markdown, printed as is) and the list of targets.

const fmtMs = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const fmtX = (x) => (x === undefined || !Number.isFinite(x) ? '–' : `${x.toFixed(2)}×`);
const MiB = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const n = (value) => value.toLocaleString('en-US');

function table(headers, rows, align) {
	const lines = [
		`| ${headers.join(' | ')} |`,
		`|${headers.map((_, i) => (align?.[i] === 'l' ? ' --- ' : ' ---: ')).join('|')}|`,
	];
	for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
	return lines.join('\n');
}

const byKey = (rows) => Object.fromEntries(rows.map((row) => [row.key, row]));

function requestsCell(row) {
	const token = row.tokenFetches;
	const overflows = row.listenOverflows
		? `; listen-queue overflows (machine-wide, all rounds): ${n(row.listenOverflows)}`
		: '';
	return `${n(row.requests)} req / ${n(row.connections ?? 0)} conn; token fetches per run: ${token.join(',')}${overflows}`;
}

/** Table of one comparison: every variant's median, per item, client CPU, and ratios to the references. */
function comparisonTable(rows) {
	const k = byKey(rows);
	const ref = (key) => (k[key] ? k[key].ms : undefined);
	const headers = [
		'variant',
		'median ms',
		'µs/item',
		'client CPU µs/item (all threads)',
		'rounds (ms)',
		'÷ helper floor',
		'÷ HTTP Request',
		'÷ raw keep-alive',
		'requests per run',
	];
	return table(
		headers,
		rows.map((row) => [
			row.label,
			fmtMs(row.ms),
			row.perItemUs.toFixed(0),
			row.cpuPerItemUs.toFixed(0),
			row.samplesMs.join(', '),
			fmtX(ref('helper') && row.ms / ref('helper')),
			fmtX(ref('http') && row.ms / ref('http')),
			fmtX(ref('raw') && row.ms / ref('raw')),
			requestsCell(row),
		]),
		['l'],
	);
}

/** The 2021 sections keep their titles; 3.x ones say so. */
const onV3 = (result) => (result.generation === 'v3' ? ', OpenIM 3.x' : '');

function sections(results) {
	const out = [];
	const { send1k, send10k, users, latency, memory } = results;
	for (const result of [send1k, send10k, results['send1k-v3']].filter(Boolean)) {
		out.push({
			title: `Send ${n(result.n)} text messages, one item each${onV3(result)} (median of ${result.rounds} rounds)`,
			body: comparisonTable(result.rows),
		});
	}
	for (const result of [users, results['users-v3']].filter(Boolean)) {
		const ids = result.generation === 'v3' ? 'user IDs' : 'uids';
		const titles = {
			register: `Register ${n(result.n)} users, one item each`,
			getEach: `Get ${n(result.n)} users back, one item per user`,
			getAll: `Get ${n(result.n)} users back, one item with all ${ids} (chunks of ${result.chunk ?? 'all'})`,
		};
		for (const step of ['register', 'getEach', 'getAll']) {
			out.push({
				title: `${titles[step]}${onV3(result)} (median of ${result.rounds} rounds)`,
				body: comparisonTable(result.rows.filter((row) => row.step === step)),
			});
		}
	}
	if (latency) {
		const k = byKey(latency.rows);
		const rows = latency.rows.map((row) => [
			row.label,
			fmtMs(row.ms),
			row.perItemUs.toFixed(0),
			row.cpuPerItemUs.toFixed(0),
			row.samplesMs.join(', '),
			fmtX(k.node && k.node.ms / row.ms),
			requestsCell(row),
		]);
		out.push({
			title: `Emulator adds ${latency.latencyMs} ms per request: send ${n(latency.n)} messages (median of ${latency.rounds} rounds)`,
			body: table(
				[
					'variant',
					'median ms',
					'µs/item',
					'client CPU µs/item (all threads)',
					'rounds (ms)',
					'speed-up vs sequential node',
					'requests per run',
				],
				rows,
				['l'],
			),
		});
	}
	if (memory) {
		const noop = memory.rows.find((row) => row.variant === 'noop');
		const names = {
			noop: 'engine + no-op node',
			node: 'OpenIM node, send',
			helper: 'helper floor, send',
		};
		const rows = memory.rows.map((row) => [
			`${names[row.variant]}${row.variant !== 'noop' ? `, ${row.concurrency > 1 ? `${row.concurrency} in flight` : 'sequential'}` : ''}`,
			MiB(row.peakRss),
			fmtX(row.peakRss / noop.peakRss),
			MiB(row.peakRss - row.baselineRss),
			MiB(row.peakHeap),
			MiB(row.retainedHeap),
			fmtX(row.retainedHeap / noop.retainedHeap),
			MiB(row.baselineRss),
			`${(row.ms / 1000).toFixed(1)} s`,
		]);
		out.push({
			title: `Peak memory, ${n(memory.n)} input items (one fresh process per variant, one run each)`,
			body: table(
				[
					'variant',
					'peak RSS',
					'÷ no-op',
					'RSS growth during run',
					'peak heap (sampled 10 ms)',
					'heap after run + GC (output kept)',
					'÷ no-op',
					'RSS before run',
					'time',
				],
				rows,
				['l'],
			),
		});
	}
	return out;
}

/** Each target: what was measured, and whether it is met. */
function targets(results) {
	const list = [];
	const add = (target, measured, met) => list.push({ target, measured, met });
	const { send1k, send10k, users, latency, memory } = results;
	const ratios = (list) => {
		for (const [name, rows] of list) {
			if (!rows) continue;
			const k = byKey(rows);
			if (k.node && k.helper)
				add(
					`${name}: node ≤ 1.10× helper floor`,
					fmtX(k.node.ms / k.helper.ms),
					k.node.ms <= 1.1 * k.helper.ms,
				);
			if (k.node && k.http)
				add(
					`${name}: node ≤ 1.0× HTTP Request node`,
					fmtX(k.node.ms / k.http.ms),
					k.node.ms <= k.http.ms,
				);
			if (k.node8 && k.http)
				add(
					`${name}: node, concurrency 8 ≤ 1.0× HTTP Request node`,
					fmtX(k.node8.ms / k.http.ms),
					k.node8.ms <= k.http.ms,
				);
			if (k.node && k.raw)
				add(
					`${name}: node ÷ raw keep-alive (reported, no target)`,
					fmtX(k.node.ms / k.raw.ms),
					undefined,
				);
		}
	};
	const userSteps = (result, prefix, ids) => [
		[`${prefix}register`, result?.rows.filter((r) => r.step === 'register')],
		[`${prefix}get, one item per user`, result?.rows.filter((r) => r.step === 'getEach')],
		[`${prefix}get, one item with all ${ids}`, result?.rows.filter((r) => r.step === 'getAll')],
	];
	const tokenTarget = (row, route, what) => {
		const [first, ...rest] = row.tokenFetches;
		add(
			`${route} per execution ${what}: 1 without a stored token, 0 with a valid one`,
			`first run ${first}, later runs ${rest.join(',')}`,
			first === 1 && rest.every((count) => count === 0),
		);
	};
	/** Parallel mode's token fetches, and parallel mode against the raw loop. */
	const parallelTargets = (send, route, prefix) => {
		const node8 = byKey(send?.rows ?? []).node8;
		if (node8) {
			tokenTarget(node8, route, `with concurrency ${send.concurrency}`);
			const raw = byKey(send.rows).raw;
			if (raw)
				add(
					`${prefix}send ${n(send.n)}: concurrency ${send.concurrency} vs instant emulator at least as fast as raw keep-alive sequential`,
					`${fmtX(node8.ms / raw.ms)} raw's time`,
					node8.ms <= raw.ms,
				);
		} else if (send) {
			add('options.concurrency available', 'not in the built node', false);
		}
	};
	ratios([
		[`send ${send1k && n(send1k.n)}`, send1k?.rows],
		[`send ${send10k && n(send10k.n)}`, send10k?.rows],
		...userSteps(users, '', 'uids'),
	]);
	const tokenRow = byKey(send10k?.rows ?? send1k?.rows ?? []).node;
	if (tokenRow) tokenTarget(tokenRow, 'auth/user_token', `of ${n(tokenRow.n)} items`);
	parallelTargets(send1k, 'auth/user_token', '');
	if (latency) {
		const k = byKey(latency.rows);
		if (k.node && k.node8)
			add(
				`${latency.latencyMs} ms latency: concurrency ${latency.concurrency} ≥ 4× faster than sequential`,
				`${fmtX(k.node.ms / k.node8.ms)} faster`,
				k.node.ms / k.node8.ms >= 4,
			);
	}
	if (memory) {
		const noop = memory.rows.find((row) => row.variant === 'noop');
		const node = memory.rows.find((row) => row.variant === 'node');
		if (noop && node) {
			add(
				`peak RSS with ${n(memory.n)} items within 2× the engine with a no-op node`,
				`${MiB(node.peakRss)} vs ${MiB(noop.peakRss)} = ${fmtX(node.peakRss / noop.peakRss)}`,
				node.peakRss <= 2 * noop.peakRss,
			);
			add(
				`heap still held after the run (after GC) with ${n(memory.n)} items, ÷ no-op (reported, no target)`,
				`${MiB(node.retainedHeap)} vs ${MiB(noop.retainedHeap)} = ${fmtX(node.retainedHeap / noop.retainedHeap)}`,
				undefined,
			);
		}
	}
	// OpenIM 3.x (node typeVersion 2), the same targets.
	const sendV3 = results['send1k-v3'];
	ratios([
		[`3.x send ${sendV3 && n(sendV3.n)}`, sendV3?.rows],
		...userSteps(results['users-v3'], '3.x ', 'user IDs'),
	]);
	const tokenRowV3 = byKey(sendV3?.rows ?? []).node;
	if (tokenRowV3)
		tokenTarget(tokenRowV3, '3.x auth/get_admin_token', `of ${n(tokenRowV3.n)} items`);
	parallelTargets(sendV3, '3.x auth/get_admin_token', '3.x ');
	return list;
}

function targetsTable(list) {
	return table(
		['target', 'measured', 'met'],
		list.map((t) => [t.target, t.measured, t.met === undefined ? '–' : t.met ? 'yes' : '**no**']),
		['l', 'l', 'l'],
	);
}

module.exports = { sections, targets, targetsTable, table, MiB };
