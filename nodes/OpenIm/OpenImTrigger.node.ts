import { timingSafeEqual } from 'crypto';
import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { collectionProperty } from './helpers/params';
import {
	ALLOW_V3,
	allow2021,
	type Filters,
	messageFields,
	parseBody,
	parseContentTypes,
	passes,
} from './trigger/callback';
import { ALL_EVENTS, eventOfCommand, eventOptions, eventsSubtitle } from './trigger/events';

interface Options extends Filters {
	decideBeforeEvents?: boolean;
	pathToken?: string;
	rawBody?: boolean;
}

const SHOW_V3 = { show: { '/apiVersion': ['v3'] } };

// Every path starts with the node's webhookId (unique), so that several workflows can each have an active trigger.
const TOKEN = '(($parameter.options || {}).pathToken ? "/:token" : "")';
// What the user pastes, first so that n8n's panels show it: 2021's callbackUrl; 3.x's url, under which the
// server posts to <url>/<command>. A static 3.x path takes the webhookId twice, as the dynamic one below does.
const URL_PATH = `={{ $webhookId + (${TOKEN} || ($parameter.apiVersion === "2021" ? "" : "/" + $webhookId)) }}`;
// 3.x's <url>/<command>, the path saved workflows have had since typeVersion 1; n8n shows it with :command
// in it, which is not what goes into webhooks.yml, so its URL is hidden.
const COMMAND_PATH = `={{ $webhookId + ${TOKEN} + "/:command" }}`;
const RESPONSE_MODE =
	'={{ $parameter.apiVersion !== "2021" && ($parameter.options || {}).decideBeforeEvents ? "lastNode" : "onReceived" }}';

