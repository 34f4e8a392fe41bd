'use strict';
/*
 * The node and the trigger in n8n's queue mode, per n8n generation: private PostgreSQL and Redis
 * (services.js), a main n8n, two `n8n worker`s and an `n8n webhook` (helpers.startQueueStack), the 3.x
 * emulator. The webhook example and the IM bot enter through the webhook process, the CRM sync is
 * started from the editor's run route (offloaded to the workers); every execution runs on a worker.
 * Checked on the emulator's request log and on n8n's database: one admin token for the whole set-up,
 * one refresh after the emulator expires it, stored and reused by the other worker; every message
 * sent once; every execution succeeded; executions on both workers (the emulator holds the sends until
 * each worker has started one, so this does not depend on how the queue spreads jobs). Last, a worker
 * killed with `kill -9` in the middle of a 1,000-item send: what n8n does with the execution, and what
 * reached OpenIM (the README's Scaling section has the figures). Then `npm start -- --queue`, as a person runs it.
 */

const fs = require('node:fs');
const os = require('node:os');
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');

const {
	GENERATIONS,
	LABEL,
	SETUP_TIMEOUT,
	TEST_TIMEOUT,
	startQueueStack,
	requestsTo,
	examples,
} = require('./helpers');
const { freePorts } = require('./n8n-cli');

const IDS = examples.IDS;
const BOT_WORKFLOW = 'openimExImBot01';
const BOT = 'support_bot';
const TOKEN_PATH = '/auth/get_admin_token';
const SEND_PATH = '/msg/send_msg';
const { credentialId, credentialName } = examples.OPENIM.v3;

