'use strict';
/*
 * Files from n8n binary data into OpenIM 3.x, in a real n8n of each generation: the "daily report to a group"
 * example builds a CSV in n8n (Code node, then Convert to File) and the OpenIM node sends it as a file message to
 * the seeded group. The group message's URL must give back the bytes n8n built.
 */

const {
	GENERATIONS,
	LABEL,
	SETUP_TIMEOUT,
	TEST_TIMEOUT,
	startStack,
	requestsTo,
	explain,
	examples,
} = require('./helpers');
const { OpenImV3Emulator } = require('../emulator/v3');
const { SEED_GROUP_ID } = require('../emulator/v3/state');

/** GET a message's URL as an app does: the API's 302, then the storage's bytes. */
async function download(url) {
	const redirect = await fetch(url, { redirect: 'manual' });
	expect(redirect.status).toBe(302);
	const file = await fetch(redirect.headers.get('location'));
	expect(file.status).toBe(200);
	return Buffer.from(await file.arrayBuffer());
}

/** The daily report example against another emulator: its own credential and workflow id. */
function dailyReportFor(emulator, id) {
	const { workflow } = examples
		.loadExamples('v3')
		.find((example) => example.id === examples.IDS.dailyReport);
	const credential = {
		...examples.credential({
			openim: 'v3',
			baseUrl: emulator.url,
			secret: examples.OPENIM.v3.secret,
		}),
		id: `binCred${id}`.padEnd(16, '0'),
		name: `OpenIM (${id})`,
	};
	const copy = structuredClone(workflow);
	Object.assign(copy, { id: `binFlow${id}`.padEnd(16, '0'), name: `Daily report (${id})` });
	for (const node of copy.nodes)
		if (node.credentials)
			node.credentials = { openImV3Api: { id: credential.id, name: credential.name } };
	return { credential, workflow: copy };
}

describe.each(GENERATIONS)('files from binary data in n8n generation %s', (generation) => {
	let stack;
	let emulator;
	let n8n;

	beforeAll(async () => {
		stack = await startStack(generation, { openim: ['v3'] });
		({ n8n } = stack);
		({ emulator } = stack.openim.v3);
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		if (stack) await stack.stop();
	}, TEST_TIMEOUT);

	test(
		`${LABEL[generation]}: the daily report reaches the group as a file message whose URL gives back the same bytes`,
		async () => {
			const from = emulator.requests.length;
			const result = await n8n.execute(examples.IDS.dailyReport);
			if (!result.ok) throw new Error(explain(result));
			const [{ report, fileName }] = result.outputOf('Build report');
			expect(report).toMatch(/^metric,value\n/);

			const sent = requestsTo(emulator, '/msg/send_msg', from);
			expect(sent).toHaveLength(1);
			expect(sent[0].body).toMatchObject({
				sendID: 'imAdmin',
				groupID: SEED_GROUP_ID,
				sessionType: 3,
				contentType: 105,
				senderNickname: 'Report Bot',
			});
			const { content } = sent[0].body;
			expect(content).toMatchObject({ fileName, fileSize: Buffer.byteLength(report) });
			const stored = emulator.snapshot().messages.filter((m) => m.groupID === SEED_GROUP_ID);
			expect(JSON.parse(stored.at(-1).content)).toEqual(content);

			// The URL is the API's /object/<name>: 302 to the storage, which serves the bytes n8n built.
			expect(content.sourceUrl.startsWith(`${emulator.url}/object/n8n/`)).toBe(true);
			expect((await download(content.sourceUrl)).toString('utf8')).toBe(report);

			// Uploaded through the form flow; the storage never got the OpenIM token.
			expect(requestsTo(emulator, '/object/initiate_form_data', from)).toHaveLength(1);
			expect(requestsTo(emulator, '/object/complete_form_data', from)).toHaveLength(1);
			const uploads = emulator.storage.requests.filter((r) => r.method === 'POST');
			expect(uploads.at(-1)).toMatchObject({ path: '/openim', status: 200 });
			for (const request of emulator.storage.requests)
				expect(request.headers.token).toBeUndefined();
			expect(result.outputOf('Send report')).toEqual([
				expect.objectContaining({ groupID: SEED_GROUP_ID, contentType: 105 }),
			]);
		},
		TEST_TIMEOUT,
	);

	// n8n 2.x's SSRF protection judges the storage host (the server's answer) like Base URL: here the API is allowed
	// (127.0.0.1) and the storage, on 127.0.0.2, is not until it is allowed too.
	(generation === '2' ? describe : describe.skip)(
		"with n8n's SSRF protection, the storage on another address",
		() => {
			let other;
			let flow;
			const ON = { N8N_SSRF_PROTECTION_ENABLED: 'true' };

			beforeAll(async () => {
				other = await new OpenImV3Emulator({
					port: 0,
					seed: true,
					quiet: true,
					storageHost: '127.0.0.2',
				}).start();
				flow = dailyReportFor(other, 'Ssrf');
				await n8n.importCredential(flow.credential);
				await n8n.importWorkflow(flow.workflow);
			}, SETUP_TIMEOUT);

			afterAll(async () => other && (await other.stop()), TEST_TIMEOUT);

			test(
				'blocked: the upload fails at the storage step naming the address to allow, and nothing is sent',
				async () => {
					const result = await n8n.execute(flow.workflow.id, {
						env: { ...ON, N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.1/32' },
					});
					expect(result.status).toBe('error');
					const error = result.nodeErrors['Send report'];
					if (!error)
						throw new Error(`the OpenIM node did not fail:\n${result.output.slice(-3000)}`);
					expect(error.message).toBe(
						"Upload of Input Binary Field failed at the storage step: n8n's SSRF protection blocked the request to OpenIM's object storage at 127.0.0.2 [item 0]",
					);
					expect(error.description).toContain('set N8N_SSRF_ALLOWED_IP_RANGES=127.0.0.2/32 in');
					expect(requestsTo(other, '/object/initiate_form_data')).toHaveLength(1);
					expect(other.storage.requests).toEqual([]);
					expect(requestsTo(other, '/msg/send_msg')).toEqual([]);
				},
				TEST_TIMEOUT,
			);

			test(
				'allowed with both addresses: the file reaches the group',
				async () => {
					const result = await n8n.execute(flow.workflow.id, {
						env: { ...ON, N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.1/32,127.0.0.2/32' },
					});
					if (!result.ok) throw new Error(explain(result));
					const [{ report }] = result.outputOf('Build report');
					const [sent] = requestsTo(other, '/msg/send_msg');
					expect((await download(sent.body.content.sourceUrl)).toString('utf8')).toBe(report);
					for (const request of other.storage.requests)
						expect(request.headers.token).toBeUndefined();
				},
				TEST_TIMEOUT,
			);
		},
	);
});
