'use strict';
// auth/*, the operationID and token headers, and how tokens fail (§1.2, §2).
const crypto = require('node:crypto');
const { OpenImV3Emulator } = require('./index');
const { useEmulator, call, adminClient, register, decodeJwt, ok, err } = require('./helpers');

const ctx = useEmulator();
const SECRET = 'openIM123';
const getAdminToken = (body, options) => call(ctx.emu, '/auth/get_admin_token', body, options);

describe('get_admin_token', () => {
	test('answers the token and its lifetime as a duration; the JWT is HS256 with the secret and 3.x claims', async () => {
		const before = Math.floor(Date.now() / 1000);
		const res = await getAdminToken({ secret: SECRET, userID: 'imAdmin' });

		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/json');
		expect(res.json).toEqual(ok({ token: expect.any(String), expireTimeSeconds: 7776000 }));
		const { token } = res.json.data;
		const [header, claims] = decodeJwt(token);
		expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
		expect(claims).toEqual({
			UserID: 'imAdmin',
			PlatformID: 10,
			exp: expect.any(Number),
			iat: expect.any(Number),
		});
		expect(claims.exp - claims.iat).toBe(7776000 + 5);
		expect(claims.iat).toBeGreaterThanOrEqual(before - 6);
		const [input, signature] = [token.split('.').slice(0, 2).join('.'), token.split('.')[2]];
		expect(crypto.createHmac('sha256', SECRET).update(input).digest('base64url')).toBe(signature);
	});

	test('wrong secret 1002, not the admin 1001 with errDlt, blank userID 1001 from Check()', async () => {
		expect((await getAdminToken({ secret: 'nope', userID: 'imAdmin' })).json).toEqual(
			err(1002, 'NoPermissionError', 'secret invalid'),
		);
		expect((await getAdminToken({ secret: SECRET, userID: 'alice' })).json).toEqual(
			err(1001, 'ArgsError', 'userID is error., userID=alice, adminUserID=[imAdmin]'),
		);
		expect((await getAdminToken({ secret: SECRET })).json).toEqual(
			err(1001, 'ArgsError', 'userID is empty'),
		);
	});

	test('needs the operationID header but no token; an empty body is a bind error', async () => {
		expect(
			(await getAdminToken({ secret: SECRET, userID: 'imAdmin' }, { operationID: null })).json,
		).toEqual(err(1001, 'ArgsError', 'header must have operationID'));
		// a2r: json.Unmarshal's text, twice wrapped with a stack, as errMsg; errDlt empty.
		const A2R =
			/^Error: Error: (.*) \| -> jsonutil\.JsonUnmarshal\(\) .* \| -> a2r\.jsonBinding\.Bind\(\) /;
		const empty = await getAdminToken(undefined, { raw: '' });
		expect(empty.json).toEqual({ errCode: 1001, errMsg: expect.stringMatching(A2R), errDlt: '' });
		expect(A2R.exec(empty.json.errMsg)[1]).toBe('unexpected end of JSON input');
		const mistyped = await getAdminToken(undefined, { raw: '{"secret":1}' });
		expect(A2R.exec(mistyped.json.errMsg)[1]).toBe(
			'json: cannot unmarshal number into Go struct field GetAdminTokenReq.secret of type string',
		);
		const trailing = await getAdminToken(undefined, { raw: '{"secret":"x"} x' });
		expect(A2R.exec(trailing.json.errMsg)[1]).toBe("invalid character 'x' after top-level value");
	});

	test('admin tokens are not stored: any number coexist and stay valid', async () => {
		const first = (await getAdminToken({ secret: SECRET, userID: 'imAdmin' })).json.data.token;
		for (let i = 0; i < 3; i++) await getAdminToken({ secret: SECRET, userID: 'imAdmin' });
		expect(
			(await call(ctx.emu, '/user/get_users_info', { userIDs: [] }, { token: first })).json.errCode,
		).toBe(0);
	});
});

