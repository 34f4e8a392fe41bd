import { mockDeep } from 'jest-mock-extended';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { OpenImV3Api } from '../../credentials/OpenImV3Api.credentials';
import { checkContentJson, contentFromFields } from '../../nodes/OpenIm/actions/message/content';
import { RunParameters } from '../../nodes/OpenIm/helpers/params';
import { GENERATIONS } from '../../nodes/OpenIm/api';
import type { Endpoint, Refuse } from '../../nodes/OpenIm/api/types';
import { CONTENT_TYPES as V3_TYPES } from '../../nodes/OpenIm/api/v3/content';
import { ENDPOINTS } from '../../nodes/OpenIm/api/v3/endpoints';
import { v3, redact } from '../../nodes/OpenIm/api/v3';
import { resolveTestRequest } from '../support/credential-test-request';
import { OpenIm } from '../../nodes/OpenIm/OpenIm.node';
import { openImRequest } from '../support/request';
import { hintFor } from '../../nodes/OpenIm/transport/errors';

const SECRET = 'v3-s3cret';
const credentials = {
	baseUrl: 'http://127.0.0.1:10002/',
	secret: SECRET,
	adminUserId: 'imAdmin',
	token: '',
};
type Answer = { statusCode: number; body: string } | Error;

function preAuth(...answers: Answer[]) {
	const queue = [...answers];
	const httpRequest = jest.fn(async () => {
		const answer = queue.shift();
		if (!answer) throw new Error('unexpected request');
		if (answer instanceof Error) throw answer;
		return answer;
	});
	const result = new OpenImV3Api().preAuthentication.call({ helpers: { httpRequest } } as never, {
		...credentials,
	});
	const sent = () =>
		(
			httpRequest.mock.calls as unknown as Array<
				[{ url: string; body: string; headers: Record<string, string> }]
			>
		).map(([options]) => options);
	return { httpRequest, result, sent };
}

async function refusal(...answers: Answer[]): Promise<Error & { description?: string }> {
	const error = await preAuth(...answers).result.then(
		() => undefined,
		(caught: Error) => caught,
	);
	if (!error) throw new Error('preAuthentication did not fail');
	const described = error as Error & { description?: string };
	expect(`${described.message} ${described.description}`).not.toContain(SECRET);
	return described;
}

const envelope = (errCode: number, extra: object = {}) =>
	JSON.stringify({ errCode, errMsg: '', errDlt: '', ...extra });
const token = (value: string) => ({
	statusCode: 200,
	body: envelope(0, { data: { token: value, expireTimeSeconds: 7776000 } }),
});

