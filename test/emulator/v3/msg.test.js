'use strict';
// msg/send_msg and msg/batch_send_msg (§3.4): binding (HTTP 400), content validation per type (500), session rules.
const { useEmulator, adminClient, register, call, ok, err } = require('./helpers');

const ctx = useEmulator();
let api;
let groupID;
beforeEach(async () => {
	const client = await adminClient(ctx.emu);
	api = client.api;
	await register(ctx.emu, client.token, 'alice', 'bob', 'carol');
	groupID = (
		await api('/group/create_group', {
			ownerUserID: 'alice',
			memberUserIDs: ['bob'],
			groupInfo: { groupName: 'g', groupType: 2 },
		})
	).json.data.groupInfo.groupID;
});
const send = (body) =>
	api('/msg/send_msg', {
		sendID: 'imAdmin',
		recvID: 'alice',
		sessionType: 1,
		senderPlatformID: 10,
		...body,
	});
const messages = () => ctx.emu.snapshot().messages;

const pic = { uuid: 'u', type: 'png', size: 10, width: 100, height: 50, url: 'http://x/p.png' };
const CONTENT = {
	101: { content: 'hello' },
	102: { sourcePath: '', sourcePicture: pic, bigPicture: pic, snapshotPicture: pic },
	103: { uuid: 'u', soundPath: '', sourceUrl: 'http://x/a.mp3', dataSize: 10, duration: 3 },
	104: {
		videoUrl: 'http://x/v.mp4',
		videoType: 'mp4',
		videoSize: 100,
		duration: 5,
		snapshotUrl: 'http://x/s.png',
		snapshotWidth: 10,
		snapshotHeight: 10,
	},
	105: { sourceUrl: 'http://x/f.pdf', fileName: 'f.pdf', fileSize: 10 },
	106: { text: '@bob hi', atUserList: ['bob'], isAtSelf: false },
	110: { data: '{"k":1}', description: 'd', extension: 'e' },
	1400: { notificationName: 'News', notificationType: 1, text: 'Read this', mixType: 0 },
};