/** 1,000 messages from one webhook call (answered at once), for the kill -9 case. */
const BULK = {
	id: 'queueBulkSend001',
	name: 'Queue e2e: 1,000-item send',
	nodes: [
		{
			id: 'b-hook',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2.1,
			position: [0, 0],
			webhookId: '2b6f0c1e-9d4a-4f3b-8e2c-1a5d7e9f0b3c',
			parameters: {
				httpMethod: 'POST',
				path: 'openim-bulk',
				responseMode: 'onReceived',
				options: {},
			},
		},
		{
			id: 'b-items',
			name: 'Items',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [220, 0],
			parameters: {
				jsCode:
					'const { run, count } = $input.first().json.body;\nreturn Array.from({ length: count }, (_, i) => ({ json: { text: `${run} #${i}` } }));',
			},
		},
		{
			id: 'b-send',
			name: 'Send',
			type: 'n8n-nodes-openim.openIm',
			typeVersion: 2,
			position: [440, 0],
			parameters: {
				apiVersion: 'v3',
				resource: 'message',
				operation: 'send',
				sendID: 'imAdmin',
				sessionType: 1,
				recvID: 'alice',
				contentType: 101,
				text: '={{ $json.text }}',
				additionalFields: {},
				options: {},
			},
			credentials: { openImV3Api: { id: credentialId, name: credentialName } },
		},
	],
	connections: {
		Webhook: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
		Items: { main: [[{ node: 'Send', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

/**
 * What each n8n line does with an execution whose worker died (docs/scaling.md): 1.x lets Bull re-queue the
 * stalled job (QUEUE_WORKER_MAX_STALLED_COUNT 1) and the other worker runs it again; 2.x fixes the count at
 * 0, so the stalled job fails and the execution ends as error.
 */
const KILLED = {
	1: { does: 'the other worker runs the execution again', status: 'success', rerun: true },
	2: {
		does: 'the execution ends as error',
		status: 'error',
		rerun: false,
		says: 'failed to be processed too many times',
	},
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves to check()'s first truthy value; a hang guard, not a timing: `state()` says what was seen. */
async function until(what, check, timeoutMs = 120000, state = () => '') {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) {
			const seen = state();
			throw new Error(`timed out waiting for ${what}${seen ? `; seen: ${seen}` : ''}`);
		}
		await sleep(250);
	}
}

/**
 * How long held sends may wait for every worker to start a job: far more than the second or so a worker
 * takes to start a queued one here, and less than the node's 30 s request timeout, so that the guard, not
 * a timed-out send, says what is missing.
 */
const HOLD_GUARD_MS = 25000;

const textOf = (message) => JSON.parse(message.content).content;

/** How many times each text was sent: { text: count }. */
function countTexts(messages) {
	const counts = {};
	for (const m of messages) counts[textOf(m)] = (counts[textOf(m)] || 0) + 1;
	return counts;
}

describe.each(GENERATIONS)(
	'queue mode: main, 2 workers and a webhook process, n8n generation %s',
	(generation) => {
		let stack;
		let emulator;
		/** Workers stopped by a test (their logs are still checked for secrets). */
		const retired = [];

		beforeAll(async () => {
			stack = await startQueueStack(generation, {
				workflows: [BULK],
				activate: [IDS.webhook, BOT_WORKFLOW, BULK.id],
			});
			({ emulator } = stack);
			emulator.state.addUser({ userID: BOT, nickname: 'Support bot' });
			for (const path of ['openim-message', 'openim-bulk'])
				await stack.webhook.waitForWebhook(path);
		}, SETUP_TIMEOUT);

		afterAll(async () => {
			if (stack) await stack.stop();
		}, TEST_TIMEOUT);

		/** Executions in n8n's database, oldest first: [{id, status, workflowId, mode}]. */
		const executions = (workflowId) =>
			stack.services.postgres
				.query(
					`select id, status, "workflowId", mode from execution_entity${workflowId ? ` where "workflowId" = '${workflowId}'` : ''} order by id`,
				)
				.map(([id, status, wf, mode]) => ({ id, status, workflowId: wf, mode }));

		const finished = (workflowId, count) =>
			until(`${count} finished executions of ${workflowId}`, () => {
				const list = executions(workflowId);
				return (
					list.length >= count &&
					list.every((e) => !['new', 'running', 'waiting'].includes(e.status)) &&
					list
				);
			});

		/** The index of the worker that logged an execution as started, or -1. */
		const workerOf = (id) => stack.workers.findIndex((w) => w.executions().includes(id));

		async function alert(text) {
			const res = await fetch(`${stack.webhook.baseUrl}/webhook/openim-message`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ text, userID: 'alice' }),
			});
			return { status: res.status, json: await res.json().catch(() => undefined) };
		}

		/** POSTs the alerts at once; each must be answered ok and sent exactly once. */
		async function alerts(prefix, count) {
			const texts = Array.from({ length: count }, (_, i) => `${prefix} ${i}`);
			const answers = await Promise.all(texts.map(alert));
			expect(answers.map((a) => [a.status, a.json && a.json.ok])).toEqual(
				texts.map(() => [200, true]),
			);
			const counts = countTexts(emulator.snapshot().messages);
			expect(texts.map((t) => counts[t])).toEqual(texts.map(() => 1));
			return answers;
		}

		/** The --concurrency a worker logged at start ("Concurrency: 5"): the most jobs it takes at once. */
		const concurrencyOf = (worker) => {
			const [, n] = /Concurrency: (\d+)/.exec(worker.stdout + worker.stderr) || [];
			if (!n) throw new Error(`worker ${worker.pid} did not log its concurrency`);
			return Number(n);
		};

		/**
		 * alerts(), with jobs on every worker by the order of events rather than by how Bull happens to
		 * spread them: the emulator holds the sends until each worker has logged one more execution as
		 * started. A held send keeps its job active, and a worker takes at most its concurrency in jobs at
		 * once, so with more alerts than all workers but one can take, the others stay queued for the last.
		 */
		async function alertsOnEveryWorker(prefix, count) {
			const takes = stack.workers.map(concurrencyOf);
			const allButOne = takes.reduce((a, b) => a + b) - Math.min(...takes);
			if (count <= allButOne)
				throw new Error(
					`${count} alerts cannot force a job onto every worker: the workers take ${takes.join(' + ')} jobs at once`,
				);
			const before = stack.workers.map((w) => w.executions().length);
			const startedSince = () => stack.workers.map((w, i) => w.executions().length - before[i]);
			const held = emulator.hold({ path: SEND_PATH });
			const sending = alerts(prefix, count);
			try {
				await until(
					`an execution of the ${count} "${prefix}" alerts started on each of the ${stack.workers.length} workers while their sends are held`,
					() => startedSince().every((n) => n > 0),
					HOLD_GUARD_MS,
					() => `started per worker ${JSON.stringify(startedSince())}, sends held ${held.waiting}`,
				);
			} catch (error) {
				held.release();
				// Not awaited: a job taken by a worker that never logs it waits for Bull's stalled-job check,
				// and the guard's error must not wait behind it for the jest timeout.
				sending.catch(() => undefined);
				throw error;
			}
			held.release();
			return await sending;
		}

		test(
			`${LABEL[generation]}: the webhook example runs on both workers, each message sent once, with one admin token for everything`,
			async () => {
				expect((await alert('first alert')).json).toMatchObject({ ok: true, recvID: 'alice' });
				await alertsOnEveryWorker('alert', 30);

				const runs = await finished(IDS.webhook, 31);
				expect(runs.map((e) => [e.mode, e.status])).toEqual(runs.map(() => ['webhook', 'success']));
				const perWorker = stack.workers.map(
					(_, i) => runs.filter((e) => workerOf(e.id) === i).length,
				);
				expect(perWorker.reduce((a, b) => a + b)).toBe(31); // every execution on a worker
				expect(perWorker.every((n) => n > 0)).toBe(true);
				expect(requestsTo(emulator, TOKEN_PATH)).toHaveLength(1);
				expect(requestsTo(emulator, SEND_PATH)).toHaveLength(31);
			},
			TEST_TIMEOUT,
		);

		test(
			'the CRM sync, run from the editor, runs on a worker with the stored token',
			async () => {
				const crm = stack.examples.find((e) => e.id === IDS.crmSync).workflow;
				const before = executions(IDS.crmSync).length;
				const res = await stack.server.request('POST', `/rest/workflows/${IDS.crmSync}/run`, {
					body: { workflowData: crm, triggerToStartFrom: { name: 'Run sync' } },
				});
				expect(res.status).toBe(200);
				const [run] = (await finished(IDS.crmSync, before + 1)).slice(before);
				expect(run).toMatchObject({ mode: 'manual', status: 'success' });
				expect(workerOf(run.id)).toBeGreaterThanOrEqual(0);

				const { users } = emulator.snapshot();
				expect(users.dave).toMatchObject({ nickname: 'Dave Kim' });
				expect(users.erin).toMatchObject({ nickname: 'Erin Ng, PhD' });
				expect(requestsTo(emulator, TOKEN_PATH)).toHaveLength(1);
			},
			TEST_TIMEOUT,
		);

		test(
			'the IM bot: callbacks reach the trigger in the webhook process, every user gets one reply from a worker',
			async () => {
				const url = `${stack.webhook.baseUrl}/webhook/${examples.triggersOf(stack.examples.find((e) => e.id === BOT_WORKFLOW).workflow)[0].path}`;
				emulator.webhooks.configure({ url, afterSendSingleMsg: { enable: true, timeout: 5 } });
				const before = executions(BOT_WORKFLOW).length;
				const from = emulator.snapshot().messages.length;
				const users = ['alice', 'bob', 'carol'];
				for (const user of users) {
					const res = await fetch(`${emulator.url}/__emulator/app/send`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({
							contentType: 101,
							sendID: user,
							recvID: BOT,
							content: { content: 'What are your opening hours?' },
						}),
					}).then((r) => r.json());
					expect(res.errCode).toBe(0);
				}
				const runs = (await finished(BOT_WORKFLOW, before + users.length)).slice(before);
				expect(runs.map((e) => e.status)).toEqual(users.map(() => 'success'));
				expect(runs.every((e) => workerOf(e.id) >= 0)).toBe(true);
				await until(
					'the webhooks of the replies',
					async () => (
						await emulator.webhooks.settled(),
						emulator.snapshot().messages.length >= from + 2 * users.length
					),
				);
				await emulator.webhooks.settled();
				const replies = emulator
					.snapshot()
					.messages.slice(from)
					.filter((m) => m.sendID === BOT);
				expect(replies.map((m) => m.recvID).sort()).toEqual(users);
				expect(replies.map(textOf)).toEqual(
					users.map(() => 'We are open Monday to Friday, 9:00 to 17:00.'),
				);
				expect(executions(BOT_WORKFLOW)).toHaveLength(before + users.length); // the bot's own replies start nothing
				expect(requestsTo(emulator, TOKEN_PATH)).toHaveLength(1);
				emulator.webhooks.configure({});
			},
			TEST_TIMEOUT,
		);

		test(
			'an expired token: one refresh on the worker that meets it first, stored in the credential, reused by the other worker',
			async () => {
				emulator.expireAllTokens();
				const from = emulator.requests.length;
				const first = await alert('after expiry');
				expect(first.json).toMatchObject({ ok: true });
				expect(requestsTo(emulator, TOKEN_PATH, from)).toHaveLength(1);
				const refreshed = executions(IDS.webhook).at(-1);
				const refresher = workerOf(refreshed.id);
				expect(refresher).toBeGreaterThanOrEqual(0);
				const tokens = emulator.snapshot().tokens;
				const newToken = tokens[tokens.length - 1].token;
				expect((await stack.main.exportCredential(credentialId)).data.token).toBe(newToken);

				// Only the other worker is left to take the batch, whatever way the queue would spread it: the
				// refresher stops (its execution is over) and a fresh worker replaces it after the batch.
				await finished(IDS.webhook, executions(IDS.webhook).length);
				const [retiring] = stack.workers.splice(refresher, 1);
				await retiring.stop();
				retired.push(retiring);
				const [other] = stack.workers;
				const batchFrom = emulator.requests.length;
				const known = executions(IDS.webhook).length;
				await alerts('after refresh', 20);
				const batch = (await finished(IDS.webhook, known + 20)).slice(known);
				expect(batch.map((e) => e.status)).toEqual(batch.map(() => 'success'));
				expect(batch.filter((e) => !other.executions().includes(e.id))).toEqual([]);
				expect(requestsTo(emulator, TOKEN_PATH, from)).toHaveLength(1);
				expect(requestsTo(emulator, SEND_PATH, batchFrom).map((r) => r.headers.token)).toEqual(
					batch.map(() => newToken),
				);
				await stack.addWorker();
			},
			TEST_TIMEOUT,
		);

		test(
			'an expired token met by 20 executions at once on both workers: every message sent once, the token fetches counted (reported)',
			async () => {
				emulator.expireAllTokens();
				const from = emulator.requests.length;
				const known = executions(IDS.webhook).length;
				await alertsOnEveryWorker('racing expiry', 20);
				const batch = (await finished(IDS.webhook, known + 20)).slice(known);
				expect(batch.map((e) => e.status)).toEqual(batch.map(() => 'success'));
				expect(stack.workers.map((_, i) => batch.some((e) => workerOf(e.id) === i))).toEqual(
					stack.workers.map(() => true),
				);
				const refreshes = requestsTo(emulator, TOKEN_PATH, from).length;
				// n8n has no lock across processes or executions: an execution that read the expired token before the
				// first new one was stored fetches its own (admin tokens are not kicked by newer ones: all stay valid).
				expect(refreshes).toBeGreaterThanOrEqual(1);
				expect(refreshes).toBeLessThanOrEqual(20);
				const refused = requestsTo(emulator, SEND_PATH, from).filter(
					(r) => r.answer && r.answer.errCode !== 0,
				).length;
				console.log(
					`[queue ${generation}] 20 concurrent executions after expiry: ${refreshes} token fetches, ${refused} sends refused with the expired token and sent again`,
				);
			},
			TEST_TIMEOUT,
		);

		test('no process of the set-up logs the secret or an admin token', () => {
			const secrets = [
				examples.OPENIM.v3.secret,
				...emulator.snapshot().tokens.map((t) => t.token),
			];
			for (const handle of [stack.server, ...stack.workers, ...retired, stack.webhook]) {
				const log = `${handle.stdout}\n${handle.stderr}`;
				expect(log).toMatch(/\S/);
				expect(secrets.filter((secret) => log.includes(secret))).toEqual([]);
			}
		});

		test(
			`${LABEL[generation]}: kill -9 of the worker in the middle of a 1,000-item send: ${KILLED[generation].does}`,
			async () => {
				const expected = KILLED[generation];
				const run = `bulk-${generation}`;
				const known = executions(BULK.id).length;
				const sendsBefore = requestsTo(emulator, SEND_PATH).length;
				emulator.latencyMs = 10; // about 10 s for 1,000 sends, so the kill lands in the middle
				const res = await fetch(`${stack.webhook.baseUrl}/webhook/openim-bulk`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ run, count: 1000 }),
				});
				expect(res.status).toBe(200);
				const sent = () =>
					countTexts(emulator.snapshot().messages.filter((m) => textOf(m).startsWith(`${run} #`)));
				await until('300 of the 1,000 messages', () => Object.keys(sent()).length >= 300);
				const [execution, ...more] = executions(BULK.id).slice(known);
				expect(more).toEqual([]);
				const victim = workerOf(execution.id);
				expect(victim).toBeGreaterThanOrEqual(0);
				const other = stack.workers[1 - victim];
				// The emulator runs in this process: nothing is stored between this count and the kill.
				const killedAt = Object.keys(sent()).length;
				const t0 = Date.now();
				process.kill(-stack.workers[victim].pid, 'SIGKILL'); // the worker and its task runner, as when its machine dies
				expect(await stack.workers[victim].exited).toEqual({ code: null, signal: 'SIGKILL' });

				// Until n8n has settled the execution (Bull's stalled-job check, n8n's queue recovery: 1.5 to 2.5
				// minutes measured), or fail.
				const timeline = [];
				let last = '';
				const settled = await until(
					'the killed execution to settle',
					() => {
						const [now] = executions(BULK.id).slice(known);
						const state = `${now.status}${other.executions().includes(execution.id) ? ' (on the other worker)' : ''}`;
						if (state !== last)
							timeline.push(`${Math.round((Date.now() - t0) / 1000)} s ${(last = state)}`);
						return !['new', 'running', 'waiting'].includes(now.status) && now;
					},
					5 * 60 * 1000,
				);
				emulator.latencyMs = 0;
				const counts = sent();
				const indexes = Array.from({ length: 1000 }, (_, i) => `${run} #${i}`);
				const once = indexes.filter((t) => counts[t] === 1).length;
				const twice = indexes.filter((t) => counts[t] === 2).length;
				const lost = indexes.filter((t) => !counts[t]).length;
				const sends = requestsTo(emulator, SEND_PATH).length - sendsBefore;
				console.log(
					`[queue ${generation}] kill -9 after ${killedAt} of 1000 sent (execution ${execution.id} on worker ${victim}); ` +
						`states: ${timeline.join(' | ')}; sends ${sends}, lost ${lost}, sent twice ${twice}`,
				);
				expect(settled.status).toBe(expected.status);
				expect(other.executions().includes(execution.id)).toBe(expected.rerun);
				// Every send reached the emulator as a message of this run, none more than twice.
				expect(once + twice + lost).toBe(1000);
				expect(sends).toBe(once + 2 * twice);
				// One item after another (Requests in Parallel 1): the killed run sent a prefix, the one in flight at
				// the kill perhaps included.
				const firstRun = expected.rerun ? twice : once;
				expect(firstRun - killedAt).toBeGreaterThanOrEqual(0);
				expect(firstRun - killedAt).toBeLessThanOrEqual(1);
				// 1.x: the other worker ran the whole execution again from the first item, so nothing is lost and the
				// killed run's messages went twice. 2.x: what the killed run had not sent never went out, and the
				// execution says why it failed.
				const perText = indexes.map((_, i) => (i < firstRun ? 1 : 0) + (expected.rerun ? 1 : 0));
				expect(indexes.map((t) => counts[t] ?? 0)).toEqual(perText);
				if (expected.says) {
					const [[said]] = stack.services.postgres.query(
						`select position('${expected.says}' in data) > 0 from execution_data where "executionId" = ${execution.id}`,
					);
					expect(said).toBe('t');
				}
			},
			10 * 60 * 1000,
		);
	},
);