describe('OpenImV3Api credential', () => {
	it('declares the public contract of DESIGN.md', () => {
		const credential = new OpenImV3Api();
		expect(credential.name).toBe('openImV3Api');
		expect(credential.properties.map((property) => property.name)).toEqual([
			'baseUrl',
			'secret',
			'adminUserId',
			'token',
			'issuedBy',
		]);
		expect(credential.properties.find((property) => property.name === 'adminUserId')?.default).toBe(
			'imAdmin',
		);
		expect(credential.properties.find((property) => property.name === 'token')).toMatchObject({
			type: 'hidden',
			typeOptions: { expirable: true },
		});
		expect(
			credential.properties.find((property) => property.name === 'secret')?.typeOptions?.password,
		).toBe(true);
	});

	it('fetches the admin token from auth/get_admin_token with an operationID header', async () => {
		const { result, sent } = preAuth(token('tok-1'));
		await expect(result).resolves.toEqual({ token: 'tok-1', issuedBy: 'auth/get_admin_token' });
		const [options] = sent();
		expect(options.url).toBe('http://127.0.0.1:10002/auth/get_admin_token');
		expect(options.headers.operationID).toEqual(expect.any(String));
		expect(JSON.parse(options.body)).toEqual({ secret: SECRET, userID: 'imAdmin' });
	});

	it.each([
		['HTTP 404 (3.0 to 3.7)', { statusCode: 404, body: '404 page not found' }],
		[
			'errCode 1001 "header must have token" (3.8.0)',
			{
				statusCode: 200,
				body: envelope(1001, { errMsg: 'ArgsError', errDlt: 'header must have token' }),
			},
		],
	])('falls back to auth/user_token with platform 10 on %s', async (_name, first) => {
		const { result, sent } = preAuth(first, token('tok-2'));
		await expect(result).resolves.toEqual({ token: 'tok-2', issuedBy: 'auth/user_token' });
		expect(sent()[1].url).toBe('http://127.0.0.1:10002/auth/user_token');
		expect(JSON.parse(sent()[1].body)).toEqual({
			secret: SECRET,
			platformID: 10,
			userID: 'imAdmin',
		});
	});

	it.each([
		[
			{
				statusCode: 200,
				body: envelope(1002, { errMsg: 'NoPermissionError', errDlt: 'secret invalid' }),
			},
			'OpenIM refused the secret',
		],
		[
			{
				statusCode: 200,
				body: envelope(1001, {
					errMsg: 'ArgsError',
					errDlt: 'userID is error., userID=bob, adminUserID=[imAdmin]',
				}),
			},
			'"imAdmin" is not an admin user of this OpenIM server',
		],
		[
			{ statusCode: 200, body: envelope(1004, { errMsg: 'RecordNotFoundError' }) },
			'OpenIM does not know the admin user "imAdmin"',
		],
		[
			{ statusCode: 200, body: '<html>proxy</html>' },
			'OpenIM answered HTTP 200 without a JSON body',
		],
		[
			{ statusCode: 200, body: envelope(0, { data: {} }) },
			'OpenIM did not issue an admin token (HTTP 200, errCode 0)',
		],
	])('names what is wrong: %p', async (answer, message) => {
		const error = await refusal(answer);
		expect(error.message).toBe(message);
	});

	it('names a server that cannot be reached, with the shared network wording', async () => {
		const error = await refusal(
			Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:10002'), { code: 'ECONNREFUSED' }),
		);
		expect(error.message).toBe(
			'Could not reach OpenIM at http://127.0.0.1:10002 (connection refused)',
		);
		expect(error.description).toMatch(/OpenIM V3 API credential/);
	});

	it("names n8n's SSRF protection instead of an unreachable server", async () => {
		const blocked = Object.assign(
			new Error('The request was blocked because it resolves to a restricted IP address'),
			{ name: 'SsrfBlockedIpError', ip: '127.0.0.1' },
		);
		const error = await refusal(blocked);
		expect(error.message).toMatch(
			/^n8n's SSRF protection blocked the request to OpenIM at 127\.0\.0\.1\. .*N8N_SSRF_ALLOWED_IP_RANGES=127\.0\.0\.1\/32/,
		);
	});

	it('tests a stored token by asking the route that issued it with the form values, a fresh one on an admin-only route', () => {
		const { test } = new OpenImV3Api();
		const form = { baseUrl: 'http://im:10002', secret: 'changed', adminUserId: 'boss' };
		expect(
			resolveTestRequest(test, { ...form, token: 'stored', issuedBy: 'auth/get_admin_token' }),
		).toMatchObject({ url: '/auth/get_admin_token', body: { secret: 'changed', userID: 'boss' } });
		expect(resolveTestRequest(test, { ...form, token: 'stored', issuedBy: '' })).toMatchObject({
			url: '/auth/get_admin_token',
			body: { secret: 'changed', userID: 'boss' },
		});
		expect(
			resolveTestRequest(test, { ...form, token: 'stored', issuedBy: 'auth/user_token' }),
		).toMatchObject({
			url: '/auth/user_token',
			body: { secret: 'changed', userID: 'boss', platformID: 10 },
		});
		expect(resolveTestRequest(test, { ...form, token: '' })).toMatchObject({
			url: '/user/get_users_online_status',
			body: { userIDs: [] },
		});
		expect(test.request.headers).toEqual({ operationID: 'n8n-credential-test' });
		expect(test.rules?.map((rule) => (rule.properties as { value: number }).value)).toEqual([
			1001, 1002, 1004, 1501, 1503, 1505, 1506, 1507,
		]);
	});
});

