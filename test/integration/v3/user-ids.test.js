// 3.x user IDs (issue 24): what user_register refuses (IsLegalUserID: letters, digits and _) is refused in every
// user ID parameter of 3.x, naming the parameter and the item, before any request of the item.
const { useOpenImV3 } = require('./context');

const env = useOpenImV3();
const json = (res) => res.items.map((item) => item.json);
const paired = (res) => res.items.map((item) => item.pairedItem.item);
/** The requests of the run other than the admin token's. */
const sent = () =>
	env.emu.requests.filter((request) => !request.path.startsWith('/auth/get_admin'));

const text = { contentType: 101, text: 'hi' };
/** [operation, parameters with one illegal user ID, the parameter's label, the ID refused] */
const CASES = [
	[
		'user register',
		{ resource: 'user', operation: 'register', uid: 'a.b', name: 'A' },
		'User ID',
		'a.b',
	],
	[
		'user update',
		{ resource: 'user', operation: 'update', uid: 'a b', additionalFields: { name: 'A' } },
		'User ID',
		'a b',
	],
	['user getToken', { resource: 'user', operation: 'getToken', uid: 'a@b' }, 'User ID', 'a@b'],
	[
		'user forceLogout',
		{ resource: 'user', operation: 'forceLogout', uid: 'a:b' },
		'User ID',
		'a:b',
	],
	[
		'user createNotificationAccount',
		{
			resource: 'user',
			operation: 'createNotificationAccount',
			name: 'Bot',
			additionalFields: { uid: 'order-bot' },
		},
		'User ID',
		'order-bot',
	],
	[
		'message send (sender)',
		{
			resource: 'message',
			operation: 'send',
			sendID: 'im-admin',
			sessionType: 1,
			recvID: 'bob',
			...text,
		},
		'Sender User ID',
		'im-admin',
	],
	[
		'message send (receiver)',
		{
			resource: 'message',
			operation: 'send',
			sendID: 'imAdmin',
			sessionType: 1,
			recvID: 'bob-2',
			...text,
		},
		'Receiver ID',
		'bob-2',
	],
	[
		'message sendToMany',
		{
			resource: 'message',
			operation: 'sendToMany',
			sendID: 'imAdmin',
			uidList: 'bob, carl-3',
			...text,
		},
		'Recipient User IDs',
		'carl-3',
	],
	[
		'message sendBusinessNotification',
		{
			resource: 'message',
			operation: 'sendBusinessNotification',
			sendID: 'shop-bot',
			recvID: 'bob',
			key: 'order.shipped',
			data: 'x',
		},
		'Sender User ID',
		'shop-bot',
	],
	[
		'message clearConversations',
		{ resource: 'message', operation: 'clearConversations', uid: 'a-b', conversationIDs: 'si_a_b' },
		'User ID',
		'a-b',
	],
	[
		'group create (a member)',
		{
			resource: 'group',
			operation: 'create',
			groupName: 'G',
			memberList: {
				members: [
					{ uid: 'owner', setRole: 1 },
					{ uid: 'm-1', setRole: 0 },
				],
			},
		},
		'Members',
		'm-1',
	],
	[
		'group inviteUsers',
		{ resource: 'group', operation: 'inviteUsers', groupID: 'g1', uidList: 'a, b-1' },
		'User IDs',
		'b-1',
	],
	[
		'group kickUsers',
		{ resource: 'group', operation: 'kickUsers', groupID: 'g1', uidListInfo: 'a.1' },
		'User IDs',
		'a.1',
	],
	[
		'group transferOwner',
		{
			resource: 'group',
			operation: 'transferOwner',
			groupID: 'g1',
			ownerUid: 'o1',
			newOwnerUid: 'n-1',
		},
		'New Owner User ID',
		'n-1',
	],
	[
		'group muteMember',
		{ resource: 'group', operation: 'muteMember', groupID: 'g1', uid: 'm-1', mutedSeconds: 60 },
		'User ID',
		'm-1',
	],
	[
		'group setMemberInfo',
		{
			resource: 'group',
			operation: 'setMemberInfo',
			groupID: 'g1',
			uid: 'm-1',
			updateFields: { nickname: 'M' },
		},
		'User ID',
		'm-1',
	],
	[
		'group getJoined',
		{ resource: 'group', operation: 'getJoined', uid: 'm-1', returnAll: true },
		'User ID',
		'm-1',
	],
	[
		'friend import (owner)',
		{ resource: 'friend', operation: 'import', ownerUid: 'o-1', uid: 'a' },
		'Owner User ID',
		'o-1',
	],
	[
		'friend addToBlacklist',
		{ resource: 'friend', operation: 'addToBlacklist', ownerUid: 'o1', uid: 'a-1' },
		'User ID',
		'a-1',
	],
	[
		'friend getAll',
		{ resource: 'friend', operation: 'getAll', ownerUid: 'o-1', returnAll: true },
		'Owner User ID',
		'o-1',
	],
	[
		'conversation getAll',
		{ resource: 'conversation', operation: 'getAll', ownerUid: 'o-1' },
		'Owner User ID',
		'o-1',
	],
	[
		'conversation update (the other user)',
		{
			resource: 'conversation',
			operation: 'update',
			uidList: 'o1, o2',
			sessionType: 1,
			recvID: 'p-1',
			updateFields: { isPinned: true },
		},
		'Receiver ID',
		'p-1',
	],
];

