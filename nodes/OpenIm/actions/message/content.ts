import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ContentField, ContentType, Kind } from '../../api/content';
import { INT32_MAX } from '../../api/content';
import type { ApiVersion } from '../../api/types';
import { CONTENT_TYPES } from '../../api/v2021/content';
import { CONTENT_TYPES as CONTENT_TYPES_V3 } from '../../api/v3/content';
import {
	checkJson,
	checkList,
	checkNumber,
	checkText,
	nodeParameter,
	paramError,
	type ItemReader,
} from '../../helpers/params';
import { fileSource, FROM_BINARY } from './fromBinary';

export { CONTENT_TYPES };

/** Each generation's content types, the ones its Content Type parameter offers. */
export const CONTENT_TYPES_OF: Record<ApiVersion, ContentType[]> = {
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

function fieldProperty(
	field: ContentField,
	contentType: number,
	apiVersions?: ApiVersion[],
): INodeProperties {
	const base = {
		displayName: field.displayName,
		name: field.name,
		required: field.required,
		description: field.description,
		placeholder: field.placeholder,
		displayOptions: {
			show: {
				contentType: [contentType],
				contentMode: ['fields'],
				...(apiVersions && { apiVersion: apiVersions }),
			},
		} as INodeProperties['displayOptions'],
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
 * One property per content type and field, whichever generations have it: a field
 * both have keeps what the user typed when OpenIM Version changes. A field only
 * some generations have is shown only for those.
 */
function fieldProperties(): INodeProperties[] {
	const versions = Object.keys(CONTENT_TYPES_OF) as ApiVersion[];
	const seen = new Map<
		string,
		{ field: ContentField; contentType: number; apiVersions: ApiVersion[] }
	>();
	for (const apiVersion of versions) {
		for (const type of CONTENT_TYPES_OF[apiVersion]) {
			for (const field of type.fields) {
				const key = `${type.value}.${field.name}`;
				const entry = seen.get(key) ?? { field, contentType: type.value, apiVersions: [] };
				entry.apiVersions.push(apiVersion);
				seen.set(key, entry);
			}
		}
	}
	return [...seen.values()].flatMap(({ field, contentType, apiVersions }) =>
		withBinarySource(
			fieldProperty(
				field,
				contentType,
				apiVersions.length < versions.length ? apiVersions : undefined,
			),
			contentType,
			apiVersions,
		),
	);
}

/**
 * Where the file can come from binary data (3.x): the fields the upload fills are hidden then, and
 * those it fills unless given are shown without being demanded (the same parameter, so the value
 * stays when File Source changes). Other generations get the field without these rules, so that a
 * File Source left at Binary Data hides nothing there.
 */
function withBinarySource(
	property: INodeProperties,
	contentType: number,
	apiVersions: ApiVersion[],
): INodeProperties[] {
	const fromBinary = FROM_BINARY[contentType];
	if (!fromBinary || !apiVersions.includes('v3')) return [property];
	const filled = fromBinary.filled.includes(property.name);
	const optional =
		property.required &&
		[...fromBinary.optional, ...(fromBinary.notDemanded ?? [])].includes(property.name);
	if (!filled && !optional) return [property];
	const show = property.displayOptions?.show;
	const others = apiVersions.filter((apiVersion) => apiVersion !== 'v3');
	const v3 = { ...show, apiVersion: ['v3'] };
	return [
		...(others.length
			? [{ ...property, displayOptions: { show: { ...show, apiVersion: others } } }]
			: []),
		{ ...property, displayOptions: { show: v3, hide: { [fileSource.name]: ['binary'] } } },
		...(optional
			? [
					{
						...property,
						required: false,
						displayOptions: { show: { ...v3, [fileSource.name]: ['binary'] } },
					},
				]
			: []),
	];
}

export const contentFieldProperties: INodeProperties[] = fieldProperties();

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
function pictureValue(
	ctx: IExecuteFunctions,
	field: ContentField,
	value: unknown,
	itemIndex: number,
): IDataObject | undefined {
	const picture = (
		value && typeof value === 'object' && !Array.isArray(value) ? value : {}
	) as IDataObject;
	if (!field.required && isBlank(picture.url)) return undefined;
	const part = (name: string) => ({
		name: `${field.name}.${name}`,
		displayName: `${field.displayName} ${name}`,
	});
	const dimension = (name: string, max: number) =>
		checkNumber(ctx, part(name), picture[name] ?? 0, itemIndex, { integer: true, min: 1, max });
	return {
		...picture,
		uuid: checkText(ctx, part('uuid'), picture.uuid, itemIndex),
		type: checkText(ctx, part('type'), picture.type, itemIndex, { required: true }),
		size: field.sizeOptional
			? checkNumber(ctx, part('size'), picture.size ?? 0, itemIndex, { integer: true, min: 0 })
			: dimension('size', Number.MAX_SAFE_INTEGER),
		width: dimension('width', INT32_MAX),
		height: dimension('height', INT32_MAX),
		url: checkText(ctx, part('url'), picture.url, itemIndex, { required: true }),
	};
}

function messagesValue(
	ctx: IExecuteFunctions,
	field: ContentField,
	value: unknown,
	itemIndex: number,
): IDataObject[] {
	const messages = checkJson(ctx, field, value, itemIndex, 'array') as unknown[];
	if (field.required && messages.length === 0)
		throw paramError(ctx, field, 'needs at least one message', itemIndex);
	if (
		messages.some((message) => !message || typeof message !== 'object' || Array.isArray(message))
	) {
		throw paramError(ctx, field, 'must list objects', itemIndex);
	}
	return messages as IDataObject[];
}

function fieldValue(
	ctx: IExecuteFunctions,
	field: ContentField,
	value: unknown,
	itemIndex: number,
): unknown {
	const required = field.required ?? false;
	switch (field.kind) {
		case 'text':
			return checkText(ctx, field, value, itemIndex, { required });
		case 'number':
			return checkNumber(ctx, field, value ?? 0, itemIndex, {
				integer: field.integer,
				min: field.min,
				max: field.max,
			});
		case 'boolean':
			if (typeof (value ?? false) !== 'boolean')
				throw paramError(ctx, field, 'must be true or false', itemIndex);
			return value ?? false;
		case 'list': {
			const list = checkList(ctx, field, value, itemIndex, { required });
			if (field.max !== undefined && list.length > field.max)
				throw paramError(
					ctx,
					field,
					`lists ${list.length} IDs; OpenIM allows at most ${field.max}`,
					itemIndex,
				);
			return list;
		}
		case 'lines':
			if (!Array.isArray(value ?? []))
				throw paramError(ctx, field, 'must be a list of lines', itemIndex);
			return ((value ?? []) as unknown[]).map((line) => checkText(ctx, field, line, itemIndex));
		case 'json':
			return checkJson(ctx, field, value, itemIndex, 'object');
		case 'jsonArray':
			return messagesValue(ctx, field, value, itemIndex);
		case 'picture':
			return pictureValue(ctx, field, value, itemIndex);
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
	const { ctx, itemIndex } = read;
	const content: IDataObject = {};
	for (const field of contentTypeOf(contentType, types).fields) {
		const value = fieldValue(ctx, field, nodeParameter(read, field.name, undefined), itemIndex);
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
	ctx: IExecuteFunctions,
	contentType: number,
	value: unknown,
	itemIndex: number,
	types: ContentType[] = CONTENT_TYPES,
): IDataObject {
	const param = contentJsonProperty;
	const content = { ...(checkJson(ctx, param, value, itemIndex, 'object') as IDataObject) };
	for (const field of contentTypeOf(contentType, types).fields) {
		// In JSON the keys are the element struct's own.
		const key = field.key ?? field.name;
		if (!field.required && content[key] === undefined) continue;
		if (field.required && isBlank(content[key])) {
			throw paramError(ctx, param, `needs "${key}" for content type ${contentType}`, itemIndex);
		}
		const inJson = { ...field, name: `content.${key}`, displayName: `Content (JSON) ${key}` };
		const checked = fieldValue(ctx, inJson, content[key], itemIndex);
		if (checked !== undefined) content[key] = checked as IDataObject[keyof IDataObject];
	}
	return withPictureDefaults(contentType, content);
}