describe('3.x envelope', () => {
	it('reads success, and failures with errDlt, without tokens or stack frames', () => {
		expect(v3.read('user/get_users_info', 200, envelope(0, { data: { usersInfo: [] } }))).toEqual({
			ok: true,
			body: { errCode: 0, errMsg: '', errDlt: '', data: { usersInfo: [] } },
		});
		const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJVc2VySUQiOiJpbUFkbWluIn0.c2ln';
		expect(
			v3.read(
				'user/get_users_info',
				200,
				envelope(1501, { errMsg: 'TokenExpiredError', errDlt: `jwt parse error, token=${jwt}` }),
			),
		).toEqual({
			ok: false,
			failure: {
				path: 'user/get_users_info',
				httpCode: 200,
				errCode: 1501,
				errMsg: 'TokenExpiredError',
				errDlt: 'jwt parse error, token=[token]',
			},
		});
		const bind = v3.read(
			'group/create_group',
			200,
			envelope(1001, {
				errMsg:
					'Error: json: cannot unmarshal string\ngithub.com/openimsdk/tools/a2r.Call\n\t/go/a2r.go:42',
			}),
		);
		expect(bind).toMatchObject({
			ok: false,
			failure: { errCode: 1001, errMsg: 'Error: json: cannot unmarshal string' },
		});
		expect(v3.read('msg/send_msg', 400, envelope(1001, { errMsg: 'ArgsError' }))).toMatchObject({
			ok: false,
			failure: { httpCode: 400, errCode: 1001 },
		});
		expect(v3.read('x/y', 404, '404 page not found')).toEqual({
			ok: false,
			failure: { path: 'x/y', httpCode: 404, errMsg: 'not JSON: 404 page not found' },
		});
	});

	it('redacts a token wherever a detail names it', () => {
		expect(redact('token=abc.def.ghi rest')).toBe('token=[token] rest');
		expect(redact('parse "eyJa.eyJb.c" failed')).toBe('parse "[token]" failed');
		expect(redact(undefined)).toBe('');
	});

	it('puts operationID in a header, and the secret into a register only for servers before 3.8.1', () => {
		expect(
			v3.wrap('op-1', { users: [] }, { secret: SECRET, issuedBy: 'auth/get_admin_token' }, true),
		).toEqual({ headers: { operationID: 'op-1' }, payload: { users: [] } });
		expect(
			v3.wrap('op-2', { users: [] }, { secret: SECRET, issuedBy: 'auth/user_token' }, true).payload,
		).toEqual({ secret: SECRET, users: [] });
		expect(
			v3.wrap('op-3', { a: 1 }, { secret: SECRET, issuedBy: 'auth/user_token' }, false).payload,
		).toEqual({ a: 1 });
	});

	it('refreshes on 1501 to 1507 only', () => {
		const failure = (errCode: number) => ({ path: 'p', httpCode: 200, errCode });
		expect(
			[1500, 1501, 1502, 1503, 1504, 1505, 1506, 1507, 1508, 1002].map((code) =>
				v3.isTokenError(failure(code)),
			),
		).toEqual([false, true, true, true, true, true, true, true, false, false]);
	});
});

describe('3.x error hints', () => {
	const failure = (
		errCode: number | undefined,
		path = 'msg/send_msg',
		errDlt = '',
		httpCode = 200,
	) => ({ path, httpCode, errCode, errMsg: '', errDlt });
	it.each([
		[failure(1501), /admin token/],
		[
			failure(1001, 'user/get_users_info', 'header must have operationID'),
			/operationID or token header/,
		],
		[failure(1001, 'user/user_register', 'userID is legal'), /refused the user ID/],
		[failure(1001, 'group/create_group', 'group member repeated'), /listed twice/],
		[failure(1001, 'msg/send_msg', 'unsupported content type'), /content or session type/],
		[failure(1001, 'msg/send_msg', "Key: 'SendMsgReq.SendMsg.SendID'", 400), /refused an argument/],
		[failure(1002, 'auth/get_admin_token', 'secret invalid'), /refused the secret/],
		[failure(1002, 'auth/get_user_token', "don't get Admin token"), /does not issue a token/],
		[failure(1002, 'msg/send_msg', 'only app manager can send message'), /not allowed/],
		[failure(1004, 'group/kick_group'), /Group or user not found/],
		[failure(1004, 'friend/add_black'), /User not found/],
		[failure(1101, 'group/kick_group'), /not a member/],
		[failure(1101, 'group/create_group'), /User not found/],
		[failure(1102, 'user/user_register'), /already registered/],
		[failure(1201), /Group not found/],
		[failure(1202, 'group/create_group'), /already exists/],
		[failure(1203), /not a member of the group/],
		[failure(1204), /dismissed/],
		[failure(1301), /themselves/],
		[failure(1302), /blocked/],
		[failure(1303), /not friends/],
		[failure(1304), /already related/],
		[failure(1402), /muted in this group/],
		[failure(1403), /group is muted/],
		[failure(1404), /already revoked/],
		[failure(90004), /webhook did not answer/],
		[failure(90007), /webhook answered something that is not JSON/],
		[
			failure(500, 'user/get_users_online_status', 'json: cannot unmarshal string', 400),
			/refused the request/,
		],
		[failure(500, 'msg/send_msg', "validation error: Key: 'TextElem.Content'"), /message content/],
		[failure(500, 'friend/add_black', 'E11000 duplicate key error'), /already exists/],
		[failure(undefined, 'x', '', 404), /endpoint not found/],
		[failure(undefined, 'x', '', 502), /unavailable/],
		[failure(500, 'x', 'mongo down'), /internal error/],
	])('%p', (input, message) => {
		const hint = hintFor(input, v3.hints);
		expect(hint.message).toMatch(message);
		expect(hint.hint.length).toBeGreaterThan(10);
	});
});