describe('3.x user IDs: what user_register refuses, every user ID parameter refuses', () => {
	it.each(CASES)('%s', async (_name, parameters, label, id) => {
		const res = await env.run(parameters, [{ json: {} }], { continueOnFail: true });
		const char = Array.from(id).find((c) => !/[\p{L}\p{Nd}_]/u.test(c));
		expect(json(res)).toEqual([
			expect.objectContaining({
				error: `${label} may contain only letters, digits and _ on OpenIM 3.x, not "${char}" ("${id}") [item 0]`,
			}),
		]);
		expect(sent()).toEqual([]);
	});

	it("Send: an item with the sender Register refuses fails alone; the others' messages are sent, once each", async () => {
		await env.register('alice', 'bob');
		env.emu.requests.length = 0;
		const res = await env.run(
			{
				resource: 'message',
				operation: 'send',
				sendID: '={{ $json.from }}',
				sessionType: 1,
				recvID: 'bob',
				...text,
			},
			[{ json: { from: 'alice' } }, { json: { from: 'im-admin' } }, { json: { from: 'imAdmin' } }],
			{ continueOnFail: true },
		);
		expect(json(res)[1].error).toBe(
			'Sender User ID may contain only letters, digits and _ on OpenIM 3.x, not "-" ("im-admin") [item 1]',
		);
		expect(json(res)[1].description).toMatch(/Sender User ID" \(sendID\)/);
		expect([json(res)[0].sendID, json(res)[2].sendID]).toEqual(['alice', 'imAdmin']);
		expect(paired(res)).toEqual([0, 1, 2]);
		expect(env.requests('msg/send_msg').map((request) => request.body.sendID)).toEqual([
			'alice',
			'imAdmin',
		]);
		expect(env.state().messages.map((message) => message.sendID)).toEqual(['alice', 'imAdmin']);
	});

	it('Send from binary: a refused sender uploads nothing', async () => {
		const res = await env.run(
			{
				resource: 'message',
				operation: 'send',
				sendID: 'im-admin',
				sessionType: 1,
				recvID: 'bob',
				contentType: 105,
				fileSource: 'binary',
				binaryPropertyName: 'data',
				fileName: 'report.pdf',
			},
			[
				{
					json: {},
					binary: {
						data: {
							data: Buffer.from('%PDF-1.4').toString('base64'),
							mimeType: 'application/pdf',
							fileName: 'report.pdf',
						},
					},
				},
			],
			{ continueOnFail: true },
		);
		expect(json(res)[0].error).toMatch(
			/^Sender User ID may contain only letters, digits and _ on OpenIM 3.x/,
		);
		expect(sent()).toEqual([]);
	});

	it('Kick Users in a batch: the item with a refused ID fails alone, the others go in one request', async () => {
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
			[{ json: { uid: 'a' } }, { json: { uid: 'x-1' } }, { json: { uid: 'b' } }],
			{ continueOnFail: true },
		);
		expect(json(res)[1].error).toBe(
			'User IDs may contain only letters, digits and _ on OpenIM 3.x, not "-" ("x-1") [item 1]',
		);
		expect([json(res)[0].kicked, json(res)[2].kicked]).toEqual([true, true]);
		expect(env.requests('group/kick_group').map((request) => request.body.kickedUserIDs)).toEqual([
			['a', 'b'],
		]);
	});

	it('accepts letters of any script, digits and _ (as user_register does), and looks up any ID', async () => {
		await env.register('ü_1', '用户2', 'bob');
		env.emu.requests.length = 0;
		const res = await env.run({
			resource: 'message',
			operation: 'send',
			sendID: 'ü_1',
			sessionType: 1,
			recvID: '用户2',
			...text,
		});
		expect(json(res)[0]).toMatchObject({ sendID: 'ü_1', recvID: '用户2' });
		// Get answers for an ID no 3.x user can have: not found, as the server says.
		const got = await env.run({ resource: 'user', operation: 'get', uidList: 'bob, no-such' });
		expect(json(got)).toEqual([
			expect.objectContaining({ userID: 'bob' }),
			{ userID: 'no-such', found: false },
		]);
	});
});
