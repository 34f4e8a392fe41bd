const { useOpenIm, ADMIN } = require('./context');
const { runWorkflow } = require('./harness');
const { faultKit } = require('./faults.test');

// A hang guard, not a figure: 100 sends took over jest's default 5 s on a loaded 2-core CI machine, and the
// timed-out run then went on sending into the next test.
jest.setTimeout(60_000);

const env = useOpenIm({ latencyMs: 0 });
const kit = faultKit(env);
afterEach(() => kit.reset());

const SEND = 'manager/send_msg';

const sendText = {
	resource: 'message',
	operation: 'send',
	sendID: 'openIM123456',
	recvID: 'bob',
	sessionType: 1,
	contentType: 101,
	text: '=msg {{ $json.n }}',
};
const items = (count) => Array.from({ length: count }, (_, n) => ({ json: { n } }));

describe('admin token', () => {
	it('one token fetch serves 100 items, and the next execution fetches none', async () => {
		const store = env.store();
		const first = await env.run(sendText, items(100), { store });
		expect(first.items).toHaveLength(100);
		expect(env.requests('auth/user_token')).toHaveLength(1);
		expect(store.preAuthCalls).toBe(1);
		expect(store.data.token).toEqual(expect.any(String));

		const second = await env.run(sendText, items(3), { store });
		expect(second.status).toBe('success');
		expect(env.requests('auth/user_token')).toHaveLength(1);
		expect(env.state().messages).toHaveLength(103);
		env.expectNoSecrets(first);
	});

	it('a token that expires mid-run is refreshed once; no item is lost or sent twice', async () => {
		const store = env.store();
		// Every token expires as the 41st send arrives, before the emulator reads it.
		kit.onRequest(SEND, 41, () => env.emu.expireAllTokens());
		const res = await env.run(sendText, items(100), { store });
		expect(res.status).toBe('success');
		expect(res.items.map((item) => item.pairedItem.item)).toEqual([...Array(100).keys()]);
		const texts = env.state().messages.map((stored) => stored.content.text);
		expect(texts).toEqual([...Array(100).keys()].map((n) => `msg ${n}`));
		expect(res.items.map((item) => item.json.msgID)).toEqual(
			env.state().messages.map((stored) => stored.msgID),
		);

		// Item 40 was sent twice: refused with the expired token, then again with the new one.
		const sends = env.requests(SEND);
		const sentTexts = [...Array(41).keys(), ...Array.from({ length: 60 }, (_, n) => n + 40)].map(
			(n) => `msg ${n}`,
		);
		expect(sends.map((request) => request.body.content.text)).toEqual(sentTexts);
		const [first, second] = env.requests('auth/user_token');
		expect(env.requests('auth/user_token')).toHaveLength(2);
		const [oldToken, newToken] = env
			.state()
			.tokens.filter((token) => token.uid === ADMIN)
			.map((token) => token.token);
		expect(newToken).not.toBe(oldToken);
		expect(sends.map((request) => request.headers.token)).toEqual([
			...Array(41).fill(oldToken),
			...Array(60).fill(newToken),
		]);
		// The refresh came between the refused send and its retry, not at the start.
		const log = env.emu.requests;
		expect(log.indexOf(first)).toBe(0);
		expect(log.indexOf(second)).toBe(log.indexOf(sends[40]) + 1);
		expect(log.indexOf(sends[41])).toBe(log.indexOf(second) + 1);
		expect(store.updates.map((update) => update.token)).toEqual([oldToken, newToken]);
		expect(store.data.token).toBe(newToken);
		env.expectNoSecrets(res);
	});

	it('a stored token the server no longer accepts is replaced on the first request', async () => {
		const store = env.store({ token: 'stale-token-from-yesterday' });
		const res = await env.run(sendText, items(2), { store });
		expect(res.status).toBe('success');
		expect(env.requests('auth/user_token')).toHaveLength(1);
		const fresh = env.state().tokens.at(-1).token;
		expect(
			env.requests(SEND).map((request) => [request.body.content.text, request.headers.token]),
		).toEqual([
			['msg 0', 'stale-token-from-yesterday'],
			['msg 0', fresh],
			['msg 1', fresh],
		]);
		expect(store.data.token).toBe(fresh);
	});

	it('a wrong secret fails with a message naming it, and nothing is sent', async () => {
		const res = await env.run(sendText, items(2), { store: env.store({ secret: 'wrong' }) });
		expect(res.status).toBe('error');
		expect(res.error.message).toBe('OpenIM refused the secret');
		expect(env.requests('manager/send_msg')).toHaveLength(0);
		const seen = JSON.stringify({ error: res.error, logs: res.logs });
		expect(seen).not.toContain('"wrong"');
	});
});

describe('continue on fail', () => {
	it('gives every input item exactly one result or one error, paired and in order', async () => {
		await env.register('a', 'b');
		const res = await env.run(
			{ resource: 'friend', operation: 'import', uid: '={{ $json.uid }}', ownerUid: 'b' },
			[
				{ json: { uid: 'a' } },
				{ json: { uid: 'ghost' } },
				{ json: { uid: 'x'.repeat(70) } },
				{ json: { uid: 'a' } },
			],
			{ continueOnFail: true },
		);
		expect(res.status).toBe('success');
		expect(res.items.map((item) => item.pairedItem.item)).toEqual([0, 1, 2, 3]);
		expect(res.items[0].json).toEqual({ uid: 'a', ownerUid: 'b', imported: true });
		expect(res.items[1].json).toMatchObject({
			error: 'User not found (errCode 606)',
			errCode: 606,
			endpoint: 'friend/import_friend',
		});
		expect(res.items[2].json).toMatchObject({
			error: 'User ID is 70 characters long; OpenIM allows at most 64 [item 2]',
		});
		expect(res.items[3].json.imported).toBe(true);
		expect(env.requests('friend/import_friend')).toHaveLength(3);
		env.expectNoSecrets(res);
	});

	it('with On Error set to the error output, failed items go there and the others to the success output', async () => {
		await env.register('a', 'b');
		const res = await runWorkflow({
			pkg: env.pkg,
			store: env.store(),
			items: [{ json: { uid: 'a' } }, { json: { uid: 'ghost' } }],
			parameters: {
				resource: 'friend',
				operation: 'import',
				uid: '={{ $json.uid }}',
				ownerUid: 'b',
			},
			onError: 'continueErrorOutput',
			typeVersion: 1,
		});
		const [success, failed] = res.runData.OpenIM[0].data.main;
		expect(success.map((item) => [item.json.uid, item.pairedItem.item])).toEqual([['a', 0]]);
		expect(failed).toHaveLength(1);
		// n8n keeps only the message in the json of an error-output item; the error itself rides along.
		expect(failed[0].json).toEqual({ error: 'User not found (errCode 606)' });
		expect(failed[0].pairedItem.item).toBe(1);
	});

	it("without it, the run stops at the failing item with that item's error", async () => {
		await env.register('a', 'b');
		const res = await env.run(
			{ resource: 'friend', operation: 'import', uid: '={{ $json.uid }}', ownerUid: 'b' },
			[{ json: { uid: 'a' } }, { json: { uid: 'ghost' } }, { json: { uid: 'a' } }],
		);
		expect(res.status).toBe('error');
		expect(res.error.message).toBe('User not found (errCode 606)');
		expect(res.error.context?.itemIndex ?? res.error.itemIndex).toBe(1);
		expect(env.requests('friend/import_friend')).toHaveLength(2);
	});
});