describe('send_msg', () => {
	test.each(Object.entries(CONTENT))(
		'contentType %s: sent; the data shape; content stored as the JSON of the whole map',
		async (type, content) => {
			const before = Date.now();
			const res = await send({
				contentType: Number(type),
				content: { ...content, extra: '<x>' },
				sessionType: type === '1400' ? 4 : 1,
			});
			const after = Date.now();
			expect(res.status).toBe(200);
			expect(res.json).toEqual(
				ok({
					serverMsgID: expect.stringMatching(/^[0-9a-f]{32}$/),
					clientMsgID: expect.stringMatching(/^[0-9a-f]{32}$/),
					sendTime: expect.any(Number),
				}),
			);
			expect(res.json.data.sendTime).toBeGreaterThanOrEqual(before);
			expect(res.json.data.sendTime).toBeLessThanOrEqual(after);
			const stored = messages().at(-1);
			expect(stored).toMatchObject({
				sendID: 'imAdmin',
				recvID: 'alice',
				contentType: Number(type),
				msgFrom: 200,
				serverMsgID: res.json.data.serverMsgID,
			});
			const body = JSON.parse(stored.content);
			expect(type === '1400' ? JSON.parse(body.detail) : body).toEqual({
				...content,
				extra: '<x>',
			});
		},
	);

	test.each([
		[
			101,
			{ content: '' },
			"Key: 'TextElem.Content' Error:Field validation for 'Content' failed on the 'required' tag",
		],
		[101, { text: 'the 3.0 key' }, 'TextElem.Content'],
		[
			102,
			{ sourcePicture: pic, bigPicture: pic, snapshotPicture: { ...pic, width: 0 } },
			"Key: 'PictureElem.SnapshotPicture.Width'",
		],
		[
			103,
			{ sourceUrl: 'u', duration: 0 },
			"Key: 'SoundElem.Duration' Error:Field validation for 'Duration' failed on the 'min' tag",
		],
		[104, { ...CONTENT[104], snapshotUrl: '' }, 'VideoElem.SnapshotURL'],
		[105, { sourceUrl: 'u', fileName: 'f' }, 'FileElem.FileSize'],
		[106, { text: 'x' }, 'AtElem.AtUserList'],
		[110, { description: 'no data' }, 'CustomElem.Data'],
		[
			1400,
			{ notificationName: 'n', notificationType: 1, text: 't', mixType: 6 },
			"OANotificationElem.MixType' Error:Field validation for 'MixType' failed on the 'lte' tag",
		],
		[
			1400,
			{ ...CONTENT[1400], pictureElem: { sourcePicture: pic } },
			'OANotificationElem.PictureElem.BigPicture.Type',
		],
	])(
		'contentType %s, case %#: errCode 500 with the validator text (unwrapped), HTTP 200, nothing sent',
		async (contentType, content, text) => {
			const res = await send({ contentType, content, sessionType: contentType === 1400 ? 4 : 1 });
			expect(res.status).toBe(200);
			expect(res.json).toEqual(err(500, 'ServerInternalError', expect.stringContaining(text)));
			expect(messages()).toEqual([]);
		},
	);

	test('weak decoding: "123" for a number passes; an uncovertible value is 500 too', async () => {
		expect(
			(
				await send({
					contentType: 105,
					content: { sourceUrl: 'u', fileName: 'f', fileSize: '123' },
				})
			).json.errCode,
		).toBe(0);
		const res = await send({ contentType: 101, content: { content: { nested: 1 } } });
		expect(res.json).toEqual(
			err(500, 'ServerInternalError', expect.stringContaining("'content' expected type 'string'")),
		);
	});

	test('an unsupported contentType is 1001 (not 500)', async () => {
		// errs.WrapMsg around the bare ErrArgs: the detail stays empty.
		expect((await send({ contentType: 107, content: {} })).json).toEqual(
			err(1001, 'ArgsError', ''),
		);
	});

	test('binding errors are HTTP 400 with errCode 1001 and the validator text', async () => {
		const res = await api('/msg/send_msg', {
			recvID: 'alice',
			content: { content: 'x' },
			contentType: 101,
			sessionType: 1,
		});
		expect([res.status, res.json]).toEqual([
			400,
			err(
				1001,
				'ArgsError',
				"Key: 'SendMsgReq.SendMsg.SendID' Error:Field validation for 'SendID' failed on the 'required' tag",
			),
		]);
		expect(
			(await send({ recvID: '', contentType: 101, content: { content: 'x' } })).json.errDlt,
		).toBe(
			"Key: 'SendMsgReq.RecvID' Error:Field validation for 'RecvID' failed on the 'required_if' tag",
		);
		const group = await send({ sessionType: 3, contentType: 101, content: { content: 'x' } });
		expect([group.status, group.json.errDlt]).toEqual([
			400,
			"Key: 'SendMsgReq.SendMsg.GroupID' Error:Field validation for 'GroupID' failed on the 'required_if' tag",
		]);
		expect((await send({ contentType: 101 })).status).toBe(400);
		expect(
			(await send({ contentType: 101, content: { content: 'x' }, sendTime: '5' })).status,
		).toBe(400);
		const empty = await api('/msg/send_msg', undefined, { raw: '' });
		expect([empty.status, empty.json]).toEqual([400, err(1001, 'ArgsError', 'EOF')]);
	});

	test('a user token: 1002 "only app manager can send message"', async () => {
		const alice = ctx.emu.issueToken('alice', 5).token;
		const res = await call(
			ctx.emu,
			'/msg/send_msg',
			{
				sendID: 'alice',
				recvID: 'bob',
				contentType: 101,
				content: { content: 'x' },
				sessionType: 1,
			},
			{ token: alice },
		);
		expect([res.status, res.json]).toEqual([
			200,
			err(1002, 'NoPermissionError', 'only app manager can send message'),
		]);
	});

	test('sessionType: 2 passes binding then 1001; 4 only with 1400; 1400 forces 4; 5 is 1001', async () => {
		expect(
			(await send({ sessionType: 2, groupID, contentType: 101, content: { content: 'x' } })).json,
		).toEqual(err(1001, 'ArgsError', 'unknown sessionType'));
		expect(
			(await send({ sessionType: 4, contentType: 101, content: { content: 'x' } })).json,
		).toEqual(
			err(1001, 'ArgsError', 'notification msg must have correct session type and content type'),
		);
		expect(
			(await send({ sessionType: 5, contentType: 101, content: { content: 'x' } })).json.errCode,
		).toBe(1001);
		expect(
			(await send({ sessionType: 1, contentType: 1400, content: CONTENT[1400] })).json.errCode,
		).toBe(0);
		expect(messages().at(-1)).toMatchObject({ sessionType: 4, conversationID: 'sn_alice_imAdmin' });
	});

	test('1400 needs a notification sender (appMangerLevel 2 or >= 3): 1002; unknown sender 1101; checked before the content', async () => {
		expect(
			(await send({ sendID: 'bob', sessionType: 4, contentType: 1400, content: {} })).json,
		).toEqual(err(1002, 'NoPermissionError', 'notification messages cannot be sent for this ID'));
		expect(
			(await send({ sendID: 'ghost', sessionType: 4, contentType: 1400, content: CONTENT[1400] }))
				.json,
		).toEqual(err(1101, 'UserIDNotFoundError', 'UserIDNotFoundError'));
	});

	test('single chat: the recipient must exist (1004); the sender need not; sendTime given in ms is kept', async () => {
		expect(
			(await send({ recvID: 'ghost', contentType: 101, content: { content: 'x' } })).json.errCode,
		).toBe(1004);
		const res = await send({
			sendID: 'nobody',
			contentType: 101,
			content: { content: 'x' },
			sendTime: 1700000000123,
		});
		expect(res.json.data.sendTime).toBe(1700000000123);
		expect(messages().at(-1)).toMatchObject({
			sendID: 'nobody',
			conversationID: 'si_alice_nobody',
			seq: 1,
		});
	});

	test('a recipient with globalRecvMsgOpt 1 gets nothing and the IDs are empty', async () => {
		await api('/user/update_user_info_ex', { userInfo: { userID: 'alice', globalRecvMsgOpt: 1 } });
		expect((await send({ contentType: 101, content: { content: 'x' } })).json.data).toEqual({
			serverMsgID: '',
			clientMsgID: '',
			sendTime: 0,
		});
		expect(messages()).toEqual([]);
	});

	test('group chat: groupID required; unknown 1004; dismissed 1204; a non-member sender is 1203, the admin bypasses', async () => {
		const group = (body) =>
			send({
				sessionType: 3,
				recvID: '',
				groupID,
				contentType: 101,
				content: { content: 'x' },
				...body,
			});
		expect((await group()).json.errCode).toBe(0);
		expect(messages().at(-1)).toMatchObject({
			groupID,
			recvID: '',
			conversationID: `sg_${groupID}`,
		});
		expect((await group({ sendID: 'carol' })).json).toEqual(err(1203, 'NotInGroupYetError'));
		expect((await group({ sendID: 'bob' })).json.errCode).toBe(0);
		expect((await group({ groupID: 'nope' })).json.errCode).toBe(1004);
		await api('/group/dismiss_group', { groupID });
		expect((await group()).json.errCode).toBe(1204);
	});

	test('group chat: a muted member 1402; a muted group 1403 for plain members, not for the owner', async () => {
		const group = (sendID) =>
			send({ sendID, sessionType: 3, groupID, contentType: 101, content: { content: 'x' } });
		await api('/group/mute_group_member', { groupID, userID: 'bob', mutedSeconds: 60 });
		expect((await group('bob')).json.errCode).toBe(1402);
		await api('/group/cancel_mute_group_member', { groupID, userID: 'bob' });
		await api('/group/mute_group', { groupID });
		expect((await group('bob')).json.errCode).toBe(1403);
		expect((await group('alice')).json.errCode).toBe(0);
	});
});

