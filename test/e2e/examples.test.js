'use strict';
/*
 * The example workflows in a real n8n, per n8n generation, for both OpenIM
 * generations in one n8n: the 3.x examples (examples/*.json, typeVersion 2)
 * and their 2021 versions as saved before 3.x existed (typeVersion 1, test
 * fixtures), each against its emulator. Run by `n8n execute` (CRM sync, team
 * onboarding) or driven through the active webhook of `n8n start` (webhook to
 * message), checked on the emulator's state. Also: the credential test of the
 * n8n REST API, and the token refresh of a cold n8n process.
 */

const { readBody } = require('../support/read-body');
const {
	GENERATIONS,
	LABEL,
	SETUP_TIMEOUT,
	TEST_TIMEOUT,
	startStack,
	requestsTo,
	explain,
	examples,
} = require('./helpers');
const { SEED_GROUP_ID } = require('../emulator/state');

const IDS = examples.IDS_2021;
const ADMIN = examples.OPENIM['2021'].adminUserId;
const V3_ADMIN = examples.OPENIM.v3.adminUserId;
const V3_GROUP_ID = require('../emulator/v3/state').SEED_GROUP_ID;
const { ADMIN_PLATFORM } = require('../emulator/v3/tokens');

function mustSucceed(result) {
	if (!result.ok) throw new Error(explain(result));
	return result;
}

/**
 * The editor tests a saved credential with the stored token beside the changed fields (issue 24: a wrong
 * secret tested green on n8n 1.x, which fetches a token for a test with the stored values). Each wrong
 * value must fail, and the token route must have been asked with it; the right values pass.
 */
async function storedTokenFailsForWrongValues({
	server,
	n8n,
	emulator,
	credential,
	tokenRoute,
	adminField,
}) {
	const { id, name, type } = credential;
	let stored = (await n8n.exportCredential(id)).data;
	if (!stored.token) {
		expect(await server.testCredential({ id, name, type, data: stored })).toMatchObject({
			status: 'OK',
		});
		stored = (await n8n.exportCredential(id)).data;
	}
	expect(stored.token).toMatch(/\S/);
	const from = emulator.requests.length;
	const wrongSecret = await server.testCredential({
		id,
		name,
		type,
		data: { ...stored, secret: 'not-the-secret' },
	});
	expect(wrongSecret).toMatchObject({
		status: 'Error',
		message: expect.stringMatching(/refused the secret/i),
	});
	const wrongAdmin = await server.testCredential({
		id,
		name,
		type,
		data: { ...stored, adminUserId: 'nobody-here' },
	});
	expect(wrongAdmin).toMatchObject({
		status: 'Error',
		message: expect.stringMatching(
			/does not know the admin user|not an admin user|not an app manager/i,
		),
	});
	const asked = requestsTo(emulator, tokenRoute, from).map((r) => [
		r.body.secret,
		r.body[adminField],
	]);
	expect(asked).toEqual(
		expect.arrayContaining([
			['not-the-secret', stored.adminUserId],
			[stored.secret, 'nobody-here'],
		]),
	);
	expect(await server.testCredential({ id, name, type, data: stored })).toMatchObject({
		status: 'OK',
	});
	expect((await n8n.exportCredential(id)).data).toMatchObject({
		secret: stored.secret,
		adminUserId: stored.adminUserId,
	});
}

