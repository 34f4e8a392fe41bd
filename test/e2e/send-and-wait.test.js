'use strict';
/*
 * Message → Send and Wait for Response in a real n8n (1.x and 2.x, `n8n start`), on both OpenIM
 * generations (3.x with the node's typeVersion 2, 2021 with typeVersion 1). Each case is a workflow
 * Webhook → Ask (Send and Wait) → Report (an OpenIM text "report <case> <the Ask node's output>"),
 * so that what the node returned after the wait is read from the emulator, where it landed.
 * The links are taken from the message the emulator received, as a user of an OpenIM app sees them.
 */

const {
	GENERATIONS,
	LABEL,
	SETUP_TIMEOUT,
	TEST_TIMEOUT,
	startStack,
	examples,
} = require('./helpers');

const SENT = { v3: '/msg/send_msg', 2021: '/manager/send_msg' };
const textOf = (api, body) => (api === 'v3' ? body.content.content : body.content.text);
const QUESTION = 'Refund <b>A-1001</b> & "close" it?';

const FORM_FIELDS = [
	{ fieldLabel: 'Amount', fieldType: 'number', requiredField: true },
	{
		fieldLabel: 'Reason',
		fieldType: 'dropdown',
		fieldOptions: { values: [{ option: 'Damaged' }, { option: 'Late' }] },
	},
	{
		fieldLabel: 'Tags',
		fieldType: 'checkbox',
		fieldOptions: { values: [{ option: 'vip' }, { option: 'repeat' }] },
	},
];

const CASES = {
	approval: {
		responseType: 'approval',
		approvalOptions: {
			values: { approvalType: 'double', approveLabel: 'Refund', disapproveLabel: 'Keep' },
		},
	},
	freeText: { responseType: 'freeText', options: { messageButtonLabel: 'Answer' } },
	customForm: {
		responseType: 'customForm',
		formFields: { values: FORM_FIELDS },
		options: { responseFormTitle: 'Refund details' },
	},
	timeout: {
		responseType: 'approval',
		options: {
			limitWaitTime: {
				values: { limitType: 'afterTimeInterval', resumeAmount: 0.02, resumeUnit: 'minutes' },
			},
		},
	},
};

/** The receiver fields and credential of each OpenIM generation, at the node's typeVersion for it. */
function openImNode(api, id, name, parameters, position) {
	const { credentialId, credentialName, credentialType, adminUserId } = examples.OPENIM[api];
	return {
		id,
		name,
		type: 'n8n-nodes-openim.openIm',
		typeVersion: api === 'v3' ? 2 : 1,
		position,
		parameters: {
			...(api === 'v3' && { apiVersion: 'v3' }),
			resource: 'message',
			sendID: adminUserId,
			sessionType: 1,
			recvID: 'alice',
			...parameters,
		},
		credentials: { [credentialType]: { id: credentialId, name: credentialName } },
	};
}

const pathOf = (api, name) => `saw-${api}-${name.toLowerCase()}`;

