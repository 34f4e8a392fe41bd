// The 3.x emulator's object storage (server-api-v3.md 3.6): both upload flows with their checks, and GET /object/<name>.
const crypto = require('node:crypto');
const { useEmulator, adminClient, call, register, adminToken } = require('./helpers');

const ctx = useEmulator();
const md5 = (bytes) => crypto.createHash('md5').update(bytes).digest('hex');
const MiB = 1024 * 1024;

/** The form POST as a browser sends it: every formData entry, then the file last. */
async function formPost(
	data,
	bytes,
	{ fields = data.formData, fileFirst = false, type = 'text/plain' } = {},
) {
	const form = new FormData();
	const file = () => form.append(data.file, new Blob([bytes], { type }), 'f.txt');
	if (fileFirst) file();
	for (const [key, value] of Object.entries(fields)) form.append(key, value);
	if (!fileFirst) file();
	return await fetch(data.url, { method: 'POST', body: form });
}

const kvs = (list) => Object.fromEntries((list ?? []).map(({ key, values }) => [key, values[0]]));
/** One signed part PUT: part.url, else sign.url with sign.query and part.query; sign.header and part.header. */
function partRequest(sign, part, bytes) {
	const url = new URL(part.url || sign.url);
	for (const [key, value] of Object.entries({ ...kvs(sign.query), ...kvs(part.query) }))
		url.searchParams.set(key, value);
	return fetch(url, {
		method: 'PUT',
		headers: { ...kvs(sign.header), ...kvs(part.header) },
		body: bytes,
	});
}

async function download(url) {
	const redirect = await fetch(url, { redirect: 'manual' });
	expect(redirect.status).toBe(302);
	const stored = await fetch(redirect.headers.get('location'));
	return {
		status: stored.status,
		type: stored.headers.get('content-type'),
		bytes: Buffer.from(await stored.arrayBuffer()),
	};
}

