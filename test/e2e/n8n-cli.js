'use strict';
/*
 * Drives a real n8n (installed by scripts/n8n-runtime.js) from tests:
 * import credentials and workflows, execute workflows through the CLI and
 * parse their run data, read stored credentials back, and run `n8n start`
 * for REST/UI checks; in queue mode also `n8n worker` and `n8n webhook`.
 *
 *   const { createN8nInstance } = require('./n8n-cli');
 *   const n8n = await createN8nInstance({ generation: '1' });
 *   n8n.installPackage();                    // repo package.json + dist/
 *   await n8n.importCredential({ id, name, type: 'openImApi', data: {...} });
 *   await n8n.importWorkflow(workflowJson);  // object or array; needs an id
 *   const r = await n8n.execute(workflowJson.id);
 *   r.ok; r.status; r.outputOf('OpenIM');    // -> [{...json}, ...]
 *   (await n8n.exportCredential(id)).data;   // decrypted, e.g. the refreshed token
 *   await n8n.cleanup();
 *
 * Queue mode (env from services.js queueEnv, one instance per process): `startServer()` for the main,
 * `startWorker({ concurrency })` and `startWebhook({ port })` for the others; helpers.startQueueStack
 * puts them together.
 *
 * Each instance has its own N8N_USER_FOLDER (SQLite DB, encryption key,
 * nodes folder). CLI commands of one instance run one at a time.
 */

const { readBody } = require('../support/read-body');
const { freePort, freePorts } = require('./ports');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawn } = require('node:child_process');

const runtime = require('../../scripts/n8n-runtime.js');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_ENCRYPTION_KEY = 'n8n-nodes-openim-e2e-fixed-test-key';
const BROWSER_ID = 'n8n-nodes-openim-e2e';

/**
 * Whether n8n exited because a port picked here (not `given`, the caller's) was in use after all: by a
 * process outside ports.js's scheme. n8n says "port P is already in use" (its server, task broker,
 * worker server); Node says EADDRINUSE. Picked again up to 3 times.
 */
function lostPickedPort(output, given, attempt) {
	const taken = [...output.matchAll(/port (\d+) is already in use|EADDRINUSE[^\n]*:(\d+)/gi)].map(
		(m) => Number(m[1] ?? m[2]),
	);
	return attempt < 3 && taken.length > 0 && taken.some((p) => p !== Number(given));
}

/**
 * Finds n8n's pretty-printed execution JSON in the output of `n8n execute`.
 * n8n prints it with JSON.stringify(data, null, 2), so it starts with a line
 * `{` and ends with a line `}`; log lines may come before and after it (on
 * failure n8n logs it with logger.info and then prints the error). The last
 * candidate that parses and looks like an execution wins.
 */
function parseExecutionOutput(text) {
	const lines = String(text).split(/\r?\n/);
	const opens = [];
	const closes = [];
	lines.forEach((line, i) => {
		if (line === '{') opens.push(i);
		else if (line === '}') closes.push(i);
	});
	for (let a = opens.length - 1; a >= 0; a--) {
		for (const c of closes) {
			if (c <= opens[a]) continue;
			try {
				const obj = JSON.parse(lines.slice(opens[a], c + 1).join('\n'));
				if (obj && obj.data && obj.data.resultData) return obj;
			} catch {
				// not this pair
			}
		}
	}
	return null;
}

/** Turns an execution into easy-to-assert pieces. */
function summarizeExecution(execution) {
	const resultData = (execution && execution.data && execution.data.resultData) || {};
	const runData = resultData.runData || {};
	const nodeOutputs = {};
	for (const [name, runs] of Object.entries(runData)) {
		const first = runs && runs[0];
		const main = first && first.data && first.data.main;
		nodeOutputs[name] = main && main[0] ? main[0].map((item) => item.json) : [];
	}
	const nodeErrors = {};
	for (const [name, runs] of Object.entries(runData)) {
		const withError = (runs || []).find((r) => r && r.error);
		if (withError) nodeErrors[name] = withError.error;
	}
	return {
		status: execution ? execution.status : undefined,
		finished: execution ? execution.finished : undefined,
		runData,
		lastNodeExecuted: resultData.lastNodeExecuted,
		error: resultData.error,
		nodeOutputs,
		nodeErrors,
	};
}

