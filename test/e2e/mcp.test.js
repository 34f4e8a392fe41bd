'use strict';
/*
 * OpenIM tools behind n8n's MCP Server Trigger in a real n8n (1.x and 2.x, `n8n start`, the workflow
 * active), driven by the official MCP client (@modelcontextprotocol/sdk) over both transports the
 * trigger (typeVersion 2) speaks at /mcp/<path>: streamable HTTP and SSE. The client lists the OpenIM
 * tools, calls one (the emulator receives the send; the result holds the ids and no token or secret),
 * and a failing call comes back as an error result naming OpenIM's errCode.
 */

const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const {
	StreamableHTTPClientTransport,
} = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
const { SSEClientTransport } = require('@modelcontextprotocol/sdk/client/sse.js');

const {
	GENERATIONS,
	LABEL,
	SETUP_TIMEOUT,
	TEST_TIMEOUT,
	startStack,
	requestsTo,
	secretsOf,
} = require('./helpers');
const { ADMIN, sendMessageTool, getUsersTool, mcpWorkflow } = require('./ai-workflows');

const FLOW = 'aiE2eMcpFlow0001';
const PATH = 'openim-tools-e2e';
const TRANSPORTS = {
	'streamable HTTP': (url) => new StreamableHTTPClientTransport(new URL(url)),
	SSE: (url) => new SSEClientTransport(new URL(url)),
};
const textOf = (message) => JSON.parse(message.content).content;
const resultText = (result) => result.content.map((c) => c.text).join('\n');

/** An MCP client connected to `url`; n8n registers the trigger's webhook a moment after it answers, so retry a while. */
async function connect(url, transport) {
	const until = Date.now() + 60000;
	for (;;) {
		const client = new Client({ name: 'n8n-nodes-openim-e2e', version: '1.0.0' });
		try {
			await client.connect(TRANSPORTS[transport](url));
			return client;
		} catch (error) {
			await client.close().catch(() => undefined);
			if (Date.now() > until) throw error;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}
}

describe.each(GENERATIONS)(
	'OpenIM tools behind the MCP Server Trigger in n8n generation %s',
	(generation) => {
		let stack;
		let emulator;
		let credential;
		let n8n;
		let server;

		beforeAll(async () => {
			stack = await startStack(generation, { openim: ['v3'] });
			({ n8n } = stack);
			({ emulator, credential } = stack.openim.v3);
			await n8n.importWorkflow(
				mcpWorkflow(FLOW, { path: PATH, tools: [sendMessageTool(), getUsersTool()] }),
			);
			await n8n.activateWorkflow(FLOW);
			server = await n8n.startServer();
			await server.setupOwner();
		}, SETUP_TIMEOUT);

		afterAll(async () => {
			if (stack) await stack.stop();
		}, TEST_TIMEOUT);

		const secrets = () => secretsOf(emulator, credential);

		describe.each(Object.keys(TRANSPORTS))('over %s', (transport) => {
			let client;

			beforeAll(async () => {
				client = await connect(`${server.baseUrl}/mcp/${PATH}`, transport);
			}, SETUP_TIMEOUT);

			afterAll(async () => {
				if (client) await client.close().catch(() => undefined);
			}, TEST_TIMEOUT);

			test(
				`${LABEL[generation]}: the client lists the OpenIM tools with their $fromAI() parameters`,
				async () => {
					const { tools } = await client.listTools();
					expect(tools.map((t) => t.name).sort()).toEqual(['Get_users', 'Send_message']);
					const send = tools.find((t) => t.name === 'Send_message');
					expect(send.description).toBe('Sends a one-to-one text message to an OpenIM user.');
					expect(Object.keys(send.inputSchema.properties).sort()).toEqual(['recvID', 'text']);
				},
				TEST_TIMEOUT,
			);

			test(
				'calling Send_message sends the message in OpenIM; the result holds its ids and no token or secret',
				async () => {
					const from = emulator.requests.length;
					const text = `Hello over ${transport}`;
					const result = await client.callTool({
						name: 'Send_message',
						arguments: { recvID: 'carol', text },
					});
					expect(result.isError).toBeFalsy();

					const sent = requestsTo(emulator, '/msg/send_msg', from);
					expect(sent).toHaveLength(1);
					expect(sent[0].body).toMatchObject({
						sendID: ADMIN,
						recvID: 'carol',
						sessionType: 1,
						contentType: 101,
					});
					const stored = emulator
						.snapshot()
						.messages.find((m) => m.serverMsgID === sent[0].answer.data.serverMsgID);
					expect(textOf(stored)).toBe(text);
					const answer = resultText(result);
					expect(answer).toContain(stored.serverMsgID);
					for (const secret of secrets()) expect(JSON.stringify(result)).not.toContain(secret);
				},
				TEST_TIMEOUT,
			);

			test(
				"a failing call is an error result naming OpenIM's errCode and hint, and nothing is sent",
				async () => {
					const messages = emulator.snapshot().messages.length;
					const result = await client.callTool({
						name: 'Send_message',
						arguments: { recvID: 'nobody_here', text: 'Hello?' },
					});
					expect(result.isError).toBe(true);
					expect(resultText(result)).toMatch(/errCode 1004/);
					expect(resultText(result)).toMatch(/Register the user first/);
					expect(emulator.snapshot().messages).toHaveLength(messages);
					for (const secret of secrets()) expect(JSON.stringify(result)).not.toContain(secret);
				},
				TEST_TIMEOUT,
			);
		});
	},
);
