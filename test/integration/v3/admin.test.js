// Issue 20's 3.x operations (DESIGN.md "More 3.x operations") through the engine against the 3.x emulator, with the
// traps of server-api-v3-more.md §9: what the server received, what the node returned, one result or error per item.
const { OpenImV3Emulator } = require('../../emulator/v3');
const { CredentialStore, runWorkflow } = require('../harness');
const { useOpenImV3, loadV3Package, SECRET, ADMIN } = require('./context');

const env = useOpenImV3();
const json = (res) => res.items.map((item) => item.json);
const paired = (res) => res.items.map((item) => item.pairedItem.item);
const members = (...entries) => ({ members: entries.map(([uid, setRole]) => ({ uid, setRole })) });
const today = () => new Date().toISOString().slice(0, 10);

async function group(groupID, owner, ...others) {
	const res = await env.run({
		resource: 'group',
		operation: 'create',
		groupName: `Group ${groupID}`,
		memberList: members([owner, 1], ...others.map((uid) => [uid, 0])),
		additionalFields: { groupID },
	});
	expect(res.status).toBe('success');
}

/** Sends text messages through the node (one per item) and forgets those requests. */
async function send(items, receiver = { sessionType: 1, recvID: '={{ $json.to }}' }) {
	const res = await env.run(
		{
			resource: 'message',
			operation: 'send',
			sendID: '={{ $json.from }}',
			contentType: 101,
			text: '={{ $json.text }}',
			...receiver,
		},
		items.map((entry) => ({ json: entry })),
	);
	expect(res.status).toBe('success');
	env.emu.requests.length = 0;
	return json(res);
}

describe('User → Check Accounts', () => {
	it('answers registered or not per ID, each ID sent once (the server refuses duplicates)', async () => {
		await env.register('a', 'b');
		const res = await env.run({
			resource: 'user',
			operation: 'checkAccounts',
			uidList: 'a, ghost, a, b',
		});
		expect(json(res)).toEqual([
			{ userID: 'a', registered: true },
			{ userID: 'ghost', registered: false },
			{ userID: 'b', registered: true },
		]);
		expect(env.requests('user/account_check').map((request) => request.body)).toEqual([
			{ checkUserIDs: ['a', 'ghost', 'b'] },
		]);
	});

	it('with Batch Size, sends the IDs of consecutive items together and answers each item its own', async () => {
		await env.register('a');
		const items = [
			{ json: { ids: 'a,x' } },
			{ json: { ids: 'x' } },
			{ json: { ids: '' } },
			{ json: { ids: 'a' } },
		];
		const res = await env.run(
			{
				resource: 'user',
				operation: 'checkAccounts',
				uidList: '={{ $json.ids }}',
				options: { batchSize: 4 },
			},
			items,
			{ continueOnFail: true },
		);
		expect(env.requests('user/account_check').map((request) => request.body)).toEqual([
			{ checkUserIDs: ['a', 'x'] },
		]);
		expect(json(res)).toEqual([
			{ userID: 'a', registered: true },
			{ userID: 'x', registered: false },
			{ userID: 'x', registered: false },
			expect.objectContaining({ error: 'User IDs needs at least one ID [item 2]' }),
			{ userID: 'a', registered: true },
		]);
		expect(paired(res)).toEqual([0, 0, 1, 2, 3]);
	});
});

describe('User → Create Notification Account', () => {
	it('creates the account with appMangerLevel 3, and a taken ID fails that item only', async () => {
		await env.register('taken');
		const items = [{ json: { uid: 'orderbot' } }, { json: { uid: 'taken' } }];
		const res = await env.run(
			{
				resource: 'user',
				operation: 'createNotificationAccount',
				name: 'Order Bot',
				additionalFields: { uid: '={{ $json.uid }}', icon: 'https://x/bot.png' },
			},
			items,
			{ continueOnFail: true },
		);
		expect(env.requests('user/add_notification_account').map((request) => request.body)).toEqual([
			{
				userID: 'orderbot',
				nickName: 'Order Bot',
				faceURL: 'https://x/bot.png',
				appMangerLevel: 3,
			},
			{ userID: 'taken', nickName: 'Order Bot', faceURL: 'https://x/bot.png', appMangerLevel: 3 },
		]);
		expect(json(res)[0]).toEqual({
			userID: 'orderbot',
			nickName: 'Order Bot',
			faceURL: 'https://x/bot.png',
			appMangerLevel: 3,
		});
		expect(json(res)[1]).toMatchObject({ errCode: 1001, error: expect.stringContaining('1001') });
		expect(paired(res)).toEqual([0, 1]);
		expect(env.state().users.orderbot).toMatchObject({ nickname: 'Order Bot', appMangerLevel: 3 });
	});

	it('without a user ID, OpenIM picks one; the account can send OA notifications', async () => {
		await env.register('r');
		const res = await env.run({
			resource: 'user',
			operation: 'createNotificationAccount',
			name: 'News',
		});
		const [{ userID }] = json(res);
		expect(userID).toMatch(/^[1-9]\d{9}$/);
		expect(env.requests('user/add_notification_account')[0].body).toEqual({
			nickName: 'News',
			faceURL: '',
			appMangerLevel: 3,
		});
		const oa = await env.run({
			resource: 'message',
			operation: 'send',
			sendID: userID,
			sessionType: 4,
			recvID: 'r',
			contentType: 1400,
			notificationName: 'News',
			text: 'Hello',
			notificationType: 1,
		});
		expect(oa.status).toBe('success');
	});
});

