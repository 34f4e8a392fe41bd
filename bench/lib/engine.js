'use strict';
// The client side of every scenario: the real n8n-core engine (test/integration/harness.js) running
//   - node:      our OpenIM node (dist/), as a user would configure it (expressions per item);
//   - helper:    a test-only node whose execute() loops this.helpers.httpRequestWithAuthentication
//                ('openImApi' or 'openImV3Api', ...) with the same URL, headers and body per item: the
//                floor for any node that goes through n8n's request helper (helper + engine overhead only);
//   - http:      n8n's own HTTP Request node (n8n-nodes-base 2.11.2, see nodes-base.js) doing the same
//                calls, the admin token fetched by a first HTTP Request node;
// and, outside the engine,
//   - raw:       a sequential loop on node:http with a keep-alive Agent: the physical floor.
// Each against one API generation (GENERATIONS): 2021 (node typeVersion 1) or 3.x (typeVersion 2).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const { randomUUID } = require('node:crypto');

if (!process.env.N8N_USER_FOLDER) {
	const dir = path.join(os.tmpdir(), 'n8n-nodes-openim-bench');
	fs.mkdirSync(dir, { recursive: true });
	process.env.N8N_USER_FOLDER = dir;
}

const REPO = path.resolve(__dirname, '..', '..');
const harness = require('../../test/integration/harness');

const CHUNK = (() => {
	try {
		return require(path.join(REPO, 'dist/nodes/OpenIm/helpers/chunks.js')).LIST_CHUNK_SIZE || 500;
	} catch {
		return undefined; // the node sends a whole list in one request
	}
})();

function chunks(list) {
	if (!CHUNK) return [list];
	const out = [];
	for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
	return out;
}

const toList = (value) =>
	(Array.isArray(value) ? value.map(String) : String(value).split(','))
		.map((uid) => uid.trim())
		.filter(Boolean);

// ------------------------------------------------------------------------------------------------
// The same requests, per generation and shape: the payloads for one item (or its chunks), how a
// payload travels (operationID in the body on 2021, in a header on 3.x), and what an item yields.
// Parameters hold the same expressions as the OpenIM node's, read with getNodeParameter (so the
// floor pays the same expression resolution per item).
// ------------------------------------------------------------------------------------------------

const ADMIN_2021 = 'openIM123456';
const SECRET_2021 = 'tuoyun';
const ADMIN_V3 = 'imAdmin';
const SECRET_V3 = 'openIM123';
const HTTP_OPERATION_ID = "$execution.id + '-' + $itemIndex";

