'use strict';
/*
 * Ports for the processes the e2e tests start (n8n and its task broker, PostgreSQL, Redis), which must
 * be given a port before they bind it (n8n does not take port 0). A port the OS hands out for port 0 is
 * free only until someone binds it: the kernel gives the same range (ip_local_port_range, 32768 to 60999
 * here) to every listen(0) and every outgoing connection on the machine, and suites of other checkouts
 * run at the same time. So these ports come from below that range, where the kernel never picks one,
 * and each one is held by a lock file in the temp folder for the process that took it (the whole jest
 * run): no two processes using this module get the same port, a later suite never gets a port an earlier
 * one handed out, and a lock whose process is gone is taken over.
 */

const fs = require('node:fs');
const os = require('node:os');
const net = require('node:net');
const path = require('node:path');

const RANGE = { from: 20000, to: 32000 };
const LOCKS = path.join(os.tmpdir(), 'n8n-nodes-openim-ports');

function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

const readPid = (file) => {
	try {
		return Number(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
};

/** Takes the lock of `port` for this process; false when another process (or this one before) holds it. */
function lock(port) {
	const file = path.join(LOCKS, String(port));
	try {
		fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
		return true;
	} catch (error) {
		if (error.code !== 'EEXIST') throw error;
	}
	const holder = readPid(file);
	if (holder === undefined || holder === process.pid || alive(holder)) return false;
	// Take over a dead process's lock: move it aside (atomic), and put it back if it was not the dead one's.
	const aside = `${file}.${process.pid}`;
	try {
		fs.renameSync(file, aside);
	} catch {
		return false;
	}
	const moved = readPid(aside);
	if (moved !== holder) {
		try {
			fs.linkSync(aside, file);
		} catch {
			// locked again meanwhile: that lock stands
		}
		fs.rmSync(aside, { force: true });
		return false;
	}
	fs.rmSync(aside, { force: true });
	return lock(port);
}

function unlock(port) {
	const file = path.join(LOCKS, String(port));
	if (readPid(file) === process.pid) fs.rmSync(file, { force: true });
}

/** Whether nothing listens on 127.0.0.1:port right now. */
function bindable(port) {
	return new Promise((resolve) => {
		const probe = net.createServer();
		probe.unref();
		probe.once('error', () => resolve(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
}

/** A port of RANGE that this process now holds and nothing listens on. */
async function freePort() {
	fs.mkdirSync(LOCKS, { recursive: true });
	const size = RANGE.to - RANGE.from;
	const start = Math.floor(Math.random() * size);
	for (let i = 0; i < size; i++) {
		const port = RANGE.from + ((start + i) % size);
		if (!lock(port)) continue;
		if (await bindable(port)) return port;
		unlock(port); // bound by a process outside this scheme
	}
	throw new Error(`no free port left in ${RANGE.from}-${RANGE.to} (locks in ${LOCKS})`);
}

/** `count` distinct free ports. */
async function freePorts(count) {
	const ports = [];
	for (let i = 0; i < count; i++) ports.push(await freePort());
	return ports;
}

module.exports = { freePort, freePorts, lock, RANGE, LOCKS };