describe('Group → Set Member Info', () => {
	it('makes a member an admin and renames another, with bare values in members[]', async () => {
		await env.register('o', 'm1', 'm2');
		await group('g1', 'o', 'm1', 'm2');
		env.emu.requests.length = 0;
		const admin = await env.run({
			resource: 'group',
			operation: 'setMemberInfo',
			groupID: 'g1',
			uid: 'm1',
			updateFields: { roleLevel: 60 },
		});
		const renamed = await env.run({
			resource: 'group',
			operation: 'setMemberInfo',
			groupID: 'g1',
			uid: 'm2',
			updateFields: { nickname: 'Support', ex: '{"t":1}' },
		});
		expect(env.requests('group/set_group_member_info').map((request) => request.body)).toEqual([
			{ members: [{ groupID: 'g1', userID: 'm1', roleLevel: 60 }] },
			{ members: [{ groupID: 'g1', userID: 'm2', nickname: 'Support', ex: '{"t":1}' }] },
		]);
		expect([...json(admin), ...json(renamed)]).toEqual([
			{ groupID: 'g1', userID: 'm1', roleLevel: 60, updated: true },
			{ groupID: 'g1', userID: 'm2', nickname: 'Support', ex: '{"t":1}', updated: true },
		]);
		expect(env.state().groups.g1.members.m1.roleLevel).toBe(60);
		expect(env.state().groups.g1.members.m2.nickname).toBe('Support');
	});

	it('refuses a role for the owner (the admin token would leave the group without one) and sends nothing for it', async () => {
		await env.register('o', 'm1');
		await group('g1', 'o', 'm1');
		env.emu.requests.length = 0;
		const items = [{ json: { uid: 'o' } }, { json: { uid: 'm1' } }];
		const res = await env.run(
			{
				resource: 'group',
				operation: 'setMemberInfo',
				groupID: 'g1',
				uid: '={{ $json.uid }}',
				updateFields: { roleLevel: 20 },
			},
			items,
			{ continueOnFail: true },
		);
		expect(json(res)[0].error).toBe(
			'Role cannot be changed for the group owner (that would leave the group without one): use Transfer Owner [item 0]',
		);
		expect(json(res)[1]).toEqual({ groupID: 'g1', userID: 'm1', roleLevel: 20, updated: true });
		expect(
			env.requests('group/set_group_member_info').map((request) => request.body.members[0].userID),
		).toEqual(['m1']);
		expect(env.state().groups.g1.members.o.roleLevel).toBe(100);
		// The owner's nickname is not a role: it goes through.
		const nick = await env.run({
			resource: 'group',
			operation: 'setMemberInfo',
			groupID: 'g1',
			uid: 'o',
			updateFields: { nickname: 'Boss' },
		});
		expect(json(nick)).toEqual([{ groupID: 'g1', userID: 'o', nickname: 'Boss', updated: true }]);
	});

	it('needs a field to change, and explains a non-member (1001)', async () => {
		await env.register('o', 'x');
		await group('g1', 'o');
		const empty = await env.run({
			resource: 'group',
			operation: 'setMemberInfo',
			groupID: 'g1',
			uid: 'x',
			updateFields: {},
		});
		expect(empty.error.message).toBe('Update Fields needs at least one field to change [item 0]');
		const items = [{ json: { uid: 'x' } }, { json: { uid: 'o' } }];
		const res = await env.run(
			{
				resource: 'group',
				operation: 'setMemberInfo',
				groupID: 'g1',
				uid: '={{ $json.uid }}',
				updateFields: { nickname: 'n' },
			},
			items,
			{ continueOnFail: true },
		);
		expect(json(res)[0]).toMatchObject({ errCode: 1001, endpoint: 'group/set_group_member_info' });
		expect(json(res)[1]).toEqual({ groupID: 'g1', userID: 'o', nickname: 'n', updated: true });
	});
});

