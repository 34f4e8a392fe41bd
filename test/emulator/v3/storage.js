'use strict';
// The object storage behind a 3.x server (MinIO, server-api-v3.md 3.6), on a listener of its own, as MinIO runs
// apart from the API (externalAddress): the form POST of initiate_form_data, the presigned PUTs of
// initiate_multipart_upload (one presigned PUT, or S3 multipart parts signed in headers), and the presigned GET that
// the API's GET /object/<name> redirects to. Signatures are HMACs with the emulator's own key: a client must copy
// what the server handed out verbatim, and anything it changes is refused as S3 refuses it.
const crypto = require('node:crypto');
const http = require('node:http');

const BUCKET = 'openim';
const MIN_PART_SIZE = 5 * 1024 * 1024;
const MAX_PART_SIZE = 5 * 1024 * 1024 * 1024;
const MAX_PARTS = 10000;
// S3's limit for a single PUT or POST (and MinIO's maxPartSize).
const MAX_SINGLE_SIZE = MAX_PART_SIZE;

const md5 = (bytes) => crypto.createHash('md5').update(bytes).digest('hex');
const s3Error = (status, code, message) => ({
	status,
	type: 'application/xml',
	body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
});

/** The parts of a multipart/form-data body, in order: { name, filename, contentType, data (Buffer) }. */
function parseForm(body, contentType) {
	const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
	if (!boundary) return undefined;
	const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
	const parts = [];
	let start = body.indexOf(delimiter);
	while (start !== -1) {
		const next = body.indexOf(delimiter, start + delimiter.length);
		if (next === -1) break;
		const chunk = body.subarray(start + delimiter.length + 2, next - 2);
		const split = chunk.indexOf('\r\n\r\n');
		if (split === -1) return undefined;
		const head = chunk.subarray(0, split).toString('utf8');
		const disposition =
			/content-disposition:[^\r\n]*?name="([^"]*)"(?:; *filename="([^"]*)")?/i.exec(head);
		if (!disposition) return undefined;
		parts.push({
			name: disposition[1],
			filename: disposition[2],
			contentType: /content-type: *([^\r\n]+)/i.exec(head)?.[1],
			data: chunk.subarray(split + 4),
		});
		start = next;
	}
	return parts;
}

