// The 3.x operations that 2021 never had (DESIGN.md's v3 table), through the engine against the 3.x emulator.
const { OpenImV3Emulator } = require('../../emulator/v3');
const { CredentialStore, runWorkflow } = require('../harness');
const { useOpenImV3, loadV3Package, SECRET, ADMIN } = require('./context');

const env = useOpenImV3();
const json = (res) => res.items.map((item) => item.json);
const members = (...entries) => ({ members: entries.map(([uid, setRole]) => ({ uid, setRole })) });

async function group(groupID, owner, ...others) {
	const res = await env.run({
		resource: 'group',
		operation: 'create',
		groupName: `Group ${groupID}`,
		memberList: members([owner, 1], ...others.map((uid) => [uid, 0])),
		additionalFields: { groupID },
	});
	expect(res.status).toBe('success');
	env.emu.requests.length = 0;
}

describe('3.x user: force logout and online status', () => {
	it('logs a user out of one platform', async () => {
		await env.register('u1');
		const token = await env.run({
			resource: 'user',
			operation: 'getToken',
			uid: 'u1',
			platform: 5,
		});
		const res = await env.run({
			resource: 'user',
			operation: 'forceLogout',
			uid: 'u1',
			platform: 5,
		});
		expect(json(res)).toEqual([{ userID: 'u1', platformID: 5, loggedOut: true }]);
		expect(env.requests('auth/force_logout')[0].body).toEqual({ platformID: 5, userID: 'u1' });
		expect(
			env.state().tokens.find((entry) => entry.token === token.items[0].json.token).status,
		).toBe('kicked');
	});

	it('tells who is online, one item per user, without their session tokens', async () => {
		await env.register('on', 'off');
		env.emu.setOnline('on', 5);
		const res = await env.run({
			resource: 'user',
			operation: 'getOnlineStatus',
			uidList: 'on,off',
		});
		expect(json(res).map((entry) => [entry.userID, entry.status])).toEqual([
			['on', 1],
			['off', 0],
		]);
		expect(JSON.stringify(res.items)).not.toMatch(/"token"/);
		expect(env.requests('user/get_users_online_status')[0].body).toEqual({
			userIDs: ['on', 'off'],
		});
	});
});

