'use strict';
// How requests are read, as gin reads them: bad JSON, missing or mistyped fields, lengths and enums (HTTP 400),
// case-insensitive keys, and the HTTP surface (methods, unknown paths, the secret, duplicates).
const { useEmulator, call, register, SECRET, ADMIN } = require('./helpers');

const ctx = useEmulator();
const user = { secret: SECRET, platform: 1, uid: 'u1', name: 'User One' };
const failedOn = (struct, field, tag) =>
	`Key: '${struct}.${field}' Error:Field validation for '${field}' failed on the '${tag}' tag`;
const registerFailsOn = async (body, field, tag) => {
	const res = await call(ctx.emu, '/auth/user_register', body);
	expect(res.status).toBe(400);
	expect(res.json).toEqual({ errCode: 400, errMsg: failedOn('paramsUserRegister', field, tag) });
	expect(ctx.emu.snapshot().users[body.uid]).toBeUndefined();
};

describe('400: the body does not bind', () => {
	test('a missing required field names the Go struct field and the tag', async () => {
		await registerFailsOn({ ...user, uid: undefined }, 'UID', 'required');
	});

	test('every failing field is reported, one per line', async () => {
		const res = await call(ctx.emu, '/manager/send_msg', { operationID: '1' });
		expect(res.status).toBe(400);
		expect(res.json.errMsg.split('\n')).toEqual(
			['SendID', 'RecvID', 'Content', 'ContentType', 'SessionType'].map((f) =>
				failedOn('paramsManagementSendMsg', f, 'required'),
			),
		);
	});

	test.each([
		['not json', "invalid character 'o' looking for beginning of value"],
		['{"uid": ', 'unexpected EOF'],
		['', 'EOF'],
		['[1, 2]', 'json: cannot unmarshal array into Go value of type auth.paramsUserRegister'],
	])('body %j → %s', async (raw, errMsg) => {
		const res = await call(ctx.emu, '/auth/user_register', undefined, { raw });
		expect(res.status).toBe(400);
		expect(res.json).toEqual({ errCode: 400, errMsg });
	});

	test("like Go's decoder, anything after the first JSON value is ignored", async () => {
		const res = await call(ctx.emu, '/auth/user_register', undefined, {
			raw: `${JSON.stringify(user)} trailing`,
		});
		expect(res.json.errCode).toBe(0);
	});

	test.each([
		[
			'/auth/user_register',
			{ ...user, platform: '1' },
			'json: cannot unmarshal string into Go struct field paramsUserRegister.platform of type int32',
		],
		[
			'/auth/user_register',
			{ ...user, platform: 1.5 },
			'json: cannot unmarshal number 1.5 into Go struct field paramsUserRegister.platform of type int32',
		],
		[
			'/auth/user_register',
			{ ...user, uid: 42 },
			'json: cannot unmarshal number into Go struct field paramsUserRegister.uid of type string',
		],
		[
			'/manager/delete_user',
			{ operationID: '1', deleteUidList: 'u1' },
			'json: cannot unmarshal string into Go struct field paramsDeleteUsers.deleteUidList of type []string',
		],
		[
			'/manager/delete_user',
			{ operationID: '1', deleteUidList: [1] },
			'json: cannot unmarshal number into Go struct field paramsDeleteUsers.deleteUidList of type string',
		],
		[
			'/group/create_group',
			{ operationID: '1', memberList: [{ uid: 'a', setRole: '1' }] },
			'json: cannot unmarshal string into Go struct field GroupAddMemberInfo.memberList.setRole of type int32',
		],
		[
			'/manager/send_msg',
			{ operationID: '1', content: 'hi' },
			'json: cannot unmarshal string into Go struct field paramsManagementSendMsg.content of type map[string]interface {}',
		],
	])('%s: a mistyped field → %s', async (path, body, errMsg) => {
		const res = await call(ctx.emu, path, body);
		expect(res.status).toBe(400);
		expect(res.json).toEqual({ errCode: 400, errMsg });
	});

	test('a required list may be empty but not null', async () => {
		const res = await call(ctx.emu, '/group/invite_user_to_group', {
			operationID: '1',
			uidList: null,
		});
		expect(res.json.errMsg).toBe(failedOn('InviteUserToGroupReq', 'UidList', 'required'));
		const empty = await call(ctx.emu, '/group/invite_user_to_group', {
			operationID: '1',
			uidList: [],
		});
		expect(empty.json.errCode).toBe(200); // got past binding, to the (missing) token
	});
});

