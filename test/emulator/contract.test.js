'use strict';
// Every example request of server-api-2021.md gets the doc's response shape, and the state changes it implies.
const { useEmulator, call, adminToken, register, decodeJwt, SECRET, ADMIN } = require('./helpers');

const ctx = useEmulator();
const HEX32 = /^[0-9a-f]{32}$/;

describe('auth', () => {
	test('user_register: the doc example registers the user and returns uid, token, expiredTime', async () => {
		const before = Math.floor(Date.now() / 1000);
		const example = {
			secret: 'tuoyun',
			platform: 1,
			uid: 'd5645454517',
			name: '张三',
			icon: 'https:oss.com.cn/head',
			gender: 1,
			mobile: '17812457845',
			birth: '1998.12.15',
			email: 'xxxx@qq.com',
			ex: 'xxx',
		};
		const res = await call(ctx.emu, '/auth/user_register', example);

		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(Object.keys(res.json).sort()).toEqual(['data', 'errCode', 'errMsg']);
		expect(res.json).toMatchObject({ errCode: 0, errMsg: '', data: { uid: 'd5645454517' } });
		expect(Object.keys(res.json.data).sort()).toEqual(['expiredTime', 'token', 'uid']);
		const [header, claims] = decodeJwt(res.json.data.token);
		expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
		expect(claims).toEqual({
			UID: 'd5645454517',
			Platform: 'IOS',
			exp: res.json.data.expiredTime,
			iat: claims.iat,
			nbf: claims.iat,
		});
		expect(claims.iat).toBeGreaterThanOrEqual(before);
		expect(res.json.data.expiredTime).toBe(claims.iat + 604800);

		const profile = ['uid', 'name', 'icon', 'gender', 'mobile', 'birth', 'email', 'ex'];
		expect(ctx.emu.snapshot().users.d5645454517).toEqual(
			Object.fromEntries(profile.map((k) => [k, example[k]])),
		);
		expect(ctx.emu.snapshot().tokens.at(-1)).toEqual({
			uid: 'd5645454517',
			platform: 1,
			token: res.json.data.token,
			expiredTime: res.json.data.expiredTime,
		});
	});

	test('user_token: the doc example returns a fresh token for a registered user', async () => {
		await register(ctx.emu, 'd5645454517');
		const res = await call(ctx.emu, '/auth/user_token', {
			secret: 'tuoyun',
			platform: 1,
			uid: 'd5645454517',
		});

		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({
			errCode: 0,
			errMsg: '',
			data: { uid: 'd5645454517', token: expect.any(String), expiredTime: expect.any(Number) },
		});
		expect(decodeJwt(res.json.data.token)[1].UID).toBe('d5645454517');
	});

	test('the admin is registered from the start and may use platform 8', async () => {
		const res = await call(ctx.emu, '/auth/user_token', {
			secret: SECRET,
			platform: 8,
			uid: ADMIN,
		});
		expect(res.json.errCode).toBe(0);
		expect(decodeJwt(res.json.data.token)[1]).toMatchObject({ UID: ADMIN, Platform: 'Admin' });
	});
});