function workflowOf(api, name) {
	const id = `saw${api}${name}`.padEnd(16, 'x').slice(0, 16);
	return {
		id,
		name: `Send and Wait ${api} ${name}`,
		nodes: [
			{
				id: `${id}-wh`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `5a1d0000-0000-4000-8000-${Buffer.from(`${api}${name}`).toString('hex').padEnd(12, '0').slice(0, 12)}`,
				parameters: { httpMethod: 'POST', path: pathOf(api, name), options: {} },
			},
			openImNode(
				api,
				`${id}-ask`,
				'Ask',
				{ operation: 'sendAndWait', message: `${QUESTION} [${name}]`, ...CASES[name] },
				[220, 0],
			),
			openImNode(
				api,
				`${id}-rep`,
				'Report',
				{
					operation: 'send',
					contentType: 101,
					text: `={{ 'report ${name} ' + JSON.stringify($json) }}`,
				},
				[440, 0],
			),
		],
		connections: {
			Webhook: { main: [[{ node: 'Ask', type: 'main', index: 0 }]] },
			Ask: { main: [[{ node: 'Report', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** Resolves once `check()` gives a value (the jest timeout is the hang guard). */
async function until(check) {
	for (;;) {
		const value = check();
		if (value) return value;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

const linksIn = (text) =>
	[...text.matchAll(/^(.+): (http\S+)$/gm)].map(([, label, url]) => ({ label, url }));

describe.each(GENERATIONS)('Send and Wait for Response on %s', (generation) => {
	let stack;
	let server;

	beforeAll(async () => {
		stack = await startStack(generation);
		const workflows = ['v3', '2021'].flatMap((api) =>
			Object.keys(CASES).map((name) => workflowOf(api, name)),
		);
		await stack.n8n.importWorkflow(workflows);
		for (const workflow of workflows) await stack.n8n.activateWorkflow(workflow.id);
		server = await stack.n8n.startServer();
		for (const api of ['v3', '2021'])
			for (const name of Object.keys(CASES)) await server.waitForWebhook(pathOf(api, name));
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		if (stack) await stack.stop();
	});

	/** The texts the emulator of `api` received as messages, in order. */
	const texts = (api) =>
		stack.openim[api].emulator.requests
			.filter((r) => r.path === SENT[api] && r.body)
			.map((r) => textOf(api, r.body));
	const reports = (api, name) =>
		texts(api)
			.filter((text) => text.startsWith(`report ${name} `))
			.map((text) => JSON.parse(text.slice(`report ${name} `.length)));

	/** Starts the case's workflow and resolves with the links of the message it sent. */
	async function ask(api, name, marker) {
		const before = texts(api).length;
		const started = await fetch(`${server.baseUrl}/webhook/${pathOf(api, name)}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ marker }),
		});
		expect(started.status).toBe(200);
		const message = await until(() =>
			texts(api)
				.slice(before)
				.find((text) => text.startsWith(`${QUESTION} [${name}]`)),
		);
		return { message, links: linksIn(message) };
	}

	describe.each(['v3', '2021'])('OpenIM %s', (api) => {
		let approvalLinks;

		it(
			'approval: the message has one link per answer; GET shows a page and records nothing, a tampered link is refused, POST resumes with its answer',
			async () => {
				const { message, links } = await ask(api, 'approval', 'a1');
				approvalLinks = links;
				expect(links.map((link) => link.label)).toEqual(['Refund', 'Keep']);
				expect(message.split('\n')[1]).toBe('');
				for (const [link, approved] of [
					[links[0], 'true'],
					[links[1], 'false'],
				]) {
					const url = new URL(link.url);
					expect(url.origin).toBe(server.baseUrl);
					expect(url.pathname).toMatch(/^\/webhook-waiting\/\d+\/saw\w+-ask$/);
					expect(url.searchParams.get('approved')).toBe(approved);
					expect(url.searchParams.get('signature')).toMatch(/\S{20,}/);
				}

				// A link preview (GET) of "Refund" shows the page of that answer, with one button.
				const page = await fetch(links[0].url);
				expect(page.status).toBe(200);
				const html = await page.text();
				expect(html.match(/<button/g)).toHaveLength(1);
				expect(html).toContain('>Refund</button>');
				expect(html).toContain('Refund &#60;b&#62;A-1001&#60;/b&#62; &#38; &#34;close&#34; it?');
				expect(html).not.toMatch(/<script|<link|src=/i);
				expect(page.headers.get('content-security-policy')).toMatch(/sandbox/);

				// The approve link turned into a decline (its signature kept), and a forged signature: refused.
				const flipped = links[0].url.replace('approved=true', 'approved=false');
				const forged = `${links[0].url.slice(0, -4)}AAAA`;
				for (const url of [flipped, forged])
					expect((await fetch(url, { method: 'POST' })).status).toBe(401);

				// Had the GET or a refused POST recorded anything, "Keep" would now record nothing.
				const answered = await fetch(links[1].url, { method: 'POST', body: new FormData() });
				expect(answered.status).toBe(200);
				expect(await answered.text()).toContain('Your answer "Keep" was recorded.');
				const [report] = await until(
					() => reports(api, 'approval').length && reports(api, 'approval'),
				);
				expect(report.data).toEqual({ approved: false, respondedAt: expect.any(String) });
			},
			TEST_TIMEOUT,
		);

		it(
			'free text: GET shows the form, its multipart POST resumes with the text',
			async () => {
				const { links } = await ask(api, 'freeText', 'f1');
				expect(links.map((link) => link.label)).toEqual(['Answer']);
				const form = await (await fetch(links[0].url)).text();
				expect(form).toContain('<form method="post" enctype="multipart/form-data">');
				expect(form).toContain('name="field-0"');
				expect(reports(api, 'freeText')).toEqual([]);
				const body = new FormData();
				body.set('field-0', 'Box <was> wet');
				const answered = await fetch(links[0].url, { method: 'POST', body });
				expect(answered.status).toBe(200);
				const [report] = await until(
					() => reports(api, 'freeText').length && reports(api, 'freeText'),
				);
				expect(report.data).toEqual({ text: 'Box <was> wet', respondedAt: expect.any(String) });
			},
			TEST_TIMEOUT,
		);

		it(
			'custom form: the fields by label; a required field left empty records nothing; the answer resumes',
			async () => {
				const { links } = await ask(api, 'customForm', 'c1');
				expect(links.map((link) => link.label)).toEqual(['Respond']);
				const form = await (await fetch(links[0].url)).text();
				expect(form).toContain('<h1>Refund details</h1>');
				expect(form).toContain('<option value="Late">Late</option>');
				if (generation === '2') {
					// n8n 2.x itself refuses a custom form that is not multipart, before the node runs.
					const urlencoded = await fetch(links[0].url, {
						method: 'POST',
						headers: { 'content-type': 'application/x-www-form-urlencoded' },
						body: 'field-0=1',
					});
					expect(urlencoded.status).toBe(415);
				}
				const empty = await fetch(links[0].url, { method: 'POST', body: new FormData() });
				expect(empty.status).toBe(400);
				expect(await empty.text()).toContain('&#34;Amount&#34; is required.');
				const body = new FormData();
				body.set('field-0', '42.5');
				body.set('field-1', 'Late');
				body.append('field-2', 'vip');
				body.append('field-2', 'repeat');
				expect((await fetch(links[0].url, { method: 'POST', body })).status).toBe(200);
				const [report] = await until(
					() => reports(api, 'customForm').length && reports(api, 'customForm'),
				);
				expect(report.data).toEqual({
					Amount: 42.5,
					Reason: 'Late',
					Tags: ['vip', 'repeat'],
					respondedAt: expect.any(String),
				});
			},
			TEST_TIMEOUT,
		);

		it(
			'past the wait limit the execution goes on with the input item (no data key)',
			async () => {
				await ask(api, 'timeout', 't1');
				const [report] = await until(
					() => reports(api, 'timeout').length && reports(api, 'timeout'),
				);
				expect(report.data).toBeUndefined();
				expect(report.body).toEqual({ marker: 't1' });
			},
			TEST_TIMEOUT,
		);

		it(
			'a second answer records nothing',
			async () => {
				// After the other cases ran (the timeout case waited for n8n's wait tracker), still one report.
				const again = await fetch(approvalLinks[0].url, { method: 'POST', body: new FormData() });
				expect(again.status).toBeLessThan(500);
				expect(await again.text()).not.toContain('was recorded');
				await ask(api, 'approval', 'a2').then(({ links }) =>
					fetch(links[0].url, { method: 'POST', body: new FormData() }),
				);
				const both = await until(
					() => reports(api, 'approval').length >= 2 && reports(api, 'approval'),
				);
				expect(both.map((report) => report.data.approved)).toEqual([false, true]);
			},
			TEST_TIMEOUT,
		);
	});
});
