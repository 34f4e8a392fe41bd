'use strict';
// group/* (§3.2): create_group's rules, reads, updates, membership, owner transfer, mutes.
const { useEmulator, adminClient, register, call, ok, err } = require('./helpers');

const ctx = useEmulator();
let api;
beforeEach(async () => {
	const client = await adminClient(ctx.emu);
	api = client.api;
	await register(ctx.emu, client.token, 'alice', 'bob', 'carol', 'dave');
});
const create = (body) =>
	api('/group/create_group', {
		ownerUserID: 'alice',
		...body,
		groupInfo: { groupName: 'Team', groupType: 2, ...body?.groupInfo },
	});
const groupOf = async (body) => (await create(body)).json.data.groupInfo.groupID;
const state = (groupID) => ctx.emu.snapshot().groups[groupID];
const userToken = (userID) => ctx.emu.issueToken(userID, 5).token;

describe('create_group', () => {
	test('creates the group; GroupInfo in full; memberCount counts the calling admin; roles 100/60/20', async () => {
		const before = Date.now();
		const res = await create({
			adminUserIDs: ['bob'],
			memberUserIDs: ['carol'],
			groupInfo: {
				introduction: 'hi',
				notification: 'n',
				faceURL: 'f',
				ex: 'x',
				needVerification: 2,
			},
		});
		expect(res.json).toEqual(ok({ groupInfo: expect.any(Object) }));
		const info = res.json.data.groupInfo;
		expect(Object.keys(info)).toEqual([
			'groupID',
			'groupName',
			'notification',
			'introduction',
			'faceURL',
			'ownerUserID',
			'createTime',
			'memberCount',
			'ex',
			'status',
			'creatorUserID',
			'groupType',
			'needVerification',
			'lookMemberInfo',
			'applyMemberFriend',
			'notificationUpdateTime',
			'notificationUserID',
		]);
		expect(info).toMatchObject({
			groupID: expect.stringMatching(/^\d{1,10}$/),
			groupName: 'Team',
			introduction: 'hi',
			ownerUserID: 'alice',
			memberCount: 4,
			status: 0,
			creatorUserID: '',
			groupType: 2,
			needVerification: 2,
		});
		expect(info.createTime).toBeGreaterThanOrEqual(before);
		const roles = Object.fromEntries(
			Object.values(state(info.groupID).members).map((m) => [m.userID, m.roleLevel]),
		);
		expect(roles).toEqual({ alice: 100, bob: 60, carol: 20 });
		// The true count: read it back.
		expect(
			(await api('/group/get_groups_info', { groupIDs: [info.groupID] })).json.data.groupInfos[0]
				.memberCount,
		).toBe(3);
	});

	test('a chosen groupID is kept; taken again 1202', async () => {
		expect((await create({ groupInfo: { groupID: 'team_1' } })).json.data.groupInfo.groupID).toBe(
			'team_1',
		);
		expect((await create({ groupInfo: { groupID: 'team_1' } })).json).toEqual(
			err(1202, 'GroupIDExisted', 'group id existed team_1'),
		);
	});

	test.each([
		['groupType 0', { groupInfo: { groupType: 0 } }, 'group type only supports 2'],
		['groupType 3', { groupInfo: { groupType: 3 } }, 'GroupType is invalid'],
		['the owner among the members', { memberUserIDs: ['alice'] }, 'group member repeated'],
		[
			'a user both admin and member',
			{ adminUserIDs: ['bob'], memberUserIDs: ['bob'] },
			'group member repeated',
		],
		['no owner', { ownerUserID: '' }, 'ownerUserID is empty'],
	])('%s: 1001', async (_, body, errDlt) => {
		expect((await create(body)).json).toEqual(err(1001, 'ArgsError', errDlt));
		expect(ctx.emu.snapshot().groups).toEqual({});
	});

	test('an unknown member 1101; no groupInfo 1001; a user may create only a group it owns', async () => {
		expect((await create({ memberUserIDs: ['ghost'] })).json).toEqual(
			err(1101, 'UserIDNotFoundError'),
		);
		expect((await api('/group/create_group', { ownerUserID: 'alice' })).json).toEqual(
			err(1001, 'ArgsError', 'groupInfo is empty'),
		);
		const body = {
			ownerUserID: 'alice',
			memberUserIDs: ['bob'],
			groupInfo: { groupName: 'g', groupType: 2 },
		};
		expect(
			(await call(ctx.emu, '/group/create_group', body, { token: userToken('bob') })).json.errCode,
		).toBe(1002);
		expect(
			(await call(ctx.emu, '/group/create_group', body, { token: userToken('alice') })).json.data
				.groupInfo.memberCount,
		).toBe(2);
	});
});

