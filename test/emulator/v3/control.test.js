'use strict';
// The module API and /__emulator/* control routes, faults, seed, hooks and the app-user send.
const { OpenImV3Emulator, ApiError } = require('./index');
const { OpenImV3Emulator: fromRoot, OpenImEmulator } = require('../index');
const { SEED_GROUP_ID } = require('./state');
const { useEmulator, call, adminClient, register, ok, err } = require('./helpers');

const ctx = useEmulator();
const get = (what) =>
	call(ctx.emu, `/__emulator/${what}`, undefined, { method: 'GET', operationID: null });
const post = (what, body) => call(ctx.emu, `/__emulator/${what}`, body, { operationID: null });

test('exported from test/emulator next to the 2021 OpenImEmulator; start() resolves to the emulator', () => {
	expect(fromRoot).toBe(OpenImV3Emulator);
	expect(OpenImEmulator).toBeDefined();
	expect(ctx.emu.url).toBe(`http://127.0.0.1:${ctx.emu.port}`);
	expect(ctx.emu.config).toMatchObject({
		secret: 'openIM123',
		adminUserID: 'imAdmin',
		serverVersion: '3.8.3',
		tokenTtlSeconds: 7776000,
	});
});

describe('bookkeeping', () => {
	test('requests: method, path, headers, raw and parsed body, status and answer; control requests are not logged', async () => {
		await call(
			ctx.emu,
			'/auth/get_admin_token',
			{ secret: 'openIM123', userID: 'imAdmin' },
			{ headers: { 'X-Trace': 'abc' } },
		);
		await call(ctx.emu, '/nowhere', undefined, { raw: 'not json', token: 't' });
		await get('state');
		expect(ctx.emu.requests).toEqual([
			{
				method: 'POST',
				path: '/auth/get_admin_token',
				headers: expect.objectContaining({ 'x-trace': 'abc', operationid: 'op-test' }),
				rawBody: '{"secret":"openIM123","userID":"imAdmin"}',
				body: { secret: 'openIM123', userID: 'imAdmin' },
				time: expect.any(Number),
				status: 200,
				answer: ok({ token: expect.any(String), expireTimeSeconds: 7776000 }),
			},
			{
				method: 'POST',
				path: '/nowhere',
				headers: expect.objectContaining({ token: 't' }),
				rawBody: 'not json',
				body: undefined,
				time: expect.any(Number),
				status: 200,
				answer: err(1503, 'TokenMalformedError'),
			},
		]);
		expect((await get('requests')).json.map((r) => r.path)).toEqual([
			'/auth/get_admin_token',
			'/nowhere',
		]);
	});

	test('snapshot(): users, groups, friends, blacks, messages, objects, conversations, tips, pushed, tokens; a deep copy', async () => {
		const { api } = await adminClient(ctx.emu);
		const snap = ctx.emu.snapshot();
		expect(Object.keys(snap)).toEqual([
			'users',
			'groups',
			'friends',
			'blacks',
			'friendRequests',
			'messages',
			'objects',
			'conversations',
			'tips',
			'pushed',
			'tokens',
		]);
		expect(snap.users.imAdmin).toEqual({
			userID: 'imAdmin',
			nickname: 'imAdmin',
			faceURL: '',
			ex: '',
			createTime: expect.any(Number),
			appMangerLevel: 3,
			globalRecvMsgOpt: 0,
		});
		expect(snap.tokens).toEqual([
			{
				userID: 'imAdmin',
				platformID: 10,
				token: expect.any(String),
				exp: expect.any(Number),
				status: 'normal',
			},
		]);
		snap.users.imAdmin.nickname = 'changed';
		expect(ctx.emu.snapshot().users.imAdmin.nickname).toBe('imAdmin');
		ctx.emu.expireAllTokens();
		expect(ctx.emu.snapshot().tokens[0].status).toBe('expired');
		expect((await api('/user/get_users_info', { userIDs: [] })).json.errCode).toBe(1501);
	});

	test('reset() clears state, tokens, log and faults; seed() adds alice, bob, carol and the demo group', async () => {
		const { token } = await adminClient(ctx.emu);
		await register(ctx.emu, token, 'zed');
		ctx.emu.failNext(1, { status: 500 });
		ctx.emu.reset();
		expect(Object.keys(ctx.emu.snapshot().users)).toEqual(['imAdmin']);
		expect(ctx.emu.snapshot().tokens).toEqual([]);
		expect(ctx.emu.requests).toEqual([]);
		expect(
			(await call(ctx.emu, '/auth/get_admin_token', { secret: 'openIM123', userID: 'imAdmin' }))
				.status,
		).toBe(200);

		ctx.emu.seed();
		ctx.emu.seed();
		const { users, groups } = ctx.emu.snapshot();
		expect(Object.keys(users)).toEqual(['imAdmin', 'alice', 'bob', 'carol']);
		expect(groups[SEED_GROUP_ID]).toMatchObject({
			groupName: 'Demo group',
			ownerUserID: 'alice',
			memberCount: 3,
		});
		const seeded = await new OpenImV3Emulator({ seed: true }).start();
		try {
			seeded.reset();
			expect(Object.keys(seeded.snapshot().users)).toEqual(['imAdmin', 'alice', 'bob', 'carol']);
		} finally {
			await seeded.stop();
		}
	});
});

