'use strict';
// Shared by the 3.x emulator's own tests: an emulator per test, and requests as a client sends them.
const { readBody } = require('../../support/read-body');
const { OpenImV3Emulator } = require('./index');

/** Starts a fresh emulator on a random port before each test of the file and stops it after. */
function useEmulator(options = {}) {
	const ctx = { emu: undefined };
	beforeEach(async () => {
		ctx.emu = await new OpenImV3Emulator(options).start();
	});
	afterEach(() => ctx.emu.stop());
	return ctx;
}

/**
 * One HTTP request with the operationID header (unless operationID: null) and the token header when given;
 * resolves to { status, headers, text, json }. `raw` (a string) replaces the JSON body.
 */
async function call(
	emu,
	path,
	body,
	{ token, operationID = 'op-test', method = 'POST', raw, headers = {} } = {},
) {
	const res = await fetch(emu.url + path, {
		method,
		headers: {
			'content-type': 'application/json',
			...(operationID === null ? {} : { operationID }),
			...(token === undefined ? {} : { token }),
			...headers,
		},
		body: method === 'GET' || method === 'HEAD' ? undefined : (raw ?? JSON.stringify(body)),
	});
	const { text, json } = await readBody(res);
	return { status: res.status, headers: res.headers, text, json };
}

async function adminToken(emu) {
	const res = emu.newAuth
		? await call(emu, '/auth/get_admin_token', {
				secret: emu.config.secret,
				userID: emu.config.adminUserID,
			})
		: await call(emu, '/auth/user_token', {
				secret: emu.config.secret,
				platformID: 10,
				userID: emu.config.adminUserID,
			});
	if (res.json?.errCode !== 0) throw new Error(`no admin token: ${res.text}`);
	return res.json.data.token;
}

/** Registers users by ID (nickname = the ID capitalised) through user_register. */
async function register(emu, token, ...userIDs) {
	const users = userIDs.map((userID) => ({
		userID,
		nickname: userID[0].toUpperCase() + userID.slice(1),
	}));
	const res = await call(
		emu,
		'/user/user_register',
		{ secret: emu.config.secret, users },
		{ token },
	);
	if (res.json?.errCode !== 0) throw new Error(`could not register ${userIDs}: ${res.text}`);
}

/** An admin token and a caller bound to it: api(path, body, options) -> the response. */
async function adminClient(emu) {
	const token = await adminToken(emu);
	return { token, api: (path, body, options = {}) => call(emu, path, body, { token, ...options }) };
}

const decodeJwt = (token) =>
	token
		.split('.')
		.slice(0, 2)
		.map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
const ok = (data) =>
	data === undefined
		? { errCode: 0, errMsg: '', errDlt: '' }
		: { errCode: 0, errMsg: '', errDlt: '', data };
const err = (errCode, errMsg, errDlt = expect.any(String)) => ({ errCode, errMsg, errDlt });

module.exports = { useEmulator, call, adminToken, adminClient, register, decodeJwt, ok, err };
