'use strict';
// n8n's own HTTP Request node for the comparison, without making n8n-nodes-base a dependency of
// the package: n8n-nodes-base 2.11.2 (the version n8n 2.11.2/2.11.4 ship with n8n-core 2.11.1,
// the engine of the harness) is installed once into an isolated cache folder
//   ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-openim/bench-nodes-base-2.11.2
// with `npm install --ignore-scripts`, and HttpRequestV3 is loaded from there with `n8n-workflow`
// and n8n's DI/config packages resolved to the repo's copies, so the node runs in the same
// engine (one n8n-workflow, one DI container) as our node.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Module = require('node:module');
const { spawnSync } = require('node:child_process');

const VERSION = '2.11.2';
// Dependency ranges resolved as of shortly after the release (2026-08-24), like scripts/n8n-runtime.js.
const BEFORE = process.env.BENCH_NPM_BEFORE ?? '2026-09-15T00:00:00Z';
const MARKER = '.bench-install-complete.json';
const REPO = path.resolve(__dirname, '..');
const SHARED = ['n8n-workflow', 'n8n-core', '@n8n/di', '@n8n/config', '@n8n/backend-common'];

function cacheDir() {
	const base = process.env.N8N_OPENIM_RUNTIME_DIR
		? path.resolve(process.env.N8N_OPENIM_RUNTIME_DIR)
		: path.join(
				process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'),
				'n8n-nodes-openim',
			);
	return path.join(base, `bench-nodes-base-${VERSION}`);
}

function installed() {
	return fs.existsSync(path.join(cacheDir(), MARKER));
}

/** Installs n8n-nodes-base into the cache folder if needed; returns the folder. Logs to stderr. */
function ensureNodesBase({ log = (m) => process.stderr.write(`${m}\n`) } = {}) {
	const dir = cacheDir();
	if (installed()) return dir;
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		`${JSON.stringify(
			{
				name: 'openim-bench-nodes-base',
				private: true,
				version: '0.0.0',
				description: `n8n-nodes-base ${VERSION} for bench/ of n8n-nodes-openim (HTTP Request node comparison)`,
				dependencies: { 'n8n-nodes-base': VERSION },
				// n8n-nodes-base pulls xlsx from cdn.sheetjs.com (unreachable here); 0.18.5 is on npm.
				overrides: { xlsx: '0.18.5' },
			},
			null,
			2,
		)}\n`,
	);
	const args = ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'];
	if (BEFORE) args.push(`--before=${BEFORE}`);
	log(`[bench] installing n8n-nodes-base ${VERSION} into ${dir} (once; a few minutes)...`);
	const started = Date.now();
	const result = spawnSync('npm', args, { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] });
	if (result.status !== 0)
		throw new Error(`npm install of n8n-nodes-base ${VERSION} failed (exit ${result.status})`);
	fs.writeFileSync(
		path.join(dir, MARKER),
		JSON.stringify({
			version: VERSION,
			installedAt: new Date().toISOString(),
			installMs: Date.now() - started,
		}),
	);
	log(`[bench] n8n-nodes-base installed in ${Math.round((Date.now() - started) / 1000)} s`);
	return dir;
}

let redirected = false;
function redirectShared(baseDir) {
	if (redirected) return;
	redirected = true;
	const inside = path.join(baseDir, 'node_modules') + path.sep;
	const original = Module._resolveFilename;
	Module._resolveFilename = function resolve(request, parent, ...rest) {
		if (parent && parent.filename && parent.filename.startsWith(inside)) {
			const shared = SHARED.find((name) => request === name || request.startsWith(`${name}/`));
			if (shared) return require.resolve(request, { paths: [REPO] });
		}
		return original.call(this, request, parent, ...rest);
	};
}

/** The versioned HTTP Request node type (n8n-nodes-base.httpRequest), loaded against the repo's n8n-workflow. */
function loadHttpRequestNode(options) {
	const dir = ensureNodesBase(options);
	redirectShared(dir);
	const file = path.join(
		dir,
		'node_modules/n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node.js',
	);
	const { HttpRequest } = require(file);
	return new HttpRequest();
}

function nodesBaseVersion() {
	try {
		return JSON.parse(
			fs.readFileSync(path.join(cacheDir(), 'node_modules/n8n-nodes-base/package.json'), 'utf8'),
		).version;
	} catch {
		return undefined;
	}
}

module.exports = { ensureNodesBase, loadHttpRequestNode, nodesBaseVersion, cacheDir, VERSION };

if (require.main === module) {
	ensureNodesBase();
	const node = loadHttpRequestNode();
	console.log(node.description.name, node.currentVersion);
}