describe('groups', () => {
	async function docGroup() {
		await register(ctx.emu, '21979710c3fe454d');
		await register(ctx.emu, '89b8924ea455a642');
		const token = await adminToken(ctx.emu);
		const res = await call(
			ctx.emu,
			'/group/create_group',
			{
				memberList: [
					{ uid: '21979710c3fe454d', setRole: 1 },
					{ uid: '89b8924ea455a642', setRole: 2 },
					{ uid: 'not-registered', setRole: 0 },
				],
				groupName: 'groupName_on10',
				introduction: '简介',
				notification: '公告',
				faceUrl: 'url',
				operationID: '1',
			},
			{ token },
		);
		return { res, token, groupID: res.json.data?.groupID };
	}

	test('create_group: an admin creates the group with the listed members only', async () => {
		const { res, groupID } = await docGroup();

		expect(res.status).toBe(200);
		expect(res.json).toEqual({
			errCode: 0,
			errMsg: '',
			data: { groupID: expect.stringMatching(HEX32) },
		});
		const group = ctx.emu.snapshot().groups[groupID];
		expect(group).toMatchObject({
			groupID,
			groupName: 'groupName_on10',
			introduction: '简介',
			notification: '公告',
			faceUrl: 'url',
			ownerUid: '21979710c3fe454d',
		});
		// The admin is not a member; the unknown uid is skipped silently.
		expect(Object.keys(group.members).sort()).toEqual(['21979710c3fe454d', '89b8924ea455a642']);
		expect(group.members['21979710c3fe454d']).toEqual({
			uid: '21979710c3fe454d',
			role: 1,
			joinTime: group.createTime,
		});
		expect(group.members['89b8924ea455a642'].role).toBe(2);
	});

	test('invite_user_to_group: the doc example adds the user, result 0, errMsg "ok"', async () => {
		const { groupID, token } = await docGroup();
		await register(ctx.emu, 'f732156059eeb5d0');
		const example = {
			groupID,
			uidList: ['f732156059eeb5d0'],
			reason: 'reason',
			operationID: '1111111111111 ',
		};

		const res = await call(ctx.emu, '/group/invite_user_to_group', example, { token });
		expect(res.status).toBe(200);
		expect(res.json).toEqual({
			errCode: 0,
			errMsg: 'ok',
			data: [{ uid: 'f732156059eeb5d0', result: 0 }],
		});
		expect(ctx.emu.snapshot().groups[groupID].members.f732156059eeb5d0.role).toBe(0);

		// Already a member, or not a user: -1 for that uid, the call still succeeds.
		const again = await call(
			ctx.emu,
			'/group/invite_user_to_group',
			{ ...example, uidList: ['f732156059eeb5d0', 'ghost'] },
			{ token },
		);
		expect(again.json).toEqual({
			errCode: 0,
			errMsg: 'ok',
			data: [
				{ uid: 'f732156059eeb5d0', result: -1 },
				{ uid: 'ghost', result: -1 },
			],
		});
	});

	test('kick_group: the doc example removes the member', async () => {
		const { groupID, token } = await docGroup();
		const res = await call(
			ctx.emu,
			'/group/kick_group',
			{ groupID, uidListInfo: [{ userId: '21979710c3fe454d' }], operationID: '1111111111111 ' },
			{ token },
		);

		expect(res.status).toBe(200);
		expect(res.json).toEqual({
			errCode: 0,
			errMsg: '',
			data: [{ uid: '21979710c3fe454d', result: 0 }],
		});
		expect(Object.keys(ctx.emu.snapshot().groups[groupID].members)).toEqual(['89b8924ea455a642']);
	});

	test('get_groups_info and get_group_all_member_list show the group as a client sees it', async () => {
		const { groupID, token } = await docGroup();

		const info = await call(
			ctx.emu,
			'/group/get_groups_info',
			{ groupIDList: [groupID, 'nope'], operationID: '1' },
			{ token },
		);
		expect(info.json).toEqual({
			errCode: 0,
			errMsg: '',
			data: [
				{
					groupId: groupID,
					groupName: 'groupName_on10',
					notification: '公告',
					introduction: '简介',
					faceUrl: 'url',
					createTime: expect.any(Number),
					ownerId: '21979710c3fe454d',
					memberCount: 2,
				},
			],
		});

		const members = await call(
			ctx.emu,
			'/group/get_group_all_member_list',
			{ groupID, operationID: '1' },
			{ token },
		);
		expect(members.json).toEqual({
			errCode: 0,
			errMsg: '',
			data: [
				{
					groupID,
					userId: '21979710c3fe454d',
					role: 1,
					joinTime: expect.any(Number),
					nickName: 'name of 21979710c3fe454d',
					faceUrl: '',
				},
				{
					groupID,
					userId: '89b8924ea455a642',
					role: 2,
					joinTime: expect.any(Number),
					nickName: 'name of 89b8924ea455a642',
					faceUrl: '',
				},
			],
		});
	});
});

describe('friends', () => {
	test('import_friend: the doc example makes the two users friends both ways', async () => {
		await register(ctx.emu, '21979710c3fe454d');
		await register(ctx.emu, 'f732156059eeb5d0');
		const res = await call(
			ctx.emu,
			'/friend/import_friend',
			{ uid: '21979710c3fe454d', operationID: '1111111222', ownerUid: 'f732156059eeb5d0' },
			{ token: await adminToken(ctx.emu) },
		);

		expect(res.status).toBe(200);
		expect(res.json).toEqual({ errCode: 0, errMsg: '' });
		expect(ctx.emu.snapshot().friends).toEqual({
			f732156059eeb5d0: ['21979710c3fe454d'],
			'21979710c3fe454d': ['f732156059eeb5d0'],
		});
	});

	test("add_blacklist: the doc example puts uid on ownerUid's blacklist", async () => {
		const res = await call(
			ctx.emu,
			'/friend/add_blacklist',
			{ uid: '21979710c3fe454d', operationID: '1111111222', ownerUid: 'f732156059eeb5d0' },
			{ token: await adminToken(ctx.emu) },
		);

		expect(res.json).toEqual({ errCode: 0, errMsg: '' });
		expect(ctx.emu.snapshot().blacklist).toEqual({ f732156059eeb5d0: ['21979710c3fe454d'] });
	});
});

