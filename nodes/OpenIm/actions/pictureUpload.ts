import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkText, nodeParameter, type ItemReader } from '../helpers/params';
import type { RequestSettings, Session } from '../transport';
import { binaryFile, pictureOf, store } from './message/binary';
import type { Field } from './operation';

/**
 * A user's icon or a group's face from an input binary field (3.x): the picture is uploaded to
 * OpenIM's object storage and its URL replaces the URL field. Empty means the URL field, if any.
 */
const pictureField = (name: string, displayName: string, urlField: string): Field => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: 'e.g. data',
	description: `The input binary field with a PNG, JPEG, GIF or WebP picture to upload as ${urlField}; empty means none`,
	shownFor: (api) => api.uploads,
});

export const ICON_BINARY = pictureField(
	'iconBinaryPropertyName',
	'Icon Input Binary Field',
	'Icon URL',
);
export const FACE_BINARY = pictureField(
	'faceBinaryPropertyName',
	'Face Input Binary Field',
	'Face URL',
);

/** Whether the item names a picture to upload for `param`. */
export function namesPicture(read: ItemReader, param: INodeProperties): boolean {
	return checkText(param, nodeParameter(read, param.name, '')).trim() !== '';
}

/** `fields` with `key` set to the URL of the uploaded picture, when the item names one; else as they are. */
export async function withUploadedPicture(
	ctx: IExecuteFunctions,
	api: Session,
	param: INodeProperties,
	fields: IDataObject,
	key: string,
	settings: RequestSettings,
): Promise<IDataObject> {
	const read = api.params.item(settings.itemIndex);
	if (!api.uploads || !namesPicture(read, param)) return fields;
	const file = await binaryFile(read, param);
	await pictureOf(param, file);
	return { ...fields, [key]: (await store(ctx, api, file, param, settings)).url };
}
