'use strict';
// object/* (S:internal/api/third.go, internal/rpc/third/s3.go, T:s3/cont/controller.go; §3.6): the API side of
// uploads. The bytes go to the emulator's object storage (../storage.js), which runs on a listener of its own; these
// routes hand out its signed URLs and record which logical name points at which stored object.
const crypto = require('node:crypto');
const { T, req } = require('./common');
const { ApiError, args, noPermission, notFound } = require('../errors');
const { MIN_PART_SIZE, MAX_PART_SIZE, MAX_PARTS, md5 } = require('../storage');

const FORM_DEFAULT_MS = 10 * 60 * 1000;
const SIGN_EXPIRE_MS = 24 * 60 * 60 * 1000;
const PRESIGNED = 2;
const MULTIPART = 1;

const s3Error = (detail) => new ApiError(500, detail, 'ServerInternalError');

/** checkUploadName (S:internal/rpc/third/tool.go): the admin names freely, a user under `<userID>/`. */
function checkName(name, op) {
	if (!name) throw args('name is empty');
	if (name.startsWith('/')) throw args('name cannot start with `/`');
	if (name.length > 1024) throw args('name too long');
	if (!op.admin && !name.startsWith(`${op.userID}/`))
		throw noPermission(`name must start with \`${op.userID}/\``);
}

/** urlPrefix: X-Request-Api + /object/, else the API request's own host. */
const urlOf = (op, name) =>
	`${op.headers['x-request-api'] ? `${op.headers['x-request-api']}/object/` : `http://${op.headers.host}/object/`}${name}`;

/** PartSize: 5 MiB while it covers the file in 10000 parts, else the size that does. */
const partSizeOf = (size) =>
	size <= MIN_PART_SIZE * MAX_PARTS ? MIN_PART_SIZE : Math.ceil(size / MAX_PARTS);
const kv = (entries) =>
	entries.length ? entries.map(([key, value]) => ({ key, values: [String(value)] })) : null;

const encodeID = (fields) => Buffer.from(JSON.stringify(fields)).toString('base64');
function decodeID(id) {
	try {
		const fields = JSON.parse(Buffer.from(id, 'base64').toString('utf8'));
		if (fields && typeof fields === 'object') return fields;
	} catch {
		// falls through to the server's error
	}
	throw args('invalid id');
}

function remember(emu, name, key, size, contentType, group = '') {
	emu.state.objects.set(name, { name, key, size, contentType, group, createTime: Date.now() });
}

/** The signed part PUTs of a multipart upload: sign.url with uploadId, each part's partNumber and header signature. */
function signParts(emu, id, partNumbers) {
	const storage = emu.storage;
	return {
		url: `${storage.url}/openim/${id.c}`,
		query: kv([['uploadId', id.b]]),
		header: null,
		parts: partNumbers.map((partNumber) => ({
			partNumber,
			url: '',
			query: kv([['partNumber', partNumber]]),
			header: kv(Object.entries(storage.partHeaders(id.b, partNumber))),
		})),
	};
}