describe('control routes', () => {
	test('state, seed, reset, expire-tokens, latency; unknown 404 with the list; bad input 400', async () => {
		expect((await post('seed')).json).toEqual({ ok: true });
		expect(Object.keys((await get('state')).json.users)).toEqual([
			'imAdmin',
			'alice',
			'bob',
			'carol',
		]);
		const { api } = await adminClient(ctx.emu);
		expect((await post('expire-tokens')).json).toEqual({ ok: true });
		expect((await api('/user/get_users_info', { userIDs: [] })).json.errCode).toBe(1501);
		expect((await post('latency', { ms: 5 })).json).toEqual({ ok: true });
		expect(ctx.emu.latencyMs).toBe(5);
		expect((await post('latency', { ms: -1 })).status).toBe(400);
		expect((await post('reset')).json).toEqual({ ok: true });
		expect(Object.keys(ctx.emu.snapshot().users)).toEqual(['imAdmin']);
		const unknown = await post('nope');
		expect([unknown.status, unknown.json.routes]).toEqual([
			404,
			expect.arrayContaining(['POST app/send', 'GET state']),
		]);
	});

	test('fail, malformed, drop, hang: per path, counted, not processed (drop/hang "after" processes)', async () => {
		const admin = (body) =>
			call(ctx.emu, '/auth/get_admin_token', body ?? { secret: 'openIM123', userID: 'imAdmin' });
		await post('fail', {
			count: 2,
			status: 503,
			body: { errCode: 500, errMsg: 'down' },
			path: 'auth/get_admin_token',
		});
		expect((await admin()).status).toBe(503);
		expect((await admin()).json).toEqual({ errCode: 500, errMsg: 'down' });
		expect((await admin()).status).toBe(200);

		await post('malformed', {});
		const broken = await admin();
		expect([broken.status, broken.json]).toEqual([200, undefined]);

		await post('drop', {});
		await expect(admin()).rejects.toThrow();
		const { token } = await adminClient(ctx.emu);
		ctx.emu.dropNext(1, { path: '/user/user_register', when: 'after' });
		await expect(
			call(ctx.emu, '/user/user_register', { users: [{ userID: 'x', nickname: 'X' }] }, { token }),
		).rejects.toThrow();
		expect(ctx.emu.snapshot().users.x).toBeDefined();

		await post('hang', { path: '/auth/get_admin_token' });
		const hung = admin();
		while (ctx.emu.requests.length < 8) await new Promise((resolve) => setTimeout(resolve, 5));
		await ctx.emu.stop();
		await expect(hung).rejects.toThrow();
		ctx.emu = await new OpenImV3Emulator().start();
	});
});

