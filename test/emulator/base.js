'use strict';
// The HTTP side shared by both generations: takes a request in, logs it, applies latency and scheduled faults,
// and hands it to the generation's API (`this.handle(request)`, which may be async) or to the control routes.
const http = require('node:http');
const zlib = require('node:zlib');
const { control, CONTROL_PREFIX } = require('./control');
const { FaultQueue, normalisePath } = require('./faults');
const { marshal } = require('./gojson');

const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';

function readBody(req) {
	return new Promise((resolve) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', () => resolve(undefined));
	});
}

/** An answer { status, json | text, type, location, headers, gzip } as bytes on the wire. */
function render({
	status,
	json,
	text,
	type = TEXT_TYPE,
	location,
	headers: extra = {},
	gzip = false,
}) {
	const headers = { 'Access-Control-Allow-Origin': '*' };
	let body = '';
	if (json !== undefined) {
		body = marshal(json);
		headers['Content-Type'] = JSON_TYPE;
	} else if (text) {
		body = text;
		headers['Content-Type'] = type;
	}
	if (location) headers.Location = location;
	Object.assign(headers, extra);
	let bytes = Buffer.from(body, 'utf8');
	if (gzip) {
		bytes = zlib.gzipSync(bytes);
		headers['Content-Encoding'] = 'gzip';
		headers.Vary = 'Accept-Encoding';
	}
	headers['Content-Length'] = bytes.length;
	return { status, headers, bytes };
}

// failNext's body: an object is sent as JSON, a string as it is, null/undefined as an empty body.
const failReply = ({ status, body }) =>
	body === null || body === undefined
		? { status, text: '' }
		: typeof body === 'string'
			? { status, text: body }
			: { status, json: body };

class HttpEmulator {
	/** defaults: the generation's options; malformedBody: what malformedNext sends; logAnswers: log status and answer too. */
	constructor(defaults, options, { malformedBody, logAnswers = false }) {
		this.config = {
			...defaults,
			...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
		};
		this.malformedBody = malformedBody;
		this.logAnswers = logAnswers;
		this.requests = [];
		this.faults = new FaultQueue();
		this.holds = [];
		this.url = undefined;
		this.port = undefined;
		this.sockets = new Set();
		this.timers = new Set();
		this.server = http.createServer((req, res) => this.onRequest(req, res));
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	start() {
		return new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.config.port, this.config.host, () => {
				this.server.off('error', reject);
				this.port = this.server.address().port;
				const host = this.config.host.includes(':') ? `[${this.config.host}]` : this.config.host;
				this.url = `http://${host}:${this.port}`;
				resolve(this);
			});
		});
	}

	/** Closes the server and every connection, hung ones included. */
	stop() {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		this.holds.length = 0;
		return new Promise((resolve) => {
			this.server.close(() => resolve());
			for (const socket of this.sockets) socket.destroy();
		});
	}

	setLatency(ms) {
		if (typeof ms !== 'number' || !(ms >= 0))
			throw new TypeError(`latency must be a non-negative number of ms, not ${ms}`);
		this.latencyMs = ms;
	}

	failNext(count, { status, body, path } = {}) {
		this.faults.add('fail', count, { status, body, path });
	}

	malformedNext(count, { path } = {}) {
		this.faults.add('malformed', count, { path });
	}

	dropNext(count, { path, when } = {}) {
		this.faults.add('drop', count, { path, when });
	}

	hangNext(count, { path, when } = {}) {
		this.faults.add('hang', count, { path, when });
	}

	/**
	 * Holds every request to `path` (any path when absent) after it is logged and before it is processed,
	 * until `release()`: a test can then act on the order of events (e.g. wait until a queue has handed
	 * held jobs to every worker) instead of on timing. `waiting` counts the requests held now; released
	 * ones, and those after, go on as usual. stop() drops held requests unanswered.
	 */
	hold({ path } = {}) {
		const hold = { path: normalisePath(path), waiting: [] };
		this.holds.push(hold);
		return {
			get waiting() {
				return hold.waiting.length;
			},
			release: () => {
				this.holds = this.holds.filter((h) => h !== hold);
				for (const resume of hold.waiting.splice(0)) resume();
			},
		};
	}

	async onRequest(req, res) {
		const rawBody = await readBody(req);
		if (rawBody === undefined) return;
		const request = {
			method: req.method,
			path: new URL(req.url, 'http://emulator').pathname,
			headers: { ...req.headers },
			rawBody,
		};
		if (request.path.startsWith(CONTROL_PREFIX)) {
			this.write(res, render(await control(this, request)));
			return;
		}
		let body;
		try {
			body = JSON.parse(rawBody);
		} catch {
			body = undefined;
		}
		const entry = { ...request, body, time: Date.now() };
		this.requests.push(entry);
		const started = Date.now();

		const fault = this.faults.take(request.path);
		const misbehaves = fault && (fault.kind === 'drop' || fault.kind === 'hang');
		if (misbehaves && fault.when === 'before') {
			this.log(request, `[${fault.kind} before]`);
			if (fault.kind === 'drop') req.socket.destroy();
			return;
		}
		let hold;
		while ((hold = this.holds.find((h) => !h.path || h.path === request.path)))
			await new Promise((resume) => hold.waiting.push(resume));
		if (this.latencyMs) await this.sleep(this.latencyMs);
		const answer = await this.answer(request, fault);
		if (this.logAnswers)
			Object.assign(entry, { status: answer.status, answer: answer.json ?? answer.text });
		const out = render(answer);
		this.log(
			request,
			`${out.status} errCode=${answer.json?.errCode ?? '-'}${fault ? ` [${fault.kind} ${fault.when}]` : ''} ${Date.now() - started}ms`,
		);
		if (!misbehaves) {
			this.write(res, out);
		} else if (fault.kind === 'drop') {
			// Status line, headers (with the full Content-Length) and half the body, then the connection dies.
			res.writeHead(out.status, out.headers);
			res.flushHeaders();
			res.write(out.bytes.subarray(0, Math.floor(out.bytes.length / 2)), () =>
				req.socket.destroy(),
			);
		}
		// hang after: processed, never answered; stop() closes the socket.
	}

	/** A scheduled fail or malformed answer (the request is not processed), else the API's. */
	async answer(request, fault) {
		if (fault?.kind === 'fail') return failReply(fault);
		if (fault?.kind === 'malformed')
			return { status: 200, text: this.malformedBody, type: JSON_TYPE };
		try {
			return await this.handle(request);
		} catch (error) {
			// gin's Recovery: a panic becomes a 500 with an empty body.
			console.error(`openim-emulator: ${request.method} ${request.path} failed:`, error);
			return { status: 500, text: '' };
		}
	}

	write(res, { status, headers, bytes }) {
		res.writeHead(status, headers);
		res.end(bytes);
	}

	sleep(ms) {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, ms);
			this.timers.add(timer);
		});
	}

	log({ method, path }, outcome) {
		if (!this.config.quiet) console.log(`${method} ${path} ${outcome}`);
	}
}

module.exports = { HttpEmulator, JSON_TYPE };
