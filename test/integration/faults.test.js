// Faults through the real n8n-core engine: what the user sees when OpenIM fails, and that nothing is
// sent twice. The fault table (FAULT_CASES) is also exported for secrets.test.js, which runs every case
// again and looks for the secret and the admin token in everything the run left behind.
const net = require('node:net');
const { useOpenIm, ADMIN } = require('./context');

const SEND = 'manager/send_msg';
const IMPORT = 'friend/import_friend';

const sendText = (extra = {}) => ({
	resource: 'message',
	operation: 'send',
	sendID: ADMIN,
	recvID: 'bob',
	sessionType: 1,
	contentType: 101,
	text: '=msg {{ $json.n }}',
	...extra,
});
const importFriend = {
	resource: 'friend',
	operation: 'import',
	uid: '={{ $json.uid }}',
	ownerUid: 'b',
};
const three = (make = (n) => ({ n })) => [0, 1, 2].map((n) => ({ json: make(n) }));
const fail = (status, body) => ({ status, body, path: `/${SEND}` });

/** The text that tells the user a request may have been carried out (so they check before running again). */
const MAY_HAVE_HAPPENED = /may (or may not )?have been carried out/;

/** A local port nothing listens on. */
async function closedPort() {
	const server = net.createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/**
 * Per-test helpers around the shared context. `secret` replaces the credential's secret (the emulator
 * must then be started with it, as secrets.test.js does).
 */
function faultKit(env, { secret } = {}) {
	const hooks = [];
	const kit = {
		store: (overrides = {}) => env.store({ ...(secret && { secret }), ...overrides }),
		/** Registers users as fixtures, with this kit's credential, and forgets their requests. */
		async register(...uids) {
			const res = await env.run(
				{
					resource: 'user',
					operation: 'register',
					uid: '={{ $json.uid }}',
					name: '={{ $json.uid }} name',
					platform: 1,
				},
				uids.map((uid) => ({ json: { uid } })),
				{ store: kit.store() },
			);
			expect(res.status).toBe('success');
			env.emu.requests.length = 0;
		},
		/**
		 * Calls `arm` when the nth request (1-based) to `path` arrives, before the emulator takes its
		 * fault: faults scheduled there hit that very request, so the items before it go through. The
		 * emulator logs a request (requests.push) just before it takes the next fault for it.
		 */
		onRequest(path, nth, arm) {
			let seen = 0;
			hooks.push({ path: `/${path}`, check: () => ++seen === nth && arm() });
			const log = env.emu.requests;
			if (!Object.hasOwn(log, 'push')) {
				log.push = function push(...entries) {
					const length = Array.prototype.push.apply(this, entries);
					for (const entry of entries)
						for (const hook of hooks) if (hook.path === entry.path) hook.check();
					return length;
				};
			}
		},
		reset() {
			hooks.length = 0;
			delete env.emu.requests.push;
		},
	};
	return kit;
}

/**
 * Every fault the node must explain. Three input items; the fault hits item 1 unless `failing` says
 * 'all'. `requests` counts requests to `path` with continueOnFail on / off (the run stops at the failing
 * item); `delivered` lists the items whose message the emulator stored; `noToken`: the run never gets an admin
 * token (secrets.test.js then has none to look for).
 */
const FAULT_CASES = [
	{
		name: 'HTTP 500 with a JSON body',
		params: sendText(),
		arm: (kit, env) =>
			kit.onRequest(SEND, 2, () =>
				env.emu.failNext(
					1,
					fail(500, {
						errCode: 500,
						errMsg:
							'rpc error: code = Unavailable desc = kafka: client has run out of available brokers',
					}),
				),
			),
		path: SEND,
		failing: [1],
		message: 'OpenIM had an internal error (errCode 500)',
		description:
			/Check the OpenIM server logs\. The request may or may not have been carried out\. OpenIM said: "rpc error: code = Unavailable/,
		requests: { continue: 3, stop: 2 },
		delivered: { continue: [0, 2], stop: [0] },
	},
	{
		name: 'HTTP 500 without a body',
		params: sendText(),
		arm: (kit, env) => kit.onRequest(SEND, 2, () => env.emu.failNext(1, fail(500, null))),
		path: SEND,
		failing: [1],
		message: 'OpenIM failed with HTTP 500 and no answer (HTTP 500)',
		description: /may or may not have been carried out\. Check in OpenIM before running it again/,
		requests: { continue: 3, stop: 2 },
		delivered: { continue: [0, 2], stop: [0] },
	},
	{
		name: 'HTTP 502 from a proxy',
		params: sendText(),
		arm: (kit, env) =>
			kit.onRequest(SEND, 2, () =>
				env.emu.failNext(1, fail(502, '<html><body><h1>502 Bad Gateway</h1></body></html>')),
			),
		path: SEND,
		failing: [1],
		message: 'OpenIM is unavailable (HTTP 502)',
		description: /Check that the OpenIM API service is running, then run again/,
		requests: { continue: 3, stop: 2 },
		delivered: { continue: [0, 2], stop: [0] },
	},
	{
		name: 'HTTP 503',
		params: sendText(),
		arm: (kit, env) => kit.onRequest(SEND, 2, () => env.emu.failNext(1, fail(503, null))),
		path: SEND,
		failing: [1],
		message: 'OpenIM is unavailable (HTTP 503)',
		description: /Check that the OpenIM API service is running, then run again/,
		requests: { continue: 3, stop: 2 },
		delivered: { continue: [0, 2], stop: [0] },
	},
	{
		name: 'a 200 whose body is cut off mid-JSON',
		params: sendText(),
		arm: (kit, env) => kit.onRequest(SEND, 2, () => env.emu.malformedNext(1, { path: `/${SEND}` })),
		path: SEND,
		failing: [1],
		// What happened: the answer was not JSON. What to do: check the URL / proxy; it may have gone out.
		message: /not (valid )?JSON/i,
		description:
			/(Base URL|proxy)[\s\S]*may (or may not )?have been carried out|may (or may not )?have been carried out[\s\S]*(Base URL|proxy)/,
		requests: { continue: 3, stop: 2 },
		delivered: { continue: [0, 2], stop: [0] },
	},
	{
		name: 'a 200 with an HTML page instead of JSON',
		params: sendText(),
		arm: (kit, env) =>
			kit.onRequest(SEND, 2, () =>
				env.emu.failNext(1, fail(200, '<!doctype html><title>Welcome to nginx!</title>')),
			),
		path: SEND,
		failing: [1],
		message: /not (valid )?JSON/i,
		description: /Base URL|proxy/,
		requests: { continue: 3, stop: 2 },
		delivered: { continue: [0, 2], stop: [0] },
	},
	{
		name: 'a refused connection while fetching the token',
		params: sendText(),
		noToken: true,
		store: async (kit) => kit.store({ baseUrl: `http://127.0.0.1:${await closedPort()}` }),
		path: SEND,
		failing: 'all',
		message: /^Could not (connect to|reach) OpenIM at http:\/\/127\.0\.0\.1:\d+/,
		description:
			/Check Base URL in the OpenIM 2021 Server API credential and that the OpenIM API is running/,
		requests: { continue: 0, stop: 0 },
		delivered: { continue: [], stop: [] },
	},
	{
		name: 'a refused connection with a stored token',
		params: sendText(),
		store: async (kit, env) =>
			kit.store({
				baseUrl: `http://127.0.0.1:${await closedPort()}`,
				token: env.emu.issueToken(ADMIN, 1).token,
			}),
		path: SEND,
		failing: 'all',
		message: /^Could not connect to OpenIM at http:\/\/127\.0\.0\.1:\d+$/,
		description: /^Nothing was sent\. Check Base URL/,
		requests: { continue: 0, stop: 0 },
		delivered: { continue: [], stop: [] },
	},
	{
		name: 'a connection dropped mid-response (the message went out)',
		params: sendText(),
		arm: (kit, env) =>
			kit.onRequest(SEND, 2, () => env.emu.dropNext(1, { path: `/${SEND}`, when: 'after' })),
		path: SEND,
		failing: [1],
		message: 'The connection to OpenIM broke before it answered',
		description: MAY_HAVE_HAPPENED,
		outcomeUnknown: true,
		requests: { continue: 3, stop: 2 },
		delivered: { continue: [0, 1, 2], stop: [0, 1] },
	},
	{
		name: 'a server that never answers (Timeout 300 ms)',
		params: sendText({ options: { timeout: 300 } }),
		arm: (kit, env) =>
			kit.onRequest(SEND, 2, () => env.emu.hangNext(1, { path: `/${SEND}`, when: 'after' })),
		path: SEND,
		failing: [1],
		message: 'OpenIM did not answer within 300 ms',
		description: /may have been carried out \(a message may have gone out\)[\s\S]*raise Timeout/,
		outcomeUnknown: true,
		requests: { continue: 3, stop: 2 },
		delivered: { continue: [0, 1, 2], stop: [0, 1] },
	},
	{
		name: 'a token that expires mid-run',
		params: sendText(),
		arm: (kit, env) => kit.onRequest(SEND, 2, () => env.emu.expireAllTokens()),
		path: SEND,
		failing: [],
		// Item 1 is refused for its token, a new token is fetched and item 1 is sent again: once delivered.
		requests: { continue: 4, stop: 4 },
		tokenFetches: 2,
		delivered: { continue: [0, 1, 2], stop: [0, 1, 2] },
	},
	{
		name: 'errCode 200 "Parse token failed" once',
		params: importFriend,
		items: three((n) => ({ n, uid: 'a' })),
		setup: (kit) => kit.register('a', 'b'),
		arm: (kit, env) =>
			kit.onRequest(IMPORT, 2, () =>
				env.emu.failNext(1, {
					status: 200,
					body: { errCode: 200, errMsg: 'Parse token failed' },
					path: `/${IMPORT}`,
				}),
			),
		path: IMPORT,
		failing: [],
		requests: { continue: 4, stop: 4 },
		tokenFetches: 2,
	},
	{
		name: 'errCode 200 "Parse token failed" that a fresh token does not cure',
		params: importFriend,
		items: three((n) => ({ n, uid: 'a' })),
		setup: (kit) => kit.register('a', 'b'),
		arm: (kit, env) =>
			kit.onRequest(IMPORT, 2, () =>
				env.emu.failNext(2, {
					status: 200,
					body: { errCode: 200, errMsg: 'Parse token failed' },
					path: `/${IMPORT}`,
				}),
			),
		path: IMPORT,
		failing: [1],
		message: 'OpenIM rejected the admin token (errCode 200)',
		description:
			/fetched a fresh token and tried once more\. Check that Admin User ID in the OpenIM 2021 Server API credential is an app manager[\s\S]*OpenIM said: "Parse token failed"/,
		requests: { continue: 4, stop: 3 },
	},
	{
		name: 'a permission error: Admin User ID is a normal user (delete)',
		params: { resource: 'user', operation: 'delete', deleteUidList: '={{ $json.uid }}' },
		items: three((n) => ({ n, uid: `victim${n}` })),
		setup: (kit) => kit.register('plain', 'victim0', 'victim1', 'victim2'),
		store: (kit) => kit.store({ adminUserId: 'plain' }),
		path: 'manager/delete_user',
		failing: 'all',
		message: 'The admin user is not allowed to do this (errCode 401)',
		description:
			/Set Admin User ID in the OpenIM 2021 Server API credential to a uid listed as appManagerUid/,
		requests: { continue: 3, stop: 1 },
		after: (env) =>
			expect(Object.keys(env.state().users)).toEqual(
				expect.arrayContaining(['victim0', 'victim1', 'victim2']),
			),
	},
	{
		name: 'a permission error: Admin User ID is a normal user (send)',
		params: sendText(),
		setup: (kit) => kit.register('plain'),
		store: (kit) => kit.store({ adminUserId: 'plain' }),
		path: SEND,
		failing: 'all',
		message: 'OpenIM rejected the admin token (errCode 400)',
		description: /Admin User ID in the OpenIM 2021 Server API credential is an app manager/,
		// Refused for the token before anything happens, so one fresh token and one more try each.
		requests: { continue: 6, stop: 2 },
		delivered: { continue: [], stop: [] },
	},
	{
		name: 'an unknown user (friend import)',
		params: importFriend,
		items: [
			{ json: { n: 0, uid: 'a' } },
			{ json: { n: 1, uid: 'ghost' } },
			{ json: { n: 2, uid: 'a' } },
		],
		setup: (kit) => kit.register('a', 'b'),
		path: IMPORT,
		failing: [1],
		message: 'User not found (errCode 606)',
		description:
			/Register the user first \(User → Register\), and check the user ID for typos\. OpenIM said: "Can't find the user information"/,
		requests: { continue: 3, stop: 2 },
	},
	{
		name: 'an unknown user (get token: HTTP 500 record not found)',
		params: { resource: 'user', operation: 'getToken', uid: '={{ $json.uid }}', platform: 1 },
		items: [
			{ json: { n: 0, uid: 'a' } },
			{ json: { n: 1, uid: 'ghost' } },
			{ json: { n: 2, uid: 'a' } },
		],
		setup: (kit) => kit.register('a'),
		path: 'auth/user_token',
		failing: [1],
		message: 'User not found (errCode 500)',
		description: /Register the user first[\s\S]*record not found/,
		// One more auth/user_token: the admin token itself.
		requests: { continue: 4, stop: 3 },
	},
];

/** Prepares the emulator and the credential for a case; returns the store to run with. */
async function prepareCase(testCase, env, kit) {
	if (testCase.setup) await testCase.setup(kit, env);
	const store = testCase.store ? await testCase.store(kit, env) : kit.store();
	if (testCase.arm) testCase.arm(kit, env);
	return store;
}

const failingIndexes = (testCase, count) =>
	testCase.failing === 'all' ? [...Array(count).keys()] : testCase.failing;
const itemIndexOf = (error) => error?.context?.itemIndex ?? error?.itemIndex;

function expectMatch(actual, expected) {
	if (expected instanceof RegExp) expect(actual).toMatch(expected);
	else expect(actual).toBe(expected);
}

module.exports = { FAULT_CASES, faultKit, prepareCase, closedPort, failingIndexes, sendText };

// Registered only when this file is the test file (secrets.test.js requires it for the table).
if (expect.getState().testPath === __filename) {
	const env = useOpenIm();
	const kit = faultKit(env);
	afterEach(() => kit.reset());

	const sendRequests = () => env.requests(SEND);
	/** Each stored message appears once, and they are exactly the expected items' messages. */
	function expectDelivered(items) {
		const texts = env.state().messages.map((message) => message.content.text);
		expect(new Set(texts).size).toBe(texts.length);
		expect([...texts].sort()).toEqual(items.map((n) => `msg ${n}`).sort());
	}

	describe.each(FAULT_CASES.map((testCase) => [testCase.name, testCase]))(
		'%s',
		(_name, testCase) => {
			const items = testCase.items ?? three();
			const failing = failingIndexes(testCase, items.length);

			it('continueOnFail: one output or one error item per input item, paired and in order', async () => {
				const store = await prepareCase(testCase, env, kit);
				const res = await env.run(testCase.params, items, { store, continueOnFail: true });
				expect(res.status).toBe('success');
				expect(res.error).toBeUndefined();
				expect(res.items.map((item) => item.pairedItem)).toEqual(
					items.map((_, item) => ({ item })),
				);
				for (const [index, item] of res.items.entries()) {
					if (!failing.includes(index)) {
						expect(item.json.error).toBeUndefined();
						continue;
					}
					expectMatch(item.json.error, testCase.message);
					expect(item.json.description).toMatch(testCase.description);
					if (testCase.outcomeUnknown) expect(item.json.description).toMatch(MAY_HAVE_HAPPENED);
				}
				expect(env.requests(testCase.path)).toHaveLength(testCase.requests.continue);
				if (testCase.delivered) expectDelivered(testCase.delivered.continue);
				if (testCase.tokenFetches)
					expect(env.requests('auth/user_token')).toHaveLength(testCase.tokenFetches);
				if (testCase.after) testCase.after(env);
			});

			it('without it: the run stops at the failing item with that error', async () => {
				const store = await prepareCase(testCase, env, kit);
				const res = await env.run(testCase.params, items, { store });
				expect(env.requests(testCase.path)).toHaveLength(testCase.requests.stop);
				if (testCase.delivered) expectDelivered(testCase.delivered.stop);
				if (failing.length === 0) {
					expect(res.status).toBe('success');
					expect(res.items.map((item) => item.pairedItem.item)).toEqual([0, 1, 2]);
					return;
				}
				expect(res.status).toBe('error');
				expect(res.items).toEqual([]);
				expect(res.error.name).toBe('NodeApiError');
				expectMatch(res.error.message, testCase.message);
				expect(res.error.description).toMatch(testCase.description);
				expect(itemIndexOf(res.error)).toBe(failing[0]);
				if (testCase.after) testCase.after(env);
			});
		},
	);

	describe('no message is sent twice', () => {
		it('a send dropped mid-response is reported as unknown, not retried', async () => {
			kit.onRequest(SEND, 1, () => env.emu.dropNext(1, { path: `/${SEND}`, when: 'after' }));
			const res = await env.run(sendText(), three(), { continueOnFail: true });
			expect(res.items[0].json.description).toMatch(MAY_HAVE_HAPPENED);
			expect(sendRequests()).toHaveLength(3);
			expectDelivered([0, 1, 2]);
		});

		it('a send that timed out is reported as unknown, not retried', async () => {
			env.emu.hangNext(1, { path: `/${SEND}`, when: 'after' });
			const res = await env.run(sendText({ options: { timeout: 300 } }), three(), {
				continueOnFail: true,
			});
			expect(res.items[0].json).toMatchObject({
				error: 'OpenIM did not answer within 300 ms',
				description: expect.stringMatching(MAY_HAVE_HAPPENED),
			});
			expect(sendRequests()).toHaveLength(3);
			expectDelivered([0, 1, 2]);
		});

		it('a send cut off before the server read it is not retried either (the node cannot tell)', async () => {
			env.emu.dropNext(1, { path: `/${SEND}`, when: 'before' });
			const res = await env.run(sendText(), three(), { continueOnFail: true });
			expect(res.items[0].json).toMatchObject({
				error: 'The connection to OpenIM broke before it answered',
				description: expect.stringMatching(MAY_HAVE_HAPPENED),
			});
			expect(sendRequests()).toHaveLength(3);
			expectDelivered([1, 2]);
		});

		it('a token that expires during 50 parallel sends costs one refresh and no duplicate', async () => {
			env.emu.setLatency(1);
			let expiredAt;
			kit.onRequest(SEND, 20, () => {
				env.emu.expireAllTokens();
				expiredAt = env.emu.requests.length;
			});
			const items = Array.from({ length: 50 }, (_, n) => ({ json: { n } }));
			const res = await env.run(sendText({ options: { concurrency: 4 } }), items);
			expect(res.status).toBe('success');
			expect(res.items.map((item) => item.pairedItem.item)).toEqual([...Array(50).keys()]);
			expectDelivered([...Array(50).keys()]);
			const refreshes = env.emu.requests
				.slice(expiredAt)
				.filter((request) => request.path === '/auth/user_token');
			expect(refreshes).toHaveLength(1);
			// Only the requests refused for their token (at most one per request in flight) were sent again.
			expect(sendRequests().length).toBeLessThanOrEqual(50 + 4);
		});
	});

	describe('reads are retried with backoff where safe, writes never', () => {
		const getUser = { resource: 'user', operation: 'get', uidList: ADMIN };
		const gap = (requests) => requests[1].time - requests[0].time;

		it('a get after one 503 succeeds with 2 requests, the second after a pause', async () => {
			env.emu.failNext(1, { status: 503, path: '/user/get_user_info' });
			const res = await env.run(getUser);
			expect(res.status).toBe('success');
			expect(res.items[0].json.uid).toBe(ADMIN);
			const requests = env.requests('user/get_user_info');
			expect(requests).toHaveLength(2);
			expect(gap(requests)).toBeGreaterThanOrEqual(150);
		});

		it('a send after one 503 fails with 1 request', async () => {
			env.emu.failNext(1, { status: 503, path: `/${SEND}` });
			const res = await env.run(sendText(), [{ json: { n: 0 } }]);
			expect(res.status).toBe('error');
			expect(res.error.message).toBe('OpenIM is unavailable (HTTP 503)');
			expect(sendRequests()).toHaveLength(1);
			expect(env.state().messages).toEqual([]);
		});

		it('a get is tried 3 times in all, then fails with the last answer', async () => {
			env.emu.failNext(3, { status: 502, path: '/user/get_user_info' });
			const res = await env.run(getUser);
			expect(res.status).toBe('error');
			expect(res.error.message).toBe('OpenIM is unavailable (HTTP 502)');
			expect(env.requests('user/get_user_info')).toHaveLength(3);
		});

		it('a get after two 504s succeeds with 3 requests', async () => {
			env.emu.failNext(2, { status: 504, path: '/user/get_user_info' });
			const res = await env.run(getUser);
			expect(res.status).toBe('success');
			expect(env.requests('user/get_user_info')).toHaveLength(3);
		});

		it('get many after one 502 succeeds with 2 requests', async () => {
			env.emu.failNext(1, { status: 502, path: '/manager/get_all_users_uid' });
			const res = await env.run({ resource: 'user', operation: 'getAll', returnAll: true });
			expect(res.items.map((item) => item.json.uid)).toEqual([ADMIN]);
			expect(env.requests('manager/get_all_users_uid')).toHaveLength(2);
		});

		it('a get whose connection was cut before the answer is tried again', async () => {
			env.emu.dropNext(1, { path: '/user/get_user_info', when: 'before' });
			const res = await env.run(getUser);
			expect(res.status).toBe('success');
			expect(env.requests('user/get_user_info')).toHaveLength(2);
		});

		it('a get whose answer was cut off mid-response is tried again', async () => {
			env.emu.dropNext(1, { path: '/user/get_user_info', when: 'after' });
			const res = await env.run(getUser);
			expect(res.status).toBe('success');
			expect(env.requests('user/get_user_info')).toHaveLength(2);
		});

		it('a get that timed out is tried again', async () => {
			env.emu.hangNext(1, { path: '/user/get_user_info' });
			const res = await env.run({ ...getUser, options: { timeout: 300 } });
			expect(res.status).toBe('success');
			expect(env.requests('user/get_user_info')).toHaveLength(2);
		});

		it('a 500 is not retried, even for a read (the server may be failing for good)', async () => {
			env.emu.failNext(1, { status: 500, path: '/user/get_user_info' });
			const res = await env.run(getUser);
			expect(res.status).toBe('error');
			expect(env.requests('user/get_user_info')).toHaveLength(1);
		});

		it('create or update retries its lookup, and registers once', async () => {
			env.emu.failNext(1, { status: 503, path: '/user/get_user_info' });
			const res = await env.run({
				resource: 'user',
				operation: 'createOrUpdate',
				uid: 'c1',
				name: 'Carla',
				platform: 1,
			});
			expect(res.items[0].json).toMatchObject({ uid: 'c1', action: 'created' });
			expect(env.requests('user/get_user_info')).toHaveLength(2);
			expect(env.requests('auth/user_register')).toHaveLength(1);
		});

		it.each([
			[
				'user register',
				{ resource: 'user', operation: 'register', uid: 'n1', name: 'N', platform: 1 },
				'auth/user_register',
			],
			[
				'user update',
				{ resource: 'user', operation: 'update', uid: ADMIN, additionalFields: { name: 'X' } },
				'user/update_user_info',
			],
			[
				'user delete',
				{ resource: 'user', operation: 'delete', deleteUidList: 'n1' },
				'manager/delete_user',
			],
			[
				'group create',
				{
					resource: 'group',
					operation: 'create',
					groupName: 'G',
					memberList: { members: [{ uid: ADMIN, setRole: 1 }] },
				},
				'group/create_group',
			],
			[
				'friend import',
				{ resource: 'friend', operation: 'import', uid: 'alice', ownerUid: 'bob' },
				'friend/import_friend',
			],
			[
				'friend blacklist',
				{ resource: 'friend', operation: 'addToBlacklist', uid: 'alice', ownerUid: 'bob' },
				'friend/add_blacklist',
			],
		])('a write (%s) after one 503 fails with 1 request', async (_name, params, path) => {
			env.emu.failNext(1, { status: 503, path: `/${path}` });
			const res = await env.run(params);
			expect(res.status).toBe('error');
			expect(res.error.message).toBe('OpenIM is unavailable (HTTP 503)');
			expect(env.requests(path)).toHaveLength(1);
		});
	});
}
