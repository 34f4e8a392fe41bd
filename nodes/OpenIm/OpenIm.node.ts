import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { apiVersionProperties } from './api';
import { resourceProperties } from './actions/operation';
import { resources, router } from './actions/router';

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
		// In this order in the editor's credential list: a new node is on 3.x.
		credentials: [
			{ name: 'openImV3Api', required: true, displayOptions: { show: { apiVersion: ['v3'] } } },
			{ name: 'openImApi', required: true, displayOptions: { show: { apiVersion: ['2021'] } } },
		],
		properties: [
			...apiVersionProperties,
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
}
