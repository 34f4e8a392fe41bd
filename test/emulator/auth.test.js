'use strict';
// Tokens (missing, garbage, forged, expired) as each route reports them, and who may do what.
const { OpenImEmulator } = require('./index');
const { useEmulator, call, adminToken, register, tokenFor, ADMIN } = require('./helpers');

const ctx = useEmulator();
const send = {
	operationID: '1',
	sendID: ADMIN,
	recvID: 'bob',
	content: { text: 'hi' },
	contentType: 101,
	sessionType: 1,
};

// One valid body per token-checked route, and what a bad token gets there (server-notes.md §5).
const parseFailed = { errCode: 200, errMsg: 'Parse token failed' };
const ROUTES = [
	['/group/create_group', { groupName: 'g', operationID: '1' }, () => [200, parseFailed]],
	[
		'/group/invite_user_to_group',
		{ groupID: 'g', uidList: ['bob'], operationID: '1' },
		() => [200, { ...parseFailed, data: null }],
	],
	[
		'/group/kick_group',
		{ groupID: 'g', uidListInfo: [{ userId: 'bob' }], operationID: '1' },
		() => [200, { ...parseFailed, data: null }],
	],
	[
		'/friend/import_friend',
		{ uid: 'bob', ownerUid: 'alice', operationID: '1' },
		() => [200, parseFailed],
	],
	[
		'/friend/add_blacklist',
		{ uid: 'bob', ownerUid: 'alice', operationID: '1' },
		() => [200, parseFailed],
	],
	[
		'/user/update_user_info',
		{ uid: 'bob', name: 'x', operationID: '1' },
		(e) => [200, { errCode: 200, errMsg: e }],
	],
	[
		'/user/get_user_info',
		{ uidList: ['bob'], operationID: '1' },
		(e) => [200, { errCode: 200, errMsg: e }],
	],
	[
		'/manager/delete_user',
		{ deleteUidList: ['bob'], operationID: '1' },
		(e) => [200, { errCode: 200, errMsg: e, failedUidList: ['bob'] }],
	],
	[
		'/manager/get_all_users_uid',
		{ operationID: '1' },
		(e) => [200, { errCode: 200, errMsg: e, uidList: null }],
	],
	[
		'/manager/send_msg',
		send,
		() => [
			400,
			{ errCode: 400, errMsg: 'token validate err,not authorized', sendTime: 0, MsgID: '' },
		],
	],
	['/group/get_groups_info', { groupIDList: ['g'], operationID: '1' }, () => [200, parseFailed]],
	[
		'/group/get_group_all_member_list',
		{ groupID: 'g', operationID: '1' },
		() => [200, { ...parseFailed, data: null }],
	],
];

async function expectTokenError(token, jwtError) {
	for (const [path, body, expected] of ROUTES) {
		const res = await call(ctx.emu, path, body, { token });
		expect([path, res.status, res.json]).toEqual([path, ...expected(jwtError)]);
	}
	// Nothing happened.
	const { groups, friends, blacklist, messages, users } = ctx.emu.snapshot();
	expect({ groups, friends, blacklist, messages }).toEqual({
		groups: {},
		friends: {},
		blacklist: {},
		messages: [],
	});
	expect(users.bob.name).toBe('name of bob');
}

describe('bad tokens, route by route', () => {
	beforeEach(() => register(ctx.emu, 'bob'));

	test('no token header at all', () => expectTokenError(undefined, "that's not even a token"));
	test('garbage', () => expectTokenError('garbage', "that's not even a token"));

	test('a token signed with another key (another emulator)', async () => {
		const other = new OpenImEmulator();
		const forged = other.issueToken(ADMIN, 8).token;
		await expectTokenError(forged, "couldn't handle this token");
	});

	test('a tampered token: claims changed, signature kept', async () => {
		const [header, , signature] = (await tokenFor(ctx.emu, 'bob', 1)).split('.');
		const claims = Buffer.from(
			JSON.stringify({ UID: ADMIN, Platform: 'Admin', exp: 4102444800, iat: 1, nbf: 1 }),
		).toString('base64url');
		await expectTokenError(`${header}.${claims}.${signature}`, "couldn't handle this token");
	});

	test('a token sent as "Bearer <token>" is not a token', async () => {
		await expectTokenError(`Bearer ${await adminToken(ctx.emu)}`, "that's not even a token");
	});

	test('expireAllTokens: every token issued so far is timed out; new ones work', async () => {
		const old = await adminToken(ctx.emu);
		const helperToken = ctx.emu.issueToken(ADMIN, 8).token;
		ctx.emu.expireAllTokens();
		await expectTokenError(old, 'token is timed out, please log in again');
		await expectTokenError(helperToken, 'token is timed out, please log in again');

		const fresh = await adminToken(ctx.emu);
		expect(fresh).not.toBe(old);
		const res = await call(
			ctx.emu,
			'/manager/get_all_users_uid',
			{ operationID: '1' },
			{ token: fresh },
		);
		expect(res.json.errCode).toBe(0);
	});
});

