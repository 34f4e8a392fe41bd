// Options → Batch Size on 3.x: consecutive items packed into few requests, through the real n8n-core engine
// against the 3.x emulator. What the server received is counted in its request log; what was registered is
// read from its state.
const { useOpenImV3, SECRET } = require('./context');

const env = useOpenImV3();
afterEach(() => {
	env.emu.hooks = env.emu.webhooks;
});

const json = (res) => res.items.map((item) => item.json);
const paired = (res) => res.items.map((item) => item.pairedItem.item);
const range = (n) => [...Array(n).keys()];
const users = (uids) => uids.map((uid) => ({ json: { uid } }));
const uidsOf = (n, prefix = 'u') => range(n).map((i) => `${prefix}${i}`);
const register = (batchSize, extra = {}) => ({
	resource: 'user',
	operation: 'register',
	uid: '={{ $json.uid }}',
	name: '={{ $json.name ?? $json.uid + " name" }}',
	options: { batchSize, ...extra },
});
const sentUsers = () =>
	env
		.requests('user/user_register')
		.map((request) => request.body.users.map((user) => user.userID));
/** The users of every successful user_register, as the server's afterUserRegister event reports them. */
const watchRegistrations = () => {
	const registered = [];
	const { webhooks } = env.emu;
	env.emu.hooks = {
		before: (command, body) => webhooks.before(command, body),
		after: (command, body) => {
			if (command === 'callbackAfterUserRegisterCommand')
				registered.push(...body.users.map((user) => user.userID));
		},
	};
	return registered;
};

