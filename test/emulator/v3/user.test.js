'use strict';
// user/* (§3.1): user_register's rules, profile reads and updates, paging, online status.
const { useEmulator, adminClient, call, ok, err } = require('./helpers');

const ctx = useEmulator();
let api;
beforeEach(async () => {
	({ api } = await adminClient(ctx.emu));
});
const registerUsers = (users) => api('/user/user_register', { users });
const ids = () => Object.keys(ctx.emu.snapshot().users);

describe('user_register', () => {
	test('registers every user, no data; UserInfo as stored, createTime in ms', async () => {
		const before = Date.now();
		const res = await registerUsers([
			{
				userID: 'alice_01',
				nickname: 'Alice',
				faceURL: 'http://x/a.png',
				ex: '{"a":1}',
				appMangerLevel: 1,
				globalRecvMsgOpt: 2,
			},
			{ userID: '李四', nickname: 'Li' },
		]);
		expect(res.json).toEqual(ok());
		expect(res.text).toBe('{"errCode":0,"errMsg":"","errDlt":""}');
		const alice = ctx.emu.snapshot().users.alice_01;
		expect(alice).toEqual({
			userID: 'alice_01',
			nickname: 'Alice',
			faceURL: 'http://x/a.png',
			ex: '{"a":1}',
			createTime: expect.any(Number),
			appMangerLevel: 1,
			globalRecvMsgOpt: 2,
		});
		expect(alice.createTime).toBeGreaterThanOrEqual(before);
		expect(ids()).toEqual(['imAdmin', 'alice_01', '李四']);
	});

	test.each([
		['alice-1', 'userID is legal'],
		['a.b', 'userID is legal'],
		['a@b', 'userID is legal'],
		['a:b', 'userID is legal'],
		['a b', 'userID is legal'],
	])('userID %j: 1001 %j, and nobody of the batch is registered', async (userID, errDlt) => {
		const res = await registerUsers([
			{ userID: 'good', nickname: 'Good' },
			{ userID, nickname: 'Bad' },
		]);
		expect(res.json).toEqual(err(1001, 'ArgsError', errDlt));
		expect(ids()).toEqual(['imAdmin']);
	});

	test('empty userID, missing nickname, repeated IDs, empty list: 1001; nobody registered', async () => {
		expect((await registerUsers([{ userID: '', nickname: 'x' }])).json).toEqual(
			err(1001, 'ArgsError', 'userID is empty'),
		);
		expect((await registerUsers([{ userID: 'a', nickname: 'A' }, { userID: 'b' }])).json).toEqual(
			err(1001, 'ArgsError', 'user name is empty'),
		);
		expect(
			(
				await registerUsers([
					{ userID: 'a', nickname: 'A' },
					{ userID: 'a', nickname: 'A' },
				])
			).json,
		).toEqual(err(1001, 'ArgsError', 'userID repeated'));
		expect((await registerUsers([])).json).toEqual(err(1001, 'ArgsError', 'users is empty'));
		expect((await api('/user/user_register', {})).json).toEqual(
			err(1001, 'ArgsError', 'users are empty'),
		);
		expect(ids()).toEqual(['imAdmin']);
	});

	test('one already registered: 1102 for the whole batch, the new ones are not registered', async () => {
		await registerUsers([{ userID: 'alice', nickname: 'Alice' }]);
		const res = await registerUsers([
			{ userID: 'bob', nickname: 'Bob' },
			{ userID: 'alice', nickname: 'Alice' },
		]);
		expect(res.json).toEqual(err(1102, 'RegisteredAlreadyError'));
		expect(ids()).toEqual(['imAdmin', 'alice']);
	});

	test('a mistyped field is a bind error (errMsg "Error: ...")', async () => {
		const res = await api('/user/user_register', { users: [{ userID: 'a', nickname: 5 }] });
		expect(res.json).toEqual({
			errCode: 1001,
			errMsg: expect.stringMatching(
				/^Error: Error: json: cannot unmarshal number into Go struct field UserInfo.users.nickname of type string \| -> /,
			),
			errDlt: '',
		});
	});
});

