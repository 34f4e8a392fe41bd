#!/usr/bin/env node
'use strict';
/*
 * `npm start`: try the node in a real n8n, on this machine, in one command.
 *
 *   1. builds the package (npm run build -> dist/)
 *   2. starts the OpenIM emulator (3.x on 127.0.0.1:10002, or 2021 on :10000 with
 *      --openim 2021) with demo users and a group (or uses a real OpenIM:
 *      OPENIM_URL=... OPENIM_SECRET=... OPENIM_ADMIN=..., --openim says which generation)
 *   3. installs n8n on first use (n8n 1.123.81, or 2.41.1 with --n8n 2) into
 *      ~/.cache/n8n-nodes-openim, outside this package's dependencies
 *   4. prepares n8n's user folder: this package from dist/, the credential
 *      "OpenIM (local emulator)" of that generation, its example workflows (the
 *      webhook one active)
 *   5. runs `n8n start` on 127.0.0.1:5678, sets up the owner account and prints
 *      the editor URL, the login and the example webhook URLs
 * Ctrl-C stops n8n and the emulator.
 *
 * `--queue`: n8n in queue mode instead: a private PostgreSQL and Redis (Debian's postgresql and
 * redis-server, see test/e2e/services.js; a new database on every start), the main `n8n start`, two
 * `n8n worker`s and an `n8n webhook` on the next port, which serves the production webhooks.
 *
 * `node scripts/start.js --help` lists the options.
 */

const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');

const runtime = require('./n8n-runtime.js');
const examples = require('./examples.js');

const REPO = path.resolve(__dirname, '..');

const USAGE = `Usage: npm start [-- options]    (or node scripts/start.js [options])

  --n8n <1|2>           n8n 1.123.81 (default) or 2.41.1 (on Node 24)  env N8N_GENERATION
  --openim <v3|2021>    OpenIM API generation (default v3)              env OPENIM_GENERATION
  --port <n>            n8n port (default 5678)                         env N8N_PORT
  --emulator-port <n>   OpenIM emulator port (default 10002; 2021: 10000)  env OPENIM_EMULATOR_PORT
  --openim-url <url>    use this OpenIM server, start no emulator       env OPENIM_URL
  --openim-secret <s>   its secret (default openIM123; 2021: tuoyun)    env OPENIM_SECRET
  --openim-admin <id>   its admin user ID (default imAdmin; 2021: openIM123456)  env OPENIM_ADMIN
  --openim-platform <n> 2021 only: platform of the admin token, 1-8 (default 8)  env OPENIM_PLATFORM
  --folder <dir>        n8n user folder (default ~/.cache/n8n-nodes-openim/start-<n8n generation>)
                                                                        env N8N_START_FOLDER
  --reset               delete the user folder first (new database, owner, executions)
  --queue               queue mode: private PostgreSQL + Redis, 2 workers, a webhook process
                        (needs: apt-get install -y postgresql redis-server)
  --webhook-port <n>    --queue: the webhook process's port (default: n8n port + 1)  env N8N_START_WEBHOOK_PORT
  --no-build            use dist/ as it is
  --help

Login: owner@example.com / OpenIM-local-1 (env N8N_OWNER_EMAIL, N8N_OWNER_PASSWORD on the first start).`;

const OWNER = {
	email: process.env.N8N_OWNER_EMAIL || 'owner@example.com',
	password: process.env.N8N_OWNER_PASSWORD || 'OpenIM-local-1',
	firstName: 'Local',
	lastName: 'Owner',
};

function say(msg = '') {
	process.stdout.write(`${msg}\n`);
}

function step(msg) {
	say(`\n== ${msg}`);
}