const GENERATIONS = {
	2021: {
		admin: ADMIN_2021,
		secret: SECRET_2021,
		credentialType: 'openImApi',
		typeVersion: 1,
		storeData: (url, token) => ({
			baseUrl: url,
			secret: SECRET_2021,
			adminUserId: ADMIN_2021,
			platform: 1,
			token,
		}),
		tokenRoute: 'auth/user_token',
		tokenRequest: () => ({
			headers: {},
			body: { secret: SECRET_2021, platform: 1, uid: ADMIN_2021 },
		}),
		wrap: (operationID, payload) => ({ headers: {}, body: { operationID, ...payload } }),
		/** Routes that need the admin token (2021 register checks the secret in the body instead). */
		needsToken: (shape) => shape !== 'register',
		shapes: {
			send: {
				path: 'manager/send_msg',
				payloads: (get) => [
					{
						sendID: get('sendID'),
						recvID: get('recvID'),
						sessionType: 1,
						contentType: 101,
						content: { text: get('text') },
					},
				],
				results: (answer) => [answer],
			},
			register: {
				path: 'auth/user_register',
				payloads: (get, credentials) => [
					{ secret: credentials.secret, platform: 1, uid: get('uid'), name: get('name') },
				],
				results: (answer) => [answer.data],
			},
			get: {
				path: 'user/get_user_info',
				payloads: (get) => chunks(toList(get('uidList'))).map((uidList) => ({ uidList })),
				results: (answer) => answer.data ?? [],
			},
		},
		// Our node's parameters per shape (the natural usage: expressions read from each item).
		nodeParams: {
			send: {
				resource: 'message',
				operation: 'send',
				sendID: ADMIN_2021,
				recvID: '={{ $json.recvID }}',
				sessionType: 1,
				contentType: 101,
				text: '={{ $json.text }}',
			},
			register: {
				resource: 'user',
				operation: 'register',
				uid: '={{ $json.uid }}',
				name: '={{ $json.name }}',
				platform: 1,
			},
			get: { resource: 'user', operation: 'get', uidList: '={{ $json.uidList }}' },
		},
		// The HTTP Request node: operationID in the JSON body, the token as its only header.
		http: {
			operationIDHeader: false,
			token: `={{ JSON.stringify({ secret: '${SECRET_2021}', platform: 1, uid: '${ADMIN_2021}' }) }}`,
			send: `={{ JSON.stringify({ operationID: ${HTTP_OPERATION_ID}, sendID: '${ADMIN_2021}', recvID: $json.recvID, sessionType: 1, contentType: 101, content: { text: $json.text } }) }}`,
			register: `={{ JSON.stringify({ operationID: ${HTTP_OPERATION_ID}, secret: '${SECRET_2021}', platform: 1, uid: $json.uid, name: $json.name }) }}`,
			get: `={{ JSON.stringify({ operationID: ${HTTP_OPERATION_ID}, uidList: [$json.uidList] }) }}`,
		},
	},
	v3: {
		admin: ADMIN_V3,
		secret: SECRET_V3,
		credentialType: 'openImV3Api',
		typeVersion: 2,
		storeData: (url, token) => ({ baseUrl: url, secret: SECRET_V3, adminUserId: ADMIN_V3, token }),
		tokenRoute: 'auth/get_admin_token',
		tokenRequest: () => ({
			headers: { operationID: randomUUID() },
			body: { secret: SECRET_V3, userID: ADMIN_V3 },
		}),
		wrap: (operationID, payload) => ({ headers: { operationID }, body: payload }),
		// From 3.8.1 (the emulator's default 3.8.3) register takes the admin token too.
		needsToken: () => true,
		shapes: {
			send: {
				path: 'msg/send_msg',
				payloads: (get) => [
					{
						sendID: get('sendID'),
						recvID: get('recvID'),
						sessionType: 1,
						contentType: 101,
						content: { content: get('text') },
					},
				],
				results: (answer) => [answer.data],
			},
			register: {
				path: 'user/user_register',
				payloads: (get) => [{ users: [{ userID: get('uid'), nickname: get('name') }] }],
				results: (answer) => [answer],
			},
			get: {
				path: 'user/get_users_info',
				payloads: (get) => chunks(toList(get('uidList'))).map((userIDs) => ({ userIDs })),
				results: (answer) => answer.data?.usersInfo ?? [],
			},
		},
		nodeParams: {
			send: {
				apiVersion: 'v3',
				resource: 'message',
				operation: 'send',
				sendID: ADMIN_V3,
				recvID: '={{ $json.recvID }}',
				sessionType: 1,
				contentType: 101,
				text: '={{ $json.text }}',
			},
			register: {
				apiVersion: 'v3',
				resource: 'user',
				operation: 'register',
				uid: '={{ $json.uid }}',
				name: '={{ $json.name }}',
			},
			get: {
				apiVersion: 'v3',
				resource: 'user',
				operation: 'get',
				uidList: '={{ $json.uidList }}',
			},
		},
		// The HTTP Request node: operationID and token headers, the bare payload as JSON body.
		http: {
			operationIDHeader: true,
			token: `={{ JSON.stringify({ secret: '${SECRET_V3}', userID: '${ADMIN_V3}' }) }}`,
			send: `={{ JSON.stringify({ sendID: '${ADMIN_V3}', recvID: $json.recvID, sessionType: 1, contentType: 101, content: { content: $json.text } }) }}`,
			register: '={{ JSON.stringify({ users: [{ userID: $json.uid, nickname: $json.name }] }) }}',
			get: '={{ JSON.stringify({ userIDs: [$json.uidList] }) }}',
		},
	},
};

const PARAMS = {
	send: ['sendID', 'recvID', 'text'],
	register: ['uid', 'name'],
	get: ['uidList'],
};

const REQUEST_OPTIONS = {
	headers: { 'Content-Type': 'application/json' },
	json: false,
	encoding: 'text',
	returnFullResponse: true,
	ignoreHttpStatusErrors: true,
	timeout: 30000,
};

