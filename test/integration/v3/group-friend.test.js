const { useOpenImV3, ADMIN } = require('./context');

const env = useOpenImV3();
const json = (res) => res.items.map((item) => item.json);

const members = (...entries) => ({ members: entries.map(([uid, setRole]) => ({ uid, setRole })) });

describe('3.x group', () => {
	it('creates a group: Owner, Admin and Member roles become ownerUserID, adminUserIDs and memberUserIDs, groupType 2', async () => {
		await env.register('o1', 'a1', 'm1', 'm2');
		const res = await env.run({
			resource: 'group',
			operation: 'create',
			groupName: 'Sales',
			memberList: members(['m1', 0], ['o1', 1], ['a1', 2], ['m2', 0]),
			additionalFields: {
				groupID: 'sales_1',
				introduction: 'Hi',
				notification: 'Read me',
				faceUrl: 'https://x/g.png',
				ex: 'e',
				needVerification: 2,
				lookMemberInfo: 1,
				applyMemberFriend: 1,
			},
		});
		expect(res.status).toBe('success');
		const [sent] = env.requests('group/create_group');
		expect(sent.body).toEqual({
			ownerUserID: 'o1',
			adminUserIDs: ['a1'],
			memberUserIDs: ['m1', 'm2'],
			groupInfo: {
				groupName: 'Sales',
				groupType: 2,
				groupID: 'sales_1',
				introduction: 'Hi',
				notification: 'Read me',
				faceURL: 'https://x/g.png',
				ex: 'e',
				needVerification: 2,
				lookMemberInfo: 1,
				applyMemberFriend: 1,
			},
		});
		expect(json(res)).toEqual([
			expect.objectContaining({
				groupID: 'sales_1',
				groupName: 'Sales',
				ownerUserID: 'o1',
				groupType: 2,
				needVerification: 2,
			}),
		]);
		const group = env.state().groups.sales_1;
		expect(Object.keys(group.members).sort()).toEqual(['a1', 'm1', 'm2', 'o1']);
		expect(group.members.o1.roleLevel).toBe(100);
		expect(group.members.a1.roleLevel).toBe(60);
	});

	it('needs exactly one Owner on 3.x, before sending anything', async () => {
		await env.register('m1');
		const res = await env.run({
			resource: 'group',
			operation: 'create',
			groupName: 'G',
			memberList: members(['m1', 0]),
		});
		expect(res.status).toBe('error');
		expect(res.error.message).toBe(
			'Members needs exactly one member with the Owner role on OpenIM 3.x [item 0]',
		);
		expect(env.requests('group/create_group')).toHaveLength(0);
	});

	it('names unknown members (1101) with a hint', async () => {
		await env.register('o1');
		const res = await env.run(
			{
				resource: 'group',
				operation: 'create',
				groupName: 'G',
				memberList: members(['o1', 1], ['ghost', 0]),
			},
			[{ json: {} }],
			{ continueOnFail: true },
		);
		expect(json(res)[0]).toMatchObject({ error: 'User not found (errCode 1101)', errCode: 1101 });
		expect(json(res)[0].description).toMatch(/register them first/);
	});

	it('invites and kicks users, one item per user', async () => {
		await env.register('o1', 'u1', 'u2', 'u3');
		await env.run({
			resource: 'group',
			operation: 'create',
			groupName: 'G',
			memberList: members(['o1', 1]),
			additionalFields: { groupID: 'g1' },
		});
		const invited = await env.run({
			resource: 'group',
			operation: 'inviteUsers',
			groupID: 'g1',
			uidList: 'u1,u2,u3',
			reason: 'Welcome',
		});
		expect(json(invited)).toEqual(
			['u1', 'u2', 'u3'].map((userID) => ({ groupID: 'g1', userID, invited: true })),
		);
		expect(env.requests('group/invite_user_to_group')[0].body).toEqual({
			groupID: 'g1',
			invitedUserIDs: ['u1', 'u2', 'u3'],
			reason: 'Welcome',
		});
		const kicked = await env.run({
			resource: 'group',
			operation: 'kickUsers',
			groupID: 'g1',
			uidListInfo: ['u1', 'u3'],
			additionalFields: { reason: 'Bye' },
		});
		expect(json(kicked)).toEqual(
			['u1', 'u3'].map((userID) => ({ groupID: 'g1', userID, kicked: true })),
		);
		expect(env.requests('group/kick_group')[0].body).toEqual({
			groupID: 'g1',
			kickedUserIDs: ['u1', 'u3'],
			reason: 'Bye',
		});
		expect(Object.keys(env.state().groups.g1.members).sort()).toEqual(['o1', 'u2']);
	});

	it('explains kicking a non-member (1101) and a missing group (1004)', async () => {
		await env.register('o1', 'u1');
		await env.run({
			resource: 'group',
			operation: 'create',
			groupName: 'G',
			memberList: members(['o1', 1]),
			additionalFields: { groupID: 'g1' },
		});
		const res = await env.run(
			{ resource: 'group', operation: 'kickUsers', groupID: '={{ $json.g }}', uidListInfo: 'u1' },
			[{ json: { g: 'g1' } }, { json: { g: 'nope' } }],
			{ continueOnFail: true },
		);
		expect(json(res)[0]).toMatchObject({
			error: 'A user is not a member of the group (errCode 1101)',
		});
		expect(json(res)[1]).toMatchObject({ error: 'Group or user not found (errCode 1004)' });
	});
});