describe('Group → Set Member Info with Batch Size', () => {
	it("sends consecutive items of one group together; the owner's role and a non-member fail their own items only", async () => {
		await env.register('o', 'm1', 'm2', 'x');
		await group('g1', 'o', 'm1', 'm2');
		await group('g2', 'o', 'm1');
		env.emu.requests.length = 0;
		const items = [
			{ g: 'g1', u: 'm1', role: 60 },
			{ g: 'g1', u: 'm2', nick: 'Two' },
			{ g: 'g1', u: 'o', role: 20 },
			{ g: 'g1', u: 'x', nick: 'Nobody' },
			{ g: 'g2', u: 'm1', nick: 'One' },
			{ g: 'g2', u: 'm1', nick: 'Again' },
		].map((entry) => ({ json: entry }));
		const res = await env.run(
			{
				resource: 'group',
				operation: 'setMemberInfo',
				groupID: '={{ $json.g }}',
				uid: '={{ $json.u }}',
				updateFields: {
					roleLevel: '={{ $json.role ?? undefined }}',
					nickname: '={{ $json.nick ?? undefined }}',
				},
				options: { batchSize: 6 },
			},
			items,
			{ continueOnFail: true },
		);
		// One role lookup per group run, only for the items that change a role.
		expect(env.requests('group/get_group_members_info').map((request) => request.body)).toEqual([
			{ groupID: 'g1', userIDs: ['m1', 'o'] },
		]);
		const sent = env
			.requests('group/set_group_member_info')
			.map((request) => [
				request.body.members.map((m) => `${m.groupID}/${m.userID}`),
				request.answer.errCode,
			]);
		expect(sent).toEqual([
			[['g1/m1', 'g1/m2', 'g1/x'], 1001],
			[['g1/m1', 'g1/m2'], 0],
			[['g1/x'], 1001],
			[['g2/m1'], 0],
			[['g2/m1'], 0],
		]);
		expect(paired(res)).toEqual([0, 1, 2, 3, 4, 5]);
		expect(json(res)[0]).toEqual({ groupID: 'g1', userID: 'm1', roleLevel: 60, updated: true });
		expect(json(res)[1]).toEqual({ groupID: 'g1', userID: 'm2', nickname: 'Two', updated: true });
		expect(json(res)[2].error).toBe(
			'Role cannot be changed for the group owner (that would leave the group without one): use Transfer Owner [item 2]',
		);
		expect(json(res)[3]).toMatchObject({ errCode: 1001, endpoint: 'group/set_group_member_info' });
		expect(json(res)[4]).toEqual({ groupID: 'g2', userID: 'm1', nickname: 'One', updated: true });
		expect(json(res)[5]).toEqual({ groupID: 'g2', userID: 'm1', nickname: 'Again', updated: true });
		expect(env.state().groups.g1.members.o.roleLevel).toBe(100);
		expect(env.state().groups.g2.members.m1.nickname).toBe('Again');
	});
});

describe('Group → Get Joined, Mute, Unmute', () => {
	it('lists the groups a user is in, as pages', async () => {
		await env.register('o', 'u');
		await group('g1', 'o', 'u');
		await group('g2', 'u');
		env.emu.requests.length = 0;
		const res = await env.run({
			resource: 'group',
			operation: 'getJoined',
			uid: 'u',
			returnAll: true,
		});
		expect(
			json(res)
				.map((entry) => [entry.groupID, entry.ownerUserID])
				.sort(),
		).toEqual([
			['g1', 'o'],
			['g2', 'u'],
		]);
		expect(env.requests('group/get_joined_group_list').map((request) => request.body)).toEqual([
			{ fromUserID: 'u', pagination: { pageNumber: 1, showNumber: 100 } },
		]);
		const one = await env.run({
			resource: 'group',
			operation: 'getJoined',
			uid: 'u',
			returnAll: false,
			limit: 1,
		});
		expect(json(one)).toEqual([json(res)[0]]);
	});

	it('mutes and unmutes the whole group', async () => {
		await env.register('o');
		await group('g1', 'o');
		env.emu.requests.length = 0;
		const muted = await env.run({ resource: 'group', operation: 'mute', groupID: 'g1' });
		expect(json(muted)).toEqual([{ groupID: 'g1', muted: true }]);
		expect(env.requests('group/mute_group')[0].body).toEqual({ groupID: 'g1' });
		expect(env.state().groups.g1.status).toBe(3);
		const unmuted = await env.run({ resource: 'group', operation: 'unmute', groupID: 'g1' });
		expect(json(unmuted)).toEqual([{ groupID: 'g1', muted: false }]);
		expect(env.requests('group/cancel_mute_group')[0].body).toEqual({ groupID: 'g1' });
		expect(env.state().groups.g1.status).toBe(0);
	});

	it.each(['mute', 'unmute'])(
		'refuses to %s a dismissed group (the server would undo the dismissal)',
		async (operation) => {
			await env.register('o');
			await group('g1', 'o');
			await group('g2', 'o');
			await env.run({ resource: 'group', operation: 'dismiss', groupID: 'g1' });
			env.emu.requests.length = 0;
			const res = await env.run(
				{ resource: 'group', operation, groupID: '={{ $json.g }}' },
				[{ json: { g: 'g1' } }, { json: { g: 'g2' } }],
				{ continueOnFail: true },
			);
			expect(json(res)[0].error).toBe(
				`Group ID names a dismissed group; ${operation.replace(/e$/, '')}ing it would undo the dismissal [item 0]`,
			);
			expect(json(res)[1]).toEqual({ groupID: 'g2', muted: operation === 'mute' });
			const route = operation === 'mute' ? 'group/mute_group' : 'group/cancel_mute_group';
			expect(env.requests(route).map((request) => request.body.groupID)).toEqual(['g2']);
			expect(env.state().groups.g1.status).toBe(2);
		},
	);
});

