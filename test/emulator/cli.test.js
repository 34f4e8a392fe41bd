'use strict';
// The standalone emulator: banner, request log, clean stop on a signal, argument errors.
const { spawn } = require('node:child_process');
const path = require('node:path');

const CLI = path.join(__dirname, 'cli.js');

function run(args, env = {}) {
	const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	const out = { stdout: '', stderr: '' };
	child.stdout.on('data', (d) => (out.stdout += d));
	child.stderr.on('data', (d) => (out.stderr += d));
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
	const waitFor = async (pattern) => {
		while (!pattern.test(out.stdout)) {
			if (child.exitCode !== null) throw new Error(`cli exited: ${out.stderr}`);
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		return pattern.exec(out.stdout);
	};
	return { child, out, exited, waitFor };
}

test('prints what it serves, logs each request, and stops cleanly on SIGTERM', async () => {
	const cli = run(['--port', '0', '--seed', '--strict', '--secret=s3cret'], { OPENIM_EMULATOR_ADMIN: 'boss' });
	const [, url] = await cli.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
	expect(cli.out.stdout).toMatch(/secret: +s3cret/);
	expect(cli.out.stdout).toMatch(/admin uid: +boss/);
	expect(cli.out.stdout).toMatch(/strict: +on/);
	expect(cli.out.stdout).toMatch(/users alice, bob, carol/);
	expect(cli.out.stdout).toContain(`${url}/__emulator/`);

	const res = await fetch(`${url}/auth/user_token`, { method: 'POST', body: JSON.stringify({ secret: 's3cret', platform: 8, uid: 'boss' }) });
	expect((await res.json()).errCode).toBe(0);
	await cli.waitFor(/POST \/auth\/user_token 200 errCode=0/);

	cli.child.kill('SIGTERM');
	expect(await cli.exited).toEqual({ code: 0, signal: null });
});

test('--quiet logs no requests; SIGINT stops it too', async () => {
	const cli = run(['--port', '0', '--quiet']);
	const [, url] = await cli.waitFor(/listening on (\S+)/);
	await fetch(`${url}/auth/user_token`, { method: 'POST', body: '{}' });
	cli.child.kill('SIGINT');
	expect((await cli.exited).code).toBe(0);
	expect(cli.out.stdout).not.toContain('POST /auth/user_token');
});

test('--help prints the usage; an unknown option exits with 2', async () => {
	const help = run(['--help']);
	expect((await help.exited).code).toBe(0);
	expect(help.out.stdout).toMatch(/Usage: node test\/emulator\/cli\.js/);

	const bad = run(['--bogus']);
	expect((await bad.exited).code).toBe(2);
	expect(bad.out.stderr).toMatch(/unknown option --bogus/);
});
