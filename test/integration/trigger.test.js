'use strict';
// The OpenIM Trigger's webhook() in n8n-core's WebhookContext (trigger-host.js), its path and response
// mode as n8n-workflow evaluates them, and a bot on the 2021 emulator: the message callback reaches the
// trigger, the OpenIM node answers the sender through the real engine, and the content stays intact.
const { loadPackage, CredentialStore } = require('./harness');
const { TriggerHost } = require('./trigger-host');
const { OpenImEmulator } = require('../emulator');

const ALLOW = { actionCode: 0, errCode: 0, errMsg: '', nextCode: 0 };
const SINGLE = 'callbackAfterSendSingleMsgCommand';
const hosts = [];

async function host(options) {
	const started = await new TriggerHost(options).start();
	hosts.push(started);
	return started;
}
afterEach(async () => {
	await Promise.all(hosts.splice(0).map((h) => h.stop()));
});

async function post(url, raw, headers = { 'content-type': 'application/json; charset=utf-8' }) {
	const res = await fetch(url, { method: 'POST', headers, body: raw });
	const text = await res.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, type: res.headers.get('content-type'), text, json };
}

/** Where 3.x posts a command: under the URL the panel shows, as webhooks.yml's url. */
const commandUrl = (h, command) => `${h.shownUrl}/${command}`;
const message = (fields = {}) =>
	JSON.stringify({
		sendID: 'alice',
		recvID: 'bot',
		contentType: 101,
		msgFrom: 100,
		sessionType: 1,
		content: '{"content":"hi"}',
		...fields,
	});

describe('path and response mode as n8n evaluates them', () => {
	test("3.x: the panel shows the url for webhooks.yml, <webhookId>/<webhookId>; the commands' path stays <webhookId>/:command; two nodes never share them", async () => {
		const a = await host({ webhookId: 'aaaa-1111' });
		const b = await host({ webhookId: 'bbbb-2222' });
		expect(a.paths).toEqual(['aaaa-1111/aaaa-1111', 'aaaa-1111/:command']);
		expect(b.paths).toEqual(['bbbb-2222/bbbb-2222', 'bbbb-2222/:command']);
		// The editor shows only the first: the url to paste, with no :command in it.
		expect(a.shownUrls).toEqual([`${a.base}/webhook/aaaa-1111/aaaa-1111`]);
		expect(a.webhooks.map((w) => a.evaluate(w.description.responseMode))).toEqual([
			'onReceived',
			'onReceived',
		]);
	});

	test('a path token adds a :token segment (the token itself is never in a path); 2021 shows its callbackUrl', async () => {
		const token = await host({ parameters: { options: { pathToken: 's3cret' } } });
		expect(token.paths).toEqual([
			'c0ffee00-trigger-host/:token',
			'c0ffee00-trigger-host/:token/:command',
		]);
		expect(token.shownUrls).toEqual([
			`${token.base}/webhook/c0ffee00-trigger-host/c0ffee00-trigger-host/:token`,
		]);
		const v2021 = await host({ webhookId: 'cccc', parameters: { apiVersion: '2021' } });
		expect(v2021.paths).toEqual(['cccc', 'cccc/:command']);
		expect(v2021.shownUrls).toEqual([`${v2021.base}/webhook/cccc`]);
		expect(
			(await host({ parameters: { apiVersion: '2021', options: { pathToken: 't' } } })).paths,
		).toEqual(['c0ffee00-trigger-host/:token', 'c0ffee00-trigger-host/:token/:command']);
	});

	test('the workflow-decides option switches 3.x to lastNode, never 2021', async () => {
		const v3 = await host({ parameters: { options: { decideBeforeEvents: true } } });
		expect(v3.webhooks.map((w) => v3.evaluate(w.description.responseMode))).toEqual([
			'onReceived',
			'lastNode',
		]);
		const v2021 = await host({
			parameters: { apiVersion: '2021', options: { decideBeforeEvents: true } },
		});
		expect(v2021.webhooks.map((w) => v2021.evaluate(w.description.responseMode))).toEqual([
			'onReceived',
			'onReceived',
		]);
	});
});