describe('3.x Batch Size: register', () => {
	it.each([
		[10, 5, [5, 5]],
		[10, 3, [3, 3, 3, 1]],
		[10, 1000, [10]],
		[4, 1, [1, 1, 1, 1]],
	])(
		'%i items in batches of %i: requests of %j users, one output per item, paired and in order',
		async (n, batchSize, sizes) => {
			const uids = uidsOf(n);
			const res = await env.run(register(batchSize), users(uids));
			expect(res.status).toBe('success');
			expect(sentUsers().map((list) => list.length)).toEqual(sizes);
			expect(sentUsers().flat()).toEqual(uids);
			expect(json(res)).toEqual(
				uids.map((userID) => ({ userID, nickname: `${userID} name`, registered: true })),
			);
			expect(paired(res)).toEqual(range(n));
			const state = env.state().users;
			for (const uid of uids)
				expect(state[uid]).toMatchObject({ userID: uid, nickname: `${uid} name` });
			env.expectNoSecrets(res);
		},
	);

	it('sends each batch as one user_register with every user of it, in item order', async () => {
		await env.run(register(3, { operationID: 'crm-1' }), [
			{ json: { uid: 'a', name: 'Ann' } },
			{ json: { uid: 'b', name: 'Bo' } },
			{ json: { uid: 'c', name: 'Cy' } },
		]);
		const [request] = env.requests('user/user_register');
		expect(request.body).toEqual({
			users: [
				{ userID: 'a', nickname: 'Ann' },
				{ userID: 'b', nickname: 'Bo' },
				{ userID: 'c', nickname: 'Cy' },
			],
		});
		expect(request.headers.operationid).toBe('crm-1');
	});

	it('fails a bad parameter alone, before any request: the others still go in one request', async () => {
		const res = await env.run(
			register(10),
			[
				{ json: { uid: 'ok_1' } },
				{ json: { uid: 'bad-id' } },
				{ json: { uid: 'ok_2', name: ' ' } },
				{ json: { uid: 'ok_3' } },
			],
			{ continueOnFail: true },
		);
		expect(json(res)[1].error).toBe(
			'User ID may contain only letters, digits and _ on OpenIM 3.x, not "-" ("bad-id") [item 1]',
		);
		expect(json(res)[2].error).toBe('Name is required [item 2]');
		expect(json(res)[0]).toMatchObject({ userID: 'ok_1', registered: true });
		expect(json(res)[3]).toMatchObject({ userID: 'ok_3', registered: true });
		expect(paired(res)).toEqual([0, 1, 2, 3]);
		expect(sentUsers()).toEqual([['ok_1', 'ok_3']]);
	});

	it('1 registered user in 100 (1%): 2 user_register and 1 get_users_info; 99 registered once, the 1 with its own 1102', async () => {
		await env.register('u42');
		const before = env.state().users.u42;
		const uids = uidsOf(100);
		const registered = watchRegistrations();
		const res = await env.run(register(100), users(uids), { continueOnFail: true });
		expect(res.status).toBe('success');
		expect(env.requests('user/user_register')).toHaveLength(2);
		expect(env.requests('user/get_users_info')).toHaveLength(1);
		expect(env.requests('user/get_users_info')[0].body.userIDs).toEqual(uids);
		expect(sentUsers()[1]).toEqual(uids.filter((uid) => uid !== 'u42'));
		expect(paired(res)).toEqual(range(100));
		for (const [index, item] of json(res).entries()) {
			if (index === 42) {
				expect(item).toMatchObject({
					error: 'This user ID is already registered (errCode 1102)',
					errCode: 1102,
					endpoint: 'user/user_register',
				});
				expect(item.description).toMatch(/Create or Update/);
			} else
				expect(item).toEqual({ userID: `u${index}`, nickname: `u${index} name`, registered: true });
		}
		expect(env.state().users.u42).toEqual(before);
		expect(registered.sort()).toEqual(uids.filter((uid) => uid !== 'u42').sort());
	});

	it('half of the users registered already (50%): still 3 requests for the batch', async () => {
		const uids = uidsOf(40);
		const taken = uids.filter((_, i) => i % 2 === 0);
		await env.register(...taken);
		const res = await env.run(register(40), users(uids), { continueOnFail: true });
		expect(env.requests('user/user_register')).toHaveLength(2);
		expect(env.requests('user/get_users_info')).toHaveLength(1);
		for (const [index, item] of json(res).entries()) {
			if (index % 2 === 0) expect(item.errCode).toBe(1102);
			else expect(item).toMatchObject({ userID: `u${index}`, registered: true });
		}
		expect(sentUsers()[1]).toEqual(uids.filter((_, i) => i % 2 === 1));
	});

	it('a user ID twice in one batch: the later item goes after the earlier, as one by one (then 1102), nothing twice', async () => {
		const res = await env.run(
			register(4),
			[
				{ json: { uid: 'a', name: 'First' } },
				{ json: { uid: 'b' } },
				{ json: { uid: 'a', name: 'Second' } },
				{ json: { uid: 'c' } },
			],
			{ continueOnFail: true },
		);
		expect(sentUsers()).toEqual([['a', 'b'], ['a', 'c'], ['c']]);
		expect(json(res).map((item) => item.registered ?? item.errCode)).toEqual([
			true,
			true,
			1102,
			true,
		]);
		expect(env.state().users.a.nickname).toBe('First');
		expect(env.requests('user/get_users_info')).toHaveLength(1);
	});

	it('a refusal for an unknown reason in the list (a webhook denies one user): halves until the user is alone', async () => {
		const denied = [];
		env.emu.hooks = {
			after: () => {},
			before: async (command, body) => {
				if (command !== 'callbackBeforeUserRegisterCommand') return undefined;
				denied.push(body.users.length);
				if (body.users.some((user) => user.userID === 'u5'))
					return { errCode: 5001, errMsg: 'blocked by policy', errDlt: 'u5' };
				return undefined;
			},
		};
		const uids = uidsOf(8);
		const res = await env.run(register(8), users(uids), { continueOnFail: true });
		expect(denied).toEqual([8, 4, 4, 2, 1, 1, 2]);
		// 8 refused → [0-3] ok, [4-7] refused → [4,5] refused → [4] ok, [5] refused alone → [6,7] ok.
		expect(sentUsers()).toEqual([
			uids,
			uids.slice(0, 4),
			uids.slice(4),
			['u4', 'u5'],
			['u4'],
			['u5'],
			['u6', 'u7'],
		]);
		expect(json(res)[5]).toMatchObject({ errCode: 5001 });
		expect(json(res)[5].error).toMatch(/errCode 5001/);
		expect(json(res).filter((item) => item.registered)).toHaveLength(7);
		expect(
			Object.keys(env.state().users)
				.filter((uid) => uid.startsWith('u'))
				.sort(),
		).toEqual(uids.filter((uid) => uid !== 'u5').sort());
		expect(env.requests('user/get_users_info')).toHaveLength(0);
	});

	it('a 1001 refusal the node did not foresee is halved the same way', async () => {
		env.emu.hooks = {
			after: () => {},
			before: async (command, body) =>
				body.users?.some((user) => user.userID === 'u2')
					? { errCode: 1001, errMsg: 'ArgsError', errDlt: 'userID is legal' }
					: undefined,
		};
		const res = await env.run(register(4), users(uidsOf(4)), { continueOnFail: true });
		expect(json(res).map((item) => item.registered ?? item.errCode)).toEqual([
			true,
			true,
			1001,
			true,
		]);
		expect(json(res)[2].error).toBe('OpenIM refused the user ID (errCode 1001)');
		expect(sentUsers()).toEqual([uidsOf(4), ['u0', 'u1'], ['u2', 'u3'], ['u2'], ['u3']]);
	});

	it('a server fault on a batch (HTTP 500, no body) fails every item of that batch, and none is sent again', async () => {
		env.emu.failNext(1, { status: 500, body: null, path: '/user/user_register' });
		const res = await env.run(register(3), users(uidsOf(6)), { continueOnFail: true });
		expect(env.requests('user/user_register')).toHaveLength(2);
		expect(
			json(res)
				.slice(0, 3)
				.map((item) => item.error),
		).toEqual(Array(3).fill('OpenIM failed with HTTP 500 and no answer (HTTP 500)'));
		expect(
			json(res)
				.slice(3)
				.every((item) => item.registered),
		).toBe(true);
		expect(paired(res)).toEqual(range(6));
	});

	it("a permission error (1002) is the whole request's: no halving", async () => {
		env.emu.failNext(1, {
			status: 200,
			body: { errCode: 1002, errMsg: 'NoPermissionError', errDlt: 'only app manager' },
			path: '/user/user_register',
		});
		const res = await env.run(register(8), users(uidsOf(8)), { continueOnFail: true });
		expect(env.requests('user/user_register')).toHaveLength(1);
		expect(json(res).every((item) => item.errCode === 1002)).toBe(true);
	});

	it('without Continue On Fail, stops with the error of the first failing item, naming it', async () => {
		await env.register('u3', 'u6');
		const res = await env.run(register(5), users(uidsOf(10)));
		expect(res.status).toBe('error');
		expect(res.error.message).toBe('This user ID is already registered (errCode 1102)');
		expect(res.error.context?.itemIndex ?? res.error.itemIndex).toBe(3);
	});

	it('batches in flight with Requests in Parallel: output order and pairing kept, every user once', async () => {
		env.emu.setLatency(5);
		const uids = uidsOf(40);
		const res = await env.run(register(5, { concurrency: 3 }), users(uids));
		expect(res.status).toBe('success');
		expect(env.requests('user/user_register')).toHaveLength(8);
		expect(sentUsers().flat().sort()).toEqual([...uids].sort());
		expect(json(res).map((item) => item.userID)).toEqual(uids);
		expect(paired(res)).toEqual(range(40));
	});

	it('refuses a Batch Size outside 1 to 1000, naming it', async () => {
		for (const batchSize of [0, 1001, 2.5]) {
			const res = await env.run(register(batchSize), users(['a']));
			expect(res.status).toBe('error');
			expect(res.error.message).toMatch(/^Batch Size must be/);
		}
		expect(env.requests('user/user_register')).toHaveLength(0);
	});
});

