const { useOpenIm } = require('./context');

const env = useOpenIm();

const picture = (name) => ({
	uuid: `${name}-uuid`,
	type: 'image/png',
	size: 2048,
	width: 640,
	height: 480,
	url: `https://cdn.example.com/${name}.png`,
});
const message = {
	clientMsgID: 'c1',
	sendID: 'alice',
	recvID: 'bob',
	contentType: 101,
	content: 'hi',
	sessionType: 1,
};

/** Each content type: the node's fields for it, and the content object OpenIM must receive. */
const CASES = [
	[101, { text: 'Hello {{ $json.name }}' }, { text: 'Hello Ann' }],
	[
		102,
		{ sourcePicture: picture('src') },
		{
			sourcePicture: picture('src'),
			bigPicture: picture('src'),
			snapshotPicture: picture('src'),
			sourcePath: '',
		},
	],
	[
		102,
		{
			sourcePicture: picture('src'),
			bigPicture: picture('big'),
			snapshotPicture: picture('snap'),
			sourcePath: '/tmp/a.png',
		},
		{
			sourcePicture: picture('src'),
			bigPicture: picture('big'),
			snapshotPicture: picture('snap'),
			sourcePath: '/tmp/a.png',
		},
	],
	[
		103,
		{ sourceUrl: 'https://x/v.m4a', duration: 12, dataSize: 3000, uuid: 'v1' },
		{ sourceUrl: 'https://x/v.m4a', duration: 12, dataSize: 3000, uuid: 'v1', soundPath: '' },
	],
	[
		104,
		{
			videoUrl: 'https://x/c.mp4',
			videoType: 'mp4',
			videoSize: 9000,
			duration: 30,
			snapshotUrl: 'https://x/c.jpg',
			snapshotWidth: 320,
			snapshotHeight: 240,
			snapshotSize: 100,
		},
		{
			videoUrl: 'https://x/c.mp4',
			videoType: 'mp4',
			videoSize: 9000,
			duration: 30,
			snapshotUrl: 'https://x/c.jpg',
			snapshotWidth: 320,
			snapshotHeight: 240,
			snapshotSize: 100,
			videoUUID: '',
			snapshotUUID: '',
			videoPath: '',
			snapshotPath: '',
		},
	],
	[
		105,
		{ sourceUrl: 'https://x/r.pdf', fileName: 'r.pdf', fileSize: 777 },
		{ sourceUrl: 'https://x/r.pdf', fileName: 'r.pdf', fileSize: 777, uuid: '', filePath: '' },
	],
	[
		106,
		{ text: '@bob look', atUserList: 'bob, carol', isAtSelf: false },
		{ text: '@bob look', atUserList: ['bob', 'carol'], isAtSelf: false },
	],
	[
		107,
		{
			title: 'History',
			abstractList: ['alice: hi', 'bob: hey'],
			multiMessage: JSON.stringify([message]),
		},
		{ title: 'History', abstractList: ['alice: hi', 'bob: hey'], multiMessage: [message] },
	],
	[
		108,
		{ userID: 'carol', nickname: 'Carol', faceURL: 'https://x/c.png' },
		{ userID: 'carol', nickname: 'Carol', faceURL: 'https://x/c.png', ex: '' },
	],
	[
		109,
		{ description: 'Office', longitude: 116.397128, latitude: 39.916527 },
		{ description: 'Office', longitude: 116.397128, latitude: 39.916527 },
	],
	[
		110,
		{ data: '{"type":"order","id":42}', description: 'order', extension: '' },
		{ data: '{"type":"order","id":42}', description: 'order', extension: '' },
	],
	[111, { revokeMsgClientID: 'abc123' }, { revokeMsgClientID: 'abc123' }],
	[112, { msgIDList: ['m1', 'm2'] }, { msgIDList: ['m1', 'm2'] }],
	[
		114,
		{ text: 'Agreed', quoteMessage: JSON.stringify(message) },
		{ text: 'Agreed', quoteMessage: message },
	],
];

/** The bodies of the send requests the server received, parsed from the raw bytes. */
const sentBodies = () =>
	env.requests('manager/send_msg').map((request) => JSON.parse(request.rawBody));

const send = (contentType, fields, extra = {}) =>
	env.run(
		{
			resource: 'message',
			operation: 'send',
			sendID: 'openIM123456',
			recvID: 'bob',
			sessionType: 1,
			contentType,
			...fields,
			...extra,
		},
		[{ json: { name: 'Ann' } }],
	);

