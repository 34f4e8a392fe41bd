// Faults on 3.x: what is retried (reads), what never is (writes), and what the user is told.
const { useOpenImV3, ADMIN } = require('./context');

const env = useOpenImV3();
const json = (res) => res.items.map((item) => item.json);
const send = {
	resource: 'message',
	operation: 'send',
	sendID: ADMIN,
	recvID: ADMIN,
	contentType: 101,
	text: 'hi',
};

describe('3.x faults', () => {
	it('tries a read again after HTTP 503 or a dropped connection', async () => {
		env.emu.failNext(1, { status: 503, path: '/user/get_users_info', body: 'Service Unavailable' });
		env.emu.dropNext(1, { path: '/user/get_users_info' });
		const res = await env.run({ resource: 'user', operation: 'get', uidList: ADMIN });
		expect(res.status).toBe('success');
		expect(json(res)[0]).toMatchObject({ userID: ADMIN });
		expect(env.requests('user/get_users_info')).toHaveLength(3);
	});

	it('never sends a message twice: a cut answer is an error that says it may have gone out', async () => {
		env.emu.dropNext(1, { path: '/msg/send_msg', when: 'after' });
		const res = await env.run(send, [{ json: {} }], { continueOnFail: true });
		expect(json(res)[0].error).toBe('The connection to OpenIM broke before it answered');
		expect(json(res)[0].description).toMatch(/may or may not have been carried out/);
		expect(env.requests('msg/send_msg')).toHaveLength(1);
		expect(env.state().messages).toHaveLength(1);
	});

	it('times out a hung send without retrying it', async () => {
		env.emu.hangNext(1, { path: '/msg/send_msg' });
		const res = await env.run({ ...send, options: { timeout: 300 } }, [{ json: {} }], {
			continueOnFail: true,
		});
		expect(json(res)[0].error).toBe('OpenIM did not answer within 300 ms');
		expect(env.requests('msg/send_msg')).toHaveLength(1);
	});

	it.each([
		[
			'HTTP 500 with an empty body',
			{ status: 500, body: null },
			'OpenIM failed with HTTP 500 and no answer (HTTP 500)',
		],
		[
			'a proxy page',
			{ status: 502, body: '<html>Bad Gateway</html>' },
			'OpenIM is unavailable (HTTP 502)',
		],
		[
			'a body that is not JSON',
			{ status: 200, body: 'hello' },
			'OpenIM answered with something that is not JSON (HTTP 200)',
		],
		[
			'a webhook that did not answer',
			{
				status: 200,
				body: {
					errCode: 90004,
					errMsg: 'NetworkError',
					errDlt: 'Post "http://hook/callbackBeforeSendSingleMsgCommand": timeout',
				},
			},
			'An OpenIM webhook did not answer (errCode 90004)',
		],
	])('explains %s, pairing the error with its item', async (_name, fault, message) => {
		env.emu.failNext(1, { path: '/msg/send_msg', ...fault });
		const res = await env.run(send, [{ json: {} }, { json: {} }], { continueOnFail: true });
		expect(json(res)[0]).toMatchObject({ error: message, endpoint: 'msg/send_msg' });
		expect(json(res)[1]).toMatchObject({ recvID: ADMIN, serverMsgID: expect.any(String) });
		expect(res.items.map((item) => item.pairedItem.item)).toEqual([0, 1]);
		env.expectNoSecrets(res);
	});

	it('says it could not connect when nothing listens, without the secret', async () => {
		const res = await env.run(send, [{ json: {} }], {
			store: env.store({ baseUrl: 'http://127.0.0.1:9' }),
		});
		expect(res.status).toBe('error');
		expect(res.error.message).toBe(
			'Could not reach OpenIM at http://127.0.0.1:9 (connection refused)',
		);
		env.expectNoSecrets(res);
	});
});
