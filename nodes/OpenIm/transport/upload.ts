import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Param } from '../helpers/params';
import { networkFailure, NETWORK_REASONS } from './network';
import { ssrfRefusal } from './ssrf';
import type { RequestSettings, Session } from './client';

/**
 * A file for OpenIM's object storage (server-api-v3.md 3.6). `open` gives its bytes from the
 * start, as one Buffer (n8n holds the file in memory) or as a stream (n8n keeps it on disk or
 * in its database), in chunks of `chunkSize` where the source can; it is called once per pass
 * over the file.
 */
export interface UploadFile {
	size: number;
	fileName: string;
	mimeType: string;
	open: (chunkSize?: number) => Promise<Buffer | AsyncIterable<Buffer>>;
}

export interface Uploaded {
	/** The API's `/object/<name>` URL, which redirects to the stored bytes: what messages carry. */
	url: string;
	size: number;
	fileName: string;
	mimeType: string;
}

/**
 * Up to one part, the form POST (one request, the file in memory once); above, S3 multipart
 * PUTs, one part in memory at a time. 5 MiB is the server's part size for any file up to
 * 50 GB (object/part_size) and S3's smallest part.
 */
const FORM_UPLOAD_MAX = 5 * 1024 * 1024;
/** Parts signed per object/initiate_multipart_upload or object/auth_sign: header signatures last ~15 min. */
const SIGNED_PER_REQUEST = 20;
const STORAGE_TIMEOUT_MS = 300000;

type Step = 'initiate' | 'storage' | 'complete';

interface KeyValues {
	key: string;
	values: string[];
}

interface SignedPart {
	partNumber: number;
	url?: string;
	query?: KeyValues[] | null;
	header?: KeyValues[] | null;
}

interface Sign {
	url?: string;
	query?: KeyValues[] | null;
	header?: KeyValues[] | null;
	parts?: SignedPart[] | null;
}

/** The md5 of the pieces one after another, as if they were one Buffer (nothing is joined). */
const md5 = (...pieces: Array<Buffer | string>) =>
	pieces.reduce((hash, piece) => hash.update(piece), createHash('md5')).digest('hex');

/**
 * The file in parts of `size` bytes (the last one shorter), each as the pieces it was read in:
 * nothing is copied (a Buffer is sliced, a stream's chunks are cut at the part boundaries).
 */
async function* partsOf(file: UploadFile, size: number): AsyncGenerator<Buffer[]> {
	const source = await file.open(size);
	let total = 0;
	let part: Buffer[] = [];
	let length = 0;
	for await (const chunk of Buffer.isBuffer(source) ? [source] : source) {
		let rest = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
		total += rest.length;
		while (length + rest.length >= size) {
			const take = size - length;
			part.push(rest.subarray(0, take));
			yield part;
			part = [];
			length = 0;
			rest = rest.subarray(take);
		}
		if (rest.length) {
			part.push(rest);
			length += rest.length;
		}
	}
	if (length) yield part;
	if (total !== file.size)
		throw new Error(`the binary data has ${total} bytes, its metadata says ${file.size}`);
}

/** One part's bytes in one Buffer, copied only where the part spans chunks of the source. */
const joined = (pieces: Buffer[]) => (pieces.length === 1 ? pieces[0] : Buffer.concat(pieces));

/** The file in slices of `size` bytes (the last one shorter); a Buffer is sliced without copying. */
export async function* slices(file: UploadFile, size: number): AsyncGenerator<Buffer> {
	for await (const part of partsOf(file, size)) yield joined(part);
}

/**
 * The values of `source`, the next one read while the caller works on this one: a part is read
 * from n8n's storage while the one before it is still on its way to OpenIM's.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
	const iterator = source[Symbol.asyncIterator]();
	let next = iterator.next();
	try {
		for (;;) {
			const current = await next;
			if (current.done) return;
			next = iterator.next();
			// Settled later, or never if the caller stops: either way not an unhandled rejection.
			next.catch(() => undefined);
			yield current.value;
		}
	} finally {
		await next.catch(() => undefined);
		await iterator.return?.();
	}
}

/** The file's first `count` bytes (all of it when shorter), reading no further. */
export async function head(file: UploadFile, count: number): Promise<Buffer> {
	const source = await file.open();
	if (Buffer.isBuffer(source)) return source.subarray(0, count);
	const chunks: Buffer[] = [];
	let length = 0;
	for await (const chunk of source) {
		chunks.push(chunk);
		length += chunk.length;
		if (length >= count) break;
	}
	return Buffer.concat(chunks).subarray(0, count);
}