describe('Friend → Get Blacklist', () => {
	it('lists the users an owner blocked, with their profiles', async () => {
		await env.register('a', 'b', 'c');
		await env.run(
			{ resource: 'friend', operation: 'addToBlacklist', ownerUid: 'a', uid: '={{ $json.u }}' },
			[{ json: { u: 'b' } }, { json: { u: 'c' } }],
		);
		env.emu.requests.length = 0;
		const res = await env.run({
			resource: 'friend',
			operation: 'getBlacklist',
			ownerUid: 'a',
			returnAll: true,
		});
		expect(
			json(res).map((entry) => [
				entry.ownerUserID,
				entry.blackUserInfo.userID,
				entry.blackUserInfo.nickname,
			]),
		).toEqual([
			['a', 'b', 'b name'],
			['a', 'c', 'c name'],
		]);
		expect(env.requests('friend/get_black_list').map((request) => request.body)).toEqual([
			{ userID: 'a', pagination: { pageNumber: 1, showNumber: 100 } },
		]);
	});
});

describe('Message → Send Business Notification', () => {
	it('sends sendUserID / recvUserID with data as text (an object as its JSON), not stored', async () => {
		await env.register('shop', 'r');
		env.emu.setOnline('r', 5);
		const items = [{ json: { data: { orderId: 42 } } }, { json: { data: 'plain' } }];
		const res = await env.run(
			{
				resource: 'message',
				operation: 'sendBusinessNotification',
				sendID: 'shop',
				recvID: 'r',
				key: 'order.shipped',
				data: '={{ $json.data }}',
			},
			items,
		);
		expect(env.requests('msg/send_business_notification').map((request) => request.body)).toEqual([
			{ sendUserID: 'shop', recvUserID: 'r', key: 'order.shipped', data: '{"orderId":42}' },
			{ sendUserID: 'shop', recvUserID: 'r', key: 'order.shipped', data: 'plain' },
		]);
		expect(json(res)[0]).toMatchObject({
			sendID: 'shop',
			recvID: 'r',
			key: 'order.shipped',
			serverMsgID: expect.any(String),
			clientMsgID: expect.any(String),
		});
		expect(env.state().pushed.map((entry) => [entry.contentType, entry.onlineDevices])).toEqual([
			[2001, [5]],
			[2001, [5]],
		]);
		expect(env.state().messages).toEqual([]);
	});

	it('names the parameter when a user ID is missing', async () => {
		const res = await env.run(
			{
				resource: 'message',
				operation: 'sendBusinessNotification',
				sendID: 'shop',
				recvID: '={{ $json.r }}',
				key: 'k',
			},
			[{ json: { r: '' } }],
			{ continueOnFail: true },
		);
		expect(json(res)).toEqual([
			expect.objectContaining({ error: 'Receiver User ID is required [item 0]' }),
		]);
		expect(env.requests('msg/send_business_notification')).toEqual([]);
	});
});

