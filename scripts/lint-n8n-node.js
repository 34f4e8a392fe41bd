#!/usr/bin/env node
'use strict';
/*
 * `npm run lint:n8n-node`: n8n's own `n8n-node lint` (@n8n/node-cli) on the shipped package, as the n8n starter
 * runs it, in addition to `npm run lint`.
 *
 * `n8n-node lint` runs `eslint .` in the package folder and, because package.json has `n8n.strict: true`, refuses
 * any eslint.config.mjs but its own two-line template. Here `.` would also take in test/, bench/ and scripts/,
 * which are not shipped and may use what community nodes may not (node:http, process, timers). So it runs in a
 * temp folder holding what a starter package holds (package.json, tsconfig.json, nodes/, credentials/), with
 * node-cli's own template as eslint.config.mjs and this repo's node_modules.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const REPO = path.resolve(__dirname, '..');
const CLI = path.join(REPO, 'node_modules', '@n8n', 'node-cli');
const SHIPPED_SOURCE = ['package.json', 'tsconfig.json', 'nodes', 'credentials'];

if (!fs.existsSync(path.join(CLI, 'bin', 'n8n-node.mjs'))) {
	console.error('@n8n/node-cli is not installed: run `npm ci`');
	process.exit(1);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openim-n8n-node-lint-'));
let status = 1;
try {
	for (const entry of SHIPPED_SOURCE)
		fs.cpSync(path.join(REPO, entry), path.join(dir, entry), { recursive: true });
	fs.copyFileSync(
		path.join(CLI, 'dist', 'template', 'templates', 'shared', 'default', 'eslint.config.mjs'),
		path.join(dir, 'eslint.config.mjs'),
	);
	fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
	const r = spawnSync(process.execPath, [path.join(CLI, 'bin', 'n8n-node.mjs'), 'lint'], {
		cwd: dir,
		stdio: 'inherit',
	});
	status = r.status === null ? 1 : r.status;
	// Its messages name the temp folder; the files are the repo's.
	if (status !== 0)
		console.error(
			`n8n-node lint failed on copies of ${SHIPPED_SOURCE.join(', ')} (paths above are in ${dir}, now removed)`,
		);
} finally {
	fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(status);
