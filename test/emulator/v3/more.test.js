'use strict';
// The third round's admin routes (server-api-v3-more.md §9): search and revoke, clear, business notifications,
// notification accounts, member info, conversations, with the traps the doc names.
const { OpenImV3Emulator } = require('./index');
const { useEmulator, adminClient, register, call, ok, err } = require('./helpers');

const ctx = useEmulator();
let api;
let token;
let groupID;
beforeEach(async () => {
	({ api, token } = await adminClient(ctx.emu));
	await register(ctx.emu, token, 'alice', 'bob', 'carol');
	groupID = (
		await api('/group/create_group', {
			ownerUserID: 'alice',
			memberUserIDs: ['bob'],
			groupInfo: { groupName: 'g', groupType: 2, faceURL: 'http://x/g.png' },
		})
	).json.data.groupInfo.groupID;
});
const send = (body) =>
	api('/msg/send_msg', {
		sendID: 'alice',
		recvID: 'bob',
		sessionType: 1,
		contentType: 101,
		content: { content: 'hi' },
		...body,
	});
const search = (body) =>
	api('/msg/search_msg', { pagination: { pageNumber: 1, showNumber: 50 }, ...body });
const state = () => ctx.emu.snapshot();
const today = () => new Date().toISOString().slice(0, 10);

describe('search_msg', () => {
	test('items carry seq but no conversationID; a group message is found by its groupID in recvID', async () => {
		const sent = (await send({})).json.data;
		await send({ sessionType: 3, groupID, recvID: '', content: { content: 'to the group' } });
		const single = await search({ sendID: 'alice', recvID: 'bob' });
		expect(single.json).toEqual(
			ok({
				chatLogs: [
					{
						chatLog: expect.objectContaining({
							clientMsgID: sent.clientMsgID,
							seq: 1,
							recvID: 'bob',
							recvNickname: 'Bob',
							content: '{"content":"hi"}',
						}),
						isRevoked: false,
					},
				],
				chatLogsNum: 1,
			}),
		);
		expect(single.json.data.chatLogs[0].chatLog).not.toHaveProperty('conversationID');
		const group = (await search({ recvID: groupID })).json.data.chatLogs;
		// recvID becomes the groupID; senderFaceURL is the group's (sic).
		expect(group).toEqual([
			{
				chatLog: expect.objectContaining({
					recvID: groupID,
					groupID,
					groupName: 'g',
					senderFaceURL: 'http://x/g.png',
					seq: 1,
					groupMemberCount: 2,
				}),
				isRevoked: false,
			},
		]);
	});

	test('sendTime is one UTC day (YYYY-MM-DD); another format is 1001', async () => {
		await send({ sendTime: Date.UTC(2026, 2, 19, 23, 30) });
		await send({ sendTime: Date.UTC(2026, 2, 20, 0, 30) });
		const on = async (day) =>
			(await search({ sendID: 'alice', sendTime: day })).json.data.chatLogsNum;
		expect([await on('2026-03-19'), await on('2026-03-20'), await on('2026-03-21')]).toEqual([
			1, 1, 0,
		]);
		for (const bad of ['2026-03-19T00:00:00Z', '1774000000000', '2026-02-30'])
			expect((await search({ sendID: 'alice', sendTime: bad })).json).toEqual(
				err(1001, 'ArgsError', 'invalid sendTime'),
			);
	});

	test('no filter at all crashes the server (500 panic error); pagination missing: only the count', async () => {
		await send({});
		expect((await search({})).json).toEqual(err(500, 'panic error', 'panic error'));
		expect((await api('/msg/search_msg', { sendID: 'alice' })).json).toEqual(
			ok({ chatLogs: null, chatLogsNum: 1 }),
		);
		expect(
			(await search({ sendID: 'alice', pagination: { pageNumber: 1, showNumber: -1 } })).json
				.errCode,
		).toBe(500);
	});

	test('pages: oldest first per conversation, the last page short; notifications (sn_) and unknown senders not found', async () => {
		for (let i = 0; i < 5; i++) await send({ content: { content: `m${i}` } });
		await api('/msg/send_msg', {
			sendID: 'imAdmin',
			recvID: 'bob',
			sessionType: 4,
			contentType: 1400,
			content: { notificationName: 'n', notificationType: 1, text: 't', mixType: 0 },
		});
		const page = async (n) =>
			(await search({ recvID: 'bob', pagination: { pageNumber: n, showNumber: 2 } })).json.data;
		const pages = [await page(1), await page(2), await page(3)];
		expect(pages.map((p) => p.chatLogs.map((c) => c.chatLog.seq))).toEqual([[1, 2], [3, 4], [5]]);
		expect(pages[0].chatLogsNum).toBe(5);
		expect((await search({ sendID: 'ghost' })).json.data).toEqual({
			chatLogs: null,
			chatLogsNum: 0,
		});
	});

	test('a revoked message is still found, isRevoked true, content kept', async () => {
		await send({});
		await api('/msg/revoke_msg', { conversationID: 'si_alice_bob', seq: 1, userID: 'alice' });
		expect((await search({ sendID: 'alice' })).json.data.chatLogs).toEqual([
			{
				chatLog: expect.objectContaining({ contentType: 101, content: '{"content":"hi"}' }),
				isRevoked: true,
			},
		]);
	});

	test.each(['3.8.0', '3.7.1'])(
		'%s answers each item flat, without a revoke marker',
		async (serverVersion) => {
			const old = await new OpenImV3Emulator({ serverVersion }).start();
			try {
				const client = await adminClient(old);
				await register(old, client.token, 'alice', 'bob');
				await client.api('/msg/send_msg', {
					sendID: 'alice',
					recvID: 'bob',
					sessionType: 1,
					contentType: 101,
					content: { content: 'hi' },
				});
				const items = (
					await client.api('/msg/search_msg', {
						sendID: 'alice',
						pagination: { pageNumber: 1, showNumber: 10 },
					})
				).json.data.chatLogs;
				expect(items).toEqual([
					expect.objectContaining({ sendID: 'alice', recvID: 'bob', seq: 1 }),
				]);
				expect(items[0]).not.toHaveProperty('chatLog');
			} finally {
				await old.stop();
			}
		},
	);

	test('any valid token may search every message', async () => {
		await send({});
		const carol = ctx.emu.issueToken('carol', 5).token;
		expect(
			(
				await call(
					ctx.emu,
					'/msg/search_msg',
					{ sendID: 'alice', pagination: { pageNumber: 1, showNumber: 5 } },
					{ token: carol },
				)
			).json.data.chatLogsNum,
		).toBe(1);
	});
});