describe('3.x emulator object storage: form POST (initiate_form_data)', () => {
	it('initiates, takes the form POST with the policy fields and completes to a URL that redirects to the bytes', async () => {
		const { api } = await adminClient(ctx.emu);
		const bytes = Buffer.from('day,total\nmon,3\n');
		const init = await api('/object/initiate_form_data', {
			name: 'reports/day.csv',
			size: bytes.length,
			contentType: 'text/csv',
		});
		expect(init.json.errCode).toBe(0);
		const data = init.json.data;
		expect(data).toEqual({
			id: expect.any(String),
			url: `${ctx.emu.storage.url}/openim`,
			file: 'file',
			header: null,
			formData: expect.objectContaining({
				key: expect.stringMatching(/^openim\/direct\/\d{8}\/imAdmin\/[0-9a-f]{32}\.csv$/),
				policy: expect.any(String),
				'x-amz-signature': expect.any(String),
				success_action_status: '200',
				'Content-Type': 'text/csv',
			}),
			expires: expect.any(Number),
			successCodes: [200],
		});
		expect(new URL(data.url).port).not.toBe(new URL(ctx.emu.url).port);
		const posted = await formPost(data, bytes, { type: 'text/csv' });
		expect(posted.status).toBe(200);
		const done = await api('/object/complete_form_data', { id: data.id });
		expect(done.json).toEqual({
			errCode: 0,
			errMsg: '',
			errDlt: '',
			data: { url: `${ctx.emu.url}/object/reports/day.csv` },
		});
		const got = await download(done.json.data.url);
		expect(got).toEqual({ status: 200, type: 'text/csv', bytes });
	});

	it('refuses a POST whose policy fields were changed, left out or sent after the file, and a file over the size', async () => {
		const { api } = await adminClient(ctx.emu);
		const { data } = (
			await api('/object/initiate_form_data', { name: 'a.txt', size: 4, contentType: 'text/plain' })
		).json;
		expect(
			(await formPost(data, Buffer.from('abcd'), { fields: { ...data.formData, key: 'other' } }))
				.status,
		).toBe(403);
		const { policy, ...withoutPolicy } = data.formData;
		expect(policy).toBeTruthy();
		expect((await formPost(data, Buffer.from('abcd'), { fields: withoutPolicy })).status).toBe(403);
		expect((await formPost(data, Buffer.from('abcd'), { fileFirst: true })).status).toBe(403);
		expect((await formPost(data, Buffer.from('abcde'))).status).toBe(400);
		expect(
			(
				await formPost(data, Buffer.from('abcd'), {
					fields: { ...data.formData, 'Content-Type': 'image/png' },
				})
			).status,
		).toBe(403);
		expect(ctx.emu.storage.objects.size).toBe(0);
	});

	it('completes only what was stored with the declared size (90007), and names only under the user unless admin', async () => {
		const { api } = await adminClient(ctx.emu);
		const { data } = (await api('/object/initiate_form_data', { name: 'b.txt', size: 10 })).json;
		expect((await api('/object/complete_form_data', { id: data.id })).json.errCode).toBe(500);
		await formPost(data, Buffer.from('short'));
		expect((await api('/object/complete_form_data', { id: data.id })).json).toMatchObject({
			errCode: 90007,
		});
		await register(ctx.emu, await adminToken(ctx.emu), 'bob');
		const { token } = ctx.emu.issueToken('bob', 5);
		expect(
			(
				await call(
					ctx.emu,
					'/object/initiate_form_data',
					{ name: 'elsewhere/x', size: 1 },
					{ token },
				)
			).json.errCode,
		).toBe(1002);
		expect(
			(await call(ctx.emu, '/object/initiate_form_data', { name: 'bob/x', size: 1 }, { token }))
				.json.errCode,
		).toBe(0);
		expect((await api('/object/initiate_form_data', { name: '/abs', size: 1 })).json.errCode).toBe(
			1001,
		);
		expect((await api('/object/initiate_form_data', { name: 'z', size: 0 })).json.errCode).toBe(
			1001,
		);
	});

	it('answers GET /object/<name> without token: 404 for an unknown name; the URL prefix follows X-Request-Api', async () => {
		const missing = await fetch(`${ctx.emu.url}/object/nothing/here`, { redirect: 'manual' });
		expect([missing.status, await missing.text()]).toEqual([404, 'RecordNotFoundError']);
		const { api } = await adminClient(ctx.emu);
		const { data } = (await api('/object/initiate_form_data', { name: 'c.txt', size: 1 })).json;
		await formPost(data, Buffer.from('c'));
		const done = await api(
			'/object/complete_form_data',
			{ id: data.id },
			{ headers: { 'X-Request-Api': 'https://im.example.com/api' } },
		);
		expect(done.json.data.url).toBe('https://im.example.com/api/object/c.txt');
	});
});