describe('Message → Search', () => {
	it('finds a sent message by its clientMsgID with seq and the conversation ID the node forms', async () => {
		await env.register('bob', 'alice');
		await group('g1', 'alice', 'bob');
		const [sent] = await send([{ from: 'bob', to: 'alice', text: 'secret: hunter2' }]);
		await send([{ from: 'alice', text: 'hello group' }], { sessionType: 3, groupID: 'g1' });
		const res = await env.run({
			resource: 'message',
			operation: 'search',
			filters: { sendID: 'bob', recvID: 'alice', contentType: 101, sendDate: today() },
			returnAll: true,
		});
		expect(json(res)).toEqual([
			expect.objectContaining({
				clientMsgID: sent.clientMsgID,
				seq: 1,
				conversationID: 'si_alice_bob',
				sendID: 'bob',
				recvID: 'alice',
				content: '{"content":"secret: hunter2"}',
				isRevoked: false,
			}),
		]);
		expect(env.requests('msg/search_msg').map((request) => request.body)).toEqual([
			{
				sendID: 'bob',
				recvID: 'alice',
				contentType: 101,
				sendTime: today(),
				pagination: { pageNumber: 1, showNumber: 100 },
			},
		]);
		const inGroup = await env.run({
			resource: 'message',
			operation: 'search',
			filters: { recvID: 'g1', sessionType: 3 },
			returnAll: true,
		});
		expect(json(inGroup)).toEqual([
			expect.objectContaining({ conversationID: 'sg_g1', groupID: 'g1', seq: 1 }),
		]);
	});

	it('refuses a search without a filter and a bad day before sending; a date-time counts as its UTC day', async () => {
		const items = [
			{ json: { s: '', d: '' } },
			{ json: { s: ' ', d: '' } },
			{ json: { s: '', d: 'yesterday' } },
			{ json: { s: '', d: '2026-03-19T23:30:00-02:00' } },
		];
		const res = await env.run(
			{
				resource: 'message',
				operation: 'search',
				filters: { sendID: '={{ $json.s }}', sendDate: '={{ $json.d }}' },
				returnAll: true,
			},
			items,
			{ continueOnFail: true },
		);
		expect(json(res).map((entry) => entry.error)).toEqual([
			'Filters needs at least one filter (OpenIM cannot search without one) [item 0]',
			'Filters needs at least one filter (OpenIM cannot search without one) [item 1]',
			'Send Date (UTC) must be a day like 2026-03-19 [item 2]',
		]);
		// Item 3 found nothing: no output item, as for every listing.
		expect(paired(res)).toEqual([0, 1, 2]);
		expect(env.requests('msg/search_msg').map((request) => request.body.sendTime)).toEqual([
			'2026-03-20',
		]);
	});

	it('Return All pages until a short page; Limit stops early', async () => {
		await env.register('s', 'r');
		await send(Array.from({ length: 130 }, (_, i) => ({ from: 's', to: 'r', text: `m${i}` })));
		const all = await env.run({
			resource: 'message',
			operation: 'search',
			filters: { sendID: 's' },
			returnAll: true,
		});
		expect(json(all).map((entry) => entry.seq)).toEqual(
			Array.from({ length: 130 }, (_, i) => i + 1),
		);
		expect(env.requests('msg/search_msg').map((request) => request.body.pagination)).toEqual([
			{ pageNumber: 1, showNumber: 100 },
			{ pageNumber: 2, showNumber: 100 },
		]);
		env.emu.requests.length = 0;
		const some = await env.run({
			resource: 'message',
			operation: 'search',
			filters: { sendID: 's' },
			returnAll: false,
			limit: 5,
		});
		expect(json(some)).toHaveLength(5);
		expect(env.requests('msg/search_msg')).toHaveLength(1);
	});
});

describe('Message → Revoke', () => {
	it('revokes as the message sender by default (from Search), so both sides are told', async () => {
		await env.register('bob', 'alice');
		const [sent] = await send([{ from: 'bob', to: 'alice', text: 'leak' }]);
		const found = await env.run({
			resource: 'message',
			operation: 'search',
			filters: { sendID: 'bob', sendDate: today() },
			returnAll: true,
		});
		const mine = json(found).filter((entry) => entry.clientMsgID === sent.clientMsgID);
		env.emu.requests.length = 0;
		// The defaults read the Search item's conversationID and sendID (the revoking user).
		const res = await env.run(
			{ resource: 'message', operation: 'revoke', seq: '={{ $json.seq }}' },
			mine.map((entry) => ({ json: entry })),
		);
		expect(env.requests('msg/revoke_msg').map((request) => request.body)).toEqual([
			{ conversationID: 'si_alice_bob', seq: 1, userID: 'bob' },
		]);
		expect(json(res)).toEqual([
			{ conversationID: 'si_alice_bob', seq: 1, userID: 'bob', revoked: true },
		]);
		const [tip] = env.state().tips.filter((entry) => entry.contentType === 2101);
		expect(tip.told.sort()).toEqual(['alice', 'bob']);
		const again = await env.run({
			resource: 'message',
			operation: 'search',
			filters: { sendID: 'bob' },
			returnAll: true,
		});
		expect(json(again)[0].isRevoked).toBe(true);
	});

	it('refuses seq 0 (what after-send webhooks carry) and explains a second revoke (1404)', async () => {
		await env.register('bob', 'alice');
		await send([{ from: 'bob', to: 'alice', text: 'x' }]);
		const items = [{ json: { seq: 0 } }, { json: { seq: 1 } }, { json: { seq: 1 } }];
		const res = await env.run(
			{
				resource: 'message',
				operation: 'revoke',
				conversationID: 'si_alice_bob',
				seq: '={{ $json.seq }}',
				uid: 'bob',
			},
			items,
			{ continueOnFail: true },
		);
		expect(json(res)[0].error).toBe('Seq must be at least 1 [item 0]');
		expect(json(res)[1]).toEqual({
			conversationID: 'si_alice_bob',
			seq: 1,
			userID: 'bob',
			revoked: true,
		});
		expect(json(res)[2]).toMatchObject({ errCode: 1404 });
		expect(env.requests('msg/revoke_msg')).toHaveLength(2);
	});
});

