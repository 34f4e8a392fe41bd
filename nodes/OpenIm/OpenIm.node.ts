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
		// The canvas line under the node, e.g. "Send: Message (3.x)": the names the editor shows (n8n's raw
		// values read "send: message"). A literal, as n8n's lint wants; test/unit/editor-text.test.ts checks it
		// against every Operation and Resource option.
		subtitle:
			'={{ ({"addToBlacklist":"Add to Blacklist","checkAccounts":"Check Accounts","clearConversations":"Clear Conversations","create":"Create","createNotificationAccount":"Create Notification Account","createOrUpdate":"Create or Update","delete":"Delete","dismiss":"Dismiss","forceLogout":"Force Logout","get":"Get","getAll":"Get Many","getBlacklist":"Get Blacklist","getJoined":"Get Joined","getMembers":"Get Members","getOnlineStatus":"Get Online Status","getToken":"Get Token","import":"Import","inviteUsers":"Invite Users","kickUsers":"Kick Users","mute":"Mute","muteMember":"Mute Member","register":"Register","removeFromBlacklist":"Remove From Blacklist","revoke":"Revoke","search":"Search","send":"Send","sendAndWait":"Send and Wait for Response","sendBusinessNotification":"Send Business Notification","sendToMany":"Send to Many","setMemberInfo":"Set Member Info","transferOwner":"Transfer Owner","unmute":"Unmute","unmuteMember":"Unmute Member","update":"Update"})[$parameter.operation] + ": " + ({"conversation":"Conversation","friend":"Friend","group":"Group","message":"Message","user":"User"})[$parameter.resource] + ($parameter.apiVersion === "v3" ? " (3.x)" : "") }}',
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