class ObjectStorage {
	constructor({ host = '127.0.0.1', port = 0 } = {}) {
		this.host = host;
		this.port = port;
		this.key = crypto.randomBytes(16);
		this.requests = [];
		this.failures = [];
		this.reset();
		this.sockets = new Set();
		this.server = http.createServer((req, res) => this.onRequest(req, res));
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	reset() {
		// S3 key -> { bytes, contentType }
		this.objects = new Map();
		// form id -> { key, size, contentType, name, expires }
		this.forms = new Map();
		// s3 uploadId -> { key, hash, size, partSize, parts: Map(partNumber -> bytes) }
		this.uploads = new Map();
		this.requests.length = 0;
		this.failures.length = 0;
	}

	start() {
		return new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.port, this.host, () => {
				this.server.off('error', reject);
				this.url = `http://${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.server.address().port}`;
				resolve(this);
			});
		});
	}

	stop() {
		return new Promise((resolve) => {
			this.server.close(() => resolve());
			for (const socket of this.sockets) socket.destroy();
		});
	}

	/**
	 * The next `count` requests to the storage (of `method` if given), after `skip` such requests that go through,
	 * are answered `status` with an S3 error of `code`.
	 */
	failNext(count, { status = 500, method, skip = 0, code = 'InternalError' } = {}) {
		for (let i = 0; i < skip; i++) this.failures.push({ method, pass: true });
		for (let i = 0; i < count; i++) this.failures.push({ status, method, code });
	}

	sign(...fields) {
		return crypto.createHmac('sha256', this.key).update(fields.join('\n')).digest('hex');
	}

	/** A presigned URL of the storage: GET of an object, or the single PUT of a presigned upload. */
	presign(method, key, expires) {
		const query = new URLSearchParams({
			'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
			'X-Amz-Expires': String(expires),
			'X-Amz-Signature': this.sign(method, key, expires),
		});
		return `${this.url}/${BUCKET}/${key}?${query}`;
	}

	// ---- what the API routes ask of the storage ----

	/** initiate_form_data: MinIO's PresignedPostPolicy for one key, `size` at most. */
	formData(key, size, contentType, expires) {
		const conditions = [
			{ bucket: BUCKET },
			['eq', '$key', key],
			['content-length-range', 0, size],
			['eq', '$success_action_status', '200'],
			...(contentType ? [['eq', '$Content-Type', contentType]] : []),
		];
		const policy = Buffer.from(
			JSON.stringify({ expiration: new Date(expires).toISOString(), conditions }),
		).toString('base64');
		const date = new Date().toISOString().replace(/[-:]|\.\d+/g, '');
		return {
			url: `${this.url}/${BUCKET}`,
			formData: {
				bucket: BUCKET,
				key,
				policy,
				'x-amz-algorithm': 'AWS4-HMAC-SHA256',
				'x-amz-credential': `root/${date.slice(0, 8)}/us-east-1/s3/aws4_request`,
				'x-amz-date': date,
				'x-amz-signature': this.sign('POST', policy),
				success_action_status: '200',
				...(contentType && { 'Content-Type': contentType }),
			},
		};
	}

	/** initiate_multipart_upload's S3 side: a new S3 upload for the hash's key. */
	createUpload(key, hash, size, partSize) {
		const uploadId = crypto.randomUUID();
		this.uploads.set(uploadId, { key, hash, size, partSize, parts: new Map() });
		return uploadId;
	}

	/** The SigV4-like header signature of one part PUT (bound to its date, as S3's header signatures are). */
	partHeaders(uploadId, partNumber) {
		const date = new Date().toISOString().replace(/[-:]|\.\d+/g, '');
		return {
			Authorization: `AWS4-HMAC-SHA256 Credential=root/${date.slice(0, 8)}/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=${this.sign('PUT', uploadId, partNumber, date)}`,
			'X-Amz-Date': date,
			'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD',
		};
	}

	// ---- HTTP ----

	async onRequest(req, res) {
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const body = Buffer.concat(chunks);
		const url = new URL(req.url, 'http://storage');
		const entry = {
			method: req.method,
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: { ...req.headers },
			size: body.length,
			time: Date.now(),
		};
		this.requests.push(entry);
		const index = this.failures.findIndex((f) => !f.method || f.method === req.method);
		const failure = index === -1 ? undefined : this.failures.splice(index, 1)[0];
		let answer;
		if (failure && !failure.pass) {
			answer = s3Error(
				failure.status,
				failure.code,
				'We encountered an internal error, please try again.',
			);
		} else {
			try {
				answer = this.handle(req, url, body);
			} catch (error) {
				console.error('openim-emulator storage:', error);
				answer = s3Error(500, 'InternalError', String(error.message));
			}
		}
		entry.status = answer.status;
		const bytes = Buffer.isBuffer(answer.body) ? answer.body : Buffer.from(answer.body ?? '');
		res.writeHead(answer.status, {
			...(answer.type && { 'Content-Type': answer.type }),
			...answer.headers,
			'Content-Length': bytes.length,
		});
		res.end(bytes);
	}

	handle(req, url, body) {
		const path = decodeURIComponent(url.pathname);
		if (req.method === 'POST' && path === `/${BUCKET}`) return this.formPost(req, body);
		if (!path.startsWith(`/${BUCKET}/`))
			return s3Error(404, 'NoSuchBucket', 'The specified bucket does not exist');
		const key = path.slice(BUCKET.length + 2);
		if (req.method === 'PUT') return this.put(req, url, key, body);
		if (req.method === 'GET') return this.get(url, key);
		return s3Error(
			405,
			'MethodNotAllowed',
			'The specified method is not allowed against this resource.',
		);
	}

	/** S3 POST Object with a POST policy: every policy field as sent, the file last, within the size range. */
	formPost(req, body) {
		if (req.headers['transfer-encoding'] && !req.headers['content-length'])
			return s3Error(
				411,
				'MissingContentLength',
				'You must provide the Content-Length HTTP header.',
			);
		const parts = parseForm(body, req.headers['content-type']);
		if (!parts)
			return s3Error(
				400,
				'MalformedPOSTRequest',
				'The body of your POST request is not well-formed multipart/form-data.',
			);
		const fileIndex = parts.findIndex((p) => p.name === 'file');
		if (fileIndex === -1)
			return s3Error(400, 'InvalidArgument', 'POST requires exactly one file upload per request.');
		// S3 ignores fields after the file: a policy field sent after it is as good as missing.
		const fields = Object.fromEntries(
			parts.slice(0, fileIndex).map((p) => [p.name, p.data.toString('utf8')]),
		);
		const file = parts[fileIndex].data;
		if (!fields.policy || fields['x-amz-signature'] !== this.sign('POST', fields.policy))
			return s3Error(
				403,
				'SignatureDoesNotMatch',
				'The request signature we calculated does not match the signature you provided.',
			);
		const policy = JSON.parse(Buffer.from(fields.policy, 'base64').toString('utf8'));
		if (Date.parse(policy.expiration) < Date.now())
			return s3Error(403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');
		for (const condition of policy.conditions) {
			if (Array.isArray(condition) && condition[0] === 'eq') {
				const name = condition[1].slice(1);
				if (fields[name] !== condition[2])
					return s3Error(
						403,
						'AccessDenied',
						`Invalid according to Policy: Policy Condition failed: ["eq", "$${name}", "${condition[2]}"]`,
					);
			} else if (Array.isArray(condition) && condition[0] === 'content-length-range') {
				if (file.length < condition[1] || file.length > condition[2])
					return s3Error(
						400,
						'EntityTooLarge',
						'Your proposed upload exceeds the maximum allowed object size.',
					);
			} else if (
				condition.bucket &&
				fields.bucket !== undefined &&
				fields.bucket !== condition.bucket
			) {
				return s3Error(
					403,
					'AccessDenied',
					'Invalid according to Policy: Policy Condition failed: ["eq", "$bucket"]',
				);
			}
		}
		this.objects.set(fields.key, {
			bytes: Buffer.from(file),
			contentType: fields['Content-Type'] ?? 'application/octet-stream',
		});
		return { status: Number(fields.success_action_status ?? 204), body: '' };
	}

	/** A part of a multipart upload (header signature), or a presigned single PUT (query signature). */
	put(req, url, key, body) {
		if (req.headers['content-length'] === undefined)
			return s3Error(
				411,
				'MissingContentLength',
				'You must provide the Content-Length HTTP header.',
			);
		const uploadId = url.searchParams.get('uploadId');
		if (uploadId === null) {
			const expires = url.searchParams.get('X-Amz-Expires');
			if (url.searchParams.get('X-Amz-Signature') !== this.sign('PUT', key, expires))
				return s3Error(
					403,
					'SignatureDoesNotMatch',
					'The request signature we calculated does not match the signature you provided.',
				);
			if (Number(expires) < Date.now()) return s3Error(403, 'AccessDenied', 'Request has expired');
			if (body.length > MAX_SINGLE_SIZE)
				return s3Error(
					400,
					'EntityTooLarge',
					'Your proposed upload exceeds the maximum allowed object size.',
				);
			this.objects.set(key, {
				bytes: body,
				contentType: req.headers['content-type'] ?? 'application/octet-stream',
			});
			return { status: 200, headers: { ETag: `"${md5(body)}"` } };
		}
		const upload = this.uploads.get(uploadId);
		if (!upload || upload.key !== key)
			return s3Error(404, 'NoSuchUpload', 'The specified multipart upload does not exist.');
		const partNumber = Number(url.searchParams.get('partNumber'));
		if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PARTS)
			return s3Error(
				400,
				'InvalidArgument',
				'Part number must be an integer between 1 and 10000, inclusive',
			);
		const date = req.headers['x-amz-date'] ?? '';
		const signature = /Signature=([0-9a-f]+)/.exec(req.headers.authorization ?? '')?.[1];
		if (signature !== this.sign('PUT', uploadId, partNumber, date))
			return s3Error(
				403,
				'SignatureDoesNotMatch',
				'The request signature we calculated does not match the signature you provided.',
			);
		if (body.length > MAX_PART_SIZE)
			return s3Error(
				400,
				'EntityTooLarge',
				'Your proposed upload exceeds the maximum allowed object size.',
			);
		upload.parts.set(partNumber, body);
		return { status: 200, headers: { ETag: `"${md5(body)}"` } };
	}

	get(url, key) {
		const expires = url.searchParams.get('X-Amz-Expires');
		if (url.searchParams.get('X-Amz-Signature') !== this.sign('GET', key, expires))
			return s3Error(
				403,
				'SignatureDoesNotMatch',
				'The request signature we calculated does not match the signature you provided.',
			);
		if (Number(expires) < Date.now()) return s3Error(403, 'AccessDenied', 'Request has expired');
		const object = this.objects.get(key);
		if (!object) return s3Error(404, 'NoSuchKey', 'The specified key does not exist.');
		return { status: 200, type: object.contentType, body: object.bytes };
	}

	/**
	 * CompleteMultipartUpload: the parts in order, each the size S3 wants (all but the last at least 5 MiB), their
	 * md5s the ones given; the object is the parts joined.
	 */
	completeUpload(uploadId, partMd5s) {
		const upload = this.uploads.get(uploadId);
		if (!upload) return { error: 'NoSuchUpload: The specified multipart upload does not exist.' };
		const parts = [];
		for (let number = 1; number <= partMd5s.length; number++) {
			const part = upload.parts.get(number);
			if (!part)
				return {
					error: `InvalidPart: One or more of the specified parts could not be found (part ${number}).`,
				};
			if (md5(part) !== String(partMd5s[number - 1]).toLowerCase())
				return { error: `InvalidPart: part ${number} md5 mismatching` };
			if (number < partMd5s.length && part.length < MIN_PART_SIZE)
				return {
					error:
						'EntityTooSmall: Your proposed upload is smaller than the minimum allowed object size.',
				};
			parts.push(part);
		}
		const bytes = Buffer.concat(parts);
		this.uploads.delete(uploadId);
		return { bytes, upload };
	}
}

module.exports = { ObjectStorage, BUCKET, MIN_PART_SIZE, MAX_PART_SIZE, MAX_PARTS, md5, parseForm };
