import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkJson, checkList, checkNumber, checkText, nodeParameter, paramError, type Param } from '../../helpers/params';

type Kind = 'text' | 'number' | 'boolean' | 'list' | 'lines' | 'json' | 'jsonArray' | 'picture';

interface ContentField extends Param {
	kind: Kind;
	required?: boolean;
	description?: string;
	placeholder?: string;
	min?: number;
	max?: number;
	/** int32/int64 in the element struct. */
	integer?: boolean;
}

/** Largest value of the element structs' int32 fields (widths and heights). */
const INT32_MAX = 2 ** 31 - 1;

interface ContentType {
	value: number;
	name: string;
	description: string;
	fields: ContentField[];
}

const bytes = (name: string, displayName: string): ContentField => ({
	name,
	displayName,
	kind: 'number',
	integer: true,
	min: 0,
	description: 'Size in bytes',
});
const pixels = (name: string, displayName: string): ContentField => ({
	name,
	displayName,
	kind: 'number',
	integer: true,
	min: 0,
	max: INT32_MAX,
});
const seconds: ContentField = {
	name: 'duration',
	displayName: 'Duration',
	kind: 'number',
	integer: true,
	min: 0,
	description: 'Length in seconds',
};
const text = (description: string): ContentField => ({ name: 'text', displayName: 'Text', kind: 'text', required: true, description });

/**
 * Every content type of manager/send_msg and the fields of its element struct
 * (OpenIM SDK of 2021; Card as in later SDKs, Revoke and Read Receipt as the
 * ids the SDK sends). Field names are the struct's JSON keys.
 */
export const CONTENT_TYPES: ContentType[] = [
	{ value: 101, name: 'Text', description: 'A plain text message', fields: [text('The message text')] },
	{
		value: 102,
		name: 'Picture',
		description: 'A picture; big and snapshot default to the source picture',
		fields: [
			{ name: 'sourcePicture', displayName: 'Source Picture', kind: 'picture', required: true, description: 'The original picture; OpenIM needs its URL, type, size, width and height' },
			{ name: 'bigPicture', displayName: 'Big Picture', kind: 'picture', description: 'Empty means the source picture' },
			{ name: 'snapshotPicture', displayName: 'Snapshot Picture', kind: 'picture', description: 'Empty means the source picture' },
			{ name: 'sourcePath', displayName: 'Source Path', kind: 'text', description: "Path on the sender's device" },
		],
	},
	{
		value: 103,
		name: 'Voice',
		description: 'A voice message',
		fields: [
			{ name: 'sourceUrl', displayName: 'Source URL', kind: 'text', required: true, placeholder: 'e.g. https://example.com/voice.m4a' },
			seconds,
			bytes('dataSize', 'Data Size'),
			{ name: 'uuid', displayName: 'UUID', kind: 'text' },
			{ name: 'soundPath', displayName: 'Sound Path', kind: 'text', description: "Path on the sender's device" },
		],
	},
	{
		value: 104,
		name: 'Video',
		description: 'A video with its snapshot',
		fields: [
			{ name: 'videoUrl', displayName: 'Video URL', kind: 'text', required: true, placeholder: 'e.g. https://example.com/clip.mp4' },
			{ name: 'videoType', displayName: 'Video Type', kind: 'text', placeholder: 'e.g. mp4' },
			bytes('videoSize', 'Video Size'),
			seconds,
			{ name: 'snapshotUrl', displayName: 'Snapshot URL', kind: 'text', placeholder: 'e.g. https://example.com/clip.jpg' },
			pixels('snapshotWidth', 'Snapshot Width'),
			pixels('snapshotHeight', 'Snapshot Height'),
			bytes('snapshotSize', 'Snapshot Size'),
			{ name: 'videoUUID', displayName: 'Video UUID', kind: 'text' },
			{ name: 'snapshotUUID', displayName: 'Snapshot UUID', kind: 'text' },
			{ name: 'videoPath', displayName: 'Video Path', kind: 'text', description: "Path on the sender's device" },
			{ name: 'snapshotPath', displayName: 'Snapshot Path', kind: 'text', description: "Path on the sender's device" },
		],
	},
	{
		value: 105,
		name: 'File',
		description: 'A file',
		fields: [
			{ name: 'sourceUrl', displayName: 'Source URL', kind: 'text', required: true, placeholder: 'e.g. https://example.com/report.pdf' },
			{ name: 'fileName', displayName: 'File Name', kind: 'text', required: true, placeholder: 'e.g. report.pdf' },
			bytes('fileSize', 'File Size'),
			{ name: 'uuid', displayName: 'UUID', kind: 'text' },
			{ name: 'filePath', displayName: 'File Path', kind: 'text', description: "Path on the sender's device" },
		],
	},
	{
		value: 106,
		name: 'Mention',
		description: 'A group message that @-mentions users',
		fields: [
			text('The message text, including the @ mentions'),
			{ name: 'atUserList', displayName: 'Mentioned User IDs', kind: 'list', required: true, description: 'Comma-separated user IDs, or an array from an expression' },
			{ name: 'isAtSelf', displayName: 'Is At Self', kind: 'boolean', description: 'Whether the sender mentions themselves' },
		],
	},
	{
		value: 107,
		name: 'Merged Forward',
		description: 'Several messages forwarded as one',
		fields: [
			{ name: 'title', displayName: 'Title', kind: 'text', required: true, placeholder: 'e.g. Chat history of Alice and Bob' },
			{ name: 'abstractList', displayName: 'Abstracts', kind: 'lines', description: 'Summary lines shown in the chat' },
			{ name: 'multiMessage', displayName: 'Messages (JSON)', kind: 'jsonArray', required: true, description: 'The forwarded messages, a JSON array of OpenIM message objects' },
		],
	},
	{
		value: 108,
		name: 'Card',
		description: "A user's contact card",
		fields: [
			{ name: 'userID', displayName: 'Card User ID', kind: 'text', required: true },
			{ name: 'nickname', displayName: 'Nickname', kind: 'text' },
			{ name: 'faceURL', displayName: 'Face URL', kind: 'text' },
			{ name: 'ex', displayName: 'Extension', kind: 'text' },
		],
	},
	{
		value: 109,
		name: 'Location',
		description: 'A place on the map',
		fields: [
			{ name: 'description', displayName: 'Description', kind: 'text', placeholder: 'e.g. Office, 3rd floor' },
			{ name: 'longitude', displayName: 'Longitude', kind: 'number', required: true, min: -180, max: 180 },
			{ name: 'latitude', displayName: 'Latitude', kind: 'number', required: true, min: -90, max: 90 },
		],
	},
	{
		value: 110,
		name: 'Custom',
		description: 'Your own data, e.g. a JSON string your app understands',
		fields: [
			{ name: 'data', displayName: 'Data', kind: 'text', required: true, placeholder: 'e.g. {"type":"order","id":42}' },
			{ name: 'description', displayName: 'Description', kind: 'text' },
			{ name: 'extension', displayName: 'Extension', kind: 'text' },
		],
	},
	{
		value: 111,
		name: 'Revoke',
		description: 'Revokes an earlier message',
		fields: [
			{ name: 'revokeMsgClientID', displayName: 'Revoked Message ID', kind: 'text', required: true, description: 'Client message ID (msgID) of the message to revoke' },
		],
	},
	{
		value: 112,
		name: 'Read Receipt',
		description: 'Marks messages as read',
		fields: [
			{ name: 'msgIDList', displayName: 'Message IDs', kind: 'list', required: true, description: 'Comma-separated client message IDs, or an array from an expression' },
		],
	},
	{
		value: 114,
		name: 'Quote',
		description: 'A reply that quotes an earlier message',
		fields: [
			text('The reply text'),
			{ name: 'quoteMessage', displayName: 'Quoted Message (JSON)', kind: 'json', required: true, description: 'The quoted message, an OpenIM message object' },
		],
	},
];

