// Shared setup of the integration suites: one emulator per file, a fresh credential per test.
const { OpenImEmulator } = require('../emulator');
const { loadPackage, CredentialStore, runWorkflow } = require('./harness');

const SECRET = 'tuoyun';
const ADMIN = 'openIM123456';

function useOpenIm(options = {}) {
	const env = { emu: undefined, pkg: undefined };
	beforeAll(async () => {
		env.emu = await new OpenImEmulator({ port: 0, quiet: true, ...options }).start();
		env.pkg = loadPackage();
	});
	afterAll(async () => env.emu && (await env.emu.stop()));
	beforeEach(() => env.emu.reset());

	env.store = (data = {}) =>
		new CredentialStore({
			id: 'openim-test',
			name: 'OpenIM test',
			type: 'openImApi',
			data: {
				baseUrl: env.emu.url,
				secret: SECRET,
				adminUserId: ADMIN,
				platform: 1,
				token: '',
				...data,
			},
		});

	/**
	 * Runs the OpenIM node once over `items` through the real n8n-core engine, as a workflow saved
	 * with typeVersion 1: the 2021 suites are those workflows, which never stored apiVersion.
	 */
	env.run = (
		parameters,
		items = [{ json: {} }],
		{ store = env.store(), continueOnFail = false } = {},
	) => runWorkflow({ pkg: env.pkg, store, items, parameters, continueOnFail, typeVersion: 1 });

	env.requests = (path) => env.emu.requests.filter((request) => request.path === `/${path}`);
	env.state = () => env.emu.snapshot();

	/** Registers users straight on the emulator, as test fixtures. */
	env.register = async (...uids) => {
		const res = await env.run(
			{
				resource: 'user',
				operation: 'register',
				uid: '={{ $json.uid }}',
				name: '={{ $json.uid }} name',
				platform: 1,
			},
			uids.map((uid) => ({ json: { uid } })),
		);
		expect(res.status).toBe('success');
		env.emu.requests.length = 0;
	};

	/** Neither the secret nor any admin token may appear in what the node produced or logged. */
	env.expectNoSecrets = (res) => {
		const adminTokens = env
			.state()
			.tokens.filter((token) => token.uid === ADMIN)
			.map((token) => token.token);
		const seen = JSON.stringify({
			items: res.items,
			error: res.error,
			logs: res.logs,
			runData: res.runData,
		});
		for (const secret of [SECRET, ...adminTokens]) expect(seen).not.toContain(secret);
	};
	return env;
}

module.exports = { useOpenIm, SECRET, ADMIN };