describe('get_users_info, update_user_info_ex, update_user_info', () => {
	beforeEach(() => registerUsers([{ userID: 'alice', nickname: 'Alice', faceURL: 'f', ex: 'e' }]));

	test("get_users_info: known users in storage order (not the request's), each once, unknown ones omitted, [] when none", async () => {
		const res = await api('/user/get_users_info', {
			userIDs: ['ghost', 'alice', 'imAdmin', 'alice'],
		});
		expect(res.json.data.usersInfo.map((u) => u.userID)).toEqual(['imAdmin', 'alice']);
		expect(res.json.data.usersInfo[0]).toMatchObject({ nickname: 'imAdmin', appMangerLevel: 3 });
		expect((await api('/user/get_users_info', { userIDs: ['ghost'] })).json).toEqual(
			ok({ usersInfo: [] }),
		);
		expect((await api('/user/get_users_info', {})).json).toEqual(
			err(1001, 'ArgsError', 'UserIDs is empty'),
		);
	});

	test('update_user_info_ex: bare wrapper values; "" clears; absent or null leaves; {value} is a bind error', async () => {
		expect(
			(
				await api('/user/update_user_info_ex', {
					userInfo: { userID: 'alice', nickname: 'Al', faceURL: '', ex: null, globalRecvMsgOpt: 2 },
				})
			).json,
		).toEqual(ok());
		expect(ctx.emu.snapshot().users.alice).toMatchObject({
			nickname: 'Al',
			faceURL: '',
			ex: 'e',
			globalRecvMsgOpt: 2,
		});
		const wrapped = await api('/user/update_user_info_ex', {
			userInfo: { userID: 'alice', nickname: { value: 'X' } },
		});
		expect(wrapped.json.errCode).toBe(1001);
		expect(wrapped.json.errMsg).toMatch(
			/^Error: Error: json: cannot unmarshal object into Go struct field UserInfoWithEx.userInfo.nickname of type wrapperspb.StringValue \| /,
		);
		expect(ctx.emu.snapshot().users.alice.nickname).toBe('Al');
	});

	test('update_user_info_ex: unknown user 1004, no userInfo 1001, another user with a user token 1002, self allowed', async () => {
		expect(
			(await api('/user/update_user_info_ex', { userInfo: { userID: 'ghost', nickname: 'G' } }))
				.json.errCode,
		).toBe(1004);
		expect((await api('/user/update_user_info_ex', {})).json).toEqual(
			err(1001, 'ArgsError', 'userInfo is empty'),
		);
		await registerUsers([{ userID: 'bob', nickname: 'Bob' }]);
		const bob = ctx.emu.issueToken('bob', 5).token;
		expect(
			(
				await call(
					ctx.emu,
					'/user/update_user_info_ex',
					{ userInfo: { userID: 'alice', nickname: 'B' } },
					{ token: bob },
				)
			).json.errCode,
		).toBe(1002);
		expect(
			(
				await call(
					ctx.emu,
					'/user/update_user_info_ex',
					{ userInfo: { userID: 'bob', nickname: 'Bobby' } },
					{ token: bob },
				)
			).json.errCode,
		).toBe(0);
		expect(ctx.emu.snapshot().users.bob.nickname).toBe('Bobby');
	});

	test('update_user_info (deprecated): "" and 0 mean unchanged', async () => {
		expect(
			(
				await api('/user/update_user_info', {
					userInfo: { userID: 'alice', nickname: '', faceURL: 'g', globalRecvMsgOpt: 0 },
				})
			).json,
		).toEqual(ok());
		expect(ctx.emu.snapshot().users.alice).toMatchObject({
			nickname: 'Alice',
			faceURL: 'g',
			ex: 'e',
		});
	});
});

