import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Form, MessageInput } from '../../api/types';
import type { RequestSettings, Session } from '../../transport';
import {
	collectionProperty,
	collectionValues,
	getAdditionalFields,
	getChoice,
	nodeParameter,
	ParameterError,
	type ItemReader,
} from '../../helpers/params';
import { PLATFORM_OPTIONS } from '../../transport/platforms';
import { call, endpointOf, prepare } from '../call';
import { getUid, optionsProperty, requestSettings, UID_MAX } from '../common.descriptions';
import { perForm, shownWhere, type Field } from '../operation';
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
import { groupIdProperty } from '../group/groupId';
import { withMentionNames } from './mentions';

export const sendID: INodeProperties = {
	displayName: 'Sender User ID',
	name: 'sendID',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. alice_01',
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

const SESSION_TYPE: Record<Form, INodeProperties> = {
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

const recvID = (description: string, placeholder: string): INodeProperties => ({
	displayName: 'Receiver ID',
	name: 'recvID',
	type: 'string',
	required: true,
	default: '',
	placeholder,
	description,
});

// Each generation's example: a 2021 user or group ID, a 3.x user ID (letters, digits and _).
const RECV_ID_2021 = recvID(
	'The user ID for a single chat, the group ID for a group chat',
	'e.g. 21979710c3fe454d',
);
const RECV_ID_V3 = recvID('The user who gets the message', 'e.g. bob_02');
const GROUP_ID: INodeProperties = {
	...groupIdProperty,
	description: 'The group that gets the message',
};

/** Which parameter names the receiver, per form and session type. */
const RECEIVER: Record<Form, Record<number, INodeProperties>> = {
	'2021': { 1: RECV_ID_2021, 2: RECV_ID_2021 },
	v3: { 1: RECV_ID_V3, 3: GROUP_ID, 4: RECV_ID_V3 },
};

export const contentType = (form: Form, exclude: number[] = []): INodeProperties => ({
	displayName: 'Content Type',
	name: 'contentType',
	type: 'options',
	required: true,
	options: contentTypeOptionsOf(
		CONTENT_TYPES_OF[form].filter((type) => !exclude.includes(type.value)),
	),
	default: 101,
});

const CONTENT_TYPE: Record<Form, INodeProperties> = {
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

const ADDITIONAL_FIELDS: Record<Form, INodeProperties> = {
	'2021': collectionProperty('additionalFields', {
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
	}),
	v3: collectionProperty('additionalFields', {
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
	}),
};

/** Who sends and who gets a message: sender, session and receiver (Send, Send and Wait). */
export const receiverProperties: Field[] = [
	sendID,
	...perForm({
		'2021': [SESSION_TYPE['2021'], RECV_ID_2021],
		v3: [
			SESSION_TYPE.v3,
			// Hidden for the other session types rather than shown for these: while Session Type is an
			// expression, the editor resolves it without input data, and a `show` rule would then hide both.
			{ ...RECV_ID_V3, displayOptions: { hide: { sessionType: [3] } } },
			{ ...GROUP_ID, displayOptions: { hide: { sessionType: [1, 4] } } },
		],
	}),
];

/** The fields of send alone: sender, session, receiver and content type. */
const properties: Field[] = [
	...receiverProperties,
	...perForm({ '2021': [CONTENT_TYPE['2021']], v3: [CONTENT_TYPE.v3] }),
];

/** The content and the options of a message, the same for send and sendToMany. */
const contentProperties: Field[] = [
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
	...shownWhere((api) => api.uploads, fromBinaryProperties),
	...contentFieldProperties,
	...perForm({
		'2021': [contentJson('{\n  "text": "Hello from n8n"\n}'), ADDITIONAL_FIELDS['2021']],
		v3: [contentJson('{\n  "content": "Hello from n8n"\n}'), ADDITIONAL_FIELDS.v3],
	}),
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
	read: ItemReader,
	type: number,
	settings: RequestSettings,
): Promise<Pick<MessageInput, 'content' | 'fields'>> {
	const { form } = api;
	const additional = getAdditionalFields(read);
	const fields = collectionValues(ADDITIONAL_FIELDS[form], additional, {
		lists: ['forceList'],
		maxLength: { forceList: UID_MAX },
	});
	if (
		api.uploads &&
		nodeParameter(read, 'contentMode', 'fields') === 'fields' &&
		isFromBinary(read, type)
	) {
		const left = fieldsLeft(
			CONTENT_TYPES_OF[form].find((entry) => entry.value === type)!,
			snapshotProperty(read, type) !== '',
		);
		const given = contentFromFields(read, type, [left]);
		return {
			content: withPictureDefaults(
				type,
				await fillFromBinary(ctx, api, read, type, given, settings),
			),
			fields,
		};
	}
	return { content: messageContent(read, form, type), fields };
}

function messageContent(read: ItemReader, form: Form, type: number): IDataObject {
	const types = CONTENT_TYPES_OF[form];
	if (nodeParameter(read, 'contentMode', 'fields') === 'json') {
		return checkContentJson(type, nodeParameter(read, 'content'), types);
	}
	return contentFromFields(read, type, types);
}

/** This item's sender, session type and receiver, checked against the session types of the content type. */
export function readReceiver(
	read: ItemReader,
	form: Form,
	type: number,
): Pick<MessageInput, 'sendID' | 'sessionType' | 'recvID' | 'groupID'> {
	const sender = getUid(read, sendID);
	const session = SESSION_TYPE[form];
	// The receiver's parameter depends on the session type, so the session type is read first where it decides.
	const chosen = getChoice(read, session);
	const receiver = RECEIVER[form][chosen];
	const receiverID = getUid(read, receiver);
	const { sessionTypes } = CONTENT_TYPES_OF[form].find((entry) => entry.value === type) ?? {};
	if (sessionTypes && !sessionTypes.includes(chosen)) {
		const allowed = (session.options as Array<{ name: string; value: number }>).filter((option) =>
			sessionTypes.includes(option.value),
		);
		throw new ParameterError(
			session,
			`must be ${allowed.map((option) => `${option.name} (${option.value})`).join(' or ')} for this content type`,
		);
	}
	return { sendID: sender, [receiver.name]: receiverID, sessionType: chosen };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const { form } = api;
	const type = getChoice(read, CONTENT_TYPE[form]);
	const receiver = readReceiver(read, form, type);
	const settings = requestSettings(read);
	const endpoint = endpointOf(this, api, 'message.send');
	// Sender and receiver are refused before an upload or a name lookup goes out.
	prepare(
		this,
		api,
		endpoint,
		{ ...receiver, contentType: type, content: {}, fields: {} },
		settings,
	);
	const { content, fields } = await readContent(this, api, read, type, settings);
	const input: MessageInput = {
		...receiver,
		contentType: type,
		content: await withMentionNames(this, api, type, content, receiver.groupID, settings),
		fields,
	};
	return await call(this, api, endpoint, input, settings);
}
