import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ContentField, ContentType, Kind } from '../../api/content';
import { INT32_MAX } from '../../api/content';
import type { Form, Generation } from '../../api/types';
import { CONTENT_TYPES } from '../../api/v2021/content';
import { CONTENT_TYPES as CONTENT_TYPES_V3 } from '../../api/v3/content';
import {
	checkJson,
	checkList,
	checkNumber,
	checkText,
	nodeParameter,
	ParameterError,
	type ItemReader,
} from '../../helpers/params';
import { shownWhere, type Field } from '../operation';
import { fileSource, FROM_BINARY } from './fromBinary';

export { CONTENT_TYPES };

/** Each form's content types, the ones its Content Type parameter offers. */
export const CONTENT_TYPES_OF: Record<Form, ContentType[]> = {
	'2021': CONTENT_TYPES,
	v3: CONTENT_TYPES_V3,
};

const PICTURE_FIELDS: INodeProperties[] = [
	{
		displayName: 'Height',
		name: 'height',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0 },
	},
	{
		displayName: 'Size',
		name: 'size',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0 },
		description: 'Size in bytes',
	},
	{
		displayName: 'Type',
		name: 'type',
		type: 'string',
		default: '',
		placeholder: 'e.g. image/jpeg',
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/photo.jpg',
	},
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
		text: {
			type: 'string',
			default: '',
			...(field.name === 'text' && { typeOptions: { rows: 4 } }),
		},
		number: {
			type: 'number',
			default: 0,
			typeOptions: {
				minValue: field.min,
				maxValue: field.max,
				numberPrecision: field.integer ? 0 : 6,
			},
		},
		boolean: { type: 'boolean', default: false },
		list: { type: 'string', default: '' },
		lines: {
			type: 'string',
			default: [],
			typeOptions: { multipleValues: true },
			placeholder: 'Add Line',
		},
		json: { type: 'json', default: '{}' },
		jsonArray: { type: 'json', default: '[]' },
		picture: { type: 'collection', default: {}, placeholder: 'Add Field', options: PICTURE_FIELDS },
	};
	return { ...base, ...byKind[field.kind] } as INodeProperties;
}

/**
 * One property per content type and field, whichever forms have it: a field
 * both have keeps what the user typed when OpenIM Version changes. A field only
 * some forms have is shown only for the generations of those.
 */
function fieldProperties(): Field[] {
	const seen = new Map<string, { field: ContentField; contentType: number; forms: Form[] }>();
	for (const [form, types] of Object.entries(CONTENT_TYPES_OF) as Array<[Form, ContentType[]]>) {
		for (const type of types) {
			for (const field of type.fields) {
				const key = `${type.value}.${field.name}`;
				const entry = seen.get(key) ?? { field, contentType: type.value, forms: [] };
				entry.forms.push(form);
				seen.set(key, entry);
			}
		}
	}
	return [...seen.values()].flatMap(({ field, contentType, forms }) =>
		withBinarySource(fieldProperty(field, contentType), contentType, (api) =>
			forms.includes(api.form),
		),
	);
}

/**
 * Where the file can come from binary data (a generation that `uploads`): the fields the upload
 * fills are hidden then, and those it fills unless given are shown without being demanded (the
 * same parameter, so the value stays when File Source changes). Other generations get the field
 * without these rules, so that a File Source left at Binary Data hides nothing there.
 */
function withBinarySource(
	property: INodeProperties,
	contentType: number,
	has: (api: Generation) => boolean,
): Field[] {
	const fromBinary = FROM_BINARY[contentType];
	const filled = fromBinary?.filled.includes(property.name);
	const optional =
		property.required &&
		[...(fromBinary?.optional ?? []), ...(fromBinary?.notDemanded ?? [])].includes(property.name);
	if (!filled && !optional) return shownWhere(has, [property]);
	const show = property.displayOptions?.show;
	const uploading = (api: Generation) => has(api) && api.uploads;
	return [
		...shownWhere((api) => has(api) && !api.uploads, [property]),
		...shownWhere(uploading, [
			{ ...property, displayOptions: { show, hide: { [fileSource.name]: ['binary'] } } },
		]),
		...(optional
			? shownWhere(uploading, [
					{
						...property,
						required: false,
						displayOptions: { show: { ...show, [fileSource.name]: ['binary'] } },
					},
				])
			: []),
	];
}

export const contentFieldProperties: Field[] = fieldProperties();