describe('get_users, get_all_users_uid', () => {
	beforeEach(() =>
		registerUsers(
			['u1', 'u2', 'u3', 'u4', 'u5'].map((userID) => ({ userID, nickname: `Name ${userID}` })),
		),
	);

	test('get_users pages with totals and hides imAdmin; any token may call it', async () => {
		const page = (pageNumber, showNumber) =>
			api('/user/get_users', { pagination: { pageNumber, showNumber } });
		const first = await page(1, 2);
		expect(first.json.data.total).toBe(5);
		expect(first.json.data.users.map((u) => u.userID)).toEqual(['u1', 'u2']);
		expect((await page(3, 2)).json.data.users.map((u) => u.userID)).toEqual(['u5']);
		expect((await page(4, 2)).json.data).toEqual({ total: 5, users: [] });
		expect((await page(1, 0)).json.data).toEqual({ total: 5, users: [] });
		expect((await page(0, 2)).json).toEqual(err(1001, 'ArgsError', 'pageNumber is invalid'));
		expect((await api('/user/get_users', {})).json.errCode).toBe(1001);
		const u1 = ctx.emu.issueToken('u1', 5).token;
		expect(
			(
				await call(
					ctx.emu,
					'/user/get_users',
					{ pagination: { pageNumber: 1, showNumber: 10 } },
					{ token: u1 },
				)
			).json.data.total,
		).toBe(5);
	});

	test('get_users filters: userID or nickName, case-insensitive regex, OR-ed', async () => {
		const res = await api('/user/get_users', {
			pagination: { pageNumber: 1, showNumber: 10 },
			userID: 'U1',
			nickName: 'name u3',
		});
		expect(res.json.data).toEqual({
			total: 2,
			users: [expect.objectContaining({ userID: 'u1' }), expect.objectContaining({ userID: 'u3' })],
		});
	});

	test('get_all_users_uid includes imAdmin; past the end the list is null', async () => {
		expect(
			(await api('/user/get_all_users_uid', { pagination: { pageNumber: 1, showNumber: 3 } })).json
				.data,
		).toEqual({ total: 6, userIDs: ['imAdmin', 'u1', 'u2'] });
		expect(
			(await api('/user/get_all_users_uid', { pagination: { pageNumber: 9, showNumber: 3 } })).json
				.data,
		).toEqual({ total: 6, userIDs: null });
	});
});

describe('get_users_online_status (BindJSON, admin)', () => {
	test('a bare array in request order, everyone offline; {} gives data null; a bind error is HTTP 400 errCode 500', async () => {
		await registerUsers([{ userID: 'alice', nickname: 'Alice' }]);
		ctx.emu.setOnline('alice', 5);
		const res = await api('/user/get_users_online_status', { userIDs: ['ghost', 'alice'] });
		// The connection's token is in the answer, as the real gateway reports it.
		const [{ token }] = ctx.emu.snapshot().tokens.filter((t) => t.userID === 'alice');
		expect(res.json.data).toEqual([
			{ userID: 'ghost', status: 0, detailPlatformStatus: null },
			{
				userID: 'alice',
				status: 1,
				detailPlatformStatus: [
					{ platformID: 5, connID: expect.any(String), isBackground: false, token },
				],
			},
		]);
		expect((await api('/user/get_users_online_status', {})).text).toBe(
			'{"errCode":0,"errMsg":"","errDlt":"","data":null}',
		);
		const bad = await api('/user/get_users_online_status', { userIDs: 'alice' });
		expect([bad.status, bad.json]).toEqual([
			400,
			{
				errCode: 500,
				errMsg: 'ServerInternalError',
				errDlt:
					'json: cannot unmarshal string into Go struct field GetUsersOnlineStatusReq.userIDs of type []string',
			},
		]);
		const alice = ctx.emu.issueToken('alice', 5).token;
		expect(
			(
				await call(
					ctx.emu,
					'/user/get_users_online_status',
					{ userIDs: ['alice'] },
					{ token: alice },
				)
			).json.errCode,
		).toBe(1002);
	});
});

test('account_check (admin): one result per ID in request order; repeats 1001; get_users_status for any token', async () => {
	await registerUsers([{ userID: 'alice', nickname: 'Alice' }]);
	expect((await api('/user/account_check', { checkUserIDs: ['ghost', 'alice'] })).json).toEqual(
		ok({
			results: [
				{ userID: 'ghost', accountStatus: 0 },
				{ userID: 'alice', accountStatus: 1 },
			],
		}),
	);
	expect((await api('/user/account_check', { checkUserIDs: ['alice', 'alice'] })).json).toEqual(
		err(1001, 'ArgsError', 'userID repeated'),
	);
	expect((await api('/user/account_check', {})).json).toEqual(
		err(1001, 'ArgsError', 'CheckUserIDs is empty'),
	);
	const alice = ctx.emu.issueToken('alice', 5).token;
	expect(
		(await call(ctx.emu, '/user/account_check', { checkUserIDs: ['alice'] }, { token: alice })).json
			.errCode,
	).toBe(1002);
	expect(
		(await call(ctx.emu, '/user/get_users_status', { userIDs: ['alice'] }, { token: alice })).json,
	).toEqual(ok({ statusList: [{ userID: 'alice', status: 0, platformIDs: null }] }));
});
