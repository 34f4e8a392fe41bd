import type { IHookFunctions, INodeParameters, INodeTypes, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError, Workflow } from 'n8n-workflow';

import { OpenIm } from '../../nodes/OpenIm/OpenIm.node';
import { OpenImTrigger } from '../../nodes/OpenIm/OpenImTrigger.node';
import { EVENTS, eventOfCommand } from '../../nodes/OpenIm/trigger/events';

const ALLOW = { actionCode: 0, errCode: 0, errMsg: '', nextCode: 0 };
const SINGLE = 'callbackAfterSendSingleMsgCommand';

interface Call {
	parameters?: Record<string, unknown>;
	params?: Record<string, string>;
	raw?: string;
}

/** Runs webhook() with a fake request and response; returns what was answered and what would start. */
async function call({ parameters = {}, params = { command: SINGLE }, raw = '' }: Call) {
	const all: Record<string, unknown> = {
		apiVersion: 'v3',
		events: [SINGLE],
		options: {},
		...parameters,
	};
	const answered: Array<{ status: number; body: unknown }> = [];
	let status = 0;
	const res = {
		status(code: number) {
			status = code;
			return res;
		},
		json(body: unknown) {
			answered.push({ status, body: JSON.parse(JSON.stringify(body)) });
			return res;
		},
	};
	const ctx = {
		getNodeParameter: (name: string, fallback?: unknown) => (name in all ? all[name] : fallback),
		getParamsData: () => params,
		getRequestObject: () => ({ rawBody: Buffer.from(raw, 'utf8') }),
		getResponseObject: () => res,
	} as unknown as IWebhookFunctions;
	const result = await new OpenImTrigger().webhook.call(ctx);
	return { answered, result, items: result.workflowData?.[0].map((item) => item.json) };
}

const message = (fields: Record<string, unknown> = {}) =>
	JSON.stringify({
		sendID: 'alice',
		recvID: 'bot',
		callbackCommand: SINGLE,
		contentType: 101,
		msgFrom: 100,
		sessionType: 1,
		content: '{"content":"hi"}',
		sendTime: 1764630000123,
		...fields,
	});

describe('OpenIM Trigger webhook(): answers', () => {
	test.each([
		[
			'an event that is not selected',
			{ params: { command: 'callbackAfterUserOnlineCommand' }, raw: '{"userID":"alice"}' },
		],
		['an unknown command', { params: { command: 'callbackNoSuchThingCommand' }, raw: '{}' }],
		['a body that is not JSON', { raw: '<html>oops' }],
		['an empty body', { raw: '' }],
		['a JSON body that is not an object', { raw: '[1,2]' }],
	])('%s is answered allow and starts nothing', async (_, input) => {
		const { answered, result } = await call(input);
		expect(answered).toEqual([{ status: 200, body: ALLOW }]);
		expect(result).toEqual({ noWebhookResponse: true });
	});

	test('a selected event is answered allow at once and starts one item', async () => {
		const { answered, result, items } = await call({ raw: message() });
		expect(answered).toEqual([{ status: 200, body: ALLOW }]);
		expect(result.noWebhookResponse).toBe(true);
		expect(items).toHaveLength(1);
	});

	test('"All Events" starts for every known command, not for unknown ones', async () => {
		for (const { command } of EVENTS) {
			const { items } = await call({
				parameters: { events: ['*'] },
				params: { command },
				raw: '{"groupID":"g1"}',
			});
			expect(items).toEqual([expect.objectContaining({ callbackCommand: command, groupID: 'g1' })]);
		}
		expect(
			(
				await call({
					parameters: { events: ['*'] },
					params: { command: 'callbackFooCommand' },
					raw: '{}',
				})
			).items,
		).toBeUndefined();
	});
});