function parseArgs(argv, env) {
	const opts = {
		generation: env.N8N_GENERATION || '1',
		openim: env.OPENIM_GENERATION || 'v3',
		port: env.N8N_PORT || '5678',
		emulatorPort: env.OPENIM_EMULATOR_PORT || '',
		openimUrl: env.OPENIM_URL || '',
		openimSecret: env.OPENIM_SECRET || '',
		openimAdmin: env.OPENIM_ADMIN || '',
		openimPlatform: env.OPENIM_PLATFORM || '8',
		folder: env.N8N_START_FOLDER || '',
		reset: false,
		build: true,
		queue: false,
		webhookPort: env.N8N_START_WEBHOOK_PORT || '',
	};
	const valued = {
		'--n8n': 'generation',
		'--openim': 'openim',
		'--port': 'port',
		'--emulator-port': 'emulatorPort',
		'--openim-url': 'openimUrl',
		'--openim-secret': 'openimSecret',
		'--openim-admin': 'openimAdmin',
		'--openim-platform': 'openimPlatform',
		'--folder': 'folder',
		'--webhook-port': 'webhookPort',
	};
	for (let i = 0; i < argv.length; i++) {
		const [arg, inline] = argv[i].split(/=(.*)/s);
		if (arg === '--help' || arg === '-h') return { help: true };
		if (arg === '--reset') opts.reset = true;
		else if (arg === '--queue') opts.queue = true;
		else if (arg === '--no-build') opts.build = false;
		else if (valued[arg]) {
			const value = inline ?? argv[++i];
			if (value === undefined) throw new Error(`${arg} needs a value`);
			opts[valued[arg]] = value;
		} else throw new Error(`unknown option ${argv[i]} (see --help)`);
	}
	opts.generation = String(opts.generation);
	if (!runtime.GENERATIONS[opts.generation])
		throw new Error(`--n8n must be 1 or 2, not ${opts.generation}`);
	opts.openim = { 3: 'v3', '3.x': 'v3', v3: 'v3', 2021: '2021' }[String(opts.openim).toLowerCase()];
	if (!opts.openim) throw new Error('--openim must be v3 or 2021');
	opts.emulatorPort = opts.emulatorPort || String(examples.OPENIM[opts.openim].port);
	opts.webhookPort =
		opts.webhookPort || (Number(opts.port) === 0 ? '0' : String(Number(opts.port) + 1));
	for (const key of ['port', 'emulatorPort', 'openimPlatform', 'webhookPort']) {
		const n = Number(opts[key]);
		if (!Number.isInteger(n) || n < 0 || n > 65535)
			throw new Error(`${key} must be a whole number, not ${opts[key]}`);
		opts[key] = n;
	}
	if (opts.openimPlatform < 1 || opts.openimPlatform > 8)
		throw new Error('--openim-platform must be 1 to 8');
	opts.openimUrl = opts.openimUrl.trim().replace(/\/+$/, '');
	if (opts.openimUrl && !/^https?:\/\//.test(opts.openimUrl))
		throw new Error(`OPENIM_URL must start with http:// or https://, not ${opts.openimUrl}`);
	opts.folder = path.resolve(
		opts.folder || path.join(runtime.cacheRoot(), `start-${opts.generation}`),
	);
	return { opts };
}

function portFree(port) {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}

function runInherit(cmd, args) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd: REPO, stdio: 'inherit' });
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0
				? resolve()
				: reject(new Error(`${[cmd, ...args].join(' ')} failed (code ${code})`)),
		);
	});
}