describe('message send', () => {
	test('Session Type and receiver from expressions: one message per item, no other operation asks for a field', async () => {
		// The 2021 webhook example does this; a Conversation → Update field once made n8n refuse the workflow.
		const res = await env.run(
			{
				resource: 'message',
				operation: 'send',
				sendID: 'openIM123456',
				sessionType: '={{ $json.sessionType }}',
				recvID: '={{ $json.to }}',
				contentType: 101,
				text: '={{ $json.text }}',
			},
			[
				{ json: { sessionType: 1, to: 'bob', text: 'hi Bob' } },
				{ json: { sessionType: 1, to: 'alice', text: 'hi Alice' } },
			],
		);
		expect(res.status).toBe('success');
		expect(sentBodies()).toEqual([
			expect.objectContaining({ sessionType: 1, recvID: 'bob', content: { text: 'hi Bob' } }),
			expect.objectContaining({ sessionType: 1, recvID: 'alice', content: { text: 'hi Alice' } }),
		]);
		expect(res.items).toHaveLength(2);
	});

	it.each(CASES)('sends content type %i from its fields', async (contentType, fields, content) => {
		const withExpression = contentType === 101 ? { text: '=Hello {{ $json.name }}' } : fields;
		const res = await send(contentType, withExpression);
		expect(res.status).toBe('success');
		// What went over the wire, as the 2021 server reads it (operationID in the body, the token in a header).
		const sent = sentBodies();
		expect(sent).toEqual([
			{
				operationID: expect.any(String),
				sendID: 'openIM123456',
				recvID: 'bob',
				sessionType: 1,
				contentType,
				content,
			},
		]);
		expect(env.requests('manager/send_msg')[0].headers.token).toMatch(/^eyJ/);
		const [stored] = env.state().messages;
		expect(res.items).toEqual([
			{
				json: {
					msgID: stored.msgID,
					sendTime: stored.sendTime,
					sendID: 'openIM123456',
					recvID: 'bob',
					sessionType: 1,
					contentType,
				},
				pairedItem: { item: 0 },
			},
		]);
		env.expectNoSecrets(res);
	});

	it('keeps the nanosecond sendTime exactly as the server wrote it', async () => {
		const res = await send(101, { text: 'x' });
		const raw = env.state().messages[0].sendTime;
		expect(res.items[0].json.sendTime).toMatch(/^\d{19}$/);
		expect(res.items[0].json.sendTime).toBe(raw);
	});

	it('sends a whole content object given as JSON', async () => {
		const res = await send(110, {
			contentMode: 'json',
			content: '={{ JSON.stringify({ data: JSON.stringify($json), description: "raw" }) }}',
		});
		expect(res.status).toBe('success');
		expect(sentBodies().map((body) => body.content)).toEqual([
			{ data: '{"name":"Ann"}', description: 'raw' },
		]);
	});

	it('sends to a group with sender details and a force-push list', async () => {
		await env.register('alice', 'bob');
		const created = await env.run({
			resource: 'group',
			operation: 'create',
			groupName: 'G',
			memberList: { members: [{ uid: 'alice', setRole: 1 }, { uid: 'bob' }] },
		});
		const { groupID } = created.items[0].json;
		const res = await env.run({
			resource: 'message',
			operation: 'send',
			sendID: 'alice',
			recvID: groupID,
			sessionType: 2,
			contentType: 101,
			text: 'hi all',
			additionalFields: {
				senderNickName: 'Alert Bot',
				senderFaceURL: 'https://x/bot.png',
				forceList: 'bob',
			},
		});
		expect(res.status).toBe('success');
		expect(sentBodies()).toEqual([
			{
				operationID: expect.any(String),
				sendID: 'alice',
				recvID: groupID,
				sessionType: 2,
				contentType: 101,
				content: { text: 'hi all' },
				senderNickName: 'Alert Bot',
				senderFaceURL: 'https://x/bot.png',
				forceList: ['bob'],
			},
		]);
		expect(env.state().messages).toHaveLength(1);
	});

	it.each([
		[101, { text: '   ' }, /Text is required/],
		[
			102,
			{ sourcePicture: { type: 'image/png', size: 1, width: 1, height: 1, url: '' } },
			/Source Picture url is required/,
		],
		[102, { sourcePicture: { url: 'https://x/p.png' } }, /Source Picture type is required/],
		[
			102,
			{
				sourcePicture: picture('src'),
				bigPicture: { url: 'https://x/big.png', type: 'image/png', size: 1, width: 0, height: 1 },
			},
			/Big Picture width must be at least 1/,
		],
		[104, { videoUrl: 'https://x/v.mp4', duration: 1.5 }, /Duration must be a whole number/],
		[107, { title: 't', multiMessage: '[]' }, /Messages \(JSON\) needs at least one message/],
		[107, { title: 't', multiMessage: '[{' }, /Messages \(JSON\) is not valid JSON/],
		[109, { longitude: 200, latitude: 0 }, /Longitude must be at most 180/],
		[112, { msgIDList: ' , ' }, /Message IDs needs at least one ID/],
		[114, { text: 't', quoteMessage: '[]' }, /Quoted Message \(JSON\) must be a JSON object/],
		[113, {}, /Content Type must be one of/],
		[
			101,
			{ contentMode: 'json', content: '{"data":"x"}' },
			/Content \(JSON\) needs "text" for content type 101/,
		],
	])('refuses invalid content of type %i before sending', async (contentType, fields, message) => {
		const res = await send(contentType, fields);
		expect(res.status).toBe('error');
		expect(res.error.message).toMatch(message);
		expect(env.requests('manager/send_msg')).toHaveLength(0);
	});
});

describe('message send against the strict 2021 server', () => {
	const strict = useOpenIm({ strictContentTypes: true });

	it('explains that only 101, 102 and 110 are accepted', async () => {
		const res = await strict.run({
			resource: 'message',
			operation: 'send',
			sendID: 'openIM123456',
			recvID: 'bob',
			sessionType: 1,
			contentType: 109,
			longitude: 1,
			latitude: 2,
		});
		expect(res.status).toBe('error');
		expect(res.error.message).toBe(
			'This OpenIM server does not accept this content type (errCode 404)',
		);
		expect(res.error.description).toMatch(/Custom \(110\)/);
	});
});
