// Message → Send and Wait for Response through n8n-core's WorkflowExecute: the message it sends and
// the wait it asks for, and the errors of the whole run (one question per run) with Continue On Fail.
const { useOpenImV3 } = require('./context');

const env = useOpenImV3();

const ask = (parameters = {}) => ({
	resource: 'message',
	operation: 'sendAndWait',
	sendID: 'imAdmin',
	sessionType: 1,
	recvID: 'alice',
	message: 'Ship release 1.4?',
	...parameters,
});

describe('Send and Wait for Response (3.x, n8n-core engine)', () => {
	beforeEach(() => env.register('alice'));

	it('sends one text message with the signed answer links of the first item, then waits', async () => {
		const res = await env.run(
			ask({ approvalOptions: { values: { approvalType: 'double', disapproveLabel: 'Hold' } } }),
			[{ json: { n: 1 } }, { json: { n: 2 } }],
		);
		expect(res.status).toBe('waiting');
		const sent = env.requests('msg/send_msg');
		expect(sent).toHaveLength(1);
		expect(sent[0].body).toMatchObject({
			sendID: 'imAdmin',
			recvID: 'alice',
			sessionType: 1,
			contentType: 101,
		});
		const lines = sent[0].body.content.content.split('\n');
		expect(lines.slice(0, 2)).toEqual(['Ship release 1.4?', '']);
		expect(lines.slice(2).map((line) => line.replace(/: .*$/, ''))).toEqual(['Approve', 'Hold']);
		for (const [line, approved] of [
			[lines[2], 'true'],
			[lines[3], 'false'],
		]) {
			const url = new URL(line.replace(/^[^:]+: /, ''));
			expect(url.pathname).toMatch(/\/webhook-waiting\/[^/]+\/[^/]+$/);
			expect(url.searchParams.get('approved')).toBe(approved);
			expect(url.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
		}
		expect(res.executionData.waitTill.getFullYear()).toBe(3000);
	});

	it('a bad receiver is an error naming the parameter and item 0; with Continue On Fail every item carries it, nothing is sent', async () => {
		// From an expression: n8n itself refuses to run a node whose required field is empty.
		const empty = ask({ recvID: '={{ $json.to }}' });
		const items = [{ json: { to: '' } }, { json: { to: 'alice' } }];
		const failed = await env.run(empty, items);
		expect(failed.error.message).toBe('Receiver ID is required [item 0]');
		const res = await env.run(empty, items, { continueOnFail: true });
		expect(res.status).not.toBe('waiting');
		expect(res.items.map((item) => item.json.error)).toEqual([
			'Receiver ID is required [item 0]',
			'Receiver ID is required [item 0]',
		]);
		expect(res.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(env.requests('msg/send_msg')).toHaveLength(0);
	});

	it("OpenIM's refusal comes back with its errCode and hint, and nothing waits", async () => {
		const res = await env.run(ask({ recvID: 'nobody_here' }), [{ json: {} }], {
			continueOnFail: true,
		});
		expect(res.status).not.toBe('waiting');
		expect(res.items).toHaveLength(1);
		expect(res.items[0].json).toMatchObject({ errCode: 1004 });
		expect(res.items[0].json.error).toContain('Receiver not found (errCode 1004)');
		const [{ headers }] = env.requests('msg/send_msg');
		expect(headers.token).toMatch(/\S{20,}/);
		expect(JSON.stringify(res.items)).not.toContain(headers.token);
	});
});
