'use strict';
// Business errors (HTTP 200 with an errCode) and manager/send_msg's content checks.
const { OpenImEmulator } = require('./index');
const { useEmulator, call, adminToken, register } = require('./helpers');

const ctx = useEmulator();
const HEX32 = /^[0-9a-f]{32}$/;
const send = {
	operationID: '1',
	sendID: 'openIM123456',
	recvID: 'bob',
	content: { text: 'hi' },
	contentType: 101,
	sessionType: 1,
};
const picture = (over = {}) => ({
	uuid: 'u',
	type: 'png',
	size: 10,
	width: 1,
	height: 2,
	url: 'https://x/p.png',
	...over,
});

let token;
beforeEach(async () => {
	token = await adminToken(ctx.emu);
});

describe('business errors', () => {
	test('import_friend with an unknown user → 606', async () => {
		await register(ctx.emu, 'bob');
		for (const body of [
			{ uid: 'bob', ownerUid: 'ghost' },
			{ uid: 'ghost', ownerUid: 'bob' },
			{ uid: 'bob' },
		]) {
			const res = await call(
				ctx.emu,
				'/friend/import_friend',
				{ ...body, operationID: '1' },
				{ token },
			);
			expect(res.json).toEqual({ errCode: 606, errMsg: "Can't find the user information" });
		}
		expect(ctx.emu.snapshot().friends).toEqual({});
	});

	test('get_user_info with an empty or missing uidList → 999', async () => {
		for (const body of [
			{ operationID: '1' },
			{ operationID: '1', uidList: [] },
			{ operationID: '1', uidList: null },
		]) {
			const res = await call(ctx.emu, '/user/get_user_info', body, { token });
			expect(res.json).toEqual({ errCode: 999, errMsg: 'uidList is nil' });
		}
	});

	test('get_user_info of unknown users only → empty data', async () => {
		const res = await call(
			ctx.emu,
			'/user/get_user_info',
			{ operationID: '1', uidList: ['ghost'] },
			{ token },
		);
		expect(res.json).toEqual({ errCode: 0, errMsg: '', data: [] });
	});

	test('kick: an empty list → 700; an unknown group → 700; a non-member → -1', async () => {
		await register(ctx.emu, 'bob');
		const { json } = await call(
			ctx.emu,
			'/group/create_group',
			{ memberList: [{ uid: 'bob' }], operationID: '1' },
			{ token },
		);
		const groupID = json.data.groupID;

		const empty = await call(
			ctx.emu,
			'/group/kick_group',
			{ groupID, uidListInfo: [], operationID: '1' },
			{ token },
		);
		expect(empty.json).toEqual({ errCode: 700, errMsg: 'param failed', data: null });
		const unknown = await call(
			ctx.emu,
			'/group/kick_group',
			{ groupID: 'nope', uidListInfo: [{ userId: 'bob' }], operationID: '1' },
			{ token },
		);
		expect(unknown.json).toEqual({ errCode: 700, errMsg: 'param failed', data: null });
		const stranger = await call(
			ctx.emu,
			'/group/kick_group',
			{ groupID, uidListInfo: [{ userId: 'ghost' }, null], operationID: '1' },
			{ token },
		);
		expect(stranger.json).toEqual({
			errCode: 0,
			errMsg: '',
			data: [
				{ uid: 'ghost', result: -1 },
				{ uid: '', result: -1 },
			],
		});
		expect(Object.keys(ctx.emu.snapshot().groups[groupID].members)).toEqual(['bob']);
	});

	test('invite to an unknown group → 800; an empty uidList → data null', async () => {
		const unknown = await call(
			ctx.emu,
			'/group/invite_user_to_group',
			{ groupID: 'nope', uidList: ['bob'], operationID: '1' },
			{ token },
		);
		expect(unknown.json).toEqual({ errCode: 800, errMsg: 'no permission', data: null });

		const { json } = await call(ctx.emu, '/group/create_group', { operationID: '1' }, { token });
		const empty = await call(
			ctx.emu,
			'/group/invite_user_to_group',
			{ groupID: json.data.groupID, uidList: [], operationID: '1' },
			{ token },
		);
		expect(empty.json).toEqual({ errCode: 0, errMsg: 'ok', data: null });
	});

	test('update_user_info of an unknown uid and delete_user of unknown uids still succeed', async () => {
		const update = await call(
			ctx.emu,
			'/user/update_user_info',
			{ uid: 'ghost', name: 'x', operationID: '1' },
			{ token },
		);
		expect(update.json).toEqual({ errCode: 0, errMsg: '' });
		const del = await call(
			ctx.emu,
			'/manager/delete_user',
			{ deleteUidList: ['ghost'], operationID: '1' },
			{ token },
		);
		expect(del.json).toEqual({ errCode: 0, errMsg: '', failedUidList: [] });
		expect(Object.keys(ctx.emu.snapshot().users)).toEqual(['openIM123456']);
	});

	test('import_friend and add_blacklist twice leave one entry', async () => {
		await register(ctx.emu, 'alice');
		await register(ctx.emu, 'bob');
		for (let i = 0; i < 2; i++) {
			await call(
				ctx.emu,
				'/friend/import_friend',
				{ uid: 'bob', ownerUid: 'alice', operationID: '1' },
				{ token },
			);
			await call(
				ctx.emu,
				'/friend/add_blacklist',
				{ uid: 'bob', ownerUid: 'alice', operationID: '1' },
				{ token },
			);
		}
		const { friends, blacklist } = ctx.emu.snapshot();
		expect({ friends, blacklist }).toEqual({
			friends: { alice: ['bob'], bob: ['alice'] },
			blacklist: { alice: ['bob'] },
		});
	});
});

