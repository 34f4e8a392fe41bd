'use strict';
/*
 * Private PostgreSQL and Redis for n8n's queue mode, on 127.0.0.1 and free ports, from Debian's
 * `postgresql` and `redis-server` packages (installed by .ci/run when missing):
 *
 *   const { startServices } = require('./services');
 *   const services = await startServices();   // { postgres: {host, port, user, database, query(sql)}, redis: {host, port}, stop() }
 *   ... DB_POSTGRESDB_PORT = services.postgres.port, QUEUE_BULL_REDIS_PORT = services.redis.port ...
 *   await services.stop();                     // stops both and deletes their data
 *
 * PostgreSQL: a new cluster (initdb, trust auth on 127.0.0.1 only) in a temp folder. PostgreSQL refuses
 * to run as root, so as root both initdb and postgres run as the `postgres` system user the Debian
 * package creates. Redis: no persistence, its own temp folder. Nothing touches the system's own
 * PostgreSQL or Redis services.
 */

const fs = require('node:fs');
const os = require('node:os');
const net = require('node:net');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');

const { freePort } = require('./n8n-cli');

const INSTALL_HINT = 'apt-get install -y postgresql redis-server';

/** The bin folder of the newest PostgreSQL under /usr/lib/postgresql (Debian's layout), else undefined. */
function postgresBin() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const versions = fs
		.readdirSync(root)
		.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(root, versions[0], 'bin') : undefined;
}

function onPath(command) {
	return (process.env.PATH || '')
		.split(path.delimiter)
		.some((dir) => dir && fs.existsSync(path.join(dir, command)));
}

/** What is missing to run the services, e.g. ['postgresql'] ([] when both are installed). */
function missingPackages() {
	const missing = [];
	if (!postgresBin()) missing.push('postgresql');
	if (!onPath('redis-server')) missing.push('redis-server');
	return missing;
}

/** uid/gid to run PostgreSQL as: ourselves, or the `postgres` user when we are root. */
function postgresUser() {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
	try {
		const id = (flag) =>
			Number(
				execFileSync('id', [flag, 'postgres'], {
					encoding: 'utf8',
					stdio: ['ignore', 'pipe', 'pipe'],
				}).trim(),
			);
		return { uid: id('-u'), gid: id('-g') };
	} catch {
		throw new Error(
			`PostgreSQL refuses to run as root and there is no postgres user to run it as (Debian's package creates it: ${INSTALL_HINT})`,
		);
	}
}

function waitForPort(port, what, child, log, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	return new Promise((resolve, reject) => {
		const attempt = () => {
			if (child.exitCode !== null || child.signalCode !== null) {
				return reject(
					new Error(
						`${what} exited (${child.exitCode ?? child.signalCode}):\n${log().slice(-3000)}`,
					),
				);
			}
			const socket = net.connect(port, '127.0.0.1');
			socket.once('connect', () => {
				socket.destroy();
				resolve();
			});
			socket.once('error', () => {
				socket.destroy();
				if (Date.now() > deadline)
					return reject(
						new Error(
							`${what} did not listen on ${port} within ${timeoutMs / 1000} s:\n${log().slice(-3000)}`,
						),
					);
				setTimeout(attempt, 100);
			});
		};
		attempt();
	});
}

/** Spawns a service in its own process group, keeping the tail of its output. */
function spawnService(command, args, options) {
	const child = spawn(command, args, {
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
		...options,
	});
	let output = '';
	const keep = (d) => (output = (output + d).slice(-64 * 1024));
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	const exited = new Promise((resolve) => child.once('exit', resolve));
	return { child, log: () => output, exited };
}

/** Stops a service: `signal` (its own fast shutdown), then SIGKILL after graceMs. */
async function stopService(service, signal, graceMs = 10000) {
	const { child } = service;
	if (child.exitCode !== null || child.signalCode !== null) return;
	const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
	child.kill(signal);
	await service.exited;
	clearTimeout(timer);
}

