/*
 * The n8n runtime installer started the way the README starts it: `npm run setup`, `npm start`, `npm test`.
 * Under `npm run`, npm hands its whole configuration to the script as npm_config_* variables, this project's
 * .npmrc (ignore-scripts=true) included. The environment comes from a real `npm run` in a folder with a copy of
 * the project's .npmrc; for each child npm of the install plan, npm itself (`npm config get`, with the child's
 * environment, folder and flags) says whether that child would run install scripts. Nothing is installed.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const runtime = require('../../scripts/n8n-runtime.js');

const REPO = path.resolve(__dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-runtime-test-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function run(cmd, args, options) {
	const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60000, ...options });
	if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.error}`);
	return r.stdout;
}

/** The environment a script gets from `npm run` in a package with the project's .npmrc. */
function npmRunEnv() {
	const dir = path.join(tmp, 'project');
	fs.mkdirSync(dir);
	fs.copyFileSync(path.join(REPO, '.npmrc'), path.join(dir, '.npmrc'));
	fs.writeFileSync(path.join(dir, 'dump.js'), 'process.stdout.write(JSON.stringify(process.env));');
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({
			name: 'npm-run-env',
			version: '1.0.0',
			private: true,
			scripts: { setup: 'node dump.js' },
		}),
	);
	return JSON.parse(run('npm', ['run', '--silent', 'setup'], { cwd: dir }));
}

/** A runtime folder as the installer leaves it before its child npm runs: a package.json, no .npmrc. */
function runtimeDir(name) {
	const dir = path.join(tmp, name);
	fs.mkdirSync(dir);
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({ name, private: true, version: '0.0.0' }),
	);
	return dir;
}

/** What npm makes of a step's settings: its command with the subcommand replaced by `config get <key>`. */
function npmSetting(step, key) {
	const sub = step.args.findIndex((a) => a === 'install' || a === 'rebuild');
	const flags = step.args.slice(sub + 1).filter((a) => a.startsWith('-'));
	const args = [...step.args.slice(0, sub), 'config', 'get', key, ...flags];
	return run(step.cmd, args, { cwd: step.cwd, env: step.env }).trim();
}

const parentEnv = npmRunEnv();
const nodeBin = process.execPath; // the steps run npm-cli.js with this Node; Node 24 itself is not needed here
const plans = {
	1: runtime.n8nInstallPlan('1', {
		dir: runtimeDir('n8n-1'),
		nodeBin,
		localNodedir: '/usr',
		parentEnv,
	}),
	2: runtime.n8nInstallPlan('2', {
		dir: runtimeDir('n8n-2'),
		nodeBin,
		nodeBinDir: path.join(tmp, 'node-24', 'bin'),
		nodedir: path.join(tmp, 'node-24'),
		parentEnv,
	}),
};

test('npm run really hands the project .npmrc to the installer (the situation of a new user)', () => {
	expect(parentEnv.npm_config_ignore_scripts).toBe('true');
	expect(parentEnv.npm_execpath).toMatch(/npm-cli\.js$/);
});

test('n8n 1.x is installed with its install scripts (sqlite3 and isolated-vm build there)', () => {
	expect(plans[1].rebuild).toBeNull();
	expect(npmSetting(plans[1].install, 'ignore-scripts')).toBe('false');
});

test('n8n 2.x is installed without install scripts, then sqlite3 and isolated-vm are rebuilt with theirs', () => {
	expect(npmSetting(plans[2].install, 'ignore-scripts')).toBe('true');
	expect(plans[2].rebuild.args).toEqual(
		expect.arrayContaining(['rebuild', 'sqlite3', 'isolated-vm']),
	);
	expect(npmSetting(plans[2].rebuild, 'ignore-scripts')).toBe('false');
});

test.each(['1', '2'])(
	'the rebuild after a failed native-module check runs install scripts (n8n %s)',
	(g) => {
		expect(plans[g].repair.args).toEqual(
			expect.arrayContaining(['rebuild', 'sqlite3', 'isolated-vm']),
		);
		expect(npmSetting(plans[g].repair, 'ignore-scripts')).toBe('false');
	},
);

test('a user whose own ~/.npmrc turns install scripts off still gets the native builds', () => {
	const userconfig = path.join(tmp, 'user-npmrc');
	fs.writeFileSync(userconfig, 'ignore-scripts=true\n');
	const plan = runtime.n8nInstallPlan('1', {
		dir: plans[1].install.cwd,
		nodeBin,
		parentEnv: { ...parentEnv, npm_config_userconfig: userconfig },
	});
	expect(npmSetting(plan.install, 'ignore-scripts')).toBe('false');
	expect(npmSetting(plan.repair, 'ignore-scripts')).toBe('false');
});

test('settings of the calling npm that change what or where the child installs are not passed on', () => {
	const leaky = {
		...parentEnv,
		npm_config_omit: 'optional',
		npm_config_global: 'true',
		npm_config_dry_run: 'true',
		npm_config_allow_scripts: 'none',
	};
	const plan = runtime.n8nInstallPlan('1', {
		dir: plans[1].install.cwd,
		nodeBin,
		parentEnv: leaky,
	});
	for (const key of [
		'prefix',
		'local_prefix',
		'ignore_scripts',
		'allow_scripts',
		'omit',
		'global',
		'dry_run',
		'node_gyp',
	]) {
		expect(Object.keys(plan.env).filter((k) => k.toLowerCase() === `npm_config_${key}`)).toEqual(
			[],
		);
	}
	// How to reach the registry and where npm keeps its files stay as the caller had them.
	for (const key of ['npm_config_cache', 'npm_config_userconfig'])
		expect(plan.env[key]).toBe(parentEnv[key]);
});

test('the target Node comes first on PATH and its headers are the nodedir (n8n 2.x on Node 24)', () => {
	expect(plans[2].env.PATH.split(path.delimiter)[0]).toBe(path.join(tmp, 'node-24', 'bin'));
	expect(plans[2].env.npm_config_nodedir).toBe(path.join(tmp, 'node-24'));
});

test("the Node 24 download runs no install scripts and does not inherit the caller's npm settings", () => {
	const step = runtime.node24InstallPlan({
		dir: runtimeDir('node-24-dl'),
		parentEnv,
		execPath: nodeBin,
	});
	expect(npmSetting(step, 'ignore-scripts')).toBe('true');
	expect(step.env.npm_config_local_prefix).toBeUndefined();
});