describe('reads', () => {
	test('get_groups_info: found ones only, [] when none, 1001 for an empty list; dismissed groups have status 2', async () => {
		const groupID = await groupOf();
		expect(
			(
				await api('/group/get_groups_info', { groupIDs: ['nope', groupID] })
			).json.data.groupInfos.map((g) => g.groupID),
		).toEqual([groupID]);
		expect((await api('/group/get_groups_info', { groupIDs: ['nope'] })).json).toEqual(
			ok({ groupInfos: [] }),
		);
		expect((await api('/group/get_groups_info', { groupIDs: [] })).json).toEqual(
			err(1001, 'ArgsError', 'groupID is empty'),
		);
		expect((await api('/group/get_groups_info', {})).json).toEqual(
			err(1001, 'ArgsError', 'GroupIDs is empty'),
		);
		await api('/group/dismiss_group', { groupID });
		expect(
			(await api('/group/get_groups_info', { groupIDs: [groupID] })).json.data.groupInfos[0].status,
		).toBe(2);
	});

	test('get_groups: pages with total; the owner name is the member nickname (usually empty); filters groupID or groupName', async () => {
		const ids = [];
		for (const name of ['Alpha', 'Beta', 'alphabet'])
			ids.push(await groupOf({ groupInfo: { groupName: name } }));
		const res = await api('/group/get_groups', { pagination: { pageNumber: 1, showNumber: 2 } });
		expect(res.json.data.total).toBe(3);
		expect(res.json.data.groups[0]).toEqual({
			groupInfo: expect.objectContaining({ groupID: ids[0] }),
			groupOwnerUserName: '',
			groupOwnerUserID: 'alice',
		});
		expect(
			(
				await api('/group/get_groups', {
					pagination: { pageNumber: 1, showNumber: 10 },
					groupName: 'alpha',
				})
			).json.data.total,
		).toBe(2);
		expect(
			(
				await api('/group/get_groups', {
					pagination: { pageNumber: 1, showNumber: 10 },
					groupID: ids[1],
				})
			).json.data.groups.map((g) => g.groupInfo.groupName),
		).toEqual(['Beta']);
		expect(
			(await api('/group/get_groups', { pagination: { pageNumber: 5, showNumber: 10 } })).json.data,
		).toEqual({ total: 3, groups: [] });
	});

	test('get_group_member_list: sorted by role, nickname filled from the profile, total; a non-member 1002', async () => {
		const groupID = await groupOf({ memberUserIDs: ['carol', 'dave'], adminUserIDs: ['bob'] });
		const res = await api('/group/get_group_member_list', {
			groupID,
			pagination: { pageNumber: 1, showNumber: 3 },
		});
		expect(res.json.data.total).toBe(4);
		expect(res.json.data.members.map((m) => [m.userID, m.roleLevel, m.nickname])).toEqual([
			['alice', 100, 'Alice'],
			['bob', 60, 'Bob'],
			['carol', 20, 'Carol'],
		]);
		expect(Object.keys(res.json.data.members[0])).toEqual([
			'groupID',
			'userID',
			'roleLevel',
			'joinTime',
			'nickname',
			'faceURL',
			'appMangerLevel',
			'joinSource',
			'operatorUserID',
			'ex',
			'muteEndTime',
			'inviterUserID',
		]);
		expect(
			(
				await api('/group/get_group_member_list', {
					groupID,
					pagination: { pageNumber: 3, showNumber: 3 },
				})
			).json.data,
		).toEqual({ total: 4, members: null });
		// The group is not looked up: for the admin an unknown one is an empty list.
		expect(
			(
				await api('/group/get_group_member_list', {
					groupID: 'nope',
					pagination: { pageNumber: 1, showNumber: 3 },
				})
			).json.data,
		).toEqual({ total: 0, members: null });
		const stranger = await register(ctx.emu, (await adminClient(ctx.emu)).token, 'erin').then(() =>
			userToken('erin'),
		);
		expect(
			(
				await call(
					ctx.emu,
					'/group/get_group_member_list',
					{ groupID, pagination: { pageNumber: 1, showNumber: 3 } },
					{ token: stranger },
				)
			).json.errCode,
		).toBe(1002);
	});
});