describe('3.x friend', () => {
	it('imports one friend or a list, in both directions', async () => {
		await env.register('a', 'b', 'c');
		const res = await env.run({
			resource: 'friend',
			operation: 'import',
			ownerUid: 'a',
			uid: 'b, c',
		});
		expect(json(res)).toEqual([
			{ ownerUserID: 'a', friendUserID: 'b', imported: true },
			{ ownerUserID: 'a', friendUserID: 'c', imported: true },
		]);
		expect(env.requests('friend/import_friend')[0].body).toEqual({
			ownerUserID: 'a',
			friendUserIDs: ['b', 'c'],
		});
		expect(Object.keys(env.state().friends.b)).toEqual(['a']);
	});

	it('refuses the owner among the friends before sending', async () => {
		const res = await env.run({
			resource: 'friend',
			operation: 'import',
			ownerUid: 'a',
			uid: 'b,a',
		});
		expect(res.error.message).toBe(
			'User ID must not include the owner: a user cannot befriend themselves [item 0]',
		);
		expect(env.requests('friend/import_friend')).toHaveLength(0);
	});

	it('adds a user to a blacklist; a second time is explained (500 duplicate key)', async () => {
		await env.register('a', 'b');
		const res = await env.run({
			resource: 'friend',
			operation: 'addToBlacklist',
			ownerUid: 'a',
			uid: 'b',
		});
		expect(json(res)).toEqual([{ ownerUserID: 'a', blackUserID: 'b', blacklisted: true }]);
		expect(env.requests('friend/add_black')[0].body).toEqual({
			ownerUserID: 'a',
			blackUserID: 'b',
		});
		expect(Object.keys(env.state().blacks.a)).toEqual(['b']);
		const again = await env.run(
			{ resource: 'friend', operation: 'addToBlacklist', ownerUid: 'a', uid: 'b' },
			[{ json: {} }],
			{ continueOnFail: true },
		);
		expect(json(again)[0]).toMatchObject({
			error: 'This already exists (errCode 500)',
			errCode: 500,
		});
	});

	it('names an unknown user (1004)', async () => {
		const res = await env.run(
			{ resource: 'friend', operation: 'addToBlacklist', ownerUid: ADMIN, uid: 'ghost' },
			[{ json: {} }],
			{ continueOnFail: true },
		);
		expect(json(res)[0]).toMatchObject({
			error: 'User not found (errCode 1004)',
			errCode: 1004,
			endpoint: 'friend/add_black',
		});
	});
});
