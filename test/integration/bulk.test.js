const { useOpenIm } = require('./context');

const env = useOpenIm();

const items = (count, make = (n) => ({ n })) =>
	Array.from({ length: count }, (_, n) => ({ json: make(n) }));
const sendText = (options = {}) => ({
	resource: 'message',
	operation: 'send',
	sendID: 'openIM123456',
	recvID: '={{ $json.to ?? "bob" }}',
	sessionType: 1,
	contentType: 101,
	text: '=msg {{ $json.n }}',
	options,
});

describe('parallel requests', () => {
	it('keeps output order and pairing with 8 in flight, each item sent once', async () => {
		env.emu.setLatency(3);
		const res = await env.run(sendText({ concurrency: 8 }), items(60));
		expect(res.status).toBe('success');
		expect(res.items.map((item) => item.pairedItem.item)).toEqual([...Array(60).keys()]);
		const stored = env.state().messages;
		expect(res.items.map((item) => item.json.msgID)).toEqual(
			[...Array(60).keys()].map(
				(n) => stored.find((message) => message.content.text === `msg ${n}`).msgID,
			),
		);
		expect(stored.map((message) => message.content.text).sort()).toEqual(
			[...Array(60).keys()].map((n) => `msg ${n}`).sort(),
		);
	});

	it('fetches one token for the whole run, even with 8 in flight from the start', async () => {
		const res = await env.run(sendText({ concurrency: 8 }), items(40));
		expect(res.status).toBe('success');
		expect(env.requests('auth/user_token')).toHaveLength(1);
	});

	it('really has several requests in flight: a held item does not hold up the others', async () => {
		// The first request of a run goes alone (it may fetch the token); the second one is answered
		// only once the 10 after it have reached the server. One request after another, that never
		// happens: the held item would fail with its timeout (a hang guard here, not a measure).
		env.emu.failNext(1, {
			status: 200,
			body: { errCode: 0, errMsg: '', sendTime: 1, msgID: 'first' },
			path: '/manager/send_msg',
		});
		const answer = env.emu.answer.bind(env.emu);
		let release;
		const othersArrived = new Promise((resolve) => (release = resolve));
		let sendsWhenAnswered;
		env.emu.answer = async (request, fault) => {
			if (request.path === '/manager/send_msg' && env.requests('manager/send_msg').length === 12)
				release();
			if (
				request.path === '/manager/send_msg' &&
				JSON.parse(request.rawBody).content.text === 'msg 1'
			) {
				await othersArrived;
				sendsWhenAnswered = env.requests('manager/send_msg').length;
			}
			return answer(request, fault);
		};
		let res;
		try {
			res = await env.run(sendText({ concurrency: 3, timeout: 20_000 }), items(12), {
				continueOnFail: true,
			});
		} finally {
			delete env.emu.answer;
		}
		expect(res.items.map((item) => item.json.error)).toEqual(Array(12).fill(undefined));
		expect(res.items.map((item) => item.pairedItem.item)).toEqual([...Array(12).keys()]);
		const [, held, ...others] = env.requests('manager/send_msg');
		expect(held.body.content.text).toBe('msg 1');
		expect(others.map((request) => request.body.content.text).sort()).toEqual(
			[...Array(10).keys()].map((n) => `msg ${n + 2}`).sort(),
		);
		expect(sendsWhenAnswered).toBe(12);
		expect(res.items[1].json.msgID).toBe(
			env.state().messages.find((message) => message.content.text === 'msg 1').msgID,
		);
	}, 40_000);

	it('with continueOnFail, every item ends as one result or one error, in order', async () => {
		const bad = new Set([3, 17, 18]);
		const res = await env.run(
			sendText({ concurrency: 4 }),
			items(25, (n) => ({ n, to: bad.has(n) ? 'x'.repeat(65) : 'bob' })),
			{ continueOnFail: true },
		);
		expect(res.items.map((item) => item.pairedItem.item)).toEqual([...Array(25).keys()]);
		for (const [index, item] of res.items.entries()) {
			if (bad.has(index))
				expect(item.json.error).toMatch(
					new RegExp(`Receiver ID is 65 characters long.*\\[item ${index}\\]`),
				);
			else expect(item.json.msgID).toEqual(expect.any(String));
		}
		expect(env.state().messages).toHaveLength(22);
	});

	it('without continueOnFail, stops with the error of the first failing item', async () => {
		const res = await env.run(
			sendText({ concurrency: 4 }),
			items(40, (n) => ({ n, to: n === 9 || n === 30 ? '' : 'bob' })),
		);
		expect(res.status).toBe('error');
		expect(res.error.message).toMatch(/Receiver ID is required \[item 9\]/);
		// Items after the failing one were not started beyond those already in flight.
		expect(env.state().messages.length).toBeLessThan(9 + 4);
	});
});