describe('3.x group: the rest', () => {
	it('gets groups by ID, one item each, marking unknown ones', async () => {
		await env.register('o');
		await group('g1', 'o');
		const res = await env.run({ resource: 'group', operation: 'get', groupID: 'g1, nope' });
		expect(json(res)).toEqual([
			expect.objectContaining({ groupID: 'g1', groupName: 'Group g1', ownerUserID: 'o' }),
			{ groupID: 'nope', found: false },
		]);
		expect(env.requests('group/get_groups_info')[0].body).toEqual({ groupIDs: ['g1', 'nope'] });
	});

	it('lists groups page by page with their owners, filtered by name', async () => {
		await env.register('o');
		for (const id of ['a1', 'a2', 'b1']) await group(id, 'o');
		const res = await env.run({
			resource: 'group',
			operation: 'getAll',
			returnAll: true,
			filters: { groupName: 'Group a' },
		});
		expect(json(res).map((entry) => [entry.groupID, entry.groupOwnerUserID])).toEqual([
			['a1', 'o'],
			['a2', 'o'],
		]);
		expect(env.requests('group/get_groups')[0].body).toEqual({
			pagination: { pageNumber: 1, showNumber: 100 },
			groupName: 'Group a',
		});
	});

	it('updates a group with bare values, and needs a field to change', async () => {
		await env.register('o');
		await group('g1', 'o');
		const res = await env.run({
			resource: 'group',
			operation: 'update',
			groupID: 'g1',
			updateFields: { groupName: 'Renamed', faceUrl: 'https://x/g.png', needVerification: 2 },
		});
		expect(json(res)).toEqual([
			{
				groupID: 'g1',
				groupName: 'Renamed',
				faceURL: 'https://x/g.png',
				needVerification: 2,
				updated: true,
			},
		]);
		expect(env.requests('group/set_group_info_ex')[0].body).toEqual({
			groupID: 'g1',
			groupName: 'Renamed',
			faceURL: 'https://x/g.png',
			needVerification: 2,
		});
		expect(env.state().groups.g1).toMatchObject({ groupName: 'Renamed', needVerification: 2 });
		const empty = await env.run({ resource: 'group', operation: 'update', groupID: 'g1' });
		expect(empty.error.message).toBe('Update Fields needs at least one field to change [item 0]');
	});

	it('dismisses a group, and explains a second dismissal (1204)', async () => {
		await env.register('o');
		await group('g1', 'o');
		const res = await env.run({ resource: 'group', operation: 'dismiss', groupID: 'g1' });
		expect(json(res)).toEqual([{ groupID: 'g1', deleteMember: false, dismissed: true }]);
		expect(env.requests('group/dismiss_group')[0].body).toEqual({
			groupID: 'g1',
			deleteMember: false,
		});
		expect(env.state().groups.g1.status).toBe(2);
		const again = await env.run(
			{ resource: 'group', operation: 'dismiss', groupID: 'g1' },
			[{ json: {} }],
			{ continueOnFail: true },
		);
		expect(json(again)[0]).toMatchObject({ error: 'The group is dismissed (errCode 1204)' });
	});

	it('lists members, transfers the owner, mutes and unmutes a member', async () => {
		await env.register('o', 'm1', 'm2');
		await group('g1', 'o', 'm1', 'm2');
		const listed = await env.run({
			resource: 'group',
			operation: 'getMembers',
			groupID: 'g1',
			returnAll: false,
			limit: 2,
		});
		expect(json(listed).map((member) => [member.userID, member.roleLevel])).toEqual([
			['o', 100],
			['m1', 20],
		]);
		expect(env.requests('group/get_group_member_list')[0].body).toEqual({
			groupID: 'g1',
			pagination: { pageNumber: 1, showNumber: 100 },
		});

		const moved = await env.run({
			resource: 'group',
			operation: 'transferOwner',
			groupID: 'g1',
			ownerUid: 'o',
			newOwnerUid: 'm1',
		});
		expect(json(moved)).toEqual([
			{ groupID: 'g1', oldOwnerUserID: 'o', newOwnerUserID: 'm1', transferred: true },
		]);
		expect(env.state().groups.g1.members.m1.roleLevel).toBe(100);
		const same = await env.run({
			resource: 'group',
			operation: 'transferOwner',
			groupID: 'g1',
			ownerUid: 'm1',
			newOwnerUid: 'm1',
		});
		expect(same.error.message).toBe(
			'New Owner User ID must differ from the current owner [item 0]',
		);

		const muted = await env.run({
			resource: 'group',
			operation: 'muteMember',
			groupID: 'g1',
			uid: 'm2',
			mutedSeconds: 600,
		});
		expect(json(muted)).toEqual([{ groupID: 'g1', userID: 'm2', mutedSeconds: 600, muted: true }]);
		expect(env.state().groups.g1.members.m2.muteEndTime).toBeGreaterThan(Date.now());
		const unmuted = await env.run({
			resource: 'group',
			operation: 'unmuteMember',
			groupID: 'g1',
			uid: 'm2',
		});
		expect(json(unmuted)).toEqual([{ groupID: 'g1', userID: 'm2', muted: false }]);
		expect(env.state().groups.g1.members.m2.muteEndTime).toBe(0);
		expect(env.requests('group/cancel_mute_group_member')[0].body).toEqual({
			groupID: 'g1',
			userID: 'm2',
		});
	});
});

describe('3.x friend: the rest', () => {
	it('lists friends, deletes one direction, removes from the blacklist', async () => {
		await env.register('a', 'b', 'c');
		await env.run({ resource: 'friend', operation: 'import', ownerUid: 'a', uid: 'b,c' });
		await env.run({ resource: 'friend', operation: 'addToBlacklist', ownerUid: 'a', uid: 'c' });
		const friends = await env.run({
			resource: 'friend',
			operation: 'getAll',
			ownerUid: 'a',
			returnAll: true,
		});
		expect(json(friends).map((entry) => entry.friendUser.userID)).toEqual(['b', 'c']);
		expect(env.requests('friend/get_friend_list')[0].body).toEqual({
			userID: 'a',
			pagination: { pageNumber: 1, showNumber: 100 },
		});

		const deleted = await env.run({
			resource: 'friend',
			operation: 'delete',
			ownerUid: 'a',
			uid: 'b',
		});
		expect(json(deleted)).toEqual([{ ownerUserID: 'a', friendUserID: 'b', deleted: true }]);
		expect(Object.keys(env.state().friends.a)).toEqual(['c']);
		expect(Object.keys(env.state().friends.b)).toEqual(['a']);

		const unblocked = await env.run({
			resource: 'friend',
			operation: 'removeFromBlacklist',
			ownerUid: 'a',
			uid: 'c',
		});
		expect(json(unblocked)).toEqual([{ ownerUserID: 'a', blackUserID: 'c', blacklisted: false }]);
		expect(env.state().blacks.a ?? {}).toEqual({});
	});
});

