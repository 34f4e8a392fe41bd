const { useOpenIm, SECRET } = require('./context');

const env = useOpenIm();
const paired = (res) => res.items.map((item) => item.pairedItem.item);

describe('user', () => {
	it('registers users from input items with their profile and returns their tokens', async () => {
		const res = await env.run(
			{
				resource: 'user',
				operation: 'register',
				uid: '={{ $json.id }}',
				name: '={{ $json.fullName }}',
				platform: 2,
				additionalFields: {
					gender: 2,
					email: '={{ $json.email }}',
					mobile: '+1-5550100',
					ex: '{"crm":1}',
				},
			},
			[
				{ json: { id: 'u1', fullName: 'Ann', email: 'ann@example.com' } },
				{ json: { id: 'u2', fullName: 'Bo', email: 'bo@example.com' } },
			],
		);
		expect(res.status).toBe('success');
		expect(res.items.map((item) => item.json.uid)).toEqual(['u1', 'u2']);
		expect(paired(res)).toEqual([0, 1]);
		for (const item of res.items)
			expect(item.json).toEqual({
				uid: item.json.uid,
				token: expect.any(String),
				expiredTime: expect.any(Number),
			});
		const { users } = env.state();
		expect(users.u1).toMatchObject({
			uid: 'u1',
			name: 'Ann',
			gender: 2,
			email: 'ann@example.com',
			mobile: '+1-5550100',
			ex: '{"crm":1}',
		});
		const [sent] = env.requests('auth/user_register');
		expect(sent.body).toEqual({
			operationID: expect.any(String),
			secret: SECRET,
			platform: 2,
			uid: 'u1',
			name: 'Ann',
			gender: 2,
			email: 'ann@example.com',
			mobile: '+1-5550100',
			ex: '{"crm":1}',
		});
		env.expectNoSecrets(res);
	});

	it('issues a user token the emulator accepts for that user', async () => {
		await env.register('u1');
		const res = await env.run({ resource: 'user', operation: 'getToken', uid: 'u1', platform: 5 });
		expect(res.items).toHaveLength(1);
		const { token, uid } = res.items[0].json;
		expect(uid).toBe('u1');
		expect(env.state().tokens).toContainEqual(
			expect.objectContaining({ uid: 'u1', platform: 5, token }),
		);
		expect(env.requests('auth/user_token').at(-1).body).toMatchObject({
			secret: SECRET,
			platform: 5,
			uid: 'u1',
		});
	});

	it('updates a profile and leaves the other fields as they were', async () => {
		await env.register('u1');
		const res = await env.run({
			resource: 'user',
			operation: 'update',
			uid: 'u1',
			additionalFields: { name: 'New Name', icon: 'https://x/y.png' },
		});
		expect(res.items[0].json).toEqual({
			uid: 'u1',
			updated: true,
			name: 'New Name',
			icon: 'https://x/y.png',
		});
		expect(env.state().users.u1).toMatchObject({ name: 'New Name', icon: 'https://x/y.png' });
		expect(env.requests('user/update_user_info')[0].headers.token).toEqual(expect.any(String));
	});

	it('gets users one item per requested uid, marking unknown ones', async () => {
		await env.register('u1', 'u2');
		const res = await env.run({ resource: 'user', operation: 'get', uidList: 'u1, nobody ,u2,u1' });
		expect(res.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ uid: 'u1', name: 'u1 name' }),
			{ uid: 'nobody', found: false },
			expect.objectContaining({ uid: 'u2', name: 'u2 name' }),
		]);
		expect(env.requests('user/get_user_info')[0].body.uidList).toEqual(['u1', 'nobody', 'u2']);
	});

	it('takes a list of uids from an array expression', async () => {
		await env.register('u1', 'u2');
		const res = await env.run({ resource: 'user', operation: 'get', uidList: '={{ $json.ids }}' }, [
			{ json: { ids: ['u2', 'u1'] } },
		]);
		expect(res.items.map((item) => item.json.uid)).toEqual(['u2', 'u1']);
	});

	it('gets many uids with a limit, or all of them', async () => {
		await env.register('u1', 'u2', 'u3');
		const limited = await env.run({
			resource: 'user',
			operation: 'getAll',
			returnAll: false,
			limit: 2,
		});
		expect(limited.items).toHaveLength(2);
		const all = await env.run({ resource: 'user', operation: 'getAll', returnAll: true });
		expect(all.items.map((item) => item.json.uid).sort()).toEqual([
			'openIM123456',
			'u1',
			'u2',
			'u3',
		]);
	});

	it('deletes users and says which were deleted', async () => {
		await env.register('u1', 'u2');
		const res = await env.run({ resource: 'user', operation: 'delete', deleteUidList: 'u1,u2' });
		expect(res.items.map((item) => item.json)).toEqual([
			{ uid: 'u1', deleted: true },
			{ uid: 'u2', deleted: true },
		]);
		expect(Object.keys(env.state().users)).toEqual(['openIM123456']);
	});

	it('creates a new user, then updates it on the next sync, and says which it did', async () => {
		const params = {
			resource: 'user',
			operation: 'createOrUpdate',
			uid: 'c1',
			name: '={{ $json.name }}',
			platform: 1,
			additionalFields: { email: '={{ $json.email }}' },
		};
		const first = await env.run(params, [{ json: { name: 'Carla', email: 'c@x.io' } }]);
		expect(first.items[0].json).toEqual({
			uid: 'c1',
			token: expect.any(String),
			expiredTime: expect.any(Number),
			action: 'created',
		});
		const second = await env.run(params, [{ json: { name: 'Carla B', email: 'cb@x.io' } }]);
		expect(second.items[0].json).toEqual({
			uid: 'c1',
			name: 'Carla B',
			email: 'cb@x.io',
			action: 'updated',
		});
		expect(env.state().users.c1).toMatchObject({ name: 'Carla B', email: 'cb@x.io' });
		expect(env.requests('auth/user_register')).toHaveLength(1);
		expect(env.requests('user/update_user_info')).toHaveLength(1);
	});

	it('falls back to an update when the register meets a duplicate', async () => {
		await env.register('c1');
		// The lookup misses (as if another process registered c1 meanwhile): answer it with an empty list.
		env.emu.failNext(1, {
			status: 200,
			body: { errCode: 0, errMsg: '', data: [] },
			path: '/user/get_user_info',
		});
		const res = await env.run({
			resource: 'user',
			operation: 'createOrUpdate',
			uid: 'c1',
			name: 'Late',
			platform: 1,
		});
		expect(res.items[0].json).toMatchObject({ uid: 'c1', action: 'updated' });
		expect(env.state().users.c1.name).toBe('Late');
	});

	it('refuses what the doc forbids before sending anything, naming the parameter and item', async () => {
		const cases = [
			[
				{ uid: 'x'.repeat(65), name: 'n', platform: 1 },
				/User ID is 65 characters long; OpenIM allows at most 64 \[item 0\]/,
			],
			[{ uid: 'u', name: '={{ "  " }}', platform: 1 }, /Name is required \[item 0\]/],
			[
				{ uid: 'u', name: 'n', platform: 1, additionalFields: { gender: 3 } },
				/Gender must be one of 0, 1, 2/,
			],
			[
				{ uid: 'u', name: 'n', platform: 1, additionalFields: { mobile: '1'.repeat(33) } },
				/Mobile is 33 characters long/,
			],
			[
				{ uid: 'u', name: 'n', platform: '={{ 9 }}' },
				/Platform must be one of 1, 2, 3, 4, 5, 6, 7/,
			],
		];
		for (const [params, message] of cases) {
			const res = await env.run({ resource: 'user', operation: 'register', ...params });
			expect(res.status).toBe('error');
			expect(res.error.message).toMatch(message);
		}
		expect(
			env.emu.requests.filter((request) => request.path === '/auth/user_register'),
		).toHaveLength(0);
	});
});