describe('revoke_msg', () => {
	test("the revoking userID decides who is told: with the admin's ID the sender's apps never hear of it", async () => {
		await send({});
		await send({ content: { content: 'second' } });
		expect(
			(await api('/msg/revoke_msg', { conversationID: 'si_alice_bob', seq: 1, userID: 'imAdmin' }))
				.json,
		).toEqual(ok());
		expect(
			(await api('/msg/revoke_msg', { conversationID: 'si_alice_bob', seq: 2, userID: 'alice' }))
				.json,
		).toEqual(ok());
		const [asAdmin, asSender] = state().tips;
		expect(asAdmin).toMatchObject({
			contentType: 2101,
			sendID: 'imAdmin',
			recvID: 'bob',
			detail: {
				seq: 1,
				conversationID: 'si_alice_bob',
				isAdminRevoke: true,
				revokerUserID: 'imAdmin',
			},
		});
		expect(asAdmin.told).not.toContain('alice');
		expect(asSender.told.sort()).toEqual(['alice', 'bob']);
		expect(
			(await api('/msg/revoke_msg', { conversationID: 'si_alice_bob', seq: 2, userID: 'alice' }))
				.json,
		).toEqual(err(1404, 'MsgAlreadyRevoke', 'msg already revoke'));
	});

	test('seq 0 (what after-send webhooks carry) is refused; unknown user 1004; a group revoke tells the whole group', async () => {
		await send({ sessionType: 3, groupID, recvID: '' });
		expect(
			(await api('/msg/revoke_msg', { conversationID: `sg_${groupID}`, seq: 0, userID: 'alice' }))
				.json,
		).toEqual(err(1001, 'ArgsError', 'seq is invalid'));
		expect(
			(await api('/msg/revoke_msg', { conversationID: `sg_${groupID}`, seq: 1, userID: 'ghost' }))
				.json.errCode,
		).toBe(1004);
		expect(
			(await api('/msg/revoke_msg', { conversationID: `sg_${groupID}`, seq: 1, userID: 'alice' }))
				.json,
		).toEqual(ok());
		expect(state().tips[0].told.sort()).toEqual(['alice', 'bob']);
	});

	test('after the user cleared the conversation, the message cannot be revoked as that user (1004)', async () => {
		await send({});
		await api('/msg/clear_conversation_msg', {
			conversationIDs: ['si_alice_bob'],
			userID: 'alice',
		});
		expect(
			(await api('/msg/revoke_msg', { conversationID: 'si_alice_bob', seq: 1, userID: 'alice' }))
				.json,
		).toEqual(err(1004, 'RecordNotFoundError', 'msg not found'));
		expect(
			(await api('/msg/revoke_msg', { conversationID: 'si_alice_bob', seq: 1, userID: 'bob' }))
				.json,
		).toEqual(ok());
	});
});

