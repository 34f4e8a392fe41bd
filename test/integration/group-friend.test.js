const { useOpenIm } = require('./context');

const env = useOpenIm();

async function createGroup(members) {
	const res = await env.run({
		resource: 'group',
		operation: 'create',
		groupName: 'Team',
		memberList: { members },
	});
	expect(res.status).toBe('success');
	return res.items[0].json.groupID;
}

describe('group', () => {
	it('creates a group with its members and their roles', async () => {
		await env.register('owner', 'm1', 'm2');
		const res = await env.run(
			{
				resource: 'group',
				operation: 'create',
				groupName: '={{ $json.team }}',
				memberList: {
					members: [{ uid: 'owner', setRole: 1 }, { uid: 'm1', setRole: 2 }, { uid: 'm2' }],
				},
				additionalFields: {
					introduction: 'Sales',
					notification: 'Welcome',
					faceUrl: 'https://x/g.png',
				},
			},
			[{ json: { team: 'Sales Team' } }],
		);
		const { groupID } = res.items[0].json;
		expect(res.items[0].json).toEqual({
			groupID: expect.stringMatching(/^[0-9a-f]{32}$/),
			groupName: 'Sales Team',
		});
		const group = env.state().groups[groupID];
		expect(group).toMatchObject({
			groupName: 'Sales Team',
			introduction: 'Sales',
			notification: 'Welcome',
			faceUrl: 'https://x/g.png',
		});
		expect(
			Object.values(group.members)
				.map(({ uid, role }) => [uid, role])
				.sort(),
		).toEqual([
			['m1', 2],
			['m2', 0],
			['owner', 1],
		]);
		expect(env.requests('group/create_group')[0].body.memberList).toEqual([
			{ uid: 'owner', setRole: 1 },
			{ uid: 'm1', setRole: 2 },
			{ uid: 'm2', setRole: 0 },
		]);
	});

	it('refuses two owners and repeated members before sending', async () => {
		for (const [members, message] of [
			[
				[
					{ uid: 'a', setRole: 1 },
					{ uid: 'b', setRole: 1 },
				],
				/more than one Owner/,
			],
			[[{ uid: 'a' }, { uid: 'a' }], /lists "a" more than once/],
			[[], /needs at least one member/],
		]) {
			const res = await env.run({
				resource: 'group',
				operation: 'create',
				groupName: 'G',
				memberList: { members },
			});
			expect(res.error.message).toMatch(message);
		}
		expect(env.requests('group/create_group')).toHaveLength(0);
	});

	it('invites users and reports each result, one item per uid', async () => {
		await env.register('owner', 'm1', 'm2');
		const groupID = await createGroup([{ uid: 'owner', setRole: 1 }]);
		const res = await env.run({
			resource: 'group',
			operation: 'inviteUsers',
			groupID,
			uidList: 'm1,m2,ghost',
			reason: 'onboarding',
		});
		expect(res.items.map((item) => item.json)).toEqual([
			{ groupID, uid: 'm1', result: 0, invited: true },
			{ groupID, uid: 'm2', result: 0, invited: true },
			{ groupID, uid: 'ghost', result: -1, invited: false },
		]);
		expect(res.items.every((item) => item.pairedItem.item === 0)).toBe(true);
		expect(Object.keys(env.state().groups[groupID].members).sort()).toEqual(['m1', 'm2', 'owner']);
		expect(env.requests('group/invite_user_to_group')[0].body).toMatchObject({
			groupID,
			uidList: ['m1', 'm2', 'ghost'],
			reason: 'onboarding',
		});
	});

	it('kicks users, sending them as uidListInfo [{userId}]', async () => {
		await env.register('owner', 'm1', 'm2');
		const groupID = await createGroup([{ uid: 'owner', setRole: 1 }, { uid: 'm1' }, { uid: 'm2' }]);
		const res = await env.run({
			resource: 'group',
			operation: 'kickUsers',
			groupID,
			uidListInfo: ['m1', 'm2'],
			additionalFields: { reason: 'left' },
		});
		expect(res.items.map((item) => item.json)).toEqual([
			{ groupID, uid: 'm1', result: 0, kicked: true },
			{ groupID, uid: 'm2', result: 0, kicked: true },
		]);
		expect(env.requests('group/kick_group')[0].body).toMatchObject({
			uidListInfo: [{ userId: 'm1' }, { userId: 'm2' }],
			reason: 'left',
		});
		expect(Object.keys(env.state().groups[groupID].members)).toEqual(['owner']);
	});
});

describe('friend', () => {
	it('imports two users as friends', async () => {
		await env.register('a', 'b');
		const res = await env.run({ resource: 'friend', operation: 'import', uid: 'a', ownerUid: 'b' });
		expect(res.items[0].json).toEqual({ uid: 'a', ownerUid: 'b', imported: true });
		expect(env.state().friends).toMatchObject({ a: ['b'], b: ['a'] });
	});

	it('explains an unknown user (errCode 606) with the item index', async () => {
		await env.register('a');
		const res = await env.run({
			resource: 'friend',
			operation: 'import',
			uid: 'a',
			ownerUid: 'ghost',
		});
		expect(res.status).toBe('error');
		expect(res.error.message).toBe('User not found (errCode 606)');
		expect(res.error.description).toMatch(/Register the user first/);
	});

	it("adds a user to an owner's blacklist", async () => {
		await env.register('a', 'b');
		const res = await env.run({
			resource: 'friend',
			operation: 'addToBlacklist',
			uid: 'a',
			ownerUid: 'b',
		});
		expect(res.items[0].json).toEqual({ uid: 'a', ownerUid: 'b', blacklisted: true });
		expect(env.state().blacklist).toEqual({ b: ['a'] });
	});
});