describe('hooks', () => {
	test('before-events can refuse with their errCode; after-events see the doc bodies', async () => {
		const { api, token } = await adminClient(ctx.emu);
		const seen = [];
		ctx.emu.hooks = {
			before: async (command, body) => {
				seen.push(['before', command, body]);
				return body.users?.[0]?.userID === 'blocked'
					? { errCode: 5001, errMsg: 'not today', errDlt: 'policy' }
					: undefined;
			},
			after: (command, body) => seen.push(['after', command, body]),
		};
		expect(
			(await api('/user/user_register', { users: [{ userID: 'blocked', nickname: 'B' }] })).json,
		).toEqual({ errCode: 5001, errMsg: 'not today', errDlt: 'policy' });
		expect(ctx.emu.snapshot().users.blocked).toBeUndefined();
		await register(ctx.emu, token, 'alice');
		await new Promise((resolve) => setImmediate(resolve));
		expect(seen.map(([kind, command]) => `${kind} ${command}`)).toEqual([
			'before callbackBeforeUserRegisterCommand',
			'before callbackBeforeUserRegisterCommand',
			'after callbackAfterUserRegisterCommand',
		]);
		expect(seen[2][2]).toEqual({
			callbackCommand: 'callbackAfterUserRegisterCommand',
			users: [expect.objectContaining({ userID: 'alice', nickname: 'Alice' })],
		});

		seen.length = 0;
		await api('/msg/send_msg', {
			sendID: 'imAdmin',
			recvID: 'alice',
			content: { content: 'hi' },
			contentType: 101,
			sessionType: 1,
			senderPlatformID: 10,
		});
		await new Promise((resolve) => setImmediate(resolve));
		// An admin's single-chat send skips beforeSendSingleMsg; text still goes through beforeMsgModify.
		expect(seen.map(([kind, command]) => `${kind} ${command}`)).toEqual([
			'before callbackBeforeMsgModifyCommand',
			'after callbackAfterSendSingleMsgCommand',
		]);
		// CommonCallbackReq's field order: sendID comes before callbackCommand.
		expect(Object.keys(seen[1][2]).slice(0, 3)).toEqual([
			'sendID',
			'callbackCommand',
			'serverMsgID',
		]);
		expect(seen[1][2]).toEqual({
			callbackCommand: 'callbackAfterSendSingleMsgCommand',
			sendID: 'imAdmin',
			serverMsgID: expect.any(String),
			clientMsgID: expect.any(String),
			operationID: 'op-test',
			senderPlatformID: 10,
			senderNickname: '',
			sessionType: 1,
			msgFrom: 200,
			contentType: 101,
			status: 1,
			sendTime: expect.any(Number),
			createTime: expect.any(Number),
			content: '{"content":"hi"}',
			seq: 0,
			atUserList: null,
			faceURL: '',
			ex: '',
			recvID: 'alice',
		});
	});

	test('a thrown ApiError refuses with its code; a negative errCode becomes 500', async () => {
		const { api, token } = await adminClient(ctx.emu);
		await register(ctx.emu, token, 'alice');
		ctx.emu.hooks.before = async (command) => {
			if (command === 'callbackBeforeImportFriendsCommand')
				throw new ApiError(90004, 'webhook unreachable', 'NetworkError');
			return command === 'callbackBeforeAddBlackCommand'
				? { errCode: -1, errMsg: 'bad', errDlt: 'negative' }
				: undefined;
		};
		expect(
			(await api('/friend/import_friend', { ownerUserID: 'imAdmin', friendUserIDs: ['alice'] }))
				.json,
		).toEqual({ errCode: 90004, errMsg: 'NetworkError', errDlt: 'webhook unreachable' });
		expect(
			(await api('/friend/add_black', { ownerUserID: 'alice', blackUserID: 'imAdmin' })).json,
		).toEqual({ errCode: 500, errMsg: 'bad', errDlt: 'negative' });
		expect(ctx.emu.snapshot().friends).toEqual({});
		expect(ctx.emu.snapshot().blacks).toEqual({});
	});

	test("beforeMsgModify may replace a text message's content; an after-hook that throws changes nothing", async () => {
		const { api, token } = await adminClient(ctx.emu);
		await register(ctx.emu, token, 'alice');
		ctx.emu.hooks.before = async (command) =>
			command === 'callbackBeforeMsgModifyCommand' ? { content: '{"content":"***"}' } : undefined;
		ctx.emu.hooks.after = () => {
			throw new Error('webhook down');
		};
		expect(
			(
				await api('/msg/send_msg', {
					sendID: 'imAdmin',
					recvID: 'alice',
					content: { content: 'rude' },
					contentType: 101,
					sessionType: 1,
				})
			).json.errCode,
		).toBe(0);
		expect(ctx.emu.snapshot().messages[0].content).toBe('{"content":"***"}');
	});
});

test('POST /__emulator/app/online: online status follows; afterUserOnline / afterUserOffline fire with the gateway body', async () => {
	const { api, token } = await adminClient(ctx.emu);
	await register(ctx.emu, token, 'alice');
	const after = [];
	ctx.emu.hooks.after = (command, body) => after.push(body);
	expect((await post('app/online', { userID: 'alice', platformID: 2 })).json).toEqual({ ok: true });
	expect(
		(await api('/user/get_users_online_status', { userIDs: ['alice'] })).json.data[0],
	).toMatchObject({
		status: 1,
		detailPlatformStatus: [expect.objectContaining({ platformID: 2 })],
	});
	await post('app/online', { userID: 'alice', platformID: 2, online: false });
	expect((await api('/user/get_users_status', { userIDs: ['alice'] })).json.data).toEqual({
		statusList: [{ userID: 'alice', status: 0, platformIDs: null }],
	});
	await new Promise((resolve) => setImmediate(resolve));
	expect(after).toEqual([
		{
			callbackCommand: 'callbackAfterUserOnlineCommand',
			operationID: expect.stringMatching(/^p_\d+_\d+$/),
			platformID: 2,
			platform: 'Android',
			userID: 'alice',
			seq: expect.any(Number),
			isAppBackground: false,
			connID: expect.any(String),
		},
		{
			callbackCommand: 'callbackAfterUserOfflineCommand',
			operationID: expect.any(String),
			platformID: 2,
			platform: 'Android',
			userID: 'alice',
			seq: expect.any(Number),
			connID: expect.any(String),
		},
	]);
	expect((await post('app/online', { userID: 'ghost' })).status).toBe(400);
});