describe.each(GENERATIONS)(
	'2021 examples (typeVersion 1 fixtures) in n8n generation %s',
	(generation) => {
		let stack;
		let emulator;
		let n8n;

		let side;

		beforeAll(async () => {
			stack = await startStack(generation, { openim: ['2021'] });
			({ n8n } = stack);
			side = stack.openim['2021'];
			({ emulator } = side);
		}, SETUP_TIMEOUT);

		afterAll(async () => {
			if (stack) await stack.stop();
		}, TEST_TIMEOUT);

		test(
			`${LABEL[generation]} loads the OpenIM node from dist/`,
			async () => {
				const types = await n8n.listNodeTypes();
				expect(types).toContain('n8n-nodes-openim.openIm');
			},
			TEST_TIMEOUT,
		);

		test(
			'CRM sync registers new contacts, updates changed ones and leaves unchanged ones alone',
			async () => {
				const before = emulator.snapshot();
				const from = emulator.requests.length;
				const result = mustSucceed(await n8n.execute(IDS.crmSync));

				expect(result.outputOf('Create or update user').map((u) => [u.uid, u.action])).toEqual([
					['alice', 'updated'],
					['dave', 'created'],
					['erin', 'created'],
				]);
				const { users } = emulator.snapshot();
				expect(users.alice).toMatchObject({
					name: 'Alice Liddell',
					email: 'alice.liddell@example.com',
					mobile: '+1-555-0101',
					gender: 2,
				});
				expect(users.dave).toMatchObject({
					name: 'Dave Kim',
					email: 'dave.kim@example.com',
					mobile: '+1-555-0104',
					gender: 1,
				});
				expect(users.erin).toMatchObject({
					name: 'Erin Ng, PhD',
					email: 'erin.ng@example.com',
					mobile: '+1-555-0105',
					gender: 2,
				});
				expect(users.bob).toEqual(before.users.bob);
				expect(users.carol).toEqual(before.users.carol);

				// One lookup for all contacts; bob (unchanged) is neither registered nor updated.
				expect(requestsTo(emulator, '/user/get_user_info', from)).toHaveLength(1 + 3); // + createOrUpdate's own lookups
				expect(requestsTo(emulator, '/auth/user_register', from).map((r) => r.body.uid)).toEqual([
					'dave',
					'erin',
				]);
				expect(requestsTo(emulator, '/user/update_user_info', from).map((r) => r.body.uid)).toEqual(
					['alice'],
				);

				// A second run finds nothing new or changed and writes nothing.
				const again = emulator.requests.length;
				const second = mustSucceed(await n8n.execute(IDS.crmSync));
				expect(second.outputOf('New or changed')).toEqual([]);
				expect(second.runData['Create or update user']).toBeUndefined();
				expect(requestsTo(emulator, '/auth/user_register', again)).toHaveLength(0);
				expect(requestsTo(emulator, '/user/update_user_info', again)).toHaveLength(0);
			},
			TEST_TIMEOUT,
		);

		test(
			'team onboarding creates the group with its owner, invites the members, makes them friends and welcomes them',
			async () => {
				const before = emulator.snapshot();
				const result = mustSucceed(await n8n.execute(IDS.onboarding));

				const { groups, friends, messages } = emulator.snapshot();
				const created = Object.values(groups).filter((g) => !before.groups[g.groupID]);
				expect(created).toHaveLength(1);
				const group = created[0];
				expect(group).toMatchObject({ groupName: 'Launch team', ownerUid: 'alice' });
				expect(result.outputOf('Create group')).toEqual([
					expect.objectContaining({ groupID: group.groupID, groupName: 'Launch team' }),
				]);
				expect(
					Object.fromEntries(Object.values(group.members).map((m) => [m.uid, m.role])),
				).toEqual({ alice: 1, bob: 0, carol: 0 });
				expect(result.outputOf('Invite members').map((r) => [r.uid, r.invited])).toEqual([
					['bob', true],
					['carol', true],
				]);
				expect([...friends.alice].sort()).toEqual(['bob', 'carol']);
				expect(friends.bob).toContain('alice');
				expect(friends.carol).toContain('alice');

				const welcome = messages.filter((m) => m.recvID === group.groupID);
				expect(welcome).toHaveLength(1); // executeOnce: one message, not one per member
				expect(welcome[0]).toMatchObject({ sendID: 'alice', sessionType: 2, contentType: 101 });
				expect(welcome[0].content.text).toMatch(/^Welcome to the Launch team!/);
				expect(result.outputOf('Send welcome message')).toEqual([
					expect.objectContaining({ msgID: welcome[0].msgID, sendTime: welcome[0].sendTime }),
				]);
			},
			TEST_TIMEOUT,
		);

		test(
			'a cold n8n process refreshes an expired stored token once and stores the new one',
			async () => {
				// The credential as a process that ran before left it: holding a token this OpenIM issued.
				const oldToken = emulator.issueToken(ADMIN, 8).token;
				await n8n.importCredential({
					...side.credential,
					data: { ...side.credential.data, token: oldToken },
				});
				expect((await n8n.exportCredential(side.credential.id)).data.token).toBe(oldToken);

				emulator.expireAllTokens();
				const from = emulator.requests.length;
				const groupsBefore = Object.keys(emulator.snapshot().groups).length;
				// `n8n execute` is a new process: nothing cached in memory, only the stored (expired) token.
				mustSucceed(await n8n.execute(IDS.onboarding));

				const tokenRequests = requestsTo(emulator, '/auth/user_token', from);
				expect(tokenRequests).toHaveLength(1); // one refresh serves every OpenIM node of the run
				expect(tokenRequests[0].body).toMatchObject({ uid: ADMIN, platform: 8 });
				// The first OpenIM request went out with the expired token and was refused, then retried.
				const firstCall = emulator.requests[from];
				expect(firstCall.path).toBe('/group/create_group');
				expect(firstCall.headers.token).toBe(oldToken);
				expect(Object.keys(emulator.snapshot().groups)).toHaveLength(groupsBefore + 1); // created once, not twice

				const newToken = (await n8n.exportCredential(side.credential.id)).data.token;
				const tokens = emulator.snapshot().tokens;
				expect(newToken).not.toBe(oldToken);
				expect(newToken).toBe(tokens[tokens.length - 1].token);
				for (const r of emulator.requests
					.slice(from + 1)
					.filter((q) => q.path !== '/auth/user_token')) {
					expect(r.headers.token).toBe(newToken);
				}
			},
			TEST_TIMEOUT,
		);

		describe('with n8n start', () => {
			let server;

			beforeAll(async () => {
				// Activation writes the DB; n8n start then registers the production webhook.
				await n8n.activateWorkflow(IDS.webhook);
				server = await n8n.startServer();
				await server.setupOwner();
				await server.waitForWebhook('openim-message-2021');
			}, SETUP_TIMEOUT);

			afterAll(async () => {
				if (server) await server.stop();
			}, TEST_TIMEOUT);

			async function post(body) {
				const res = await fetch(`${server.baseUrl}/webhook/openim-message-2021`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(body),
				});
				const { text, json } = await readBody(res);
				return { status: res.status, text, json };
			}

			test(
				'webhook to message: an alert for a user becomes a one-to-one text message, answered with its msgID',
				async () => {
					const res = await post({
						title: 'Disk full',
						severity: 'critical',
						message: '/var at 97%',
						source: 'db-1',
						userID: 'alice',
					});
					expect(res.status).toBe(200);
					expect(res.json).toMatchObject({ ok: true, recvID: 'alice', sessionType: 1 });
					const message = emulator.snapshot().messages.find((m) => m.msgID === res.json.msgID);
					expect(message).toMatchObject({
						sendID: ADMIN,
						recvID: 'alice',
						sessionType: 1,
						contentType: 101,
						content: { text: '[CRITICAL] Disk full (db-1): /var at 97%' },
						senderNickName: 'n8n',
					});
					expect(res.json.sendTime).toBe(message.sendTime); // nanoseconds, exact
				},
				TEST_TIMEOUT,
			);

			test(
				'webhook to message: an order without a recipient goes to the default group',
				async () => {
					const res = await post({
						orderId: 'A-1001',
						customer: 'Ada',
						total: 42.5,
						currency: 'EUR',
						items: 3,
					});
					expect(res.status).toBe(200);
					expect(res.json).toMatchObject({ ok: true, recvID: SEED_GROUP_ID, sessionType: 2 });
					const message = emulator.snapshot().messages.find((m) => m.msgID === res.json.msgID);
					expect(message).toMatchObject({
						recvID: SEED_GROUP_ID,
						sessionType: 2,
						content: { text: 'New order A-1001 from Ada: 42.5 EUR, 3 items' },
					});
				},
				TEST_TIMEOUT,
			);

			test(
				"webhook to message: OpenIM's refusal comes back as HTTP 502 with the errCode, and nothing is sent",
				async () => {
					const count = emulator.snapshot().messages.length;
					const res = await post({ text: 'to nowhere', groupID: 'no-such-group' });
					expect(res.status).toBe(502);
					expect(res.json).toMatchObject({ ok: false, errCode: 700 });
					expect(res.json.error).toMatch(/errCode 700/);
					expect(emulator.snapshot().messages).toHaveLength(count);
				},
				TEST_TIMEOUT,
			);

			test(
				'credential test (POST /rest/credentials/test) passes with the right secret and names a wrong secret',
				async () => {
					const { id, name, type, data } = side.credential;
					const good = await server.testCredential({ id, name, type, data });
					expect(good).toMatchObject({ status: 'OK' });

					const from = emulator.requests.length;
					const bad = await server.testCredential({
						id,
						name,
						type,
						data: { ...data, secret: 'not-the-secret' },
					});
					expect(bad.status).toBe('Error');
					expect(bad.message).toMatch(/refused the secret/i);
					expect(requestsTo(emulator, '/auth/user_token', from).map((r) => r.body.secret)).toEqual([
						'not-the-secret',
					]);

					// The stored credential keeps the right secret: the test did not save anything.
					expect((await n8n.exportCredential(id)).data.secret).toBe(data.secret);
				},
				TEST_TIMEOUT,
			);

			test(
				'credential test with the token n8n stored: a wrong secret or an unknown admin uid fails, as the editor sends them after a save',
				async () => {
					await storedTokenFailsForWrongValues({
						server,
						n8n,
						emulator,
						credential: side.credential,
						tokenRoute: '/auth/user_token',
						adminField: 'uid',
					});
				},
				TEST_TIMEOUT,
			);
		});
	},
);