const kv = (list: KeyValues[] | null | undefined): Record<string, string> =>
	Object.fromEntries(
		(list ?? [])
			.filter((entry) => entry?.key)
			.map((entry) => [entry.key, String(entry.values?.[0] ?? '')]),
	);

/** The error of a step, naming the parameter and the item (made by uploadFile). */
type Fail = (step: Step, problem: string, description?: string) => NodeOperationError;

/**
 * Where the bytes go is the server's answer (MinIO's externalAddress). It is checked to be an
 * http(s) URL and not the placeholder of a default install; n8n's SSRF protection, where it is on,
 * still judges the host like any other request. The storage never gets the OpenIM token: its
 * requests carry only what the server handed out for them.
 */
function storageUrl(fail: Fail, value: unknown, what: string): URL {
	let url: URL;
	try {
		url = new URL(String(value ?? ''));
	} catch {
		throw fail('storage', `OpenIM gave no valid ${what} URL`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		throw fail(
			'storage',
			`OpenIM gave a ${url.protocol} ${what} URL; only http and https are uploaded to`,
		);
	if (url.hostname === 'external_ip') {
		throw fail(
			'storage',
			`OpenIM's object storage answered with the address ${url.origin}`,
			"That is the placeholder of a default install: set MinIO's external address (externalAddress in minio.yml, or MINIO_EXTERNAL_ADDRESS) to an address n8n can reach, and restart OpenIM.",
		);
	}
	return url;
}

async function storageRequest(
	ctx: IExecuteFunctions,
	fail: Fail,
	options: IHttpRequestOptions,
	url: URL,
	successCodes: number[],
): Promise<void> {
	let response: { statusCode: number; body: unknown };
	try {
		response = await ctx.helpers.httpRequest({
			...options,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			json: false,
			encoding: 'text',
			timeout: STORAGE_TIMEOUT_MS,
		});
	} catch (error) {
		const refusal = ssrfRefusal(error, url.origin);
		// The advice is the same as for Base URL; what was sent before (initiate) is said by fail().
		if (refusal)
			throw fail(
				'storage',
				refusal[0].replace('OpenIM at', "OpenIM's object storage at"),
				refusal[1].replace(/^Nothing was sent\. /, ''),
			);
		const failure = networkFailure(error as JsonObject);
		throw fail(
			'storage',
			`could not reach the object storage at ${url.host}${failure ? ` (${NETWORK_REASONS[failure]})` : ''}`,
			'Check that the storage address OpenIM hands out (MinIO externalAddress) is reachable from n8n.',
		);
	}
	if (!successCodes.includes(response.statusCode)) {
		const text = typeof response.body === 'string' ? response.body : '';
		const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
		throw fail(
			'storage',
			`the object storage at ${url.host} answered HTTP ${response.statusCode}${code ? ` (${code})` : ''}`,
		);
	}
}

/** Uploads one file to OpenIM's object storage under `name` and returns the URL messages carry. */
export async function uploadFile(
	ctx: IExecuteFunctions,
	api: Session,
	file: UploadFile,
	name: string,
	param: Param,
	settings: RequestSettings,
): Promise<Uploaded> {
	const { itemIndex } = settings;
	const fail: Fail = (step, problem, description) =>
		new NodeOperationError(
			ctx.getNode(),
			`Upload of ${param.displayName} failed at the ${step} step: ${problem} [item ${itemIndex}]`,
			{
				itemIndex,
				description: `${description ? `${description} ` : ''}No message or change was sent. Check the parameter "${param.displayName}" (${param.name}).`,
			},
		);
	const request: Request = async (step, path, body) => {
		try {
			const answer = await api.client.request(path, body, settings);
			return (answer.data ?? {}) as IDataObject;
		} catch (error) {
			throw fail(
				step,
				(error as Error).message,
				(error as { description?: string }).description ?? undefined,
			);
		}
	};
	try {
		const flow = file.size <= FORM_UPLOAD_MAX ? formUpload : multipartUpload;
		const url = await flow(ctx, { request, fail }, file, name);
		return { url, size: file.size, fileName: file.fileName, mimeType: file.mimeType };
	} catch (error) {
		// A step's own error goes on as it is (n8n hands a NodeOperationError back unchanged); anything
		// else came from reading the binary data (n8n's storage, or a size other than its metadata's).
		if (error instanceof NodeOperationError) throw new NodeOperationError(ctx.getNode(), error);
		throw fail('storage', `could not read the binary data: ${(error as Error).message}`);
	}
}

type Request = (step: Step, path: string, body: IDataObject) => Promise<IDataObject>;

interface Steps {
	request: Request;
	fail: Fail;
}

/** Flow B: object/initiate_form_data, the POST of every policy field and then the file, object/complete_form_data. */
async function formUpload(
	ctx: IExecuteFunctions,
	{ request, fail }: Steps,
	file: UploadFile,
	name: string,
): Promise<string> {
	const data = await request('initiate', 'object/initiate_form_data', {
		name,
		size: file.size,
		contentType: file.mimeType,
	});
	const url = storageUrl(fail, data.url, 'upload');
	const parts: Buffer[] = [];
	for await (const slice of slices(file, FORM_UPLOAD_MAX)) parts.push(slice);
	const form = new FormData();
	for (const [key, value] of Object.entries((data.formData ?? {}) as IDataObject))
		form.append(key, String(value));
	form.append(String(data.file || 'file'), new Blob(parts, { type: file.mimeType }), file.fileName);
	const successCodes =
		Array.isArray(data.successCodes) && data.successCodes.length
			? (data.successCodes as number[])
			: [200, 204];
	const headers = (
		data.header && typeof data.header === 'object' ? data.header : {}
	) as IDataObject;
	await storageRequest(
		ctx,
		fail,
		{ method: 'POST', url: url.href, body: form, headers },
		url,
		successCodes,
	);
	const done = await request('complete', 'object/complete_form_data', { id: data.id as string });
	return String(done.url);
}

/**
 * Flow A: the part md5s (a first pass: initiate wants their hash before it signs any part, so
 * no part can go out while it runs), initiate, one PUT per part (a second pass, each part read
 * while the one before it is sent), complete with the md5s. Parts go one after another: a refused
 * part stops the upload before the next one is sent.
 */
async function multipartUpload(
	ctx: IExecuteFunctions,
	{ request, fail }: Steps,
	file: UploadFile,
	name: string,
): Promise<string> {
	const { size: partSize } = (await request('initiate', 'object/part_size', {
		size: file.size,
	})) as { size: number };
	if (!Number.isSafeInteger(partSize) || partSize <= 0)
		throw fail('initiate', `OpenIM gave no part size for ${file.size} bytes`);
	const md5s: string[] = [];
	for await (const part of partsOf(file, partSize)) md5s.push(md5(...part));
	const data = await request('initiate', 'object/initiate_multipart_upload', {
		hash: md5(md5s.join(',')),
		size: file.size,
		partSize,
		maxParts: Math.min(SIGNED_PER_REQUEST, md5s.length),
		name,
		contentType: file.mimeType,
	});
	// The server has these bytes already (same hash): nothing to upload.
	if (data.url && !data.upload) return String(data.url);
	const upload = (data.upload ?? {}) as { uploadID?: string; sign?: Sign };
	if (!upload.uploadID || !upload.sign)
		throw fail('initiate', 'OpenIM answered without an upload to send the parts to');
	let sign = upload.sign;
	let partNumber = 0;
	for await (const slice of readAhead(slices(file, partSize))) {
		partNumber++;
		let part = sign.parts?.find((entry) => entry.partNumber === partNumber);
		if (!part) {
			const numbers = Array.from(
				{ length: Math.min(SIGNED_PER_REQUEST, md5s.length - partNumber + 1) },
				(_, i) => partNumber + i,
			);
			sign = (await request('storage', 'object/auth_sign', {
				uploadID: upload.uploadID,
				partNumbers: numbers,
			})) as Sign;
			part = sign.parts?.find((entry) => entry.partNumber === partNumber);
			if (!part) throw fail('storage', `OpenIM signed no upload of part ${partNumber}`);
		}
		const url = storageUrl(fail, part.url || sign.url, 'upload');
		for (const [key, value] of Object.entries({ ...kv(sign.query), ...kv(part.query) }))
			url.searchParams.set(key, value);
		const headers = {
			...kv(sign.header),
			...kv(part.header),
			...(md5s.length === 1 && { 'Content-Type': file.mimeType }),
		};
		await storageRequest(
			ctx,
			fail,
			{ method: 'PUT', url: url.href, body: slice, headers },
			url,
			[200, 201, 204],
		);
	}
	const done = await request('complete', 'object/complete_multipart_upload', {
		uploadID: upload.uploadID,
		parts: md5s,
		name,
		contentType: file.mimeType,
	});
	return String(done.url);
}