export function contentTypeOptionsOf(types: ContentType[]) {
	return types
		.map((type) => ({
			name: `${type.name} (${type.value})`,
			value: type.value,
			description: type.description,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The 2021 Content Type options, as typeVersion 1 nodes have always shown them. */
export const contentTypeOptions = contentTypeOptionsOf(CONTENT_TYPES);

/**
 * One picture of a 102 message. The 2021 server wants type, size, width, height
 * and url on all three; an empty big or snapshot picture means "the source one".
 */
function pictureValue(field: ContentField, value: unknown): IDataObject | undefined {
	const picture = (
		value && typeof value === 'object' && !Array.isArray(value) ? value : {}
	) as IDataObject;
	if (!field.required && isBlank(picture.url)) return undefined;
	const part = (name: string) => ({
		name: `${field.name}.${name}`,
		displayName: `${field.displayName} ${name}`,
	});
	const dimension = (name: string, max: number) =>
		checkNumber(part(name), picture[name] ?? 0, { integer: true, min: 1, max });
	return {
		...picture,
		uuid: checkText(part('uuid'), picture.uuid),
		type: checkText(part('type'), picture.type, { required: true }),
		size: field.sizeOptional
			? checkNumber(part('size'), picture.size ?? 0, { integer: true, min: 0 })
			: dimension('size', Number.MAX_SAFE_INTEGER),
		width: dimension('width', INT32_MAX),
		height: dimension('height', INT32_MAX),
		url: checkText(part('url'), picture.url, { required: true }),
	};
}

function messagesValue(field: ContentField, value: unknown): IDataObject[] {
	const messages = checkJson(field, value, 'array') as unknown[];
	if (field.required && messages.length === 0)
		throw new ParameterError(field, 'needs at least one message');
	if (
		messages.some((message) => !message || typeof message !== 'object' || Array.isArray(message))
	) {
		throw new ParameterError(field, 'must list objects');
	}
	return messages as IDataObject[];
}

function fieldValue(field: ContentField, value: unknown): unknown {
	const required = field.required ?? false;
	switch (field.kind) {
		case 'text':
			return checkText(field, value, { required });
		case 'number':
			return checkNumber(field, value ?? 0, {
				integer: field.integer,
				min: field.min,
				max: field.max,
			});
		case 'boolean':
			if (typeof (value ?? false) !== 'boolean')
				throw new ParameterError(field, 'must be true or false');
			return value ?? false;
		case 'list': {
			const list = checkList(field, value, { required });
			if (field.max !== undefined && list.length > field.max)
				throw new ParameterError(
					field,
					`lists ${list.length} IDs; OpenIM allows at most ${field.max}`,
				);
			return list;
		}
		case 'lines':
			if (!Array.isArray(value ?? [])) throw new ParameterError(field, 'must be a list of lines');
			return ((value ?? []) as unknown[]).map((line) => checkText(field, line));
		case 'json':
			return checkJson(field, value, 'object');
		case 'jsonArray':
			return messagesValue(field, value);
		case 'picture':
			return pictureValue(field, value);
	}
}

function contentTypeOf(contentType: number, types: ContentType[]): ContentType {
	return types.find((type) => type.value === contentType) as ContentType;
}

export function withPictureDefaults(contentType: number, content: IDataObject): IDataObject {
	if (contentType !== 102) return content;
	for (const name of ['bigPicture', 'snapshotPicture']) content[name] ??= content.sourcePicture;
	return content;
}

/** Builds the `content` object of a type from its parameters. */
export function contentFromFields(
	read: ItemReader,
	contentType: number,
	types: ContentType[] = CONTENT_TYPES,
): IDataObject {
	const content: IDataObject = {};
	for (const field of contentTypeOf(contentType, types).fields) {
		const value = fieldValue(field, nodeParameter(read, field.name, undefined));
		if (value !== undefined)
			content[field.key ?? field.name] = value as IDataObject[keyof IDataObject];
	}
	return withPictureDefaults(contentType, content);
}

const isBlank = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** The JSON mode's parameter; each generation gives it its own example as default. */
export const contentJsonProperty: INodeProperties = {
	displayName: 'Content (JSON)',
	name: 'content',
	type: 'json',
	required: true,
	default: '{}',
	description: 'The content object of the message, as OpenIM expects it for the content type',
	displayOptions: { show: { contentMode: ['json'] } },
};

/**
 * Checks a whole `content` object given as JSON with the same rules as the
 * fields: the type's required fields, and every known field that is present.
 * Keys the table does not know are sent as they are.
 */
export function checkContentJson(
	contentType: number,
	value: unknown,
	types: ContentType[] = CONTENT_TYPES,
): IDataObject {
	const param = contentJsonProperty;
	const content = { ...(checkJson(param, value, 'object') as IDataObject) };
	for (const field of contentTypeOf(contentType, types).fields) {
		// In JSON the keys are the element struct's own.
		const key = field.key ?? field.name;
		if (!field.required && content[key] === undefined) continue;
		if (field.required && isBlank(content[key])) {
			throw new ParameterError(param, `needs "${key}" for content type ${contentType}`);
		}
		const inJson = { ...field, name: `content.${key}`, displayName: `Content (JSON) ${key}` };
		const checked = fieldValue(inJson, content[key]);
		if (checked !== undefined) content[key] = checked as IDataObject[keyof IDataObject];
	}
	return withPictureDefaults(contentType, content);
}
