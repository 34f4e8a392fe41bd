'use strict';
/*
 * The OpenIM node in the n8n editor, in a real browser: Debian's chromium
 * (/usr/bin/chromium, `apt-get install -y chromium`) driven by playwright-core,
 * which never downloads a browser of its own. Per n8n generation: sign in
 * through the sign-in page, open the webhook example (3.x), open its OpenIM node
 * and check the resources, operations and the fields of the content types
 * against the node's description in dist/ (what n8n-workflow's displayParameter
 * shows for the same values), then switch OpenIM Version to 2021 and back (n8n offers it as the choice of credential). Screenshots go to test-results/; the one of
 * generation 1 also to docs/images/node-v3.png (shown in the README) when it looks
 * different from the committed one. Then the OpenIM Trigger of the IM bot example: its Webhook URLs panel
 * shows the url for webhooks.yml (no /:command), and the Test URL shown, with a command after it, reaches it;
 * the node picker lists its events as triggers and adds it. The node picker's OpenIM entry: described as the
 * OpenIM node, its actions those of a new (3.x) node and none of 2021 only, three of them adding a node on
 * their own operation with the OpenIM V3 API credential. A 1004 error's details, and a wrong secret saved
 * into the credential failing its test. Pictures for the manual go to docs/images/ (node-picker.png,
 * node-v3.png, trigger-panel.png, credential-v3.png), again only when they look different.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const {
	GENERATIONS,
	LABEL,
	SETUP_TIMEOUT,
	TEST_TIMEOUT,
	startStack,
	examples,
} = require('./helpers');

const REPO = path.resolve(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const RESULTS = path.join(REPO, 'test-results');
// The manual's pictures (docs/images/), made by this test; rewritten only when the editor looks different.
const DOCS_IMAGES = path.join(REPO, 'docs', 'images');
const DOCS_GENERATION = process.env.N8N_E2E_SCREENSHOT_GENERATION || '1';
// Blinking carets (CodeMirror draws its own) and fading scrollbars made each picture differ by a few pixels.
const SCREENSHOT_STYLE =
	'.cm-cursor, .cm-cursorLayer { display: none !important; } * { scrollbar-width: none !important; } ::-webkit-scrollbar { display: none !important; }';
const OWNER = { email: 'owner@example.com', password: 'OpenIM-local-1' };
// n8n adds this entry to the resource and operation lists of nodes whose credential can authenticate any request.
const N8N_CUSTOM_CALL = 'Custom API Call';

/* ---------- what the editor should show, from the built node ---------- */

const { NodeHelpers } = require('n8n-workflow');
const { OpenIm } = require(path.join(REPO, 'dist', 'nodes', 'OpenIm', 'OpenIm.node.js'));
const { OpenImTrigger } = require(
	path.join(REPO, 'dist', 'nodes', 'OpenIm', 'OpenImTrigger.node.js'),
);
const { description } = new OpenIm();
const { properties } = description;

/**
 * The form's values as the test sets them; `shown()` is what n8n shows for them. The webhook example's node:
 * typeVersion 2 on 3.x, Send, and a Session Type expression (n8n shows what depends on an expression).
 */
const form = {
	apiVersion: 'v3',
	resource: 'message',
	operation: 'send',
	sessionType: '={{ $json.sessionType }}',
	contentType: 101,
	contentMode: 'fields',
};
const NODE = { typeVersion: 2, parameters: form };
const shown = (values = form) =>
	properties.filter((p) =>
		NodeHelpers.displayParameter(values, p, { ...NODE, parameters: values }, description),
	);

function property(name, values = form) {
	const found = shown(values).find((p) => p.name === name);
	if (!found) throw new Error(`the node shows no parameter ${name} for ${JSON.stringify(values)}`);
	return found;
}
const optionNames = (p) => p.options.map((o) => o.name);
const contentTypeName = (value) =>
	property('contentType').options.find((o) => o.value === value).name;
/** The parameters a content type adds to the form (in Fields mode). */
const contentFields = (value) => {
	const others = new Set(shown({ ...form, contentType: -1 }));
	return shown({ ...form, contentType: value }).filter((p) => !others.has(p));
};

/**
 * The node picker's actions, as n8n's editor derives them (useActionsGenerator, resourceCategories): per
 * resource, the options of the first `operation` property shown for it, each by its `action`.
 */
