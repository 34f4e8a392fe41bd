'use strict';
// friend/* (§3.3): import, black list, reads, delete.
const { useEmulator, adminClient, register, call, ok, err } = require('./helpers');

const ctx = useEmulator();
let api;
beforeEach(async () => {
	const client = await adminClient(ctx.emu);
	api = client.api;
	await register(ctx.emu, client.token, 'alice', 'bob', 'carol');
});
const friendsOf = (userID) => Object.keys(ctx.emu.snapshot().friends[userID] ?? {});

test('import_friend: both directions, addSource 1, createTime in seconds; idempotent; no data', async () => {
	const before = Math.floor(Date.now() / 1000);
	expect(
		(await api('/friend/import_friend', { ownerUserID: 'alice', friendUserIDs: ['bob', 'carol'] }))
			.json,
	).toEqual(ok());
	expect(
		(await api('/friend/import_friend', { ownerUserID: 'alice', friendUserIDs: ['bob'] })).json,
	).toEqual(ok());
	const after = Math.floor(Date.now() / 1000);
	expect(friendsOf('alice')).toEqual(['bob', 'carol']);
	expect(friendsOf('bob')).toEqual(['alice']);
	const link = ctx.emu.snapshot().friends.alice.bob;
	expect(link).toMatchObject({ addSource: 1, operatorUserID: 'imAdmin' });
	expect(link.createTime).toBeGreaterThanOrEqual(before);
	expect(link.createTime).toBeLessThanOrEqual(after);
});

test('import_friend refusals: the owner in the list 1004, unknown 1004, duplicates 1004, null 1001, [] fine, a user token 1002', async () => {
	expect(
		(await api('/friend/import_friend', { ownerUserID: 'alice', friendUserIDs: ['alice'] })).json
			.errCode,
	).toBe(1004);
	expect(
		(await api('/friend/import_friend', { ownerUserID: 'alice', friendUserIDs: ['ghost'] })).json
			.errCode,
	).toBe(1004);
	expect(
		(await api('/friend/import_friend', { ownerUserID: 'ghost', friendUserIDs: ['bob'] })).json
			.errCode,
	).toBe(1004);
	// A repeated ID fails the user lookup (lengths differ) before the repeat check.
	expect(
		(await api('/friend/import_friend', { ownerUserID: 'alice', friendUserIDs: ['bob', 'bob'] }))
			.json,
	).toEqual(err(1004, 'RecordNotFoundError', 'user not found'));
	expect((await api('/friend/import_friend', { ownerUserID: 'alice' })).json).toEqual(
		err(1001, 'ArgsError', 'friendUserIDS is empty'),
	);
	expect(
		(await api('/friend/import_friend', { ownerUserID: 'alice', friendUserIDs: [] })).json,
	).toEqual(ok());
	const alice = ctx.emu.issueToken('alice', 5).token;
	expect(
		(
			await call(
				ctx.emu,
				'/friend/import_friend',
				{ ownerUserID: 'alice', friendUserIDs: ['bob'] },
				{ token: alice },
			)
		).json.errCode,
	).toBe(1002);
	expect(ctx.emu.snapshot().friends).toEqual({});
});

test('get_friend_list: FriendInfo with the friend profile, total; null past the end; delete_friend drops one direction only', async () => {
	await api('/friend/import_friend', { ownerUserID: 'alice', friendUserIDs: ['bob', 'carol'] });
	const res = await api('/friend/get_friend_list', {
		userID: 'alice',
		pagination: { pageNumber: 1, showNumber: 1 },
	});
	expect(res.json.data).toEqual({
		friendsInfo: [
			{
				ownerUserID: 'alice',
				remark: '',
				createTime: expect.any(Number),
				friendUser: {
					userID: 'bob',
					nickname: 'Bob',
					faceURL: '',
					ex: '',
					createTime: 0,
					appMangerLevel: 0,
					globalRecvMsgOpt: 0,
				},
				addSource: 1,
				operatorUserID: 'imAdmin',
				ex: '',
				isPinned: false,
			},
		],
		total: 2,
	});
	expect(
		(
			await api('/friend/get_friend_list', {
				userID: 'alice',
				pagination: { pageNumber: 3, showNumber: 1 },
			})
		).json.data,
	).toEqual({ friendsInfo: null, total: 2 });
	expect(
		(await api('/friend/delete_friend', { ownerUserID: 'alice', friendUserID: 'bob' })).json,
	).toEqual(ok());
	expect(
		(await api('/friend/delete_friend', { ownerUserID: 'alice', friendUserID: 'bob' })).json,
	).toEqual(ok());
	expect(friendsOf('alice')).toEqual(['carol']);
	expect(friendsOf('bob')).toEqual(['alice']);
});