export const CONTENT_TYPE_VALUES = CONTENT_TYPES.map((type) => type.value);

const PICTURE_FIELDS: INodeProperties[] = [
	{ displayName: 'Height', name: 'height', type: 'number', default: 0, typeOptions: { minValue: 0 } },
	{ displayName: 'Size', name: 'size', type: 'number', default: 0, typeOptions: { minValue: 0 }, description: 'Size in bytes' },
	{ displayName: 'Type', name: 'type', type: 'string', default: '', placeholder: 'e.g. image/jpeg' },
	{ displayName: 'URL', name: 'url', type: 'string', default: '', placeholder: 'e.g. https://example.com/photo.jpg' },
	{ displayName: 'UUID', name: 'uuid', type: 'string', default: '' },
	{ displayName: 'Width', name: 'width', type: 'number', default: 0, typeOptions: { minValue: 0 } },
];

function fieldProperty(field: ContentField, contentType: number): INodeProperties {
	const base = {
		displayName: field.displayName,
		name: field.name,
		required: field.required,
		description: field.description,
		placeholder: field.placeholder,
		displayOptions: { show: { contentType: [contentType], contentMode: ['fields'] } },
	};
	const byKind: Record<Kind, Partial<INodeProperties>> = {
		text: { type: 'string', default: '', ...(field.name === 'text' && { typeOptions: { rows: 4 } }) },
		number: {
			type: 'number',
			default: 0,
			typeOptions: { minValue: field.min, maxValue: field.max, numberPrecision: field.integer ? 0 : 6 },
		},
		boolean: { type: 'boolean', default: false },
		list: { type: 'string', default: '' },
		lines: { type: 'string', default: [], typeOptions: { multipleValues: true }, placeholder: 'Add Line' },
		json: { type: 'json', default: '{}' },
		jsonArray: { type: 'json', default: '[]' },
		picture: { type: 'collection', default: {}, placeholder: 'Add Field', options: PICTURE_FIELDS },
	};
	return { ...base, ...byKind[field.kind] } as INodeProperties;
}

export const contentFieldProperties: INodeProperties[] = CONTENT_TYPES.flatMap((type) =>
	type.fields.map((field) => fieldProperty(field, type.value)),
);

