const { useOpenImV3, SECRET, ADMIN } = require('./context');

const env = useOpenImV3();
const json = (res) => res.items.map((item) => item.json);
const paired = (res) => res.items.map((item) => item.pairedItem.item);

describe('3.x user', () => {
	it('registers users from input items with one admin token for all, operationID and token headers on every request', async () => {
		const store = env.store();
		const res = await env.run(
			{
				resource: 'user',
				operation: 'register',
				uid: '={{ $json.id }}',
				name: '={{ $json.fullName }}',
				additionalFields: { icon: 'https://x/a.png', ex: '{"crm":1}' },
			},
			[
				{ json: { id: 'u1', fullName: 'Ann' } },
				{ json: { id: 'u2', fullName: 'Bo' } },
				{ json: { id: 'u3', fullName: 'Cy' } },
			],
			{ store },
		);
		expect(res.status).toBe('success');
		expect(json(res)).toEqual([
			{
				userID: 'u1',
				nickname: 'Ann',
				faceURL: 'https://x/a.png',
				ex: '{"crm":1}',
				registered: true,
			},
			{
				userID: 'u2',
				nickname: 'Bo',
				faceURL: 'https://x/a.png',
				ex: '{"crm":1}',
				registered: true,
			},
			{
				userID: 'u3',
				nickname: 'Cy',
				faceURL: 'https://x/a.png',
				ex: '{"crm":1}',
				registered: true,
			},
		]);
		expect(paired(res)).toEqual([0, 1, 2]);
		expect(env.state().users.u1).toMatchObject({
			userID: 'u1',
			nickname: 'Ann',
			faceURL: 'https://x/a.png',
			ex: '{"crm":1}',
		});
		expect(env.requests('auth/get_admin_token')).toHaveLength(1);
		expect(env.requests('auth/get_admin_token')[0].body).toEqual({ secret: SECRET, userID: ADMIN });
		expect(store.preAuthCalls).toBe(1);
		const registers = env.requests('user/user_register');
		expect(registers.map((request) => request.body)).toEqual([
			{ users: [{ userID: 'u1', nickname: 'Ann', faceURL: 'https://x/a.png', ex: '{"crm":1}' }] },
			{ users: [{ userID: 'u2', nickname: 'Bo', faceURL: 'https://x/a.png', ex: '{"crm":1}' }] },
			{ users: [{ userID: 'u3', nickname: 'Cy', faceURL: 'https://x/a.png', ex: '{"crm":1}' }] },
		]);
		const operationIDs = new Set(env.emu.requests.map((request) => request.headers.operationid));
		expect(operationIDs.size).toBe(env.emu.requests.length);
		for (const request of registers) expect(request.headers.token).toBe(store.data.token);
		expect(store.data.issuedBy).toBe('auth/get_admin_token');
		env.expectNoSecrets(res);
	});

	it('refuses a user ID 3.x would refuse, and an empty name, naming the parameter and the item', async () => {
		const res = await env.run(
			{
				resource: 'user',
				operation: 'register',
				uid: '={{ $json.uid }}',
				name: '={{ $json.name }}',
			},
			[
				{ json: { uid: 'ok_1', name: 'A' } },
				{ json: { uid: 'bad-id', name: 'B' } },
				{ json: { uid: 'c', name: ' ' } },
			],
			{ continueOnFail: true },
		);
		expect(json(res)[0]).toMatchObject({ userID: 'ok_1', registered: true });
		expect(json(res)[1].error).toBe(
			'User ID may contain only letters, digits and _ on OpenIM 3.x, not "-" ("bad-id") [item 1]',
		);
		expect(json(res)[2].error).toBe('Name is required [item 2]');
		expect(paired(res)).toEqual([0, 1, 2]);
		expect(env.requests('user/user_register')).toHaveLength(1);
	});

	it('says which user was already registered, with a hint to use Create or Update', async () => {
		await env.register('u1');
		const res = await env.run(
			{ resource: 'user', operation: 'register', uid: 'u1', name: 'Again' },
			[{ json: {} }],
			{ continueOnFail: true },
		);
		expect(json(res)[0]).toMatchObject({
			error: 'This user ID is already registered (errCode 1102)',
			errCode: 1102,
			endpoint: 'user/user_register',
		});
		expect(json(res)[0].description).toMatch(/Create or Update/);
	});

	it('issues a user token for a platform, Web by default', async () => {
		await env.register('u1');
		const res = await env.run({ resource: 'user', operation: 'getToken', uid: 'u1' });
		expect(json(res)).toEqual([
			{ userID: 'u1', platformID: 5, token: expect.any(String), expireTimeSeconds: 7776000 },
		]);
		expect(env.requests('auth/get_user_token')[0].body).toEqual({ platformID: 5, userID: 'u1' });
		expect(env.state().tokens).toContainEqual(
			expect.objectContaining({ userID: 'u1', platformID: 5, token: json(res)[0].token }),
		);
	});

	it('updates only the fields given, through update_user_info_ex with bare values', async () => {
		await env.register('u1');
		const res = await env.run({
			resource: 'user',
			operation: 'update',
			uid: 'u1',
			additionalFields: { name: 'New', icon: '', globalRecvMsgOpt: 2 },
		});
		expect(json(res)).toEqual([
			{ userID: 'u1', nickname: 'New', faceURL: '', globalRecvMsgOpt: 2, updated: true },
		]);
		expect(env.requests('user/update_user_info_ex')[0].body).toEqual({
			userInfo: { userID: 'u1', nickname: 'New', faceURL: '', globalRecvMsgOpt: 2 },
		});
		expect(env.state().users.u1).toMatchObject({
			nickname: 'New',
			faceURL: '',
			globalRecvMsgOpt: 2,
		});
	});

	it('gets users one item per requested ID, marking unknown ones', async () => {
		await env.register('u1', 'u2');
		const res = await env.run({ resource: 'user', operation: 'get', uidList: 'u2, nobody,u1' });
		expect(json(res)).toEqual([
			expect.objectContaining({ userID: 'u2', nickname: 'u2 name' }),
			{ userID: 'nobody', found: false },
			expect.objectContaining({ userID: 'u1', nickname: 'u1 name' }),
		]);
		expect(env.requests('user/get_users_info')[0].body).toEqual({
			userIDs: ['u2', 'nobody', 'u1'],
		});
	});

	it('lists users page by page (100 a page), with a limit, a filter, or all', async () => {
		const ids = Array.from({ length: 230 }, (_, i) => `p${String(i).padStart(3, '0')}`);
		await env.register(...ids);
		const all = await env.run({ resource: 'user', operation: 'getAll', returnAll: true });
		expect(json(all).map((user) => user.userID)).toEqual(ids);
		expect(env.requests('user/get_users').map((request) => request.body)).toEqual(
			[1, 2, 3].map((pageNumber) => ({ pagination: { pageNumber, showNumber: 100 } })),
		);
		env.emu.requests.length = 0;
		const limited = await env.run({
			resource: 'user',
			operation: 'getAll',
			returnAll: false,
			limit: 120,
		});
		expect(limited.items).toHaveLength(120);
		expect(env.requests('user/get_users')).toHaveLength(2);
		env.emu.requests.length = 0;
		const filtered = await env.run({
			resource: 'user',
			operation: 'getAll',
			returnAll: true,
			filters: { uid: 'p22' },
		});
		expect(json(filtered).map((user) => user.userID)).toEqual([
			'p220',
			'p221',
			'p222',
			'p223',
			'p224',
			'p225',
			'p226',
			'p227',
			'p228',
			'p229',
		]);
		expect(env.requests('user/get_users')[0].body).toEqual({
			pagination: { pageNumber: 1, showNumber: 100 },
			userID: 'p22',
		});
	});

	it('creates a user, then updates it on the next sync, and says which it did', async () => {
		const params = {
			resource: 'user',
			operation: 'createOrUpdate',
			uid: 'c1',
			name: '={{ $json.name }}',
			additionalFields: { ex: '={{ $json.ex }}' },
		};
		const first = await env.run(params, [{ json: { name: 'Carla', ex: 'a' } }]);
		expect(json(first)).toEqual([{ userID: 'c1', nickname: 'Carla', ex: 'a', action: 'created' }]);
		const second = await env.run(params, [{ json: { name: 'Carla B', ex: 'b' } }]);
		expect(json(second)).toEqual([
			{ userID: 'c1', nickname: 'Carla B', ex: 'b', action: 'updated' },
		]);
		expect(env.state().users.c1).toMatchObject({ nickname: 'Carla B', ex: 'b' });
		expect(env.requests('user/update_user_info_ex')).toHaveLength(1);
		expect(env.requests('user/user_register')).toHaveLength(1);
	});

	it('falls back to an update when the register meets 1102 (registered meanwhile)', async () => {
		await env.register('c1');
		env.emu.failNext(1, {
			status: 200,
			body: { errCode: 0, errMsg: '', errDlt: '', data: { usersInfo: [] } },
			path: '/user/get_users_info',
		});
		const res = await env.run({
			resource: 'user',
			operation: 'createOrUpdate',
			uid: 'c1',
			name: 'Late',
		});
		expect(json(res)).toEqual([{ userID: 'c1', nickname: 'Late', action: 'updated' }]);
		expect(env.state().users.c1.nickname).toBe('Late');
	});

	it('does not offer user delete: 3.x has no such route', async () => {
		const res = await env.run({ resource: 'user', operation: 'delete', deleteUidList: 'u1' });
		expect(res.status).toBe('error');
		expect(res.error.message).toBe(
			'The operation "delete" of "user" is not offered for OpenIM Version v3',
		);
		expect(env.emu.requests).toHaveLength(0);
	});
});