describe('3.x emulator object storage: presigned and multipart PUT (initiate_multipart_upload)', () => {
	it('takes one presigned PUT for a file of one part; hash = md5 of the part md5s', async () => {
		const { api } = await adminClient(ctx.emu);
		const bytes = crypto.randomBytes(1000);
		const hash = md5(md5(bytes));
		const init = await api('/object/initiate_multipart_upload', {
			hash,
			size: bytes.length,
			maxParts: -1,
			name: 'one.bin',
			contentType: 'application/octet-stream',
		});
		const { upload } = init.json.data;
		expect(upload.sign.parts).toHaveLength(1);
		expect((await partRequest(upload.sign, upload.sign.parts[0], bytes)).status).toBe(200);
		const done = await api('/object/complete_multipart_upload', {
			uploadID: upload.uploadID,
			parts: [md5(bytes)],
			name: 'one.bin',
			contentType: 'application/octet-stream',
		});
		expect(done.json.data.url).toBe(`${ctx.emu.url}/object/one.bin`);
		expect((await download(done.json.data.url)).bytes.equals(bytes)).toBe(true);
		// The same content again: the server already has it (url, no upload).
		const again = await api('/object/initiate_multipart_upload', {
			hash,
			size: bytes.length,
			maxParts: -1,
			name: 'two.bin',
		});
		expect(again.json.data).toEqual({ url: `${ctx.emu.url}/object/two.bin`, upload: null });
	});

	it('takes signed parts of 5 MiB, signs more with auth_sign, and joins them in order', async () => {
		const { api } = await adminClient(ctx.emu);
		const bytes = crypto.randomBytes(11 * MiB);
		const size = (await api('/object/part_size', { size: bytes.length })).json.data.size;
		expect(size).toBe(5 * MiB);
		const parts = [0, 1, 2].map((i) => bytes.subarray(i * size, (i + 1) * size));
		const hash = md5(parts.map(md5).join(','));
		const { upload } = (
			await api('/object/initiate_multipart_upload', {
				hash,
				size: bytes.length,
				partSize: size,
				maxParts: 1,
				name: 'big.bin',
			})
		).json.data;
		expect(upload.sign.parts.map((p) => p.partNumber)).toEqual([1]);
		expect((await partRequest(upload.sign, upload.sign.parts[0], parts[0])).status).toBe(200);
		const more = (
			await api('/object/auth_sign', { uploadID: upload.uploadID, partNumbers: [2, 3] })
		).json.data;
		// A part with another part's signature is refused.
		expect(
			(await partRequest(more, { ...more.parts[0], query: more.parts[1].query }, parts[2])).status,
		).toBe(403);
		for (const [i, part] of more.parts.entries())
			expect((await partRequest(more, part, parts[i + 1])).status).toBe(200);
		const wrong = await api('/object/complete_multipart_upload', {
			uploadID: upload.uploadID,
			parts: [md5(parts[1]), md5(parts[0]), md5(parts[2])],
			name: 'big.bin',
		});
		expect(wrong.json).toMatchObject({ errCode: 500, errDlt: 'md5 mismatching' });
		const done = await api('/object/complete_multipart_upload', {
			uploadID: upload.uploadID,
			parts: parts.map(md5),
			name: 'big.bin',
		});
		expect(done.json.errCode).toBe(0);
		expect((await download(done.json.data.url)).bytes.equals(bytes)).toBe(true);
	});

	it('refuses a bad hash, more parts asked than the file has, and a PUT without Content-Length or signature', async () => {
		const { api } = await adminClient(ctx.emu);
		expect(
			(await api('/object/initiate_multipart_upload', { hash: 'xyz', size: 1, name: 'n' })).json
				.errCode,
		).toBe(1001);
		const bytes = Buffer.from('hello');
		expect(
			(
				await api('/object/initiate_multipart_upload', {
					hash: md5(md5(bytes)),
					size: 5,
					maxParts: 20,
					name: 'n',
				})
			).json,
		).toMatchObject({ errCode: 500, errDlt: 'too many parts: 20' });
		const { upload } = (
			await api('/object/initiate_multipart_upload', {
				hash: md5(md5(bytes)),
				size: 5,
				maxParts: 1,
				name: 'n',
			})
		).json.data;
		const url = new URL(upload.sign.parts[0].url);
		url.searchParams.set('X-Amz-Signature', 'forged');
		expect((await fetch(url, { method: 'PUT', body: bytes })).status).toBe(403);
		const chunked = await fetch(upload.sign.parts[0].url, {
			method: 'PUT',
			body: new Blob([bytes]).stream(),
			duplex: 'half',
		});
		expect(chunked.status).toBe(411);
		// Nothing stored: complete fails, and no name resolves.
		expect(
			(
				await api('/object/complete_multipart_upload', {
					uploadID: upload.uploadID,
					parts: [md5(bytes)],
					name: 'n',
				})
			).json.errCode,
		).toBe(500);
		expect((await fetch(`${ctx.emu.url}/object/n`, { redirect: 'manual' })).status).toBe(404);
	});

	it('fails storage requests on demand, and logs what reached the storage', async () => {
		const { api } = await adminClient(ctx.emu);
		const { data } = (await api('/object/initiate_form_data', { name: 'f.txt', size: 1 })).json;
		ctx.emu.storage.failNext(1, { status: 503 });
		expect((await formPost(data, Buffer.from('f'))).status).toBe(503);
		expect((await formPost(data, Buffer.from('f'))).status).toBe(200);
		expect(ctx.emu.storage.requests.map((r) => [r.method, r.path, r.status])).toEqual([
			['POST', '/openim', 503],
			['POST', '/openim', 200],
		]);
		expect((await api('/object/part_limit', {})).json.data).toEqual({
			minPartSize: 5 * MiB,
			maxPartSize: 5 * 1024 * MiB,
			maxNumSize: 10000,
		});
	});
});