test('add_black: both must exist (1004), twice 500; remove_black of nothing is fine; get_black_list', async () => {
	expect(
		(await api('/friend/add_black', { ownerUserID: 'alice', blackUserID: 'bob', ex: 'spam' })).json,
	).toEqual(ok());
	expect(
		(await api('/friend/add_black', { ownerUserID: 'alice', blackUserID: 'bob' })).json,
	).toEqual(err(500, expect.stringContaining('E11000'), expect.stringContaining('E11000')));
	expect(
		(await api('/friend/add_black', { ownerUserID: 'alice', blackUserID: 'ghost' })).json.errCode,
	).toBe(1004);
	expect((await api('/friend/add_black', { ownerUserID: 'alice' })).json).toEqual(
		err(1001, 'ArgsError', 'blackUserID is empty'),
	);
	const list = await api('/friend/get_black_list', {
		userID: 'alice',
		pagination: { pageNumber: 1, showNumber: 10 },
	});
	expect(list.json.data).toEqual({
		blacks: [
			{
				ownerUserID: 'alice',
				createTime: expect.any(Number),
				blackUserInfo: { userID: 'bob', nickname: 'Bob', faceURL: '', ex: '' },
				addSource: 0,
				operatorUserID: 'imAdmin',
				ex: 'spam',
			},
		],
		total: 1,
	});
	expect(
		(await api('/friend/remove_black', { ownerUserID: 'alice', blackUserID: 'bob' })).json,
	).toEqual(ok());
	expect(
		(await api('/friend/remove_black', { ownerUserID: 'alice', blackUserID: 'bob' })).json,
	).toEqual(ok());
	expect(
		(
			await api('/friend/get_black_list', {
				userID: 'alice',
				pagination: { pageNumber: 1, showNumber: 10 },
			})
		).json.data,
	).toEqual({ blacks: null, total: 0 });
});

test('a user acts for itself only (A|self)', async () => {
	const bob = ctx.emu.issueToken('bob', 5).token;
	expect(
		(
			await call(
				ctx.emu,
				'/friend/add_black',
				{ ownerUserID: 'alice', blackUserID: 'carol' },
				{ token: bob },
			)
		).json.errCode,
	).toBe(1002);
	expect(
		(
			await call(
				ctx.emu,
				'/friend/add_black',
				{ ownerUserID: 'bob', blackUserID: 'carol' },
				{ token: bob },
			)
		).json.errCode,
	).toBe(0);
	expect(
		(
			await call(
				ctx.emu,
				'/friend/get_friend_list',
				{ userID: 'alice', pagination: { pageNumber: 1, showNumber: 1 } },
				{ token: bob },
			)
		).json.errCode,
	).toBe(1002);
});

test('add_friend: a request, not a friendship; yourself 1301; already friends 1304', async () => {
	expect(
		(await api('/friend/add_friend', { fromUserID: 'alice', toUserID: 'bob', reqMsg: 'hi' })).json,
	).toEqual(ok());
	expect(ctx.emu.snapshot().friendRequests).toEqual([
		{
			fromUserID: 'alice',
			toUserID: 'bob',
			reqMsg: 'hi',
			ex: '',
			handleResult: 0,
			createTime: expect.any(Number),
		},
	]);
	expect(ctx.emu.snapshot().friends).toEqual({});
	expect(
		(await api('/friend/add_friend', { fromUserID: 'alice', toUserID: 'alice' })).json.errCode,
	).toBe(1301);
	await api('/friend/import_friend', { ownerUserID: 'alice', friendUserIDs: ['bob'] });
	expect(
		(await api('/friend/add_friend', { fromUserID: 'alice', toUserID: 'bob' })).json.errCode,
	).toBe(1304);
});

test('is_friend (any token), get_friend_id (A|self)', async () => {
	await api('/friend/import_friend', { ownerUserID: 'alice', friendUserIDs: ['bob'] });
	await api('/friend/delete_friend', { ownerUserID: 'bob', friendUserID: 'alice' });
	const carol = ctx.emu.issueToken('carol', 5).token;
	expect(
		(
			await call(
				ctx.emu,
				'/friend/is_friend',
				{ userID1: 'alice', userID2: 'bob' },
				{ token: carol },
			)
		).json,
	).toEqual(ok({ inUser1Friends: true, inUser2Friends: false }));
	expect((await api('/friend/is_friend', { userID1: 'alice' })).json).toEqual(
		err(1001, 'ArgsError', 'userID2 is empty'),
	);
	expect((await api('/friend/get_friend_id', { userID: 'alice' })).json).toEqual(
		ok({ friendIDs: ['bob'] }),
	);
	expect((await api('/friend/get_friend_id', { userID: 'carol' })).json).toEqual(
		ok({ friendIDs: null }),
	);
});
