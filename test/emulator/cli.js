#!/usr/bin/env node
'use strict';
// Runs an OpenIM emulator as a standalone server: `npm run emulator -- --seed` (3.x), `-- --openim 2021`. See README.md.
const { OpenImEmulator, OpenImV3Emulator } = require('./index');
const { CONTROL_PREFIX } = require('./control');
const { SEED_USERS, SEED_GROUP_ID } = require('./state');
const V3_SEED = require('./v3/state');

const USAGE = `Usage: node test/emulator/cli.js [options]
  --openim <gen>    the server generation: v3 (OpenIM 3.x, the default) or 2021   env OPENIM_EMULATOR_OPENIM
  --port <n>        port to listen on (default 10002 for v3, 10000 for 2021; 0 = any free port)   env OPENIM_EMULATOR_PORT
  --host <addr>     address to bind (default 127.0.0.1)                     env OPENIM_EMULATOR_HOST
  --secret <s>      the server secret (default openIM123 for v3, tuoyun for 2021)   env OPENIM_EMULATOR_SECRET
  --admin <id>      the admin user ID (default imAdmin for v3, openIM123456 for 2021)   env OPENIM_EMULATOR_ADMIN
  --token-ttl <s>   token lifetime in seconds (default 7776000 for v3, 604800 for 2021)   env OPENIM_EMULATOR_TOKEN_TTL
  --latency <ms>    added latency on every response (default 0)            env OPENIM_EMULATOR_LATENCY
  --server-version <v>  v3 only: behave as this OpenIM release, 3.0.0 to 3.8.3 (default 3.8.3)   env OPENIM_EMULATOR_SERVER_VERSION
  --strict          2021 only: refuse content types other than 101, 102, 110, as the real 2021 server  env OPENIM_EMULATOR_STRICT=1
  --seed            add demo users alice, bob, carol and a group            env OPENIM_EMULATOR_SEED=1
  --quiet           do not log requests                                     env OPENIM_EMULATOR_QUIET=1
  --help`;

const OPTIONS = {
	'--openim': ['openim', 'OPENIM', String],
	'--port': ['port', 'PORT', Number],
	'--host': ['host', 'HOST', String],
	'--secret': ['secret', 'SECRET', String],
	'--admin': ['admin', 'ADMIN', String],
	'--token-ttl': ['tokenTtlSeconds', 'TOKEN_TTL', Number],
	'--latency': ['latencyMs', 'LATENCY', Number],
	'--server-version': ['serverVersion', 'SERVER_VERSION', String],
};
const FLAGS = {
	'--strict': ['strictContentTypes', 'STRICT'],
	'--seed': ['seed', 'SEED'],
	'--quiet': ['quiet', 'QUIET'],
};
const GENERATIONS = { v3: 'v3', 3: 'v3', '3.x': 'v3', 2021: '2021' };

function parseArgs(argv, env) {
	const config = { quiet: false };
	for (const [key, name, convert] of Object.values(OPTIONS)) {
		if (env[`OPENIM_EMULATOR_${name}`] !== undefined)
			config[key] = convert(env[`OPENIM_EMULATOR_${name}`]);
	}
	for (const [key, name] of Object.values(FLAGS)) {
		if (env[`OPENIM_EMULATOR_${name}`] !== undefined)
			config[key] = !['', '0', 'false'].includes(env[`OPENIM_EMULATOR_${name}`]);
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
		if (config[key] !== undefined && !Number.isFinite(config[key]))
			throw new Error(`${key} must be a number`);
	}
	const { openim = 'v3', admin, ...rest } = config;
	const generation = GENERATIONS[openim];
	if (!generation) throw new Error(`--openim must be v3 or 2021, not ${openim}`);
	if (generation === 'v3' && rest.strictContentTypes)
		throw new Error('--strict is for --openim 2021');
	if (generation === '2021' && rest.serverVersion !== undefined)
		throw new Error('--server-version is for --openim v3');
	const adminKey = generation === 'v3' ? 'adminUserID' : 'adminUid';
	return {
		generation,
		config: {
			port: generation === 'v3' ? 10002 : 10000,
			...rest,
			...(admin !== undefined && { [adminKey]: admin }),
		},
	};
}

function banner2021(emu) {
	const c = emu.config;
	const lines = [
		`OpenIM emulator (2021 server API, in memory) listening on ${emu.url}`,
		`  secret: ${c.secret}  (put this in the n8n credential)`,
		`  admin uid: ${c.adminUid}  (registered already; get its token with auth/user_token)`,
		`  token TTL: ${c.tokenTtlSeconds} s`,
		`  strict: ${c.strictContentTypes ? 'on: only content types 101, 102, 110 (as the real 2021 server)' : 'off: content types 101-112 and 114 accepted'}`,
	];
	if (c.latencyMs) lines.push(`  latency: ${c.latencyMs} ms`);
	if (c.seed)
		lines.push(
			`  seed: users ${SEED_USERS.map((u) => u.uid).join(', ')}; group ${SEED_GROUP_ID} owned by alice`,
		);
	lines.push(
		`  control: ${emu.url}${CONTROL_PREFIX} (GET state, requests; POST reset, latency, fail, malformed, drop, hang, expire-tokens, seed)`,
	);
	lines.push('Ctrl-C to stop.');
	return lines.join('\n');
}

function bannerV3(emu) {
	const c = emu.config;
	const lines = [
		`OpenIM emulator (3.x server API as OpenIM ${c.serverVersion}, in memory) listening on ${emu.url}`,
		`  secret: ${c.secret}  (put this in the n8n credential)`,
		`  admin user ID: ${c.adminUserID}  (registered already; get its token with ${emu.newAuth ? 'auth/get_admin_token' : 'auth/user_token, platformID 10'})`,
		`  token TTL: ${c.tokenTtlSeconds} s`,
		`  object storage (MinIO's externalAddress): ${emu.storage.url}`,
	];
	if (c.latencyMs) lines.push(`  latency: ${c.latencyMs} ms`);
	if (c.seed)
		lines.push(
			`  seed: users ${V3_SEED.SEED_USERS.map((u) => u.userID).join(', ')}; group ${V3_SEED.SEED_GROUP_ID} owned by alice`,
		);
	lines.push(
		`  control: ${emu.url}${CONTROL_PREFIX} (GET state, requests; POST reset, latency, fail, malformed, drop, hang, expire-tokens, seed, app/send, app/online)`,
	);
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
	const v3 = parsed.generation === 'v3';
	let emu;
	try {
		emu = v3 ? new OpenImV3Emulator(parsed.config) : new OpenImEmulator(parsed.config);
	} catch (error) {
		console.error(`${error.message}\n\n${USAGE}`);
		process.exitCode = 2;
		return;
	}
	await emu.start();
	console.log(v3 ? bannerV3(emu) : banner2021(emu));
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