describe('OpenIM Trigger webhook(): the item', () => {
	test('a text message: the body, the URL command, the short event name, content parsed and text', async () => {
		const { items } = await call({ raw: message({ callbackCommand: 'somethingElse' }) });
		expect(items).toEqual([
			{
				event: 'afterSendSingleMsg',
				callbackCommand: SINGLE,
				sendID: 'alice',
				recvID: 'bot',
				contentType: 101,
				msgFrom: 100,
				sessionType: 1,
				content: { content: 'hi' },
				text: 'hi',
				sendTime: 1764630000123,
			},
		]);
	});

	test('integers beyond 2^53 become strings with every digit, in the body and in the content', async () => {
		const { items } = await call({
			raw: '{"contentType":110,"seq":123456789012345678901,"content":"{\\"data\\":\\"x\\",\\"n\\":98765432109876543210}","sendTime":1764630000123}',
		});
		expect(items?.[0]).toMatchObject({
			seq: '123456789012345678901',
			content: { data: 'x', n: '98765432109876543210' },
			sendTime: 1764630000123,
		});
		expect(items?.[0].text).toBeUndefined();
	});

	test('a content that is not JSON (notifications) stays a string; events that are not messages keep their fields', async () => {
		expect(
			(await call({ raw: message({ contentType: 1201, content: '' }) })).items?.[0],
		).toMatchObject({ content: '' });
		const online = await call({
			parameters: { events: ['callbackAfterUserOnlineCommand'] },
			params: { command: 'callbackAfterUserOnlineCommand' },
			raw: '{"userID":"alice","platformID":5,"content":"{}"}',
		});
		expect(online.items).toEqual([
			{
				event: 'afterUserOnline',
				callbackCommand: 'callbackAfterUserOnlineCommand',
				userID: 'alice',
				platformID: 5,
				content: '{}',
			},
		]);
	});

	test('the commands whose names differ from their webhooks.yml key get that key as event', () => {
		expect(eventOfCommand('callbackBeforeAfterMsgCommand')?.key).toBe('afterRevokeMsg');
		expect(eventOfCommand('callbackAfterDisMissGroupCommand')?.key).toBe('afterDismissGroup');
		expect(eventOfCommand('callbackBeforeMembersJoinGroupCommand')?.key).toBe(
			'beforeMemberJoinGroup',
		);
		expect(EVENTS).toHaveLength(47); // webhooks.yml has 48 blocks; afterGroupMsgRevoke has no command
		expect(new Set(EVENTS.map((event) => event.command)).size).toBe(47);
	});

	test('the raw body under an option, exactly as received', async () => {
		const raw = `${message()}\n`;
		expect(
			(await call({ parameters: { options: { rawBody: true } }, raw })).items?.[0].rawBody,
		).toBe(raw);
	});
});

describe('OpenIM Trigger webhook(): filters', () => {
	const started = async (
		options: Record<string, unknown>,
		fields: Record<string, unknown> = {},
	) => {
		const { answered, items } = await call({ parameters: { options }, raw: message(fields) });
		expect(answered).toEqual([{ status: 200, body: ALLOW }]);
		return (items ?? []).length;
	};

	test('content types: numbers and ranges', async () => {
		expect(await started({ contentTypes: '101' })).toBe(1);
		expect(await started({ contentTypes: '102, 110-114' })).toBe(0);
		expect(await started({ contentTypes: '102, 110-114' }, { contentType: 114 })).toBe(1);
	});

	test('only users: sender or receiver', async () => {
		expect(await started({ userIds: 'bot' })).toBe(1);
		expect(await started({ userIds: 'carol, alice' })).toBe(1);
		expect(await started({ userIds: 'carol' })).toBe(0);
	});

	test('ignored senders and admin messages, so that a bot does not answer itself', async () => {
		expect(
			await started({ userIds: 'bot', ignoreSenderIds: 'bot' }, { sendID: 'bot', recvID: 'alice' }),
		).toBe(0);
		expect(await started({ userIds: 'bot', ignoreSenderIds: 'bot' })).toBe(1);
		expect(await started({ ignoreAdminMessages: true }, { msgFrom: 200 })).toBe(0);
		expect(await started({ ignoreAdminMessages: true })).toBe(1);
	});

	test('events that are not messages are not filtered', async () => {
		const { items } = await call({
			parameters: {
				events: ['callbackAfterUserOnlineCommand'],
				options: { contentTypes: '101', userIds: 'bot' },
			},
			params: { command: 'callbackAfterUserOnlineCommand' },
			raw: '{"userID":"alice"}',
		});
		expect(items).toHaveLength(1);
	});

	test('an invalid content type list fails the activation, naming the option', async () => {
		const hooks = (contentTypes: string) =>
			({
				getNodeParameter: () => ({ contentTypes }),
				getNode: () => ({ name: 'OpenIM Trigger' }),
			}) as unknown as IHookFunctions;
		const { checkExists, create, delete: remove } = new OpenImTrigger().webhookMethods.default;
		await expect(checkExists.call(hooks('101, text'))).rejects.toThrow(NodeOperationError);
		await expect(checkExists.call(hooks('101, text'))).rejects.toThrow(
			'Only Content Types: "text" is not a content type',
		);
		await expect(checkExists.call(hooks('101, 1000-5000'))).resolves.toBe(true);
		await expect(create.call(hooks(''))).resolves.toBe(true);
		await expect(remove.call(hooks(''))).resolves.toBe(true);
	});
});