export const contentTypeOptions = CONTENT_TYPES.map((type) => ({
	name: `${type.name} (${type.value})`,
	value: type.value,
	description: type.description,
})).sort((a, b) => a.name.localeCompare(b.name));

/**
 * One picture of a 102 message. The 2021 server wants type, size, width, height
 * and url on all three; an empty big or snapshot picture means "the source one".
 */
function pictureValue(ctx: IExecuteFunctions, field: ContentField, value: unknown, itemIndex: number): IDataObject | undefined {
	const picture = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as IDataObject;
	if (!field.required && isBlank(picture.url)) return undefined;
	const part = (name: string) => ({ name: `${field.name}.${name}`, displayName: `${field.displayName} ${name}` });
	const dimension = (name: string, max: number) =>
		checkNumber(ctx, part(name), picture[name] ?? 0, itemIndex, { integer: true, min: 1, max });
	return {
		...picture,
		uuid: checkText(ctx, part('uuid'), picture.uuid, itemIndex),
		type: checkText(ctx, part('type'), picture.type, itemIndex, { required: true }),
		size: dimension('size', Number.MAX_SAFE_INTEGER),
		width: dimension('width', INT32_MAX),
		height: dimension('height', INT32_MAX),
		url: checkText(ctx, part('url'), picture.url, itemIndex, { required: true }),
	};
}

function messagesValue(ctx: IExecuteFunctions, field: ContentField, value: unknown, itemIndex: number): IDataObject[] {
	const messages = checkJson(ctx, field, value, itemIndex, 'array') as unknown[];
	if (field.required && messages.length === 0) throw paramError(ctx, field, 'needs at least one message', itemIndex);
	if (messages.some((message) => !message || typeof message !== 'object' || Array.isArray(message))) {
		throw paramError(ctx, field, 'must list message objects', itemIndex);
	}
	return messages as IDataObject[];
}

function fieldValue(ctx: IExecuteFunctions, field: ContentField, value: unknown, itemIndex: number): unknown {
	const required = field.required ?? false;
	switch (field.kind) {
		case 'text':
			return checkText(ctx, field, value, itemIndex, { required });
		case 'number':
			return checkNumber(ctx, field, value ?? 0, itemIndex, { integer: field.integer, min: field.min, max: field.max });
		case 'boolean':
			if (typeof (value ?? false) !== 'boolean') throw paramError(ctx, field, 'must be true or false', itemIndex);
			return value ?? false;
		case 'list':
			return checkList(ctx, field, value, itemIndex, { required });
		case 'lines':
			if (!Array.isArray(value ?? [])) throw paramError(ctx, field, 'must be a list of lines', itemIndex);
			return ((value ?? []) as unknown[]).map((line) => checkText(ctx, field, line, itemIndex));
		case 'json':
			return checkJson(ctx, field, value, itemIndex, 'object');
		case 'jsonArray':
			return messagesValue(ctx, field, value, itemIndex);
		case 'picture':
			return pictureValue(ctx, field, value, itemIndex);
	}
}

function contentTypeOf(contentType: number): ContentType {
	return CONTENT_TYPES.find((type) => type.value === contentType) as ContentType;
}

function withPictureDefaults(contentType: number, content: IDataObject): IDataObject {
	if (contentType !== 102) return content;
	for (const name of ['bigPicture', 'snapshotPicture']) content[name] ??= content.sourcePicture;
	return content;
}

/** Builds the `content` object of a type from its parameters. */
export function contentFromFields(ctx: IExecuteFunctions, contentType: number, itemIndex: number): IDataObject {
	const content: IDataObject = {};
	for (const field of contentTypeOf(contentType).fields) {
		const value = fieldValue(ctx, field, nodeParameter(ctx, field.name, itemIndex, undefined), itemIndex);
		if (value !== undefined) content[field.name] = value as IDataObject[keyof IDataObject];
	}
	return withPictureDefaults(contentType, content);
}

const isBlank = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * Checks a whole `content` object given as JSON with the same rules as the
 * fields: the type's required fields, and every known field that is present.
 * Keys the table does not know are sent as they are.
 */
export function checkContentJson(
	ctx: IExecuteFunctions,
	contentType: number,
	value: unknown,
	itemIndex: number,
): IDataObject {
	const param = { name: 'content', displayName: 'Content (JSON)' };
	const content = { ...(checkJson(ctx, param, value, itemIndex, 'object') as IDataObject) };
	for (const field of contentTypeOf(contentType).fields) {
		if (!field.required && content[field.name] === undefined) continue;
		if (field.required && isBlank(content[field.name])) {
			throw paramError(ctx, param, `needs "${field.name}" for content type ${contentType}`, itemIndex);
		}
		const inJson = { ...field, name: `content.${field.name}`, displayName: `Content (JSON) ${field.name}` };
		const checked = fieldValue(ctx, inJson, content[field.name], itemIndex);
		if (checked !== undefined) content[field.name] = checked as IDataObject[keyof IDataObject];
	}
	return withPictureDefaults(contentType, content);
}
