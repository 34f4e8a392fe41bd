import fc from 'fast-check';

import { isolate, runsOf, type Verdict } from '../../nodes/OpenIm/helpers/batch';

/** A server that refuses a whole list when it holds a bad entry, and counts what it was sent. */
function server(bad: Set<number>) {
	const requests: number[][] = [];
	const accepted: number[] = [];
	const send = async (list: number[]) => {
		requests.push(list);
		if (list.some((entry) => bad.has(entry)))
			throw new Error(`refused ${list.filter((entry) => bad.has(entry)).join(',')}`);
		accepted.push(...list);
		return list.map((entry) => `ok ${entry}`);
	};
	return { requests, accepted, send };
}

const split = async (): Promise<Verdict> => ({ kind: 'split' });
const range = (n: number) => [...Array(n).keys()];

describe('isolate', () => {
	it('sends a good list once', async () => {
		const { requests, send } = server(new Set());
		expect(await isolate(range(4), send, split)).toEqual(
			range(4).map((entry) => ({ value: `ok ${entry}` })),
		);
		expect(requests).toEqual([range(4)]);
	});

	it('halves a refused list until each bad entry is alone: 1 bad in 8 costs 1 + 2·3 requests', async () => {
		const { requests, send } = server(new Set([5]));
		const results = await isolate(range(8), send, split);
		expect(results.map((result) => 'value' in result)).toEqual([
			true,
			true,
			true,
			true,
			true,
			false,
			true,
			true,
		]);
		expect((results[5] as { error: Error }).error.message).toBe('refused 5');
		expect(requests).toEqual([range(8), [0, 1, 2, 3], [4, 5, 6, 7], [4, 5], [4], [5], [6, 7]]);
	});

	it.each([
		[1000, 1, 21],
		[1000, 10, 151],
		[1000, 100, 855],
	])(
		'halving a batch of %i with %i bad entries spread out costs %i requests (the README says so)',
		async (n, k, cost) => {
			const { requests, send } = server(
				new Set(range(k).map((i) => Math.floor((i * n) / k + n / (2 * k)))),
			);
			await isolate(range(n), send, split);
			expect(requests).toHaveLength(cost);
		},
	);

	it('with culprits named by a lookup, sends the rest once more: 2 requests (and the lookup) whatever their number', async () => {
		const bad = new Set([1, 4, 6]);
		const { requests, send } = server(bad);
		const lookup = async (_error: unknown, list: number[]): Promise<Verdict> => ({
			kind: 'culprits',
			bad: list.flatMap((entry, position) => (bad.has(entry) ? [position] : [])),
		});
		const results = await isolate(range(8), send, lookup);
		expect(results.map((result) => 'value' in result)).toEqual([
			true,
			false,
			true,
			true,
			false,
			true,
			false,
			true,
		]);
		expect((results[4] as { error: Error }).error.message).toBe('refused 1,4,6');
		expect(requests).toEqual([range(8), [0, 2, 3, 5, 7]]);
	});

	it('falls back to halves when a lookup names nobody, and fails every entry on a verdict of all', async () => {
		const { requests, send } = server(new Set([0]));
		await isolate(range(2), send, async () => ({ kind: 'culprits', bad: [] }));
		expect(requests).toEqual([[0, 1], [0], [1]]);
		const other = server(new Set([0]));
		const results = await isolate(range(3), other.send, async () => ({ kind: 'all' }));
		expect(results.every((result) => 'error' in result)).toBe(true);
		expect(other.requests).toEqual([range(3)]);
	});

	it('for any list and bad entries: every good entry accepted exactly once, every bad one with an error, requests ≤ 1 + 2·k·⌈log2 n⌉', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 1, max: 200 }),
				fc.array(fc.nat(199)),
				async (n, picks) => {
					const bad = new Set(picks.filter((entry) => entry < n));
					const { requests, accepted, send } = server(bad);
					const results = await isolate(range(n), send, split);
					expect(results).toHaveLength(n);
					results.forEach((result, entry) => expect('error' in result).toBe(bad.has(entry)));
					expect([...accepted].sort((a, b) => a - b)).toEqual(
						range(n).filter((entry) => !bad.has(entry)),
					);
					expect(requests.length).toBeLessThanOrEqual(
						1 + 2 * bad.size * Math.ceil(Math.log2(Math.max(n, 2))),
					);
				},
			),
			{ seed: 11, numRuns: 300 },
		);
	});
});

describe('runsOf', () => {
	it('keeps consecutive items together while they fit, in order', () => {
		const sameOwner = (run: string[], item: string) => run[0][0] === item[0] && run.length < 3;
		expect(runsOf(['a1', 'a2', 'b1', 'a3', 'a4', 'a5', 'a6'], sameOwner)).toEqual([
			['a1', 'a2'],
			['b1'],
			['a3', 'a4', 'a5'],
			['a6'],
		]);
		expect(runsOf([], sameOwner)).toEqual([]);
	});
});