describe('OpenIM Trigger webhook(): path token', () => {
	test.each([
		['a wrong token', { command: SINGLE, token: 'guess' }],
		['a token of another length', { command: SINGLE, token: 's3cret-but-longer' }],
		['no token', { command: SINGLE }],
	])('%s: HTTP 403 with a body OpenIM reads as allow, nothing starts', async (_, params) => {
		const { answered, result } = await call({
			parameters: { options: { pathToken: 's3cret' } },
			params,
			raw: message(),
		});
		expect(answered).toEqual([{ status: 403, body: ALLOW }]);
		expect(result.workflowData).toBeUndefined();
	});

	test('the right token starts the workflow, and the token is not in the item', async () => {
		const { items } = await call({
			parameters: { options: { pathToken: 's3cret' } },
			params: { command: SINGLE, token: 's3cret' },
			raw: message(),
		});
		expect(items).toHaveLength(1);
		expect(JSON.stringify(items)).not.toContain('s3cret');
	});
});

describe('OpenIM Trigger webhook(): the workflow decides before-events', () => {
	const BEFORE = 'callbackBeforeSendSingleMsgCommand';
	const options = { decideBeforeEvents: true };

	test('a selected before-event is not answered by the trigger: n8n answers with the last node', async () => {
		const { answered, result, items } = await call({
			parameters: { events: [BEFORE], options },
			params: { command: BEFORE },
			raw: message({ callbackCommand: BEFORE }),
		});
		expect(answered).toEqual([]);
		expect(result.noWebhookResponse).toBeUndefined();
		expect(items).toEqual([expect.objectContaining({ event: 'beforeSendSingleMsg', text: 'hi' })]);
	});

	test('after-events, unselected and filtered-out before-events are still answered at once', async () => {
		expect(
			(await call({ parameters: { events: [SINGLE], options }, raw: message() })).answered,
		).toEqual([{ status: 200, body: ALLOW }]);
		expect(
			(
				await call({
					parameters: { events: [SINGLE], options },
					params: { command: BEFORE },
					raw: message(),
				})
			).answered,
		).toHaveLength(1);
		const filtered = await call({
			parameters: { events: [BEFORE], options: { ...options, userIds: 'carol' } },
			params: { command: BEFORE },
			raw: message(),
		});
		expect(filtered.answered).toEqual([{ status: 200, body: ALLOW }]);
		expect(filtered.items).toBeUndefined();
	});
});

