'use strict';
/*
 * Files from n8n binary data into OpenIM 3.x, in a real n8n of each generation: the "daily report to a group"
 * example builds a CSV in n8n (Code node, then Convert to File) and the OpenIM node sends it as a file message to
 * the seeded group. The group message's URL must give back the bytes n8n built.
 */

const { GENERATIONS, LABEL, SETUP_TIMEOUT, TEST_TIMEOUT, startStack, requestsTo, explain, examples } = require('./helpers');
const { SEED_GROUP_ID } = require('../emulator/v3/state');

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

	test(`${LABEL[generation]}: the daily report reaches the group as a file message whose URL gives back the same bytes`, async () => {
		const from = emulator.requests.length;
		const result = await n8n.execute(examples.IDS.dailyReport);
		if (!result.ok) throw new Error(explain(result));
		const [{ report, fileName }] = result.outputOf('Build report');
		expect(report).toMatch(/^metric,value\n/);

		const sent = requestsTo(emulator, '/msg/send_msg', from);
		expect(sent).toHaveLength(1);
		expect(sent[0].body).toMatchObject({ sendID: 'imAdmin', groupID: SEED_GROUP_ID, sessionType: 3, contentType: 105, senderNickname: 'Report Bot' });
		const { content } = sent[0].body;
		expect(content).toMatchObject({ fileName, fileSize: Buffer.byteLength(report) });
		const stored = emulator.snapshot().messages.filter((m) => m.groupID === SEED_GROUP_ID);
		expect(JSON.parse(stored.at(-1).content)).toEqual(content);

		// The URL is the API's /object/<name>: 302 to the storage, which serves the bytes n8n built.
		expect(content.sourceUrl.startsWith(`${emulator.url}/object/n8n/`)).toBe(true);
		const redirect = await fetch(content.sourceUrl, { redirect: 'manual' });
		expect(redirect.status).toBe(302);
		const file = await fetch(redirect.headers.get('location'));
		expect(file.status).toBe(200);
		expect(Buffer.from(await file.arrayBuffer()).toString('utf8')).toBe(report);

		// Uploaded through the form flow; the storage never got the OpenIM token.
		expect(requestsTo(emulator, '/object/initiate_form_data', from)).toHaveLength(1);
		expect(requestsTo(emulator, '/object/complete_form_data', from)).toHaveLength(1);
		const uploads = emulator.storage.requests.filter((r) => r.method === 'POST');
		expect(uploads.at(-1)).toMatchObject({ path: '/openim', status: 200 });
		for (const request of emulator.storage.requests) expect(request.headers.token).toBeUndefined();
		expect(result.outputOf('Send report')).toEqual([expect.objectContaining({ groupID: SEED_GROUP_ID, contentType: 105 })]);
	}, TEST_TIMEOUT);
});