describe('3.x endpoints', () => {
	const refuse: Refuse = (param, problem) => {
		throw new Error(`${param.displayName} ${problem}`);
	};
	const body = <I>(endpoint: Endpoint<I> | undefined, input: I) =>
		(endpoint as Endpoint<I>).body(input, refuse);

	it('builds create_group from the roles, with groupType 2 and faceURL', () => {
		const members = [
			{ uid: 'm', setRole: 0 },
			{ uid: 'o', setRole: 1 },
			{ uid: 'a', setRole: 2 },
		];
		expect(
			body(ENDPOINTS['group.create'], {
				groupName: 'G',
				members,
				fields: { faceUrl: 'f', needVerification: 1 },
			}),
		).toEqual({
			ownerUserID: 'o',
			adminUserIDs: ['a'],
			memberUserIDs: ['m'],
			groupInfo: { groupName: 'G', groupType: 2, faceURL: 'f', needVerification: 1 },
		});
		expect(() =>
			body(ENDPOINTS['group.create'], {
				groupName: 'G',
				members: [{ uid: 'm', setRole: 0 }],
				fields: {},
			}),
		).toThrow('Members needs exactly one member with the Owner role on OpenIM 3.x');
	});

	it('registers users with 3.x names, refusing IDs 3.x would refuse', () => {
		expect(
			body(ENDPOINTS['user.register'], { uid: 'ü_1', profile: { name: 'N', icon: 'i', ex: 'e' } }),
		).toEqual({ users: [{ userID: 'ü_1', nickname: 'N', faceURL: 'i', ex: 'e' }] });
		for (const uid of ['a-b', 'a.b', 'a@b', 'a:b', 'a b']) {
			expect(() => body(ENDPOINTS['user.register'], { uid, profile: { name: 'N' } })).toThrow(
				'User ID may contain only letters, digits and _ on OpenIM 3.x',
			);
		}
	});

	it("sends a group message with groupID and no recvID, the sender nickname under 3.x's key", () => {
		expect(
			body(ENDPOINTS['message.send'], {
				sendID: 's',
				groupID: 'g',
				sessionType: 3,
				contentType: 101,
				content: { content: 'x' },
				fields: { senderNickName: 'Bot' },
			}),
		).toEqual({
			sendID: 's',
			groupID: 'g',
			sessionType: 3,
			contentType: 101,
			content: { content: 'x' },
			senderNickname: 'Bot',
		});
	});

	it('reads null and [] lists as empty', () => {
		const get = ENDPOINTS['user.get'];
		expect(get.read({ errCode: 0, data: { usersInfo: null } }, { uids: ['a'] })).toEqual([]);
		expect(get.read({ errCode: 0, data: { usersInfo: [] } }, { uids: ['a'] })).toEqual([]);
		expect(
			ENDPOINTS['user.getAll'].read(
				{ errCode: 0, data: { total: 0, users: null } },
				{ page: { number: 1, size: 100 }, filters: {} },
			),
		).toEqual([]);
	});

	it('offers no user delete', () => {
		expect(ENDPOINTS['user.delete']).toBeUndefined();
		expect(GENERATIONS['2021'].endpoints['user.delete']).toBeDefined();
	});
});