function toArray(x) {
	return Array.isArray(x) ? x : [x];
}

function shortId() {
	// n8n ids: up to 16 characters (isWorkflowIdValid); alphanumeric is safe for both generations.
	return crypto
		.randomBytes(12)
		.toString('base64')
		.replace(/[^a-zA-Z0-9]/g, '')
		.slice(0, 16)
		.padEnd(16, '0');
}

/** Kills a process group we started: SIGTERM, then SIGKILL after graceMs. */
function killGroup(child, graceMs = 10000) {
	return new Promise((resolve) => {
		if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
		const signal = (sig) => {
			try {
				process.kill(-child.pid, sig);
			} catch {
				try {
					child.kill(sig);
				} catch {
					// already gone
				}
			}
		};
		const timer = setTimeout(() => signal('SIGKILL'), graceMs);
		child.once('exit', () => {
			clearTimeout(timer);
			// make sure helpers (task runners) of the group are gone too
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// group already empty
			}
			resolve();
		});
		signal('SIGTERM');
	});
}

/**
 * Waits until the n8n at `baseUrl` serves the production webhook at `path` (after /webhook/): n8n 2.x
 * registers them a moment after it answers /healthz. A CORS preflight asks without running the
 * workflow: 204 once registered (404 or 500 before, or 200 "n8n is starting up").
 */