describe('3.x message: send to many', () => {
	it('sends one message to many users in one request, one item per recipient, failed ones included', async () => {
		await env.register('r1', 'r2');
		const res = await env.run({
			resource: 'message',
			operation: 'sendToMany',
			sendID: ADMIN,
			uidList: 'r1, ghost, r2',
			contentType: 101,
			text: 'Hi all',
		});
		expect(res.status).toBe('success');
		const [sent] = env.requests('msg/batch_send_msg');
		expect(sent.body).toEqual({
			sendID: ADMIN,
			isSendAll: false,
			recvIDs: ['r1', 'ghost', 'r2'],
			sessionType: 1,
			contentType: 101,
			content: { content: 'Hi all' },
		});
		const byRecipient = Object.fromEntries(json(res).map((entry) => [entry.recvID, entry]));
		expect(Object.keys(byRecipient).sort()).toEqual(['ghost', 'r1', 'r2']);
		expect(byRecipient.r1).toMatchObject({
			sent: true,
			serverMsgID: expect.any(String),
			clientMsgID: expect.any(String),
			sendTime: expect.any(Number),
		});
		expect(byRecipient.ghost).toMatchObject({
			sent: false,
			reason: expect.stringMatching(/did not deliver/),
		});
		expect(byRecipient.ghost.serverMsgID).toBeUndefined();
		expect(res.items.every((item) => item.pairedItem.item === 0)).toBe(true);
	});

	it('sends to every user with Send to All Users, recvIDs empty', async () => {
		await env.register('r1');
		const res = await env.run({
			resource: 'message',
			operation: 'sendToMany',
			sendID: ADMIN,
			isSendAll: true,
			contentType: 110,
			data: '{"x":1}',
		});
		expect(env.requests('msg/batch_send_msg')[0].body).toMatchObject({
			isSendAll: true,
			recvIDs: [],
		});
		expect(
			json(res)
				.map((entry) => entry.recvID)
				.sort(),
		).toEqual([ADMIN, 'r1']);
	});
});

describe('3.x group update on a 3.8.0 server', () => {
	let emu;
	beforeAll(async () => {
		emu = await new OpenImV3Emulator({
			port: 0,
			quiet: true,
			secret: SECRET,
			adminUserID: ADMIN,
			serverVersion: '3.8.0',
			seed: true,
		}).start();
	});
	afterAll(async () => emu && (await emu.stop()));

	it('falls back to set_group_info when set_group_info_ex answers 404', async () => {
		const store = new CredentialStore({
			id: 'v380',
			name: '3.8.0',
			type: 'openImV3Api',
			data: { baseUrl: emu.url, secret: SECRET, adminUserId: ADMIN, token: '' },
		});
		const res = await runWorkflow({
			pkg: loadV3Package(),
			store,
			typeVersion: 2,
			parameters: {
				resource: 'group',
				operation: 'update',
				groupID: '3000000001',
				updateFields: { notification: 'New rules' },
			},
		});
		expect(res.status).toBe('success');
		const paths = emu.requests
			.map((request) => [request.path, request.status])
			.filter(([path]) => path.startsWith('/group/'));
		expect(paths).toEqual([
			['/group/set_group_info_ex', 404],
			['/group/set_group_info', 200],
		]);
		expect(emu.requests.at(-1).body).toEqual({
			groupInfoForSet: { groupID: '3000000001', notification: 'New rules' },
		});
		expect(emu.snapshot().groups['3000000001'].notification).toBe('New rules');
	});
});
