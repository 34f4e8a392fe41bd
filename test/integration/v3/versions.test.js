// typeVersion 1 workflows (saved before 3.x, no apiVersion) run on 2021 as before; typeVersion 2 starts on
// 3.x, speaks 2021 when asked, and defaults Platform to Web where typeVersion 1 keeps iOS.
const { OpenImEmulator } = require('../../emulator');
const { CredentialStore, runWorkflow } = require('../harness');
const { useOpenImV3, SECRET: V3_SECRET, ADMIN: V3_ADMIN } = require('./context');

const v3 = useOpenImV3();
let emu2021;
beforeAll(async () => {
	emu2021 = await new OpenImEmulator({ port: 0, quiet: true }).start();
});
afterAll(async () => emu2021 && (await emu2021.stop()));
beforeEach(() => emu2021.reset());

const store2021 = () =>
	new CredentialStore({
		id: 'c2021',
		name: '2021',
		type: 'openImApi',
		data: {
			baseUrl: emu2021.url,
			secret: 'tuoyun',
			adminUserId: 'openIM123456',
			platform: 1,
			token: '',
		},
	});
const requests2021 = (route) => emu2021.requests.filter((request) => request.path === `/${route}`);
const run2021 = (parameters, typeVersion) =>
	runWorkflow({ pkg: v3.pkg, store: store2021(), parameters, typeVersion });

describe('OpenIM Version by typeVersion', () => {
	it('runs a typeVersion 1 workflow without apiVersion on the 2021 API, Platform iOS (1) by default', async () => {
		const res = await run2021(
			{ resource: 'user', operation: 'register', uid: 'old1', name: 'Old' },
			1,
		);
		expect(res.status).toBe('success');
		expect(res.items[0].json).toEqual({
			uid: 'old1',
			token: expect.any(String),
			expiredTime: expect.any(Number),
		});
		expect(requests2021('auth/user_register')[0].body).toEqual({
			operationID: expect.any(String),
			secret: 'tuoyun',
			platform: 1,
			uid: 'old1',
			name: 'Old',
		});
		expect(res.nodes.OpenIM.parameters.apiVersion).toBe('2021');
		const token = await run2021({ resource: 'user', operation: 'getToken', uid: 'old1' }, 1);
		expect(requests2021('auth/user_token').at(-1).body).toMatchObject({ platform: 1, uid: 'old1' });
		expect(token.items[0].json.uid).toBe('old1');
	});

	it('defaults Platform to Web (5) on typeVersion 2 with OpenIM Version 2021', async () => {
		await run2021(
			{ resource: 'user', operation: 'register', apiVersion: '2021', uid: 'new1', name: 'New' },
			2,
		);
		expect(requests2021('auth/user_register')[0].body).toMatchObject({ platform: 5, uid: 'new1' });
		await run2021({ resource: 'user', operation: 'getToken', apiVersion: '2021', uid: 'new1' }, 2);
		expect(requests2021('auth/user_token').at(-1).body).toMatchObject({ platform: 5, uid: 'new1' });
		await run2021(
			{ resource: 'user', operation: 'createOrUpdate', apiVersion: '2021', uid: 'new2', name: 'N' },
			2,
		);
		expect(requests2021('auth/user_register').at(-1).body).toMatchObject({
			platform: 5,
			uid: 'new2',
		});
	});

	it('offers user delete for 2021 on typeVersion 2 too', async () => {
		await run2021(
			{ resource: 'user', operation: 'register', apiVersion: '2021', uid: 'd1', name: 'D' },
			2,
		);
		const res = await run2021(
			{ resource: 'user', operation: 'delete', apiVersion: '2021', deleteUidList: 'd1' },
			2,
		);
		expect(res.items.map((item) => item.json)).toEqual([{ uid: 'd1', deleted: true }]);
	});

	it('starts a typeVersion 2 node on 3.x with the OpenIM V3 API credential', async () => {
		const res = await v3.run({
			resource: 'message',
			operation: 'send',
			sendID: V3_ADMIN,
			recvID: V3_ADMIN,
			contentType: 101,
			text: 'hi',
		});
		expect(res.status).toBe('success');
		expect(res.nodes.OpenIM.parameters).toMatchObject({ apiVersion: 'v3', sessionType: 1 });
		expect(v3.requests('msg/send_msg')[0].body).toMatchObject({
			sendID: V3_ADMIN,
			recvID: V3_ADMIN,
			content: { content: 'hi' },
		});
		expect(JSON.stringify(res.runData)).not.toContain(V3_SECRET);
	});
});