describe('set_group_info_ex, set_group_info, dismiss_group', () => {
	test('set_group_info_ex: bare values; null leaves; "" clears; numbers as numbers; no data', async () => {
		const groupID = await groupOf({ groupInfo: { introduction: 'old', notification: 'n' } });
		expect(
			(
				await api('/group/set_group_info_ex', {
					groupID,
					introduction: '',
					notification: null,
					needVerification: 1,
					faceURL: 'new.png',
				})
			).json,
		).toEqual(ok());
		expect(state(groupID)).toMatchObject({
			groupName: 'Team',
			introduction: '',
			notification: 'n',
			needVerification: 1,
			faceURL: 'new.png',
		});
		// A blank groupName: success that changes nothing (the server's code-order bug).
		expect(
			(await api('/group/set_group_info_ex', { groupID, groupName: '', introduction: 'x' })).json,
		).toEqual(ok());
		expect(state(groupID)).toMatchObject({ groupName: 'Team', introduction: '' });
		expect(
			(await api('/group/set_group_info_ex', { groupID: 'nope', groupName: 'x' })).json.errCode,
		).toBe(1004);
		expect(
			(await api('/group/set_group_info_ex', { groupID, groupName: { value: 'x' } })).json.errCode,
		).toBe(1001);
	});

	test('set_group_info: "" means unchanged; plain members 1002; owner and group admins may', async () => {
		const groupID = await groupOf({ adminUserIDs: ['bob'], memberUserIDs: ['carol'] });
		expect(
			(
				await api('/group/set_group_info', {
					groupInfoForSet: { groupID, groupName: '', introduction: 'i' },
				})
			).json,
		).toEqual(ok());
		expect(state(groupID)).toMatchObject({ groupName: 'Team', introduction: 'i' });
		const as = (userID, groupName) =>
			call(
				ctx.emu,
				'/group/set_group_info',
				{ groupInfoForSet: { groupID, groupName } },
				{ token: userToken(userID) },
			);
		expect((await as('carol', 'C')).json).toEqual(
			err(1002, 'NoPermissionError', 'no group owner or admin'),
		);
		// An outsider is looked up as a member first: 1004.
		expect((await as('dave', 'D')).json.errCode).toBe(1004);
		expect((await as('bob', 'B')).json.errCode).toBe(0);
		expect(state(groupID).groupName).toBe('B');
	});

	test('dismiss_group: status 2, members kept unless deleteMember; twice 1204; then sets are 1204', async () => {
		const groupID = await groupOf({ memberUserIDs: ['bob'] });
		expect((await api('/group/dismiss_group', { groupID })).json).toEqual(ok());
		expect(state(groupID)).toMatchObject({ status: 2, memberCount: 2 });
		expect((await api('/group/dismiss_group', { groupID })).json).toEqual(
			err(1204, 'DismissedAlreadyError'),
		);
		expect((await api('/group/set_group_info_ex', { groupID, groupName: 'x' })).json.errCode).toBe(
			1204,
		);
		expect(
			(await api('/group/invite_user_to_group', { groupID, invitedUserIDs: ['carol'] })).json
				.errCode,
		).toBe(1204);
		expect((await api('/group/dismiss_group', { groupID, deleteMember: true })).json.errCode).toBe(
			0,
		);
		expect(state(groupID).memberCount).toBe(0);
		// No owner left to take: 1004, even with deleteMember.
		expect((await api('/group/dismiss_group', { groupID, deleteMember: true })).json.errCode).toBe(
			1004,
		);
		expect(
			(
				await api('/group/transfer_group', {
					groupID,
					oldOwnerUserID: 'alice',
					newOwnerUserID: 'bob',
				})
			).json.errCode,
		).toBe(1204);
		expect((await api('/group/dismiss_group', { groupID: 'nope' })).json.errCode).toBe(1004);
	});
});

