'use strict';
// serverVersion: what older servers do that the node must cope with (§1.2, §2.4, §8; DESIGN.md "Settled details").
const zlib = require('node:zlib');
const http = require('node:http');
const { OpenImV3Emulator } = require('./index');
const { call, adminToken, register, ok, err } = require('./helpers');

const SECRET = 'openIM123';
let emu;
async function start(serverVersion) {
	emu = await new OpenImV3Emulator({ serverVersion }).start();
	return emu;
}
afterEach(() => emu?.stop());

/** The raw answer, without fetch's transparent gunzip. */
function rawPost(url, path, body, headers) {
	return new Promise((resolve, reject) => {
		const req = http.request(
			url + path,
			{ method: 'POST', headers: { operationID: 'op', ...headers } },
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () =>
					resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
				);
			},
		);
		req.on('error', reject);
		req.end(JSON.stringify(body));
	});
}

describe('3.8.1 and later (default 3.8.3)', () => {
	test('get_admin_token exists; user_token is a 404 once the token check has passed', async () => {
		await start();
		expect(emu.config.serverVersion).toBe('3.8.3');
		const token = await adminToken(emu);
		expect(
			(await call(emu, '/auth/user_token', { secret: SECRET, platformID: 10, userID: 'imAdmin' }))
				.json,
		).toEqual(err(1001, 'ArgsError', 'header must have token'));
		const res = await call(
			emu,
			'/auth/user_token',
			{ secret: SECRET, platformID: 10, userID: 'imAdmin' },
			{ token },
		);
		expect([res.status, res.text, res.headers.get('content-type')]).toEqual([
			404,
			'404 page not found',
			'text/plain',
		]);
	});

	test('user_register needs an admin token and ignores a secret in the body', async () => {
		await start('3.8.1');
		const users = [{ userID: 'alice', nickname: 'Alice' }];
		expect((await call(emu, '/user/user_register', { secret: SECRET, users })).json).toEqual(
			err(1001, 'ArgsError', 'header must have token'),
		);
		expect(
			(
				await call(
					emu,
					'/user/user_register',
					{ secret: 'wrong', users },
					{ token: await adminToken(emu) },
				)
			).json,
		).toEqual(ok());
	});

	test('answers are gzipped when the client accepts gzip', async () => {
		await start();
		const res = await rawPost(
			emu.url,
			'/auth/get_admin_token',
			{ secret: SECRET, userID: 'imAdmin' },
			{ 'accept-encoding': 'gzip' },
		);
		expect(res.headers['content-encoding']).toBe('gzip');
		expect(JSON.parse(zlib.gunzipSync(res.body)).errCode).toBe(0);
		const plain = await rawPost(
			emu.url,
			'/auth/get_admin_token',
			{ secret: SECRET, userID: 'imAdmin' },
			{},
		);
		expect(plain.headers['content-encoding']).toBeUndefined();
	});

	test('3.8.3-patch tags add data.modify (null) to send_msg', async () => {
		await start('3.8.3-patch.16');
		const token = await adminToken(emu);
		await register(emu, token, 'alice');
		const res = await call(
			emu,
			'/msg/send_msg',
			{
				sendID: 'imAdmin',
				recvID: 'alice',
				content: { content: 'hi' },
				contentType: 101,
				sessionType: 1,
			},
			{ token },
		);
		expect(Object.keys(res.json.data)).toEqual([
			'serverMsgID',
			'clientMsgID',
			'sendTime',
			'modify',
		]);
		expect(res.json.data.modify).toBeNull();
	});
});