describe('3.x content', () => {
	function context(parameters: Record<string, unknown>) {
		const ctx = mockDeep<IExecuteFunctions>();
		ctx.getNode.mockReturnValue({
			id: 'n',
			name: 'OpenIM',
			type: 'openIm',
			typeVersion: 2,
			position: [0, 0],
			parameters: {},
		});
		ctx.getNodeParameter.mockImplementation(((name: string, _item: number, fallback?: unknown) =>
			name in parameters ? parameters[name] : fallback) as never);
		return ctx;
	}

	it('offers 101 to 106, 110 and 1400', () => {
		expect(V3_TYPES.map((type) => type.value)).toEqual([101, 102, 103, 104, 105, 106, 110, 1400]);
	});

	it('sends text as {content}, and pictures without a size', () => {
		expect(
			contentFromFields(new RunParameters(context({ text: 'hi' })).item(0), 101, V3_TYPES),
		).toEqual({ content: 'hi' });
		const picture = { url: 'u', type: 't', width: 1, height: 2 };
		expect(
			contentFromFields(
				new RunParameters(context({ sourcePicture: picture })).item(0),
				102,
				V3_TYPES,
			),
		).toMatchObject({
			sourcePicture: { ...picture, size: 0 },
			snapshotPicture: { ...picture, size: 0 },
		});
	});

	it('checks JSON content by 3.x keys', () => {
		expect(checkContentJson(101, '{"content":"x"}', V3_TYPES)).toEqual({ content: 'x' });
		expect(() => checkContentJson(101, '{"text":"x"}', V3_TYPES)).toThrow(
			'Content (JSON) needs "content" for content type 101',
		);
		expect(() =>
			checkContentJson(
				106,
				{ text: 'x', atUserList: Array.from({ length: 1001 }, (_, i) => `u${i}`) },
				V3_TYPES,
			),
		).toThrow('lists 1001 IDs; OpenIM allows at most 1000');
	});
});

describe('node description for 3.x', () => {
	const { description } = new OpenIm();
	const shownFor = (apiVersion: string, property: INodeProperties) =>
		property.displayOptions?.show?.apiVersion?.includes(apiVersion) ?? true;

	it('is typeVersion 1 and 2, 2 by default, with OpenIM Version above Resource', () => {
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
		const versions = description.properties.filter((property) => property.name === 'apiVersion');
		expect(
			versions.map((property) => [property.displayOptions?.show?.['@version'], property.default]),
		).toEqual([
			[[1], '2021'],
			[[{ _cnd: { gte: 2 } }], 'v3'],
		]);
		expect(description.properties.findIndex((property) => property.name === 'resource')).toBe(2);
		// 3.x's last: the one the editor gives a node it opens without a credential (api/index.ts).
		expect(description.credentials).toEqual([
			{ name: 'openImApi', required: true, displayOptions: { show: { apiVersion: ['2021'] } } },
			{ name: 'openImV3Api', required: true, displayOptions: { show: { apiVersion: ['v3'] } } },
		]);
	});

	it('offers every 3.x operation of DESIGN.md, and no user delete', () => {
		const operations = (resource: string) =>
			description.properties
				.filter(
					(property) =>
						property.name === 'operation' &&
						property.displayOptions?.show?.resource?.includes(resource) &&
						shownFor('v3', property),
				)
				.flatMap((property) =>
					(property.options as Array<{ value: string }>).map((option) => option.value),
				)
				.sort();
		expect(operations('user')).toEqual([
			'checkAccounts',
			'createNotificationAccount',
			'createOrUpdate',
			'forceLogout',
			'get',
			'getAll',
			'getOnlineStatus',
			'getToken',
			'register',
			'update',
		]);
		expect(operations('group')).toEqual([
			'create',
			'dismiss',
			'get',
			'getAll',
			'getJoined',
			'getMembers',
			'inviteUsers',
			'kickUsers',
			'mute',
			'muteMember',
			'setMemberInfo',
			'transferOwner',
			'unmute',
			'unmuteMember',
			'update',
		]);
		expect(operations('friend')).toEqual([
			'addToBlacklist',
			'delete',
			'getAll',
			'getBlacklist',
			'import',
			'removeFromBlacklist',
		]);
		expect(operations('message')).toEqual([
			'clearConversations',
			'revoke',
			'search',
			'send',
			'sendAndWait',
			'sendBusinessNotification',
			'sendToMany',
		]);
		expect(operations('conversation')).toEqual(['get', 'getAll', 'update']);
	});

	it("puts each resource's 3.x Operation selector first, the one n8n's node picker lists as actions", () => {
		// n8n's editor (useActionsGenerator, resourceCategories) takes the first `operation` property shown for a resource.
		const resources = description.properties.find((property) => property.name === 'resource')
			?.options as Array<{ value: string }>;
		for (const { value } of resources) {
			const first = description.properties.find(
				(property) =>
					property.name === 'operation' && property.displayOptions?.show?.resource?.includes(value),
			);
			expect([value, shownFor('v3', first!)]).toEqual([value, true]);
			expect(first!.displayOptions?.show?.apiVersion ?? ['v3']).toEqual(['v3']);
			const options = first!.options as Array<{ value: string; action?: string }>;
			expect(options.filter((option) => !option.action)).toEqual([]);
			expect(new Set(options.map((option) => option.action)).size).toBe(options.length);
		}
	});

	it('defaults Platform to iOS on typeVersion 1 and to Web on typeVersion 2', () => {
		const platforms = description.properties.filter(
			(property) =>
				property.name === 'platform' &&
				property.displayOptions?.show?.operation?.includes('register'),
		);
		expect(
			platforms.map((property) => [property.displayOptions?.show?.['@version'], property.default]),
		).toEqual([
			[[1], 1],
			[[{ _cnd: { gte: 2 } }], 5],
		]);
	});

	it('never shows two properties of one name at once for one generation and operation', () => {
		for (const apiVersion of ['2021', 'v3']) {
			for (const version of [1, 2]) {
				const seen = new Map<string, number>();
				for (const property of description.properties) {
					const show = property.displayOptions?.show ?? {};
					if (!shownFor(apiVersion, property)) continue;
					const at = show['@version'] as unknown[] | undefined;
					if (
						at &&
						!at.some((entry) => entry === version || (typeof entry === 'object' && version >= 2))
					)
						continue;
					// A content field the upload fills unless given has one property per File Source (hidden for one, shown for the other).
					const source =
						show.fileSource ??
						property.displayOptions?.hide?.fileSource?.map((value) => `not ${value}`);
					const key = JSON.stringify([
						property.name,
						show.resource,
						show.operation,
						show.contentType,
						show.sessionType,
						source,
					]);
					seen.set(key, (seen.get(key) ?? 0) + 1);
				}
				expect([...seen].filter(([, count]) => count > 1)).toEqual([]);
			}
		}
	});
});

