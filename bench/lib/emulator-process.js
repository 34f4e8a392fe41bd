'use strict';
// The OpenIM emulator in a process of its own, so the client side under test (n8n-core + node, or the
// raw loop) has its own core and its timings and memory are not mixed with the server's.
// Driven over IPC by lib/emulator.js: { id, cmd, ... } -> { id, result } | { id, error }.
// Usage: node emulator-process.js '<json {generation: '2021' | 'v3', users: [userID, ...]}>'
// `users` are registered at start and after every reset: 3.x refuses a message to an unknown recipient.
const fs = require('node:fs');
const { OpenImEmulator, OpenImV3Emulator } = require('../../test/emulator');

// Listen with the backlog a Go server (OpenIM) uses: net.core.somaxconn. Node's default (511) drops
// connection attempts when a client opens hundreds at once (n8n's HTTP Request node does), and each
// dropped SYN costs the client a 1 s retransmission: a property of the emulator, not of the client.
function somaxconn() {
	try {
		return Number(fs.readFileSync('/proc/sys/net/core/somaxconn', 'utf8').trim()) || 4096;
	} catch {
		return 4096;
	}
}

/** TcpExt ListenOverflows of the machine (all listeners), to see whether a run overflowed a backlog. */
function listenOverflows() {
	try {
		const lines = fs
			.readFileSync('/proc/net/netstat', 'utf8')
			.split('\n')
			.filter((line) => line.startsWith('TcpExt:'));
		const keys = lines[0].split(/\s+/);
		const values = lines[1].split(/\s+/);
		return Number(values[keys.indexOf('ListenOverflows')]) || 0;
	} catch {
		return 0;
	}
}

const EMULATORS = {
	2021: { Emulator: OpenImEmulator, addUser: (emu, uid) => emu.state.addUser({ uid, name: uid }) },
	v3: {
		Emulator: OpenImV3Emulator,
		addUser: (emu, userID) => emu.state.addUser({ userID, nickname: userID }),
	},
};

async function main() {
	const { generation = '2021', users = [] } = JSON.parse(process.argv[2] || '{}');
	const { Emulator, addUser } = EMULATORS[generation];
	const emu = new Emulator({ port: 0, quiet: true });
	const reset = () => {
		emu.reset();
		for (const uid of users) addUser(emu, uid);
	};
	reset();
	const backlog = somaxconn();
	const listen = emu.server.listen.bind(emu.server);
	emu.server.listen = (port, host, callback) => listen({ port, host, backlog }, callback);
	await emu.start();
	let overflowsAt = listenOverflows();
	// TCP connections opened by clients (keep-alive reuse shows as fewer connections than requests).
	let connections = 0;
	emu.server.on('connection', () => connections++);
	const commands = {
		reset,
		latency: ({ ms }) => emu.setLatency(ms),
		/** Requests per path since the last reset or clear, then forgets them. */
		takeCounts: () => {
			const now = listenOverflows();
			const counts = { connections, listenOverflows: now - overflowsAt };
			for (const request of emu.requests) counts[request.path] = (counts[request.path] ?? 0) + 1;
			emu.requests.length = 0;
			connections = 0;
			overflowsAt = now;
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
