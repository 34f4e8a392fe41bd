'use strict';
/*
 * The OpenIM Trigger in a real n8n (1.x and 2.x), active under `n8n start`, with the example IM bot
 * (examples/im-bot.json, replying through the OpenIM node on 3.x) and two variants of it: the bot on the
 * 2021 emulator's message callback (the emulator calls n8n, n8n answers through a typeVersion 1 OpenIM
 * node) and a workflow that decides
 * before-events. 3.x callbacks come from the 3.x emulator's webhooks (test/emulator/v3/webhooks.js: an app
 * user sends, the emulator calls <url>/<command> as OpenIM 3.x does and honours the answer), or are
 * POSTed the same way by the test. Four active triggers in one n8n also show that their paths do not clash.
 */

const {
	GENERATIONS,
	LABEL,
	SETUP_TIMEOUT,
	TEST_TIMEOUT,
	startStack,
	examples,
} = require('./helpers');

const ADMIN = examples.OPENIM['2021'].adminUserId;

const ALLOW = { actionCode: 0, errCode: 0, errMsg: '', nextCode: 0 };
const SINGLE = 'callbackAfterSendSingleMsgCommand';
const BEFORE_SINGLE = 'callbackBeforeSendSingleMsgCommand';
const BEFORE_MODIFY = 'callbackBeforeMsgModifyCommand';
const BOT = 'support_bot';
const GROUP = 'callbackAfterSendGroupMsgCommand';

const clone = (value) => JSON.parse(JSON.stringify(value));
const triggerOf = (workflow) =>
	workflow.nodes.find((n) => n.type === 'n8n-nodes-openim.openImTrigger');

/** The example bot, on the 2021 server's message callback, replying through a typeVersion 1 OpenIM node. */
function bot2021(example) {
	const workflow = clone(example);
	Object.assign(workflow, { id: 'trgBot2021e2e001', name: 'IM bot on the 2021 callback' });
	Object.assign(triggerOf(workflow), { webhookId: '0d7c55e4-2021-4c1b-8f6a-5a1f0e2d3c4b' });
	triggerOf(workflow).parameters.apiVersion = '2021';
	const reply = workflow.nodes.find((n) => n.name === 'Reply');
	const { apiVersion, ...parameters } = reply.parameters;
	const { credentialId: id, credentialName: name } = examples.OPENIM['2021'];
	Object.assign(reply, { typeVersion: 1, parameters, credentials: { openImApi: { id, name } } });
	return workflow;
}