describe.each(GENERATIONS)('npm start -- --queue with n8n generation %s', (generation) => {
	const REPO = path.resolve(__dirname, '..', '..');
	let child;
	let output = '';
	let folder;
	let exit;
	let webhookPort;

	beforeAll(async () => {
		let port;
		let emulatorPort;
		[port, webhookPort, emulatorPort] = await freePorts(3);
		folder = fs.mkdtempSync(path.join(os.tmpdir(), 'openim-e2e-startq-'));
		child = spawn(
			process.execPath,
			[
				'scripts/start.js',
				'--no-build',
				'--queue',
				'--n8n',
				generation,
				'--port',
				String(port),
				'--webhook-port',
				String(webhookPort),
				'--emulator-port',
				String(emulatorPort),
				'--folder',
				folder,
			],
			{
				cwd: REPO,
				env: { ...process.env, NODE_ENV: undefined },
				detached: true,
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		exit = new Promise((resolve) =>
			child.once('exit', (code, signal) => resolve({ code, signal })),
		);
		await new Promise((resolve, reject) => {
			const onData = (chunk) => {
				output += chunk;
				if (output.includes('is ready')) resolve();
				if (output.includes('npm start failed')) reject(new Error(output.slice(-3000)));
			};
			child.stdout.on('data', onData);
			child.stderr.on('data', onData);
			void exit.then((e) =>
				reject(new Error(`npm start exited (${JSON.stringify(e)}):\n${output.slice(-3000)}`)),
			);
		});
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		if (child && child.exitCode === null && child.signalCode === null) {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}
		if (folder) fs.rmSync(folder, { recursive: true, force: true });
	}, TEST_TIMEOUT);

	const listening = (port) =>
		new Promise((resolve) => {
			const socket = net.connect(Number(port), '127.0.0.1');
			socket.once('connect', () => {
				socket.destroy();
				resolve(true);
			});
			socket.once('error', () => resolve(false));
		});
	const pids = () => [...output.matchAll(/\(pid (\d+)\)/g)].map((m) => Number(m[1]));
	const alive = (pid) => {
		try {
			process.kill(pid, 0);
			return true;
		} catch {
			return false;
		}
	};

	test(
		`${LABEL[generation]}: the webhook example answers through the webhook process and runs on a worker; Ctrl-C stops every process`,
		async () => {
			expect(output).toMatch(
				/Queue {4}worker 1 \(pid \d+\), worker 2 \(pid \d+\), webhook \(pid \d+\); production webhooks on http:\/\/127\.0\.0\.1:\d+/,
			);
			const [, url] = output.match(/production webhook \(active\): POST (\S+openim-message)/);
			expect(new URL(url).port).toBe(String(webhookPort));
			const res = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ text: 'Deploy finished', userID: 'bob' }),
			});
			const text = await res.text();
			expect({ status: res.status, text }).toEqual({
				status: 200,
				text: expect.stringMatching(/^\{/),
			});
			expect(JSON.parse(text)).toMatchObject({ ok: true, recvID: 'bob', sessionType: 1 });
			expect(output).toMatch(/\[worker \d\] Worker started execution \d+/);

			const [, pgPort, redisPort] = output.match(
				/PostgreSQL 127\.0\.0\.1:(\d+), Redis 127\.0\.0\.1:(\d+)/,
			);
			expect(pids().every(alive)).toBe(true);
			child.kill('SIGINT'); // as Ctrl-C
			expect(await exit).toEqual({ code: 0, signal: null });
			expect(pids().filter(alive)).toEqual([]);
			expect([await listening(pgPort), await listening(redisPort)]).toEqual([false, false]);
		},
		TEST_TIMEOUT,
	);
});
