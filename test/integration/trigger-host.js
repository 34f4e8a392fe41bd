'use strict';
// Serves the OpenIM Trigger the way n8n's live webhooks do (n8n's webhook.service.js / webhook-helpers.js,
// read for 1.123.81 and 2.41.1), on 127.0.0.1 and a random port:
// - every webhook of the node's description is served: its path evaluated by n8n-workflow for the node
//   (webhookId included) and made a registered path by NodeHelpers.getNodeWebhookPath, as n8n registers it;
//   a static path is looked up first, then a dynamic one under /webhook/<webhookId>/<path>;
// - the URLs the editor shows (NodeHelpers.getNodeWebhookUrl, the webhooks whose ndvHideUrl is not true);
// - `:name` segments become getParamsData(), the bytes read become req.rawBody;
// - webhook() runs in n8n-core's WebhookContext; the items it returns start the rest of the workflow
//   through runWorkflow (n8n-core's WorkflowExecute); with responseMode lastNode and no answer written by
//   the node, the first item of the last node that ran is the answer, as n8n sends it.
// What this cannot show (the router, n8n's body parser, queueing) is the e2e tests' job.
const http = require('node:http');
const path = require('node:path');
const { NodeHelpers, Workflow } = require('n8n-workflow');
const { WebhookContext } = require('n8n-core');
const { NodeTypesRegistry, runWorkflow } = require('./harness');

const ROOT = path.resolve(__dirname, '..', '..');
const TRIGGER = 'n8n-nodes-openim.openImTrigger';
const TRIGGER_NAME = 'OpenIM Trigger';

// webhook.service.js isDynamicPath: a `:name` segment after the first one.
function isDynamicPath(path) {
	const rest = path.includes('/') ? path.slice(path.indexOf('/') + 1) : path;
	return rest !== '' && rest !== ':' && (rest.startsWith(':') || rest.includes('/:'));
}

function loadTrigger() {
	const { OpenImTrigger } = require(path.join(ROOT, 'dist/nodes/OpenIm/OpenImTrigger.node.js'));
	return new OpenImTrigger();
}

/** An express-like response: the two methods the trigger uses, and a plain end for the host itself. */
function expressResponse(res) {
	res.status = (code) => {
		res.statusCode = code;
		return res;
	};
	res.json = (body) => {
		res.setHeader('content-type', 'application/json; charset=utf-8');
		res.end(JSON.stringify(body));
		return res;
	};
	return res;
}

function readRaw(req) {
	return new Promise((resolve) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
	});
}

/**
 * new TriggerHost({ pkg, parameters, downstream: { nodes, connections }, webhookId })
 * pkg: loadPackage() (for the OpenIM node downstream); downstream: runWorkflow's `workflow` spec for what
 * follows the trigger (its first node gets the trigger's items). `runs` lists every execution started:
 * { items, result } (result: runWorkflow's, undefined without downstream).
 */
class TriggerHost {
	constructor({
		pkg,
		parameters = {},
		downstream,
		webhookId = 'c0ffee00-trigger-host',
		store,
	} = {}) {
		this.trigger = loadTrigger();
		this.pkg = {
			...pkg,
			registry: new NodeTypesRegistry({ ...(pkg?.nodeTypes ?? {}), [TRIGGER]: this.trigger }),
		};
		this.node = {
			id: 'trigger',
			name: TRIGGER_NAME,
			type: TRIGGER,
			typeVersion: 1,
			position: [0, 0],
			parameters,
			webhookId,
		};
		this.workflow = new Workflow({
			id: 'trigger-host',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes: this.pkg.registry,
		});
		this.downstream = downstream;
		this.store = store;
		this.runs = [];
		this.pending = new Set();
		this.server = http.createServer((req, res) => this.onRequest(req, expressResponse(res)));
	}

	/** A webhook description value as n8n evaluates it for this node. */
	evaluate(value) {
		return this.workflow.expression.getSimpleParameterValue(
			this.workflow.getNode(TRIGGER_NAME),
			value,
			'webhook',
			{},
		);
	}

	/** Every webhook of the node as n8n registers it: { description, path (registered), dynamic }. */
	get webhooks() {
		return this.trigger.description.webhooks.map((description) => {
			const path = NodeHelpers.getNodeWebhookPath(
				this.workflow.id,
				this.node,
				this.pathOf(description),
				this.evaluate(description.isFullPath),
			);
			return { description, path, dynamic: isDynamicPath(path) };
		});
	}

