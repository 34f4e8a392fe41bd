'use strict';
// The standalone emulator: banner, request log, clean stop on a signal, argument errors; 3.x by default, 2021 on request.
const { spawn } = require('node:child_process');
const path = require('node:path');

const CLI = path.join(__dirname, 'cli.js');

function run(args, env = {}) {
	const child = spawn(process.execPath, [CLI, ...args], {
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const out = { stdout: '', stderr: '' };
	child.stdout.on('data', (d) => (out.stdout += d));
	child.stderr.on('data', (d) => (out.stderr += d));
	const exited = new Promise((resolve) =>
		child.on('exit', (code, signal) => resolve({ code, signal })),
	);
	const waitFor = async (pattern) => {
		while (!pattern.test(out.stdout)) {
			if (child.exitCode !== null) throw new Error(`cli exited: ${out.stderr}`);
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		return pattern.exec(out.stdout);
	};
	return { child, out, exited, waitFor };
}

test('2021: prints what it serves, logs each request, and stops cleanly on SIGTERM', async () => {
	const cli = run(['--openim', '2021', '--port', '0', '--seed', '--strict', '--secret=s3cret'], {
		OPENIM_EMULATOR_ADMIN: 'boss',
	});
	const [, url] = await cli.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
	expect(cli.out.stdout).toMatch(/secret: +s3cret/);
	expect(cli.out.stdout).toMatch(/admin uid: +boss/);
	expect(cli.out.stdout).toMatch(/strict: +on/);
	expect(cli.out.stdout).toMatch(/users alice, bob, carol/);
	expect(cli.out.stdout).toContain(`${url}/__emulator/`);

	const res = await fetch(`${url}/auth/user_token`, {
		method: 'POST',
		body: JSON.stringify({ secret: 's3cret', platform: 8, uid: 'boss' }),
	});
	expect((await res.json()).errCode).toBe(0);
	await cli.waitFor(/POST \/auth\/user_token 200 errCode=0/);

	cli.child.kill('SIGTERM');
	expect(await cli.exited).toEqual({ code: 0, signal: null });
});

test('2021: --quiet logs no requests; SIGINT stops it too', async () => {
	const cli = run(['--port', '0', '--quiet'], { OPENIM_EMULATOR_OPENIM: '2021' });
	const [, url] = await cli.waitFor(/listening on (\S+)/);
	await fetch(`${url}/auth/user_token`, { method: 'POST', body: '{}' });
	cli.child.kill('SIGINT');
	expect((await cli.exited).code).toBe(0);
	expect(cli.out.stdout).not.toContain('POST /auth/user_token');
});

test('3.x by default: its banner, defaults, request log; --server-version picks the old auth flow', async () => {
	const cli = run(['--port', '0', '--seed']);
	const [, url] = await cli.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
	expect(cli.out.stdout).toMatch(/3\.x server API as OpenIM 3\.8\.3/);
	expect(cli.out.stdout).toMatch(/secret: +openIM123/);
	expect(cli.out.stdout).toMatch(/admin user ID: +imAdmin .*auth\/get_admin_token/);
	expect(cli.out.stdout).toMatch(/token TTL: 7776000 s/);
	expect(cli.out.stdout).toMatch(
		/object storage \(MinIO.s externalAddress\): http:\/\/127\.0\.0\.1:\d+/,
	);
	expect(cli.out.stdout).toMatch(/users alice, bob, carol; group 3000000001/);
	const res = await fetch(`${url}/auth/get_admin_token`, {
		method: 'POST',
		headers: { operationID: 'op' },
		body: JSON.stringify({ secret: 'openIM123', userID: 'imAdmin' }),
	});
	expect((await res.json()).errCode).toBe(0);
	await cli.waitFor(/POST \/auth\/get_admin_token 200 errCode=0/);
	cli.child.kill('SIGTERM');
	expect((await cli.exited).code).toBe(0);

	const old = run(['--port=0', '--server-version', '3.7.0', '--admin', 'boss', '--secret', 's']);
	const [, oldUrl] = await old.waitFor(/listening on (\S+)/);
	expect(old.out.stdout).toMatch(/as OpenIM 3\.7\.0/);
	expect(old.out.stdout).toMatch(/admin user ID: boss .*auth\/user_token/);
	const token = await fetch(`${oldUrl}/auth/user_token`, {
		method: 'POST',
		headers: { operationID: 'op' },
		body: JSON.stringify({ secret: 's', platformID: 10, userID: 'boss' }),
	});
	expect((await token.json()).errCode).toBe(0);
	old.child.kill('SIGTERM');
	expect((await old.exited).code).toBe(0);
});

test('generation-specific options are refused for the other generation; a bad version exits with 2', async () => {
	for (const [args, message] of [
		[['--strict'], /--strict is for --openim 2021/],
		[['--openim', '2021', '--server-version', '3.8.0'], /--server-version is for --openim v3/],
		[['--openim', '4'], /--openim must be v3 or 2021/],
		[['--server-version', 'latest'], /serverVersion must look like 3\.8\.3/],
	]) {
		const cli = run(['--port', '0', ...args]);
		expect((await cli.exited).code).toBe(2);
		expect(cli.out.stderr).toMatch(message);
	}
});

test('--help prints the usage; an unknown option exits with 2', async () => {
	const help = run(['--help']);
	expect((await help.exited).code).toBe(0);
	expect(help.out.stdout).toMatch(/Usage: node test\/emulator\/cli\.js/);
	expect(help.out.stdout).toMatch(/--openim <gen> .*v3 .*2021/);
	expect(help.out.stdout).toMatch(/--server-version <v>/);

	const bad = run(['--bogus']);
	expect((await bad.exited).code).toBe(2);
	expect(bad.out.stderr).toMatch(/unknown option --bogus/);
});