/** The text of a stored 3.x message: the emulator keeps content as the JSON string the server stores. */
const textOf = (message) => JSON.parse(message.content).content;

describe.each(GENERATIONS)('3.x examples (typeVersion 2) in n8n generation %s', (generation) => {
	let stack;
	let emulator;
	let n8n;
	let side;

	beforeAll(async () => {
		stack = await startStack(generation, { openim: ['v3'] });
		({ n8n } = stack);
		side = stack.openim.v3;
		({ emulator } = side);
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		if (stack) await stack.stop();
	}, TEST_TIMEOUT);

	test(
		'CRM sync registers new contacts, updates changed ones and leaves unchanged ones alone',
		async () => {
			const before = emulator.snapshot();
			const from = emulator.requests.length;
			const result = mustSucceed(await n8n.execute(examples.IDS.crmSync));

			expect(result.outputOf('Create or update user').map((u) => [u.userID, u.action])).toEqual([
				['alice', 'updated'],
				['dave', 'created'],
				['erin', 'created'],
			]);
			const { users } = emulator.snapshot();
			expect(users.alice.nickname).toBe('Alice Liddell');
			expect(JSON.parse(users.alice.ex)).toEqual({
				email: 'alice.liddell@example.com',
				mobile: '+1-555-0101',
				gender: 2,
			});
			expect(users.dave.nickname).toBe('Dave Kim');
			expect(JSON.parse(users.erin.ex)).toEqual({
				email: 'erin.ng@example.com',
				mobile: '+1-555-0105',
				gender: 2,
			});
			expect(users.erin.nickname).toBe('Erin Ng, PhD');
			expect(users.bob).toEqual(before.users.bob);
			expect(users.carol).toEqual(before.users.carol);

			// One lookup for all contacts (+ createOrUpdate's own); bob (unchanged) is neither registered nor updated.
			expect(requestsTo(emulator, '/user/get_users_info', from)).toHaveLength(1 + 3);
			expect(
				requestsTo(emulator, '/user/user_register', from).flatMap((r) =>
					r.body.users.map((u) => u.userID),
				),
			).toEqual(['dave', 'erin']);
			expect(
				requestsTo(emulator, '/user/update_user_info_ex', from).map((r) => r.body.userInfo.userID),
			).toEqual(['alice']);
			for (const r of emulator.requests.slice(from)) expect(r.headers.operationid).toBeTruthy();

			const again = emulator.requests.length;
			const second = mustSucceed(await n8n.execute(examples.IDS.crmSync));
			expect(second.outputOf('New or changed')).toEqual([]);
			expect(requestsTo(emulator, '/user/user_register', again)).toHaveLength(0);
			expect(requestsTo(emulator, '/user/update_user_info_ex', again)).toHaveLength(0);
		},
		TEST_TIMEOUT,
	);

	test(
		'team onboarding creates the group with its owner, invites the members, makes them friends and welcomes them',
		async () => {
			const before = emulator.snapshot();
			const result = mustSucceed(await n8n.execute(examples.IDS.onboarding));

			const { groups, friends, messages } = emulator.snapshot();
			const created = Object.values(groups).filter((g) => !before.groups[g.groupID]);
			expect(created).toHaveLength(1);
			const group = created[0];
			expect(group).toMatchObject({ groupName: 'Launch team', ownerUserID: 'alice', groupType: 2 });
			expect(result.outputOf('Create group')).toEqual([
				expect.objectContaining({ groupID: group.groupID, groupName: 'Launch team' }),
			]);
			expect(Object.keys(group.members).sort()).toEqual(['alice', 'bob', 'carol']);
			expect(result.outputOf('Invite members').map((r) => [r.userID, r.invited])).toEqual([
				['bob', true],
				['carol', true],
			]);
			expect(Object.keys(friends.alice).sort()).toEqual(['bob', 'carol']);

			const welcome = messages.filter((m) => m.groupID === group.groupID);
			expect(welcome).toHaveLength(1); // executeOnce: one message, not one per member
			expect(welcome[0]).toMatchObject({ sendID: 'alice', sessionType: 3, contentType: 101 });
			expect(textOf(welcome[0])).toMatch(/^Welcome to the Launch team!/);
			expect(result.outputOf('Send welcome message')).toEqual([
				expect.objectContaining({
					serverMsgID: welcome[0].serverMsgID,
					clientMsgID: welcome[0].clientMsgID,
					sendTime: welcome[0].sendTime,
				}),
			]);
		},
		TEST_TIMEOUT,
	);

	test(
		'a cold n8n process refreshes an expired stored admin token once and stores the new one',
		async () => {
			// The credential as a process that ran before left it: holding an admin token this OpenIM issued.
			const oldToken = emulator.issueToken(V3_ADMIN, ADMIN_PLATFORM).token;
			await n8n.importCredential({
				...side.credential,
				data: { ...side.credential.data, token: oldToken },
			});
			expect((await n8n.exportCredential(side.credential.id)).data.token).toBe(oldToken);

			emulator.expireAllTokens();
			const from = emulator.requests.length;
			const groupsBefore = Object.keys(emulator.snapshot().groups).length;
			mustSucceed(await n8n.execute(examples.IDS.onboarding));

			const tokenRequests = requestsTo(emulator, '/auth/get_admin_token', from);
			expect(tokenRequests).toHaveLength(1);
			expect(tokenRequests[0].body).toEqual({
				secret: side.credential.data.secret,
				userID: V3_ADMIN,
			});
			const firstCall = emulator.requests[from];
			expect(firstCall.path).toBe('/group/create_group');
			expect(firstCall.headers.token).toBe(oldToken);
			expect(firstCall.answer.errCode).toBe(1501);
			expect(Object.keys(emulator.snapshot().groups)).toHaveLength(groupsBefore + 1);

			const newToken = (await n8n.exportCredential(side.credential.id)).data.token;
			expect(newToken).not.toBe(oldToken);
			for (const r of emulator.requests
				.slice(from + 1)
				.filter((q) => q.path !== '/auth/get_admin_token')) {
				expect(r.headers.token).toBe(newToken);
			}
		},
		TEST_TIMEOUT,
	);

	describe('with n8n start', () => {
		let server;

		beforeAll(async () => {
			await n8n.activateWorkflow(examples.IDS.webhook);
			server = await n8n.startServer();
			await server.setupOwner();
			await server.waitForWebhook('openim-message');
		}, SETUP_TIMEOUT);

		afterAll(async () => {
			if (server) await server.stop();
		}, TEST_TIMEOUT);

		async function post(body) {
			const res = await fetch(`${server.baseUrl}/webhook/openim-message`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			const { text, json } = await readBody(res);
			return { status: res.status, text, json };
		}

		test(
			'webhook to message: an alert for a user becomes a one-to-one text message, answered with its ids',
			async () => {
				const res = await post({
					title: 'Disk full',
					severity: 'critical',
					message: '/var at 97%',
					source: 'db-1',
					userID: 'alice',
				});
				expect(res.status).toBe(200);
				expect(res.json).toMatchObject({ ok: true, recvID: 'alice', sessionType: 1 });
				const message = emulator
					.snapshot()
					.messages.find((m) => m.serverMsgID === res.json.serverMsgID);
				expect(message).toMatchObject({
					sendID: V3_ADMIN,
					recvID: 'alice',
					sessionType: 1,
					contentType: 101,
					senderNickname: 'n8n',
				});
				expect(textOf(message)).toBe('[CRITICAL] Disk full (db-1): /var at 97%');
				expect(res.json.sendTime).toBe(message.sendTime); // milliseconds
			},
			TEST_TIMEOUT,
		);

		test(
			'webhook to message: an order without a recipient goes to the default group',
			async () => {
				const res = await post({
					orderId: 'A-1001',
					customer: 'Ada',
					total: 42.5,
					currency: 'EUR',
					items: 3,
				});
				expect(res.status).toBe(200);
				expect(res.json).toMatchObject({ ok: true, groupID: V3_GROUP_ID, sessionType: 3 });
				const message = emulator
					.snapshot()
					.messages.find((m) => m.serverMsgID === res.json.serverMsgID);
				expect(message).toMatchObject({ groupID: V3_GROUP_ID, sessionType: 3 });
				expect(textOf(message)).toBe('New order A-1001 from Ada: 42.5 EUR, 3 items');
			},
			TEST_TIMEOUT,
		);

		test(
			"webhook to message: OpenIM's refusal comes back as HTTP 502 with the errCode, and nothing is sent",
			async () => {
				const count = emulator.snapshot().messages.length;
				const res = await post({ text: 'to nowhere', groupID: 'no-such-group' });
				expect(res.status).toBe(502);
				expect(res.json).toMatchObject({ ok: false, errCode: 1004 });
				expect(res.json.error).toMatch(/errCode 1004/);
				expect(emulator.snapshot().messages).toHaveLength(count);
			},
			TEST_TIMEOUT,
		);

		test(
			'credential test (POST /rest/credentials/test) passes with the right secret and names a wrong secret',
			async () => {
				const { id, name, type, data } = side.credential;
				expect(await server.testCredential({ id, name, type, data })).toMatchObject({
					status: 'OK',
				});

				const from = emulator.requests.length;
				const bad = await server.testCredential({
					id,
					name,
					type,
					data: { ...data, secret: 'not-the-secret' },
				});
				expect(bad.status).toBe('Error');
				expect(bad.message).toMatch(/refused the secret/i);
				expect(
					requestsTo(emulator, '/auth/get_admin_token', from).map((r) => r.body.secret),
				).toEqual(['not-the-secret']);
				expect((await n8n.exportCredential(id)).data.secret).toBe(data.secret);
			},
			TEST_TIMEOUT,
		);

		test(
			'credential test with the token n8n stored: a wrong secret or a non-admin user ID fails, as the editor sends them after a save',
			async () => {
				await storedTokenFailsForWrongValues({
					server,
					n8n,
					emulator,
					credential: side.credential,
					tokenRoute: '/auth/get_admin_token',
					adminField: 'userID',
				});
			},
			TEST_TIMEOUT,
		);
	});
});