describe('Message → Clear Conversations', () => {
	it("clears a user's view by default, for everyone with Clear for Everyone", async () => {
		await env.register('bob', 'alice');
		await send([{ from: 'bob', to: 'alice', text: 'x' }]);
		const mine = await env.run({
			resource: 'message',
			operation: 'clearConversations',
			uid: 'alice',
			conversationIDs: 'si_alice_bob',
			options: { syncOwnDevices: true },
		});
		expect(json(mine)).toEqual([
			{
				userID: 'alice',
				conversationIDs: ['si_alice_bob'],
				clearedForEveryone: false,
				cleared: true,
			},
		]);
		expect(env.requests('msg/clear_conversation_msg')[0].body).toEqual({
			conversationIDs: ['si_alice_bob'],
			userID: 'alice',
			deleteSyncOpt: { IsSyncSelf: true, IsSyncOther: false },
		});
		expect(env.state().conversations.alice.si_alice_bob.minSeq).toBe(2);
		// Alice cannot see the message any more, Bob still can: revoking as Alice fails, as Bob works.
		const asAlice = await env.run(
			{
				resource: 'message',
				operation: 'revoke',
				conversationID: 'si_alice_bob',
				seq: 1,
				uid: 'alice',
			},
			[{ json: {} }],
			{ continueOnFail: true },
		);
		expect(json(asAlice)[0]).toMatchObject({ errCode: 1004 });
		const all = await env.run({
			resource: 'message',
			operation: 'clearConversations',
			uid: 'bob',
			conversationIDs: ['si_alice_bob'],
			options: { clearForEveryone: true },
		});
		expect(json(all)[0].clearedForEveryone).toBe(true);
		expect(env.requests('msg/clear_conversation_msg').at(-1).body.deleteSyncOpt).toEqual({
			IsSyncSelf: false,
			IsSyncOther: true,
		});
		const asBob = await env.run(
			{
				resource: 'message',
				operation: 'revoke',
				conversationID: 'si_alice_bob',
				seq: 1,
				uid: 'bob',
			},
			[{ json: {} }],
			{ continueOnFail: true },
		);
		expect(json(asBob)[0]).toMatchObject({ errCode: 1004 });
	});
});

describe('Conversation → Get, Get Many, Update', () => {
	it("reads an owner's conversations, one item per requested ID", async () => {
		await env.register('bob', 'alice');
		await group('g1', 'alice', 'bob');
		await send([{ from: 'bob', to: 'alice', text: 'x' }]);
		await send([{ from: 'alice', text: 'y' }], { sessionType: 3, groupID: 'g1' });
		const res = await env.run({
			resource: 'conversation',
			operation: 'get',
			ownerUid: 'alice',
			conversationID: 'si_alice_bob, si_alice_nobody',
		});
		expect(json(res)).toEqual([
			expect.objectContaining({
				ownerUserID: 'alice',
				conversationID: 'si_alice_bob',
				conversationType: 1,
				userID: 'bob',
			}),
			{ ownerUserID: 'alice', conversationID: 'si_alice_nobody', found: false },
		]);
		expect(env.requests('conversation/get_conversations')[0].body).toEqual({
			ownerUserID: 'alice',
			conversationIDs: ['si_alice_bob', 'si_alice_nobody'],
		});
		const all = await env.run({
			resource: 'conversation',
			operation: 'getAll',
			ownerUid: 'alice',
			returnAll: true,
		});
		expect(
			json(all)
				.map((row) => row.conversationID)
				.sort(),
		).toEqual(['sg_g1', 'si_alice_bob']);
		expect(env.requests('conversation/get_all_conversations')[0].body).toEqual({
			ownerUserID: 'alice',
		});
	});

	it('pins a one-to-one conversation with one request per owner, each with its own ID and peer', async () => {
		await env.register('bob', 'alice', 'carol');
		const res = await env.run({
			resource: 'conversation',
			operation: 'update',
			uidList: 'alice, carol',
			sessionType: 1,
			recvID: 'bob',
			updateFields: { isPinned: true, recvMsgOpt: 2 },
		});
		expect(env.requests('conversation/set_conversations').map((request) => request.body)).toEqual([
			{
				userIDs: ['alice'],
				conversation: {
					conversationID: 'si_alice_bob',
					conversationType: 1,
					userID: 'bob',
					groupID: '',
					isPinned: true,
					recvMsgOpt: 2,
				},
			},
			{
				userIDs: ['carol'],
				conversation: {
					conversationID: 'si_bob_carol',
					conversationType: 1,
					userID: 'bob',
					groupID: '',
					isPinned: true,
					recvMsgOpt: 2,
				},
			},
		]);
		expect(
			json(res).map((entry) => [entry.ownerUserID, entry.conversationID, entry.updated]),
		).toEqual([
			['alice', 'si_alice_bob', true],
			['carol', 'si_bob_carol', true],
		]);
		expect(env.state().conversations.carol.si_bob_carol).toMatchObject({
			userID: 'bob',
			isPinned: true,
			recvMsgOpt: 2,
		});
	});

	it('updates a group conversation for several owners in one request; refuses Is Private Chat there and an empty update', async () => {
		await env.register('o', 'm');
		await group('g1', 'o', 'm');
		env.emu.requests.length = 0;
		const update = (updateFields) =>
			env.run({
				resource: 'conversation',
				operation: 'update',
				uidList: 'o,m',
				sessionType: 3,
				groupID: 'g1',
				updateFields,
			});
		const res = await update({ groupAtType: 0, ex: 'e' });
		expect(env.requests('conversation/set_conversations').map((request) => request.body)).toEqual([
			{
				userIDs: ['o', 'm'],
				conversation: {
					conversationID: 'sg_g1',
					conversationType: 3,
					userID: '',
					groupID: 'g1',
					groupAtType: 0,
					ex: 'e',
				},
			},
		]);
		expect(json(res).map((entry) => [entry.ownerUserID, entry.conversationID])).toEqual([
			['o', 'sg_g1'],
			['m', 'sg_g1'],
		]);
		expect(env.state().conversations.m.sg_g1).toMatchObject({ groupID: 'g1', ex: 'e' });
		expect((await update({ isPrivateChat: true })).error.message).toBe(
			'Is Private Chat applies to one-to-one conversations only [item 0]',
		);
		expect((await update({})).error.message).toBe(
			'Update Fields needs at least one field to change [item 0]',
		);
		expect(env.requests('conversation/set_conversations')).toHaveLength(1);
	});
});