describe('400: lengths (in characters) and enums of user_register and user_token', () => {
	const long = (n, c = 'x') => c.repeat(n);

	test.each([
		['Secret', { secret: long(33) }, 'max'],
		['UID', { uid: long(65) }, 'max'],
		['Name', { name: long(65, '张') }, 'max'],
		['Name', { name: '' }, 'required'],
		['Icon', { icon: long(1025) }, 'max'],
		['Mobile', { mobile: long(33) }, 'max'],
		['Birth', { birth: long(17) }, 'max'],
		['Email', { email: long(65) }, 'max'],
		['Ex', { ex: long(1025) }, 'max'],
		['Gender', { gender: 3 }, 'oneof'],
		['Platform', { platform: 0 }, 'required'],
		['Platform', { platform: -1 }, 'min'],
		['Platform', { platform: 8 }, 'max'],
	])('%s %j is refused on %s', (field, change, tag) =>
		registerFailsOn({ ...user, ...change }, field, tag),
	);

	test('values at the limits pass, counted in characters not bytes', async () => {
		const res = await call(ctx.emu, '/auth/user_register', {
			...user,
			uid: long(64),
			name: long(64, '张'),
			icon: long(1024),
			gender: 2,
			mobile: long(32),
			birth: long(16),
			email: long(64),
			ex: long(1024),
			platform: 7,
			secret: SECRET,
		});
		expect(res.json.errCode).toBe(0);
		expect(ctx.emu.snapshot().users[long(64)].name).toBe(long(64, '张'));
	});

	test('user_token takes platforms 1 to 8', async () => {
		expect(
			(await call(ctx.emu, '/auth/user_token', { secret: SECRET, platform: 8, uid: ADMIN })).json
				.errCode,
		).toBe(0);
		const res = await call(ctx.emu, '/auth/user_token', {
			secret: SECRET,
			platform: 9,
			uid: ADMIN,
		});
		expect(res.status).toBe(400);
		expect(res.json.errMsg).toBe(failedOn('paramsUserToken', 'Platform', 'max'));
	});
});

describe("keys match case-insensitively, as Go's encoding/json", () => {
	test('any spelling of a key binds; unknown keys are ignored', async () => {
		const res = await call(ctx.emu, '/auth/user_register', {
			SECRET,
			Platform: 1,
			UID: 'mixed',
			NAME: 'Mixed',
			Email: 'm@x',
			userID: 'ignored',
			extra: { a: 1 },
		});
		expect(res.json.errCode).toBe(0);
		expect(ctx.emu.snapshot().users.mixed).toMatchObject({ name: 'Mixed', email: 'm@x' });
	});

	test('when two spellings of one key are sent, the later one wins', async () => {
		await call(ctx.emu, '/auth/user_register', { ...user, uid: 'first', UID: 'second' });
		expect(Object.keys(ctx.emu.snapshot().users)).toEqual([ADMIN, 'second']);
	});

	test('kick takes userId in any case, but not uid', async () => {
		const token = (
			await call(ctx.emu, '/auth/user_token', { secret: SECRET, platform: 8, uid: ADMIN })
		).json.data.token;
		for (const uid of ['a', 'b']) await register(ctx.emu, uid);
		const { json } = await call(
			ctx.emu,
			'/group/create_group',
			{ memberList: [{ UID: 'a', SetRole: 1 }, { uid: 'b' }], operationID: '1' },
			{ token },
		);
		const groupID = json.data.groupID;
		expect(ctx.emu.snapshot().groups[groupID].members.a.role).toBe(1);

		const res = await call(
			ctx.emu,
			'/group/kick_group',
			{ GroupId: groupID, uidListInfo: [{ userID: 'a' }, { uid: 'b' }], operationID: '1' },
			{ token },
		);
		expect(res.json.data).toEqual([
			{ uid: 'a', result: 0 },
			{ uid: '', result: -1 },
		]);
	});
});

