import { mockDeep } from 'jest-mock-extended';
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { openImRequest } from '../support/request';

const SECRET = 'super-secret-value';
const TOKEN = 'admin-token-value';
type Answer = { statusCode: number; body: string } | Error;

function context(answers: Answer[]) {
	const ctx = mockDeep<IExecuteFunctions>();
	ctx.getNode.mockReturnValue({
		id: 'n1',
		name: 'OpenIM',
		type: 'n8n-nodes-openim.openIm',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { openImApi: { id: 'cred-1', name: 'OpenIM account' } },
	});
	ctx.getCredentials.mockResolvedValue({
		baseUrl: 'http://127.0.0.1:10000/',
		secret: SECRET,
		adminUserId: 'openIM123456',
		platform: 1,
		token: TOKEN,
	});
	const queue = [...answers];
	const send = ctx.helpers.httpRequestWithAuthentication as unknown as jest.Mock;
	send.mockImplementation(async () => {
		const answer = queue.shift();
		if (!answer) throw new Error('unexpected request');
		if (answer instanceof Error) throw answer;
		return answer;
	});
	return { ctx, send };
}

const ok = (body: object) => ({
	statusCode: 200,
	body: JSON.stringify({ errCode: 0, errMsg: '', ...body }),
});
const tokenError = { statusCode: 200, body: '{"errCode":200,"errMsg":"Parse token failed"}' };
const call = (ctx: IExecuteFunctions, settings = {}) =>
	openImRequest.call(ctx, 'manager/get_all_users_uid', { a: 1 }, { itemIndex: 3, ...settings });

async function failure(ctx: IExecuteFunctions, settings = {}): Promise<NodeApiError> {
	const error = await call(ctx, settings).then(
		() => undefined,
		(caught: NodeApiError) => caught,
	);
	if (!error) throw new Error('the request did not fail');
	expect(error).toBeInstanceOf(NodeApiError);
	const serialized = JSON.stringify({
		...error,
		message: error.message,
		description: error.description,
		cause: error.cause,
		errorResponse: error.errorResponse,
	});
	expect(serialized).not.toContain(SECRET);
	expect(serialized).not.toContain(TOKEN);
	return error;
}