describe('invite_user_to_group, kick_group', () => {
	test('invite: members with role 20 and the inviter; no data', async () => {
		const groupID = await groupOf();
		expect(
			(
				await api('/group/invite_user_to_group', {
					groupID,
					invitedUserIDs: ['bob', 'carol'],
					reason: 'welcome',
				})
			).json,
		).toEqual(ok());
		expect(state(groupID).members.bob).toMatchObject({
			roleLevel: 20,
			inviterUserID: 'imAdmin',
			joinSource: 2,
		});
		expect(state(groupID).memberCount).toBe(3);
	});

	test('invite refusals: unknown user 1004, duplicates 1001, empty 1001, unknown group 1004, a member again 500', async () => {
		const groupID = await groupOf({ memberUserIDs: ['bob'] });
		expect(
			(await api('/group/invite_user_to_group', { groupID, invitedUserIDs: ['carol', 'ghost'] }))
				.json.errCode,
		).toBe(1004);
		expect(
			(await api('/group/invite_user_to_group', { groupID, invitedUserIDs: ['carol', 'carol'] }))
				.json.errCode,
		).toBe(1001);
		expect(
			(await api('/group/invite_user_to_group', { groupID, invitedUserIDs: [] })).json,
		).toEqual(err(1001, 'ArgsError', 'user empty'));
		expect((await api('/group/invite_user_to_group', { groupID })).json).toEqual(
			err(1001, 'ArgsError', 'invitedUserIDs is empty'),
		);
		expect(
			(await api('/group/invite_user_to_group', { groupID: 'nope', invitedUserIDs: ['carol'] }))
				.json.errCode,
		).toBe(1004);
		expect(
			(await api('/group/invite_user_to_group', { groupID, invitedUserIDs: ['bob'] })).json,
		).toEqual(err(500, expect.stringContaining('E11000'), expect.stringContaining('E11000')));
		expect(Object.keys(state(groupID).members)).toEqual(['alice', 'bob']);
	});

	test("needVerification 1: a plain member's invitations become requests", async () => {
		const groupID = await groupOf({ memberUserIDs: ['bob'], groupInfo: { needVerification: 1 } });
		expect(
			(
				await call(
					ctx.emu,
					'/group/invite_user_to_group',
					{ groupID, invitedUserIDs: ['carol'] },
					{ token: userToken('bob') },
				)
			).json.errCode,
		).toBe(0);
		expect(state(groupID).members.carol).toBeUndefined();
		expect(state(groupID).requests).toEqual([
			expect.objectContaining({ userID: 'carol', inviterUserID: 'bob' }),
		]);
	});

	test('kick: no data; a non-member 1101; the owner or yourself 1001; a group admin may kick plain members only', async () => {
		const groupID = await groupOf({ adminUserIDs: ['bob'], memberUserIDs: ['carol', 'dave'] });
		expect(
			(await api('/group/kick_group', { groupID, kickedUserIDs: ['dave'], reason: 'bye' })).json,
		).toEqual(ok());
		expect(state(groupID).members.dave).toBeUndefined();
		expect((await api('/group/kick_group', { groupID, kickedUserIDs: ['dave'] })).json).toEqual(
			err(1101, 'UserIDNotFoundError', 'dave'),
		);
		expect((await api('/group/kick_group', { groupID, kickedUserIDs: ['alice'] })).json).toEqual(
			err(1001, 'ArgsError', 'ownerUID can not Kick'),
		);
		expect((await api('/group/kick_group', { groupID, kickedUserIDs: [] })).json).toEqual(
			err(1001, 'ArgsError', 'KickedUserIDs empty'),
		);
		expect(
			(await api('/group/kick_group', { groupID: 'nope', kickedUserIDs: ['bob'] })).json.errCode,
		).toBe(1004);
		const bob = userToken('bob');
		expect(
			(
				await call(
					ctx.emu,
					'/group/kick_group',
					{ groupID, kickedUserIDs: ['bob'] },
					{ token: bob },
				)
			).json,
		).toEqual(err(1001, 'ArgsError', 'opUserID in KickedUserIDs'));
		expect(
			(
				await call(
					ctx.emu,
					'/group/kick_group',
					{ groupID, kickedUserIDs: ['carol'] },
					{ token: bob },
				)
			).json.errCode,
		).toBe(0);
		const carolToken = userToken('carol');
		await api('/group/invite_user_to_group', { groupID, invitedUserIDs: ['carol', 'dave'] });
		expect(
			(
				await call(
					ctx.emu,
					'/group/kick_group',
					{ groupID, kickedUserIDs: ['dave'] },
					{ token: carolToken },
				)
			).json.errCode,
		).toBe(1002);
	});
});

