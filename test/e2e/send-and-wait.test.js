'use strict';
/*
 * Message → Send and Wait for Response in a real n8n (1.x and 2.x, `n8n start`), on both OpenIM
 * generations (3.x with the node's typeVersion 2, 2021 with typeVersion 1). Each case is a workflow
 * Webhook → Ask (Send and Wait) → Report (an OpenIM text "report <case> <the Ask node's output>"),
 * so that what the node returned after the wait is read from the emulator, where it landed.
 * The links are taken from the message the emulator received, as a user of an OpenIM app sees them.
 * Last, examples/approval.json: its Refund and Keep answers reach the requester. With
 * N8N_E2E_SCREENSHOT_GENERATION=<generation>, that run also makes the manual's picture of the Refund
 * link's page (docs/images/approval-page.png) and keeps the OpenIM request the approver got
 * (test-results/send-and-wait-approval-request.json).
 */

const crypto = require('crypto');
const {
	GENERATIONS,
	LABEL,
	SETUP_TIMEOUT,
	TEST_TIMEOUT,
	startStack,
	examples,
	until,
	answerLinks,
} = require('./helpers');
const { picturesOf, pictureOfPage, keepSample } = require('./page-picture');

const SENT = { v3: '/msg/send_msg', 2021: '/manager/send_msg' };
const textOf = (api, body) => (api === 'v3' ? body.content.content : body.content.text);
const QUESTION = 'Refund <b>A-1001</b> & "close" it?';
const ESCAPED_QUESTION = 'Refund &#60;b&#62;A-1001&#60;/b&#62; &#38; &#34;close&#34; it?';
const RECEIVER = 'alice';
/** n8n's own page for a link of a wait that is over (both lines render this template). */
const NO_ACTION = '<h1>No action required</h1>';

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
	{ fieldName: 'ticket', fieldType: 'hiddenField', fieldValue: 'T-77' },
];

const CASES = {
	// No approvalOptions and no options at all: what a new node stores.
	approvalSingle: { responseType: 'approval' },
	approvalDouble: {
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
			recvID: RECEIVER,
			...parameters,
		},
		credentials: { [credentialType]: { id: credentialId, name: credentialName } },
	};
}

const pathOf = (api, name) => `saw-${api}-${name.toLowerCase()}`;
const hash = (text) => crypto.createHash('sha256').update(text).digest('hex');
const workflowIdOf = (api, name) => `saw${hash(`${api}${name}`).slice(0, 13)}`;

