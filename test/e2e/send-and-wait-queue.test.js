'use strict';
/*
 * Send and Wait for Response in n8n's queue mode, per n8n generation (helpers.startQueueStack: main,
 * two workers, one webhook process, PostgreSQL and Redis, the 3.x emulator): examples/approval.json
 * enters through the webhook process, waits in the database, and the answer (a POST of a link,
 * built from WEBHOOK_URL = the webhook process) resumes it on a worker.
 */

const {
	GENERATIONS,
	LABEL,
	SETUP_TIMEOUT,
	TEST_TIMEOUT,
	startQueueStack,
	until,
	answerLinks,
} = require('./helpers');

const APPROVAL = 'openimExApprove1';
const SEND_PATH = '/msg/send_msg';

describe.each(GENERATIONS.map((generation) => [LABEL[generation], generation]))(
	'Send and Wait in queue mode on %s',
	(_label, generation) => {
		let stack;

		beforeAll(async () => {
			stack = await startQueueStack(generation, { activate: [APPROVAL] });
			await stack.webhook.waitForWebhook('openim-approval');
		}, SETUP_TIMEOUT);

		afterAll(async () => {
			if (stack) await stack.stop();
		}, TEST_TIMEOUT);

		const statusOf = (id) =>
			stack.services.postgres.query(
				`select status, mode from execution_entity where id = '${id}'`,
			)[0];
		const sent = () => stack.emulator.requests.filter((r) => r.path === SEND_PATH && r.body);
		/** How often the workers logged the execution as started: once per job of it. */
		const jobsOf = (id) =>
			stack.workers.map((worker) => worker.executions().filter((started) => started === id).length);

		it(
			'the question goes out from a worker, the execution waits; the answer through the webhook process resumes it on a worker',
			async () => {
				const started = await fetch(`${stack.webhook.baseUrl}/webhook/openim-approval`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ order: 'Q-1', amount: '5 EUR', requester: 'bob' }),
				});
				expect(started.status).toBe(200);
				const asked = await until(() => sent().find((r) => r.body.recvID === 'alice'));
				const text = asked.body.content.content;
				expect(text.split('\n')[0]).toBe('Refund order Q-1 (5 EUR) for bob?');
				const links = answerLinks(text);
				expect(links.map((link) => link.label)).toEqual(['Refund', 'Keep']);
				const [, id] = /\/webhook-waiting\/(\d+)\//.exec(links[0].url);
				// WEBHOOK_URL is the webhook process: that is where the links lead.
				expect(new URL(links[0].url).origin).toBe(stack.webhook.baseUrl);
				await until(() => statusOf(id)?.[0] === 'waiting');
				expect(jobsOf(id).reduce((a, b) => a + b)).toBe(1);
				expect(sent().filter((r) => r.body.recvID === 'bob')).toEqual([]);

				const page = await fetch(links[0].url);
				expect(page.status).toBe(200);
				expect(await page.text()).toContain('>Refund</button>');
				const answered = await fetch(links[0].url, { method: 'POST', body: new FormData() });
				expect(answered.status).toBe(200);
				expect(await answered.text()).toContain('Your answer "Refund" was recorded.');

				const told = await until(() => sent().find((r) => r.body.recvID === 'bob'));
				expect(told.body.content.content).toBe('Your refund of order Q-1 was approved.');
				await until(() => statusOf(id)?.[0] === 'success');
				expect(statusOf(id)).toEqual(['success', 'webhook']);
				// Two jobs of the one execution, both on workers: the first half and the resume.
				expect(jobsOf(id).reduce((a, b) => a + b)).toBe(2);
				expect(sent().filter((r) => r.body.recvID === 'bob')).toHaveLength(1);
			},
			TEST_TIMEOUT,
		);
	},
);
