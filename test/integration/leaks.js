// What a run leaves behind, as text, for the secret-leak suites of both generations (secrets.test.js, v3/secrets.test.js).
const util = require('node:util');

/**
 * A plain copy of anything, with every own property (enumerable or not, symbols too) of every object
 * reached, so that an Error's message, stack, description, cause, context and errorResponse are all
 * there. Getters are read; cycles are cut.
 */
function expose(value, seen = new WeakMap()) {
	if (typeof value === 'bigint') return `${value}n`;
	if (typeof value === 'function') return `[function ${value.name}]`;
	if (value === null || typeof value !== 'object') return value;
	if (seen.has(value)) return '[circular]';
	if (Buffer.isBuffer(value) || value instanceof Uint8Array)
		return Buffer.from(value).toString('latin1');
	const copy = Array.isArray(value) ? [] : {};
	seen.set(value, copy);
	if (value instanceof Map || value instanceof Set) return expose([...value.entries()], seen);
	for (const key of Reflect.ownKeys(value)) {
		let inner;
		try {
			inner = value[key];
		} catch (error) {
			inner = `[getter threw ${error.message}]`;
		}
		copy[String(key)] = expose(inner, seen);
	}
	return copy;
}

/** Everything a run left behind, as text: JSON of the exposed objects plus util.inspect with hidden properties. */
function leftBehind(res) {
	const parts = {
		items: res.items,
		error: res.error,
		executionError: res.executionError,
		runData: res.runData,
		executionData: res.executionData,
	};
	return [
		JSON.stringify(expose(parts)),
		util.inspect(parts, {
			showHidden: true,
			depth: Infinity,
			maxArrayLength: Infinity,
			maxStringLength: Infinity,
			breakLength: Infinity,
		}),
		...res.logs,
	].join('\n');
}

module.exports = { expose, leftBehind };
