#!/usr/bin/env node
'use strict';
/*
 * Manual check of test/e2e/n8n-cli.js against the real n8n (not run by jest):
 *
 *   node test/e2e/n8n-cli.selftest.js            # generations 1 and 2
 *   node test/e2e/n8n-cli.selftest.js 2          # only n8n 2.x
 *   node test/e2e/n8n-cli.selftest.js 1 --no-server
 *
 * Uses only n8n-nodes-base nodes (Manual Trigger -> Set -> NoOp, and a Stop
 * and Error node). If dist/ exists it also loads this package and checks that
 * n8n knows the node type n8n-nodes-openim.openIm and the credential type.
 * Installs n8n on first use (see scripts/n8n-runtime.js).
 */

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { createN8nInstance } = require('./n8n-cli');

const args = process.argv.slice(2);
const gens = args.filter((a) => /^[12]$/.test(a));
const generations = gens.length ? gens : ['1', '2'];
const withServer = !args.includes('--no-server');
const distDir = path.resolve(__dirname, '..', '..', 'dist');

const okWorkflow = {
	id: 'selftestOk000001',
	name: 'selftest ok',
	nodes: [
		{
			id: 'n1',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'n2',
			name: 'Set',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [200, 0],
			parameters: {
				assignments: {
					assignments: [
						{ id: 'a1', name: 'greeting', value: "={{ 'hello ' + 'world' }}", type: 'string' },
						{ id: 'a2', name: 'n', value: 42, type: 'number' },
					],
				},
				options: {},
			},
		},
		{
			id: 'n3',
			name: 'NoOp',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [400, 0],
			parameters: {},
		},
	],
	connections: {
		Start: { main: [[{ node: 'Set', type: 'main', index: 0 }]] },
		Set: { main: [[{ node: 'NoOp', type: 'main', index: 0 }]] },
	},
};

const failWorkflow = {
	id: 'selftestFail0001',
	name: 'selftest fail',
	nodes: [
		{
			id: 'f1',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'f2',
			name: 'Boom',
			type: 'n8n-nodes-base.stopAndError',
			typeVersion: 1,
			position: [200, 0],
			parameters: { errorMessage: 'boom from selftest' },
		},
	],
	connections: { Start: { main: [[{ node: 'Boom', type: 'main', index: 0 }]] } },
};

const credential = {
	id: 'selftestCred0001',
	name: 'Selftest basic auth',
	type: 'httpBasicAuth',
	data: { user: 'alice', password: 's3cret' },
};

function step(label) {
	const t = Date.now();
	process.stdout.write(`  ${label} ... `);
	return (extra = '') =>
		console.log(`ok (${((Date.now() - t) / 1000).toFixed(1)}s)${extra ? ` ${extra}` : ''}`);
}

