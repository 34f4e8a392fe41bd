'use strict';
// The OpenIM emulator in a process of its own, so the client side under test (n8n-core + node, or the
// raw loop) has its own core and its timings and memory are not mixed with the server's.
// Driven over IPC by lib/emulator.js: { id, cmd, ... } -> { id, result } | { id, error }.
const { OpenImEmulator } = require('../../test/emulator');

async function main() {
	const emu = await new OpenImEmulator({ port: 0, quiet: true }).start();
	// TCP connections opened by clients (keep-alive reuse shows as fewer connections than requests).
	let connections = 0;
	emu.server.on('connection', () => connections++);
	const commands = {
		reset: () => emu.reset(),
		latency: ({ ms }) => emu.setLatency(ms),
		/** Requests per path since the last reset or clear, then forgets them. */
		takeCounts: () => {
			const counts = { connections };
			for (const request of emu.requests) counts[request.path] = (counts[request.path] ?? 0) + 1;
			emu.requests.length = 0;
			connections = 0;
			return counts;
		},
		counts: () => {
			const counts = {};
			for (const request of emu.requests) counts[request.path] = (counts[request.path] ?? 0) + 1;
			return counts;
		},
		sizes: () => {
			const state = emu.snapshot();
			return { users: Object.keys(state.users).length, messages: state.messages.length };
		},
		issueToken: ({ uid, platform }) => emu.issueToken(uid, platform),
		stop: async () => {
			await emu.stop();
			setImmediate(() => process.exit(0));
		},
	};
	process.on('message', async ({ id, cmd, ...args }) => {
		try {
			process.send({ id, result: await commands[cmd](args) });
		} catch (error) {
			process.send({ id, error: String(error && error.stack) });
		}
	});
	process.on('disconnect', () => process.exit(0));
	process.send({ ready: emu.url });
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