describe('3.x Batch Size: create or update', () => {
	it('one lookup and one register per batch, one update per existing user, in item order', async () => {
		await env.register('u1', 'u4');
		const uids = uidsOf(6);
		const res = await env.run(
			{
				resource: 'user',
				operation: 'createOrUpdate',
				uid: '={{ $json.uid }}',
				name: '={{ $json.uid }} new',
				options: { batchSize: 6 },
			},
			users(uids),
		);
		expect(res.status).toBe('success');
		expect(json(res).map((item) => `${item.userID}:${item.action}`)).toEqual([
			'u0:created',
			'u1:updated',
			'u2:created',
			'u3:created',
			'u4:updated',
			'u5:created',
		]);
		expect(env.requests('user/get_users_info')).toHaveLength(1);
		expect(sentUsers()).toEqual([['u0', 'u2', 'u3', 'u5']]);
		expect(
			env.requests('user/update_user_info_ex').map((request) => request.body.userInfo.userID),
		).toEqual(['u1', 'u4']);
		for (const uid of uids) expect(env.state().users[uid].nickname).toBe(`${uid} new`);
		expect(paired(res)).toEqual(range(6));
	});

	it('a user registered by someone else between lookup and register is updated', async () => {
		// u1 exists, but the batch's lookup answers as if it did not yet (as when it was registered just after).
		await env.register('u1');
		env.emu.failNext(1, {
			status: 200,
			body: { errCode: 0, errMsg: '', errDlt: '', data: { usersInfo: [] } },
			path: '/user/get_users_info',
		});
		const res = await env.run(
			{
				resource: 'user',
				operation: 'createOrUpdate',
				uid: '={{ $json.uid }}',
				name: '={{ $json.uid }} new',
				options: { batchSize: 3 },
			},
			users(uidsOf(3)),
		);
		expect(res.status).toBe('success');
		expect(json(res).map((item) => item.action)).toEqual(['created', 'updated', 'created']);
		expect(env.state().users.u1.nickname).toBe('u1 new');
		// The refused register, the lookup that finds u1, the register without it; then u1's update.
		expect(sentUsers()).toEqual([
			['u0', 'u1', 'u2'],
			['u0', 'u2'],
		]);
		expect(env.requests('user/get_users_info')).toHaveLength(2);
		expect(env.requests('user/update_user_info_ex')).toHaveLength(1);
	});

	it('a user ID twice in a batch: created by the first item, updated by the second', async () => {
		const res = await env.run(
			{
				resource: 'user',
				operation: 'createOrUpdate',
				uid: '={{ $json.uid }}',
				name: '={{ $json.name }}',
				options: { batchSize: 3 },
			},
			[
				{ json: { uid: 'a', name: 'One' } },
				{ json: { uid: 'b', name: 'Bee' } },
				{ json: { uid: 'a', name: 'Two' } },
			],
		);
		expect(json(res).map((item) => `${item.userID}:${item.action}`)).toEqual([
			'a:created',
			'b:created',
			'a:updated',
		]);
		expect(env.state().users.a.nickname).toBe('Two');
	});
});

