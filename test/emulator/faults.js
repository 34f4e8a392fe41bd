'use strict';
// Scheduled failures: the next n requests (to one path, or to any) fail in a chosen way. Faults are taken
// in the order they were scheduled; each request consumes at most one.

const KINDS = ['fail', 'malformed', 'drop', 'hang'];
const WHEN = ['before', 'after'];

const normalisePath = (path) =>
	path === undefined || path === null || path === ''
		? undefined
		: path.startsWith('/')
			? path
			: `/${path}`;

class FaultQueue {
	constructor() {
		this.pending = [];
	}

	/**
	 * kind: fail {status, body} | malformed | drop {when} | hang {when}. `when: 'after'` lets the request
	 * be processed (side effects happen) before the connection misbehaves.
	 */
	add(kind, count = 1, { path, when = 'before', status = 500, body } = {}) {
		if (!KINDS.includes(kind)) throw new TypeError(`unknown fault kind: ${kind}`);
		if (!WHEN.includes(when)) throw new TypeError(`when must be 'before' or 'after', not ${when}`);
		if (!Number.isInteger(count) || count < 0)
			throw new TypeError(`count must be a non-negative integer, not ${count}`);
		if (!Number.isInteger(status) || status < 100 || status > 999)
			throw new TypeError(`status must be an HTTP status code, not ${status}`);
		if (count > 0)
			this.pending.push({ kind, remaining: count, path: normalisePath(path), when, status, body });
	}

	/** The fault for this request, if one is scheduled. */
	take(path) {
		const index = this.pending.findIndex((f) => f.path === undefined || f.path === path);
		if (index < 0) return undefined;
		const fault = this.pending[index];
		if (--fault.remaining === 0) this.pending.splice(index, 1);
		return fault;
	}

	clear() {
		this.pending.length = 0;
	}
}

module.exports = { FaultQueue, normalisePath };