async function checkGeneration(generation) {
	console.log(`\n== generation ${generation}`);
	let done = step('ensure n8n installed');
	const n8n = await createN8nInstance({ generation });
	done(`n8n ${n8n.version} with ${n8n.runtime.nodeVersion} in ${n8n.userFolder}`);
	const report = { generation, version: n8n.version, node: n8n.runtime.nodeVersion };
	try {
		done = step('import:workflow');
		const imp = await n8n.importWorkflow([okWorkflow, failWorkflow]);
		assert.deepEqual(imp.ids, [okWorkflow.id, failWorkflow.id]);
		done();

		done = step('execute ok workflow');
		const r = await n8n.execute(okWorkflow.id);
		assert.equal(r.code, 0, r.output);
		assert.equal(r.status, 'success', r.output);
		assert.equal(r.ok, true);
		assert.deepEqual(r.outputOf('Set'), [{ greeting: 'hello world', n: 42 }]);
		assert.deepEqual(r.nodeOutputs.NoOp, [{ greeting: 'hello world', n: 42 }]);
		assert.equal(r.lastNodeExecuted, 'NoOp');
		done();

		done = step('execute failing workflow');
		const f = await n8n.execute(failWorkflow.id);
		assert.notEqual(f.code, 0);
		assert.equal(f.ok, false);
		assert.equal(f.status, 'error', f.output);
		assert.match(f.error.message, /boom from selftest/);
		assert.ok(f.nodeErrors.Boom, 'node error recorded on Boom');
		done(`(code ${f.code}, error "${f.error.message}")`);

		done = step('import:credentials (plain data) + export --decrypted');
		await n8n.importCredential(credential);
		const back = await n8n.exportCredential(credential.id);
		assert.equal(back.type, 'httpBasicAuth');
		assert.deepEqual(back.data, credential.data);
		// and the stored copy is encrypted
		const enc = await n8n.run([
			'export:credentials',
			`--id=${credential.id}`,
			`--output=${path.join(n8n.userFolder, 'enc.json')}`,
		]);
		assert.equal(enc.code, 0);
		const encData = JSON.parse(fs.readFileSync(path.join(n8n.userFolder, 'enc.json'), 'utf8'))[0]
			.data;
		assert.equal(typeof encData, 'string');
		assert.equal(await n8n.exportCredential('doesNotExist0001'), undefined);
		done();

		if (fs.existsSync(distDir)) {
			done = step('load this package from dist/');
			n8n.installPackage();
			const types = await n8n.listNodeTypes();
			report.openImLoaded = types.includes('n8n-nodes-openim.openIm');
			assert.ok(report.openImLoaded, 'n8n-nodes-openim.openIm is a known node type');
			// the credential type must be known too: import one and read it back
			await n8n.importCredential({
				id: 'selftestOpenIm01',
				name: 'OpenIM (selftest)',
				type: 'openImApi',
				data: {
					baseUrl: 'http://127.0.0.1:1',
					secret: 's',
					adminUserId: 'imAdmin',
					platform: 1,
					token: '',
				},
			});
			const oc = await n8n.exportCredential('selftestOpenIm01');
			assert.equal(oc.type, 'openImApi');
			done(`(${types.filter((t) => t.startsWith('n8n-nodes-openim.')).join(', ')})`);
		} else {
			console.log('  (no dist/: skipped loading n8n-nodes-openim)');
		}

		if (withServer) {
			done = step('n8n start + owner setup + login');
			const server = await n8n.startServer();
			try {
				const owner = await server.setupOwner({
					email: 'owner@example.com',
					password: 'Passw0rd!e2e',
					firstName: 'E2E',
					lastName: 'Owner',
				});
				assert.equal(owner.email, 'owner@example.com');
				await server.login();
				const me = await server.request('GET', '/rest/login');
				assert.equal(me.status, 200, me.text);
				const creds = await server.request('GET', '/rest/credentials');
				assert.equal(creds.status, 200, creds.text);
				const ids = creds.json.data.map((c) => c.id);
				assert.ok(ids.includes(credential.id), `credential listed: ${ids}`);
				if (fs.existsSync(distDir)) {
					const known = await server.request('GET', '/types/nodes.json');
					if (known.status === 200 && Array.isArray(known.json)) {
						report.openImInUi = known.json.some((t) => t.name === 'n8n-nodes-openim.openIm');
					}
				}
			} finally {
				await server.stop();
			}
			done(`(${server.baseUrl})`);
		}
		report.ok = true;
	} finally {
		await n8n.cleanup();
	}
	return report;
}

(async () => {
	const results = [];
	let failed = false;
	for (const g of generations) {
		try {
			results.push(await checkGeneration(g));
		} catch (err) {
			failed = true;
			console.log('FAILED');
			console.error(err && err.stack ? err.stack : err);
			results.push({ generation: g, ok: false, error: String(err && err.message).split('\n')[0] });
		}
	}
	console.log('\nsummary:', JSON.stringify(results, null, 2));
	process.exit(failed ? 1 : 0);
})();
