#!/usr/bin/env node
// n8n's verification scanner (@n8n/scan-community-package), run locally before publishing.
//
// The scanner's CLI only checks packages already on the npm registry (provenance, then the attested GitHub
// source, then the tarball). This script runs the same analyser (`analyzePackage`, `SOURCE_FILE_PATTERNS`)
// on what would be published:
//   - the source: package.json + {nodes,credentials}/**/*.{js,ts,json} of this repository;
//   - the tarball: `npm pack` of this repository (run `npm run build` first), unpacked, **/*.js + package.json.
//
// The scanner pins eslint 9.29 and typescript 7, which clash with this repository's own devDependencies, so it
// is installed on first use into its own folder:
//   ${N8N_OPENIM_SCANNER_DIR:-${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-openim/scanner-<version>}
// with `npm install --ignore-scripts` (one of its dependencies has a preinstall hook that needs pnpm).
//
//   node scripts/scan-package.mjs                 # human-readable; exit 0 passed, 1 findings, 2 could not run
//   node scripts/scan-package.mjs --json          # one JSON object on stdout
//   node scripts/scan-package.mjs --dir <path>    # analyse that folder as source only (no pack)
//   node scripts/scan-package.mjs --install-only  # just make sure the scanner is installed
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const SCANNER_PACKAGE = '@n8n/scan-community-package';
export const SCANNER_VERSION = '0.32.0';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MARKER = '.openim-install-complete.json';