const resourceOptions = properties.find((p) => p.name === 'resource').options;
const selectorsOf = (resource) =>
	properties.filter(
		(p) => p.name === 'operation' && p.displayOptions.show.resource.includes(resource),
	);
const PICKER_ACTIONS = resourceOptions.flatMap(({ value }) =>
	selectorsOf(value)[0].options.map((o) => ({ resource: value, ...o })),
);
/** Actions only the 2021 selectors offer (e.g. "Delete users"): a new node is on 3.x, so the picker has none. */
const ONLY_2021 = resourceOptions
	.flatMap(({ value }) =>
		selectorsOf(value)
			.filter((p) => p.displayOptions.show.apiVersion?.[0] === '2021')
			.flatMap((p) => p.options),
	)
	.map((o) => o.action)
	.filter((action) => !PICKER_ACTIONS.some((a) => a.action === action));

/**
 * A workflow whose OpenIM node sends to a user the emulator does not know: OpenIM answers errCode 1004. The ID
 * is one a 3.x user could have (the node refuses IDs with a '-' before sending).
 */
const UNKNOWN_RECEIVER = {
	id: 'openimE2eUnknown1',
	name: 'Send to an unknown user (e2e)',
	active: false,
	settings: {},
	connections: { 'Manual Trigger': { main: [[{ node: 'Send message', type: 'main', index: 0 }]] } },
	nodes: [
		{
			id: 'u-trigger',
			name: 'Manual Trigger',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'u-send',
			name: 'Send message',
			type: 'n8n-nodes-openim.openIm',
			typeVersion: 2,
			position: [240, 0],
			parameters: {
				apiVersion: 'v3',
				resource: 'message',
				operation: 'send',
				sendID: 'imAdmin',
				sessionType: 1,
				recvID: 'nobody_here',
				contentType: 101,
				text: 'hello',
			},
			credentials: {
				openImV3Api: {
					id: examples.OPENIM.v3.credentialId,
					name: examples.OPENIM.v3.credentialName,
				},
			},
		},
	],
};

/* ---------- page helpers ---------- */

const inputOf = (name) => `[data-test-id="parameter-input-${name}"]`;

/** Back to the canvas from a node's panel: 1.x has a button for it (Escape leaves its panel open), 2.x takes Escape. */
async function closePanel(page) {
	const back = page.locator('[data-test-id="back-to-canvas"]');
	if (await back.first().isVisible()) await back.first().click();
	else await page.keyboard.press('Escape');
	await page.locator('[data-test-id="node-parameters"]').first().waitFor({ state: 'hidden' });
}

async function openOptions(page, name) {
	await page.click(inputOf(name));
	const items = page.locator('.el-select-dropdown__item:visible');
	await items.first().waitFor({ state: 'visible', timeout: 15000 });
	return items;
}

/** The entries of a dropdown parameter (first line of each: the name, without its description). */
async function listOptions(page, name, whileOpen) {
	const items = await openOptions(page, name);
	const texts = (await items.allInnerTexts()).map((t) => t.split('\n')[0].trim());
	if (whileOpen) await whileOpen();
	await page.keyboard.press('Escape');
	await page
		.locator('.el-select-dropdown__item:visible')
		.first()
		.waitFor({ state: 'hidden', timeout: 15000 });
	return texts;
}

async function choose(page, name, label) {
	const items = await openOptions(page, name);
	const texts = (await items.allInnerTexts()).map((t) => t.split('\n')[0].trim());
	const index = texts.indexOf(label);
	if (index < 0)
		throw new Error(`"${label}" is not among the options of ${name}: ${JSON.stringify(texts)}`);
	await items.nth(index).click();
	await page
		.locator('.el-select-dropdown__item:visible')
		.first()
		.waitFor({ state: 'hidden', timeout: 15000 });
}

