import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ApiVersion, MessageInput } from '../../api/types';
import type { RequestSettings, Session } from '../../transport';
import {
	collectionValues,
	getAdditionalFields,
	getChoice,
	nodeParameter,
	paramError,
	type ItemReader,
} from '../../helpers/params';
import { PLATFORM_OPTIONS } from '../../transport/platforms';
import { call, endpointOf } from '../call';
import { getUid, onlyFor, optionsProperty, requestSettings, UID_MAX } from '../common.descriptions';
import {
	CONTENT_TYPES_OF,
	checkContentJson,
	contentFieldProperties,
	contentFromFields,
	contentJsonProperty,
	contentTypeOptionsOf,
	withPictureDefaults,
} from './content';
import {
	fieldsLeft,
	fillFromBinary,
	fromBinaryProperties,
	isFromBinary,
	snapshotProperty,
} from './fromBinary';
import { withMentionNames } from './mentions';

export const sendID: INodeProperties = {
	displayName: 'Sender User ID',
	name: 'sendID',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. openIM123456',
	description: 'The user the message comes from',
};

const sessionType = (options: INodeProperties['options']): INodeProperties => ({
	displayName: 'Session Type',
	name: 'sessionType',
	type: 'options',
	required: true,
	options,
	default: 1,
});

const SESSION_TYPE: Record<ApiVersion, INodeProperties> = {
	'2021': sessionType([
		{ name: 'Single Chat', value: 1, description: 'To one user' },
		{ name: 'Group Chat', value: 2, description: 'To a group' },
	]),
	v3: sessionType([
		{ name: 'One-to-One', value: 1, description: 'To one user' },
		{ name: 'Group', value: 3, description: 'To a group' },
		{
			name: 'Notification',
			value: 4,
			description: 'An OA notification to one user (Content Type OA Notification)',
		},
	]),
};

const recvID = (description: string): INodeProperties => ({
	displayName: 'Receiver ID',
	name: 'recvID',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 21979710c3fe454d',
	description,
});

const RECV_ID_2021 = recvID('The user ID for a single chat, the group ID for a group chat');
const RECV_ID_V3 = recvID('The user who gets the message');
const GROUP_ID: INodeProperties = {
	displayName: 'Group ID',
	name: 'groupID',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 3982737120',
	description: 'The group that gets the message',
};

/** Which parameter names the receiver, per generation and session type. */
const RECEIVER: Record<ApiVersion, Record<number, INodeProperties>> = {
	'2021': { 1: RECV_ID_2021, 2: RECV_ID_2021 },
	v3: { 1: RECV_ID_V3, 3: GROUP_ID, 4: RECV_ID_V3 },
};

export const contentType = (apiVersion: ApiVersion, exclude: number[] = []): INodeProperties => ({
	displayName: 'Content Type',
	name: 'contentType',
	type: 'options',
	required: true,
	options: contentTypeOptionsOf(
		CONTENT_TYPES_OF[apiVersion].filter((type) => !exclude.includes(type.value)),
	),
	default: 101,
});

const CONTENT_TYPE: Record<ApiVersion, INodeProperties> = {
	'2021': contentType('2021'),
	v3: contentType('v3'),
};

const contentJson = (example: string): INodeProperties => ({
	...contentJsonProperty,
	default: example,
});

const senderFaceURL: INodeProperties = {
	displayName: 'Sender Face URL',
	name: 'senderFaceURL',
	type: 'string',
	default: '',
	placeholder: 'e.g. https://example.com/bot.png',
};
const senderNickName: INodeProperties = {
	displayName: 'Sender Nickname',
	name: 'senderNickName',
	type: 'string',
	default: '',
	placeholder: 'e.g. Alert Bot',
};

const ADDITIONAL_FIELDS: Record<ApiVersion, INodeProperties> = {
	'2021': {
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
				description:
					'In a group chat, comma-separated users to push the message to even if they muted the group',
			},
			senderFaceURL,
			senderNickName,
		],
	},
	v3: {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Extension', name: 'ex', type: 'string', default: '' },
			{
				displayName: 'Is Online Only',
				name: 'isOnlineOnly',
				type: 'boolean',
				default: false,
				description: 'Whether to deliver only to users online now, without storing the message',
			},
			{
				displayName: 'Not Offline Push',
				name: 'notOfflinePush',
				type: 'boolean',
				default: false,
				description: 'Whether to skip the push notification to offline users',
			},
			{
				displayName: 'Offline Push Info',
				name: 'offlinePushInfo',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				options: [
					{ displayName: 'Description', name: 'desc', type: 'string', default: '' },
					{ displayName: 'Extension', name: 'ex', type: 'string', default: '' },
					{
						displayName: 'iOS Badge Count',
						name: 'iOSBadgeCount',
						type: 'boolean',
						default: false,
						description: 'Whether to raise the app badge count on iOS',
					},
					{ displayName: 'iOS Push Sound', name: 'iOSPushSound', type: 'string', default: '' },
					{ displayName: 'Title', name: 'title', type: 'string', default: '' },
				],
			},
			senderFaceURL,
			senderNickName,
			{
				displayName: 'Sender Platform',
				name: 'senderPlatformID',
				type: 'options',
				options: [...PLATFORM_OPTIONS.slice(0, 7), { name: 'Admin (10)', value: 10 }],
				default: 10,
			},
		],
	},
};

