// 3.x: the credential's secret and the admin tokens never show up in what a run leaves behind (outputs,
// errors with their hidden properties, logs), for every kind of failure, with continueOnFail on and off.
// 3.x itself writes tokens into answers (errDlt "jwt parse error, token=..." of 1501-1505, and every
// connection's token in get_users_online_status): those must be removed too.
const crypto = require('node:crypto');
const { testCredential } = require('../harness');
const { expose, leftBehind } = require('../leaks');
const { useOpenImV3, ADMIN } = require('./context');

// A secret nothing else contains (the hints name the default one, "openIM123").
const SECRET = `s3cr3t-${crypto.randomBytes(8).toString('hex')}`;
const env = useOpenImV3({ secret: SECRET });
const storeOf = (data = {}) => env.store({ secret: SECRET, ...data });

const send = {
	resource: 'message',
	operation: 'send',
	sendID: ADMIN,
	sessionType: 1,
	recvID: ADMIN,
	contentType: 101,
	text: 'hi',
};
const items = [0, 1, 2].map((n) => ({ json: { n } }));

/** The secret, every token the emulator issued and any token the store holds, with their signatures. */
function secretsOf(store, extra = []) {
	const tokens = [
		...env.state().tokens.map((token) => token.token),
		store.data.token,
		...store.updates.map((update) => update.token),
		...extra,
	].filter(Boolean);
	return [
		SECRET,
		...new Set([
			...tokens,
			...tokens.map((token) => token.split('.')[2]).filter((part) => part && part.length >= 16),
		]),
	];
}

function expectNothingLeaked(res, store, extra = []) {
	const text = leftBehind(res);
	for (const secret of secretsOf(store, extra)) {
		const at = text.indexOf(secret);
		if (at >= 0)
			throw new Error(
				`leaked "${secret}" in: …${text.slice(Math.max(0, at - 300), at + secret.length + 100)}…`,
			);
	}
	return text;
}

/** A token the server would echo: a real admin token of this emulator, signed with the secret. */
const echoedToken = () => env.emu.issueToken(ADMIN, 10).token;

const FAULTS = [
	[
		'an expired token, echoed in errDlt (1501), refreshed',
		(token) => ({
			count: 1,
			status: 200,
			body: {
				errCode: 1501,
				errMsg: 'TokenExpiredError',
				errDlt: `jwt parse error, token=${token}`,
			},
		}),
	],
	[
		'a token error that stays (1505 twice), echoed in errDlt',
		(token) => ({
			count: 2,
			status: 200,
			body: {
				errCode: 1505,
				errMsg: 'signature is invalid',
				errDlt: `jwt parse error, token=${token}`,
			},
		}),
	],
	[
		'a malformed token (1503), echoed',
		(token) => ({
			count: 2,
			status: 200,
			body: { errCode: 1503, errMsg: 'TokenMalformedError', errDlt: `token=${token}` },
		}),
	],
	[
		'HTTP 500 with the token in a text body',
		(token) => ({ count: 1, status: 500, body: `panic: token ${token}` }),
	],
	[
		'a 400 bind error',
		() => ({
			count: 1,
			status: 400,
			body: {
				errCode: 1001,
				errMsg: 'ArgsError',
				errDlt: "Key: 'SendMsgReq.SendMsg.SendID' Error:Field validation",
			},
		}),
	],
	['a body that is not JSON', () => ({ count: 1, status: 200, body: 'hello' })],
];

describe.each(FAULTS)('no secret leaks on 3.x: %s', (_name, fault) => {
	it.each([
		['on', true],
		['off', false],
	])('continueOnFail %s', async (_mode, continueOnFail) => {
		const store = storeOf();
		// A first run stores an admin token, so that the fault meets a token in play.
		expect((await env.run(send, [{ json: {} }], { store })).status).toBe('success');
		const token = echoedToken();
		const { count, ...rest } = fault(token);
		env.emu.failNext(count, { path: '/msg/send_msg', ...rest });
		const res = await env.run(send, items, { store, continueOnFail });
		const text = expectNothingLeaked(res, store, [token]);
		// The detector saw the failure (or, after a refresh, the results), so it would have seen a token next to it.
		expect(text).toMatch(res.error ? res.error.message : /msg\/send_msg|serverMsgID/);
		expect(store.data.token).toBeTruthy();
	});
});

describe('no secret leaks on 3.x where secrets are in play', () => {
	it('Get Online Status drops the session tokens 3.x returns for each connection', async () => {
		const store = storeOf();
		await env.run(
			{ resource: 'user', operation: 'register', uid: 'alice', name: 'Alice' },
			[{ json: {} }],
			{ store },
		);
		const userToken = env.emu.issueToken('alice', 5).token;
		env.emu.setOnline('alice', 5, true);
		const res = await env.run(
			{ resource: 'user', operation: 'getOnlineStatus', uidList: 'alice' },
			[{ json: {} }],
			{ store },
		);
		expect(res.status).toBe('success');
		// The node did receive alice's connection token: otherwise finding none in the output proves nothing.
		const [alice] = env.requests('user/get_users_online_status').at(-1).answer.data;
		expect(alice.detailPlatformStatus.map((connection) => connection.token)).toEqual([userToken]);
		expectNothingLeaked(res, store, [userToken]);
	});

	it('Get Token hands out the user token, never the secret or the admin token', async () => {
		const store = storeOf();
		await env.run(
			{ resource: 'user', operation: 'register', uid: 'bob', name: 'Bob' },
			[{ json: {} }],
			{ store },
		);
		const res = await env.run(
			{ resource: 'user', operation: 'getToken', uid: 'bob', platform: 5 },
			[{ json: {} }],
			{ store },
		);
		const [{ token }] = res.items.map((item) => item.json);
		expect(token).toMatch(/^eyJ/);
		const text = leftBehind(res);
		for (const secret of secretsOf(store).filter((s) => !token.includes(s)))
			expect(text).not.toContain(secret);
	});

	it('a wrong secret is not echoed, through the node or the credential test', async () => {
		const wrong = `wrong-${crypto.randomBytes(6).toString('hex')}`;
		const store = storeOf({ secret: wrong });
		for (const continueOnFail of [true, false]) {
			const res = await env.run(send, [{ json: {} }], { store, continueOnFail });
			const text = expectNothingLeaked(res, store, [wrong]);
			expect(text).toContain('OpenIM refused the secret');
		}
		const logs = [];
		const tested = await testCredential({ pkg: env.pkg, store, type: 'openImV3Api', logs });
		expect(tested.status).toBe('Error');
		expect(tested.message).toMatch(/refused the secret/);
		expect([JSON.stringify(expose(tested)), ...logs].join('\n')).not.toContain(wrong);
	});
});