describe('send_msg: sessions', () => {
	// (sessionType 0 fails the `required` binding instead: HTTP 400.)
	test.each([3, 4, -1])(
		'sessionType %i → 203 (sic), with sendTime 0 and the client msgID',
		async (sessionType) => {
			const res = await call(ctx.emu, '/manager/send_msg', { ...send, sessionType }, { token });
			expect(res.status).toBe(200);
			expect(res.json).toEqual({
				errCode: 203,
				errMsg: 'unkonwn sessionType',
				msgID: expect.stringMatching(HEX32),
				sendTime: 0,
			});
			expect(ctx.emu.snapshot().messages).toEqual([]);
		},
	);

	test('a group message to a group that does not exist → 700', async () => {
		const res = await call(
			ctx.emu,
			'/manager/send_msg',
			{ ...send, recvID: 'no-such-group', sessionType: 2 },
			{ token },
		);
		expect(res.json).toEqual({
			errCode: 700,
			errMsg: 'param failed',
			msgID: expect.stringMatching(HEX32),
			sendTime: 0,
		});
		expect(ctx.emu.snapshot().messages).toEqual([]);
	});
});

describe('send_msg: content types and content checks', () => {
	const refused = async (body, errCode, errMsg) => {
		const res = await call(ctx.emu, '/manager/send_msg', { ...send, ...body }, { token });
		expect(res.status).toBe(400);
		expect(res.json).toEqual({ errCode, errMsg });
		expect(ctx.emu.snapshot().messages).toEqual([]);
	};

	test.each([113, 100, 115, 200, 1400])('content type %i → 404 contentType err', (contentType) =>
		refused({ contentType }, 404, 'contentType err'),
	);

	test('strict mode accepts only 101, 102 and 110, as the real 2021 server', async () => {
		const emu = await new OpenImEmulator({ strictContentTypes: true }).start();
		try {
			const admin = await adminToken(emu);
			const contents = {
				101: { text: 'x' },
				102: { sourcePicture: picture(), bigPicture: picture(), snapshotPicture: picture() },
				110: { data: 'x' },
			};
			for (const contentType of [101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 114]) {
				const res = await call(
					emu,
					'/manager/send_msg',
					{ ...send, contentType, content: contents[contentType] ?? { text: 'x' } },
					{ token: admin },
				);
				expect([contentType, res.json.errCode]).toEqual([
					contentType,
					contentType in contents ? 0 : 404,
				]);
			}
		} finally {
			await emu.stop();
		}
	});

	test('101 needs a non-empty text → 403', () =>
		refused(
			{ content: { note: 'no text' } },
			403,
			"Key: 'TextElem.Text' Error:Field validation for 'Text' failed on the 'required' tag",
		));
	test('110 needs data → 403', () =>
		refused(
			{ contentType: 110, content: { description: 'd' } },
			403,
			"Key: 'CustomElem.Data' Error:Field validation for 'Data' failed on the 'required' tag",
		));

	test('102 needs type, size, width, height and url on all three pictures → 403', async () => {
		const content = {
			sourcePicture: picture(),
			bigPicture: picture({ url: '' }),
			snapshotPicture: picture({ width: 0, height: undefined }),
		};
		await refused(
			{ contentType: 102, content },
			403,
			[
				"Key: 'PictureElem.BigPicture.Url' Error:Field validation for 'Url' failed on the 'required' tag",
				"Key: 'PictureElem.SnapshotPicture.Width' Error:Field validation for 'Width' failed on the 'required' tag",
				"Key: 'PictureElem.SnapshotPicture.Height' Error:Field validation for 'Height' failed on the 'required' tag",
			].join('\n'),
		);
	});

	test('102 with only sourcePicture → 403 for every field of the two missing pictures', async () => {
		const res = await call(
			ctx.emu,
			'/manager/send_msg',
			{ ...send, contentType: 102, content: { sourcePicture: picture() } },
			{ token },
		);
		expect(res.json.errCode).toBe(403);
		const fields = ['Type', 'Size', 'Width', 'Height', 'Url'];
		expect(res.json.errMsg.split('\n')).toEqual(
			['BigPicture', 'SnapshotPicture'].flatMap((p) =>
				fields.map(
					(f) =>
						`Key: 'PictureElem.${p}.${f}' Error:Field validation for '${f}' failed on the 'required' tag`,
				),
			),
		);
	});

	test('content that cannot be decoded into the element → 401', async () => {
		await refused(
			{ content: { text: { nested: true } } },
			401,
			"1 error(s) decoding:\n\n* 'text' expected type 'string', got unconvertible type 'map[string]interface {}', value: 'map[nested:true]'",
		);
		await refused(
			{
				contentType: 102,
				content: { sourcePicture: picture({ size: 'big', width: [1] }), bigPicture: 'x' },
			},
			401,
			// mapstructure sorts its messages.
			[
				'3 error(s) decoding:',
				'',
				"* 'bigPicture' expected a map, got 'string'",
				"* 'sourcePicture.width' expected type 'int32', got unconvertible type '[]interface {}', value: '[1]'",
				'* cannot parse \'sourcePicture.size\' as int: strconv.ParseInt: parsing "big": invalid syntax',
			].join('\n'),
		);
	});

	test('decoding is weak and case-insensitive, as mapstructure.WeakDecode', async () => {
		const content = {
			SourcePicture: picture({ size: '10', width: '1' }),
			bigPicture: picture({ height: true }),
			snapshotPicture: picture(),
		};
		const res = await call(
			ctx.emu,
			'/manager/send_msg',
			{ ...send, contentType: 102, content },
			{ token },
		);
		expect(res.json.errCode).toBe(0);
		expect(ctx.emu.snapshot().messages[0].content).toEqual(content);
	});

	test('a text that is not a string under "text" passes the checks, then the server panics: 500, empty body', async () => {
		for (const content of [{ text: 42 }, { Text: 'hi' }]) {
			const res = await call(ctx.emu, '/manager/send_msg', { ...send, content }, { token });
			expect([res.status, res.text]).toEqual([500, '']);
		}
		expect(ctx.emu.snapshot().messages).toEqual([]);
	});
});