describe('batch_send_msg', () => {
	const batch = (body) =>
		api('/msg/batch_send_msg', {
			sendID: 'imAdmin',
			sessionType: 1,
			contentType: 101,
			content: { content: 'all' },
			isSendAll: false,
			recvIDs: [],
			...body,
		});

	test('one result per delivered recipient with the same clientMsgID; failures in failedUserIDs, errCode 0', async () => {
		const res = await batch({ recvIDs: ['alice', 'ghost', 'bob'] });
		expect(res.json.errCode).toBe(0);
		const { results, failedUserIDs } = res.json.data;
		expect(results.map((r) => r.recvID)).toEqual(['alice', 'bob']);
		expect(Object.keys(results[0])).toEqual(['serverMsgID', 'clientMsgID', 'sendTime', 'recvID']);
		expect(new Set(results.map((r) => r.clientMsgID)).size).toBe(1);
		expect(failedUserIDs).toEqual(['ghost']);
		expect((await batch({ recvIDs: ['ghost'] })).json.data).toEqual({
			results: null,
			failedUserIDs: ['ghost'],
		});
		expect((await batch({ recvIDs: ['alice'] })).json.data.failedUserIDs).toBeNull();
	});

	test('isSendAll sends to every user, imAdmin included', async () => {
		const res = await batch({ isSendAll: true });
		expect(res.json.data.results.map((r) => r.recvID)).toEqual([
			'imAdmin',
			'alice',
			'bob',
			'carol',
		]);
	});

	test('recvIDs is required (HTTP 400); the content is validated once (500); a user token 1002', async () => {
		const missing = await api('/msg/batch_send_msg', {
			sendID: 'imAdmin',
			sessionType: 1,
			contentType: 101,
			content: { content: 'x' },
		});
		expect([missing.status, missing.json.errDlt]).toEqual([
			400,
			"Key: 'BatchSendMsgReq.RecvIDs' Error:Field validation for 'RecvIDs' failed on the 'required' tag",
		]);
		expect((await batch({ recvIDs: ['alice'], content: {} })).json.errCode).toBe(500);
		const alice = ctx.emu.issueToken('alice', 5).token;
		expect(
			(
				await call(
					ctx.emu,
					'/msg/batch_send_msg',
					{
						sendID: 'alice',
						sessionType: 1,
						contentType: 101,
						content: { content: 'x' },
						recvIDs: ['bob'],
					},
					{ token: alice },
				)
			).json.errCode,
		).toBe(1002);
	});
});