export function scannerDir() {
	if (process.env.N8N_OPENIM_SCANNER_DIR) return path.resolve(process.env.N8N_OPENIM_SCANNER_DIR);
	const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(cache, 'n8n-nodes-openim', `scanner-${SCANNER_VERSION}`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/** One installer at a time (jest may run two test files that need the scanner). */
async function withLock(dir, work) {
	const lock = `${dir}.install-lock`;
	const deadline = Date.now() + 10 * 60_000;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			const owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8').trim() || 0);
			if (owner && !pidAlive(owner)) fs.rmSync(lock, { recursive: true, force: true });
			else if (Date.now() > deadline)
				throw new Error(`waited 10 minutes for ${lock} (pid ${owner})`);
			else await sleep(500);
		}
	}
	try {
		return await work();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

/** Installs the scanner into its own folder unless a complete install is there; returns the folder. */
export async function ensureScanner({ log = () => {} } = {}) {
	const dir = scannerDir();
	const complete = () => fs.existsSync(path.join(dir, MARKER));
	if (complete()) return dir;
	fs.mkdirSync(path.dirname(dir), { recursive: true });
	await withLock(dir, async () => {
		if (complete()) return;
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			`${JSON.stringify({ name: 'n8n-nodes-openim-scanner', private: true, description: 'n8n verification scanner for scripts/scan-package.mjs', dependencies: { [SCANNER_PACKAGE]: SCANNER_VERSION } }, null, 2)}\n`,
		);
		log(`installing ${SCANNER_PACKAGE}@${SCANNER_VERSION} into ${dir} ...`);
		const started = Date.now();
		const npm = spawnSync(
			'npm',
			['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
			{ cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
		);
		if (npm.status !== 0)
			throw new Error(
				`npm install of ${SCANNER_PACKAGE}@${SCANNER_VERSION} failed (exit ${npm.status}):\n${npm.stderr || npm.stdout}`,
			);
		const installed = JSON.parse(
			fs.readFileSync(path.join(dir, 'node_modules', SCANNER_PACKAGE, 'package.json'), 'utf8'),
		).version;
		if (installed !== SCANNER_VERSION)
			throw new Error(`installed ${SCANNER_PACKAGE}@${installed}, expected ${SCANNER_VERSION}`);
		fs.writeFileSync(
			path.join(dir, MARKER),
			`${JSON.stringify({ version: installed, node: process.version, installedAt: new Date().toISOString(), installMs: Date.now() - started })}\n`,
		);
		log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
	});
	return dir;
}

function run(command, args, options) {
	const result = spawnSync(command, args, {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		...options,
	});
	if (result.status !== 0)
		throw new Error(
			`${command} ${args.join(' ')} failed (exit ${result.status}):\n${result.stderr || result.stdout}`,
		);
	return result.stdout;
}

/** `npm pack` of the repository into `into`, unpacked into `into/package`; returns { dir, tarball, files }. */
export function packAndUnpack(into) {
	for (const entry of [
		'dist/nodes/OpenIm/OpenIm.node.js',
		'dist/credentials/OpenImApi.credentials.js',
	]) {
		if (!fs.existsSync(path.join(ROOT, entry)))
			throw new Error(`${entry} is missing: run \`npm run build\` first`);
	}
	const [packed] = JSON.parse(
		run('npm', ['pack', '--json', '--pack-destination', into], { cwd: ROOT }),
	);
	const tarball = path.join(into, packed.filename);
	const dir = path.join(into, 'package');
	fs.mkdirSync(dir);
	run('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
	return { dir, tarball, files: packed.files.map((file) => file.path) };
}

async function analyse(scanner, glob, dir, patterns) {
	const files = glob
		.sync(patterns, { cwd: dir, ignore: ['node_modules/**', '**/package-lock.json'] })
		.sort();
	const result = await scanner.analyzePackage(dir, patterns);
	return {
		passed: result.passed,
		message: result.message,
		details: result.details,
		patterns,
		files,
	};
}

export async function scan({ dir, log = () => {} } = {}) {
	// eslint-plugin-n8n-nodes-base fakes file names when NODE_ENV is "test" (for its own tests), which makes
	// rules such as node-filename-against-convention misfire. The real scanner never runs so: neither do we.
	if (process.env.NODE_ENV === 'test') delete process.env.NODE_ENV;
	const scannerRoot = await ensureScanner({ log });
	// The scanner makes a temp folder when it is loaded: keep it inside ours, removed at the end.
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-openim-scan-'));
	const previousTmp = process.env.TMPDIR;
	process.env.TMPDIR = work;
	try {
		const moduleDir = path.join(scannerRoot, 'node_modules', SCANNER_PACKAGE);
		const scanner = await import(
			pathToFileURL(path.join(moduleDir, 'scanner', 'scanner.mjs')).href
		);
		const { default: glob } = await import(
			pathToFileURL(path.join(scannerRoot, 'node_modules', 'fast-glob', 'out', 'index.js')).href
		);
		const report = {
			scanner: { name: SCANNER_PACKAGE, version: SCANNER_VERSION, dir: scannerRoot },
		};
		if (dir) {
			report.source = {
				dir: path.resolve(dir),
				...(await analyse(scanner, glob, path.resolve(dir), scanner.SOURCE_FILE_PATTERNS)),
			};
			report.passed = report.source.passed;
			return report;
		}
		report.source = {
			dir: ROOT,
			...(await analyse(scanner, glob, ROOT, scanner.SOURCE_FILE_PATTERNS)),
		};
		const packed = packAndUnpack(work);
		// The same patterns the scanner uses for a published tarball.
		report.tarball = {
			tarball: path.basename(packed.tarball),
			packedFiles: packed.files,
			...(await analyse(scanner, glob, packed.dir, ['**/*.js', 'package.json'])),
		};
		report.passed = report.source.passed && report.tarball.passed;
		return report;
	} finally {
		if (previousTmp === undefined) delete process.env.TMPDIR;
		else process.env.TMPDIR = previousTmp;
		fs.rmSync(work, { recursive: true, force: true });
	}
}

async function main(argv) {
	const json = argv.includes('--json');
	const dirAt = argv.indexOf('--dir');
	const log = (line) => process.stderr.write(`${line}\n`);
	if (argv.includes('--install-only')) {
		log(`scanner ready in ${await ensureScanner({ log })}`);
		return 0;
	}
	const report = await scan({ dir: dirAt >= 0 ? argv[dirAt + 1] : undefined, log });
	if (json) {
		process.stdout.write(`${JSON.stringify(report)}\n`);
	} else {
		for (const [name, part] of [
			['source', report.source],
			['tarball', report.tarball],
		]) {
			if (!part) continue;
			process.stdout.write(
				`${part.passed ? 'passed' : 'FAILED'}: ${name} (${part.files.length} files: ${part.patterns.join(', ')})${part.message ? ` - ${part.message}` : ''}\n`,
			);
			if (part.details) process.stdout.write(`${part.details}\n`);
		}
		process.stdout.write(
			`${SCANNER_PACKAGE}@${SCANNER_VERSION}: ${report.passed ? 'passed' : 'FAILED'}\n`,
		);
	}
	return report.passed ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main(process.argv.slice(2)).then(
		(code) => process.exit(code),
		(error) => {
			process.stderr.write(`scan-package: ${error.stack || error.message}\n`);
			process.exit(2);
		},
	);
}