/** Fails unless every parameter in `shown` is in the form and none in `hidden`. */
async function expectFields(page, shown, hidden = []) {
	const panel = page.locator('[data-test-id="node-parameters"]');
	for (const p of shown) {
		if (p.type === 'collection' || p.type === 'fixedCollection') {
			// collections have no single input: their label stands for them
			await panel
				.getByText(p.displayName, { exact: true })
				.first()
				.waitFor({ state: 'visible', timeout: 15000 });
		} else {
			await page.locator(inputOf(p.name)).first().waitFor({ state: 'visible', timeout: 15000 });
		}
	}
	for (const p of hidden) {
		if (p.type === 'collection' || p.type === 'fixedCollection') {
			expect(await panel.getByText(p.displayName, { exact: true }).count()).toBe(0);
		} else {
			expect(await page.locator(inputOf(p.name)).count()).toBe(0);
		}
	}
}

/**
 * Whether two PNGs show the same picture, give or take anti-aliasing: rounded corners come out one
 * colour level apart from run to run. Compared in the browser (no image library needed).
 */
async function samePicture(context, fileA, fileB) {
	if (!fs.existsSync(fileA) || !fs.existsSync(fileB)) return false;
	const [a, b] = [fileA, fileB].map((f) => fs.readFileSync(f).toString('base64'));
	const scratch = await context.newPage();
	try {
		const differing = await scratch.evaluate(
			async ([a64, b64]) => {
				const load = (data) =>
					new Promise((resolve, reject) => {
						const img = new Image();
						img.onload = () => resolve(img);
						img.onerror = reject;
						img.src = `data:image/png;base64,${data}`;
					});
				const [ia, ib] = [await load(a64), await load(b64)];
				if (ia.width !== ib.width || ia.height !== ib.height) return Infinity;
				const pixels = (img) => {
					const canvas = document.createElement('canvas');
					canvas.width = img.width;
					canvas.height = img.height;
					const ctx = canvas.getContext('2d');
					ctx.drawImage(img, 0, 0);
					return ctx.getImageData(0, 0, img.width, img.height).data;
				};
				const [pa, pb] = [pixels(ia), pixels(ib)];
				let count = 0;
				for (let i = 0; i < pa.length; i += 4) {
					if (
						Math.max(
							Math.abs(pa[i] - pb[i]),
							Math.abs(pa[i + 1] - pb[i + 1]),
							Math.abs(pa[i + 2] - pb[i + 2]),
						) > 8
					)
						count++;
				}
				return count;
			},
			[a, b],
		);
		return differing === 0;
	} finally {
		await scratch.close();
	}
}