describe('3.8.0', () => {
	test('get_admin_token: the token check runs before the 404, so a tokenless call answers 1001 "header must have token"', async () => {
		await start('3.8.0');
		const res = await call(emu, '/auth/get_admin_token', { secret: SECRET, userID: 'imAdmin' });
		expect([res.status, res.json]).toEqual([200, err(1001, 'ArgsError', 'header must have token')]);
	});

	test('auth/user_token (whitelisted) gives every token, the admin one included; platformID 1..10; secret and user checked', async () => {
		await start('3.8.0');
		const res = await call(emu, '/auth/user_token', {
			secret: SECRET,
			platformID: 10,
			userID: 'imAdmin',
		});
		expect(res.json).toEqual(ok({ token: expect.any(String), expireTimeSeconds: 7776000 }));
		expect(
			(
				await call(
					emu,
					'/group/get_groups_info',
					{ groupIDs: ['1'] },
					{ token: res.json.data.token },
				)
			).json,
		).toEqual(ok({ groupInfos: [] }));
		expect(
			(await call(emu, '/auth/user_token', { secret: 'nope', platformID: 10, userID: 'imAdmin' }))
				.json.errCode,
		).toBe(1002);
		expect(
			(await call(emu, '/auth/user_token', { secret: SECRET, platformID: 11, userID: 'imAdmin' }))
				.json,
		).toEqual(err(1001, 'ArgsError', 'platform is invalidate'));
		expect(
			(await call(emu, '/auth/user_token', { secret: SECRET, platformID: 1, userID: 'ghost' })).json
				.errCode,
		).toBe(1004);
		// With a token the route is found: 404.
		expect(
			(await call(emu, '/auth/get_admin_token', {}, { token: res.json.data.token })).status,
		).toBe(404);
	});

	test('admin tokens live in Redis: a flush (reset) makes them 1507', async () => {
		await start('3.8.0');
		const token = await adminToken(emu);
		emu.reset();
		expect((await call(emu, '/user/get_users_info', { userIDs: [] }, { token })).json).toEqual(
			err(1507, 'TokenNotExistError'),
		);
	});

	test('user_register takes the secret in the body, no token; a wrong secret is 1002', async () => {
		await start('3.8.0');
		const users = [{ userID: 'alice', nickname: 'Alice' }];
		expect((await call(emu, '/user/user_register', { secret: 'wrong', users })).json).toEqual(
			err(1002, 'NoPermissionError', 'secret invalid'),
		);
		expect((await call(emu, '/user/user_register', { secret: SECRET, users })).json).toEqual(ok());
		expect(Object.keys(emu.snapshot().users)).toEqual(['imAdmin', 'alice']);
	});

	test('no set_group_info_ex (404); set_group_info works; no gzip', async () => {
		await start('3.8.0');
		const token = await adminToken(emu);
		await register(emu, token, 'alice');
		const created = await call(
			emu,
			'/group/create_group',
			{ ownerUserID: 'alice', groupInfo: { groupName: 'g', groupType: 2 } },
			{ token },
		);
		const { groupID } = created.json.data.groupInfo;
		expect(
			(await call(emu, '/group/set_group_info_ex', { groupID, groupName: 'new' }, { token }))
				.status,
		).toBe(404);
		expect(
			(
				await call(
					emu,
					'/group/set_group_info',
					{ groupInfoForSet: { groupID, groupName: 'new' } },
					{ token },
				)
			).json,
		).toEqual(ok());
		expect(emu.snapshot().groups[groupID].groupName).toBe('new');
		const raw = await rawPost(
			emu.url,
			'/auth/user_token',
			{ secret: SECRET, platformID: 10, userID: 'imAdmin' },
			{ 'accept-encoding': 'gzip' },
		);
		expect(raw.headers['content-encoding']).toBeUndefined();
	});

	test('1400 mixType is not validated before 3.8.1', async () => {
		await start('3.8.0');
		const token = await adminToken(emu);
		await register(emu, token, 'alice');
		const content = { notificationName: 'n', notificationType: 1, text: 't', mixType: 9 };
		expect(
			(
				await call(
					emu,
					'/msg/send_msg',
					{ sendID: 'imAdmin', recvID: 'alice', content, contentType: 1400, sessionType: 4 },
					{ token },
				)
			).json.errCode,
		).toBe(0);
	});
});

describe('3.0 to 3.7', () => {
	test('get_admin_token is a 404 at once, without a token', async () => {
		await start('3.7.0');
		const res = await call(emu, '/auth/get_admin_token', { secret: SECRET, userID: 'imAdmin' });
		expect([res.status, res.text]).toEqual([404, '404 page not found']);
		expect(
			(await call(emu, '/auth/user_token', { secret: SECRET, platformID: 10, userID: 'imAdmin' }))
				.json.errCode,
		).toBe(0);
	});

	test('3.0 to 3.2: text content is {text}; {content} fails validation with 500', async () => {
		await start('3.2.0');
		const token = await adminToken(emu);
		await register(emu, token, 'alice');
		const send = (content) =>
			call(
				emu,
				'/msg/send_msg',
				{ sendID: 'imAdmin', recvID: 'alice', content, contentType: 101, sessionType: 1 },
				{ token },
			);
		expect((await send({ text: 'hi' })).json.errCode).toBe(0);
		expect((await send({ content: 'hi' })).json).toEqual(
			err(500, 'ServerInternalError', expect.stringContaining("Key: 'TextElem.Text'")),
		);
	});

	test('a serverVersion that is not a version is refused', () => {
		expect(() => new OpenImV3Emulator({ serverVersion: 'latest' })).toThrow(TypeError);
	});
});