describe('on 3.8.0 and 2021', () => {
	let emu;
	beforeAll(async () => {
		emu = await new OpenImV3Emulator({
			port: 0,
			quiet: true,
			secret: SECRET,
			adminUserID: ADMIN,
			serverVersion: '3.8.0',
		}).start();
	});
	afterAll(async () => emu && (await emu.stop()));

	it('Search items look the same on 3.8.0, where the server answers flat ChatLogs', async () => {
		const store = new CredentialStore({
			id: 'v380',
			name: '3.8.0',
			type: 'openImV3Api',
			data: { baseUrl: emu.url, secret: SECRET, adminUserId: ADMIN, token: '' },
		});
		const run = (parameters, items) =>
			runWorkflow({ pkg: loadV3Package(), store, typeVersion: 2, parameters, items });
		await run({ resource: 'user', operation: 'register', uid: '={{ $json.u }}', name: 'N' }, [
			{ json: { u: 'bob' } },
			{ json: { u: 'alice' } },
		]);
		await run({
			resource: 'message',
			operation: 'send',
			sendID: 'bob',
			sessionType: 1,
			recvID: 'alice',
			contentType: 101,
			text: 'hi',
		});
		const res = await run({
			resource: 'message',
			operation: 'search',
			filters: { sendID: 'bob' },
			returnAll: true,
		});
		const answer = emu.requests.filter((request) => request.path === '/msg/search_msg')[0].answer;
		expect(answer.data.chatLogs[0]).not.toHaveProperty('chatLog');
		expect(json(res)).toEqual([
			expect.objectContaining({
				conversationID: 'si_alice_bob',
				seq: 1,
				sendID: 'bob',
				recvID: 'alice',
			}),
		]);
		expect(json(res)[0]).not.toHaveProperty('chatLog');
	});

	it('none of them is offered on the 2021 API; Conversation there shows a notice, no operations', () => {
		const { OpenIm } = require('../../../dist/nodes/OpenIm/OpenIm.node.js');
		const { properties } = new OpenIm().description;
		const for2021 = (name) =>
			properties.filter(
				(p) =>
					p.name === name &&
					p.displayOptions?.show?.apiVersion?.includes('2021') !== false &&
					!p.displayOptions?.show?.apiVersion?.every((v) => v !== '2021'),
			);
		// One Resource selector for both generations: n8n's node picker lists the actions of every one.
		const resource = properties.filter((p) => p.name === 'resource');
		expect(resource).toHaveLength(1);
		expect(resource[0].options.find((option) => option.value === 'conversation')).toEqual({
			name: 'Conversation',
			value: 'conversation',
			description: 'OpenIM 3.x only',
		});
		const conversation2021 = properties.filter(
			(p) =>
				p.displayOptions?.show?.resource?.includes('conversation') &&
				p.displayOptions?.show?.apiVersion?.includes('2021'),
		);
		expect(conversation2021.map((p) => [p.type, p.displayName])).toEqual([
			[
				'notice',
				'This resource is not on OpenIM Version 2021 API (1.x): set OpenIM Version to 3.x',
			],
		]);
		const operations2021 = for2021('operation').flatMap((p) =>
			p.options.map((option) => option.value),
		);
		for (const name of [
			'checkAccounts',
			'createNotificationAccount',
			'setMemberInfo',
			'getJoined',
			'mute',
			'unmute',
			'getBlacklist',
			'sendBusinessNotification',
			'search',
			'revoke',
			'clearConversations',
		]) {
			expect(operations2021).not.toContain(name);
		}
		const operationsV3 = properties
			.filter(
				(p) =>
					p.name === 'operation' && !p.displayOptions?.show?.apiVersion?.every((v) => v !== 'v3'),
			)
			.flatMap((p) => p.options.map((option) => option.value));
		for (const name of [
			'checkAccounts',
			'createNotificationAccount',
			'setMemberInfo',
			'getJoined',
			'mute',
			'unmute',
			'getBlacklist',
			'sendBusinessNotification',
			'search',
			'revoke',
			'clearConversations',
			'update',
		]) {
			expect(operationsV3).toContain(name);
		}
	});

	it('a typeVersion 1 (2021) node refuses them by name', async () => {
		const res = await env.run(
			{ resource: 'message', operation: 'search', filters: { sendID: 'x' } },
			[{ json: {} }],
			{ typeVersion: 1, store: undefined },
		);
		expect(res.error.message).toBe(
			'The operation "search" of "message" is not offered for OpenIM Version 2021',
		);
	});

	it('a 2021 node set to Conversation is refused by name, nothing sent', async () => {
		const res = await env.run(
			{ apiVersion: '2021', resource: 'conversation', ownerUid: 'x' },
			[{ json: {} }],
			{ typeVersion: 2, store: undefined },
		);
		expect(res.error.message).toBe(
			'The operation "get" of "conversation" is not offered for OpenIM Version 2021',
		);
		expect(env.requests('conversation/get_conversations')).toEqual([]);
	});
});