	/** The registered paths, in the description's order. */
	get paths() {
		return this.webhooks.map((w) => w.path);
	}

	pathOf(description) {
		return String(this.evaluate(description.path)).replace(/^\/+|\/+$/g, '');
	}

	/** The production URLs the editor shows, as it builds them (with `:token` in them where there is one). */
	get shownUrls() {
		return this.trigger.description.webhooks
			.filter((description) => !this.evaluate(description.ndvHideUrl))
			.map((description) =>
				NodeHelpers.getNodeWebhookUrl(
					`${this.base}/webhook`,
					this.workflow.id,
					this.node,
					this.pathOf(description),
					this.evaluate(description.isFullPath),
				),
			);
	}

	/** The first URL shown, the one n8n's trigger panels show. */
	get shownUrl() {
		return this.shownUrls[0];
	}

	async start() {
		await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.base = `http://127.0.0.1:${this.server.address().port}`;
		return this;
	}

	async stop() {
		await Promise.allSettled([...this.pending]);
		await new Promise((resolve) => this.server.close(resolve));
	}

	/** Resolves once every execution started so far has finished. */
	async settled() {
		await Promise.allSettled([...this.pending]);
	}

	/** The webhook a POST to urlPath reaches, and its params, as n8n's live webhooks look it up. */
	match(urlPath) {
		const rest = urlPath
			.replace(/^\/webhook\//, '')
			.split('/')
			.filter(Boolean);
		const found = this.webhooks.find((w) => !w.dynamic && w.path === rest.join('/'));
		if (found) return { webhook: found, params: {} };
		const [webhookId, ...segments] = rest;
		if (webhookId !== this.node.webhookId) return undefined;
		for (const webhook of this.webhooks.filter((w) => w.dynamic)) {
			const template = webhook.path.split('/');
			if (template.length !== segments.length) continue;
			const params = {};
			if (
				template.every((segment, i) =>
					segment.startsWith(':')
						? (params[segment.slice(1)] = decodeURIComponent(segments[i]))
						: segment === segments[i],
				)
			) {
				return { webhook, params };
			}
		}
		return undefined;
	}

	async onRequest(req, res) {
		const rawBody = await readRaw(req);
		const matched =
			req.method === 'POST' ? this.match(new URL(req.url, this.base).pathname) : undefined;
		if (!matched) {
			res.status(404).json({ code: 404, message: 'The requested webhook is not registered.' });
			return;
		}
		const { webhook, params } = matched;
		Object.assign(req, { params, rawBody, query: {} });
		const additionalData = { httpRequest: req, httpResponse: res, executionId: undefined };
		const webhookData = {
			httpMethod: 'POST',
			node: TRIGGER_NAME,
			path: webhook.path,
			webhookDescription: webhook.description,
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: additionalData,
		};
		const context = new WebhookContext(
			this.workflow,
			this.workflow.getNode(TRIGGER_NAME),
			additionalData,
			'webhook',
			webhookData,
			[],
		);
		const response = await this.trigger.webhook.call(context);
		const items = response.workflowData?.[0];
		if (!items) {
			if (!response.noWebhookResponse)
				res.status(200).json(response.webhookResponse ?? { message: 'Webhook call received' });
			return;
		}
		const lastNode =
			this.evaluate(webhook.description.responseMode) === 'lastNode' && !response.noWebhookResponse;
		const run = this.execute(items).then((result) => {
			if (!lastNode) return;
			if (!result || result.status !== 'success')
				return res.status(500).json({ message: 'Error in workflow' });
			const last = result.runData[result.executionData.data.resultData.lastNodeExecuted];
			res.status(200).json(last.at(-1).data.main[0][0].json);
		});
		this.pending.add(run);
		run.finally(() => this.pending.delete(run));
	}

	async execute(items) {
		const entry = { items: items.map((item) => item.json), result: undefined };
		this.runs.push(entry);
		if (!this.downstream) return undefined;
		entry.result = await runWorkflow({
			pkg: this.pkg,
			store: this.store,
			items,
			workflow: this.downstream,
			mode: 'webhook',
		});
		return entry.result;
	}
}

module.exports = { TriggerHost, loadTrigger };