/** Refuses one-to-one messages with "spam" in them, allows the others and stars "darn" out of texts, from its last node. */
const DECIDE = {
	id: 'trgDecideE2e0001',
	name: 'Decide before-events',
	nodes: [
		{
			id: 'd-trigger',
			name: 'OpenIM Trigger',
			type: 'n8n-nodes-openim.openImTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: '9a3f6b2c-dec1-4de5-a7b8-c9d0e1f2a3b4',
			parameters: { events: [BEFORE_SINGLE, BEFORE_MODIFY], options: { decideBeforeEvents: true } },
		},
		{
			id: 'd-code',
			name: 'Allow or deny',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [220, 0],
			parameters: {
				jsCode:
					"const { event, text } = $input.first().json;\nif (event === 'beforeMsgModify') return [{ json: { actionCode: 0, errCode: 0, errMsg: '', nextCode: 0, content: JSON.stringify({ content: (text ?? '').replace(/darn/gi, '***') }) } }];\nif (/spam/i.test(text ?? '')) return [{ json: { actionCode: 0, nextCode: 1, errCode: 5001, errMsg: 'Refused by n8n: looks like spam' } }];\nreturn [{ json: { actionCode: 0, errCode: 0, errMsg: '', nextCode: 0 } }];",
			},
		},
	],
	connections: {
		'OpenIM Trigger': { main: [[{ node: 'Allow or deny', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

/** Inactive workflows whose trigger the test makes listen on its Test URL, as the editor's button does. */
const listener = (id, webhookId, parameters) => ({
	id,
	name: `Test URL ${id}`,
	nodes: [
		{
			id: `${id}-t`,
			name: 'OpenIM Trigger',
			type: 'n8n-nodes-openim.openImTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId,
			parameters,
		},
	],
	connections: {},
	settings: { executionOrder: 'v1' },
});
const LISTEN_V3 = listener('trgTestUrlV3e2e1', '7f8e9d0c-1b2a-4c3d-9e4f-5a6b7c8d9e0f', {
	events: ['*'],
	options: { pathToken: 'tok3n' },
});
const LISTEN_2021 = listener('trgTestUrl21e2e1', '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', {
	apiVersion: '2021',
});

async function until(what, check, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

describe.each(GENERATIONS)('OpenIM Trigger in n8n generation %s', (generation) => {
	let stack;
	let emulator;
	let n8n;
	let server;
	let example;
	let v3;
	let moderation;

	beforeAll(async () => {
		stack = await startStack(generation);
		({ n8n } = stack);
		emulator = stack.openim['2021'].emulator;
		v3 = stack.openim.v3.emulator;
		v3.state.addUser({ userID: BOT, nickname: 'Support bot' });
		example = stack.openim.v3.examples.find((e) => e.file === 'im-bot.json').workflow;
		moderation = stack.openim.v3.examples.find((e) => e.file === 'moderation.json').workflow;
		await n8n.importWorkflow([bot2021(example), DECIDE, LISTEN_V3, LISTEN_2021]);
		for (const id of [example.id, 'trgBot2021e2e001', DECIDE.id, moderation.id]) {
			await n8n.activateWorkflow(id);
		}
		server = await n8n.startServer();
		await server.setupOwner();
		for (const workflow of [example, bot2021(example), DECIDE]) {
			const id = triggerOf(workflow).webhookId;
			await server.waitForWebhook(
				triggerOf(workflow).parameters.apiVersion === '2021' ? id : `${id}/${id}/${SINGLE}`,
			);
		}
		const moderationId = triggerOf(moderation).webhookId;
		await server.waitForWebhook(`${moderationId}/${moderationId}/${GROUP}`);
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		if (stack) await stack.stop();
	}, TEST_TIMEOUT);

	const webhookId = (workflow) => triggerOf(workflow).webhookId;
	/** What goes into webhooks.yml as url: the production URL without /:command. */
	const urlOf = (workflow) =>
		`${server.baseUrl}/webhook/${webhookId(workflow)}/${webhookId(workflow)}`;

	async function callback(url, raw, headers = {}) {
		const res = await fetch(url, {
			method: 'POST',
			headers: {
				'content-type': 'application/json; charset=utf-8',
				operationID: 'op-e2e',
				...headers,
			},
			body: raw,
		});
		const text = await res.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: res.status, text, json };
	}

	async function executionsOf(workflowId) {
		const res = await server.request('GET', '/rest/executions?limit=100');
		if (res.status !== 200)
			throw new Error(`GET /rest/executions: HTTP ${res.status} ${res.text.slice(0, 300)}`);
		const data = res.json.data;
		return (data.results ?? data).filter((e) => String(e.workflowId) === workflowId);
	}

	const finished = async (workflowId, count) =>
		until(`${count} finished executions of ${workflowId}`, async () => {
			const list = await executionsOf(workflowId);
			return (
				list.length >= count &&
				list.every((e) => e.stoppedAt || ['success', 'error', 'crashed'].includes(e.status)) &&
				list
			);
		});

	const v3Message = (fields = {}) =>
		JSON.stringify({
			sendID: 'alice',
			recvID: BOT,
			callbackCommand: SINGLE,
			serverMsgID: 's1',
			clientMsgID: 'c1',
			operationID: 'op-e2e',
			senderPlatformID: 5,
			senderNickname: 'Alice',
			sessionType: 1,
			msgFrom: 100,
			contentType: 101,
			status: 1,
			sendTime: 1764630000123,
			createTime: 1764630000120,
			content: '{"content":"What are your opening hours?"}',
			seq: 0,
			atUserList: null,
			faceURL: '',
			ex: '',
			...fields,
		}) + '\n';

	test(
		`${LABEL[generation]} loads the OpenIM Trigger`,
		async () => {
			expect(await n8n.listNodeTypes()).toContain('n8n-nodes-openim.openImTrigger');
		},
		TEST_TIMEOUT,
	);

	test(
		'3.x: unselected events, unknown commands, bodies that are not JSON and the url without a command are answered and start nothing; a message gets one answer',
		async () => {
			const url = urlOf(example);
			for (const [command, raw, type] of [
				['callbackAfterUserOnlineCommand', '{"userID":"alice","platformID":5}'],
				['callbackNoSuchCommand', '{}'],
				[SINGLE, 'this is not JSON', 'text/plain'],
				[SINGLE, ''],
				[SINGLE, v3Message({ sendID: BOT, recvID: 'alice' })], // the bot's own reply: ignored
				[SINGLE, v3Message({ contentType: 102, content: '{"sourcePicture":{}}' })], // not text
			]) {
				const res = await callback(`${url}/${command}`, raw, type ? { 'content-type': type } : {});
				expect([command, res.status, res.json]).toEqual([command, 200, ALLOW]);
			}
			// JSON that does not parse is refused by n8n's body parser before the trigger runs; its JSON error
			// answer has no nextCode, which OpenIM also reads as allow.
			const broken = await callback(`${url}/${SINGLE}`, '{"sendID":');
			expect(broken.json).toEqual(expect.objectContaining({ message: expect.any(String) }));
			expect(broken.json.nextCode).toBeUndefined();
			// The url itself, as the panel shows it (OpenIM never posts there without a command).
			expect(await callback(url, v3Message())).toMatchObject({ status: 200, json: ALLOW });
			expect(await executionsOf(example.id)).toEqual([]);

			const before = v3.snapshot().messages.length;
			const res = await callback(`${url}/${SINGLE}`, v3Message());
			expect(res).toMatchObject({ status: 200, json: ALLOW });
			const [execution] = await finished(example.id, 1);
			expect(execution.status).toBe('success');
			const replies = v3.snapshot().messages.slice(before);
			expect(replies).toEqual([
				expect.objectContaining({
					sendID: BOT,
					recvID: 'alice',
					sessionType: 1,
					contentType: 101,
					senderNickname: 'Support bot',
				}),
			]);
			expect(JSON.parse(replies[0].content)).toEqual({
				content: 'We are open Monday to Friday, 9:00 to 17:00.',
			});
			expect(await executionsOf(example.id)).toHaveLength(1);
		},
		TEST_TIMEOUT,
	);

	test(
		'3.x, the workflow decides: a before-event is denied with the errCode of the last node, another allowed',
		async () => {
			const url = `${urlOf(DECIDE)}/${BEFORE_SINGLE}`;
			const denied = await callback(
				url,
				v3Message({ callbackCommand: BEFORE_SINGLE, content: '{"content":"cheap SPAM here"}' }),
			);
			expect(denied).toMatchObject({
				status: 200,
				json: {
					actionCode: 0,
					nextCode: 1,
					errCode: 5001,
					errMsg: 'Refused by n8n: looks like spam',
				},
			});
			const allowed = await callback(url, v3Message({ callbackCommand: BEFORE_SINGLE }));
			expect(allowed).toMatchObject({ status: 200, json: ALLOW });
			// Events it does not decide are still answered at once.
			expect((await callback(`${urlOf(DECIDE)}/${SINGLE}`, v3Message())).json).toEqual(ALLOW);
			expect((await finished(DECIDE.id, 2)).map((e) => e.status)).toEqual(['success', 'success']);
		},
		TEST_TIMEOUT,
	);

	/** An app user sends through the 3.x emulator (as the SDK would); resolves to its send_msg envelope. */
	const appSend = (body) =>
		fetch(`${v3.url}/__emulator/app/send`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ contentType: 101, ...body }),
		}).then((r) => r.json());

	test(
		'3.x emulator: the bot answers a user once; its own reply comes back as a webhook and starts nothing',
		async () => {
			const workflow = example;
			const executionsBefore = (await executionsOf(workflow.id)).length;
			v3.webhooks.configure({
				url: urlOf(workflow),
				afterSendSingleMsg: { enable: true, timeout: 5 },
			});
			const from = v3.snapshot().messages.length;
			expect(
				(
					await appSend({
						sendID: 'alice',
						recvID: BOT,
						content: { content: 'Can I talk to a human, please?' },
					})
				).errCode,
			).toBe(0);

			const executions = await finished(workflow.id, executionsBefore + 1);
			expect(executions.map((e) => e.status)).toEqual(Array(executionsBefore + 1).fill('success'));
			await until(
				'the webhook of the reply',
				async () => (await v3.webhooks.settled(), v3.webhooks.log.length >= 2),
			);
			const messages = v3.snapshot().messages.slice(from);
			expect(
				messages.map((m) => [m.sendID, m.recvID, m.msgFrom, JSON.parse(m.content).content]),
			).toEqual([
				['alice', BOT, 100, 'Can I talk to a human, please?'],
				[BOT, 'alice', 200, 'A colleague will get back to you here shortly.'],
			]);
			const log = v3.webhooks.log.slice(-2);
			expect(log.map((e) => [e.command, JSON.parse(e.body).sendID, JSON.parse(e.answer)])).toEqual([
				[SINGLE, 'alice', ALLOW],
				[SINGLE, BOT, ALLOW],
			]);
			expect(await executionsOf(workflow.id)).toHaveLength(executionsBefore + 1);
			v3.webhooks.configure({});
		},
		TEST_TIMEOUT,
	);

	test(
		'3.x emulator, moderation example: a leaked password in a group is found by Search, revoked as its sender, and the sender is told why',
		async () => {
			v3.webhooks.configure({
				url: urlOf(moderation),
				afterSendGroupMsg: { enable: true, timeout: 5 },
			});
			const from = v3.snapshot().messages.length;
			const requestsFrom = v3.requests.length;
			const group = '3000000001'; // the seed's demo group: alice owns it, bob and carol are members
			expect(
				(await appSend({ sendID: 'bob', groupID: group, content: { content: 'See you at 3' } }))
					.errCode,
			).toBe(0);
			const leak = await appSend({
				sendID: 'bob',
				groupID: group,
				content: { content: 'the db password: hunter2, do not share' },
			});
			expect(leak.errCode).toBe(0);

			const executions = await finished(moderation.id, 2);
			expect(executions.map((e) => e.status)).toEqual(['success', 'success']);
			await until('the tip to the sender', async () =>
				v3
					.snapshot()
					.messages.slice(from)
					.some((m) => m.recvID === 'bob'),
			);
			const searches = v3.requests.slice(requestsFrom).filter((r) => r.path === '/msg/search_msg');
			expect(searches.map((r) => r.body)).toEqual([
				{
					sendID: 'bob',
					recvID: group,
					sessionType: 3,
					contentType: 101,
					sendTime: new Date().toISOString().slice(0, 10),
					pagination: { pageNumber: 1, showNumber: 100 },
				},
			]);
			const leaked = v3.snapshot().messages.find((m) => m.clientMsgID === leak.data.clientMsgID);
			const revokes = v3.requests.slice(requestsFrom).filter((r) => r.path === '/msg/revoke_msg');
			expect(revokes.map((r) => [r.body, r.answer.errCode])).toEqual([
				[{ conversationID: `sg_${group}`, seq: leaked.seq, userID: 'bob' }, 0],
			]);
			expect(leaked.revoked).toBeTruthy();
			const told = v3
				.snapshot()
				.messages.slice(from)
				.filter((m) => m.recvID === 'bob');
			expect(told.map((m) => [m.sendID, m.sessionType, JSON.parse(m.content).content])).toEqual([
				[
					'imAdmin',
					1,
					'Your message in Demo group was removed because it looks like it contains a password or secret. Please share secrets another way.',
				],
			]);
			v3.webhooks.configure({});
		},
		TEST_TIMEOUT,
	);

	test(
		'3.x emulator, the workflow decides: the sender of a refused message gets the errCode, nothing is stored; a text is modified',
		async () => {
			v3.webhooks.configure({
				url: urlOf(DECIDE),
				beforeSendSingleMsg: { enable: true, timeout: 15 },
				beforeMsgModify: { enable: true, timeout: 15 },
			});
			const from = v3.snapshot().messages.length;
			const executionsBefore = (await executionsOf(DECIDE.id)).length;
			const refused = await appSend({
				sendID: 'alice',
				recvID: 'bob',
				content: { content: 'Buy SPAM now' },
			});
			expect(refused).toMatchObject({ errCode: 5001, errMsg: 'Refused by n8n: looks like spam' });
			const allowed = await appSend({
				sendID: 'alice',
				recvID: 'bob',
				content: { content: 'See you at lunch, darn it' },
			});
			expect(allowed.errCode).toBe(0);
			// beforeMsgModify's answer replaced the text before it was stored.
			expect(
				v3
					.snapshot()
					.messages.slice(from)
					.map((m) => JSON.parse(m.content).content),
			).toEqual(['See you at lunch, *** it']);
			expect(v3.webhooks.log.slice(-3).map((e) => e.command)).toEqual([
				BEFORE_SINGLE,
				BEFORE_SINGLE,
				BEFORE_MODIFY,
			]);
			// One execution per before-event: the refused message's, the allowed one's two.
			expect(await finished(DECIDE.id, executionsBefore + 3)).toHaveLength(executionsBefore + 3);
			v3.webhooks.configure({});
		},
		TEST_TIMEOUT,
	);

	test(
		'test URLs: while the editor listens, the Test URL in the same form reaches the trigger (3.x with a path token, 2021)',
		async () => {
			const listen = async (workflow) => {
				const res = await server.request('POST', `/rest/workflows/${workflow.id}/run`, {
					body: {
						workflowData: { ...workflow, active: false },
						triggerToStartFrom: { name: 'OpenIM Trigger' },
					},
				});
				expect([res.status, res.json && res.json.data]).toEqual([200, { waitingForWebhook: true }]);
			};
			const id3 = webhookId(LISTEN_V3);
			await listen(LISTEN_V3);
			const v3Answer = await callback(
				`${server.baseUrl}/webhook-test/${id3}/${id3}/tok3n/callbackAfterUserOnlineCommand`,
				'{"userID":"alice","platformID":5}',
			);
			expect(v3Answer).toMatchObject({ status: 200, json: ALLOW });
			const [v3Run] = await finished(LISTEN_V3.id, 1);
			expect(v3Run).toMatchObject({ mode: 'manual', status: 'success' });

			await listen(LISTEN_2021);
			const content = 'through the test URL';
			const answer2021 = await callback(
				`${server.baseUrl}/webhook-test/${webhookId(LISTEN_2021)}`,
				JSON.stringify({
					sendID: 'alice',
					recvID: BOT,
					content,
					sendTime: 1764630000123456789,
					msgFrom: 100,
					contentType: 101,
					sessionType: 1,
					senderPlatformID: 0,
				}),
			);
			expect(answer2021).toMatchObject({
				status: 200,
				json: { errCode: 0, ResponseResult: { modifiedMsg: content } },
			});
			expect(await finished(LISTEN_2021.id, 1)).toEqual([
				expect.objectContaining({ mode: 'manual', status: 'success' }),
			]);
		},
		TEST_TIMEOUT,
	);

	test(
		'2021: the bot answers a message once through the message callback, and every content stays as sent',
		async () => {
			const workflow = bot2021(example);
			emulator.messageCallback.configure({
				url: `${server.baseUrl}/webhook/${webhookId(workflow)}`,
			});
			const from = emulator.snapshot().messages.length;
			const logFrom = emulator.messageCallback.log.length;
			const token = emulator.issueToken(ADMIN, 8).token;
			const question = 'What do your plans cost? <b>&</b> "quoted" 😀';
			const sent = await fetch(`${emulator.url}/manager/send_msg`, {
				method: 'POST',
				headers: { token, 'content-type': 'application/json' },
				body: JSON.stringify({
					operationID: 'op-2021',
					sendID: 'alice',
					recvID: BOT,
					sessionType: 1,
					contentType: 101,
					content: { text: question },
				}),
			}).then((r) => r.json());
			expect(sent.errCode).toBe(0);

			const [execution] = await finished(workflow.id, 1);
			expect(execution.status).toBe('success');
			const messages = emulator.snapshot().messages.slice(from);
			expect(messages.map((m) => [m.sendID, m.recvID, m.content.text])).toEqual([
				['alice', BOT, question],
				[BOT, 'alice', 'Plans start at 10 EUR a month: https://example.com/pricing'],
			]);
			// Both messages went through the callback (the reply too) and came back unchanged; one execution.
			const log = emulator.messageCallback.log.slice(logFrom);
			expect(log.map((e) => JSON.parse(e.answer))).toEqual([
				{ errCode: 0, ResponseResult: { modifiedMsg: question } },
				{ errCode: 0, ResponseResult: { modifiedMsg: messages[1].content.text } },
			]);
			expect(await executionsOf(workflow.id)).toHaveLength(1);
			emulator.messageCallback.configure({});
		},
		TEST_TIMEOUT,
	);
});
