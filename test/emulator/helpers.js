'use strict';
// Shared by the emulator's own tests: start an emulator per test, talk to it as a client would.
const { readBody } = require('../support/read-body');
const { OpenImEmulator } = require('./index');

/** Starts a fresh emulator on a random port before each test of the file and stops it after. */
function useEmulator(options = {}) {
	const ctx = { emu: undefined };
	beforeEach(async () => {
		ctx.emu = await new OpenImEmulator(options).start();
	});
	afterEach(() => ctx.emu.stop());
	return ctx;
}

/**
 * One HTTP request; resolves to { status, headers, text, json } (json undefined if the body is not JSON).
 * `body` is sent as JSON unless `raw` (a string) is given.
 */
async function call(emu, path, body, { token, method = 'POST', raw, headers = {}, ...init } = {}) {
	const res = await fetch(emu.url + path, {
		method,
		headers: {
			'content-type': 'application/json',
			...(token === undefined ? {} : { token }),
			...headers,
		},
		body: method === 'GET' || method === 'HEAD' ? undefined : (raw ?? JSON.stringify(body)),
		...init,
	});
	const { text, json } = await readBody(res);
	return { status: res.status, headers: res.headers, text, json };
}

const SECRET = 'tuoyun';
const ADMIN = 'openIM123456';

async function tokenFor(emu, uid, platform = 8) {
	const res = await call(emu, '/auth/user_token', { secret: emu.config.secret, platform, uid });
	if (res.json?.errCode !== 0) throw new Error(`no token for ${uid}: ${res.text}`);
	return res.json.data.token;
}

const adminToken = (emu) => tokenFor(emu, emu.config.adminUid);

async function register(emu, uid, extra = {}) {
	const res = await call(emu, '/auth/user_register', {
		secret: emu.config.secret,
		platform: 1,
		uid,
		name: `name of ${uid}`,
		...extra,
	});
	if (res.json?.errCode !== 0) throw new Error(`could not register ${uid}: ${res.text}`);
	return res.json.data.token;
}

const decodeJwt = (token) =>
	token
		.split('.')
		.slice(0, 2)
		.map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));

module.exports = { useEmulator, call, tokenFor, adminToken, register, decodeJwt, SECRET, ADMIN };