/** A new PostgreSQL cluster with a database `database`; resolves once it accepts connections. */
async function startPostgres({ database = 'n8n', port } = {}) {
	const bin = postgresBin();
	if (!bin) throw new Error(`PostgreSQL is not installed (${INSTALL_HINT})`);
	const user = postgresUser();
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'openim-e2e-pg-'));
	const data = path.join(folder, 'data');
	const socket = path.join(folder, 'socket');
	fs.mkdirSync(socket);
	if (user.uid !== undefined) {
		for (const dir of [folder, socket]) fs.chownSync(dir, user.uid, user.gid);
	}
	const asUser = { ...user, env: { ...process.env, LC_ALL: 'C' } };
	execFileSync(
		path.join(bin, 'initdb'),
		['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'],
		{
			...asUser,
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	const pgPort = port || (await freePort());
	// A throw-away cluster: durability off, and n8n's pools (main, workers, webhook) need connections.
	const settings = [
		'listen_addresses=127.0.0.1',
		`unix_socket_directories=${socket}`,
		'fsync=off',
		'synchronous_commit=off',
		'full_page_writes=off',
		'max_connections=200',
	];
	const service = spawnService(
		path.join(bin, 'postgres'),
		['-D', data, '-p', String(pgPort), ...settings.flatMap((s) => ['-c', s])],
		asUser,
	);
	const stop = async () => {
		await stopService(service, 'SIGINT'); // fast shutdown
		fs.rmSync(folder, { recursive: true, force: true });
	};
	try {
		await waitForPort(pgPort, 'postgres', service.child, service.log);
		// The port opens a moment before the server accepts logins: createdb until it does.
		const deadline = Date.now() + 30000;
		for (;;) {
			try {
				execFileSync(
					path.join(bin, 'createdb'),
					['-h', '127.0.0.1', '-p', String(pgPort), '-U', 'postgres', database],
					{ ...asUser, stdio: ['ignore', 'pipe', 'pipe'] },
				);
				break;
			} catch (error) {
				if (Date.now() > deadline)
					throw new Error(`createdb ${database} failed: ${error.stderr || error.message}`);
				await new Promise((resolve) => setTimeout(resolve, 200));
			}
		}
	} catch (error) {
		await stop();
		throw error;
	}
	/** Runs SQL in `database`; resolves to the rows as arrays of strings. */
	const query = (sql) =>
		execFileSync(
			path.join(bin, 'psql'),
			[
				'-h',
				'127.0.0.1',
				'-p',
				String(pgPort),
				'-U',
				'postgres',
				'-d',
				database,
				'-AtX',
				'-F',
				'\t',
				'-c',
				sql,
			],
			{ encoding: 'utf8' },
		)
			.split('\n')
			.filter(Boolean)
			.map((line) => line.split('\t'));
	return {
		host: '127.0.0.1',
		port: pgPort,
		user: 'postgres',
		password: '',
		database,
		pid: service.child.pid,
		query,
		stop,
	};
}

/** A redis-server without persistence; resolves once it listens. */
async function startRedis({ port } = {}) {
	if (!onPath('redis-server')) throw new Error(`redis-server is not installed (${INSTALL_HINT})`);
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'openim-e2e-redis-'));
	const redisPort = port || (await freePort());
	const args = [
		'--port',
		String(redisPort),
		'--bind',
		'127.0.0.1',
		'--save',
		'',
		'--appendonly',
		'no',
		'--dir',
		folder,
		'--daemonize',
		'no',
	];
	const service = spawnService('redis-server', args, {});
	const stop = async () => {
		await stopService(service, 'SIGTERM');
		fs.rmSync(folder, { recursive: true, force: true });
	};
	try {
		await waitForPort(redisPort, 'redis-server', service.child, service.log);
	} catch (error) {
		await stop();
		throw error;
	}
	return { host: '127.0.0.1', port: redisPort, pid: service.child.pid, stop };
}

/** PostgreSQL and Redis together; `stop()` stops both. */
async function startServices(options = {}) {
	const missing = missingPackages();
	if (missing.length) throw new Error(`queue mode needs ${missing.join(' and ')}: ${INSTALL_HINT}`);
	const postgres = await startPostgres(options.postgres);
	let redis;
	try {
		redis = await startRedis(options.redis);
	} catch (error) {
		await postgres.stop();
		throw error;
	}
	return {
		postgres,
		redis,
		async stop() {
			await Promise.all([postgres.stop(), redis.stop()]);
		},
	};
}

/** n8n's environment for these services: queue mode, the shared database and Redis. */
function queueEnv({ postgres, redis }) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
	};
}

module.exports = {
	INSTALL_HINT,
	missingPackages,
	startPostgres,
	startRedis,
	startServices,
	queueEnv,
};