describe('revoke_msg', () => {
	test('by conversation and seq: no data; again 1404; unknown 1004; a user revokes only its own single-chat message', async () => {
		await api('/msg/send_msg', {
			sendID: 'bob',
			recvID: 'alice',
			sessionType: 1,
			contentType: 101,
			content: { content: 'oops' },
		});
		const { conversationID, seq } = messages().at(-1);
		expect(conversationID).toBe('si_alice_bob');
		const alice = ctx.emu.issueToken('alice', 5).token;
		expect(
			(
				await call(
					ctx.emu,
					'/msg/revoke_msg',
					{ conversationID, seq, userID: 'alice' },
					{ token: alice },
				)
			).json,
		).toEqual(err(1002, 'NoPermissionError', 'ownerUserID=bob'));
		const bob = ctx.emu.issueToken('bob', 5).token;
		expect(
			(
				await call(
					ctx.emu,
					'/msg/revoke_msg',
					{ conversationID, seq, userID: 'bob' },
					{ token: bob },
				)
			).json,
		).toEqual(ok());
		expect((await api('/msg/revoke_msg', { conversationID, seq, userID: 'bob' })).json).toEqual(
			err(1404, 'MsgAlreadyRevoke', 'msg already revoke'),
		);
		expect((await api('/msg/revoke_msg', { conversationID, seq: 99, userID: 'bob' })).json).toEqual(
			err(1004, 'RecordNotFoundError', 'msg not found'),
		);
		expect((await api('/msg/revoke_msg', { conversationID, seq: 0, userID: 'bob' })).json).toEqual(
			err(1001, 'ArgsError', 'seq is invalid'),
		);
	});
});

test('get_server_time: any token, ms', async () => {
	const before = Date.now();
	const res = await api('/msg/get_server_time', {});
	expect(res.json).toEqual(ok({ serverTime: expect.any(Number) }));
	expect(res.json.data.serverTime).toBeGreaterThanOrEqual(before);
});
