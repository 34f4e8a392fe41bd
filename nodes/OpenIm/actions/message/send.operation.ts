import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkChoice, checkList, getAdditionalFields, nodeParameter, optionalTexts } from '../../helpers/params';
import { openImRequest } from '../../transport';
import { getUid, optionsProperty, requestSettings, UID_MAX } from '../common.descriptions';
import {
	CONTENT_TYPE_VALUES,
	checkContentJson,
	contentFieldProperties,
	contentFromFields,
	contentTypeOptions,
} from './content';

const properties: INodeProperties[] = [
	{
		displayName: 'Sender User ID',
		name: 'sendID',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. openIM123456',
		description: 'The user the message comes from',
	},
	{
		displayName: 'Session Type',
		name: 'sessionType',
		type: 'options',
		required: true,
		options: [
			{ name: 'Single Chat', value: 1, description: 'To one user' },
			{ name: 'Group Chat', value: 2, description: 'To a group' },
		],
		default: 1,
	},
	{
		displayName: 'Receiver ID',
		name: 'recvID',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 21979710c3fe454d',
		description: 'The user ID for a single chat, the group ID for a group chat',
	},
	{
		displayName: 'Content Type',
		name: 'contentType',
		type: 'options',
		required: true,
		options: contentTypeOptions,
		default: 101,
	},
	{
		displayName: 'Content Input',
		name: 'contentMode',
		type: 'options',
		options: [
			{ name: 'Fields', value: 'fields', description: "Fill in the content type's fields" },
			{ name: 'JSON', value: 'json', description: 'Give the whole content object as JSON' },
		],
		default: 'fields',
	},
	...contentFieldProperties,
	{
		displayName: 'Content (JSON)',
		name: 'content',
		type: 'json',
		required: true,
		default: '{\n  "text": "Hello from n8n"\n}',
		description: 'The content object of the message, as OpenIM expects it for the content type',
		displayOptions: { show: { contentMode: ['json'] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Force Push User IDs',
				name: 'forceList',
				type: 'string',
				default: '',
				description: 'In a group chat, comma-separated users to push the message to even if they muted the group',
			},
			{
				displayName: 'Sender Face URL',
				name: 'senderFaceURL',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com/bot.png',
			},
			{
				displayName: 'Sender Nickname',
				name: 'senderNickName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Alert Bot',
			},
		],
	},
	optionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['send'] } },
	properties,
);

const SESSION_TYPE = { name: 'sessionType', displayName: 'Session Type' };
const SENDER_FIELDS = [
	{ name: 'senderNickName', displayName: 'Sender Nickname' },
	{ name: 'senderFaceURL', displayName: 'Sender Face URL' },
];
const CONTENT_TYPE = { name: 'contentType', displayName: 'Content Type' };

function messageContent(ctx: IExecuteFunctions, contentType: number, itemIndex: number): IDataObject {
	if (nodeParameter(ctx, 'contentMode', itemIndex, 'fields') === 'json') {
		return checkContentJson(ctx, contentType, nodeParameter(ctx, 'content', itemIndex), itemIndex);
	}
	return contentFromFields(ctx, contentType, itemIndex);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const contentType = checkChoice(this, CONTENT_TYPE, nodeParameter(this, 'contentType', itemIndex), CONTENT_TYPE_VALUES, itemIndex);
	const fields = getAdditionalFields(this, itemIndex);
	const body: IDataObject = {
		sendID: getUid(this, itemIndex, { name: 'sendID', displayName: 'Sender User ID' }),
		recvID: getUid(this, itemIndex, { name: 'recvID', displayName: 'Receiver ID' }),
		sessionType: checkChoice(this, SESSION_TYPE, nodeParameter(this, 'sessionType', itemIndex), [1, 2], itemIndex),
		contentType,
		content: messageContent(this, contentType, itemIndex),
	};
	Object.assign(body, optionalTexts(this, fields, SENDER_FIELDS, itemIndex));
	if (fields.forceList !== undefined) {
		body.forceList = checkList(this, { name: 'forceList', displayName: 'Force Push User IDs' }, fields.forceList, itemIndex, {
			required: false,
			maxLength: UID_MAX,
		});
	}
	const answer = await openImRequest.call(this, 'manager/send_msg', body, requestSettings(this, itemIndex));
	return [
		{
			msgID: answer.msgID,
			// Nanoseconds, beyond exact JavaScript numbers: kept as the exact decimal text.
			sendTime: answer.sendTime === undefined ? undefined : String(answer.sendTime),
			sendID: body.sendID,
			recvID: body.recvID,
			sessionType: body.sessionType,
			contentType,
		},
	];
}