function workflowOf(api, name) {
	const id = workflowIdOf(api, name);
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
				webhookId: hash(`webhook ${api}${name}`)
					.slice(0, 32)
					.replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-'),
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

const APPROVAL_EXAMPLE = 'openimExApprove1';

describe.each(GENERATIONS.map((generation) => [LABEL[generation], generation]))(
	'Send and Wait for Response on %s',
	(_label, generation) => {
		let stack;
		let server;

		beforeAll(async () => {
			stack = await startStack(generation);
			const workflows = ['v3', '2021'].flatMap((api) =>
				Object.keys(CASES).map((name) => workflowOf(api, name)),
			);
			await stack.n8n.importWorkflow(workflows);
			for (const workflow of workflows) await stack.n8n.activateWorkflow(workflow.id);
			// startStack imported the examples; the approval example is driven at the end.
			await stack.n8n.activateWorkflow(APPROVAL_EXAMPLE);
			server = await stack.n8n.startServer();
			for (const api of ['v3', '2021'])
				for (const name of Object.keys(CASES)) await server.waitForWebhook(pathOf(api, name));
			await server.waitForWebhook('openim-approval');
		}, SETUP_TIMEOUT);

		afterAll(async () => {
			if (stack) await stack.stop();
		});

		/** The message requests the emulator of `api` received, in order. */
		const sent = (api) =>
			stack.openim[api].emulator.requests.filter((r) => r.path === SENT[api] && r.body);
		const reports = (api, name) =>
			sent(api)
				.map((r) => textOf(api, r.body))
				.filter((text) => text.startsWith(`report ${name} `))
				.map((text) => JSON.parse(text.slice(`report ${name} `.length)));
		const reported = (api, name) => until(() => reports(api, name).length && reports(api, name));

		/**
		 * Starts the case's workflow, checks the OpenIM request it sent (sender, receiver, a text
		 * message of the question and one signed link per label) and resolves with the links.
		 */
		async function ask(api, name, marker, labels) {
			const before = sent(api).length;
			const started = await fetch(`${server.baseUrl}/webhook/${pathOf(api, name)}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ marker }),
			});
			expect(started.status).toBe(200);
			const question = `${QUESTION} [${name}]`;
			const request = await until(() =>
				sent(api)
					.slice(before)
					.find((r) => textOf(api, r.body).startsWith(question)),
			);
			expect(request.body).toMatchObject({
				sendID: examples.OPENIM[api].adminUserId,
				recvID: RECEIVER,
				sessionType: 1,
				contentType: 101,
			});
			const text = textOf(api, request.body);
			const links = answerLinks(text);
			expect(links.map((link) => link.label)).toEqual(labels);
			expect(text).toBe([question, '', ...links.map((l) => `${l.label}: ${l.url}`)].join('\n'));
			let executionId;
			for (const [index, link] of links.entries()) {
				const url = new URL(link.url);
				expect(url.origin).toBe(server.baseUrl);
				const [, id, nodeId] = /^\/webhook-waiting\/(\d+)\/([^/]+)$/.exec(url.pathname) ?? [];
				expect(nodeId).toBe(`${workflowIdOf(api, name)}-ask`);
				executionId = executionId ?? id;
				expect(id).toBe(executionId);
				// A form's one link and an approval's first answer say approved=true, as n8n's own nodes.
				expect(url.searchParams.get('approved')).toBe(index === 0 ? 'true' : 'false');
				expect(url.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
			}
			return links;
		}

		const post = (url, body = new FormData()) => fetch(url, { method: 'POST', body });

		/** A link of a wait that is over: n8n's own page, and nothing recorded. */
		async function expectNoActionRequired(url) {
			for (const response of [await fetch(url), await post(url)]) {
				expect(response.status).toBe(200);
				const html = await response.text();
				expect(html).toContain(NO_ACTION);
				expect(html).not.toContain('was recorded');
			}
		}

		describe.each(['v3', '2021'])('OpenIM %s', (api) => {
			it(
				'approval with one button: one "Approve" link; its page has one button; POST resumes with approved true; the link then shows n8n\'s "No action required"',
				async () => {
					const [approve] = await ask(api, 'approvalSingle', 's1', ['Approve']);
					const page = await fetch(approve.url);
					expect(page.status).toBe(200);
					const html = await page.text();
					expect(html.match(/<button/g)).toHaveLength(1);
					expect(html).toContain('>Approve</button>');
					expect(html).toContain(`${ESCAPED_QUESTION} [approvalSingle]`);
					expect(reports(api, 'approvalSingle')).toEqual([]);

					const answered = await post(approve.url);
					expect(answered.status).toBe(200);
					expect(await answered.text()).toContain('Your answer "Approve" was recorded.');
					const [report] = await reported(api, 'approvalSingle');
					expect(report).toEqual({ data: { approved: true, respondedAt: expect.any(String) } });
					expect(Number.isNaN(Date.parse(report.data.respondedAt))).toBe(false);
					await expectNoActionRequired(approve.url);
				},
				TEST_TIMEOUT,
			);

			it(
				'approval with two buttons: GET shows a page and records nothing, a tampered link is refused, POST of "Keep" resumes with approved false, "Refund" is then over',
				async () => {
					const [refund, keep] = await ask(api, 'approvalDouble', 'd1', ['Refund', 'Keep']);

					// A link preview (GET) of each answer shows that answer's page, with one button.
					for (const [link, label] of [
						[refund, 'Refund'],
						[keep, 'Keep'],
					]) {
						const page = await fetch(link.url);
						expect(page.status).toBe(200);
						const html = await page.text();
						expect(html.match(/<button/g)).toHaveLength(1);
						expect(html).toContain(`>${label}</button>`);
						expect(html).toContain(`${ESCAPED_QUESTION} [approvalDouble]`);
						expect(html).not.toMatch(/<script|<link|src=/i);
						expect(page.headers.get('content-security-policy')).toMatch(/sandbox/);
					}

					// The approve link turned into a decline (its signature kept), a forged signature, none.
					const flipped = refund.url.replace('approved=true', 'approved=false');
					const forged = `${refund.url.slice(0, -1)}${refund.url.endsWith('0') ? '1' : '0'}`;
					const unsigned = refund.url.replace(/&signature=.*$/, '');
					for (const url of [flipped, forged, unsigned]) expect((await post(url)).status).toBe(401);

					// Had a GET or a refused POST recorded anything, "Keep" would now record nothing.
					const answered = await post(keep.url);
					expect(answered.status).toBe(200);
					expect(await answered.text()).toContain('Your answer "Keep" was recorded.');
					const [report] = await reported(api, 'approvalDouble');
					expect(report).toEqual({ data: { approved: false, respondedAt: expect.any(String) } });
					await expectNoActionRequired(refund.url);
					await expectNoActionRequired(keep.url);
				},
				TEST_TIMEOUT,
			);

			it(
				'free text: GET shows the form, its multipart POST resumes with the text',
				async () => {
					const [answer] = await ask(api, 'freeText', 'f1', ['Answer']);
					const form = await (await fetch(answer.url)).text();
					expect(form).toContain('<form method="post" enctype="multipart/form-data">');
					expect(form).toContain('<textarea id="f0" name="field-0" required>');
					expect(form).toContain(`${ESCAPED_QUESTION} [freeText]`);
					const empty = await post(answer.url);
					expect(empty.status).toBe(400);
					expect(await empty.text()).toContain('&#34;Response&#34; is required.');
					const body = new FormData();
					body.set('field-0', 'Box <was> wet');
					const answered = await post(answer.url, body);
					expect(answered.status).toBe(200);
					expect(await answered.text()).toContain('Your answer was recorded.');
					const [report] = await reported(api, 'freeText');
					expect(report).toEqual({
						data: { text: 'Box <was> wet', respondedAt: expect.any(String) },
					});
					await expectNoActionRequired(answer.url);
				},
				TEST_TIMEOUT,
			);

			it(
				'custom form: the fields by label; a required field left empty records nothing; the answer resumes with every field',
				async () => {
					const [respond] = await ask(api, 'customForm', 'c1', ['Respond']);
					const form = await (await fetch(respond.url)).text();
					expect(form).toContain('<h1>Refund details</h1>');
					expect(form).toContain('<option value="Late">Late</option>');
					expect(form).toContain('name="field-2" value="repeat"');
					expect(form).not.toContain('T-77');
					const urlencoded = await fetch(respond.url, {
						method: 'POST',
						headers: { 'content-type': 'application/x-www-form-urlencoded' },
						body: 'field-1=Late',
					});
					if (generation === '2') {
						// n8n 2.x itself refuses a custom form that is not multipart, before the node runs.
						expect(urlencoded.status).toBe(415);
					} else {
						// n8n 1.x has no such check: the node reads the urlencoded form (Amount missing here).
						expect(urlencoded.status).toBe(400);
						expect(await urlencoded.text()).toContain('&#34;Amount&#34; is required.');
					}
					const empty = await post(respond.url);
					expect(empty.status).toBe(400);
					expect(await empty.text()).toContain('&#34;Amount&#34; is required.');
					expect(reports(api, 'customForm')).toEqual([]);

					const body = new FormData();
					body.set('field-0', '42.5');
					body.set('field-1', 'Late');
					body.append('field-2', 'vip');
					body.append('field-2', 'repeat');
					expect((await post(respond.url, body)).status).toBe(200);
					const [report] = await reported(api, 'customForm');
					expect(report).toEqual({
						data: {
							Amount: 42.5,
							Reason: 'Late',
							Tags: ['vip', 'repeat'],
							ticket: 'T-77',
							respondedAt: expect.any(String),
						},
					});
					await expectNoActionRequired(respond.url);
				},
				TEST_TIMEOUT,
			);

			it(
				'past the wait limit the execution goes on with the input item (no data key); the link is then over',
				async () => {
					const [approve] = await ask(api, 'timeout', 't1', ['Approve']);
					const [report] = await reported(api, 'timeout');
					expect(report.data).toBeUndefined();
					expect(report.body).toEqual({ marker: 't1' });
					await expectNoActionRequired(approve.url);
				},
				TEST_TIMEOUT,
			);

			it('after all that, each case reported exactly once (no answer was recorded twice)', () => {
				// The wait-limit case took n8n's wait tracker (up to a minute): a late second resume would be here.
				for (const name of Object.keys(CASES)) expect(reports(api, name)).toHaveLength(1);
			});
		});

		describe('examples/approval.json (OpenIM 3.x)', () => {
			const order = (id) => ({
				order: id,
				amount: '9.90 EUR',
				requester: 'bob',
				approver: 'alice',
			});

			/** Posts an expense, answers with the link of `label`, resolves with what bob was told. */
			async function decide(id, label) {
				const before = sent('v3').length;
				const started = await fetch(`${server.baseUrl}/webhook/openim-approval`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(order(id)),
				});
				expect(started.status).toBe(200);
				const asked = await until(() =>
					sent('v3')
						.slice(before)
						.find((r) => r.body.recvID === 'alice'),
				);
				expect(asked.body).toMatchObject({ sendID: 'imAdmin', sessionType: 1, contentType: 101 });
				const text = textOf('v3', asked.body);
				expect(text.split('\n')[0]).toBe(`Refund order ${id} (9.90 EUR) for bob?`);
				const links = answerLinks(text);
				expect(links.map((link) => link.label)).toEqual(['Refund', 'Keep']);
				const link = links.find((l) => l.label === label);
				if (picturesOf(generation) && label === 'Refund') {
					keepSample('send-and-wait-approval-request.json', asked.body);
					await pictureOfPage(link.url, 'approval-page.png');
				}
				expect((await post(link.url)).status).toBe(200);
				const told = await until(() =>
					sent('v3')
						.slice(before)
						.find((r) => r.body.recvID === 'bob'),
				);
				expect(told.body.senderNickname).toBe('Approvals');
				return textOf('v3', told.body);
			}

			it(
				'Refund tells the requester it was approved; Keep that it was declined',
				async () => {
					expect(await decide('B-7', 'Refund')).toBe('Your refund of order B-7 was approved.');
					expect(await decide('B-8', 'Keep')).toBe('Your refund of order B-8 was declined.');
				},
				TEST_TIMEOUT,
			);
		});
	},
);