describe('openImRequest', () => {
	it('POSTs JSON with a fresh operationID through the authenticated helper', async () => {
		const { ctx, send } = context([ok({ uidList: ['a'] }), ok({ uidList: ['b'] })]);
		await expect(call(ctx)).resolves.toEqual({ errCode: 0, errMsg: '', uidList: ['a'] });
		await call(ctx);
		const [[type, options], [, second]] = send.mock.calls;
		expect(type).toBe('openImApi');
		expect(options).toMatchObject({
			method: 'POST',
			url: 'http://127.0.0.1:10000/manager/get_all_users_uid',
			encoding: 'text',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 30000,
		});
		const body = JSON.parse(options.body);
		expect(body).toEqual({ operationID: expect.stringMatching(/^[0-9a-f-]{36}$/), a: 1 });
		expect(JSON.parse(second.body).operationID).not.toBe(body.operationID);
		expect(ctx.getCredentials).toHaveBeenCalledTimes(1);
	});

	it('uses the operationID and timeout of the options, and the secret only when asked', async () => {
		const { ctx, send } = context([ok({})]);
		await call(ctx, { operationID: 'op-42', timeout: 1234, withSecret: true });
		const [, options] = send.mock.calls[0];
		expect(JSON.parse(options.body)).toEqual({ operationID: 'op-42', secret: SECRET, a: 1 });
		expect(options.timeout).toBe(1234);
	});

	it('keeps a nanosecond sendTime exact', async () => {
		const { ctx } = context([
			{
				statusCode: 200,
				body: '{"errCode":0,"errMsg":"","sendTime":1638160000123456789,"msgID":"m"}',
			},
		]);
		await expect(call(ctx)).resolves.toMatchObject({ sendTime: '1638160000123456789' });
	});

	it('refreshes the token once on a token error and retries once', async () => {
		const { ctx, send } = context([tokenError, ok({ uidList: [] })]);
		await expect(call(ctx)).resolves.toMatchObject({ errCode: 0 });
		expect(send).toHaveBeenCalledTimes(2);
		// Every request hands n8n the run's credentials; the retry hands over an empty token.
		expect(send.mock.calls[0][2]).toEqual({
			credentialsDecrypted: {
				id: 'cred-1',
				name: 'OpenIM account',
				type: 'openImApi',
				data: expect.objectContaining({ token: TOKEN, secret: SECRET }),
			},
		});
		expect(send.mock.calls[1][2].credentialsDecrypted.data).not.toBe(
			send.mock.calls[0][2].credentialsDecrypted.data,
		);
		expect(ctx.getCredentials).toHaveBeenCalledTimes(1);
		// The retry is the same request under its own operationID (every HTTP request gets a fresh one).
		const [first, retry] = send.mock.calls.map((call: unknown[]) =>
			JSON.parse((call[1] as { body: string }).body),
		);
		expect({ ...retry, operationID: first.operationID }).toEqual(first);
		expect(retry.operationID).not.toBe(first.operationID);
	});

	it('treats the send_msg token refusal (HTTP 400, errCode 400) as a token error', async () => {
		const { ctx, send } = context([
			{
				statusCode: 400,
				body: '{"errCode":400,"errMsg":"token validate err,not authorized","sendTime":0,"MsgID":""}',
			},
			ok({}),
		]);
		await call(ctx);
		expect(send).toHaveBeenCalledTimes(2);
	});

	it('gives up after one refresh, naming the token problem and the item', async () => {
		const { ctx, send } = context([tokenError, tokenError]);
		const error = await failure(ctx);
		expect(send).toHaveBeenCalledTimes(2);
		expect(error.message).toBe('OpenIM rejected the admin token (errCode 200)');
		expect(error.description).toMatch(/Admin User ID/);
		expect(error.description).toMatch(/Parse token failed/);
		expect(error.context.itemIndex).toBe(3);
	});

	it('shares one refresh between concurrent requests that meet a token error', async () => {
		const { ctx, send } = context([
			ok({ n: 0 }),
			tokenError,
			tokenError,
			tokenError,
			ok({ n: 1 }),
			ok({ n: 2 }),
			ok({ n: 3 }),
		]);
		await call(ctx);
		await Promise.all([call(ctx), call(ctx), call(ctx)]);
		const forced = send.mock.calls.filter((args) => args[2].credentialsDecrypted.data.token === '');
		expect(send).toHaveBeenCalledTimes(7);
		expect(forced).toHaveLength(1);
	});

	it.each([
		[
			'a permission error',
			{ statusCode: 200, body: '{"errCode":401,"errMsg":"not authorized","failedUidList":[]}' },
			/not allowed/,
			'401',
		],
		[
			'HTTP 500 with an empty body',
			{ statusCode: 500, body: '' },
			/HTTP 500 and no answer/,
			undefined,
		],
		[
			'HTTP 502 from a proxy',
			{ statusCode: 502, body: '<html>Bad Gateway</html>' },
			/unavailable \(HTTP 502\)/,
			undefined,
		],
		[
			'a body that is not JSON',
			{ statusCode: 200, body: 'hello' },
			/something that is not JSON \(HTTP 200\)/,
			undefined,
		],
		[
			'a JSON body without errCode',
			{ statusCode: 200, body: '{}' },
			/returned an error \(HTTP 200\)/,
			undefined,
		],
		[
			'get_user_info RPC failure keys',
			{ statusCode: 500, body: '{"errorCode":500,"errorMsg":"rpc error"}' },
			/internal error \(errCode 500\)/,
			'500',
		],
	])('does not retry %s', async (_name, answer, message, errCode) => {
		const { ctx, send } = context([answer]);
		const error = await failure(ctx);
		expect(send).toHaveBeenCalledTimes(1);
		expect(error.message).toMatch(message);
		expect((error.errorResponse as Record<string, unknown>).errCode?.toString()).toBe(errCode);
		expect(error.context.itemIndex).toBe(3);
	});

	it.each([
		[
			'ECONNREFUSED',
			'connect ECONNREFUSED 127.0.0.1:10000',
			/^Could not connect to OpenIM at http:\/\/127.0.0.1:10000$/,
			/Nothing was sent/,
		],
		[
			'ECONNABORTED',
			'timeout of 1234ms exceeded',
			/^OpenIM did not answer within 1234 ms$/,
			/may have been carried out/,
		],
		['ECONNRESET', 'socket hang up', /broke before it answered/, /may or may not/],
	])(
		'turns %s into a clean error without the request options',
		async (code, message, expectedMessage, expectedHint) => {
			// n8n wraps network errors with the axios config, whose headers hold the token.
			const axiosError = Object.assign(new Error(message), {
				code,
				config: { headers: { token: TOKEN }, data: `{"secret":"${SECRET}"}` },
			});
			const wrapped = new NodeApiError(context([]).ctx.getNode(), axiosError as never);
			const { ctx, send } = context([wrapped]);
			const error = await failure(ctx, { timeout: 1234 });
			expect(send).toHaveBeenCalledTimes(1);
			expect(error.message).toMatch(expectedMessage);
			expect(error.description).toMatch(expectedHint);
		},
	);

	it('passes on the message of a failed token fetch', async () => {
		const fetchFailed = Object.assign(new Error('OpenIM refused the secret'), {
			description: 'Secret must equal the secret in the OpenIM server config',
		});
		const { ctx } = context([new NodeApiError(context([]).ctx.getNode(), fetchFailed as never)]);
		const error = await failure(ctx);
		expect(error.message).toBe('OpenIM refused the secret');
		expect(error.description).toMatch(/Secret must equal/);
	});

	it('refuses a hostile base URL before any request', async () => {
		const { ctx, send } = context([]);
		ctx.getCredentials.mockResolvedValue({
			baseUrl: 'http://user:pw@host',
			secret: SECRET,
			adminUserId: 'a',
			platform: 1,
		});
		await expect(call(ctx)).rejects.toThrow(/user name or password/);
		expect(send).not.toHaveBeenCalled();
	});
});