describe('long uid lists', () => {
	const uids = (count, prefix = 'u') => Array.from({ length: count }, (_, n) => `${prefix}${n}`);

	it('gets 1,200 users in chunks of at most 500 and merges them in order', async () => {
		const wanted = uids(1200);
		const res = await env.run({ resource: 'user', operation: 'get', uidList: '={{ $json.ids }}' }, [
			{ json: { ids: wanted } },
		]);
		expect(res.items.map((item) => item.json.uid)).toEqual(wanted);
		expect(
			env.requests('user/get_user_info').map((request) => request.body.uidList.length),
		).toEqual([500, 500, 200]);
	});

	it('deletes, invites and kicks in chunks', async () => {
		const members = uids(600, 'm');
		await env.register('owner', ...members);
		const created = await env.run({
			resource: 'group',
			operation: 'create',
			groupName: 'Big',
			memberList: { members: [{ uid: 'owner', setRole: 1 }] },
		});
		const { groupID } = created.items[0].json;

		const invited = await env.run({
			resource: 'group',
			operation: 'inviteUsers',
			groupID,
			uidList: members.join(','),
			reason: '',
		});
		expect(invited.items.filter((item) => item.json.invited)).toHaveLength(600);
		expect(
			env.requests('group/invite_user_to_group').map((request) => request.body.uidList.length),
		).toEqual([500, 100]);

		const kicked = await env.run({
			resource: 'group',
			operation: 'kickUsers',
			groupID,
			uidListInfo: members.join(','),
		});
		expect(kicked.items.filter((item) => item.json.kicked)).toHaveLength(600);
		expect(
			env.requests('group/kick_group').map((request) => request.body.uidListInfo.length),
		).toEqual([500, 100]);
		expect(Object.keys(env.state().groups[groupID].members)).toEqual(['owner']);

		const deleted = await env.run({
			resource: 'user',
			operation: 'delete',
			deleteUidList: members.join(','),
		});
		expect(deleted.items.map((item) => item.json)).toEqual(
			members.map((uid) => ({ uid, deleted: true })),
		);
		expect(
			env.requests('manager/delete_user').map((request) => request.body.deleteUidList.length),
		).toEqual([500, 100]);
		// 600 registrations, 600 memberships and 600 deletions: jest's 5 s hang guard is too short on a loaded machine.
	}, 30000);

	it('says how many uids were handled when a later chunk fails', async () => {
		env.emu.failNext(1, {
			status: 200,
			body: { errCode: 0, errMsg: '', failedUidList: [] },
			path: '/manager/delete_user',
		});
		env.emu.failNext(1, {
			status: 200,
			body: { errCode: 100, errMsg: '' },
			path: '/manager/delete_user',
		});
		const res = await env.run({
			resource: 'user',
			operation: 'delete',
			deleteUidList: uids(700).join(','),
		});
		expect(res.status).toBe('error');
		expect(res.error.message).toBe('OpenIM database error (errCode 100)');
		expect(res.error.description).toMatch(/The first 500 of 700 user IDs were already handled/);
	});
});
