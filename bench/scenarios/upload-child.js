'use strict';
// One upload of the bench file in a fresh process, so that its peak memory is its own:
//   node-fs:     the OpenIM node sends it as a file message, n8n keeping the binary data on disk (filesystem mode);
//   node-memory: the same with the file in the item (n8n's memory mode: base64 in the execution data);
//   raw:         node:http alone: initiate_form_data, one streamed form POST of the file, complete_form_data;
//   read-pass:   one read of the binary data through n8n's stream, in 5 MiB parts, nothing sent (what a
//                second pass over the file costs);
//   hash-pass:   the same with an md5 of each part (the node's first pass, before OpenIM's initiate).
// Peak RSS is the kernel's (maxRSS) and a 10 ms sample; growth is over the process after the file was prepared.
// Usage (from scenarios/upload.js): node --expose-gc upload-child.js '<json {variant, file, url, token}>'
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const engine = require('../lib/engine');
const { gc } = require('../lib/stats');

const FILE_NAME = 'bench.bin';
const PART = 5 * 1024 * 1024;
const MIME = 'application/octet-stream';

function api(url, token, route, body) {
	return new Promise((resolve, reject) => {
		const payload = JSON.stringify(body);
		const req = http.request(
			`${url}/${route}`,
			{
				method: 'POST',
				headers: {
					'Content-Type': 'application/json',
					'Content-Length': Buffer.byteLength(payload),
					operationID: 'bench',
					token,
				},
			},
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => {
					const answer = JSON.parse(Buffer.concat(chunks).toString('utf8'));
					if (answer.errCode !== 0)
						reject(new Error(`${route}: ${answer.errCode} ${answer.errDlt}`));
					else resolve(answer.data);
				});
			},
		);
		req.on('error', reject);
		req.end(payload);
	});
}

/** The raw floor: the form POST streamed from disk with its Content-Length, every policy field first. */
async function rawUpload({ url, token, file }) {
	const size = fs.statSync(file).size;
	const data = await api(url, token, 'object/initiate_form_data', {
		name: `bench/${Date.now()}/${FILE_NAME}`,
		size,
		contentType: MIME,
	});
	const boundary = `----bench${Date.now()}`;
	const fields = Object.entries(data.formData)
		.map(
			([key, value]) =>
				`--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`,
		)
		.join('');
	const head = Buffer.from(
		`${fields}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${FILE_NAME}"\r\nContent-Type: ${MIME}\r\n\r\n`,
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	await new Promise((resolve, reject) => {
		const req = http.request(
			data.url,
			{
				method: 'POST',
				headers: {
					'Content-Type': `multipart/form-data; boundary=${boundary}`,
					'Content-Length': head.length + size + tail.length,
				},
			},
			(res) => {
				res.resume();
				res.on('end', () =>
					res.statusCode === 200
						? resolve()
						: reject(new Error(`storage answered ${res.statusCode}`)),
				);
			},
		);
		req.on('error', reject);
		req.write(head);
		const stream = fs.createReadStream(file);
		stream.on('error', reject);
		stream.on('end', () => req.end(tail));
		stream.pipe(req, { end: false });
	});
	const done = await api(url, token, 'object/complete_form_data', { id: data.id });
	return done.url;
}

let service;
async function binaryItem(variant, file) {
	if (variant === 'node-memory')
		return { data: fs.readFileSync(file).toString('base64'), mimeType: MIME, fileName: FILE_NAME };
	if (!service) {
		const nodeModules = path.dirname(require.resolve('n8n-core'));
		const { Container } = require(require.resolve('@n8n/di', { paths: [nodeModules] }));
		const { BinaryDataService } = require('n8n-core');
		service = Container.get(BinaryDataService);
		Object.assign(service.config, {
			mode: 'filesystem',
			localStoragePath: fs.mkdtempSync(path.join(os.tmpdir(), 'openim-bench-binary-')),
		});
		await service.init();
	}
	return await service.store(
		{ type: 'execution', workflowId: 'harness-workflow', executionId: 'bench' },
		fs.createReadStream(file),
		{ mimeType: MIME, fileName: FILE_NAME, data: '' },
	);
}

async function main() {
	const { variant, file, url, token } = JSON.parse(process.argv[2]);
	let run;
	// A first upload of a small file warms up the code path (engine, request helper, node), outside the measurement.
	const small = path.join(path.dirname(file), `warm-up-${variant}.bin`);
	fs.writeFileSync(small, Buffer.alloc(1024, 1));
	if (variant === 'raw') {
		run = (name) => rawUpload({ url, token, file: name });
		await run(small);
	} else if (variant === 'read-pass' || variant === 'hash-pass') {
		const pass = async (stored) => {
			for await (const part of await service.getAsStream(stored.id, PART))
				if (variant === 'hash-pass') crypto.createHash('md5').update(part).digest('hex');
		};
		await pass(await binaryItem('node-fs', small));
		const stored = await binaryItem('node-fs', file);
		run = () => pass(stored);
	} else {
		const pkg = engine.loadPkg();
		const store = engine.newStore(url, token, 'v3');
		const parameters = {
			resource: 'message',
			operation: 'send',
			sendID: 'imAdmin',
			sessionType: 1,
			recvID: 'bench_user',
			contentType: 105,
			fileSource: 'binary',
		};
		const send = async (items) => {
			const res = await engine.harness.runWorkflow({
				pkg,
				store,
				items,
				parameters,
				typeVersion: 2,
			});
			if (res.status !== 'success') throw new Error(`node upload failed: ${res.error?.message}`);
			return JSON.parse(JSON.stringify(res.items[0].json));
		};
		await send([{ json: {}, binary: { data: await binaryItem(variant, small) } }]);
		const items = [{ json: {}, binary: { data: await binaryItem(variant, file) } }];
		run = () => send(items);
	}
	fs.rmSync(small);
	gc();
	const before = process.memoryUsage();
	let peakRss = before.rss;
	let peakHeap = before.heapUsed;
	const timer = setInterval(() => {
		const m = process.memoryUsage();
		peakRss = Math.max(peakRss, m.rss);
		peakHeap = Math.max(peakHeap, m.heapUsed);
	}, 10);
	const started = process.hrtime.bigint();
	await run(file);
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	clearInterval(timer);
	peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
	if (service) fs.rmSync(service.config.localStoragePath, { recursive: true, force: true });
	process.send({
		variant,
		ms,
		bytes: fs.statSync(file).size,
		baselineRss: before.rss,
		peakRss,
		rssGrowth: peakRss - before.rss,
		peakHeap,
		heapGrowth: peakHeap - before.heapUsed,
	});
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
