'use strict';
// The emulator's own HTTP routes, under a prefix the OpenIM API never uses. They drive the same methods
// as the module API, so a workflow run by hand can be given faults too. Never token-checked, faulted or logged.

const CONTROL_PREFIX = '/__emulator/';

const done = { ok: true };
const ROUTES = {
	'GET state': (emu) => emu.snapshot(),
	'GET requests': (emu) => emu.requests,
	'POST reset': (emu) => (emu.reset(), done),
	'POST latency': (emu, { ms }) => (emu.setLatency(ms), done),
	'POST fail': (emu, { count = 1, status, body, path }) => (
		emu.failNext(count, { status, body, path }),
		done
	),
	'POST malformed': (emu, { count = 1, path }) => (emu.malformedNext(count, { path }), done),
	'POST drop': (emu, { count = 1, path, when }) => (emu.dropNext(count, { path, when }), done),
	'POST hang': (emu, { count = 1, path, when }) => (emu.hangNext(count, { path, when }), done),
	'POST expire-tokens': (emu) => (emu.expireAllTokens(), done),
	'POST seed': (emu) => (emu.seed(), done),
};

/** { status, json } for a request under CONTROL_PREFIX; an emulator may add routes in `controlRoutes`. */
async function control(emu, { method, path, rawBody }) {
	const routes = { ...ROUTES, ...emu.controlRoutes };
	const route = routes[`${method} ${path.slice(CONTROL_PREFIX.length)}`];
	if (!route)
		return {
			status: 404,
			json: { error: `no control route ${method} ${path}`, routes: Object.keys(routes) },
		};
	let body;
	try {
		body = rawBody.trim() ? JSON.parse(rawBody) : {};
	} catch (e) {
		return { status: 400, json: { error: `body is not JSON: ${e.message}` } };
	}
	try {
		return { status: 200, json: await route(emu, body ?? {}) };
	} catch (e) {
		if (e instanceof TypeError) return { status: 400, json: { error: e.message } };
		throw e;
	}
}

module.exports = { control, CONTROL_PREFIX };
