// Shared setup of the 3.x integration suites: one 3.x emulator per file, a fresh OpenIM V3 API credential per test.
const path = require('path');

const { OpenImV3Emulator } = require('../../emulator/v3');
const { loadPackage, CredentialStore, runWorkflow } = require('../harness');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SECRET = 'openIM123';
const ADMIN = 'imAdmin';

/** The built package with the 3.x credential, which the harness does not load by itself. */
function loadV3Package() {
	const { OpenImV3Api } = require(path.join(ROOT, 'dist/credentials/OpenImV3Api.credentials.js'));
	return loadPackage(ROOT, { credentialTypes: { OpenImV3Api } });
}

function useOpenImV3(options = {}) {
	const env = { emu: undefined, pkg: undefined };
	beforeAll(async () => {
		env.emu = await new OpenImV3Emulator({
			port: 0,
			quiet: true,
			secret: SECRET,
			adminUserID: ADMIN,
			...options,
		}).start();
		env.pkg = loadV3Package();
	});
	afterAll(async () => env.emu && (await env.emu.stop()));
	beforeEach(() => env.emu.reset());

	env.store = (data = {}) =>
		new CredentialStore({
			id: 'openim-v3-test',
			name: 'OpenIM 3.x test',
			type: 'openImV3Api',
			data: { baseUrl: env.emu.url, secret: SECRET, adminUserId: ADMIN, token: '', ...data },
		});

	/** Runs the OpenIM node (typeVersion 2 unless said, so OpenIM Version 3.x by default) over `items`. */
	env.run = (
		parameters,
		items = [{ json: {} }],
		{ store = env.store(), continueOnFail = false, typeVersion = 2 } = {},
	) => runWorkflow({ pkg: env.pkg, store, items, parameters, continueOnFail, typeVersion });

	env.requests = (route) => env.emu.requests.filter((request) => request.path === `/${route}`);
	env.state = () => env.emu.snapshot();

	/** Registers users through the node, as test fixtures, and forgets those requests. */
	env.register = async (...userIDs) => {
		const res = await env.run(
			{
				resource: 'user',
				operation: 'register',
				uid: '={{ $json.uid }}',
				name: '={{ $json.uid }} name',
			},
			userIDs.map((uid) => ({ json: { uid } })),
		);
		expect(res.status).toBe('success');
		env.emu.requests.length = 0;
	};

	/**
	 * Neither the secret nor any token the server issued may appear in what the node produced or logged;
	 * with `userTokens`, the user tokens Get Token hands out are allowed, the admin's never.
	 */
	env.expectNoSecrets = (res, { userTokens = false } = {}) => {
		const tokens = env
			.state()
			.tokens.filter((token) => !userTokens || token.userID === ADMIN)
			.map((token) => token.token);
		const seen = JSON.stringify({
			items: res.items,
			error: res.error,
			logs: res.logs,
			runData: res.runData,
		});
		for (const secret of [SECRET, ...tokens]) expect(seen).not.toContain(secret);
		if (!userTokens) expect(seen).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
	};
	return env;
}

module.exports = { useOpenImV3, loadV3Package, SECRET, ADMIN };
