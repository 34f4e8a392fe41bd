'use strict';
/*
 * A scripted chat model for the AI e2e tests: OpenAI's Chat Completions API on 127.0.0.1 (what n8n's
 * OpenAI Chat Model node speaks when its credential's Base URL points here). Each POST
 * /v1/chat/completions is answered by the next step of the script, a function of the request body
 * returning `toolCall(name, args)` or `text(content)`; a request past the script's end is answered with
 * an HTTP 500 naming it, so a test sees an agent that asked once too often. Non-streaming JSON, or SSE
 * chunks when the request asks for `stream: true`. GET /v1/models lists the one model (the credential
 * test and the node's model list ask for it). Every request is kept, headers and parsed body, for the
 * test to assert on.
 *
 *   const model = await startModelServer();
 *   model.script([() => toolCall('Send_message', { recvID: 'bob', text: 'hi' }), (body) => text('Sent.')]);
 *   model.baseUrl;        // http://127.0.0.1:<port>/v1, the credential's Base URL
 *   model.completions();  // the bodies of the POST /v1/chat/completions received
 */

const http = require('node:http');
const crypto = require('node:crypto');

const MODEL = 'scripted-model';

/** A step's answer: the model asks for one tool call. */
function toolCall(name, args) {
	return {
		toolCalls: [
			{
				id: `call_${crypto.randomBytes(6).toString('hex')}`,
				name,
				arguments: JSON.stringify(args),
			},
		],
	};
}

/** A step's answer: the model's final text. */
function text(content) {
	return { content };
}

function completion(answer) {
	const message = answer.toolCalls
		? {
				role: 'assistant',
				content: null,
				tool_calls: answer.toolCalls.map((c) => ({
					id: c.id,
					type: 'function',
					function: { name: c.name, arguments: c.arguments },
				})),
			}
		: { role: 'assistant', content: answer.content };
	return {
		id: `chatcmpl-${crypto.randomBytes(6).toString('hex')}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: MODEL,
		choices: [
			{
				index: 0,
				message,
				logprobs: null,
				finish_reason: answer.toolCalls ? 'tool_calls' : 'stop',
			},
		],
		usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
	};
}

/** The same answer as SSE chunks (`stream: true`), as OpenAI streams them. */
function chunks(answer) {
	const base = {
		id: `chatcmpl-${crypto.randomBytes(6).toString('hex')}`,
		object: 'chat.completion.chunk',
		created: Math.floor(Date.now() / 1000),
		model: MODEL,
	};
	const chunk = (delta, finish = null) => ({
		...base,
		choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
	});
	const list = [chunk({ role: 'assistant', content: answer.toolCalls ? null : '' })];
	if (answer.toolCalls) {
		answer.toolCalls.forEach((c, index) =>
			list.push(
				chunk({
					tool_calls: [
						{
							index,
							id: c.id,
							type: 'function',
							function: { name: c.name, arguments: c.arguments },
						},
					],
				}),
			),
		);
		list.push(chunk({}, 'tool_calls'));
	} else {
		list.push(chunk({ content: answer.content }), chunk({}, 'stop'));
	}
	list.push({
		...base,
		choices: [],
		usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
	});
	return list;
}

async function startModelServer() {
	let steps = [];
	const requests = [];
	const failures = [];

	const server = http.createServer(async (req, res) => {
		let raw = '';
		for await (const piece of req) raw += piece;
		let body;
		try {
			body = raw ? JSON.parse(raw) : undefined;
		} catch {
			body = undefined;
		}
		const url = new URL(req.url, 'http://127.0.0.1');
		requests.push({ method: req.method, path: url.pathname, headers: req.headers, raw, body });
		const send = (status, json) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(json));
		};
		if (req.method === 'GET' && url.pathname === '/v1/models') {
			return send(200, {
				object: 'list',
				data: [{ id: MODEL, object: 'model', created: 0, owned_by: 'tests' }],
			});
		}
		if (req.method !== 'POST' || url.pathname !== '/v1/chat/completions' || !body) {
			return send(404, {
				error: {
					message: `the scripted model does not serve ${req.method} ${url.pathname}`,
					type: 'invalid_request_error',
				},
			});
		}
		const index = requests.filter((r) => r.path === '/v1/chat/completions').length - 1;
		const step = steps[index];
		let answer;
		try {
			if (!step)
				throw new Error(
					`request ${index + 1} is past the end of the script (${steps.length} steps)`,
				);
			answer = await step(body, index);
		} catch (error) {
			failures.push(error);
			return send(500, {
				error: { message: `scripted model: ${error.message}`, type: 'server_error' },
			});
		}
		if (!body.stream) return send(200, completion(answer));
		res.writeHead(200, {
			'content-type': 'text/event-stream',
			'cache-control': 'no-cache',
			connection: 'keep-alive',
		});
		for (const c of chunks(answer)) res.write(`data: ${JSON.stringify(c)}\n\n`);
		res.end('data: [DONE]\n\n');
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const { port } = server.address();

	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		model: MODEL,
		requests,
		/** Errors thrown by steps (a step that rejected what it received): a test asserts this is empty. */
		failures,
		/** Replaces the script and forgets what was received. */
		script(list) {
			steps = list;
			requests.length = 0;
			failures.length = 0;
		},
		/** The bodies of the chat completion requests received, in order. */
		completions() {
			return requests.filter((r) => r.path === '/v1/chat/completions').map((r) => r.body);
		},
		stop: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

/** The tool messages of a chat completion request: [{tool_call_id, content}]. */
function toolResults(body) {
	return (body.messages || [])
		.filter((m) => m.role === 'tool')
		.map((m) => ({
			tool_call_id: m.tool_call_id,
			content: typeof m.content === 'string' ? m.content : JSON.stringify(m.content),
		}));
}

/** The names of the tools a chat completion request offers the model. */
function toolNames(body) {
	return (body.tools || []).map((t) => t.function && t.function.name);
}

module.exports = { startModelServer, toolCall, text, toolResults, toolNames, MODEL };