describe('clear_conversation_msg', () => {
	test("one user's view by default; IsSyncSelf tips the user's devices; IsSyncOther clears for everyone; unknown IDs skipped", async () => {
		await send({});
		expect(
			(
				await api('/msg/clear_conversation_msg', {
					conversationIDs: ['si_alice_bob', 'si_nobody_x'],
					userID: 'alice',
					deleteSyncOpt: { IsSyncSelf: true },
				})
			).json,
		).toEqual(ok());
		expect(state().conversations.alice.si_alice_bob.minSeq).toBe(2);
		expect(state().tips).toEqual([
			expect.objectContaining({ contentType: 1703, sendID: 'alice', told: ['alice'] }),
		]);
		await api('/msg/clear_conversation_msg', {
			conversationIDs: ['si_alice_bob'],
			userID: 'alice',
			deleteSyncOpt: { IsSyncOther: true },
		});
		expect(
			(await api('/msg/revoke_msg', { conversationID: 'si_alice_bob', seq: 1, userID: 'bob' })).json
				.errCode,
		).toBe(1004);
		expect((await api('/msg/clear_conversation_msg', { userID: 'alice' })).json).toEqual(
			err(1001, 'ArgsError', 'conversationIDs is empty'),
		);
		const bob = ctx.emu.issueToken('bob', 5).token;
		expect(
			(
				await call(
					ctx.emu,
					'/msg/clear_conversation_msg',
					{ conversationIDs: [], userID: 'alice' },
					{ token: bob },
				)
			).json.errCode,
		).toBe(1002);
	});
});

describe('send_business_notification', () => {
	test('sendUserID/recvUserID; not stored, pushed to online devices only; unknown users still succeed', async () => {
		ctx.emu.setOnline('bob', 5);
		const res = await api('/msg/send_business_notification', {
			sendUserID: 'alice',
			recvUserID: 'bob',
			key: 'order',
			data: '{"id":1}',
		});
		expect(res.json).toEqual(
			ok({
				serverMsgID: expect.any(String),
				clientMsgID: expect.any(String),
				sendTime: expect.any(Number),
			}),
		);
		expect(state().messages).toEqual([]);
		expect(state().pushed).toEqual([
			expect.objectContaining({
				contentType: 2001,
				recvID: 'bob',
				onlineDevices: [5],
				content: JSON.stringify({ detail: JSON.stringify({ data: '{"id":1}', key: 'order' }) }),
			}),
		]);
		await api('/msg/send_business_notification', {
			sendUserID: 'alice',
			recvUserID: 'ghost',
			key: 'k',
			data: '',
		});
		expect(state().pushed[1].onlineDevices).toEqual([]);
		expect((await search({ sendID: 'alice' })).json.data.chatLogsNum).toBe(0);
	});

	test('data must be a string (HTTP 400), the sendID/recvID keys are not read (400); non-admin 1002', async () => {
		const object = await api('/msg/send_business_notification', {
			sendUserID: 'alice',
			recvUserID: 'bob',
			key: 'k',
			data: { id: 1 },
		});
		expect([object.status, object.json.errCode]).toEqual([400, 1001]);
		const keys = await api('/msg/send_business_notification', {
			sendID: 'alice',
			recvID: 'bob',
			key: 'k',
			data: '',
		});
		expect(keys.status).toBe(400);
		expect(keys.json.errDlt).toMatch(/SendUserID/);
		const bob = ctx.emu.issueToken('bob', 5).token;
		expect(
			(
				await call(
					ctx.emu,
					'/msg/send_business_notification',
					{ sendUserID: 'bob', recvUserID: 'alice', data: 'x' },
					{ token: bob },
				)
			).json.errCode,
		).toBe(1002);
	});
});