describe('3.x Batch Size: list operations', () => {
	it('user Get: the user IDs of 10 items in 2 requests with batches of 5, each item its own users', async () => {
		await env.register('a', 'b', 'c');
		const lists = ['a', 'b,c', 'x', 'a', 'c', 'b', 'a,b,c', 'y', 'c', 'a'];
		const res = await env.run(
			{
				resource: 'user',
				operation: 'get',
				uidList: '={{ $json.ids }}',
				options: { batchSize: 5 },
			},
			lists.map((ids) => ({ json: { ids } })),
		);
		expect(env.requests('user/get_users_info').map((request) => request.body.userIDs)).toEqual([
			['a', 'b', 'c', 'x'],
			['b', 'a', 'c', 'y'],
		]);
		const outputs = res.items.map((item) => [
			item.pairedItem.item,
			item.json.userID,
			item.json.found ?? true,
		]);
		const expected = lists.flatMap((ids, index) =>
			ids.split(',').map((uid) => [index, uid, !['x', 'y'].includes(uid)]),
		);
		expect(outputs).toEqual(expected);
	});

	it('user Get Online Status: one request per batch, each item gets its own users', async () => {
		await env.register('a', 'b');
		const res = await env.run(
			{
				resource: 'user',
				operation: 'getOnlineStatus',
				uidList: '={{ $json.ids }}',
				options: { batchSize: 3 },
			},
			[{ json: { ids: 'a' } }, { json: { ids: 'b,a' } }, { json: { ids: 'b' } }],
		);
		expect(env.requests('user/get_users_online_status')).toHaveLength(1);
		expect(env.requests('user/get_users_online_status')[0].body.userIDs).toEqual(['a', 'b']);
		expect(res.items.map((item) => [item.pairedItem.item, item.json.userID])).toEqual([
			[0, 'a'],
			[1, 'b'],
			[1, 'a'],
			[2, 'b'],
		]);
	});

	it('friend Import: consecutive items of one owner share a request, a new owner starts the next', async () => {
		await env.register('o1', 'o2', 'a', 'b', 'c');
		const pairs = [
			['o1', 'a'],
			['o1', 'b'],
			['o2', 'a'],
			['o2', 'c'],
			['o1', 'c'],
		];
		const res = await env.run(
			{
				resource: 'friend',
				operation: 'import',
				ownerUid: '={{ $json.owner }}',
				uid: '={{ $json.uid }}',
				options: { batchSize: 5 },
			},
			pairs.map(([owner, uid]) => ({ json: { owner, uid } })),
		);
		expect(env.requests('friend/import_friend').map((request) => request.body)).toEqual([
			{ ownerUserID: 'o1', friendUserIDs: ['a', 'b'] },
			{ ownerUserID: 'o2', friendUserIDs: ['a', 'c'] },
			{ ownerUserID: 'o1', friendUserIDs: ['c'] },
		]);
		expect(json(res)).toEqual(
			pairs.map(([ownerUserID, friendUserID]) => ({ ownerUserID, friendUserID, imported: true })),
		);
		expect(paired(res)).toEqual(range(5));
	});

	it('friend Import: an unknown user fails its item alone (1004), found by one lookup; the others are imported', async () => {
		await env.register('o1', 'a', 'b', 'c');
		const res = await env.run(
			{
				resource: 'friend',
				operation: 'import',
				ownerUid: 'o1',
				uid: '={{ $json.uid }}',
				options: { batchSize: 4 },
			},
			users(['a', 'ghost', 'b', 'c']),
			{ continueOnFail: true },
		);
		expect(json(res).map((item) => item.imported ?? item.errCode)).toEqual([
			true,
			1004,
			true,
			true,
		]);
		expect(
			env.requests('friend/import_friend').map((request) => request.body.friendUserIDs),
		).toEqual([
			['a', 'ghost', 'b', 'c'],
			['a', 'b', 'c'],
		]);
		expect(env.requests('user/get_users_info')).toHaveLength(1);
		expect(Object.keys(env.state().friends.o1 ?? {}).sort()).toEqual(['a', 'b', 'c']);
	});

	it('group Kick Users: one request per group and reason; a non-member is halved out (1101)', async () => {
		await env.register('o1', 'a', 'b', 'c', 'd');
		await env.run({
			resource: 'group',
			operation: 'create',
			groupName: 'G',
			memberList: {
				members: ['o1:1', 'a:0', 'b:0', 'c:0'].map((entry) => ({
					uid: entry.split(':')[0],
					setRole: Number(entry.split(':')[1]),
				})),
			},
			additionalFields: { groupID: 'g1' },
		});
		env.emu.requests.length = 0;
		const res = await env.run(
			{
				resource: 'group',
				operation: 'kickUsers',
				groupID: 'g1',
				uidListInfo: '={{ $json.uid }}',
				options: { batchSize: 4 },
			},
			users(['a', 'd', 'b', 'c']),
			{ continueOnFail: true },
		);
		expect(json(res).map((item) => item.kicked ?? item.errCode)).toEqual([true, 1101, true, true]);
		expect(env.requests('group/kick_group').map((request) => request.body.kickedUserIDs)).toEqual([
			['a', 'd', 'b', 'c'],
			['a', 'd'],
			['a'],
			['d'],
			['b', 'c'],
		]);
		expect(Object.keys(env.state().groups.g1.members)).toEqual(['o1']);
	});

	it('group Kick Users: a user named again waits for the next request, and fails as one by one (1101)', async () => {
		await env.register('o1', 'a', 'b');
		await env.run({
			resource: 'group',
			operation: 'create',
			groupName: 'G',
			memberList: {
				members: [
					{ uid: 'o1', setRole: 1 },
					{ uid: 'a', setRole: 0 },
					{ uid: 'b', setRole: 0 },
				],
			},
			additionalFields: { groupID: 'g1' },
		});
		env.emu.requests.length = 0;
		const res = await env.run(
			{
				resource: 'group',
				operation: 'kickUsers',
				groupID: 'g1',
				uidListInfo: '={{ $json.uid }}',
				options: { batchSize: 3 },
			},
			users(['a', 'b', 'a']),
			{ continueOnFail: true },
		);
		expect(env.requests('group/kick_group').map((request) => request.body.kickedUserIDs)).toEqual([
			['a', 'b'],
			['a'],
		]);
		expect(json(res).map((item) => item.kicked ?? item.errCode)).toEqual([true, true, 1101]);
	});
});