function build() {
	const npmCli = process.env.npm_execpath;
	if (npmCli && /npm-cli\.js$/.test(npmCli))
		return runInherit(process.execPath, [npmCli, 'run', 'build']);
	return runInherit(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build']);
}

/** Writes each line of a child's output with a prefix. */
function prefixer(prefix, stream) {
	let rest = '';
	return (text) => {
		const lines = (rest + text).split('\n');
		rest = lines.pop();
		for (const line of lines) stream.write(`${prefix}${line}\n`);
	};
}

/** n8n keeps its encryption key in <folder>/.n8n/config; reuse it, or make a new one for a new folder. */
function encryptionKeyFor(folder) {
	try {
		const config = JSON.parse(fs.readFileSync(path.join(folder, '.n8n', 'config'), 'utf8'));
		if (config.encryptionKey) return config.encryptionKey;
	} catch {
		// new folder
	}
	return crypto.randomBytes(24).toString('base64');
}

/**
 * n8n's httpRequest for a credential's preAuthentication, on fetch: enough of
 * IHttpRequestHelper for the package's own token flow to run outside n8n.
 */
async function httpRequest(options) {
	const body =
		options.body === undefined || typeof options.body === 'string'
			? options.body
			: JSON.stringify(options.body);
	const res = await fetch(options.url, {
		method: options.method || 'GET',
		headers: options.headers,
		body,
		signal: AbortSignal.timeout(Math.min(options.timeout || 10000, 10000)),
	});
	const text = await res.text();
	if (!res.ok && !options.ignoreHttpStatusErrors)
		throw Object.assign(new Error(`HTTP ${res.status}`), { httpCode: res.status });
	const parsed = options.json ? JSON.parse(text) : text;
	return options.returnFullResponse
		? { statusCode: res.status, headers: Object.fromEntries(res.headers), body: parsed }
		: parsed;
}

/**
 * Asks a real OpenIM for an admin token with the package's own credential code
 * (dist/), to say early whether URL, secret and admin user are right.
 */
async function checkOpenIm({ openim, baseUrl, secret, adminUserId, platform }) {
	const { credentialType } = examples.OPENIM[openim];
	const file = { openImApi: 'OpenImApi', openImV3Api: 'OpenImV3Api' }[credentialType];
	try {
		const Credential = Object.values(
			require(path.join(REPO, 'dist', 'credentials', `${file}.credentials.js`)),
		)[0];
		await new Credential().preAuthentication.call(
			{ helpers: { httpRequest } },
			{ baseUrl, secret, adminUserId, platform, token: '' },
		);
		return { ok: true, message: `admin token issued for ${adminUserId}` };
	} catch (error) {
		return { ok: false, message: [error.message, error.description].filter(Boolean).join(': ') };
	}
}

/**
 * A message the emulator received that holds the links of a Send and Wait for Response (their path is
 * n8n's /webhook-waiting/): {recvID, text}, printed so that someone trying the approval can open them.
 */
function answerLinksMessage({ path: urlPath, rawBody }) {
	if (!urlPath.endsWith('/send_msg')) return null;
	let body;
	try {
		body = JSON.parse(rawBody);
	} catch {
		return null;
	}
	const content = body && body.content;
	const text = content && (content.content ?? content.text);
	return typeof text === 'string' && text.includes('/webhook-waiting/')
		? { recvID: body.recvID || body.groupID, text }
		: null;
}

async function main() {
	let parsed;
	try {
		parsed = parseArgs(process.argv.slice(2), process.env);
	} catch (error) {
		console.error(`npm start: ${error.message}`);
		return 2;
	}
	if (parsed.help) {
		say(USAGE);
		return 0;
	}
	const opts = parsed.opts;
	const services = opts.queue ? require('../test/e2e/services.js') : null;
	if (services && services.missingPackages().length) {
		console.error(
			`npm start: --queue needs ${services.missingPackages().join(' and ')} (it runs its own PostgreSQL and Redis): ${services.INSTALL_HINT}`,
		);
		return 2;
	}
	const spec = runtime.GENERATIONS[opts.generation];
	const started = Date.now();
	const useEmulator = !opts.openimUrl;

	// Everything started below, stopped in reverse order on exit.
	let emulator = null;
	let n8n = null;
	let server = null;
	// --queue: PostgreSQL + Redis, and the n8n instances of the workers and the webhook process.
	const queue = { services: null, instances: [], processes: [] };
	let stopping = null;
	const stopAll = (reason) => {
		if (stopping) return stopping;
		stopping = (async () => {
			if (reason) say(`\n== ${reason}: stopping n8n${emulator ? ' and the emulator' : ''} ...`);
			if (server) await server.stop().catch(() => undefined);
			for (const instance of queue.instances) await instance.cleanup().catch(() => undefined);
			if (n8n) await n8n.cleanup().catch(() => undefined);
			if (queue.services) await queue.services.stop().catch(() => undefined);
			if (emulator) await emulator.stop().catch(() => undefined);
		})();
		return stopping;
	};
	let interrupted = false;
	const onSignal = (signal) => {
		if (interrupted) {
			// second Ctrl-C: do not wait for a graceful shutdown
			if (server && server.process) {
				try {
					process.kill(-server.process.pid, 'SIGKILL');
				} catch {
					// gone
				}
			}
			process.exit(130);
		}
		interrupted = true;
		void stopAll(signal === 'SIGINT' ? 'Ctrl-C' : signal).then(() => {
			say('== stopped');
			process.exit(0);
		});
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	process.on('SIGHUP', onSignal);

	try {
		say(
			`n8n-nodes-openim: local n8n ${spec.version}${opts.queue ? ' in queue mode' : ''} with the OpenIM node (${useEmulator ? 'OpenIM emulator' : opts.openimUrl})`,
		);

		const webhookPort = opts.queue ? opts.webhookPort : null;
		for (const [what, port, variable] of [
			['n8n', opts.port, 'N8N_PORT'],
			...(opts.queue ? [['the n8n webhook process', webhookPort, 'N8N_START_WEBHOOK_PORT']] : []),
			...(useEmulator ? [['the OpenIM emulator', opts.emulatorPort, 'OPENIM_EMULATOR_PORT']] : []),
		]) {
			if (port !== 0 && !(await portFree(port))) {
				throw new Error(
					`port ${port} for ${what} is in use on 127.0.0.1 (another npm start, n8n or emulator?). ` +
						`Stop it or choose another port: ${variable}=<port> npm start${opts.queue ? ' -- --queue' : ''}`,
				);
			}
		}

		if (opts.build) {
			step('building the package (npm run build)');
			await build();
		}

		step(`n8n ${spec.version}${opts.generation === '2' ? ' on Node 24' : ''}`);
		const installed = fs.existsSync(
			path.join(runtime.n8nDir(opts.generation), '.openim-install-complete.json'),
		);
		if (!installed) {
			say(`not installed yet: installing into ${runtime.n8nDir(opts.generation)}`);
			say('(first time only: several minutes and about 2-3 GB; progress below)');
		}
		const rt = await runtime.ensureN8n(opts.generation);
		say(`n8n ${rt.version} in ${rt.installDir} (Node ${rt.nodeVersion})`);

		const defaults = examples.OPENIM[opts.openim];
		let openim;
		if (useEmulator) {
			step(`OpenIM emulator (${opts.openim === 'v3' ? '3.x' : '2021 API'})`);
			const emu =
				opts.openim === 'v3' ? require('../test/emulator/v3') : require('../test/emulator');
			const Emulator = opts.openim === 'v3' ? emu.OpenImV3Emulator : emu.OpenImEmulator;
			const { SEED_USERS, SEED_GROUP_ID } = require(
				opts.openim === 'v3' ? '../test/emulator/v3/state' : '../test/emulator/state',
			);
			emulator = new Emulator({
				host: '127.0.0.1',
				port: opts.emulatorPort,
				seed: true,
				quiet: true,
			});
			// One line per API request, marked as the emulator's.
			emulator.log = (request, outcome) => {
				say(`[openim] ${request.method} ${request.path} ${outcome}`);
				const asked = answerLinksMessage(request);
				if (asked) say(`[openim] message to ${asked.recvID} with answer links:\n${asked.text}`);
			};
			await emulator.start();
			openim = {
				openim: opts.openim,
				baseUrl: emulator.url,
				secret: defaults.secret,
				adminUserId: defaults.adminUserId,
				platform: opts.openimPlatform,
			};
			say(`${emulator.url}  secret ${openim.secret}, admin ${openim.adminUserId}`);
			say(
				`demo users: ${SEED_USERS.map((u) => u.userID ?? u.uid).join(', ')}; group "Demo group" ${SEED_GROUP_ID} (owner alice)`,
			);
		} else {
			step(`OpenIM ${opts.openim === 'v3' ? '3.x' : '2021 API'} at ${opts.openimUrl}`);
			openim = {
				openim: opts.openim,
				baseUrl: opts.openimUrl,
				secret: opts.openimSecret || defaults.secret,
				adminUserId: opts.openimAdmin || defaults.adminUserId,
				platform: opts.openimPlatform,
				name: `OpenIM (${opts.openimUrl.replace(/^https?:\/\//, '')})`,
			};
			const check = await checkOpenIm(openim);
			say(
				check.ok
					? `reachable: ${check.message}`
					: `WARNING: no admin token from ${openim.baseUrl} (${check.message}).`,
			);
			if (!check.ok)
				say(
					`n8n starts anyway; fix OPENIM_URL / OPENIM_SECRET / OPENIM_ADMIN${opts.openim === '2021' ? ' / OPENIM_PLATFORM' : ''} (--openim ${opts.openim === 'v3' ? '2021 for an older server' : 'v3 for a 3.x server'}) or the credential in n8n.`,
				);
		}

		step(`n8n user folder ${opts.folder}`);
		if (opts.reset && fs.existsSync(opts.folder)) {
			fs.rmSync(opts.folder, { recursive: true, force: true });
			say('deleted (--reset)');
		}
		const fresh = opts.queue || !fs.existsSync(path.join(opts.folder, '.n8n', 'database.sqlite'));
		fs.mkdirSync(opts.folder, { recursive: true });
		const { createN8nInstance, freePort } = require('../test/e2e/n8n-cli.js');
		const n8nEnv = {
			N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'info',
			// 2.x fetches an MCP server list from api.n8n.io at start and logs a stack trace when offline.
			...(opts.generation === '2' && !process.env.N8N_DISABLED_MODULES
				? { N8N_DISABLED_MODULES: 'mcp-registry' }
				: {}),
		};
		const encryptionKey = encryptionKeyFor(opts.folder);
		let hooksUrl = null;
		if (opts.queue) {
			queue.services = await services.startServices();
			const { postgres, redis } = queue.services;
			hooksUrl = `http://127.0.0.1:${webhookPort || (await freePort())}`;
			Object.assign(n8nEnv, services.queueEnv(queue.services), { WEBHOOK_URL: `${hooksUrl}/` });
			say(
				`queue mode: PostgreSQL on 127.0.0.1:${postgres.port} (new, private to this run), Redis on 127.0.0.1:${redis.port}`,
			);
		}
		n8n = await createN8nInstance({
			generation: opts.generation,
			userFolder: opts.folder,
			encryptionKey,
			env: n8nEnv,
		});
		n8n.installPackage();
		say(
			`${fresh ? 'new' : 'existing'} ${opts.queue ? 'database' : 'folder'}; package copied from dist/`,
		);
		const cred = examples.credential(openim);
		await n8n.importCredential(cred);
		say(`credential "${cred.name}" (id ${cred.id}) -> ${openim.baseUrl}`);
		// An AI example runs on the user's chat model: the first OpenAI, Anthropic or Ollama credential
		// stored in n8n; without one it is imported inactive.
		const model = examples.modelCredentialOf(await n8n.listCredentials());
		const list = examples
			.loadExamples(opts.openim, opts.generation)
			.map((e) =>
				model && examples.needsModel(e.workflow)
					? { ...e, workflow: examples.withModel(e.workflow, model) }
					: e,
			);
		await n8n.importWorkflow(list.map((e) => e.workflow));
		say(
			`example workflows imported (the repo's version replaces earlier edits of them): ${list.map((e) => e.file).join(', ')}`,
		);
		const needModel = model ? [] : list.filter((e) => examples.needsModel(e.workflow));
		const runnable = list.filter((e) => !needModel.includes(e));
		const withWebhooks = runnable.filter((e) => examples.webhooksOf(e.workflow).length > 0);
		const triggers = runnable.flatMap((e) =>
			examples.triggersOf(e.workflow).map((t) => ({ ...t, example: e })),
		);
		const mcpServers = runnable.flatMap((e) =>
			examples.mcpTriggersOf(e.workflow).map((t) => ({ ...t, example: e })),
		);
		const active = [
			...new Set([
				...withWebhooks,
				...triggers.map((t) => t.example),
				...mcpServers.map((t) => t.example),
			]),
		];
		for (const e of active) await n8n.activateWorkflow(e.id);
		if (active.length) say(`activated: ${active.map((e) => e.name).join(', ')}`);
		if (model) say(`chat model of the AI examples: credential "${model.name}" (${model.type})`);
		else if (needModel.length)
			say(
				`inactive until n8n has an OpenAI, Anthropic or Ollama credential: ${needModel.map((e) => e.name).join(', ')}`,
			);
		// The IM bot answers as its own user: the emulator must know it.
		const bots = [...new Set(triggers.flatMap((t) => t.botUserIds))];
		if (emulator && opts.openim === 'v3') {
			for (const userID of bots)
				if (!emulator.state.users.has(userID)) emulator.state.addUser({ userID, nickname: userID });
		}

		step(`n8n start on http://127.0.0.1:${opts.port}`);
		const n8nOut = prefixer('[n8n] ', process.stdout);
		const queueMain = opts.queue
			? {
					env: {
						OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
						N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
						WEBHOOK_URL: `${hooksUrl}/`,
					},
				}
			: {};
		server = await n8n.startServer({
			port: opts.port,
			onOutput: (text) => n8nOut(text),
			timeoutMs: 300000,
			...queueMain,
		});
		const settings = await server.request('GET', '/rest/settings');
		const setupNeeded = Boolean(
			settings.json &&
			settings.json.data &&
			settings.json.data.userManagement &&
			settings.json.data.userManagement.showSetupOnFirstLoad,
		);
		let loginNote = '';
		if (setupNeeded) {
			await server.setupOwner(OWNER);
		} else {
			try {
				await server.login(OWNER);
			} catch {
				loginNote = ' (this folder has another owner password; --reset starts over)';
			}
		}

		// Queue mode: the workers run every execution, the webhook process takes the production webhooks.
		let hooks = server;
		if (opts.queue) {
			const folders = [1, 2]
				.map((n) => [`worker ${n}`, 'worker', path.join(opts.folder, `queue-worker-${n}`)])
				.concat([['webhook', 'webhook', path.join(opts.folder, 'queue-webhook')]]);
			for (const [label, command, userFolder] of folders) {
				step(`n8n ${label}${command === 'webhook' ? ` on ${hooksUrl}` : ''}`);
				const instance = await createN8nInstance({
					generation: opts.generation,
					userFolder,
					encryptionKey,
					env: n8nEnv,
				});
				queue.instances.push(instance);
				instance.installPackage();
				const out = prefixer(`[${label}] `, process.stdout);
				const start = command === 'worker' ? instance.startWorker : instance.startWebhook;
				const handle = await start({
					port: command === 'webhook' ? Number(new URL(hooksUrl).port) : undefined,
					onOutput: (text) => out(text),
					timeoutMs: 300000,
				});
				queue.processes.push([label, handle]);
				if (command === 'webhook') hooks = handle;
			}
		}

		// n8n registers production webhooks a moment after it answers: wait until every example's is, so that
		// what is printed below works at once.
		for (const e of withWebhooks)
			for (const hook of examples.webhooksOf(e.workflow)) await hooks.waitForWebhook(hook.path);
		for (const t of triggers)
			await hooks.waitForWebhook(
				t.apiVersion === 'v3' ? `${t.path}/callbackAfterUserOnlineCommand` : t.path,
			);
		// webhooks.yml has one url: the AI bot's trigger when it runs, else the FAQ bot's.
		const v3Bots = triggers.filter((t) => t.apiVersion === 'v3');
		const bot = v3Bots.find((t) => examples.needsModel(t.example.workflow)) || v3Bots[0];
		if (emulator && bot) {
			// Point the emulator's webhooks.yml at the bot's trigger, as an operator would.
			const url = `${hooks.baseUrl}/webhook/${bot.path}`;
			emulator.webhooks.configure({ url, afterSendSingleMsg: { enable: true } });
			say(`emulator webhooks -> ${url} (afterSendSingleMsg)`);
		}

		for (const [label, handle] of [['n8n', server], ...queue.processes]) {
			void handle.exited.then((exit) => {
				if (stopping) return;
				say(
					`\n== ${label === 'n8n' ? 'n8n' : `n8n ${label}`} exited (${exit.signal || `code ${exit.code}`}); stopping`,
				);
				void stopAll().then(() => process.exit(1));
			});
		}

		const base = server.baseUrl;
		const hookBase = hooks.baseUrl;
		const lines = [
			'',
			'='.repeat(78),
			` n8n ${rt.version} with n8n-nodes-openim is ready (${Math.round((Date.now() - started) / 1000)} s)`,
			'',
			` Editor   ${base}/`,
			` Login    ${OWNER.email} / ${OWNER.password}${loginNote}`,
			...(opts.queue
				? [
						` Queue    ${queue.processes.map(([label, h]) => `${label} (pid ${h.pid})`).join(', ')}; production webhooks on ${hookBase}`,
						`          PostgreSQL 127.0.0.1:${queue.services.postgres.port}, Redis 127.0.0.1:${queue.services.redis.port} (deleted on exit)`,
					]
				: []),
			` OpenIM   ${openim.baseUrl}${useEmulator ? ` (emulator: secret ${openim.secret}, admin ${openim.adminUserId}; state: ${openim.baseUrl}/__emulator/state)` : ''}`,
			'',
			' Example workflows:',
		];
		for (const e of list) {
			lines.push(`   ${e.name}: ${base}/workflow/${e.id}`);
			for (const hook of examples.webhooksOf(e.workflow)) {
				lines.push(
					`     production webhook (active): ${hook.method} ${hookBase}/webhook/${hook.path}`,
				);
				lines.push(
					`     test webhook (editor: "Listen for test event"): ${hook.method} ${base}/webhook-test/${hook.path}`,
				);
			}
			for (const mcp of examples.mcpTriggersOf(e.workflow))
				lines.push(`     MCP server URL (streamable HTTP, or SSE): ${hookBase}/mcp/${mcp.path}`);
			if (needModel.includes(e)) {
				lines.push(
					'     inactive: it needs a chat model. Add an OpenAI, Anthropic or Ollama credential in n8n',
				);
				lines.push(
					'     (Overview → Credentials), then start again: npm start puts it in and activates this workflow.',
				);
			} else if (model && examples.needsModel(e.workflow))
				lines.push(`     chat model: credential "${model.name}" (${model.type})`);
		}
		const tries = withWebhooks.filter((e) => examples.TRY_IT[e.id]);
		if (tries.length) lines.push('', ' Try it:');
		for (const e of tries) {
			const [hook] = examples.webhooksOf(e.workflow);
			const { body, then = [] } = examples.TRY_IT[e.id];
			lines.push(
				`   ${e.name}:`,
				`   curl -X POST ${hookBase}/webhook/${hook.path} -H 'content-type: application/json' \\`,
				`     -d '${JSON.stringify(body)}'`,
				...then.map((line) => `     ${line}`),
			);
		}
		for (const t of triggers) {
			lines.push('', ` ${t.example.name} (OpenIM Trigger "${t.node}"):`);
			lines.push(
				`   ${t.apiVersion === 'v3' ? 'webhooks.yml url' : 'config.yaml callbackUrl'}: ${hookBase}/webhook/${t.path}`,
			);
		}
		if (emulator && bot) {
			const [botUser] = bot.botUserIds;
			lines.push(
				'',
				' Talk to the bot as alice (the emulator calls the trigger, the bot answers in OpenIM):',
			);
			lines.push(
				`   npm run ask-bot -- "What are your opening hours?"${botUser === 'support_bot' ? '' : ` --bot ${botUser}`}${opts.emulatorPort === 10002 ? '' : ` --url ${openim.baseUrl}`}`,
			);
		}
		if (!useEmulator)
			lines.push(
				'',
				' The examples use the demo users alice, bob and carol: change them to users of your server.',
			);
		lines.push(
			'',
			` Ctrl-C stops n8n${opts.queue ? ' (all its processes, PostgreSQL and Redis)' : ''}${useEmulator ? ' and the emulator' : ''}.`,
			'='.repeat(78),
			'',
		);
		say(lines.join('\n'));
		// Keep running until a signal or n8n's exit.
		await new Promise(() => undefined);
		return 0;
	} catch (error) {
		console.error(`\nnpm start failed: ${error && error.message ? error.message : error}`);
		await stopAll();
		return 1;
	}
}

if (require.main === module) {
	main().then(
		(code) => process.exit(code),
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}

module.exports = { parseArgs, checkOpenIm, OWNER };
