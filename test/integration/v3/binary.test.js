// Picture, voice, video and file messages from n8n binary data (3.x): the node uploads the file through the
// emulator's object storage and sends the element it filled; the message's URL gives back the same bytes.
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { useOpenImV3, ADMIN } = require('./context');
const images = require('../../support/images');

const env = useOpenImV3();
const MiB = 1024 * 1024;
const json = (res) => res.items.map((item) => item.json);
const binary = (bytes, mimeType, fileName) => ({
	data: bytes.toString('base64'),
	mimeType,
	fileName,
	fileExtension: fileName.split('.').pop(),
});
const item = (files) => ({ json: {}, binary: files });
const sentContents = () => env.requests('msg/send_msg').map((request) => request.body.content);
const storage = () => env.emu.storage.requests;
const objectRoutes = () =>
	env.emu.requests
		.filter((request) => request.method === 'POST' && request.path.startsWith('/object/'))
		.map((request) => request.path);

/** GET the message's URL as a client would: the API's 302, then the storage's bytes. */
async function download(url) {
	const redirect = await fetch(url, { redirect: 'manual' });
	expect(redirect.status).toBe(302);
	const res = await fetch(redirect.headers.get('location'));
	expect(res.status).toBe(200);
	return { bytes: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') };
}

const send = (fields) => ({
	resource: 'message',
	operation: 'send',
	sendID: ADMIN,
	sessionType: 1,
	recvID: 'bob',
	fileSource: 'binary',
	...fields,
});
const OBJECT_URL = () =>
	expect.stringMatching(new RegExp(`^${env.emu.url}/object/n8n/[0-9a-f-]{36}/`));

describe('3.x messages from binary data', () => {
	beforeEach(() => env.register('bob'));

	it('sends a file message: uploads the bytes, fills URL, name and size, and the URL gives the bytes back', async () => {
		const csv = Buffer.from('day,messages\nmon,12\ntue,7\n');
		const res = await env.run(send({ contentType: 105 }), [
			item({ data: binary(csv, 'text/csv', 'report.csv') }),
		]);
		expect(res.status).toBe('success');
		const [content] = sentContents();
		expect(content).toEqual({
			sourceUrl: expect.stringMatching(
				new RegExp(`^${env.emu.url}/object/n8n/[0-9a-f-]{36}/report\\.csv$`),
			),
			fileName: 'report.csv',
			fileSize: csv.length,
			uuid: expect.any(String),
			filePath: '',
		});
		expect(JSON.parse(env.state().messages[0].content)).toEqual(content);
		expect(await download(content.sourceUrl)).toEqual({ bytes: csv, type: 'text/csv' });
		expect(json(res)[0]).toMatchObject({ recvID: 'bob', contentType: 105 });
		// The form flow: initiate, one POST to the storage, complete; the storage never saw the OpenIM token.
		expect(objectRoutes()).toEqual(['/object/initiate_form_data', '/object/complete_form_data']);
		expect(storage().map((r) => [r.method, r.status])).toEqual([
			['POST', 200],
			['GET', 200],
		]);
		for (const request of storage()) expect(request.headers.token).toBeUndefined();
		env.expectNoSecrets(res);
	});

	it('keeps a file name that is given, and reads another binary field', async () => {
		const pdf = Buffer.from('%PDF-1.4 fake');
		const res = await env.run(
			send({ contentType: 105, binaryPropertyName: 'attachment', fileName: 'Q3 report.pdf' }),
			[item({ attachment: binary(pdf, 'application/pdf', 'x.pdf') })],
		);
		expect(res.status).toBe('success');
		const [content] = sentContents();
		expect(content).toMatchObject({ fileName: 'Q3 report.pdf', fileSize: pdf.length });
		expect((await download(content.sourceUrl)).bytes).toEqual(pdf);
	});

	it.each([
		[
			'PNG',
			images.png(33, 17),
			'image/png',
			'chart.png',
			{ width: 33, height: 17, type: 'image/png' },
		],
		[
			'JPEG without a MIME type',
			images.jpeg(641, 479, { progressive: true }),
			'application/octet-stream',
			'photo.jpg',
			{ width: 641, height: 479, type: 'image/jpeg' },
		],
		['GIF', images.gif(20, 30), 'image/gif', 'a.gif', { width: 20, height: 30, type: 'image/gif' }],
		[
			'WebP',
			images.webp(300, 150, 'extended'),
			'image/webp',
			'w.webp',
			{ width: 300, height: 150, type: 'image/webp' },
		],
	])(
		'sends a picture message from a %s: width and height from its header, the same picture as big and snapshot',
		async (_kind, bytes, mimeType, fileName, expected) => {
			const res = await env.run(send({ contentType: 102 }), [
				item({ data: binary(bytes, mimeType, fileName) }),
			]);
			expect(res.status).toBe('success');
			const [content] = sentContents();
			const picture = {
				uuid: expect.any(String),
				size: bytes.length,
				url: OBJECT_URL(),
				...expected,
			};
			expect(content).toEqual({
				sourcePicture: picture,
				bigPicture: picture,
				snapshotPicture: picture,
				sourcePath: '',
			});
			expect(content.bigPicture).toEqual(content.sourcePicture);
			expect((await download(content.sourcePicture.url)).bytes).toEqual(bytes);
		},
	);

	it('keeps a big or snapshot picture that is given', async () => {
		const snapshot = {
			url: 'https://cdn.example.com/s.jpg',
			type: 'image/jpeg',
			width: 10,
			height: 5,
		};
		const res = await env.run(send({ contentType: 102, snapshotPicture: snapshot }), [
			item({ data: binary(images.png(40, 20), 'image/png', 'p.png') }),
		]);
		expect(res.status).toBe('success');
		const [content] = sentContents();
		expect(content.snapshotPicture).toEqual({ ...snapshot, uuid: '', size: 0 });
		expect(content.bigPicture).toEqual(content.sourcePicture);
	});

	it('sends a voice message: URL and size from the upload, the duration as given', async () => {
		const voice = crypto.randomBytes(3000);
		const res = await env.run(send({ contentType: 103, duration: 4 }), [
			item({ data: binary(voice, 'audio/mp4', 'hello.m4a') }),
		]);
		expect(res.status).toBe('success');
		const [content] = sentContents();
		expect(content).toEqual({
			sourceUrl: OBJECT_URL(),
			dataSize: voice.length,
			duration: 4,
			uuid: expect.any(String),
			soundPath: '',
		});
		expect((await download(content.sourceUrl)).bytes).toEqual(voice);
	});

	it('sends a video message with its snapshot from a second binary field', async () => {
		const video = crypto.randomBytes(5000);
		const snapshot = images.jpeg(320, 180);
		const res = await env.run(
			send({ contentType: 104, duration: 9, snapshotBinaryPropertyName: 'thumb' }),
			[
				item({
					data: binary(video, 'video/mp4', 'clip.mp4'),
					thumb: binary(snapshot, 'image/jpeg', 'clip.jpg'),
				}),
			],
		);
		expect(res.status).toBe('success');
		const [content] = sentContents();
		expect(content).toEqual({
			videoUrl: OBJECT_URL(),
			videoType: 'mp4',
			videoSize: video.length,
			duration: 9,
			videoUUID: expect.any(String),
			snapshotUrl: OBJECT_URL(),
			snapshotWidth: 320,
			snapshotHeight: 180,
			snapshotSize: snapshot.length,
			snapshotUUID: expect.any(String),
			videoPath: '',
			snapshotPath: '',
		});
		expect((await download(content.videoUrl)).bytes).toEqual(video);
		expect((await download(content.snapshotUrl)).bytes).toEqual(snapshot);
	});

	it('sends a video with the snapshot fields when no snapshot field is named, and demands them as the server does', async () => {
		const video = crypto.randomBytes(100);
		const fields = {
			contentType: 104,
			duration: 2,
			snapshotUrl: 'https://cdn.example.com/c.jpg',
			snapshotWidth: 64,
			snapshotHeight: 36,
		};
		const res = await env.run(send(fields), [
			item({ data: binary(video, 'video/webm', 'c.webm') }),
		]);
		expect(res.status).toBe('success');
		expect(sentContents()[0]).toMatchObject({
			videoType: 'webm',
			videoSize: 100,
			snapshotUrl: 'https://cdn.example.com/c.jpg',
			snapshotWidth: 64,
			snapshotHeight: 36,
		});
		const missing = await env.run(send({ ...fields, snapshotUrl: '' }), [
			item({ data: binary(video, 'video/webm', 'c.webm') }),
		]);
		expect(missing.error.message).toBe('Snapshot URL is required [item 0]');
		expect(objectRoutes().filter((p) => p.includes('initiate'))).toHaveLength(1);
	});

	it('uploads a file over 5 MiB in parts (multipart flow) and the URL gives every byte back', async () => {
		const big = crypto.randomBytes(11 * MiB + 123);
		const res = await env.run(send({ contentType: 105 }), [
			item({ data: binary(big, 'application/zip', 'logs.zip') }),
		]);
		expect(res.status).toBe('success');
		expect(objectRoutes()).toEqual([
			'/object/part_size',
			'/object/initiate_multipart_upload',
			'/object/complete_multipart_upload',
		]);
		const puts = storage().filter((r) => r.method === 'PUT');
		expect(puts.map((r) => [r.query.partNumber, r.size])).toEqual([
			['1', 5 * MiB],
			['2', 5 * MiB],
			['3', MiB + 123],
		]);
		for (const request of puts) expect(request.headers.token).toBeUndefined();
		const [content] = sentContents();
		expect(content).toMatchObject({ fileName: 'logs.zip', fileSize: big.length });
		const got = await download(content.sourceUrl);
		expect(got.bytes.equals(big)).toBe(true);
	});

	it('sends the same file to many users (sendToMany)', async () => {
		await env.register('carol');
		const text = Buffer.from('hello all');
		const res = await env.run(
			{
				resource: 'message',
				operation: 'sendToMany',
				sendID: ADMIN,
				uidList: 'bob,carol',
				contentType: 105,
				fileSource: 'binary',
			},
			[item({ data: binary(text, 'text/plain', 'note.txt') })],
		);
		expect(res.status).toBe('success');
		const [request] = env.requests('msg/batch_send_msg');
		expect(request.body).toMatchObject({
			recvIDs: ['bob', 'carol'],
			contentType: 105,
			content: { fileName: 'note.txt', fileSize: text.length },
		});
		expect((await download(request.body.content.sourceUrl)).bytes).toEqual(text);
	});

	describe('refused inputs upload nothing and send nothing', () => {
		it.each([
			[
				'no such binary field',
				send({ contentType: 105 }),
				{ other: binary(Buffer.from('x'), 'text/plain', 'x.txt') },
				'Input Binary Field names no binary data of this item ("data") [item 0]',
			],
			[
				'an empty file',
				send({ contentType: 105 }),
				{ data: binary(Buffer.alloc(0), 'text/plain', 'x.txt') },
				'Input Binary Field names an empty file ("data") [item 0]',
			],
			[
				'a picture that is not one',
				send({ contentType: 102 }),
				{ data: binary(Buffer.from('not a picture'), 'image/png', 'x.png') },
				'Input Binary Field is not a PNG, JPEG, GIF or WebP picture; OpenIM needs its width and height [item 0]',
			],
			[
				'a snapshot that is not a picture',
				send({ contentType: 104, duration: 1, snapshotBinaryPropertyName: 'thumb' }),
				{
					data: binary(Buffer.from('v'), 'video/mp4', 'v.mp4'),
					thumb: binary(Buffer.from('t'), 'image/jpeg', 't.jpg'),
				},
				'Snapshot Input Binary Field is not a PNG, JPEG, GIF or WebP picture; OpenIM needs its width and height [item 0]',
			],
			[
				'a voice message without duration',
				send({ contentType: 103 }),
				{ data: binary(Buffer.from('v'), 'audio/mp4', 'v.m4a') },
				'Duration must be at least 1 [item 0]',
			],
		])('%s', async (_case, parameters, files, message) => {
			const res = await env.run(parameters, [item(files)]);
			expect(res.error.message).toBe(message);
			expect(objectRoutes()).toEqual([]);
			expect(storage()).toEqual([]);
			expect(env.requests('msg/send_msg')).toEqual([]);
		});
	});

	describe('a failed upload says which step failed and sends no message', () => {
		const csv = () => [item({ data: binary(Buffer.from('a,b\n1,2\n'), 'text/csv', 'r.csv') })];
		const big = () => [
			item({ data: binary(crypto.randomBytes(6 * MiB), 'application/octet-stream', 'big.bin') }),
		];
		const FORM = ['/object/initiate_form_data', '/object/complete_form_data'];
		const MULTIPART = [
			'/object/part_size',
			'/object/initiate_multipart_upload',
			'/object/complete_multipart_upload',
		];
		// Each case: the OpenIM object routes and the storage requests ([method, status]) that ran: none
		// after the failed step (no storage POST after a failed initiate, no complete after a failed part).
		it.each([
			[
				'initiate',
				csv,
				() =>
					env.emu.failNext(1, {
						path: '/object/initiate_form_data',
						body: { errCode: 500, errMsg: 'ServerInternalError', errDlt: 'minio down' },
					}),
				/^Upload of Input Binary Field failed at the initiate step: OpenIM .*\(errCode 500\) \[item 0\]$/,
				FORM.slice(0, 1),
				[],
			],
			[
				'storage (form POST)',
				csv,
				() => env.emu.storage.failNext(1, { status: 503 }),
				/^Upload of Input Binary Field failed at the storage step: the object storage at 127\.0\.0\.1:\d+ answered HTTP 503 \(InternalError\) \[item 0\]$/,
				FORM.slice(0, 1),
				[['POST', 503]],
			],
			[
				'complete',
				csv,
				() =>
					env.emu.failNext(1, {
						path: '/object/complete_form_data',
						body: { errCode: 90007, errMsg: 'DataError', errDlt: 'size mismatch' },
					}),
				/^Upload of Input Binary Field failed at the complete step: .*\(errCode 90007\) \[item 0\]$/,
				FORM,
				[['POST', 200]],
			],
			[
				'initiate (multipart)',
				big,
				() =>
					env.emu.failNext(1, {
						path: '/object/initiate_multipart_upload',
						body: { errCode: 500, errMsg: 'ServerInternalError', errDlt: 'too many parts' },
					}),
				/failed at the initiate step: .*\(errCode 500\) \[item 0\]$/,
				MULTIPART.slice(0, 2),
				[],
			],
			[
				'storage (a part PUT)',
				big,
				() => env.emu.storage.failNext(1, { status: 500, method: 'PUT' }),
				/failed at the storage step: the object storage at .* answered HTTP 500 \(InternalError\) \[item 0\]$/,
				MULTIPART.slice(0, 2),
				[['PUT', 500]],
			],
			[
				'complete (multipart)',
				big,
				() =>
					env.emu.failNext(1, {
						path: '/object/complete_multipart_upload',
						body: { errCode: 500, errMsg: 'ServerInternalError', errDlt: 'md5 mismatching' },
					}),
				/failed at the complete step: .*\(errCode 500\) \[item 0\]$/,
				MULTIPART,
				[
					['PUT', 200],
					['PUT', 200],
				],
			],
		])('%s', async (_step, items, fault, message, routes, storageRequests) => {
			fault();
			const res = await env.run(send({ contentType: 105 }), items());
			expect(res.status).toBe('error');
			expect(res.error.message).toMatch(message);
			expect(res.error.description).toContain('No message or change was sent.');
			expect(objectRoutes()).toEqual(routes);
			expect(storage().map((r) => [r.method, r.status])).toEqual(storageRequests);
			expect(env.requests('msg/send_msg')).toEqual([]);
			env.expectNoSecrets(res);
		});

		it('pairs every item with its message or its error under Continue On Fail', async () => {
			const files = ['a', 'b', 'c'].map((name) =>
				item({ data: binary(Buffer.from(`file ${name}`), 'text/plain', `${name}.txt`) }),
			);
			// The second item's POST to the storage fails.
			env.emu.storage.failNext(1, { method: 'POST', skip: 1, status: 503, code: 'SlowDown' });
			const res = await env.run(send({ contentType: 105 }), files, { continueOnFail: true });
			expect(res.status).toBe('success');
			expect(res.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(json(res)[0]).toMatchObject({ contentType: 105, recvID: 'bob' });
			expect(json(res)[1].error).toMatch(
				/^Upload of Input Binary Field failed at the storage step: .*HTTP 503 \(SlowDown\) \[item 1\]$/,
			);
			expect(json(res)[2]).toMatchObject({ contentType: 105, recvID: 'bob' });
			expect(sentContents().map((c) => c.fileName)).toEqual(['a.txt', 'c.txt']);
			// The failed item's upload stopped at its storage POST: no complete for it.
			expect(objectRoutes()).toEqual([...FORM, FORM[0], ...FORM]);
			expect(storage().map((r) => [r.method, r.status])).toEqual([
				['POST', 200],
				['POST', 503],
				['POST', 200],
			]);
		});
	});

	it('refuses the placeholder storage address of a default install with what to set', async () => {
		const formData = env.emu.storage.formData.bind(env.emu.storage);
		env.emu.storage.formData = (...args) => ({
			...formData(...args),
			url: 'http://external_ip:10005/openim',
		});
		const res = await env.run(send({ contentType: 105 }), [
			item({ data: binary(Buffer.from('x'), 'text/plain', 'x.txt') }),
		]);
		env.emu.storage.formData = formData;
		expect(res.error.message).toBe(
			"Upload of Input Binary Field failed at the storage step: OpenIM's object storage answered with the address http://external_ip:10005 [item 0]",
		);
		expect(res.error.description).toContain('MINIO_EXTERNAL_ADDRESS');
		expect(env.requests('msg/send_msg')).toEqual([]);
	});
});

describe('3.x user icons and group faces from binary data', () => {
	const avatar = images.png(64, 64);
	const items = () => [item({ avatar: binary(avatar, 'image/png', 'alice.png') })];

	it('registers and updates a user with the uploaded icon', async () => {
		const res = await env.run(
			{
				resource: 'user',
				operation: 'register',
				uid: 'alice',
				name: 'Alice',
				iconBinaryPropertyName: 'avatar',
			},
			items(),
		);
		expect(res.status).toBe('success');
		const { faceURL } = env.state().users.alice;
		expect(faceURL).toEqual(OBJECT_URL());
		expect(json(res)[0]).toMatchObject({ userID: 'alice', faceURL, registered: true });
		expect((await download(faceURL)).bytes).toEqual(avatar);
		const newer = images.gif(8, 8);
		const updated = await env.run(
			{ resource: 'user', operation: 'update', uid: 'alice', iconBinaryPropertyName: 'avatar' },
			[item({ avatar: binary(newer, 'image/gif', 'a.gif') })],
		);
		expect(updated.status).toBe('success');
		expect(env.state().users.alice.faceURL).not.toBe(faceURL);
		expect((await download(env.state().users.alice.faceURL)).bytes).toEqual(newer);
	});

	it('creates a group and changes its face with an uploaded picture', async () => {
		await env.register('bob');
		const res = await env.run(
			{
				resource: 'group',
				operation: 'create',
				groupName: 'G',
				memberList: { members: [{ uid: 'bob', setRole: 1 }] },
				additionalFields: { groupID: 'g1' },
				faceBinaryPropertyName: 'avatar',
			},
			items(),
		);
		expect(res.status).toBe('success');
		const face = env.state().groups.g1.faceURL;
		expect((await download(face)).bytes).toEqual(avatar);
		const jpeg = images.jpeg(10, 10);
		// The face alone is a change.
		const updated = await env.run(
			{ resource: 'group', operation: 'update', groupID: 'g1', faceBinaryPropertyName: 'avatar' },
			[item({ avatar: binary(jpeg, 'image/jpeg', 'g.jpg') })],
		);
		expect(updated.status).toBe('success');
		expect((await download(env.state().groups.g1.faceURL)).bytes).toEqual(jpeg);
	});

	it('refuses an icon that is no picture, before uploading or registering anything', async () => {
		const res = await env.run(
			{
				resource: 'user',
				operation: 'register',
				uid: 'alice',
				name: 'Alice',
				iconBinaryPropertyName: 'avatar',
			},
			[item({ avatar: binary(Buffer.from('text'), 'text/plain', 'a.txt') })],
		);
		expect(res.error.message).toBe(
			'Icon Input Binary Field is not a PNG, JPEG, GIF or WebP picture; OpenIM needs its width and height [item 0]',
		);
		expect(
			env.emu.requests.filter(
				(r) => r.path.startsWith('/object/') || r.path === '/user/user_register',
			),
		).toEqual([]);
	});
});

describe("3.x messages from binary data in n8n's filesystem mode", () => {
	const nodeModules = path.dirname(require.resolve('n8n-core'));
	const { Container } = require(require.resolve('@n8n/di', { paths: [nodeModules] }));
	const { BinaryDataService } = require('n8n-core');
	let dir;
	let service;

	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openim-binary-'));
		service = Container.get(BinaryDataService);
		Object.assign(service.config, { mode: 'filesystem', localStoragePath: dir });
		await service.init();
	});
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
	beforeEach(() => env.register('bob'));

	it('streams a 12 MiB file that n8n keeps on disk, part by part, and the URL gives every byte back', async () => {
		const bytes = crypto.randomBytes(12 * MiB + 7);
		const stored = await service.store(
			{ type: 'execution', workflowId: 'harness-workflow', executionId: 'fs-1' },
			bytes,
			{ mimeType: 'application/pdf', fileName: 'year.pdf', data: '' },
		);
		expect(stored.id).toMatch(/^filesystem(-v2)?:/);
		expect(stored.data).not.toContain(bytes.subarray(0, 32).toString('base64'));
		const res = await env.run(send({ contentType: 105 }), [item({ data: stored })]);
		expect(res.status).toBe('success');
		const puts = env.emu.storage.requests.filter((r) => r.method === 'PUT');
		expect(puts.map((r) => r.size)).toEqual([5 * MiB, 5 * MiB, 2 * MiB + 7]);
		const [content] = sentContents();
		expect(content).toMatchObject({ fileName: 'year.pdf', fileSize: bytes.length });
		expect((await download(content.sourceUrl)).bytes.equals(bytes)).toBe(true);
	});

	it('reads a picture on disk: its size from the header', async () => {
		const png = images.png(120, 80);
		const stored = await service.store(
			{ type: 'execution', workflowId: 'harness-workflow', executionId: 'fs-2' },
			png,
			{ mimeType: 'image/png', fileName: 'p.png', data: '' },
		);
		const res = await env.run(send({ contentType: 102 }), [item({ data: stored })]);
		expect(res.status).toBe('success');
		expect(sentContents()[0].sourcePicture).toMatchObject({
			width: 120,
			height: 80,
			size: png.length,
			type: 'image/png',
		});
		expect((await download(sentContents()[0].sourcePicture.url)).bytes).toEqual(png);
	});
});