describe('an expression that only reads a field of the item', () => {
	it('gives what n8n resolves it to: `={{ $json.ids }}` (read by the node) and `={{ $json["ids"] }}` (by n8n) alike', async () => {
		await env.register('a', 'b', 'ü_1');
		const values = [
			'a',
			'a,b',
			' a , b ',
			'',
			' ',
			'ü_1',
			'{{ $json.x }}',
			'=a',
			'a'.repeat(65),
			5,
			['a', 'b'],
			null,
			{ a: 1 },
			true,
			undefined,
		];
		const items = values.map((ids) => ({ json: ids === undefined ? {} : { ids } }));
		const run = async (expression) => {
			env.emu.requests.length = 0;
			const res = await env.run(
				{ resource: 'user', operation: 'get', uidList: expression, options: { batchSize: 3 } },
				items,
				{ continueOnFail: true },
			);
			return {
				items: res.items.map((item) => [item.pairedItem.item, item.json]),
				sent: env.requests('user/get_users_info').map((request) => request.body),
			};
		};
		const fast = await run('={{ $json.ids }}');
		const engine = await run('={{ $json["ids"] }}');
		expect(fast).toEqual(engine);
		expect(fast.items.filter(([, item]) => item.error)).toHaveLength(7);
	});
});

describe('3.x Batch Size on 3.8.0 (no admin token for register: the secret in the body)', () => {
	const old = useOpenImV3({ serverVersion: '3.8.0' });
	it('registers a batch with the secret in its body, and finds a registered user as on 3.8.3', async () => {
		await old.register('u1');
		const res = await old.run(register(3), users(uidsOf(3)), { continueOnFail: true });
		expect(json(res).map((item) => item.registered ?? item.errCode)).toEqual([true, 1102, true]);
		// A new credential's first register goes before its token fetch says which server it is: 3.8.0 refuses it
		// for the missing secret, before anything (transport), and it goes again with the secret.
		const [first, ...sent] = old.requests('user/user_register');
		expect(first.body.secret).toBeUndefined();
		expect(sent.map((request) => request.body.users.map((user) => user.userID))).toEqual([
			['u0', 'u1', 'u2'],
			['u0', 'u2'],
		]);
		for (const request of sent) expect(request.body.secret).toBe(SECRET);
		old.expectNoSecrets(res);
	});
});