describe('openImRequest on 3.x', () => {
	function context(answers: Array<{ statusCode: number; body: string }>) {
		const ctx = mockDeep<IExecuteFunctions>();
		ctx.getNode.mockReturnValue({
			id: 'n1',
			name: 'OpenIM',
			type: 'openIm',
			typeVersion: 2,
			position: [0, 0],
			parameters: {},
			credentials: { openImV3Api: { id: 'c3', name: 'OpenIM 3.x' } },
		});
		ctx.getCredentials.mockResolvedValue({
			baseUrl: 'http://127.0.0.1:10002',
			secret: SECRET,
			adminUserId: 'imAdmin',
			token: 'old-token',
			issuedBy: 'auth/get_admin_token',
		});
		const queue = [...answers];
		const send = ctx.helpers.httpRequestWithAuthentication as unknown as jest.Mock;
		send.mockImplementation(async () => queue.shift());
		return { ctx, send };
	}

	it('uses the OpenIM V3 API credential and the operationID header, refreshing once on 1501', async () => {
		const { ctx, send } = context([
			{ statusCode: 200, body: envelope(1501, { errMsg: 'TokenExpiredError' }) },
			{ statusCode: 200, body: envelope(0, { data: { usersInfo: [] } }) },
		]);
		await expect(
			openImRequest.call(
				ctx,
				'user/get_users_info',
				{ userIDs: ['a'] },
				{ itemIndex: 0, api: v3, operationID: 'op-9' },
			),
		).resolves.toMatchObject({ errCode: 0 });
		expect(ctx.getCredentials).toHaveBeenCalledWith('openImV3Api', 0);
		const [[type, first, handover], [, second, retry]] = send.mock.calls;
		expect(type).toBe('openImV3Api');
		expect(first).toMatchObject({
			url: 'http://127.0.0.1:10002/user/get_users_info',
			headers: { 'Content-Type': 'application/json', operationID: 'op-9' },
		});
		expect(JSON.parse(first.body)).toEqual({ userIDs: ['a'] });
		expect(handover.credentialsDecrypted.data.token).toBe('old-token');
		expect(retry.credentialsDecrypted.data.token).toBe('');
		expect(second.body).toBe(first.body);
	});
});