module.exports = {
	'/object/part_limit': {
		params: req('third.PartLimitReq', []),
		handle: () => ({
			minPartSize: MIN_PART_SIZE,
			maxPartSize: MAX_PART_SIZE,
			maxNumSize: MAX_PARTS,
		}),
	},
	'/object/part_size': {
		params: req('third.PartSizeReq', [['Size', 'size', T.INT64]]),
		handle(emu, p) {
			if (p.size <= 0) throw args('size must be greater than 0');
			return { size: partSizeOf(p.size) };
		},
	},
	'/object/initiate_form_data': {
		params: req('third.InitiateFormDataReq', [
			['Name', 'name', T.STRING],
			['Size', 'size', T.INT64],
			['ContentType', 'contentType', T.STRING],
			['Group', 'group', T.STRING],
			['Millisecond', 'millisecond', T.INT64],
			['Absolute', 'absolute', T.BOOL],
		]),
		handle(emu, p, op) {
			checkName(p.name, op);
			if (p.size <= 0) throw args('size must be greater than 0');
			if (p.size > MAX_PART_SIZE) throw s3Error(`size too large: ${p.size} > ${MAX_PART_SIZE}`);
			const duration = op.admin && p.millisecond > 0 ? p.millisecond : FORM_DEFAULT_MS;
			const ext = /\.[^./]*$/.exec(p.name)?.[0] ?? '';
			const date = new Date().toISOString().slice(0, 10).replace(/-/g, '');
			const key =
				op.admin && p.absolute
					? p.name
					: `openim/direct/${date}/${op.userID}/${crypto.randomUUID().replace(/-/g, '')}${ext}`;
			const expires = Date.now() + duration;
			const { url, formData } = emu.storage.formData(key, p.size, p.contentType, expires);
			const id = encodeID({
				name: p.name,
				key,
				size: p.size,
				contentType: p.contentType,
				group: p.group,
				expires,
			});
			return { id, url, file: 'file', header: null, formData, expires, successCodes: [200] };
		},
	},
	'/object/complete_form_data': {
		params: req('third.CompleteFormDataReq', [['Id', 'id', T.STRING]]),
		handle(emu, p, op) {
			if (!p.id) throw args('id is empty');
			const id = decodeID(p.id);
			checkName(id.name, op);
			const object = emu.storage.objects.get(id.key);
			if (!object) throw s3Error(`The specified key does not exist: ${id.key}`);
			if (object.bytes.length !== id.size)
				throw new ApiError(
					90007,
					`size mismatch ${object.bytes.length} != ${id.size}`,
					'DataError',
				);
			remember(emu, id.name, id.key, id.size, id.contentType || object.contentType, id.group);
			return { url: urlOf(op, id.name) };
		},
	},
	'/object/initiate_multipart_upload': {
		params: req('third.InitiateMultipartUploadReq', [
			['Hash', 'hash', T.STRING],
			['Size', 'size', T.INT64],
			['PartSize', 'partSize', T.INT64],
			['MaxParts', 'maxParts', T.INT32],
			['Cause', 'cause', T.STRING],
			['Name', 'name', T.STRING],
			['ContentType', 'contentType', T.STRING],
		]),
		handle(emu, p, op) {
			checkName(p.name, op);
			if (!/^[0-9a-fA-F]{32}$/.test(p.hash)) throw args('invalid hash');
			if (p.size <= 0) throw args('size must be greater than 0');
			const key = `openim/data/hash/${p.hash.toLowerCase()}`;
			const existing = emu.storage.objects.get(key);
			if (existing && existing.bytes.length === p.size) {
				remember(emu, p.name, key, p.size, p.contentType || existing.contentType);
				return { url: urlOf(op, p.name), upload: null };
			}
			const partSize = p.partSize > 0 ? p.partSize : partSizeOf(p.size);
			if (partSize > MAX_PART_SIZE) throw s3Error(`part size too large: ${partSize}`);
			const partCount = Math.ceil(p.size / partSize);
			if (partCount > 1 && partSize < MIN_PART_SIZE)
				throw s3Error(`part size too small: ${partSize}`);
			if (partCount > MAX_PARTS) throw s3Error(`too many parts: ${partCount}`);
			// T:s3/cont/controller.go compares the wrong way round: more parts asked than the file has is refused.
			if (p.maxParts > partCount) throw s3Error(`too many parts: ${p.maxParts}`);
			const expireTime = Date.now() + SIGN_EXPIRE_MS;
			if (partCount === 1) {
				const id = {
					a: PRESIGNED,
					b: '',
					c: key,
					d: p.size,
					e: p.hash.toLowerCase(),
					name: p.name,
					contentType: p.contentType,
				};
				const url = emu.storage.presign('PUT', key, expireTime);
				const sign = {
					url: '',
					query: null,
					header: null,
					parts: [{ partNumber: 1, url, query: null, header: null }],
				};
				return { url: '', upload: { uploadID: encodeID(id), partSize, sign, expireTime } };
			}
			const id = {
				a: MULTIPART,
				b: emu.storage.createUpload(key, p.hash, p.size, partSize),
				c: key,
				d: p.size,
				e: p.hash.toLowerCase(),
			};
			const signed = p.maxParts < 0 ? partCount : p.maxParts;
			const sign = signParts(
				emu,
				id,
				Array.from({ length: signed }, (_, i) => i + 1),
			);
			return { url: '', upload: { uploadID: encodeID(id), partSize, sign, expireTime } };
		},
	},
	'/object/auth_sign': {
		params: req('third.AuthSignReq', [
			['UploadID', 'uploadID', T.STRING],
			['PartNumbers', 'partNumbers', T.sliceOf(T.INT32)],
		]),
		handle(emu, p) {
			if (!p.uploadID) throw args('uploadID is empty');
			const id = decodeID(p.uploadID);
			if (id.a !== MULTIPART) throw s3Error('upload id type not multipart');
			const numbers = p.partNumbers ?? [];
			if (numbers.some((n) => n < 1 || n > MAX_PARTS)) throw args('invalid part number');
			return signParts(emu, id, numbers);
		},
	},
	'/object/complete_multipart_upload': {
		params: req('third.CompleteMultipartUploadReq', [
			['UploadID', 'uploadID', T.STRING],
			['Parts', 'parts', T.STRINGS],
			['Name', 'name', T.STRING],
			['ContentType', 'contentType', T.STRING],
			['Cause', 'cause', T.STRING],
		]),
		check: (p) =>
			!p.uploadID
				? 'uploadID is empty'
				: !p.parts?.length
					? 'parts is empty'
					: !p.name
						? 'name is empty'
						: undefined,
		handle(emu, p, op) {
			checkName(p.name, op);
			const id = decodeID(p.uploadID);
			if (md5(p.parts.join(',')) !== id.e) throw s3Error('md5 mismatching');
			let object = emu.storage.objects.get(id.c);
			if (id.a === MULTIPART) {
				const done = emu.storage.completeUpload(id.b, p.parts);
				if (done.error) throw s3Error(done.error);
				object = { bytes: done.bytes, contentType: p.contentType || 'application/octet-stream' };
				emu.storage.objects.set(id.c, object);
			} else if (!object) {
				throw s3Error(`The specified key does not exist: ${id.c}`);
			} else if (md5(md5(object.bytes)) !== id.e) {
				throw s3Error('md5 mismatching');
			}
			if (object.bytes.length !== id.d)
				throw s3Error(`object size mismatch ${object.bytes.length} != ${id.d}`);
			remember(emu, p.name, id.c, id.d, p.contentType || object.contentType);
			return { url: urlOf(op, p.name) };
		},
	},
	'/object/access_url': {
		params: req('third.AccessURLReq', [
			['Name', 'name', T.STRING],
			['Query', 'query', T.MAP],
		]),
		handle(emu, p) {
			const object = emu.state.objects.get(p.name);
			if (!object) throw notFound();
			const expireTime = Date.now() + 7 * 24 * 3600 * 1000;
			return { url: emu.storage.presign('GET', object.key, expireTime), expireTime };
		},
	},
};

/** GET /object/<name> (no token, no operationID): 302 to a fresh presigned GET, or gin's plain-text errors. */
function objectRedirect(emu, name) {
	const object = name ? emu.state.objects.get(name) : undefined;
	if (!name) return { status: 400, text: 'name is empty', type: 'text/plain; charset=utf-8' };
	if (!object)
		return { status: 404, text: 'RecordNotFoundError', type: 'text/plain; charset=utf-8' };
	return {
		status: 302,
		location: emu.storage.presign('GET', object.key, Date.now() + 7 * 24 * 3600 * 1000),
	};
}

module.exports.objectRedirect = objectRedirect;
