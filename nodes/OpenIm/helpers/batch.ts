/** One entry's end: what the request returned for it, or why it failed. */
export type Settled<R> = { value: R } | { error: unknown };

/** What to do with a list the server refused as a whole. */
export type Verdict =
	/** The request failed as a whole (or may have been carried out): every entry gets the error. */
	| { kind: 'all' }
	/** Some entry is at fault, and which is unknown: each half goes again, recursively. */
	| { kind: 'split' }
	/** These entries (positions in the list) are at fault; the others go again without them. */
	| { kind: 'culprits'; bad: number[] };

/**
 * Sends `entries` in one request and, where the server refuses the whole list
 * for some of them, finds those: every other entry still goes through exactly
 * once, and each entry at fault ends with the error of the smallest request it
 * was refused in. A list of one is never judged: its error is its own.
 */
export async function isolate<E, R>(
	entries: E[],
	send: (entries: E[]) => Promise<R[]>,
	judge: (error: unknown, entries: E[]) => Promise<Verdict>,
): Promise<Array<Settled<R>>> {
	if (entries.length === 0) return [];
	try {
		return (await send(entries)).map((value) => ({ value }));
	} catch (error) {
		const verdict: Verdict = entries.length === 1 ? { kind: 'all' } : await judge(error, entries);
		if (verdict.kind === 'all') return entries.map(() => ({ error }));
		const bad = new Set(verdict.kind === 'culprits' ? verdict.bad : []);
		if (bad.size === 0) {
			// Split, also when a lookup found no culprit (the server changed meanwhile): halves always progress.
			const middle = Math.ceil(entries.length / 2);
			return [
				...(await isolate(entries.slice(0, middle), send, judge)),
				...(await isolate(entries.slice(middle), send, judge)),
			];
		}
		const rest = entries.filter((_, position) => !bad.has(position));
		const again = await isolate(rest, send, judge);
		return entries.map((_, position) =>
			bad.has(position) ? { error } : (again.shift() as Settled<R>),
		);
	}
}

/**
 * Consecutive runs of `items` that may share one request: an item joins the
 * run before it if `fits` says so, else it starts the next one.
 */
export function runsOf<T>(items: T[], fits: (run: T[], item: T) => boolean): T[][] {
	const runs: T[][] = [];
	for (const item of items) {
		const last = runs[runs.length - 1];
		if (last && fits(last, item)) last.push(item);
		else runs.push([item]);
	}
	return runs;
}

/** An input item of a batch and what the operation read from its parameters. */
export interface Entry<I> {
	itemIndex: number;
	input: I;
}

/**
 * Reads every item's input on its own: an item with a bad parameter ends with
 * its own error, before any request, and the others go on as `entries`.
 */
export function readEntries<I>(itemIndexes: number[], read: (itemIndex: number) => I) {
	const settled = new Map<number, Settled<unknown>>();
	const entries: Array<Entry<I>> = [];
	for (const itemIndex of itemIndexes) {
		try {
			entries.push({ itemIndex, input: read(itemIndex) });
		} catch (error) {
			settled.set(itemIndex, { error });
		}
	}
	return { entries, settled };
}

/** One outcome per item of `itemIndexes`, in their order, from the outcomes by item. */
export function inOrder<R>(
	itemIndexes: number[],
	settled: Map<number, Settled<unknown>>,
): Array<Settled<R>> {
	return itemIndexes.map((itemIndex) => settled.get(itemIndex) as Settled<R>);
}

/** The IDs of several entries, each once, in order. */
export const unionOf = (lists: string[][]) => [...new Set(lists.flat())];

/**
 * A batch of items that each name user IDs, for a route that answers per ID and
 * never refuses a list for one of them: one lookup of every item's IDs, each item
 * answered from it; a failed lookup fails every item of the batch.
 */
export async function lookupBatch<F, R>(
	itemIndexes: number[],
	read: (itemIndex: number) => string[],
	lookup: (uids: string[], itemIndex: number) => Promise<F>,
	answer: (uids: string[], found: F) => R,
): Promise<Array<Settled<R>>> {
	const { entries, settled } = readEntries(itemIndexes, read);
	if (entries.length === 0) return inOrder(itemIndexes, settled);
	try {
		const found = await lookup(unionOf(entries.map((entry) => entry.input)), entries[0].itemIndex);
		for (const { itemIndex, input } of entries)
			settled.set(itemIndex, { value: answer(input, found) });
	} catch (error) {
		for (const { itemIndex } of entries) settled.set(itemIndex, { error });
	}
	return inOrder(itemIndexes, settled);
}