function sameSecret(given: unknown, expected: string): boolean {
	const a = Buffer.from(typeof given === 'string' ? given : '');
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

async function rawBodyOf(req: ReturnType<IWebhookFunctions['getRequestObject']>): Promise<string> {
	// n8n keeps the bytes it parsed; the trigger parses them again to keep integers beyond 2^53 exact.
	if (!req.rawBody && typeof req.readRawBody === 'function') await req.readRawBody();
	return req.rawBody ? req.rawBody.toString('utf8') : '';
}

export class OpenImTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenIM Trigger',
		name: 'openImTrigger',
		icon: { light: 'file:openim.svg', dark: 'file:openim.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: eventsSubtitle,
		// n8n's node picker shows OpenIM and this trigger as one entry, described by the trigger's description.
		description: 'Manage users, groups and friends and send messages on an OpenIM server',
		documentationUrl:
			'https://github.com/n8n-nodes-openim/n8n-nodes-openim/blob/main/docs/trigger.md',
		defaults: { name: 'OpenIM Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// n8n names webhooks 'default' or 'setup' only; webhook() tells them apart by the command in the path.
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				isFullPath: true,
				path: URL_PATH,
				responseMode: 'onReceived',
			},
			{
				name: 'setup',
				httpMethod: 'POST',
				isFullPath: true,
				path: COMMAND_PATH,
				responseMode: RESPONSE_MODE,
				ndvHideUrl: true,
			},
		],
		properties: [
			{
				displayName: 'Server Generation',
				name: 'apiVersion',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'OpenIM 3.x (Webhooks)', value: 'v3' },
					{ name: 'OpenIM 2021 (Message Callback)', value: '2021' },
				],
				default: 'v3',
			},
			{
				displayName:
					"In OpenIM's <code>config/webhooks.yml</code>, set <code>url:</code> to the Production URL (open Webhook URLs above, choose Production URL and copy it as shown), and <code>enable: true</code> under each event selected below (e.g. <code>afterSendSingleMsg</code>). OpenIM posts each event to that URL followed by <code>/</code> and the event's command. The URL holds the trigger's ID twice on purpose: n8n puts that ID in front of every webhook path that takes a command, and the events arrive at <code>…/ID/ID/command</code>. To test, put the Test URL there while n8n listens for a test event.",
				name: 'noticeV3',
				type: 'notice',
				default: '',
				displayOptions: SHOW_V3,
			},
			{
				displayName:
					"In the 2021 server's <code>config/config.yaml</code>, set <code>messagecallback: callbackSwitch: true</code> and <code>callbackUrl:</code> to the Production URL (open Webhook URLs above and copy it as shown; the Test URL while n8n listens for a test event). The server waits for the answer to every message; the trigger echoes the content back at once.",
				name: 'notice2021',
				type: 'notice',
				default: '',
				displayOptions: { show: { apiVersion: ['2021'] } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: eventOptions,
				default: ['callbackAfterSendSingleMsgCommand'],
				required: true,
				description:
					'The events that start the workflow; other calls are answered and start nothing. Each must also be enabled in webhooks.yml.',
				displayOptions: SHOW_V3,
			},
			collectionProperty('options', {
				options: [
					{
						displayName: 'Answer Before-Events From Last Node',
						name: 'decideBeforeEvents',
						type: 'boolean',
						default: false,
						description:
							"Whether the workflow decides before-events with the JSON of its last node (allow, deny with nextCode 1 and an errCode, or a new content for Before Message Modify) instead of the trigger allowing them at once. OpenIM waits for the whole workflow: a slow or failing workflow delays or blocks the user's action.",
						displayOptions: SHOW_V3,
					},
					{
						displayName: 'Ignore Admin and System Messages',
						name: 'ignoreAdminMessages',
						type: 'boolean',
						default: false,
						description:
							"Whether to ignore messages sent through the admin API or by the server (msgFrom 200), such as a bot's own replies",
						displayOptions: SHOW_V3,
					},
					{
						displayName: 'Ignore Senders',
						name: 'ignoreSenderIds',
						type: 'string',
						default: '',
						placeholder: 'e.g. support_bot',
						description:
							'Messages sent by these user IDs (comma-separated) start nothing, so that a bot does not answer itself',
					},
					{
						displayName: 'Include Raw Body',
						name: 'rawBody',
						type: 'boolean',
						default: false,
						description: 'Whether to add the body exactly as received, as the string rawBody',
					},
					{
						displayName: 'Only Content Types',
						name: 'contentTypes',
						type: 'string',
						default: '',
						placeholder: 'e.g. 101, 110-114',
						description:
							'Only messages of these content types start the workflow: numbers or ranges, comma-separated, as in webhooks.yml. Other events are not filtered.',
					},
					{
						displayName: 'Only Users',
						name: 'userIds',
						type: 'string',
						default: '',
						placeholder: 'e.g. support_bot',
						description:
							"Only messages sent by or to one of these user IDs (comma-separated) start the workflow, e.g. the bot's own ID",
					},
					{
						displayName: 'Path Token',
						name: 'pathToken',
						type: 'string',
						typeOptions: { password: true },
						default: '',
						description:
							'A secret the URL must carry: the Webhook URLs then end in :token, to paste with this secret in its place. Calls without it are answered with HTTP 403 and start nothing.',
					},
				],
			}),
		],
	};

	// OpenIM's webhook URL lives in its config files: there is nothing to register, only options to check.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const { invalid } = parseContentTypes(
					(this.getNodeParameter('options', {}) as Options).contentTypes,
				);
				if (invalid.length) {
					throw new NodeOperationError(
						this.getNode(),
						`Only Content Types: "${invalid[0]}" is not a content type`,
						{
							description: 'Use numbers and ranges separated by commas, e.g. 101, 110-114',
						},
					);
				}
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const apiVersion = this.getNodeParameter('apiVersion') as string;
		const options = this.getNodeParameter('options', {}) as Options;
		const params = this.getParamsData() as { command?: string; token?: string };
		const raw = await rawBodyOf(this.getRequestObject());
		const body = parseBody(raw);
		const answer =
			apiVersion === '2021'
				? allow2021(typeof body?.content === 'string' ? body.content : '')
				: ALLOW_V3;
		const res = this.getResponseObject();
		// Answered at once and by the trigger itself: OpenIM blocks the user's action when a webhook fails
		// or is slow, and n8n 2.x would hold its own answer until the execution is created.
		const reply = (status = 200): IWebhookResponseData => {
			res.status(status).json(answer);
			return { noWebhookResponse: true };
		};

		if (options.pathToken && !sameSecret(params.token, options.pathToken)) return reply(403);
		if (!body) return reply();

		let item: IDataObject;
		let workflowDecides = false;
		if (apiVersion === '2021') {
			// The 2021 server posts to the callbackUrl as it is, never to a command under it.
			if (params.command !== undefined || !passes(body, options)) return reply();
			item = { event: 'messageCallback', ...body, ...messageFields(body, apiVersion) };
		} else {
			// Without a command (the url itself) nothing is an event.
			const command = params.command ?? '';
			const event = eventOfCommand(command);
			const events = this.getNodeParameter('events', []) as string[];
			if (!event || !(events.includes(ALL_EVENTS) || events.includes(command))) return reply();
			if (event.message && !passes(body, options)) return reply();
			item = {
				event: event.key,
				...body,
				callbackCommand: command,
				...(event.message ? messageFields(body, apiVersion) : {}),
			};
			workflowDecides = event.before && options.decideBeforeEvents === true;
		}
		if (options.rawBody) item.rawBody = raw;
		// n8n answers with the first item of the last node once the workflow has run.
		if (workflowDecides) return { workflowData: [[{ json: item }]] };
		res.status(200).json(answer);
		return { noWebhookResponse: true, workflowData: [[{ json: item }]] };
	}
}
