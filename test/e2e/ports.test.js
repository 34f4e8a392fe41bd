'use strict';
// ports.js: the ports handed to n8n, PostgreSQL and Redis cannot go to two processes at once.
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const { freePort, freePorts, lock, RANGE, LOCKS } = require('./ports');

const PORTS = path.join(__dirname, 'ports.js');

/** A node process that takes `count` ports, prints them, and holds them until its stdin closes. */
function holder(count) {
	const child = spawn(
		process.execPath,
		[
			'-e',
			`require(${JSON.stringify(PORTS)}).freePorts(${count}).then((p) => { console.log(JSON.stringify(p)); process.stdin.resume(); process.stdin.on('end', () => process.exit(0)); })`,
		],
		{ stdio: ['pipe', 'pipe', 'inherit'] },
	);
	const ports = new Promise((resolve, reject) => {
		let out = '';
		child.stdout.on('data', (chunk) => {
			out += chunk;
			if (out.includes('\n')) resolve(JSON.parse(out));
		});
		child.once('exit', (code) =>
			reject(new Error(`holder exited with ${code} before printing its ports`)),
		);
	});
	return {
		child,
		ports,
		release: () => new Promise((resolve) => (child.once('exit', resolve), child.stdin.end())),
	};
}

test('ports come from below the kernel ephemeral range, are free, distinct, and locked for this process', async () => {
	const [low] = fs
		.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
		.trim()
		.split(/\s+/)
		.map(Number);
	expect(RANGE.to).toBeLessThanOrEqual(low);
	const ports = await freePorts(20);
	expect(new Set(ports).size).toBe(20);
	for (const port of ports) {
		expect(port).toBeGreaterThanOrEqual(RANGE.from);
		expect(port).toBeLessThan(RANGE.to);
		expect(fs.readFileSync(path.join(LOCKS, String(port)), 'utf8')).toBe(String(process.pid));
		// Held, not bound: n8n can bind it.
		const server = net.createServer();
		await new Promise((resolve, reject) =>
			server.once('error', reject).listen(port, '127.0.0.1', resolve),
		);
		await new Promise((resolve) => server.close(resolve));
	}
});

// Enough ports that random picks without the locks would clash for certain (about 60 pairs expected among
// 1,200 of the 12,000): a broken lock turns this red, not just sometimes.
test('processes taking ports at the same time never get the same one', async () => {
	const holders = [holder(300), holder(300), holder(300)];
	try {
		const taken = [
			...(await Promise.all(holders.map((h) => h.ports))).flat(),
			...(await freePorts(300)),
		];
		expect(taken).toHaveLength(1200);
		expect(new Set(taken).size).toBe(1200);
	} finally {
		await Promise.all(holders.map((h) => h.release()));
	}
}, 60_000);

test('a port that a process outside this scheme listens on is never handed out', async () => {
	// A quarter of the range bound by plain servers (no lock file): about 75 of 300 random picks would hit one.
	const servers = [];
	const bound = new Set();
	try {
		for (let port = RANGE.from; port < RANGE.to; port += 4) {
			const server = net.createServer();
			const ok = await new Promise((resolve) =>
				server.once('error', () => resolve(false)).listen(port, '127.0.0.1', () => resolve(true)),
			);
			if (!ok) continue;
			servers.push(server);
			bound.add(port);
		}
		expect(bound.size).toBeGreaterThan(2000);
		const ports = await freePorts(300);
		expect(ports.filter((port) => bound.has(port))).toEqual([]);
	} finally {
		await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
	}
}, 60_000);

test('a lock held by a live process stands; one left by a process that is gone is taken over', async () => {
	const port = await freePort();
	expect(lock(port)).toBe(false); // this process handed it out already
	const { ports, release } = holder(1);
	const [theirs] = await ports;
	expect(lock(theirs)).toBe(false);
	await release();
	// Its lock file stays behind, with the pid of a process that is gone.
	expect(Number(fs.readFileSync(path.join(LOCKS, String(theirs)), 'utf8'))).not.toBe(process.pid);
	expect(
		spawnSync('kill', ['-0', fs.readFileSync(path.join(LOCKS, String(theirs)), 'utf8')]).status,
	).not.toBe(0);
	expect(lock(theirs)).toBe(true);
	expect(fs.readFileSync(path.join(LOCKS, String(theirs)), 'utf8')).toBe(String(process.pid));
}, 30_000);