describe('openImRequest retries of reads', () => {
	const unavailable = { statusCode: 503, body: '<html>Service Unavailable</html>' };
	const refused = () =>
		new NodeApiError(
			context([]).ctx.getNode(),
			Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:10000'), {
				code: 'ECONNREFUSED',
			}) as never,
		);

	it('tries a read again after HTTP 503 and a refused connection', async () => {
		const { ctx, send } = context([unavailable, refused(), ok({ uidList: ['a'] })]);
		await expect(call(ctx, { idempotent: true })).resolves.toMatchObject({ uidList: ['a'] });
		expect(send).toHaveBeenCalledTimes(3);
	});

	it('gives up on a read after three tries', async () => {
		const { ctx, send } = context([unavailable, unavailable, unavailable]);
		const error = await failure(ctx, { idempotent: true });
		expect(send).toHaveBeenCalledTimes(3);
		expect(error.message).toBe('OpenIM is unavailable (HTTP 503)');
	});

	it('never tries a write again', async () => {
		const { ctx, send } = context([unavailable, ok({})]);
		await failure(ctx);
		expect(send).toHaveBeenCalledTimes(1);
	});

	it('does not retry a read the server refused on its merits', async () => {
		const { ctx, send } = context([
			{ statusCode: 200, body: '{"errCode":999,"errMsg":"uidList is nil"}' },
		]);
		await failure(ctx, { idempotent: true });
		expect(send).toHaveBeenCalledTimes(1);
	});
});

describe('openImRequest, the first request of a run', () => {
	it('goes alone, so that parallel requests do not each fetch a token', async () => {
		const { ctx, send } = context([ok({ n: 1 }), ok({ n: 2 }), ok({ n: 3 })]);
		const events: string[] = [];
		const original = send.getMockImplementation() as (...args: unknown[]) => Promise<unknown>;
		send.mockImplementation(async (...args: unknown[]) => {
			const n = send.mock.calls.length;
			events.push(`start ${n}`);
			await new Promise((resolve) => setImmediate(resolve));
			events.push(`end ${n}`);
			return await original(...args);
		});
		await Promise.all([call(ctx), call(ctx), call(ctx)]);
		expect(events.slice(0, 2)).toEqual(['start 1', 'end 1']);
		// After the first, the others run side by side.
		expect(events.slice(2, 4)).toEqual(['start 2', 'start 3']);
	});
});