describe.each(GENERATIONS)('OpenIM node in the editor of n8n generation %s', (generation) => {
	let stack;
	let server;
	let context;
	let page;
	let userDataDir;

	async function screenshot(step) {
		fs.mkdirSync(RESULTS, { recursive: true });
		const file = path.join(RESULTS, `browser-g${generation}-${step}.png`);
		await page.screenshot({
			path: file,
			animations: 'disabled',
			caret: 'hide',
			style: SCREENSHOT_STYLE,
		});
		return file;
	}

	/** Copies a picture of generation DOCS_GENERATION to docs/images/<name> when it looks different from the committed one. */
	async function toDocs(file, name) {
		const target = path.join(DOCS_IMAGES, name);
		if (generation !== DOCS_GENERATION || (await samePicture(context, file, target))) return;
		fs.mkdirSync(DOCS_IMAGES, { recursive: true });
		fs.copyFileSync(file, target);
	}

	beforeAll(async () => {
		if (!fs.existsSync(CHROMIUM)) {
			throw new Error(
				`no browser at ${CHROMIUM}: install Debian's chromium (apt-get update && apt-get install -y chromium; .ci/run does this) or set CHROMIUM_PATH`,
			);
		}
		// Both credentials exist, the 3.x one created last. In a new workflow the editor's credential list
		// has no dates, so the node gets the last of its credential types whatever was created when: the
		// node lists 3.x's last (nodes/OpenIm/api/index.ts), and the picker tests below show it stays on 3.x.
		stack = await startStack(generation, { openim: ['2021', 'v3'] });
		await stack.n8n.importWorkflow([UNKNOWN_RECEIVER]);
		server = await stack.n8n.startServer();
		await server.setupOwner(OWNER);
		userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openim-e2e-chromium-'));
		context = await chromium.launchPersistentContext(userDataDir, {
			executablePath: CHROMIUM,
			headless: true,
			args: CHROMIUM_ARGS,
			viewport: { width: 1440, height: 900 },
			locale: 'en-US',
			timezoneId: 'UTC',
		});
		context.setDefaultTimeout(30000);
		page = context.pages()[0] || (await context.newPage());
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		if (context) await context.close().catch(() => undefined);
		if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
		if (server) await server.stop();
		if (stack) await stack.stop();
	}, TEST_TIMEOUT);

	test(
		`sign in to ${LABEL[generation]} through its sign-in page`,
		async () => {
			await page.goto(`${server.baseUrl}/signin`);
			await page.fill('input[name="emailOrLdapLoginId"]', OWNER.email);
			await page.fill('input[name="password"]', OWNER.password);
			await page.click('[data-test-id="form-submit-button"]');
			await page.waitForURL((url) => !url.pathname.includes('/signin'), { timeout: 30000 });
			expect(new URL(page.url()).pathname).not.toMatch(/signin|setup/);
		},
		TEST_TIMEOUT,
	);

	test(
		'open the webhook example and its OpenIM node: credential, resources, operations, content types',
		async () => {
			await page.goto(`${server.baseUrl}/workflow/${examples.IDS.webhook}`);
			const node = page.locator('[data-test-id="canvas-node"][data-node-name="Send message"]');
			await node.waitFor({ state: 'visible', timeout: 60000 });
			expect(await node.getAttribute('data-node-type')).toBe('n8n-nodes-openim.openIm');
			// The canvas subtitle: the operation and resource as the panel names them, and the generation.
			expect(await node.innerText()).toContain('Send: Message (3.x)');
			await screenshot('1-canvas');
			await node.dblclick();
			await page.locator(inputOf('resource')).waitFor({ state: 'visible' });

			// the selected credential: an input's value in 1.x, text in 2.x
			const credentialShown = await page
				.locator('[data-test-id="node-credentials-select"]')
				.evaluate(
					(el) =>
						`${el.innerText} ${[...el.querySelectorAll('input')].map((i) => i.value).join(' ')}`,
				);
			expect(credentialShown).toContain(examples.OPENIM.v3.credentialName);
			await expectFields(page, [
				property('sendID'),
				property('sessionType'),
				property('recvID'),
				property('groupID'),
				property('contentType'),
				property('contentMode'),
				...contentFields(101),
			]);
			await page.waitForTimeout(500); // let the panel settle for the picture
			// The README's picture: the message form of the webhook example.
			const file = await screenshot('2-send-message');
			await toDocs(file, 'node-v3.png');

			const withoutCustomCall = (list) => list.filter((name) => name !== N8N_CUSTOM_CALL);
			expect(withoutCustomCall(await listOptions(page, 'resource'))).toEqual(
				optionNames(property('resource')),
			);
			expect(withoutCustomCall(await listOptions(page, 'operation'))).toEqual(
				optionNames(property('operation')),
			);
			const contentTypes = await listOptions(page, 'contentType', async () => {
				await page.waitForTimeout(500); // the dropdown's opening animation
				await screenshot('2-content-types');
			});
			expect(contentTypes).toEqual(optionNames(property('contentType')));
			expect(
				property('contentType')
					.options.map((o) => o.value)
					.sort((x, y) => x - y),
			).toEqual([101, 102, 103, 104, 105, 106, 110, 1400]);
		},
		TEST_TIMEOUT,
	);

	test(
		"switching the content type shows that type's fields and hides the others",
		async () => {
			const text = contentFields(101);
			const tried = [110, 106, 102, 105, 101];
			for (const value of tried) {
				await choose(page, 'contentType', contentTypeName(value));
				form.contentType = value;
				const fields = contentFields(value);
				const hidden = tried
					.filter((v) => v !== value)
					.flatMap(contentFields)
					.filter((p) => !fields.some((f) => f.name === p.name));
				await expectFields(page, fields, hidden);
				if (!fields.some((f) => f.name === 'text'))
					expect(await page.locator(inputOf('text')).count()).toBe(0);
				await screenshot(`3-content-${value}`);
			}
			await expectFields(page, text);

			// JSON mode: one content object instead of the fields
			await choose(page, 'contentMode', 'JSON');
			const json = property('content', { ...form, contentMode: 'json' });
			await expectFields(page, [json], text);
			await screenshot('4-content-json');
			await choose(page, 'contentMode', 'Fields');
			await expectFields(page, text, [json]);
		},
		TEST_TIMEOUT,
	);

	/** The credential select lists the credentials of both generations; picking one sets OpenIM Version. */
	async function chooseCredential(name) {
		await page.click('[data-test-id="node-credentials-select"]');
		const items = page.locator('.el-select-dropdown__item:visible');
		await items.first().waitFor({ state: 'visible', timeout: 15000 });
		const texts = (await items.allInnerTexts()).map((t) => t.split('\n')[0].trim());
		const index = texts.indexOf(name);
		if (index < 0)
			throw new Error(`"${name}" is not among the credentials offered: ${JSON.stringify(texts)}`);
		await items.nth(index).click();
		await page
			.locator('.el-select-dropdown__item:visible')
			.first()
			.waitFor({ state: 'hidden', timeout: 15000 });
		return texts;
	}

	test(
		'picking the 2021 credential switches OpenIM Version: 2021 session and content types, and back',
		async () => {
			// OpenIM Version decides the credential type, so n8n shows it as the credential choice (as for Jira's version).
			expect(await page.locator(inputOf('apiVersion')).count()).toBe(0);
			const offered = await chooseCredential(examples.OPENIM['2021'].credentialName);
			expect(offered).toEqual(
				expect.arrayContaining([
					examples.OPENIM.v3.credentialName,
					examples.OPENIM['2021'].credentialName,
				]),
			);
			const old = { ...form, apiVersion: '2021' };
			await expectFields(
				page,
				[property('recvID', old), property('sessionType', old)],
				[property('groupID')],
			);
			expect(await listOptions(page, 'contentType')).toEqual(
				optionNames(property('contentType', old)),
			);
			expect(property('contentType', old).options).toHaveLength(13);
			await screenshot('5-openim-2021');
			await chooseCredential(examples.OPENIM.v3.credentialName);
			await expectFields(page, [property('groupID'), ...contentFields(101)]);
		},
		TEST_TIMEOUT,
	);

	test(
		"switching the resource to User lists each version's user operations and Create or Update's fields",
		async () => {
			await choose(page, 'resource', 'User');
			const user = { ...form, resource: 'user', operation: 'createOrUpdate' };
			const ops = (await listOptions(page, 'operation')).filter((name) => name !== N8N_CUSTOM_CALL);
			expect(ops).toEqual(optionNames(property('operation', user)));
			expect(ops).not.toContain('Delete'); // 3.x has no user delete
			await choose(page, 'operation', 'Create or Update');
			await expectFields(
				page,
				[property('uid', user), property('name', user)],
				[property('sendID')],
			);
			await screenshot('6-user-create-or-update');

			await chooseCredential(examples.OPENIM['2021'].credentialName);
			const old = { ...user, apiVersion: '2021' };
			const oldOps = (await listOptions(page, 'operation')).filter(
				(name) => name !== N8N_CUSTOM_CALL,
			);
			expect(oldOps).toEqual(optionNames(property('operation', old)));
			expect(oldOps).toContain('Delete');
			await expectFields(page, [
				property('uid', old),
				property('name', old),
				property('platform', old),
			]);
		},
		TEST_TIMEOUT,
	);

	test(
		"the OpenIM Trigger's Webhook URLs are the url to paste into webhooks.yml, Test and Production, and the Test URL shown works",
		async () => {
			const bot = examples.loadExamples('v3').find((e) => e.file === 'im-bot.json').workflow;
			const { webhookId } = bot.nodes.find((n) => n.type === 'n8n-nodes-openim.openImTrigger');
			// A page of its own: the one above has unsaved changes.
			const tab = await context.newPage();
			try {
				await tab.goto(`${server.baseUrl}/workflow/${bot.id}`);
				const node = tab.locator('[data-test-id="canvas-node"][data-node-name="OpenIM Trigger"]');
				await node.waitFor({ state: 'visible', timeout: 60000 });
				await node.dblclick();
				const urls = tab.locator('.node-webhooks .webhook-url');
				if (!(await urls.first().isVisible()))
					await tab.getByText('Webhook URLs', { exact: true }).click();
				const shown = async (label) => {
					await tab.locator('.node-webhooks').getByText(label, { exact: true }).click();
					await urls.first().waitFor({ state: 'visible' });
					return (await urls.allInnerTexts()).map((t) => t.trim());
				};
				expect(await shown('Production URL')).toEqual([
					`${server.baseUrl}/webhook/${webhookId}/${webhookId}`,
				]);
				const [testUrl] = await shown('Test URL');
				expect(testUrl).toBe(`${server.baseUrl}/webhook-test/${webhookId}/${webhookId}`);
				const triggerPicture = path.join(RESULTS, `browser-g${generation}-7-trigger-urls.png`);
				await tab.screenshot({
					path: triggerPicture,
					animations: 'disabled',
					caret: 'hide',
					style: SCREENSHOT_STYLE,
				});
				await toDocs(triggerPicture, 'trigger-panel.png');
				// The notice says what the panel shows: Webhook URLs (open now), the ID twice, no hidden Path Token.
				const notice = await tab.locator('[data-test-id="node-parameters"]').innerText();
				expect(notice).toMatch(/open Webhook URLs above/);
				expect(notice).toMatch(/ID twice/);
				expect(notice).not.toMatch(/Path Token|:token/);
				// The canvas subtitle names the event, not its command.
				await closePanel(tab);
				const subtitle = await node.innerText();
				expect(subtitle).toContain('After Send Single Message');
				expect(subtitle).not.toContain('callbackAfterSendSingleMsgCommand');
				await node.dblclick();

				// Listen as the editor's button does, then call <Test URL>/<command> as OpenIM 3.x would.
				await tab.locator('[data-test-id="node-execute-button"]').first().click();
				const body = {
					sendID: 'alice',
					recvID: 'support_bot',
					callbackCommand: 'callbackAfterSendSingleMsgCommand',
					sessionType: 1,
					msgFrom: 100,
					contentType: 101,
					content: '{"content":"Hello from the Test URL"}',
				};
				const deadline = Date.now() + 60000;
				let answer;
				for (;;) {
					const res = await fetch(`${testUrl}/callbackAfterSendSingleMsgCommand`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify(body),
					});
					answer = { status: res.status, json: await res.json().catch(() => undefined) };
					if (answer.status !== 404 || Date.now() > deadline) break; // 404 until n8n has registered the test webhook
					await tab.waitForTimeout(250);
				}
				expect(answer).toEqual({
					status: 200,
					json: { actionCode: 0, errCode: 0, errMsg: '', nextCode: 0 },
				});
				await tab
					.locator('[data-test-id="output-panel"]')
					.getByText('Hello from the Test URL')
					.first()
					.waitFor({ state: 'visible', timeout: 30000 });
			} finally {
				await tab.close();
			}
		},
		TEST_TIMEOUT,
	);

	test(
		'the node picker offers the OpenIM Trigger for a new workflow, and adds it',
		async () => {
			const tab = await context.newPage();
			try {
				await tab.goto(`${server.baseUrl}/workflow/new`);
				await tab.locator('[data-test-id="canvas-add-button"]').first().click({ timeout: 60000 });
				await tab
					.locator('[data-test-id="node-creator-search-bar"]')
					.first()
					.waitFor({ state: 'visible' });
				await tab.keyboard.type('OpenIM'); // the search has the focus when the picker opens
				await tab
					.locator('[data-test-id="node-creator-item-name"]', { hasText: /^OpenIM( Trigger)?$/ })
					.first()
					.click();
				// Before the trigger, this panel said "No OpenIM Triggers available".
				const creator = tab.locator('[data-test-id="node-creator"]');
				// n8n lists one trigger per option of the trigger's Events, "On <event name>".
				const events = new OpenImTrigger().description.properties.find(
					(p) => p.name === 'events',
				).options;
				await creator
					.getByText(`Triggers (${events.length})`, { exact: true })
					.first()
					.waitFor({ state: 'visible', timeout: 15000 })
					.catch(async (error) => {
						throw new Error(
							`${error.message}\nthe picker shows: ${(await creator.innerText()).slice(0, 300)}`,
						);
					});
				expect(
					await tab.locator('[data-test-id="actions-panel-no-triggers-callout"]').count(),
				).toBe(0);
				await tab.screenshot({
					path: path.join(RESULTS, `browser-g${generation}-8-node-picker.png`),
					animations: 'disabled',
					caret: 'hide',
					style: SCREENSHOT_STYLE,
				});
				await creator.getByText('After Send Single Message', { exact: true }).first().click();
				const added = tab.locator(
					'[data-test-id="canvas-node"][data-node-type="n8n-nodes-openim.openImTrigger"]',
				);
				await added.first().waitFor({ state: 'attached', timeout: 15000 });
				expect(await added.count()).toBe(1);
			} finally {
				await tab.close();
			}
		},
		TEST_TIMEOUT,
	);

	/** Opens the node picker of a new workflow on the OpenIM entry; returns the tab and the picker. */
	async function openPickerEntry() {
		const tab = await context.newPage();
		await tab.goto(`${server.baseUrl}/workflow/new`);
		await tab.locator('[data-test-id="canvas-add-button"]').first().click({ timeout: 60000 });
		await tab
			.locator('[data-test-id="node-creator-search-bar"]')
			.first()
			.waitFor({ state: 'visible' });
		await tab.keyboard.type('OpenIM');
		const creator = tab.locator('[data-test-id="node-creator"]');
		const entry = creator
			.locator('[data-test-id="item-iterator-item"]', {
				has: tab.locator('[data-test-id="node-creator-item-name"]', { hasText: /^OpenIM$/ }),
			})
			.first();
		await entry.waitFor({ state: 'visible', timeout: 15000 });
		return { tab, creator, entry };
	}

	/** The actions panel of the entry, with its Actions category open. */
	async function openActions({ tab, creator, entry }) {
		await entry.click();
		const heading = creator
			.getByText(`Actions (${PICKER_ACTIONS.length})`, { exact: true })
			.first();
		await heading.waitFor({ state: 'visible', timeout: 15000 }).catch(async (error) => {
			throw new Error(
				`${error.message}\nthe picker shows: ${(await creator.innerText()).slice(0, 600)}`,
			);
		});
		const first = creator.getByText(PICKER_ACTIONS[0].action, { exact: true }).first();
		if (!(await first.isVisible())) await heading.click();
		await first.waitFor({ state: 'visible', timeout: 15000 });
		return tab;
	}

	test(
		"the node picker's OpenIM entry is described as the OpenIM node and lists the 3.x actions, none of 2021 only",
		async () => {
			const picker = await openPickerEntry();
			const { tab, creator, entry } = picker;
			try {
				// 2.x describes a search result; 1.x shows its name only.
				const described = entry.locator('[data-test-id="node-creator-item-description"]');
				if (generation === '1') expect(await described.count()).toBe(0);
				else expect((await described.innerText()).trim()).toBe(description.description);
				await openActions(picker);
				// The picker renders a long list a few rows at a time: wait for each action to be there.
				const missing = [];
				for (const { action } of PICKER_ACTIONS)
					await creator
						.getByText(action, { exact: true })
						.first()
						.waitFor({ state: 'attached', timeout: 15000 })
						.catch(() => missing.push(action));
				expect(missing).toEqual([]);
				const text = await creator.innerText();
				expect(ONLY_2021).toContain('Delete users');
				for (const action of ONLY_2021)
					expect([action, text.includes(action)]).toEqual([action, false]);
				await tab.waitForTimeout(500); // the panel's opening animation
				const file = path.join(RESULTS, `browser-g${generation}-9-node-picker-actions.png`);
				await tab.screenshot({
					path: file,
					animations: 'disabled',
					caret: 'hide',
					style: SCREENSHOT_STYLE,
				});
				await toDocs(file, 'node-picker.png');
			} finally {
				await tab.close();
			}
		},
		TEST_TIMEOUT,
	);

	const OPENED = [
		['message', 'sendToMany'],
		['user', 'forceLogout'],
		['group', 'transferOwner'],
	];
	test.each(OPENED)(
		'the picker action of %s %s adds a 3.x node on that operation, with the OpenIM V3 API credential',
		async (resource, operation) => {
			const chosen = PICKER_ACTIONS.find((a) => a.resource === resource && a.value === operation);
			const picker = await openPickerEntry();
			const { tab, creator } = picker;
			try {
				await openActions(picker);
				await creator.getByText(chosen.action, { exact: true }).first().click();
				await tab
					.locator(inputOf('operation'))
					.first()
					.waitFor({ state: 'visible', timeout: 30000 });
				expect(
					await tab
						.locator(`${inputOf('resource')} input`)
						.first()
						.inputValue(),
				).toBe(resourceOptions.find((r) => r.value === resource).name);
				expect(
					await tab
						.locator(`${inputOf('operation')} input`)
						.first()
						.inputValue(),
				).toBe(chosen.name);
				// 3.x: the credential n8n picks is the OpenIM V3 API one (on 2021 it would be the 2021 credential).
				const credentialShown = await tab
					.locator('[data-test-id="node-credentials-select"]')
					.evaluate(
						(el) =>
							`${el.innerText} ${[...el.querySelectorAll('input')].map((i) => i.value).join(' ')}`,
					);
				expect(credentialShown).toContain(examples.OPENIM.v3.credentialName);
				expect(credentialShown).not.toContain(examples.OPENIM['2021'].credentialName);
			} finally {
				await tab.close();
			}
		},
		TEST_TIMEOUT,
	);

	test(
		"a 1004 error's details name OpenIM's errCode, not HTTP 200",
		async () => {
			const tab = await context.newPage();
			try {
				await tab.goto(`${server.baseUrl}/workflow/${UNKNOWN_RECEIVER.id}`);
				const node = tab.locator('[data-test-id="canvas-node"][data-node-name="Send message"]');
				await node.waitFor({ state: 'visible', timeout: 60000 });
				await tab.locator('[data-test-id="execute-workflow-button"]').first().click();
				await node.dblclick();
				const output = tab.locator('[data-test-id="output-panel"]');
				await output.getByText(/1004/).first().waitFor({ state: 'visible', timeout: 30000 });
				const details = await output.innerText();
				expect(details).not.toMatch(/Error code 200/);
				await tab.screenshot({
					path: path.join(RESULTS, `browser-g${generation}-10-error-1004.png`),
					animations: 'disabled',
					caret: 'hide',
					style: SCREENSHOT_STYLE,
				});
			} finally {
				await tab.close();
			}
		},
		TEST_TIMEOUT,
	);

	test(
		'the saved OpenIM V3 API credential: a wrong secret saved over the right one fails its test',
		async () => {
			const tab = await context.newPage();
			const { credentialId } = examples.OPENIM.v3;
			try {
				// The stored token of earlier runs stays: the test must not pass on it.
				expect((await stack.n8n.exportCredential(credentialId)).data.token).toMatch(/\S/);
				await tab.goto(`${server.baseUrl}/home/credentials/${credentialId}`);
				const dialog = tab.locator('[data-test-id="credential-edit-dialog"]');
				await dialog.waitFor({ state: 'visible', timeout: 60000 });
				const secret = dialog
					.locator('[data-test-id="credential-connection-parameter"]', { hasText: 'Secret' })
					.locator('input')
					.first();
				// 1.x's Save button has a test ID; 2.x's is found by its role and name.
				const saveButton = tab
					.locator('[data-test-id="credential-save-button"]')
					.or(tab.getByRole('button', { name: 'Save', exact: true }))
					.first();
				await secret.fill('not-the-secret');
				await saveButton.click();
				// n8n's banner says it could not connect; OpenIM's reason is under its "More details".
				await tab
					.getByText(/Couldn.t connect with these settings/)
					.first()
					.waitFor({ state: 'visible', timeout: 30000 })
					.catch(async (error) => {
						throw new Error(
							`${error.message}\nthe dialog shows: ${(await dialog.innerText()).slice(0, 600)}`,
						);
					});
				await tab.getByText('More details', { exact: true }).first().click();
				await tab
					.getByText(/OpenIM refused the secret/)
					.first()
					.waitFor({ state: 'visible', timeout: 15000 });
				const file = path.join(RESULTS, `browser-g${generation}-11-credential-v3.png`);
				await tab.screenshot({
					path: file,
					animations: 'disabled',
					caret: 'hide',
					style: SCREENSHOT_STYLE,
				});
				await toDocs(file, 'credential-v3.png');
				// Put the right secret back, and its test passes again.
				await secret.fill(examples.OPENIM.v3.secret);
				await saveButton.click();
				await tab
					.getByText(/Connection tested successfully/i)
					.first()
					.waitFor({ state: 'visible', timeout: 30000 });
			} finally {
				await tab.close();
			}
		},
		TEST_TIMEOUT,
	);
});
