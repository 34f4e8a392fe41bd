// `npm run ask-bot` without an emulator to talk to: the error names the URL it tried and the option to give another.
const { execFile } = require('node:child_process');
const net = require('node:net');
const path = require('node:path');

const SCRIPT = path.resolve(__dirname, '..', '..', 'scripts', 'ask-bot.js');

/** A port nothing listens on: one the system just handed out and took back. */
const closedPort = () =>
	new Promise((resolve) => {
		const server = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});

const run = (args, env = {}) =>
	new Promise((resolve) => {
		execFile(
			process.execPath,
			[SCRIPT, ...args],
			{ env: { ...process.env, OPENIM_EMULATOR_URL: '', ...env }, timeout: 30000 },
			(error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }),
		);
	});

describe('ask-bot without an emulator', () => {
	test('names the URL it tried and the --url option, and exits 1', async () => {
		const port = await closedPort();
		const { code, stderr } = await run(['--url', `http://127.0.0.1:${port}/`, 'hello']);
		expect(code).toBe(1);
		expect(stderr).toContain(`http://127.0.0.1:${port}`);
		expect(stderr).toContain('ECONNREFUSED');
		expect(stderr).toContain('--url <emulator URL>');
		expect(stderr).not.toMatch(/fetch failed\s*$/);
	});

	test('the URL from OPENIM_EMULATOR_URL is the one named', async () => {
		const port = await closedPort();
		const { stderr } = await run(['hello'], { OPENIM_EMULATOR_URL: `http://127.0.0.1:${port}` });
		expect(stderr).toContain(`at http://127.0.0.1:${port} `);
	});
});