describe('users', () => {
	test('update_user_info: the doc example changes the name and leaves the rest', async () => {
		await register(ctx.emu, '21979710c3fe454d', { email: 'a@b.c', gender: 2 });
		const token = await adminToken(ctx.emu);
		const res = await call(
			ctx.emu,
			'/user/update_user_info',
			{ uid: '21979710c3fe454d', operationID: '1111111222', name: 'sssssssssskkkkk' },
			{ token },
		);

		expect(res.json).toEqual({ errCode: 0, errMsg: '' });
		expect(ctx.emu.snapshot().users['21979710c3fe454d']).toMatchObject({
			name: 'sssssssssskkkkk',
			email: 'a@b.c',
			gender: 2,
		});

		// Empty strings and gender 0 leave fields as they are; other fields are replaced.
		await call(
			ctx.emu,
			'/user/update_user_info',
			{
				uid: '21979710c3fe454d',
				operationID: '1',
				name: '',
				email: '',
				gender: 0,
				icon: 'i',
				mobile: 'm',
				birth: 'b',
				ex: 'x',
			},
			{ token },
		);
		expect(ctx.emu.snapshot().users['21979710c3fe454d']).toEqual({
			uid: '21979710c3fe454d',
			name: 'sssssssssskkkkk',
			icon: 'i',
			gender: 2,
			mobile: 'm',
			birth: 'b',
			email: 'a@b.c',
			ex: 'x',
		});
	});

	test('get_user_info: the doc example returns the known users with every profile field', async () => {
		await register(ctx.emu, '123', { name: 'Allen', icon: 'https://x/1.png' });
		const res = await call(
			ctx.emu,
			'/user/get_user_info',
			{ operationID: '1111111222', uidList: ['123', '3434'] },
			{ token: await adminToken(ctx.emu) },
		);

		expect(res.status).toBe(200);
		expect(res.json).toEqual({
			errCode: 0,
			errMsg: '',
			data: [
				{
					uid: '123',
					name: 'Allen',
					icon: 'https://x/1.png',
					gender: 0,
					mobile: '',
					birth: '',
					email: '',
					ex: '',
				},
			],
		});
		expect(Object.keys(res.json.data[0])).toEqual([
			'uid',
			'name',
			'icon',
			'gender',
			'mobile',
			'birth',
			'email',
			'ex',
		]);
	});

	test('delete_user: the doc example deletes, with failedUidList at the top level', async () => {
		const token = await adminToken(ctx.emu);
		for (const uid of ['123', '343', 'keep']) await register(ctx.emu, uid);
		await call(
			ctx.emu,
			'/friend/import_friend',
			{ uid: '123', ownerUid: 'keep', operationID: '1' },
			{ token },
		);
		await call(
			ctx.emu,
			'/friend/add_blacklist',
			{ uid: '343', ownerUid: 'keep', operationID: '1' },
			{ token },
		);
		const { json: created } = await call(
			ctx.emu,
			'/group/create_group',
			{
				memberList: [{ uid: 'keep', setRole: 1 }, { uid: '123' }],
				groupName: 'g',
				operationID: '1',
			},
			{ token },
		);

		const res = await call(
			ctx.emu,
			'/manager/delete_user',
			{ operationID: '1111111222', deleteUidList: ['123', '343', '456'] },
			{ token },
		);
		expect(res.status).toBe(200);
		expect(res.json).toEqual({ errCode: 0, errMsg: '', failedUidList: [] });

		const state = ctx.emu.snapshot();
		expect(Object.keys(state.users)).toEqual([ADMIN, 'keep']);
		expect(state.friends.keep).toEqual([]);
		expect(state.blacklist.keep).toEqual([]);
		expect(Object.keys(state.groups[created.data.groupID].members)).toEqual(['keep']);
	});

	test('get_all_users_uid: the doc example lists every uid at the top level', async () => {
		await register(ctx.emu, '122');
		await register(ctx.emu, '466');
		const res = await call(
			ctx.emu,
			'/manager/get_all_users_uid',
			{ operationID: '1111111222' },
			{ token: await adminToken(ctx.emu) },
		);

		expect(res.json).toEqual({ errCode: 0, errMsg: '', uidList: [ADMIN, '122', '466'] });
	});
});