describe('get_user_token, parse_token, force_logout', () => {
	test('get_user_token: an admin mints a user token; parse_token answers the absolute exp', async () => {
		const { api, token } = await adminClient(ctx.emu);
		await register(ctx.emu, token, 'alice');
		const res = await api('/auth/get_user_token', { platformID: 5, userID: 'alice' });
		expect(res.json).toEqual(ok({ token: expect.any(String), expireTimeSeconds: 7776000 }));
		const userToken = res.json.data.token;

		const parsed = await call(ctx.emu, '/auth/parse_token', { token: userToken });
		expect(parsed.json).toEqual(
			ok({ userID: 'alice', platformID: 5, expireTimeSeconds: decodeJwt(userToken)[1].exp }),
		);
		expect((await call(ctx.emu, '/auth/parse_token', { token: '' })).json).toEqual(
			err(1001, 'ArgsError', 'userID is empty'),
		);
		expect((await call(ctx.emu, '/auth/parse_token', { token: 'garbage' })).json.errCode).toBe(
			1503,
		);
	});

	test('get_user_token refusals: non-admin 1002, platform 10 1002, an admin user 1002, unknown 1004, notification account 1001', async () => {
		const { api, token } = await adminClient(ctx.emu);
		await register(ctx.emu, token, 'alice');
		const aliceToken = ctx.emu.issueToken('alice', 5).token;
		expect(
			(
				await call(
					ctx.emu,
					'/auth/get_user_token',
					{ platformID: 5, userID: 'alice' },
					{ token: aliceToken },
				)
			).json,
		).toEqual(err(1002, 'NoPermissionError', 'user alice is not admin userID'));
		expect(
			(await api('/auth/get_user_token', { platformID: 10, userID: 'alice' })).json.errCode,
		).toBe(1002);
		expect((await api('/auth/get_user_token', { platformID: 5, userID: 'imAdmin' })).json).toEqual(
			err(1002, 'NoPermissionError', "don't get Admin token"),
		);
		expect((await api('/auth/get_user_token', { platformID: 5, userID: 'ghost' })).json).toEqual(
			err(1004, 'RecordNotFoundError', 'record not found'),
		);
		// Neither field is validated: platform 0 or 99 is accepted.
		expect(
			(await api('/auth/get_user_token', { platformID: 99, userID: 'alice' })).json.errCode,
		).toBe(0);
		ctx.emu.state.users.get('alice').appMangerLevel = 3;
		expect((await api('/auth/get_user_token', { platformID: 5, userID: 'alice' })).json).toEqual(
			err(1001, 'ArgsError', 'app account can`t get token'),
		);
	});

	test('a new token kicks the earlier one on the same platform (1506), not on another', async () => {
		const { api, token } = await adminClient(ctx.emu);
		await register(ctx.emu, token, 'alice');
		const mint = async (platformID) =>
			(await api('/auth/get_user_token', { platformID, userID: 'alice' })).json.data.token;
		const web = await mint(5);
		const ios = await mint(1);
		await new Promise((resolve) => setTimeout(resolve, 1100)); // a new second, so the next JWT differs
		await mint(5);
		const use = (t) => call(ctx.emu, '/user/get_users_info', { userIDs: ['alice'] }, { token: t });
		expect((await use(web)).json).toEqual(err(1506, 'TokenKickedError'));
		expect((await use(ios)).json.errCode).toBe(0);
	});

	test('force_logout kicks that platform; no data; platform 11 fails Check()', async () => {
		const { api, token } = await adminClient(ctx.emu);
		await register(ctx.emu, token, 'alice');
		const web = (await api('/auth/get_user_token', { platformID: 5, userID: 'alice' })).json.data
			.token;
		expect((await api('/auth/force_logout', { platformID: 5, userID: 'alice' })).json).toEqual(
			ok(),
		);
		expect(
			(await call(ctx.emu, '/user/get_users_info', { userIDs: [] }, { token: web })).json.errCode,
		).toBe(1506);
		expect((await api('/auth/force_logout', { platformID: 11, userID: 'alice' })).json).toEqual(
			err(1001, 'ArgsError', 'platformID is invalidate'),
		);
		// The admin's own tokens are never kicked.
		expect(
			(await api('/auth/force_logout', { platformID: 10, userID: 'imAdmin' })).json.errCode,
		).toBe(0);
		expect((await api('/user/get_users_info', { userIDs: [] })).json.errCode).toBe(0);
	});
});