describe('add_notification_account', () => {
	test('3.8.3: appMangerLevel 3 required (1001 without); a taken userID 1001; a random 10-digit ID; it can send 1400', async () => {
		expect((await api('/user/add_notification_account', { nickName: 'News' })).json).toEqual(
			err(1001, 'ArgsError', 'app level not supported'),
		);
		expect(
			(
				await api('/user/add_notification_account', {
					userID: 'alice',
					nickName: 'News',
					appMangerLevel: 3,
				})
			).json,
		).toEqual(err(1001, 'ArgsError', 'userID is used'));
		expect(
			(await api('/user/add_notification_account', { faceURL: 'f', appMangerLevel: 3 })).json,
		).toEqual(err(1001, 'ArgsError', 'nickName is empty'));
		const made = (
			await api('/user/add_notification_account', {
				nickName: 'News',
				faceURL: 'http://x/n.png',
				appMangerLevel: 3,
			})
		).json.data;
		expect(made).toEqual({
			userID: expect.stringMatching(/^[1-9]\d{9}$/),
			faceURL: 'http://x/n.png',
			nickName: 'News',
			appMangerLevel: 3,
		});
		const oa = await api('/msg/send_msg', {
			sendID: made.userID,
			recvID: 'bob',
			sessionType: 4,
			contentType: 1400,
			content: { notificationName: 'n', notificationType: 1, text: 't', mixType: 0 },
		});
		expect(oa.json.errCode).toBe(0);
	});

	test('3.8.2 ignores the level (always 3) and does not echo it', async () => {
		const old = await new OpenImV3Emulator({ serverVersion: '3.8.2' }).start();
		try {
			const client = await adminClient(old);
			expect(
				(await client.api('/user/add_notification_account', { userID: 'news', nickName: 'News' }))
					.json,
			).toEqual(ok({ userID: 'news', faceURL: '', nickName: 'News' }));
			expect(old.snapshot().users.news.appMangerLevel).toBe(3);
		} finally {
			await old.stop();
		}
	});
});

describe('set_group_member_info', () => {
	test('sets roleLevel, nickname, faceURL, ex; 100 is 1002; other levels 1001; a non-member 1001', async () => {
		expect(
			(
				await api('/group/set_group_member_info', {
					members: [
						{
							groupID,
							userID: 'bob',
							roleLevel: 60,
							nickname: 'B',
							faceURL: 'http://x/b.png',
							ex: 'e',
						},
					],
				})
			).json,
		).toEqual(ok());
		expect(state().groups[groupID].members.bob).toMatchObject({
			roleLevel: 60,
			nickname: 'B',
			faceURL: 'http://x/b.png',
			ex: 'e',
		});
		expect(
			(
				await api('/group/set_group_member_info', {
					members: [{ groupID, userID: 'bob', roleLevel: 100 }],
				})
			).json,
		).toEqual(err(1002, 'NoPermissionError', 'cannot set ungroup owner'));
		expect(
			(
				await api('/group/set_group_member_info', {
					members: [{ groupID, userID: 'bob', roleLevel: 50 }],
				})
			).json,
		).toEqual(err(1001, 'ArgsError', 'invalid role level'));
		expect(
			(
				await api('/group/set_group_member_info', {
					members: [{ groupID, userID: 'carol', nickname: 'C' }],
				})
			).json,
		).toEqual(err(1001, 'ArgsError', 'user not in group'));
		expect((await api('/group/set_group_member_info', { members: [] })).json).toEqual(
			err(1001, 'ArgsError', 'members empty'),
		);
	});

	test("with the admin token the owner's roleLevel can be set: the group is left without an owner", async () => {
		expect(
			(
				await api('/group/set_group_member_info', {
					members: [{ groupID, userID: 'alice', roleLevel: 20 }],
				})
			).json,
		).toEqual(ok());
		expect(Object.values(state().groups[groupID].members).map((m) => m.roleLevel)).not.toContain(
			100,
		);
	});

	test('3.8.0 silently drops faceURL', async () => {
		const old = await new OpenImV3Emulator({ serverVersion: '3.8.0' }).start();
		try {
			const client = await adminClient(old);
			await register(old, client.token, 'alice');
			const id = (
				await client.api('/group/create_group', {
					ownerUserID: 'alice',
					groupInfo: { groupName: 'g', groupType: 2 },
				})
			).json.data.groupInfo.groupID;
			expect(
				(
					await client.api('/group/set_group_member_info', {
						members: [{ groupID: id, userID: 'alice', faceURL: 'http://x/a.png', nickname: 'A' }],
					})
				).json,
			).toEqual(ok());
			expect(old.snapshot().groups[id].members.alice).toMatchObject({ faceURL: '', nickname: 'A' });
		} finally {
			await old.stop();
		}
	});
});

