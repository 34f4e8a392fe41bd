import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { apiVersionProperties, credentialProperties } from './api';
import { resourceProperties } from './actions/operation';
import { resources, router } from './actions/router';
import { SEND_AND_WAIT_WEBHOOKS } from './sendAndWait/descriptions';
import { sendAndWaitWebhook } from './sendAndWait/webhook';

export class OpenIm implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenIM',
		name: 'openIm',
		icon: { light: 'file:openim.svg', dark: 'file:openim.dark.svg' },
		group: ['output'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Manage users, groups and friends and send messages on an OpenIM server',
		documentationUrl:
			'https://github.com/n8n-nodes-openim/n8n-nodes-openim/blob/main/docs/operations.md',
		defaults: { name: 'OpenIM' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// The links of Message → Send and Wait for Response (n8n resumes the waiting execution through them).
		webhooks: SEND_AND_WAIT_WEBHOOKS,
		credentials: credentialProperties(),
		properties: [
			...apiVersionProperties(),
			// One selector for every generation: n8n's node picker lists the actions of every
			// Resource selector, so one per generation would list them twice. A resource a
			// generation lacks shows a notice there instead of operations (actions/operation.ts).
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Conversation', value: 'conversation', description: 'OpenIM 3.x only' },
					{ name: 'Friend', value: 'friend' },
					{ name: 'Group', value: 'group' },
					{ name: 'Message', value: 'message' },
					{ name: 'User', value: 'user' },
				],
				default: 'message',
			},
			...Object.entries(resources).flatMap(([name, resource]) =>
				resourceProperties(name, resource),
			),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await sendAndWaitWebhook.call(this);
	}
}
