#!/usr/bin/env node
'use strict';
// Runs the OpenIM emulator as a standalone server: `npm run emulator -- --seed`. See README.md.
const { OpenImEmulator } = require('./index');
const { CONTROL_PREFIX } = require('./control');
const { SEED_USERS, SEED_GROUP_ID } = require('./state');

const USAGE = `Usage: node test/emulator/cli.js [options]
  --port <n>        port to listen on (default 10000, 0 = any free port)   env OPENIM_EMULATOR_PORT
  --host <addr>     address to bind (default 127.0.0.1)                     env OPENIM_EMULATOR_HOST
  --secret <s>      the server secret clients must send (default tuoyun)    env OPENIM_EMULATOR_SECRET
  --admin <uid>     the app manager uid (default openIM123456)             env OPENIM_EMULATOR_ADMIN
  --token-ttl <s>   token lifetime in seconds (default 604800)             env OPENIM_EMULATOR_TOKEN_TTL
  --latency <ms>    added latency on every response (default 0)            env OPENIM_EMULATOR_LATENCY
  --strict          refuse content types other than 101, 102, 110, as the real 2021 server  env OPENIM_EMULATOR_STRICT=1
  --seed            add demo users alice, bob, carol and a group            env OPENIM_EMULATOR_SEED=1
  --quiet           do not log requests                                     env OPENIM_EMULATOR_QUIET=1
  --help`;

const OPTIONS = {
	'--port': ['port', 'PORT', Number],
	'--host': ['host', 'HOST', String],
	'--secret': ['secret', 'SECRET', String],
	'--admin': ['adminUid', 'ADMIN', String],
	'--token-ttl': ['tokenTtlSeconds', 'TOKEN_TTL', Number],
	'--latency': ['latencyMs', 'LATENCY', Number],
};
const FLAGS = { '--strict': ['strictContentTypes', 'STRICT'], '--seed': ['seed', 'SEED'], '--quiet': ['quiet', 'QUIET'] };

function parseArgs(argv, env) {
	const config = { port: 10000, quiet: false };
	for (const [key, name, convert] of Object.values(OPTIONS)) {
		if (env[`OPENIM_EMULATOR_${name}`] !== undefined) config[key] = convert(env[`OPENIM_EMULATOR_${name}`]);
	}
	for (const [key, name] of Object.values(FLAGS)) {
		if (env[`OPENIM_EMULATOR_${name}`] !== undefined) config[key] = !['', '0', 'false'].includes(env[`OPENIM_EMULATOR_${name}`]);
	}
	for (let i = 0; i < argv.length; i++) {
		const [arg, inline] = argv[i].split(/=(.*)/s);
		if (arg === '--help' || arg === '-h') return { help: true };
		if (FLAGS[arg]) {
			config[FLAGS[arg][0]] = true;
		} else if (OPTIONS[arg]) {
			const [key, , convert] = OPTIONS[arg];
			const value = inline ?? argv[++i];
			if (value === undefined) throw new Error(`${arg} needs a value`);
			config[key] = convert(value);
		} else {
			throw new Error(`unknown option ${argv[i]}`);
		}
	}
	for (const key of ['port', 'tokenTtlSeconds', 'latencyMs']) {
		if (config[key] !== undefined && !Number.isFinite(config[key])) throw new Error(`${key} must be a number`);
	}
	return { config };
}

function banner(emu) {
	const c = emu.config;
	const lines = [
		`OpenIM emulator (2021 server API, in memory) listening on ${emu.url}`,
		`  secret: ${c.secret}  (put this in the n8n credential)`,
		`  admin uid: ${c.adminUid}  (registered already; get its token with auth/user_token)`,
		`  token TTL: ${c.tokenTtlSeconds} s`,
		`  strict: ${c.strictContentTypes ? 'on: only content types 101, 102, 110 (as the real 2021 server)' : 'off: content types 101-112 and 114 accepted'}`,
	];
	if (c.latencyMs) lines.push(`  latency: ${c.latencyMs} ms`);
	if (c.seed) lines.push(`  seed: users ${SEED_USERS.map((u) => u.uid).join(', ')}; group ${SEED_GROUP_ID} owned by alice`);
	lines.push(`  control: ${emu.url}${CONTROL_PREFIX} (GET state, requests; POST reset, latency, fail, malformed, drop, hang, expire-tokens, seed)`);
	lines.push('Ctrl-C to stop.');
	return lines.join('\n');
}

async function main() {
	let parsed;
	try {
		parsed = parseArgs(process.argv.slice(2), process.env);
	} catch (error) {
		console.error(`${error.message}\n\n${USAGE}`);
		process.exitCode = 2;
		return;
	}
	if (parsed.help) {
		console.log(USAGE);
		return;
	}
	const emu = new OpenImEmulator(parsed.config);
	await emu.start();
	console.log(banner(emu));
	const shutdown = async (signal) => {
		console.log(`${signal}: stopping`);
		await emu.stop();
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
}

main().catch((error) => {
	console.error(error.message);
	process.exitCode = 1;
});