/** The fields of send alone: sender, session and receiver. */
const properties: INodeProperties[] = [
	sendID,
	...onlyFor('2021', [SESSION_TYPE['2021'], RECV_ID_2021, CONTENT_TYPE['2021']]),
	...onlyFor('v3', [SESSION_TYPE.v3]),
	// Hidden for the other session types rather than shown for these: while Session Type is an expression,
	// the editor resolves it without input data, and a `show` rule would then hide both.
	...onlyFor('v3', [{ ...RECV_ID_V3, displayOptions: { hide: { sessionType: [3] } } }]),
	...onlyFor('v3', [{ ...GROUP_ID, displayOptions: { hide: { sessionType: [1, 4] } } }]),
	...onlyFor('v3', [CONTENT_TYPE.v3]),
];

/** The content and the options of a message, the same for send and sendToMany. */
const contentProperties: INodeProperties[] = [
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
	...onlyFor('v3', fromBinaryProperties),
	...contentFieldProperties,
	...onlyFor('2021', [contentJson('{\n  "text": "Hello from n8n"\n}')]),
	...onlyFor('v3', [contentJson('{\n  "content": "Hello from n8n"\n}')]),
	...onlyFor('2021', [ADDITIONAL_FIELDS['2021']]),
	...onlyFor('v3', [ADDITIONAL_FIELDS.v3]),
	optionsProperty,
];

export const description = [
	...updateDisplayOptions({ show: { resource: ['message'], operation: ['send'] } }, properties),
	...updateDisplayOptions(
		{ show: { resource: ['message'], operation: ['send', 'sendToMany'] } },
		contentProperties,
	),
];

/**
 * The content of this item's message and its additional fields, checked by the generation's tables.
 * A file from binary data is uploaded last, after every check: a refused item uploads nothing.
 */
export async function readContent(
	ctx: IExecuteFunctions,
	api: Session,
	type: number,
	settings: RequestSettings,
): Promise<Pick<MessageInput, 'content' | 'fields'>> {
	const { apiVersion } = api;
	const { itemIndex } = settings;
	const read = api.params.item(itemIndex);
	const additional = getAdditionalFields(read);
	const fields = collectionValues(ctx, ADDITIONAL_FIELDS[apiVersion], additional, itemIndex, {
		lists: ['forceList'],
		maxLength: { forceList: UID_MAX },
	});
	if (
		apiVersion === 'v3' &&
		nodeParameter(read, 'contentMode', 'fields') === 'fields' &&
		isFromBinary(read, type)
	) {
		const left = fieldsLeft(
			CONTENT_TYPES_OF.v3.find((entry) => entry.value === type)!,
			snapshotProperty(read, type) !== '',
		);
		const given = contentFromFields(read, type, [left]);
		return {
			content: withPictureDefaults(type, await fillFromBinary(ctx, api, type, given, settings)),
			fields,
		};
	}
	return { content: messageContent(read, apiVersion, type), fields };
}

function messageContent(read: ItemReader, apiVersion: ApiVersion, type: number): IDataObject {
	const { ctx, itemIndex } = read;
	const types = CONTENT_TYPES_OF[apiVersion];
	if (nodeParameter(read, 'contentMode', 'fields') === 'json') {
		return checkContentJson(ctx, type, nodeParameter(read, 'content'), itemIndex, types);
	}
	return contentFromFields(read, type, types);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const { apiVersion } = api;
	const type = getChoice(read, CONTENT_TYPE[apiVersion]);
	const sender = getUid(read, sendID);
	const session = SESSION_TYPE[apiVersion];
	// The receiver's parameter depends on the session type, so the session type is read first where it decides.
	const chosen = getChoice(read, session);
	const receiver = RECEIVER[apiVersion][chosen];
	const receiverID = getUid(read, receiver);
	const { sessionTypes } = CONTENT_TYPES_OF[apiVersion].find((entry) => entry.value === type) ?? {};
	if (sessionTypes && !sessionTypes.includes(chosen)) {
		const allowed = (session.options as Array<{ name: string; value: number }>).filter((option) =>
			sessionTypes.includes(option.value),
		);
		throw paramError(
			this,
			session,
			`must be ${allowed.map((option) => `${option.name} (${option.value})`).join(' or ')} for this content type`,
			itemIndex,
		);
	}
	const settings = requestSettings(read);
	const { content, fields } = await readContent(this, api, type, settings);
	const groupID = receiver.name === 'groupID' ? receiverID : undefined;
	const input: MessageInput = {
		sendID: sender,
		[receiver.name]: receiverID,
		sessionType: chosen,
		contentType: type,
		content: await withMentionNames(this, api, type, content, groupID, settings),
		fields,
	};
	return await call(this, api, endpointOf(this, api, 'message.send'), input, settings);
}