describe('the token header', () => {
	const useToken = (token) =>
		call(ctx.emu, '/user/get_users_info', { userIDs: [] }, token === undefined ? {} : { token });

	test('missing: 1001 "header must have token", HTTP 200', async () => {
		const res = await useToken();
		expect(res.status).toBe(200);
		expect(res.json).toEqual(err(1001, 'ArgsError', 'header must have token'));
	});

	test('garbage or "Bearer <jwt>" 1503; another secret 1505 "signature is invalid"', async () => {
		const { token } = await adminClient(ctx.emu);
		expect((await useToken('garbage')).json).toEqual(
			err(1503, 'TokenMalformedError', '1503 TokenMalformedError jwt parse error, token=garbage'),
		);
		expect((await useToken(`Bearer ${token}`)).json.errCode).toBe(1503);
		const other = await new OpenImV3Emulator({ secret: 'another' }).start();
		try {
			const foreign = other.issueToken('imAdmin', 10).token;
			expect((await useToken(foreign)).json).toEqual(err(1505, 'signature is invalid'));
		} finally {
			await other.stop();
		}
	});

	test('expired: expireAllTokens() and a past exp give 1501; new tokens work', async () => {
		const { token } = await adminClient(ctx.emu);
		ctx.emu.expireAllTokens();
		// The detail names the token, as 3.x does.
		expect((await useToken(token)).json).toEqual(
			err(1501, 'TokenExpiredError', `1501 TokenExpiredError jwt parse error, token=${token}`),
		);
		const { token: fresh } = await adminClient(ctx.emu);
		expect((await useToken(fresh)).json.errCode).toBe(0);

		const short = await new OpenImV3Emulator({ tokenTtlSeconds: -10 }).start();
		try {
			const res = await call(short, '/auth/get_admin_token', { secret: SECRET, userID: 'imAdmin' });
			expect(res.json.data.expireTimeSeconds).toBe(-10);
			expect(
				(await call(short, '/user/get_users_info', { userIDs: [] }, { token: res.json.data.token }))
					.json.errCode,
			).toBe(1501);
		} finally {
			await short.stop();
		}
	});

	test('a well-signed JWT that the server never issued: 1507 for users (admins skip the Redis check)', async () => {
		const forge = (claims) => {
			const input = ['{"alg":"HS256","typ":"JWT"}', JSON.stringify(claims)]
				.map((s) => Buffer.from(s).toString('base64url'))
				.join('.');
			return `${input}.${crypto.createHmac('sha256', SECRET).update(input).digest('base64url')}`;
		};
		const exp = Math.floor(Date.now() / 1000) + 100;
		expect(
			(await useToken(forge({ UserID: 'alice', PlatformID: 5, exp, iat: exp - 200 }))).json,
		).toEqual(err(1507, 'TokenNotExistError'));
		expect(
			(await useToken(forge({ UserID: 'imAdmin', PlatformID: 10, exp, iat: exp - 200 }))).json
				.errCode,
		).toBe(0);
		expect(
			(await useToken(forge({ UserID: 'imAdmin', PlatformID: 10, exp, iat: exp - 200, nbf: exp })))
				.json,
		).toEqual(err(1504, 'TokenNotValidYetError'));
	});

	test('a user token on an admin route: 1002', async () => {
		const { token } = await adminClient(ctx.emu);
		await register(ctx.emu, token, 'alice');
		const alice = ctx.emu.issueToken('alice', 5).token;
		const res = await call(
			ctx.emu,
			'/user/user_register',
			{ users: [{ userID: 'bob', nickname: 'Bob' }] },
			{ token: alice },
		);
		expect(res.json).toEqual(err(1002, 'NoPermissionError'));
	});
});