describe('transfer_group, mute_group_member, cancel_mute_group_member', () => {
	test('transfer swaps the roles; equal IDs or a non-member 1001; a plain member 1002', async () => {
		const groupID = await groupOf({ adminUserIDs: ['bob'], memberUserIDs: ['carol'] });
		expect(
			(
				await api('/group/transfer_group', {
					groupID,
					oldOwnerUserID: 'alice',
					newOwnerUserID: 'bob',
				})
			).json,
		).toEqual(ok());
		expect(state(groupID)).toMatchObject({
			ownerUserID: 'bob',
			members: { alice: { roleLevel: 60 }, bob: { roleLevel: 100 } },
		});
		expect(
			(
				await api('/group/transfer_group', {
					groupID,
					oldOwnerUserID: 'bob',
					newOwnerUserID: 'bob',
				})
			).json.errCode,
		).toBe(1001);
		expect(
			(
				await api('/group/transfer_group', {
					groupID,
					oldOwnerUserID: 'bob',
					newOwnerUserID: 'dave',
				})
			).json.errCode,
		).toBe(1001);
		expect(
			(
				await call(
					ctx.emu,
					'/group/transfer_group',
					{ groupID, oldOwnerUserID: 'bob', newOwnerUserID: 'carol' },
					{ token: userToken('carol') },
				)
			).json.errCode,
		).toBe(1002);
	});

	test('mute sets muteEndTime = now + seconds (ms); 0 seconds 1001; cancel clears; the new owner is unmuted', async () => {
		const groupID = await groupOf({ memberUserIDs: ['bob'] });
		const before = Date.now();
		expect(
			(await api('/group/mute_group_member', { groupID, userID: 'bob', mutedSeconds: 60 })).json,
		).toEqual(ok());
		expect(state(groupID).members.bob.muteEndTime).toBeGreaterThanOrEqual(before + 60000);
		expect(
			(await api('/group/mute_group_member', { groupID, userID: 'bob', mutedSeconds: 0 })).json,
		).toEqual(err(1001, 'ArgsError', 'mutedSeconds is empty'));
		expect(
			(await api('/group/mute_group_member', { groupID, userID: 'carol', mutedSeconds: 5 })).json
				.errCode,
		).toBe(1004);
		expect((await api('/group/cancel_mute_group_member', { groupID, userID: 'bob' })).json).toEqual(
			ok(),
		);
		expect(state(groupID).members.bob.muteEndTime).toBe(0);
		await api('/group/mute_group_member', { groupID, userID: 'bob', mutedSeconds: 60 });
		await api('/group/transfer_group', { groupID, oldOwnerUserID: 'alice', newOwnerUserID: 'bob' });
		expect(state(groupID).members.bob.muteEndTime).toBe(0);
		// bob owns the group now: nobody but the admin mutes the owner; a plain member mutes nobody.
		expect(
			(
				await call(
					ctx.emu,
					'/group/mute_group_member',
					{ groupID, userID: 'bob', mutedSeconds: 5 },
					{ token: userToken('alice') },
				)
			).json,
		).toEqual(err(1002, 'NoPermissionError', 'set group owner mute'));
		await api('/group/invite_user_to_group', { groupID, invitedUserIDs: ['carol'] });
		expect(
			(
				await call(
					ctx.emu,
					'/group/mute_group_member',
					{ groupID, userID: 'alice', mutedSeconds: 5 },
					{ token: userToken('carol') },
				)
			).json,
		).toEqual(err(1002, 'NoPermissionError', 'set group ordinary users mute'));
		expect(
			(
				await call(
					ctx.emu,
					'/group/mute_group_member',
					{ groupID, userID: 'carol', mutedSeconds: 5 },
					{ token: userToken('bob') },
				)
			).json.errCode,
		).toBe(0);
	});
});

