// The credential's secret and the admin token must never show up in what a run leaves behind: output
// items, error messages and descriptions, the error objects n8n stores with a failed execution (walked
// fully, non-enumerable properties such as message, stack, description and cause included), or logs.
// Every fault of faults.test.js is run again here, with continueOnFail on and off.
const crypto = require('node:crypto');
const { testCredential } = require('./harness');
const { expose, leftBehind } = require('./leaks');
const { useOpenIm, ADMIN } = require('./context');
const { FAULT_CASES, faultKit, prepareCase, closedPort, sendText } = require('./faults.test');

// A secret nothing else contains (the hints mention the default one, "tuoyun"). OpenIM allows 32 characters.
const SECRET = `s3cr3t-${crypto.randomBytes(8).toString('hex')}`;

const env = useOpenIm({ secret: SECRET });
const kit = faultKit(env, { secret: SECRET });
afterEach(() => kit.reset());

/** The secrets of a credential: its secret and every token issued to its admin user (and the one it stores). */
function secretsOf(store) {
	const adminUids = new Set([ADMIN, store.data.adminUserId]);
	const tokens = env
		.state()
		.tokens.filter((token) => adminUids.has(token.uid))
		.map((token) => token.token);
	const stored = [store.data.token, ...store.updates.map((update) => update.token)].filter(Boolean);
	const all = [...new Set([...tokens, ...stored])];
	// A JWT's signature alone would be enough to know it was leaked.
	return [
		store.data.secret,
		...all,
		...all.map((token) => token.split('.')[2]).filter((part) => part && part.length >= 16),
	];
}

function expectNothingLeaked(res, store, extra = []) {
	const text = leftBehind(res);
	for (const secret of [...secretsOf(store), ...extra]) {
		if (text.includes(secret)) {
			const at = text.indexOf(secret);
			throw new Error(
				`leaked "${secret}" in: …${text.slice(Math.max(0, at - 300), at + secret.length + 100)}…`,
			);
		}
	}
	return text;
}

describe('the leak detector', () => {
	it('finds a secret in a non-enumerable property of a nested error cause', () => {
		const cause = new Error('outer');
		Object.defineProperty(cause, 'description', { value: `token ${SECRET}`, enumerable: false });
		const error = { name: 'NodeApiError', message: 'x' };
		Object.defineProperty(error, 'cause', { value: cause, enumerable: false });
		expect(JSON.stringify(error)).not.toContain(SECRET);
		expect(leftBehind({ items: [], error, runData: {}, executionData: {}, logs: [] })).toContain(
			SECRET,
		);
	});
});

describe.each(FAULT_CASES.map((testCase) => [testCase.name, testCase]))(
	'no secret leaks: %s',
	(_name, testCase) => {
		const items = testCase.items ?? [0, 1, 2].map((n) => ({ json: { n } }));

		it.each([
			['on', true],
			['off', false],
		])('continueOnFail %s', async (_mode, continueOnFail) => {
			const store = await prepareCase(testCase, env, kit);
			const res = await env.run(testCase.params, items, { store, continueOnFail });
			const text = expectNothingLeaked(res, store);
			// The detector saw the error (so it would have seen a secret next to it).
			if (testCase.failing === 'all' || testCase.failing.length)
				expect(text).toContain(
					res.error?.message ?? res.items.find((item) => item.json.error).json.error,
				);
			// And the run had an admin token (sent with a request or stored) that the detector looked for: a run
			// without one would find nothing whatever the node did. Only a case that never reaches OpenIM has none.
			const inPlay = [
				...env.emu.requests.map((request) => request.headers.token),
				store.data.token,
			].filter(Boolean);
			if (testCase.noToken) expect(inPlay).toEqual([]);
			else expect(inPlay.length).toBeGreaterThan(0);
			expect(secretsOf(store)).toEqual(expect.arrayContaining(inPlay));
		});
	},
);

describe('no secret leaks where the secret is in the request', () => {
	it.each([
		[
			'user register',
			{ resource: 'user', operation: 'register', uid: '={{ $json.uid }}', name: 'N', platform: 1 },
			[],
		],
		[
			'user get token',
			{ resource: 'user', operation: 'getToken', uid: '={{ $json.uid }}', platform: 1 },
			['u1', 'u2'],
		],
		[
			'user create or update',
			{
				resource: 'user',
				operation: 'createOrUpdate',
				uid: '={{ $json.uid }}',
				name: 'N',
				platform: 1,
			},
			['u2'],
		],
	])(
		'%s: outputs carry user tokens, never the secret or the admin token',
		async (_name, params, existing) => {
			if (existing.length) await kit.register(...existing);
			const store = kit.store();
			const res = await env.run(params, [{ json: { uid: 'u1' } }, { json: { uid: 'u2' } }], {
				store,
				continueOnFail: true,
			});
			expect(res.items).toHaveLength(2);
			for (const item of res.items) expect(item.json.error).toBeUndefined();
			expect(env.emu.requests.some((request) => request.body?.secret === SECRET)).toBe(true);
			expectNothingLeaked(res, store);
		},
	);

	it('a wrong secret is not echoed, through the node or the credential test', async () => {
		const wrong = `wrong-${crypto.randomBytes(6).toString('hex')}`;
		const store = kit.store({ secret: wrong });
		for (const continueOnFail of [true, false]) {
			const res = await env.run(sendText(), [{ json: { n: 0 } }], { store, continueOnFail });
			const text = expectNothingLeaked(res, store, [SECRET]);
			expect(text).toContain('OpenIM refused the secret');
		}
		const logs = [];
		const tested = await testCredential({ pkg: env.pkg, store, logs });
		expect(tested).toEqual({ status: 'Error', message: 'OpenIM refused the secret' });
		expect(logs.join('\n')).not.toContain(wrong);
	});

	it('a failing credential test shows neither the secret nor a token', async () => {
		await kit.register('plain');
		const store = kit.store({ adminUserId: 'plain' });
		const logs = [];
		const tested = await testCredential({ pkg: env.pkg, store, logs });
		expect(tested.status).toBe('Error');
		const text = [JSON.stringify(expose(tested)), ...logs].join('\n');
		for (const secret of secretsOf(store)) expect(text).not.toContain(secret);
	});

	it.each([
		['a password in the URL', (port, secret) => `http://admin:${secret}@127.0.0.1:${port}`],
		['a user name in the URL', (port, secret) => `http://${secret}@127.0.0.1:${port}`],
		['the secret in a query', (port, secret) => `http://127.0.0.1:${port}/?secret=${secret}`],
		['the secret in a fragment', (port, secret) => `http://127.0.0.1:${port}/#${secret}`],
	])('a Base URL with %s is refused without echoing it', async (_name, url) => {
		const store = kit.store({ baseUrl: url(env.emu.port, SECRET) });
		for (const continueOnFail of [true, false]) {
			const res = await env.run(sendText(), [{ json: { n: 0 } }], { store, continueOnFail });
			const text = expectNothingLeaked(res, store);
			expect(text).toContain('Base URL');
		}
		expect(env.emu.requests).toEqual([]);
	});

	it('a refused connection on a non-default port does not echo the secret', async () => {
		const store = kit.store({ baseUrl: `http://127.0.0.1:${await closedPort()}/im` });
		const res = await env.run(sendText(), [{ json: { n: 0 } }], { store });
		expectNothingLeaked(res, store);
	});
});