describe('the HTTP surface', () => {
	test.each(['GET', 'PUT', 'DELETE', 'PATCH'])(
		'%s on an API path → 404 as gin, text/plain',
		async (method) => {
			const res = await call(ctx.emu, '/auth/user_token', user, { method });
			expect(res.status).toBe(404);
			expect(res.text).toBe('404 page not found');
			expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		},
	);

	test('an unknown path → 404; paths are case-sensitive', async () => {
		for (const path of ['/auth/nope', '/Auth/user_token', '/', '//auth/user_token']) {
			const res = await call(ctx.emu, path, user);
			expect([path, res.status, res.text]).toEqual([path, 404, '404 page not found']);
		}
	});

	test('a trailing slash is redirected with 307, as gin does', async () => {
		const res = await call(ctx.emu, '/auth/user_token/', user, { redirect: 'manual' });
		expect(res.status).toBe(307);
		expect(res.headers.get('location')).toBe('/auth/user_token');
	});

	test('OPTIONS is answered by the CORS middleware', async () => {
		const res = await call(ctx.emu, '/auth/user_token', undefined, { method: 'OPTIONS' });
		expect(res.status).toBe(200);
		expect(res.json).toBe('Options Request!');
	});

	test('a wrong secret → HTTP 400, errCode 401, on register and on user_token', async () => {
		for (const path of ['/auth/user_register', '/auth/user_token']) {
			const res = await call(ctx.emu, path, { ...user, uid: ADMIN, secret: 'wrong' });
			expect([path, res.status, res.json]).toEqual([
				path,
				400,
				{ errCode: 401, errMsg: 'not authorized' },
			]);
		}
		expect(ctx.emu.snapshot().tokens).toEqual([]);
	});

	test('registering a uid twice → HTTP 500 with the MySQL duplicate-key text; the admin exists already', async () => {
		await register(ctx.emu, 'twice');
		for (const uid of ['twice', ADMIN]) {
			const res = await call(ctx.emu, '/auth/user_register', { ...user, uid });
			expect(res.status).toBe(500);
			expect(res.json).toEqual({
				errCode: 500,
				errMsg: `rpc error: code = Unknown desc = Error 1062: Duplicate entry '${uid}' for key 'PRIMARY'`,
			});
		}
	});

	test('a token for an unknown uid → HTTP 500 record not found', async () => {
		const res = await call(ctx.emu, '/auth/user_token', {
			secret: SECRET,
			platform: 1,
			uid: 'nobody',
		});
		expect(res.status).toBe(500);
		expect(res.json).toEqual({
			errCode: 500,
			errMsg: 'rpc error: code = Unknown desc = record not found',
		});
	});

	test('strings are written as Go writes them: <, > and & escaped', async () => {
		await register(ctx.emu, 'html', { name: '<b>&</b>' });
		const res = await call(
			ctx.emu,
			'/user/get_user_info',
			{ operationID: '1', uidList: ['html'] },
			{
				token: (
					await call(ctx.emu, '/auth/user_token', { secret: SECRET, platform: 8, uid: ADMIN })
				).json.data.token,
			},
		);
		expect(res.text).toContain('"name":"\\u003cb\\u003e\\u0026\\u003c/b\\u003e"');
		expect(res.json.data[0].name).toBe('<b>&</b>');
	});
});