describe('3.x Batch Size with icons from binary data', () => {
	const images = require('../../support/images');
	const binary = (bytes, mimeType, fileName) => ({
		data: bytes.toString('base64'),
		mimeType,
		fileName,
		fileExtension: fileName.split('.').pop(),
	});

	it("uploads each item's icon, fails a bad picture alone, and registers the rest in one request", async () => {
		const items = [
			{ json: { uid: 'a' }, binary: { avatar: binary(images.png(8, 8), 'image/png', 'a.png') } },
			{
				json: { uid: 'b' },
				binary: { avatar: binary(Buffer.from('text'), 'text/plain', 'b.txt') },
			},
			{ json: { uid: 'c' }, binary: { avatar: binary(images.gif(4, 4), 'image/gif', 'c.gif') } },
		];
		const res = await env.run({ ...register(3), iconBinaryPropertyName: 'avatar' }, items, {
			continueOnFail: true,
		});
		expect(json(res)[1].error).toBe(
			'Icon Input Binary Field is not a PNG, JPEG, GIF or WebP picture; OpenIM needs its width and height [item 1]',
		);
		expect(sentUsers()).toEqual([['a', 'c']]);
		const state = env.state().users;
		for (const uid of ['a', 'c'])
			expect(state[uid].faceURL).toMatch(new RegExp(`^${env.emu.url}/object/`));
		expect(json(res)[0].faceURL).toBe(state.a.faceURL);
		expect(state.b).toBeUndefined();
	});
});
