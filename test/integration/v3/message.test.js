const { useOpenImV3, ADMIN } = require('./context');

const env = useOpenImV3();
const json = (res) => res.items.map((item) => item.json);
const stored = () => env.state().messages.at(-1);

const send = (fields, extra = {}) => ({
	resource: 'message',
	operation: 'send',
	sendID: ADMIN,
	sessionType: 1,
	recvID: 'bob',
	...fields,
	...extra,
});
const picture = { url: 'https://x/p.jpg', type: 'image/jpeg', width: 640, height: 480 };

/** Each content type, its fields in the node, and the content the server must have received. */
const CASES = [
	[101, { text: 'Hello' }, { content: 'Hello' }],
	[
		102,
		{ sourcePicture: picture },
		{
			sourcePicture: { ...picture, uuid: '', size: 0 },
			bigPicture: { ...picture, uuid: '', size: 0 },
			snapshotPicture: { ...picture, uuid: '', size: 0 },
			sourcePath: '',
		},
	],
	[
		103,
		{ sourceUrl: 'https://x/v.m4a', duration: 3, dataSize: 10 },
		{ sourceUrl: 'https://x/v.m4a', duration: 3, dataSize: 10, uuid: '', soundPath: '' },
	],
	[
		104,
		{
			videoUrl: 'https://x/c.mp4',
			videoType: 'mp4',
			videoSize: 100,
			duration: 5,
			snapshotUrl: 'https://x/c.jpg',
			snapshotWidth: 320,
			snapshotHeight: 240,
		},
		{
			videoUrl: 'https://x/c.mp4',
			videoType: 'mp4',
			videoSize: 100,
			duration: 5,
			snapshotUrl: 'https://x/c.jpg',
			snapshotWidth: 320,
			snapshotHeight: 240,
			snapshotSize: 0,
			videoUUID: '',
			snapshotUUID: '',
			videoPath: '',
			snapshotPath: '',
		},
	],
	[
		105,
		{ sourceUrl: 'https://x/r.pdf', fileName: 'r.pdf', fileSize: 2048 },
		{ sourceUrl: 'https://x/r.pdf', fileName: 'r.pdf', fileSize: 2048, uuid: '', filePath: '' },
	],
	[
		106,
		{ text: '@bob hi', atUserList: 'bob' },
		{
			text: '@bob hi',
			atUserList: ['bob'],
			isAtSelf: false,
			atUsersInfo: [{ atUserID: 'bob', groupNickname: 'bob name' }],
		},
	],
	[
		110,
		{ data: '{"order":42}', description: 'Order' },
		{ data: '{"order":42}', description: 'Order', extension: '' },
	],
];