async function waitForWebhook(baseUrl, path, waitMs = 60000) {
	const until = Date.now() + waitMs;
	for (;;) {
		const res = await fetch(`${baseUrl}/webhook/${path}`, {
			method: 'OPTIONS',
			headers: { origin: baseUrl, 'access-control-request-method': 'POST' },
		}).catch(() => undefined);
		// Still starting, n8n answers every request 200 "n8n is starting up. Please wait" (seen on a
		// webhook process of n8n 2.x in queue mode): only a preflight without that text is registered.
		const body = res ? await res.text().catch(() => '') : '';
		if (res && res.status >= 200 && res.status < 300 && !/starting up/i.test(body)) return;
		if (Date.now() > until)
			throw new Error(
				`n8n did not register the webhook /webhook/${path} within ${waitMs / 1000} s`,
			);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/**
 * @param {object} [opts]
 * @param {'1'|'2'} [opts.generation='1']  '1' = n8n 1.123.81 (Node 20), '2' = n8n 2.41.1 (Node 24)
 * @param {string} [opts.userFolder]       default: a new temp folder (removed by cleanup())
 * @param {object} [opts.env]              extra env for every n8n process
 * @param {string} [opts.encryptionKey]
 * @param {boolean} [opts.withPackage]     copy this repo's package.json + dist/ in as a community package
 */
async function createN8nInstance(opts = {}) {
	const generation = String(opts.generation || process.env.N8N_GENERATION || '1');
	const rt = await runtime.ensureN8n(generation);
	const ownsFolder = !opts.userFolder;
	const userFolder = opts.userFolder
		? path.resolve(opts.userFolder)
		: fs.mkdtempSync(path.join(os.tmpdir(), `n8n-e2e-g${generation}-`));
	fs.mkdirSync(userFolder, { recursive: true });
	const scratch = path.join(userFolder, 'e2e-files');
	fs.mkdirSync(scratch, { recursive: true });
	const encryptionKey = opts.encryptionKey || DEFAULT_ENCRYPTION_KEY;
	const servers = new Set();
	let queue = Promise.resolve();
	if (opts.withPackage) runtime.installPackage(userFolder, opts.repoRoot || REPO_ROOT);

	function baseEnv(extra) {
		const env = { ...process.env };
		// jest sets NODE_ENV=test, which changes n8n's behaviour; run it as a user would.
		delete env.NODE_ENV;
		for (const k of Object.keys(env))
			if (k.startsWith('JEST_') || k === 'npm_lifecycle_event') delete env[k];
		Object.assign(env, rt.env, {
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: encryptionKey,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_SECURE_COOKIE: 'false',
			// execute prints a failed execution through logger.info: keep info level on the console
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
			DB_TYPE: 'sqlite',
		});
		return Object.assign(env, opts.env || {}, extra || {});
	}

	function spawnN8n(args, env) {
		return spawn(rt.nodeBin, [rt.n8nBin, ...args], {
			cwd: userFolder,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true, // own process group, so task runners die with it
		});
	}

	function runNow(args, { env, timeoutMs = 180000 } = {}) {
		return (async () => {
			// n8n 2.x always starts a task broker (default port 5679): give each run its own.
			const brokerPort = await freePort();
			const child = spawnN8n(
				args,
				baseEnv({ N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...(env || {}) }),
			);
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (d) => (stdout += d));
			child.stderr.on('data', (d) => (stderr += d));
			let timedOut = false;
			const timer = setTimeout(() => {
				timedOut = true;
				void killGroup(child, 5000);
			}, timeoutMs);
			const [code, signal] = await new Promise((resolve, reject) => {
				child.on('error', reject);
				child.on('close', (c, s) => resolve([c, s]));
			});
			clearTimeout(timer);
			try {
				process.kill(-child.pid, 'SIGKILL'); // leftovers of the group, if any
			} catch {
				// none
			}
			return { code, signal, timedOut, stdout, stderr, args };
		})();
	}

	/** Runs `n8n ...args`; commands of this instance run one after another. */
	function run(args, options) {
		const p = queue.then(() => runNow(args, options));
		queue = p.catch(() => undefined);
		return p;
	}

	function describeRun(r) {
		const out = `${r.stdout}\n${r.stderr}`
			.split('\n')
			.filter((l) => !/migration/i.test(l))
			.join('\n');
		return `n8n ${r.args.join(' ')} -> code ${r.code}${r.signal ? ` signal ${r.signal}` : ''}${r.timedOut ? ' (timed out)' : ''}\n${out.slice(-4000)}`;
	}

	async function runOk(args, options) {
		const r = await run(args, options);
		if (r.code !== 0) throw new Error(describeRun(r));
		return r;
	}

	function writeScratch(prefix, data) {
		const file = path.join(
			scratch,
			`${prefix}-${Date.now()}-${crypto.randomBytes(3).toString('hex')}.json`,
		);
		fs.writeFileSync(file, JSON.stringify(data, null, 2));
		return file;
	}

	/**
	 * Imports credentials (object or array). `data` may be a plain object:
	 * n8n encrypts it with the instance key on import (both generations).
	 */
	async function importCredential(credJson) {
		const list = toArray(credJson).map((c) => ({ ...c, id: c.id || shortId() }));
		const file = writeScratch('credentials', list);
		const r = await runOk(['import:credentials', `--input=${file}`]);
		return { ids: list.map((c) => c.id), ...r };
	}

	/** Imports workflows (object or array). Workflows without an id get one. */
	async function importWorkflow(workflowJson) {
		const list = toArray(workflowJson).map((w) => ({
			active: false,
			settings: {},
			connections: {},
			...w,
			id: w.id || shortId(),
		}));
		const file = writeScratch('workflows', list);
		const r = await runOk(['import:workflow', `--input=${file}`]);
		return { ids: list.map((w) => w.id), id: list[0].id, ...r };
	}

	/**
	 * `n8n execute --id <id> --rawOutput` and parse the run data.
	 * Never throws for a failed execution: check `ok`, `status`, `error`.
	 * `execution` is null when n8n printed no run data (e.g. the workflow
	 * could not even start); `output` then holds n8n's text.
	 */
	async function execute(workflowId, { env, timeoutMs } = {}) {
		const r = await run(['execute', `--id=${workflowId}`, '--rawOutput'], { env, timeoutMs });
		const execution = parseExecutionOutput(r.stdout) || parseExecutionOutput(r.stderr);
		const summary = summarizeExecution(execution);
		const result = {
			ok: r.code === 0 && summary.status === 'success',
			code: r.code,
			timedOut: r.timedOut,
			execution,
			...summary,
			stdout: r.stdout,
			stderr: r.stderr,
			output: describeRun(r),
			/** json of the items of a node's output (first run, output 0 by default) */
			outputOf(nodeName, { run: runIndex = 0, output = 0 } = {}) {
				const runs = summary.runData[nodeName];
				if (!runs || !runs[runIndex]) return undefined;
				const main = runs[runIndex].data && runs[runIndex].data.main;
				return main && main[output] ? main[output].map((item) => item.json) : [];
			},
		};
		if (!execution && !result.error) {
			const lines = `${r.stdout}\n${r.stderr}`.trim().split('\n');
			result.error = { message: lines.slice(-5).join('\n') };
		}
		return result;
	}

	/** Reads stored credentials back, decrypted (export:credentials --decrypted). */
	async function exportCredentials(id) {
		const file = path.join(
			scratch,
			`export-${Date.now()}-${crypto.randomBytes(3).toString('hex')}.json`,
		);
		const args = ['export:credentials', '--decrypted', `--output=${file}`];
		args.push(id ? `--id=${id}` : '--all');
		const r = await run(args);
		if (!fs.existsSync(file)) {
			// unknown id: n8n exits 1 with "No credentials found with specified filters"
			if (/No credentials found/.test(r.stdout + r.stderr)) return [];
			throw new Error(describeRun(r));
		}
		const list = JSON.parse(fs.readFileSync(file, 'utf8'));
		fs.rmSync(file, { force: true });
		return list;
	}

	/** The stored credentials without their data: [{id, name, type}] (export:credentials, still encrypted). */
	async function listCredentials() {
		const file = path.join(
			scratch,
			`list-${Date.now()}-${crypto.randomBytes(3).toString('hex')}.json`,
		);
		const r = await run(['export:credentials', '--all', `--output=${file}`]);
		if (!fs.existsSync(file)) {
			if (/No credentials found/.test(r.stdout + r.stderr)) return [];
			throw new Error(describeRun(r));
		}
		const list = JSON.parse(fs.readFileSync(file, 'utf8'));
		fs.rmSync(file, { force: true });
		return list.map(({ id, name, type }) => ({ id, name, type }));
	}

	async function exportCredential(id) {
		const list = await exportCredentials(id);
		return list.find((c) => c.id === id);
	}

	/**
	 * Marks a workflow active so `n8n start` registers its production webhooks.
	 * 1.x: `update:workflow --id=X --active=true`. 2.x deprecates that and has
	 * workflow versions: `publish:workflow --id=X` publishes the current version
	 * (and sets it active). Both only write the DB: run before `startServer`.
	 */
	async function activateWorkflow(workflowId) {
		const args =
			generation === '1'
				? ['update:workflow', `--id=${workflowId}`, '--active=true']
				: ['publish:workflow', `--id=${workflowId}`];
		const r = await runOk(args);
		const out = `${r.stdout}\n${r.stderr}`;
		// Both commands log database errors and still exit 0.
		if (
			!/(Activating|Publishing) workflow/.test(out) ||
			/Error updating database|GOT ERROR|Failed to publish/.test(out)
		) {
			throw new Error(`could not activate workflow ${workflowId}: ${describeRun(r)}`);
		}
		return r;
	}

	/** Node type names n8n knows (export:nodes), e.g. to check our package loaded. */
	async function listNodeTypes() {
		const file = path.join(scratch, `nodes-${Date.now()}.json`);
		await runOk(['export:nodes', `--output=${file}`]);
		const types = JSON.parse(fs.readFileSync(file, 'utf8'));
		fs.rmSync(file, { force: true });
		return types.map((t) => t.name);
	}

	/** Installs this repo's package.json + dist/ as a community package. */
	function installPackage(repoRoot = REPO_ROOT) {
		return runtime.installPackage(userFolder, repoRoot);
	}

	/**
	 * `n8n start` on 127.0.0.1; resolves once /healthz and /rest/settings answer.
	 * `onOutput(text, 'stdout'|'stderr')` sees n8n's output as it comes;
	 * `handle.stdout`/`stderr` keep the last 2 MB of each.
	 */
	async function startServer({ port, env, timeoutMs = 180000, onOutput, attempt = 1 } = {}) {
		const httpPort = port || (await freePort());
		const brokerPort = await freePort();
		const baseUrl = `http://127.0.0.1:${httpPort}`;
		const startEnv = baseEnv({
			N8N_PORT: String(httpPort),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: `${baseUrl}/`,
			WEBHOOK_URL: `${baseUrl}/`,
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			...(env || {}),
		});
		const child = spawnN8n(['start'], startEnv);
		let stdout = '';
		let stderr = '';
		const KEEP = 2 * 1024 * 1024;
		child.stdout.on('data', (d) => {
			stdout = (stdout + d).slice(-KEEP);
			if (onOutput) onOutput(String(d), 'stdout');
		});
		child.stderr.on('data', (d) => {
			stderr = (stderr + d).slice(-KEEP);
			if (onOutput) onOutput(String(d), 'stderr');
		});
		let exited = null;
		const exitedPromise = new Promise((resolve) => {
			child.on('exit', (code, signal) => {
				exited = { code, signal };
				resolve(exited);
			});
		});

		let cookie = '';
		async function request(method, urlPath, { body, headers } = {}) {
			const res = await fetch(baseUrl + urlPath, {
				method,
				headers: {
					'browser-id': BROWSER_ID,
					...(body !== undefined ? { 'content-type': 'application/json' } : {}),
					...(cookie ? { cookie } : {}),
					...(headers || {}),
				},
				body: body !== undefined ? JSON.stringify(body) : undefined,
			});
			const setCookies =
				typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [];
			for (const sc of setCookies) {
				const m = /^n8n-auth=([^;]*)/.exec(sc);
				if (m) cookie = m[1] ? `n8n-auth=${m[1]}` : '';
			}
			const { text, json } = await readBody(res);
			return {
				status: res.status,
				headers: res.headers,
				text,
				json,
				body: json !== undefined ? json : text,
			};
		}

		const handle = {
			baseUrl,
			port: httpPort,
			process: child,
			get stdout() {
				return stdout;
			},
			get stderr() {
				return stderr;
			},
			get cookie() {
				return cookie;
			},
			request,
			/** POST /rest/owner/setup — same body in 1.x and 2.x. Password: 8-64 chars, a digit and an uppercase letter. */
			async setupOwner({
				email = 'owner@example.com',
				password = 'Passw0rd!e2e',
				firstName = 'E2E',
				lastName = 'Owner',
			} = {}) {
				handle.credentials = { email, password };
				const r = await request('POST', '/rest/owner/setup', {
					body: { email, password, firstName, lastName },
				});
				if (r.status !== 200)
					throw new Error(`owner setup failed: HTTP ${r.status} ${r.text.slice(0, 500)}`);
				return r.json && r.json.data !== undefined ? r.json.data : r.json;
			},
			/** POST /rest/login ({emailOrLdapLoginId, password} in 1.123 and 2.x); keeps the n8n-auth cookie. */
			async login({ email, password } = handle.credentials || {}) {
				const r = await request('POST', '/rest/login', {
					body: { emailOrLdapLoginId: email, password },
				});
				if (r.status !== 200)
					throw new Error(`login failed: HTTP ${r.status} ${r.text.slice(0, 500)}`);
				return r.json && r.json.data !== undefined ? r.json.data : r.json;
			},
			/**
			 * POST /rest/credentials/test (1.x and 2.x): `credentials` is `{id, name, type, data}` of a
			 * stored credential; fields given in `data` replace the stored ones for this test only.
			 * Resolves to n8n's answer, `{status: 'OK'|'Error', message}`.
			 */
			async testCredential(credentials) {
				// n8n 2.x answers /healthz and /rest/settings before every REST controller is mounted: until
				// then this route is a 404 or the editor's HTML. Ask again for a while.
				const until = Date.now() + 60000;
				for (;;) {
					const r = await request('POST', '/rest/credentials/test', { body: { credentials } });
					const mounted = r.status !== 404 && r.json !== undefined;
					if (mounted || Date.now() > until) {
						if (r.status !== 200 || r.json === undefined)
							throw new Error(`credential test failed: HTTP ${r.status} ${r.text.slice(0, 500)}`);
						return r.json.data !== undefined ? r.json.data : r.json;
					}
					await new Promise((resolve) => setTimeout(resolve, 500));
				}
			},
			/** Waits until n8n has registered the production webhook at `path` (waitForWebhook above). */
			waitForWebhook: (path, waitMs) => waitForWebhook(baseUrl, path, waitMs),
			/** Resolves with {code, signal} when the n8n process exits. */
			exited: exitedPromise,
			async stop() {
				await killGroup(child, 10000);
				servers.delete(handle);
			},
		};
		servers.add(handle);

		const deadline = Date.now() + timeoutMs;
		// Only this n8n's own "n8n ready on …, port P" makes its port's answers its own: a process that holds
		// the port would answer /healthz too (and have other users, webhooks).
		// (logged at info: with a quieter N8N_LOG_LEVEL, /healthz alone has to do).
		const logsReady = !['warn', 'error', 'silent'].includes(startEnv.N8N_LOG_LEVEL);
		const listening = () => !logsReady || new RegExp(`port ${httpPort}\\b`).test(stdout + stderr);
		const ready = async () => {
			if (!listening()) return false;
			try {
				const h = await fetch(`${baseUrl}/healthz`);
				if (h.status !== 200) return false;
				const s = await fetch(`${baseUrl}/rest/settings`, {
					headers: { 'browser-id': BROWSER_ID },
				});
				return s.status === 200;
			} catch {
				return false;
			}
		};
		for (;;) {
			if (exited) {
				servers.delete(handle);
				if (lostPickedPort(stdout + stderr, port, attempt))
					return await startServer({ port, env, timeoutMs, onOutput, attempt: attempt + 1 });
				throw new Error(
					`n8n start exited early (${JSON.stringify(exited)}):\n${(stdout + '\n' + stderr).slice(-4000)}`,
				);
			}
			if (await ready()) return handle;
			if (Date.now() > deadline) {
				await handle.stop();
				throw new Error(
					`n8n start did not become ready on ${baseUrl} within ${timeoutMs} ms:\n${(stdout + '\n' + stderr).slice(-4000)}`,
				);
			}
			await new Promise((r) => setTimeout(r, 500));
		}
	}

	/**
	 * Queue mode (pass the shared database, Redis and EXECUTIONS_MODE in `opts.env`; see services.js):
	 * `n8n worker` or `n8n webhook` of this instance. Resolves once the process has logged that it listens
	 * on its port ("n8n ready on …, port P", "n8n worker server listening on port P": not some other
	 * process that took the port) and answers 200 on /healthz/readiness there (a worker's on
	 * QUEUE_HEALTH_CHECK_PORT). /healthz alone is not enough: a 2.x worker's server answers it before the
	 * worker takes jobs from the queue (setupWorker, then markAsReady); readiness also asks whether the
	 * database and (on a worker) Redis are connected. The handle has `pid`, `stdout`/`stderr` (last 2 MB),
	 * `executions()` (the ids the worker logged as started) and `stop()`; `exited` resolves on exit.
	 */
	async function startQueueProcess(
		command,
		{ concurrency = 5, port, env, timeoutMs = 180000, onOutput, attempt = 1 } = {},
	) {
		const httpPort = port || (await freePort());
		const args = command === 'worker' ? ['worker', `--concurrency=${concurrency}`] : ['webhook'];
		const portEnv =
			command === 'worker'
				? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(httpPort) }
				: { N8N_PORT: String(httpPort) };
		const child = spawnN8n(
			args,
			baseEnv({
				N8N_LISTEN_ADDRESS: '127.0.0.1',
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				...portEnv,
				...(env || {}),
			}),
		);
		const output = { stdout: '', stderr: '' };
		const KEEP = 2 * 1024 * 1024;
		for (const stream of ['stdout', 'stderr']) {
			child[stream].on('data', (d) => {
				output[stream] = (output[stream] + d).slice(-KEEP);
				if (onOutput) onOutput(String(d), stream);
			});
		}
		let exited = null;
		const exitedPromise = new Promise((resolve) =>
			child.on('exit', (code, signal) => resolve((exited = { code, signal }))),
		);
		const baseUrl = `http://127.0.0.1:${httpPort}`;
		const handle = {
			command,
			baseUrl,
			port: httpPort,
			pid: child.pid,
			process: child,
			get stdout() {
				return output.stdout;
			},
			get stderr() {
				return output.stderr;
			},
			/** Execution ids this worker logged as started ("Worker started execution <id> (job <n>)"). */
			executions() {
				return [...`${output.stdout}\n${output.stderr}`.matchAll(/started execution (\d+)/g)].map(
					(m) => m[1],
				);
			},
			waitForWebhook: (path, waitMs) => waitForWebhook(baseUrl, path, waitMs),
			exited: exitedPromise,
			async stop() {
				await killGroup(child, 10000);
				servers.delete(handle);
			},
		};
		servers.add(handle);
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			if (exited) {
				servers.delete(handle);
				if (lostPickedPort(output.stdout + output.stderr, port, attempt))
					return await startQueueProcess(command, {
						concurrency,
						port,
						env,
						timeoutMs,
						onOutput,
						attempt: attempt + 1,
					});
				throw new Error(
					`n8n ${command} exited early (${JSON.stringify(exited)}):\n${(output.stdout + '\n' + output.stderr).slice(-4000)}`,
				);
			}
			const listening = new RegExp(`port ${httpPort}\\b`).test(output.stdout + output.stderr);
			const ready =
				listening && (await fetch(`${baseUrl}/healthz/readiness`).catch(() => undefined));
			if (ready && ready.status === 200) return handle;
			if (Date.now() > deadline) {
				await handle.stop();
				throw new Error(
					`n8n ${command} did not answer ${baseUrl}/healthz/readiness within ${timeoutMs} ms:\n${(output.stdout + '\n' + output.stderr).slice(-4000)}`,
				);
			}
			await new Promise((r) => setTimeout(r, 500));
		}
	}

	/** Stops servers started here and removes the user folder if this instance created it. */
	async function cleanup({ keepFolder = false } = {}) {
		await Promise.all([...servers].map((s) => s.stop()));
		await queue;
		if (ownsFolder && !keepFolder && !process.env.N8N_E2E_KEEP) {
			fs.rmSync(userFolder, { recursive: true, force: true });
		}
	}

	return {
		generation,
		version: rt.version,
		runtime: rt,
		userFolder,
		encryptionKey,
		env: baseEnv,
		run,
		importCredential,
		importCredentials: importCredential,
		importWorkflow,
		activateWorkflow,
		execute,
		exportCredentials,
		listCredentials,
		exportCredential,
		listNodeTypes,
		installPackage,
		startServer,
		startWorker: (options) => startQueueProcess('worker', options),
		startWebhook: (options) => startQueueProcess('webhook', options),
		cleanup,
	};
}

module.exports = {
	createN8nInstance,
	parseExecutionOutput,
	summarizeExecution,
	freePort,
	freePorts,
	waitForWebhook,
	DEFAULT_ENCRYPTION_KEY,
};