describe('manager/send_msg', () => {
	const example = {
		operationID: '1111111222',
		sendID: '1111111222',
		recvID: '1111111222',
		senderNickName: '张三',
		senderFaceURL: 'http://www.head.com',
		forceList: ['122', '223'],
		content: { text: 'nihao' },
		contentType: 101,
		sessionType: 1,
	};

	test('the doc example is sent: sendTime in nanoseconds written as a bare integer, msgID 32 hex', async () => {
		const token = await adminToken(ctx.emu);
		const first = await call(ctx.emu, '/manager/send_msg', example, { token });
		const second = await call(ctx.emu, '/manager/send_msg', example, { token });

		expect(first.status).toBe(200);
		expect(Object.keys(first.json).sort()).toEqual(['errCode', 'errMsg', 'msgID', 'sendTime']);
		expect(first.json).toMatchObject({
			errCode: 0,
			errMsg: '',
			msgID: expect.stringMatching(HEX32),
		});
		const rawTimes = [first, second].map((r) => /"sendTime":(\d+)[,}]/.exec(r.text)?.[1]);
		for (const raw of rawTimes) expect(raw).toMatch(/^\d{19}$/);
		const [t1, t2] = rawTimes.map(BigInt);
		expect(t2).toBeGreaterThan(t1);
		expect(t1).toBeGreaterThan(2n ** 53n);
		expect(Number(t1 / 1000000n)).toBeLessThanOrEqual(Date.now());
		expect(second.json.msgID).not.toBe(first.json.msgID);

		const [stored] = ctx.emu.snapshot().messages;
		expect(stored).toEqual({
			msgID: first.json.msgID,
			sendID: '1111111222',
			recvID: '1111111222',
			sessionType: 1,
			contentType: 101,
			content: { text: 'nihao' },
			senderNickName: '张三',
			senderFaceURL: 'http://www.head.com',
			forceList: ['122', '223'],
			sendTime: rawTimes[0],
			operationID: '1111111222',
		});
	});

	test.each([
		[101, { text: 'hello' }],
		[
			102,
			Object.fromEntries(
				['sourcePicture', 'bigPicture', 'snapshotPicture'].map((k) => [
					k,
					{ uuid: 'u', type: 'png', size: 10, width: 1, height: 2, url: `https://x/${k}` },
				]),
			),
		],
		[103, { uuid: 'u', soundPath: '', sourceUrl: 'https://x/a.mp3', dataSize: 10, duration: 3 }],
		[
			104,
			{
				videoUrl: 'https://x/v.mp4',
				videoType: 'mp4',
				videoSize: 100,
				duration: 5,
				snapshotUrl: 'https://x/s.png',
				snapshotWidth: 1,
				snapshotHeight: 1,
			},
		],
		[105, { sourceUrl: 'https://x/f.pdf', fileName: 'f.pdf', fileSize: 100 }],
		[106, { text: '@bob hi', atUserList: ['bob'], isAtSelf: false }],
		[107, { title: 'chat', abstractList: ['a'], multiMessage: [] }],
		[108, { uid: 'bob', name: 'Bob' }],
		[109, { description: 'here', longitude: 1.5, latitude: 2.5 }],
		[110, { data: '{"k":1}', description: '', extension: '' }],
		[111, { clientMsgID: 'x' }],
		[112, { msgIDList: ['x'] }],
		[114, { text: 'reply', quoteMessage: { clientMsgID: 'x' } }],
	])('content type %i is accepted and stored as received', async (contentType, content) => {
		const res = await call(
			ctx.emu,
			'/manager/send_msg',
			{ ...example, contentType, content },
			{ token: await adminToken(ctx.emu) },
		);
		expect(res.json).toMatchObject({ errCode: 0, errMsg: '' });
		expect(ctx.emu.snapshot().messages[0]).toMatchObject({ contentType, content });
	});

	test('a group message goes to an existing group', async () => {
		const token = await adminToken(ctx.emu);
		const { json } = await call(
			ctx.emu,
			'/group/create_group',
			{ memberList: [], groupName: 'g', operationID: '1' },
			{ token },
		);
		const res = await call(
			ctx.emu,
			'/manager/send_msg',
			{ ...example, recvID: json.data.groupID, sessionType: 2 },
			{ token },
		);
		expect(res.json).toMatchObject({ errCode: 0, msgID: expect.stringMatching(HEX32) });
		expect(ctx.emu.snapshot().messages[0]).toMatchObject({
			recvID: json.data.groupID,
			sessionType: 2,
		});
	});
});