describe('3.x message send', () => {
	beforeEach(() => env.register('bob'));

	it.each(CASES)(
		'sends content type %p from its fields, as the server validates it',
		async (contentType, fields, content) => {
			const res = await env.run(send({ contentType, ...fields }));
			expect(res.status).toBe('success');
			const [sent] = env.requests('msg/send_msg');
			expect(sent.headers.operationid).toEqual(expect.any(String));
			expect(sent.headers.token).toEqual(expect.any(String));
			expect(sent.body).toEqual({
				sendID: ADMIN,
				recvID: 'bob',
				sessionType: 1,
				contentType,
				content,
			});
			expect(JSON.parse(stored().content)).toEqual(content);
			expect(json(res)).toEqual([
				{
					serverMsgID: stored().serverMsgID,
					clientMsgID: stored().clientMsgID,
					sendTime: stored().sendTime,
					sendID: ADMIN,
					recvID: 'bob',
					sessionType: 1,
					contentType,
				},
			]);
			expect(Number.isSafeInteger(json(res)[0].sendTime)).toBe(true);
			env.expectNoSecrets(res);
		},
	);

	it('sends an OA notification (1400) as session type Notification', async () => {
		const res = await env.run(
			send({
				sessionType: 4,
				contentType: 1400,
				notificationName: 'Orders',
				text: 'Shipped',
				notificationType: 1,
				url: 'https://x/o/1',
				mixType: 0,
			}),
		);
		expect(res.status).toBe('success');
		expect(env.requests('msg/send_msg')[0].body).toMatchObject({
			sessionType: 4,
			contentType: 1400,
			content: {
				notificationName: 'Orders',
				text: 'Shipped',
				notificationType: 1,
				url: 'https://x/o/1',
				mixType: 0,
				notificationFaceURL: '',
				ex: '',
			},
		});
		expect(stored()).toMatchObject({ sessionType: 4, contentType: 1400 });
	});

	it('refuses a session type that does not go with the content type', async () => {
		const res = await env.run(
			send(
				{
					sessionType: 1,
					contentType: 1400,
					notificationName: 'N',
					text: 'T',
					notificationType: 1,
				},
				{},
			),
			[{ json: {} }, { json: {} }],
			{ continueOnFail: true },
		);
		expect(json(res)[0].error).toBe(
			'Session Type must be Notification (4) for this content type [item 0]',
		);
		const other = await env.run(send({ sessionType: 4, contentType: 101, text: 'x' }));
		expect(other.error.message).toBe(
			'Session Type must be One-to-One (1) or Group (3) for this content type [item 0]',
		);
		expect(env.requests('msg/send_msg')).toHaveLength(0);
	});

	it('sends to a group by its group ID, with the sender fields', async () => {
		await env.run({
			resource: 'group',
			operation: 'create',
			groupName: 'G',
			memberList: { members: [{ uid: 'bob', setRole: 1 }] },
			additionalFields: { groupID: 'g1' },
		});
		const res = await env.run({
			resource: 'message',
			operation: 'send',
			sendID: ADMIN,
			sessionType: 3,
			groupID: 'g1',
			contentType: 101,
			text: 'Hi all',
			additionalFields: {
				senderNickName: 'Bot',
				senderFaceURL: 'https://x/b.png',
				senderPlatformID: 10,
				isOnlineOnly: false,
				notOfflinePush: true,
				ex: 'x',
				offlinePushInfo: { title: 'T', desc: 'D' },
			},
		});
		expect(res.status).toBe('success');
		expect(env.requests('msg/send_msg')[0].body).toEqual({
			sendID: ADMIN,
			groupID: 'g1',
			sessionType: 3,
			contentType: 101,
			content: { content: 'Hi all' },
			senderNickname: 'Bot',
			senderFaceURL: 'https://x/b.png',
			senderPlatformID: 10,
			isOnlineOnly: false,
			notOfflinePush: true,
			ex: 'x',
			offlinePushInfo: { title: 'T', desc: 'D' },
		});
		expect(json(res)[0]).toMatchObject({ groupID: 'g1', sessionType: 3 });
		expect(stored()).toMatchObject({ groupID: 'g1', senderNickname: 'Bot' });
	});

	it('takes the whole content as JSON, with the same checks', async () => {
		const res = await env.run(
			send({
				contentType: 101,
				contentMode: 'json',
				content: '={{ JSON.stringify({ content: $json.t }) }}',
			}),
			[{ json: { t: 'from json' } }, { json: { t: '' } }],
			{ continueOnFail: true },
		);
		expect(json(res)[0]).toMatchObject({ recvID: 'bob', contentType: 101 });
		expect(json(res)[1].error).toBe('Content (JSON) needs "content" for content type 101 [item 1]');
		expect(env.requests('msg/send_msg').map((request) => request.body.content)).toEqual([
			{ content: 'from json' },
		]);
	});

	it.each([
		[
			102,
			{ sourcePicture: { url: 'u', type: 'image/png', width: 0, height: 1 } },
			'Source Picture width must be at least 1 [item 0]',
		],
		[103, { sourceUrl: 'https://x/v', duration: 0 }, 'Duration must be at least 1 [item 0]'],
		[
			104,
			{
				videoUrl: 'https://x/c.mp4',
				videoType: '',
				videoSize: 1,
				duration: 1,
				snapshotUrl: 'u',
				snapshotWidth: 1,
				snapshotHeight: 1,
			},
			'Video Type is required [item 0]',
		],
		[
			105,
			{ sourceUrl: 'https://x/r', fileName: 'r', fileSize: 0 },
			'File Size must be at least 1 [item 0]',
		],
		[106, { text: 'hi', atUserList: ' ' }, 'Mentioned User IDs needs at least one ID [item 0]'],
		[110, { data: '={{ "" }}' }, 'Data is required [item 0]'],
		[
			1400,
			{ sessionType: 4, notificationName: 'N', text: 'T', notificationType: 0 },
			'Notification Type must be at least 1 [item 0]',
		],
	])(
		'refuses content type %p without what the validator needs, before sending',
		async (contentType, fields, message) => {
			const res = await env.run(send({ contentType, ...fields }));
			expect(res.error.message).toBe(message);
			expect(env.requests('msg/send_msg')).toHaveLength(0);
		},
	);

	it('explains what the server refuses: unknown receiver, a bind error (HTTP 400), a content failure (500)', async () => {
		const ghost = await env.run(
			send({ contentType: 101, text: 'x', recvID: 'ghost' }),
			[{ json: {} }],
			{ continueOnFail: true },
		);
		expect(json(ghost)[0]).toMatchObject({
			error: 'Receiver not found (errCode 1004)',
			errCode: 1004,
			endpoint: 'msg/send_msg',
		});
		expect(json(ghost)[0].description).toMatch(
			/^OpenIM checks the receiver of a message, not its sender: the Receiver ID/,
		);
		env.emu.failNext(1, {
			status: 400,
			path: '/msg/send_msg',
			body: {
				errCode: 1001,
				errMsg: 'ArgsError',
				errDlt:
					"Key: 'SendMsgReq.SendMsg.SendID' Error:Field validation for 'SendID' failed on the 'required' tag",
			},
		});
		const bind = await env.run(send({ contentType: 101, text: 'x' }), [{ json: {} }], {
			continueOnFail: true,
		});
		expect(json(bind)[0]).toMatchObject({
			error: 'OpenIM refused an argument (errCode 1001)',
			httpCode: '400',
		});
		expect(json(bind)[0].description).toMatch(/SendID/);
		env.emu.failNext(1, {
			status: 200,
			path: '/msg/send_msg',
			body: {
				errCode: 500,
				errMsg: 'ServerInternalError',
				errDlt: "validation error: Key: 'TextElem.Content' Error",
			},
		});
		const content = await env.run(send({ contentType: 101, text: 'x' }), [{ json: {} }], {
			continueOnFail: true,
		});
		expect(json(content)[0]).toMatchObject({
			error: 'OpenIM refused the message content (errCode 500)',
		});
	});

	it('offers only the content types 3.x accepts', async () => {
		const res = await env.run(send({ contentType: 107, title: 't', multiMessage: '[{}]' }));
		expect(res.status).toBe('error');
		expect(res.error.message).toBe(
			'Content Type must be one of 101, 102, 103, 104, 105, 106, 110, 1400 [item 0]',
		);
	});
});