describe('OpenIM Trigger webhook(): 2021 message callback', () => {
	const v2021 = { apiVersion: '2021' };
	const body = (content: string, fields: Record<string, unknown> = {}) =>
		`{"sendID":"alice","recvID":"bot","content":${JSON.stringify(content)},"sendTime":1764630000123456789,"msgFrom":100,"contentType":101,"sessionType":1,"senderPlatformID":0${Object.entries(
			fields,
		)
			.map(([k, v]) => `,${JSON.stringify(k)}:${JSON.stringify(v)}`)
			.join('')}}`;

	test.each([['hi'], ['{"looks":"like JSON"}'], ['émoji 😀 \\ "quotes" \u2028 <b>&'], ['']])(
		'the answer echoes the content %j byte for byte',
		async (content) => {
			const { answered, items } = await call({ parameters: v2021, params: {}, raw: body(content) });
			expect(answered).toEqual([
				{ status: 200, body: { errCode: 0, ResponseResult: { modifiedMsg: content } } },
			]);
			expect(items).toEqual([
				expect.objectContaining({
					event: 'messageCallback',
					content,
					text: content,
					sendTime: '1764630000123456789',
				}),
			]);
		},
	);

	test('a picture: content parsed, no text', async () => {
		const content = '{"sourcePicture":{"url":"https://example.com/a.png"}}';
		const { answered, items } = await call({
			parameters: v2021,
			params: {},
			raw: body(content, { contentType: 102 }),
		});
		expect(answered[0].body).toEqual({ errCode: 0, ResponseResult: { modifiedMsg: content } });
		expect(items?.[0]).toMatchObject({
			content: { sourcePicture: { url: 'https://example.com/a.png' } },
		});
		expect(items?.[0].text).toBeUndefined();
	});

	test('filtered-out messages are still echoed and start nothing', async () => {
		const { answered, items } = await call({
			parameters: { ...v2021, options: { ignoreSenderIds: 'alice' } },
			params: {},
			raw: body('hi'),
		});
		expect(answered).toEqual([
			{ status: 200, body: { errCode: 0, ResponseResult: { modifiedMsg: 'hi' } } },
		]);
		expect(items).toBeUndefined();
	});
});

describe('OpenIM Trigger in the editor', () => {
	const { description } = new OpenImTrigger();

	/** The canvas subtitle as n8n's expression engine computes it for these parameters. */
	function subtitle(parameters: Record<string, unknown>): unknown {
		const node = {
			id: 't',
			name: 'OpenIM Trigger',
			type: 'openImTrigger',
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: parameters as INodeParameters,
		};
		const nodeTypes = {
			getByName: () => new OpenImTrigger(),
			getByNameAndVersion: () => new OpenImTrigger(),
			getKnownTypes: () => ({}),
		} as unknown as INodeTypes;
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		return workflow.expression.getSimpleParameterValue(node, description.subtitle!, 'internal', {});
	}

	test('the subtitle names the selected events, not their commands', () => {
		expect(subtitle({ apiVersion: 'v3', events: [SINGLE, 'callbackAfterAddFriendCommand'] })).toBe(
			'After Send Single Message, After Add Friend',
		);
		expect(subtitle({ apiVersion: 'v3', events: ['*'] })).toBe('All Events');
		expect(subtitle({ apiVersion: '2021', events: [SINGLE] })).toBe('Message Callback');
	});

	test("each event is a Title Case action in n8n's node picker, as it is named in Events", () => {
		const events = description.properties.find((property) => property.name === 'events')!
			.options as Array<{ name: string; action?: string }>;
		expect(events.filter(({ name, action }) => action !== name)).toEqual([]);
		expect(
			events.filter(({ name }) => !/^([A-Z][a-z]*|to|From)( ([A-Z][a-z]*|to|From))*$/.test(name)),
		).toEqual([]);
	});

	test("the picker's one entry for both nodes is described as the OpenIM node is", () => {
		expect(description.description).toBe(new OpenIm().description.description);
	});

	test('the 3.x notice tells where the URL is, why it holds the ID twice, and leaves the Path Token to its option', () => {
		const notice = description.properties.find(
			(property) => property.name === 'noticeV3',
		)!.displayName;
		expect(notice).toMatch(/open Webhook URLs above/);
		expect(notice).toMatch(/ID twice/);
		expect(notice).not.toMatch(/token/i);
	});
});