test('mute_group revives a dismissed group (status 2 overwritten): the server checks nothing', async () => {
	await api('/group/dismiss_group', { groupID });
	expect((await api('/group/mute_group', { groupID })).json).toEqual(ok());
	expect(state().groups[groupID].status).toBe(3);
	await api('/group/cancel_mute_group', { groupID });
	expect(state().groups[groupID].status).toBe(0);
});

describe('conversations', () => {
	test('a message creates a row per party; get omits unknown IDs (null when none); get_all lists them', async () => {
		await send({});
		const got = await api('/conversation/get_conversations', {
			ownerUserID: 'bob',
			conversationIDs: ['si_alice_bob', 'si_x_y'],
		});
		expect(got.json).toEqual(
			ok({
				conversations: [
					expect.objectContaining({
						ownerUserID: 'bob',
						conversationID: 'si_alice_bob',
						conversationType: 1,
						userID: 'alice',
						recvMsgOpt: 0,
						isPinned: false,
					}),
				],
			}),
		);
		expect(
			(
				await api('/conversation/get_conversations', {
					ownerUserID: 'bob',
					conversationIDs: ['si_x_y'],
				})
			).json,
		).toEqual(ok({ conversations: null }));
		expect(
			(
				await api('/conversation/get_all_conversations', { ownerUserID: 'alice' })
			).json.data.conversations.map((c) => c.conversationID),
		).toEqual(['si_alice_bob']);
		expect((await api('/conversation/get_conversations', { ownerUserID: 'bob' })).json).toEqual(
			err(1001, 'ArgsError', 'conversationIDs is empty'),
		);
	});

	test('set_conversations needs conversationType and the peer (userID) or groupID even with an ID; fields applied, minSeq ignored', async () => {
		await send({});
		const conversation = { conversationID: 'si_alice_bob', isPinned: true, ex: 'x', minSeq: 9 };
		expect(
			(await api('/conversation/set_conversations', { userIDs: ['bob'], conversation })).json,
		).toEqual(err(1001, 'ArgsError', 'conversationType is invalid'));
		expect(
			(
				await api('/conversation/set_conversations', {
					userIDs: ['bob'],
					conversation: { ...conversation, conversationType: 1 },
				})
			).json,
		).toEqual(err(1001, 'ArgsError', 'userID is empty'));
		expect(
			(
				await api('/conversation/set_conversations', {
					userIDs: ['bob'],
					conversation: { ...conversation, conversationType: 3 },
				})
			).json,
		).toEqual(err(1001, 'ArgsError', 'groupID is empty'));
		expect(
			(
				await api('/conversation/set_conversations', {
					userIDs: ['bob'],
					conversation: {
						...conversation,
						conversationType: 1,
						userID: 'alice',
						isPrivateChat: true,
					},
				})
			).json,
		).toEqual(ok());
		expect(state().conversations.bob.si_alice_bob).toMatchObject({
			isPinned: true,
			ex: 'x',
			isPrivateChat: true,
			minSeq: 0,
			userID: 'alice',
		});
	});

	test('one owner per single-chat request: both owners in one request store the wrong peer in a new row', async () => {
		await api('/conversation/set_conversations', {
			userIDs: ['alice', 'carol'],
			conversation: {
				conversationID: 'si_alice_carol',
				conversationType: 1,
				userID: 'carol',
				isPinned: true,
			},
		});
		expect(state().conversations.carol.si_alice_carol.userID).toBe('carol');
	});

	test('3.8.0: one owner without the row is 1004; several get new rows', async () => {
		const old = await new OpenImV3Emulator({ serverVersion: '3.8.0' }).start();
		try {
			const client = await adminClient(old);
			const conversation = {
				conversationID: 'sg_g1',
				conversationType: 3,
				groupID: 'g1',
				isPinned: true,
			};
			expect(
				(await client.api('/conversation/set_conversations', { userIDs: ['u1'], conversation }))
					.json,
			).toEqual(err(1004, 'RecordNotFoundError', 'conversation not found'));
			expect(
				(
					await client.api('/conversation/set_conversations', {
						userIDs: ['u1', 'u2'],
						conversation,
					})
				).json,
			).toEqual(ok());
			expect(
				(
					await client.api('/conversation/set_conversations', {
						userIDs: ['u1'],
						conversation: { ...conversation, isPinned: false },
					})
				).json,
			).toEqual(ok());
		} finally {
			await old.stop();
		}
	});
});