describe('token expiry is real', () => {
	test('a token past its exp is timed out', async () => {
		// A negative lifetime mints tokens that are already past exp, without waiting.
		const emu = await new OpenImEmulator({ tokenTtlSeconds: -5 }).start();
		try {
			const { json } = await call(emu, '/auth/user_token', {
				secret: 'tuoyun',
				platform: 8,
				uid: ADMIN,
			});
			expect(json.data.expiredTime).toBeLessThan(Date.now() / 1000);
			const res = await call(
				emu,
				'/user/update_user_info',
				{ operationID: '1', uid: ADMIN, name: 'x' },
				{ token: json.data.token },
			);
			expect(res.json).toEqual({ errCode: 200, errMsg: 'token is timed out, please log in again' });
		} finally {
			await emu.stop();
		}
	});

	test('expiredTime is now + tokenTtlSeconds', async () => {
		const emu = new OpenImEmulator({ tokenTtlSeconds: 60 });
		const before = Math.floor(Date.now() / 1000);
		const { expiredTime } = emu.issueToken('x', 1);
		const after = Math.floor(Date.now() / 1000);
		expect(expiredTime).toBeGreaterThanOrEqual(before + 60);
		expect(expiredTime).toBeLessThanOrEqual(after + 60);
	});
});

describe('the admin and everyone else', () => {
	let alice;
	let bob;
	beforeEach(async () => {
		alice = await register(ctx.emu, 'alice');
		bob = await register(ctx.emu, 'bob');
		await register(ctx.emu, 'carol');
	});

	test('admin-only routes refuse a user token, each in its own way', async () => {
		const importFriend = await call(
			ctx.emu,
			'/friend/import_friend',
			{ uid: 'bob', ownerUid: 'alice', operationID: '1' },
			{ token: alice },
		);
		expect(importFriend.json).toEqual({ errCode: 200, errMsg: 'Parse token failed' });

		const del = await call(
			ctx.emu,
			'/manager/delete_user',
			{ deleteUidList: ['bob', 'carol'], operationID: '1' },
			{ token: alice },
		);
		expect(del.json).toEqual({
			errCode: 401,
			errMsg: 'not authorized',
			failedUidList: ['bob', 'carol'],
		});

		const all = await call(
			ctx.emu,
			'/manager/get_all_users_uid',
			{ operationID: '1' },
			{ token: alice },
		);
		expect(all.json).toEqual({ errCode: 401, errMsg: 'not authorized', uidList: null });

		const msg = await call(
			ctx.emu,
			'/manager/send_msg',
			{ ...send, sendID: 'alice' },
			{ token: alice },
		);
		expect(msg.status).toBe(400);
		expect(msg.json).toEqual({
			errCode: 400,
			errMsg: 'token validate err,not authorized',
			sendTime: 0,
			MsgID: '',
		});

		const { friends, users, messages } = ctx.emu.snapshot();
		expect([friends, Object.keys(users).length, messages]).toEqual([{}, 4, []]);
	});

	test('a user who creates a group becomes its owner', async () => {
		const res = await call(
			ctx.emu,
			'/group/create_group',
			{ memberList: [{ uid: 'bob', setRole: 0 }], groupName: 'mine', operationID: '1' },
			{ token: alice },
		);
		const group = ctx.emu.snapshot().groups[res.json.data.groupID];
		expect(group.ownerUid).toBe('alice');
		expect(Object.values(group.members).map(({ uid, role }) => [uid, role])).toEqual([
			['alice', 1],
			['bob', 0],
		]);
	});

	test('a token of an unregistered user cannot create a group (619)', async () => {
		const res = await call(
			ctx.emu,
			'/group/create_group',
			{ groupName: 'x', operationID: '1' },
			{ token: ctx.emu.issueToken('ghost', 1).token },
		);
		expect(res.json).toEqual({ errCode: 619, errMsg: 'create group chat failed' });
		expect(ctx.emu.snapshot().groups).toEqual({});
	});

	test('members may invite; only the owner, group admins and the app admin may kick', async () => {
		const { json } = await call(
			ctx.emu,
			'/group/create_group',
			{ memberList: [{ uid: 'bob' }], operationID: '1' },
			{ token: alice },
		);
		const groupID = json.data.groupID;
		const carol = await tokenFor(ctx.emu, 'carol', 1);

		const outsider = await call(
			ctx.emu,
			'/group/invite_user_to_group',
			{ groupID, uidList: ['carol'], operationID: '1' },
			{ token: carol },
		);
		expect(outsider.json).toEqual({ errCode: 800, errMsg: 'no permission', data: null });
		const member = await call(
			ctx.emu,
			'/group/invite_user_to_group',
			{ groupID, uidList: ['carol'], operationID: '1' },
			{ token: bob },
		);
		expect(member.json.data).toEqual([{ uid: 'carol', result: 0 }]);

		const byMember = await call(
			ctx.emu,
			'/group/kick_group',
			{ groupID, uidListInfo: [{ userId: 'carol' }], operationID: '1' },
			{ token: bob },
		);
		expect(byMember.json).toEqual({ errCode: 800, errMsg: 'no permission', data: null });
		const byOwner = await call(
			ctx.emu,
			'/group/kick_group',
			{ groupID, uidListInfo: [{ userId: 'carol' }, { userId: 'alice' }], operationID: '1' },
			{ token: alice },
		);
		// Nobody can kick themselves.
		expect(byOwner.json.data).toEqual([
			{ uid: 'carol', result: 0 },
			{ uid: 'alice', result: -1 },
		]);
		const byAdmin = await call(
			ctx.emu,
			'/group/kick_group',
			{ groupID, uidListInfo: [{ userId: 'alice' }], operationID: '1' },
			{ token: await adminToken(ctx.emu) },
		);
		expect(byAdmin.json.data).toEqual([{ uid: 'alice', result: 0 }]);
		expect(Object.keys(ctx.emu.snapshot().groups[groupID].members)).toEqual(['bob']);
	});

	test('a user blacklists and updates for themselves; ownerUid and uid are ignored', async () => {
		await call(
			ctx.emu,
			'/friend/add_blacklist',
			{ uid: 'carol', ownerUid: 'bob', operationID: '1' },
			{ token: alice },
		);
		expect(ctx.emu.snapshot().blacklist).toEqual({ alice: ['carol'] });

		await call(
			ctx.emu,
			'/user/update_user_info',
			{ uid: 'bob', name: 'Alice Changed', operationID: '1' },
			{ token: alice },
		);
		const { users } = ctx.emu.snapshot();
		expect([users.alice.name, users.bob.name]).toEqual(['Alice Changed', 'name of bob']);
	});

	test('get_user_info needs a valid token, of any user', async () => {
		const res = await call(
			ctx.emu,
			'/user/get_user_info',
			{ uidList: ['bob'], operationID: '1' },
			{ token: alice },
		);
		expect(res.json.data.map((u) => u.uid)).toEqual(['bob']);
	});

	test('get_group_all_member_list also takes the server secret as a token', async () => {
		const { json } = await call(
			ctx.emu,
			'/group/create_group',
			{ operationID: '1' },
			{ token: alice },
		);
		const res = await call(
			ctx.emu,
			'/group/get_group_all_member_list',
			{ groupID: json.data.groupID, operationID: '1' },
			{ token: 'tuoyun' },
		);
		expect(res.json.data.map((m) => m.userId)).toEqual(['alice']);
	});

	test('send_msg checks the content before the token', async () => {
		const res = await call(
			ctx.emu,
			'/manager/send_msg',
			{ ...send, content: { text: '' } },
			{ token: 'garbage' },
		);
		expect(res.status).toBe(400);
		expect(res.json.errCode).toBe(403);
	});

	test('send_msg: sendID may be any uid, registered or not, with the admin token', async () => {
		const res = await call(
			ctx.emu,
			'/manager/send_msg',
			{ ...send, sendID: 'nobody', recvID: 'nobody-either' },
			{ token: await adminToken(ctx.emu) },
		);
		expect(res.json.errCode).toBe(0);
	});
});