/**
 * modes:
 *   auth       - this.helpers.httpRequestWithAuthentication('openImApi', ...) per request with the
 *                credentials read once per run and handed over (credentialsDecrypted): the floor;
 *   direct     - what-if: the first request through httpRequestWithAuthentication with the credentials
 *                read once (credentialsDecrypted), so n8n's preAuthentication fills in the token; every
 *                later request through this.helpers.httpRequest with that token as header;
 *   keepalive  - what-if: the node's own node:http keep-alive Agent (not allowed in verified community
 *                nodes: @n8n/community-nodes/no-restricted-imports).
 * concurrency: items in flight (output order kept).
 */
class HelperLoopNode {
	constructor() {
		const credential = (name, generation) => ({
			name,
			required: true,
			displayOptions: { show: { generation: [generation] } },
		});
		this.description = {
			displayName: 'Bench helper loop',
			name: 'bench.helperLoop',
			group: ['transform'],
			version: 1,
			description:
				'Bench-only: the same OpenIM requests through this.helpers.httpRequestWithAuthentication',
			defaults: { name: 'Helper loop' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [credential('openImApi', '2021'), credential('openImV3Api', 'v3')],
			properties: [
				{ displayName: 'Generation', name: 'generation', type: 'string', default: '2021' },
				{ displayName: 'Shape', name: 'shape', type: 'string', default: 'send' },
				{ displayName: 'Mode', name: 'mode', type: 'string', default: 'auth' },
				{ displayName: 'Concurrency', name: 'concurrency', type: 'number', default: 1 },
				...['sendID', 'recvID', 'text', 'uid', 'name', 'uidList'].map((name) => ({
					displayName: name,
					name,
					type: 'string',
					default: '',
				})),
			],
		};
	}

	async execute() {
		const items = this.getInputData();
		const generation = GENERATIONS[this.getNodeParameter('generation', 0)];
		const { credentialType } = generation;
		const shape = generation.shapes[this.getNodeParameter('shape', 0)];
		const mode = this.getNodeParameter('mode', 0);
		const concurrency = this.getNodeParameter('concurrency', 0);
		const credentials = await this.getCredentials(credentialType, 0);
		const url = `${String(credentials.baseUrl).replace(/\/+$/, '')}/${shape.path}`;
		const node = this.getNode();
		const stored = node.credentials[credentialType];
		let agent;
		let tokenReady;
		const call = async (payload) => {
			const { headers, body } = generation.wrap(randomUUID(), payload);
			if (mode === 'keepalive') {
				agent ??= new http.Agent({ keepAlive: true, maxSockets: concurrency });
				return rawPost(agent, url, body, { ...headers, token: credentials.token });
			}
			const options = {
				method: 'POST',
				url,
				...REQUEST_OPTIONS,
				headers: { ...REQUEST_OPTIONS.headers, ...headers },
				body: JSON.stringify(body),
			};
			let response;
			if (mode === 'direct') {
				if (!tokenReady) {
					tokenReady = this.helpers.httpRequestWithAuthentication.call(
						this,
						credentialType,
						options,
						{
							credentialsDecrypted: {
								id: stored.id,
								name: stored.name,
								type: credentialType,
								data: credentials,
							},
						},
					);
					response = await tokenReady;
				} else {
					await tokenReady;
					options.headers = { ...options.headers, token: credentials.token };
					response = await this.helpers.httpRequest(options);
				}
			} else {
				// The cheapest way through the helper: the run's credentials handed over (no read per request).
				response = await this.helpers.httpRequestWithAuthentication.call(
					this,
					credentialType,
					options,
					{
						credentialsDecrypted: {
							id: stored.id,
							name: stored.name,
							type: credentialType,
							data: credentials,
						},
					},
				);
			}
			const answer = JSON.parse(response.body);
			if (response.statusCode !== 200 || answer.errCode !== 0)
				throw new Error(`${shape.path}: ${response.statusCode} ${response.body}`);
			return answer;
		};
		const outputs = new Array(items.length);
		let next = 0;
		const worker = async () => {
			while (next < items.length) {
				const itemIndex = next++;
				const get = (name) => this.getNodeParameter(name, itemIndex);
				const out = [];
				for (const payload of shape.payloads(get, credentials)) {
					for (const json of shape.results(await call(payload)))
						out.push({ json, pairedItem: { item: itemIndex } });
				}
				outputs[itemIndex] = out;
			}
		};
		try {
			await Promise.all(
				Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker),
			);
		} finally {
			agent?.destroy();
		}
		return [outputs.flat()];
	}
}

