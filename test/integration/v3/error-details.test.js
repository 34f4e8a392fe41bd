// What n8n's error details show for an OpenIM error (issue 24): its "Error code" row is the error's
// httpCode, which must not say 200 for an errCode OpenIM answered inside an HTTP 200.
const { useOpenImV3, ADMIN } = require('./context');

const env = useOpenImV3();

describe('error details on 3.x', () => {
	it('an errCode inside an HTTP 200 (1004) is the error code n8n shows, not 200', async () => {
		const res = await env.run({
			resource: 'friend',
			operation: 'addToBlacklist',
			ownerUid: ADMIN,
			uid: 'ghost',
		});
		expect(res.status).toBe('error');
		expect(env.requests('friend/add_black')).toHaveLength(1);
		expect(res.error).toMatchObject({
			name: 'NodeApiError',
			message: 'User not found (errCode 1004)',
			httpCode: '1004',
		});
		expect(res.error.description).toMatch(/the Owner User ID or the User ID of this item is not/);
	});

	it('a message to an unknown user or group names the receiver: OpenIM never checks the sender', async () => {
		const send = {
			resource: 'message',
			operation: 'send',
			sendID: 'nobody_at_all',
			contentType: 101,
			text: 'hi',
		};
		const toUser = await env.run({ ...send, sessionType: 1, recvID: 'ghost' });
		const toGroup = await env.run({ ...send, sessionType: 3, groupID: '404404' });
		expect(env.requests('msg/send_msg').map((request) => request.body.sendID)).toEqual([
			'nobody_at_all',
			'nobody_at_all',
		]);
		for (const res of [toUser, toGroup])
			expect(res.error).toMatchObject({
				message: 'Receiver not found (errCode 1004)',
				httpCode: '1004',
			});
		expect(toGroup.error.description).toMatch(/or its Group ID is not a group/);
	});

	it('with Continue On Fail the item keeps the HTTP status beside the errCode', async () => {
		const res = await env.run(
			{ resource: 'friend', operation: 'addToBlacklist', ownerUid: ADMIN, uid: 'ghost' },
			[{ json: {} }],
			{
				continueOnFail: true,
			},
		);
		expect(res.items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				error: 'User not found (errCode 1004)',
				errCode: 1004,
				httpCode: '200',
				endpoint: 'friend/add_black',
			}),
		]);
	});

	it('an error with an HTTP status of its own keeps it (a bind error, HTTP 400)', async () => {
		env.emu.failNext(1, {
			status: 400,
			path: '/friend/add_black',
			body: { errCode: 1001, errMsg: 'ArgsError', errDlt: 'Field validation' },
		});
		const res = await env.run({
			resource: 'friend',
			operation: 'addToBlacklist',
			ownerUid: ADMIN,
			uid: 'ghost',
		});
		expect(res.status).toBe('error');
		expect(res.error).toMatchObject({
			message: 'OpenIM refused an argument (errCode 1001)',
			httpCode: '400',
		});
	});
});
