'use strict';
// Starts lib/emulator-process.js and talks to it: reset, latency, request counts per path.
const path = require('node:path');
const { fork } = require('node:child_process');

/** generation '2021' or 'v3'; users: registered at start and after every reset. */
async function startEmulator({ generation = '2021', users = [] } = {}) {
	const child = fork(
		path.join(__dirname, 'emulator-process.js'),
		[JSON.stringify({ generation, users })],
		{ execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
	);
	const pending = new Map();
	let nextId = 0;
	const url = await new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`emulator exited (${code})`)));
		child.on('message', (message) => {
			if (message.ready) return resolve(message.ready);
			const waiter = pending.get(message.id);
			if (!waiter) return;
			pending.delete(message.id);
			if (message.error) waiter.reject(new Error(message.error));
			else waiter.resolve(message.result);
		});
	});
	const call = (cmd, args = {}) =>
		new Promise((resolve, reject) => {
			const id = ++nextId;
			pending.set(id, { resolve, reject });
			child.send({ id, cmd, ...args });
		});
	return {
		url,
		pid: child.pid,
		reset: () => call('reset'),
		setLatency: (ms) => call('latency', { ms }),
		takeCounts: () => call('takeCounts'),
		counts: () => call('counts'),
		sizes: () => call('sizes'),
		issueToken: (uid, platform) => call('issueToken', { uid, platform }),
		async stop() {
			child.removeAllListeners('exit');
			const exited = new Promise((resolve) => child.once('exit', resolve));
			call('stop').catch(() => {});
			await exited;
		},
	};
}

module.exports = { startEmulator };