test('quit_group: a member leaves (after-hook fires); the owner 1002; a non-member 1004; someone else 1002', async () => {
	const groupID = await groupOf({ memberUserIDs: ['bob', 'carol'] });
	const after = [];
	ctx.emu.hooks.after = (command, body) => after.push([command, body]);
	expect(
		(await call(ctx.emu, '/group/quit_group', { groupID }, { token: userToken('bob') })).json,
	).toEqual(ok());
	expect(state(groupID).members.bob).toBeUndefined();
	expect(
		(
			await call(
				ctx.emu,
				'/group/quit_group',
				{ groupID, userID: 'carol' },
				{ token: userToken('dave') },
			)
		).json.errCode,
	).toBe(1002);
	expect((await api('/group/quit_group', { groupID, userID: 'alice' })).json).toEqual(
		err(1002, 'NoPermissionError', "group owner can't quit"),
	);
	expect((await api('/group/quit_group', { groupID, userID: 'dave' })).json.errCode).toBe(1004);
	await new Promise((resolve) => setImmediate(resolve));
	expect(after).toEqual([
		[
			'callbackAfterQuitGroupCommand',
			{ callbackCommand: 'callbackAfterQuitGroupCommand', groupID, userID: 'bob' },
		],
	]);
});

test('get_group_members_info, get_joined_group_list, mute_group / cancel_mute_group', async () => {
	const groupID = await groupOf({ memberUserIDs: ['bob'] });
	expect(
		(
			await api('/group/get_group_members_info', { groupID, userIDs: ['bob', 'carol'] })
		).json.data.members.map((m) => m.userID),
	).toEqual(['bob']);
	expect((await api('/group/get_group_members_info', { groupID, userIDs: [] })).json).toEqual(
		err(1001, 'ArgsError', 'userIDs empty'),
	);
	const joined = await api('/group/get_joined_group_list', {
		fromUserID: 'bob',
		pagination: { pageNumber: 1, showNumber: 10 },
	});
	expect(joined.json.data).toEqual({
		total: 1,
		groups: [expect.objectContaining({ groupID, memberCount: 2 })],
	});
	expect(
		(
			await call(
				ctx.emu,
				'/group/get_joined_group_list',
				{ fromUserID: 'alice', pagination: { pageNumber: 1, showNumber: 10 } },
				{ token: userToken('bob') },
			)
		).json.errCode,
	).toBe(1002);
	expect((await api('/group/mute_group', { groupID })).json).toEqual(ok());
	expect(state(groupID).status).toBe(3);
	expect(
		(await call(ctx.emu, '/group/cancel_mute_group', { groupID }, { token: userToken('bob') }))
			.json,
	).toEqual(err(1002, 'NoPermissionError', 'no group owner or admin'));
	expect(
		(await call(ctx.emu, '/group/cancel_mute_group', { groupID }, { token: userToken('alice') }))
			.json,
	).toEqual(ok());
	expect(state(groupID).status).toBe(0);
});