describe('3.x callbacks', () => {
	test('a selected event: allow as JSON at once, one execution with the item', async () => {
		const h = await host({ parameters: { events: [SINGLE] } });
		const res = await post(commandUrl(h, SINGLE), message());
		expect(res).toMatchObject({ status: 200, json: ALLOW });
		expect(res.type).toMatch(/^application\/json/);
		expect(h.runs).toEqual([
			{
				items: [
					expect.objectContaining({
						event: 'afterSendSingleMsg',
						callbackCommand: SINGLE,
						text: 'hi',
						content: { content: 'hi' },
					}),
				],
				result: undefined,
			},
		]);
	});

	test('unselected and unknown commands, bodies that are not JSON: allow, nothing starts', async () => {
		const h = await host({ parameters: { events: [SINGLE] } });
		for (const [command, raw, type] of [
			['callbackAfterUserOnlineCommand', '{"userID":"alice"}'],
			['callbackWhateverCommand', '{}'],
			[SINGLE, '{"sendID":'],
			[SINGLE, 'not json at all', 'text/plain'],
			[SINGLE, ''],
		]) {
			const res = await post(commandUrl(h, command), raw, {
				'content-type': type ?? 'application/json',
			});
			expect([command, res.status, res.json]).toEqual([command, 200, ALLOW]);
		}
		expect(h.runs).toEqual([]);
	});

	test('the url itself (no command) is answered allow and starts nothing; under another node the URL is not this trigger', async () => {
		const h = await host({ parameters: { events: ['*'] } });
		expect(await post(h.shownUrl, message())).toMatchObject({ status: 200, json: ALLOW });
		expect(h.runs).toEqual([]);
		expect(
			(await post(`${h.base}/webhook/other/c0ffee00-trigger-host/${SINGLE}`, message())).status,
		).toBe(404);
		expect((await post(`${h.shownUrl}/${SINGLE}/more`, message())).status).toBe(404);
	});

	test("2021: the 3.x commands' route (never posted by that server) is answered with the content and starts nothing", async () => {
		const h = await host({ webhookId: 'dddd', parameters: { apiVersion: '2021' } });
		const res = await post(`${h.base}/webhook/dddd/dddd/${SINGLE}`, message({ content: 'hello' }));
		expect(res).toMatchObject({
			status: 200,
			json: { errCode: 0, ResponseResult: { modifiedMsg: 'hello' } },
		});
		expect(h.runs).toEqual([]);
		expect(
			(await post(h.shownUrl, message({ content: 'hello' }))).json.ResponseResult.modifiedMsg,
		).toBe('hello');
		expect(h.runs).toHaveLength(1);
	});

	test('the path token: right token starts, a wrong one gets 403 with an allow body', async () => {
		const h = await host({ parameters: { events: [SINGLE], options: { pathToken: 's3cret' } } });
		const url = `${h.shownUrl.replace(':token', 's3cret')}/${SINGLE}`;
		expect((await post(url, message())).json).toEqual(ALLOW);
		const wrong = await post(url.replace('s3cret', 'guess'), message());
		expect(wrong).toMatchObject({ status: 403, json: ALLOW });
		expect(h.runs).toHaveLength(1);
	});

	test('workflow decides: the last node answers a before-event (deny), after-events are answered at once', async () => {
		const pkg = loadPackage();
		const BEFORE = 'callbackBeforeSendSingleMsgCommand';
		const deny = { actionCode: 0, nextCode: 1, errCode: 5001, errMsg: 'no links please' };
		// The OpenIM node is not needed to decide: a no-op passes the trigger's item on, and the answer is
		// the last node's first item. The item here carries the deny fields the workflow would compute.
		const h = await host({
			pkg,
			parameters: { events: [BEFORE, SINGLE], options: { decideBeforeEvents: true } },
			downstream: { nodes: [{ name: 'Decide', type: 'n8n-nodes-base.noOp', parameters: {} }] },
		});
		const denied = await post(commandUrl(h, BEFORE), message({ callbackCommand: BEFORE, ...deny }));
		expect(denied).toMatchObject({ status: 200, json: expect.objectContaining(deny) });
		const after = await post(commandUrl(h, SINGLE), message());
		expect(after.json).toEqual(ALLOW);
		await h.settled();
		expect(h.runs.map((r) => r.result.status)).toEqual(['success', 'success']);
	});
});

describe('a bot on the 2021 server', () => {
	let emu;
	beforeAll(async () => {
		emu = await new OpenImEmulator({ port: 0, quiet: true }).start();
	});
	afterAll(() => emu.stop());

	test('the callback reaches the trigger, the OpenIM node answers the sender once, both contents stay as sent', async () => {
		const pkg = loadPackage();
		const store = new CredentialStore({
			id: 'openim-2021',
			name: 'OpenIM 2021',
			type: 'openImApi',
			data: {
				baseUrl: emu.url,
				secret: 'tuoyun',
				adminUserId: 'openIM123456',
				platform: 8,
				token: '',
			},
		});
		const h = await host({
			pkg,
			store,
			parameters: { apiVersion: '2021', options: { userIds: 'bot', ignoreSenderIds: 'bot' } },
			downstream: {
				nodes: [
					{
						name: 'Reply',
						type: 'openIm',
						parameters: {
							apiVersion: '2021',
							resource: 'message',
							operation: 'send',
							sendID: 'bot',
							sessionType: 1,
							recvID: '={{ $json.sendID }}',
							contentType: 101,
							text: '=You said: {{ $json.text }}',
						},
					},
				],
			},
		});
		emu.messageCallback.configure({ url: h.shownUrl });
		const token = emu.issueToken('openIM123456', 8).token;
		const text = 'Hi bot, <what> & "when"? 😀';
		const sent = await fetch(`${emu.url}/manager/send_msg`, {
			method: 'POST',
			headers: { token, 'content-type': 'application/json' },
			body: JSON.stringify({
				operationID: 'op-1',
				sendID: 'alice',
				recvID: 'bot',
				sessionType: 1,
				contentType: 101,
				content: { text },
			}),
		}).then((r) => r.json());
		expect(sent.errCode).toBe(0);
		await h.settled();

		expect(h.runs).toHaveLength(1);
		expect(h.runs[0].items).toEqual([
			expect.objectContaining({
				event: 'messageCallback',
				sendID: 'alice',
				recvID: 'bot',
				text,
				content: text,
			}),
		]);
		expect(h.runs[0].items[0].sendTime).toMatch(/^\d{19}$/); // nanoseconds, every digit
		expect(h.runs[0].result.status).toBe('success');
		// Two callbacks (alice's message, the bot's reply) answered with their content; one execution.
		const log = emu.messageCallback.log;
		expect(log).toHaveLength(2);
		for (const entry of log)
			expect(JSON.parse(entry.answer).ResponseResult.modifiedMsg).toBe(
				JSON.parse(entry.body.replace(/"sendTime":(\d+)/, '"sendTime":"$1"')).content,
			);
		expect(emu.snapshot().messages.map((m) => [m.sendID, m.recvID, m.content.text])).toEqual([
			['alice', 'bot', text],
			['bot', 'alice', `You said: ${text}`],
		]);
		expect(h.runs[0].items[0].sendTime).toBe(emu.snapshot().messages[0].sendTime);
	});
});