describe('Message → Send a Mention (106) with the names the apps show', () => {
	const mention = (extra = {}) => ({
		resource: 'message',
		operation: 'send',
		sendID: 'o',
		sessionType: 3,
		groupID: 'g1',
		contentType: 106,
		text: '@Support @m2 look',
		atUserList: 'm1, m2, ghost',
		...extra,
	});

	it('looks the names up when not given: group nickname, else nickname, else the ID', async () => {
		await env.register('o', 'm1', 'm2');
		await group('g1', 'o', 'm1', 'm2');
		await env.run({
			resource: 'group',
			operation: 'setMemberInfo',
			groupID: 'g1',
			uid: 'm1',
			updateFields: { nickname: 'Support' },
		});
		env.emu.requests.length = 0;
		const res = await env.run(mention());
		expect(res.status).toBe('success');
		expect(env.requests('group/get_group_members_info').map((request) => request.body)).toEqual([
			{ groupID: 'g1', userIDs: ['m1', 'm2', 'ghost'] },
		]);
		expect(env.requests('user/get_users_info').map((request) => request.body)).toEqual([
			{ userIDs: ['ghost'] },
		]);
		const atUsersInfo = [
			{ atUserID: 'm1', groupNickname: 'Support' },
			{ atUserID: 'm2', groupNickname: 'm2 name' },
			{ atUserID: 'ghost', groupNickname: 'ghost' },
		];
		expect(env.requests('msg/send_msg')[0].body.content).toEqual({
			text: '@Support @m2 look',
			atUserList: ['m1', 'm2', 'ghost'],
			isAtSelf: false,
			atUsersInfo,
		});
		// Stored as sent: the client reads atUsersInfo from the stored content.
		expect(JSON.parse(env.state().messages[0].content).atUsersInfo).toEqual(atUsersInfo);
	});

	it('sends the names given as they are, without lookups; refuses entries without atUserID', async () => {
		await env.register('o', 'm1');
		await group('g1', 'o', 'm1');
		env.emu.requests.length = 0;
		const items = [
			{ json: { names: [{ atUserID: 'm1', groupNickname: 'Boss' }] } },
			{ json: { names: [{ groupNickname: 'x' }] } },
		];
		const res = await env.run(
			mention({ atUserList: 'm1', atUsersInfo: '={{ $json.names }}' }),
			items,
			{ continueOnFail: true },
		);
		expect(env.requests('msg/send_msg').map((request) => request.body.content.atUsersInfo)).toEqual(
			[[{ atUserID: 'm1', groupNickname: 'Boss' }]],
		);
		expect(env.requests('group/get_group_members_info')).toEqual([]);
		expect(json(res)[1].error).toBe(
			'Mentioned User Names needs an atUserID in every entry [item 1]',
		);
		expect(paired(res)).toEqual([0, 1]);
	});

	it('in a one-to-one chat, names come from the profiles', async () => {
		await env.register('o', 'm1');
		env.emu.requests.length = 0;
		await env.run(mention({ sessionType: 1, recvID: 'm1', atUserList: 'm1' }));
		expect(env.requests('group/get_group_members_info')).toEqual([]);
		expect(env.requests('msg/send_msg')[0].body.content.atUsersInfo).toEqual([
			{ atUserID: 'm1', groupNickname: 'm1 name' },
		]);
	});

	it("describes Is At Self as the reader's flag, off by default", () => {
		const { OpenIm } = require('../../../dist/nodes/OpenIm/OpenIm.node.js');
		const isAtSelf = new OpenIm().description.properties.filter((p) => p.name === 'isAtSelf');
		expect(isAtSelf.length).toBeGreaterThan(0);
		for (const property of isAtSelf) {
			expect(property.default).toBe(false);
			expect(property.description).toMatch(/every reader is told they were mentioned/);
		}
	});
});