describe('POST /__emulator/app/send', () => {
	test('a user sends as through the SDK: msgFrom 100, the before single-chat hook fires, black lists apply, no content checks', async () => {
		const { api, token } = await adminClient(ctx.emu);
		await register(ctx.emu, token, 'alice', 'bob');
		const commands = [];
		ctx.emu.hooks.before = async (command) => {
			commands.push(command);
		};
		const res = await post('app/send', {
			sendID: 'alice',
			recvID: 'bob',
			content: { content: 'hi bob' },
		});
		expect(res.json).toEqual(
			ok({
				serverMsgID: expect.any(String),
				clientMsgID: expect.any(String),
				sendTime: expect.any(Number),
			}),
		);
		expect(ctx.emu.snapshot().messages[0]).toMatchObject({
			sendID: 'alice',
			recvID: 'bob',
			msgFrom: 100,
			senderNickname: 'Alice',
			senderPlatformID: 5,
			contentType: 101,
		});
		expect(commands).toEqual([
			'callbackBeforeSendSingleMsgCommand',
			'callbackBeforeMsgModifyCommand',
		]);

		await api('/friend/add_black', { ownerUserID: 'bob', blackUserID: 'alice' });
		expect(
			(await post('app/send', { sendID: 'alice', recvID: 'bob', content: { content: 'again' } }))
				.json,
		).toEqual(err(1302, 'BlockedByPeer'));
		// The SDK path skips the REST API's content validation.
		expect(
			(await post('app/send', { sendID: 'bob', recvID: 'alice', content: {} })).json.errCode,
		).toBe(0);
	});

	test('friendVerify: a non-friend sender gets 1303; the admin is exempt', async () => {
		const emu = await new OpenImV3Emulator({ friendVerify: true }).start();
		try {
			const { api, token } = await adminClient(emu);
			await register(emu, token, 'alice', 'bob');
			const send = (body) =>
				call(
					emu,
					'/__emulator/app/send',
					{ sendID: 'alice', recvID: 'bob', content: { content: 'hi' }, ...body },
					{ operationID: null },
				);
			expect((await send()).json).toEqual(err(1303, 'NotPeersFriend'));
			await api('/friend/import_friend', { ownerUserID: 'alice', friendUserIDs: ['bob'] });
			expect((await send()).json.errCode).toBe(0);
			expect(
				(
					await api('/msg/send_msg', {
						sendID: 'imAdmin',
						recvID: 'bob',
						sessionType: 1,
						contentType: 101,
						content: { content: 'x' },
					})
				).json.errCode,
			).toBe(0);
		} finally {
			await emu.stop();
		}
	});

	test('to a group: members only (1203); an unknown sender is a 400', async () => {
		const { api, token } = await adminClient(ctx.emu);
		await register(ctx.emu, token, 'alice', 'bob', 'carol');
		const { groupID } = (
			await api('/group/create_group', {
				ownerUserID: 'alice',
				memberUserIDs: ['bob'],
				groupInfo: { groupName: 'g', groupType: 2 },
			})
		).json.data.groupInfo;
		expect(
			(await post('app/send', { sendID: 'bob', groupID, content: { content: 'hello all' } })).json
				.errCode,
		).toBe(0);
		expect(ctx.emu.snapshot().messages[0]).toMatchObject({ groupID, sessionType: 3, msgFrom: 100 });
		expect(
			(await post('app/send', { sendID: 'carol', groupID, content: { content: 'x' } })).json
				.errCode,
		).toBe(1203);
		expect(
			(await post('app/send', { sendID: 'ghost', recvID: 'bob', content: { content: 'x' } }))
				.status,
		).toBe(400);
	});
});

describe('transport edges', () => {
	test('OPTIONS answers "Options Request!"; GET on an API route 404; an unknown route with a token 404; a panic is HTTP 500 empty', async () => {
		const options = await call(ctx.emu, '/user/get_users_info', undefined, { method: 'OPTIONS' });
		expect([options.status, options.json]).toEqual([200, 'Options Request!']);
		expect((await call(ctx.emu, '/user/get_users_info', undefined, { method: 'GET' })).status).toBe(
			404,
		);
		const { api } = await adminClient(ctx.emu);
		expect((await api('/user/nothing', {})).status).toBe(404);
		ctx.emu.routes['/user/get_users_info'] = {
			...ctx.emu.routes['/user/get_users_info'],
			handle: () => null.boom,
		};
		const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
		const panic = await api('/user/get_users_info', { userIDs: [] });
		spy.mockRestore();
		expect([panic.status, panic.text]).toEqual([500, '']);
	});
});