/** Source node for the HTTP Request workflow: outputs items registered under its key (after Get token). */
const sourceItems = new Map();
class SourceNode {
	constructor() {
		this.description = {
			displayName: 'Bench items',
			name: 'bench.items',
			group: ['input'],
			version: 1,
			description: 'Bench-only source of items',
			defaults: { name: 'Items source' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [{ displayName: 'Key', name: 'key', type: 'string', default: '' }],
		};
	}

	async execute() {
		return [sourceItems.get(this.getNodeParameter('key', 0))];
	}
}

let httpRequestNode;
function loadPkg({ withHttpRequest = false } = {}) {
	const nodeTypes = { 'bench.helperLoop': HelperLoopNode, 'bench.items': SourceNode };
	if (withHttpRequest) {
		httpRequestNode ??= require('../nodes-base').loadHttpRequestNode();
		nodeTypes['n8n-nodes-base.httpRequest'] = httpRequestNode;
	}
	// The harness loads only the 2021 credential by itself.
	const { OpenImV3Api } = require(path.join(REPO, 'dist/credentials/OpenImV3Api.credentials.js'));
	return harness.loadPackage(REPO, { nodeTypes, credentialTypes: { OpenImV3Api } });
}

function newStore(url, token = '', generation = '2021') {
	const { credentialType, storeData } = GENERATIONS[generation];
	return new harness.CredentialStore({
		id: 'bench',
		name: 'OpenIM bench',
		type: credentialType,
		data: storeData(url, token),
	});
}

/** Does the built node offer options.concurrency? */
function nodeHasConcurrency(pkg) {
	const options = pkg.nodeTypes.openIm.description.properties.filter((p) => p.name === 'options');
	return options.some((p) => (p.options || []).some((o) => o.name === 'concurrency'));
}

const helperParams = (generation, shape) =>
	({
		send: {
			shape,
			sendID: GENERATIONS[generation].admin,
			recvID: '={{ $json.recvID }}',
			text: '={{ $json.text }}',
		},
		register: { shape, uid: '={{ $json.uid }}', name: '={{ $json.name }}' },
		get: { shape, uidList: '={{ $json.uidList }}' },
	})[shape];

function check(res, expected, label) {
	if (res.status !== 'success') {
		throw new Error(
			`${label}: run ${res.status}: ${res.error?.message ?? res.executionError?.message} ${res.error?.description ?? ''}`,
		);
	}
	if (expected !== undefined && res.items.length !== expected)
		throw new Error(`${label}: ${res.items.length} items out, expected ${expected}`);
	const bad = res.items.find(
		(item) =>
			item.json.error !== undefined || (item.json.errCode !== undefined && item.json.errCode !== 0),
	);
	if (bad) throw new Error(`${label}: an item failed: ${JSON.stringify(bad.json).slice(0, 300)}`);
	return res;
}

async function runNode({ pkg, store, shape, items, expected, concurrency, generation = '2021' }) {
	const { nodeParams, typeVersion } = GENERATIONS[generation];
	const parameters = { ...nodeParams[shape], ...(concurrency && { options: { concurrency } }) };
	return check(
		await harness.runWorkflow({ pkg, store, items, parameters, typeVersion }),
		expected,
		`node ${generation} ${shape}`,
	);
}

async function runHelper({
	pkg,
	store,
	shape,
	items,
	expected,
	mode = 'auth',
	concurrency = 1,
	generation = '2021',
}) {
	const parameters = { ...helperParams(generation, shape), generation, mode, concurrency };
	return check(
		await harness.runWorkflow({
			pkg,
			store,
			items,
			nodeType: 'bench.helperLoop',
			nodeName: 'Helper loop',
			parameters,
		}),
		expected,
		`helper ${generation} ${mode} ${shape}`,
	);
}

let sourceKey = 0;
/** HTTP Request node(s): calls that need the admin token fetch it with a first HTTP Request node. */
async function runHttpRequest({ pkg, store, url, shape, items, expected, generation = '2021' }) {
	const gen = GENERATIONS[generation];
	const key = `src-${++sourceKey}`;
	sourceItems.set(key, items);
	const post = (name, endpoint, jsonBody, token) => {
		const headers = [
			...(gen.http.operationIDHeader
				? [{ name: 'operationID', value: `={{ ${HTTP_OPERATION_ID} }}` }]
				: []),
			...(token ? [{ name: 'token', value: "={{ $('Get token').first().json.data.token }}" }] : []),
		];
		return {
			name,
			type: 'n8n-nodes-base.httpRequest',
			parameters: {
				method: 'POST',
				url: `${url}/${endpoint}`,
				...(headers.length && { sendHeaders: true, headerParameters: { parameters: headers } }),
				sendBody: true,
				contentType: 'json',
				specifyBody: 'json',
				jsonBody,
				options: {},
			},
		};
	};
	const needsToken = gen.needsToken(shape);
	const call = post('Call', gen.shapes[shape].path, gen.http[shape], needsToken);
	const nodes = [
		...(needsToken ? [post('Get token', gen.tokenRoute, gen.http.token, false)] : []),
		{ name: 'Items source', type: 'bench.items', parameters: { key } },
		call,
	];
	const connections = {};
	for (let i = 0; i + 1 < nodes.length; i++)
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	try {
		return check(
			await harness.runWorkflow({
				pkg,
				store,
				items: [{ json: {} }],
				workflow: { nodes, connections },
			}),
			expected,
			`http ${shape}`,
		);
	} finally {
		sourceItems.delete(key);
	}
}

// ------------------------------------------------------------------------------------------------
// Raw keep-alive loop
// ------------------------------------------------------------------------------------------------

function rawPost(agent, url, body, headers) {
	return new Promise((resolve, reject) => {
		const payload = Buffer.from(JSON.stringify(body));
		const request = http.request(
			url,
			{
				method: 'POST',
				agent,
				headers: {
					'Content-Type': 'application/json',
					'Content-Length': payload.length,
					...headers,
				},
			},
			(response) => {
				const parts = [];
				response.on('data', (part) => parts.push(part));
				response.on('end', () => {
					const answer = JSON.parse(Buffer.concat(parts).toString('utf8'));
					if (response.statusCode !== 200 || answer.errCode !== 0)
						reject(new Error(`raw: ${response.statusCode} ${JSON.stringify(answer)}`));
					else resolve(answer);
				});
				response.on('error', reject);
			},
		);
		request.on('error', reject);
		request.end(payload);
	});
}

/** Sequential raw loop: one keep-alive socket, token fetched once per run (if the route needs one). */
async function runRaw({ url, shape, items, expected, generation = '2021' }) {
	const gen = GENERATIONS[generation];
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	try {
		let token;
		if (gen.needsToken(shape)) {
			const { headers, body } = gen.tokenRequest();
			token = (await rawPost(agent, `${url}/${gen.tokenRoute}`, body, headers)).data.token;
		}
		const spec = gen.shapes[shape];
		const target = `${url}/${spec.path}`;
		const credentials = { secret: gen.secret };
		const out = [];
		for (let i = 0; i < items.length; i++) {
			const json = items[i].json;
			const get = (name) => (name === 'sendID' ? gen.admin : json[name]);
			for (const payload of spec.payloads(get, credentials)) {
				const { headers, body } = gen.wrap(randomUUID(), payload);
				const answer = await rawPost(agent, target, body, token ? { ...headers, token } : headers);
				for (const result of spec.results(answer))
					out.push({ json: result, pairedItem: { item: i } });
			}
		}
		if (expected !== undefined && out.length !== expected)
			throw new Error(`raw ${shape}: ${out.length} results, expected ${expected}`);
		return { items: out };
	} finally {
		agent.destroy();
	}
}

// ------------------------------------------------------------------------------------------------
// Inputs
// ------------------------------------------------------------------------------------------------

const sendItems = (n) =>
	Array.from({ length: n }, (_, i) => ({
		json: { recvID: `user${i % 100}`, text: `Hello ${i}, your order has shipped` },
	}));
/** The recipients of sendItems: 3.x refuses a message to a user it does not know. */
const RECIPIENTS = Array.from({ length: 100 }, (_, i) => `user${i}`);
const userItems = (n, prefix = 'u') =>
	Array.from({ length: n }, (_, i) => ({ json: { uid: `${prefix}${i}`, name: `User ${i}` } }));

module.exports = {
	REPO,
	ADMIN: ADMIN_2021,
	CHUNK,
	GENERATIONS,
	RECIPIENTS,
	harness,
	loadPkg,
	newStore,
	nodeHasConcurrency,
	runNode,
	runHelper,
	runHttpRequest,
	runRaw,
	sendItems,
	userItems,
};
