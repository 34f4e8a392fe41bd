import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ContentType } from '../../api/content';
import { checkText, nodeParameter, type ItemReader } from '../../helpers/params';
import type { RequestSettings, Session } from '../../transport';
import { binaryFile, pictureOf, store } from './binary';

/**
 * The content types whose file can come from an input item's binary data (3.x): the fields the
 * upload fills (hidden then), the fields it fills unless given (optional then), and those the
 * editor must not demand because a second binary field may fill them (a video's snapshot).
 */
export const FROM_BINARY: Record<
	number,
	{ filled: string[]; optional: string[]; notDemanded?: string[] }
> = {
	102: { filled: ['sourcePicture'], optional: [] },
	103: { filled: ['sourceUrl', 'dataSize'], optional: [] },
	104: {
		filled: ['videoUrl', 'videoType', 'videoSize'],
		optional: [],
		notDemanded: ['snapshotUrl'],
	},
	105: { filled: ['sourceUrl', 'fileSize'], optional: ['fileName'] },
};
const SNAPSHOT_FIELDS = ['snapshotUrl', 'snapshotWidth', 'snapshotHeight', 'snapshotSize'];
const TYPES = Object.keys(FROM_BINARY).map(Number);

export const fileSource: INodeProperties = {
	displayName: 'File Source',
	name: 'fileSource',
	type: 'options',
	options: [
		{
			name: 'URL',
			value: 'url',
			description: 'Give the URL and details of a file that is online already',
		},
		{
			name: 'Binary Data',
			value: 'binary',
			description: "Upload a binary field of the input item to OpenIM's object storage",
		},
	],
	default: 'url',
	displayOptions: { show: { contentMode: ['fields'], contentType: TYPES } },
};

const binaryPropertyName: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	hint: 'The name of the input binary field containing the file to be uploaded',
	displayOptions: { show: { contentMode: ['fields'], contentType: TYPES, fileSource: ['binary'] } },
};

const snapshotBinaryPropertyName: INodeProperties = {
	displayName: 'Snapshot Input Binary Field',
	name: 'snapshotBinaryPropertyName',
	type: 'string',
	default: '',
	placeholder: 'e.g. snapshot',
	description:
		"The input binary field with a picture for the video's snapshot; empty means the snapshot fields",
	displayOptions: { show: { contentMode: ['fields'], contentType: [104], fileSource: ['binary'] } },
};

export const fromBinaryProperties: INodeProperties[] = [
	fileSource,
	binaryPropertyName,
	snapshotBinaryPropertyName,
];

export function isFromBinary(read: ItemReader, contentType: number): boolean {
	return contentType in FROM_BINARY && nodeParameter(read, fileSource.name, 'url') === 'binary';
}

/** The parameters that stay to fill in when the file comes from binary data (and its video snapshot, when given). */
export function fieldsLeft(type: ContentType, withSnapshot: boolean): ContentType {
	const { filled, optional } = FROM_BINARY[type.value];
	const skipped = withSnapshot ? [...filled, ...SNAPSHOT_FIELDS] : filled;
	return {
		...type,
		fields: type.fields
			.filter((field) => !skipped.includes(field.name))
			.map((field) => (optional.includes(field.name) ? { ...field, required: false } : field)),
	};
}

/** The snapshot property, or '' where the snapshot fields give the snapshot. */
export function snapshotProperty(read: ItemReader, contentType: number): string {
	if (contentType !== 104) return '';
	return checkText(
		snapshotBinaryPropertyName,
		nodeParameter(read, snapshotBinaryPropertyName.name, ''),
	).trim();
}

const subtype = (mimeType: string, fileName: string) =>
	/^[\w-]+\/([\w.+-]+)/.exec(mimeType)?.[1] ?? /\.(\w+)$/.exec(fileName)?.[1] ?? 'bin';
const orDefault = (value: IDataObject[string], fallback: string) =>
	value === undefined || value === '' ? fallback : value;

/**
 * Uploads the item's file (and a video's snapshot) and fills the element with what was uploaded:
 * URL, size, file name and type; a picture's width and height from its header. `content` holds
 * the fields the user filled in, already checked.
 */
export async function fillFromBinary(
	ctx: IExecuteFunctions,
	api: Session,
	read: ItemReader,
	contentType: number,
	content: IDataObject,
	settings: RequestSettings,
): Promise<IDataObject> {
	const file = await binaryFile(read, binaryPropertyName);
	const snapshotName = snapshotProperty(read, contentType);
	const snapshotFile = snapshotName
		? await binaryFile(read, snapshotBinaryPropertyName)
		: undefined;
	// Everything is read and checked before the first upload, so that a bad input uploads nothing.
	const picture = contentType === 102 ? await pictureOf(binaryPropertyName, file) : undefined;
	const snapshotSize = snapshotFile
		? await pictureOf(snapshotBinaryPropertyName, snapshotFile)
		: undefined;
	const stored = await store(ctx, api, file, binaryPropertyName, settings);
	switch (contentType) {
		case 102: {
			const type = file.mimeType.startsWith('image/') ? file.mimeType : picture!.type;
			const source = {
				uuid: stored.uuid,
				type,
				size: stored.size,
				width: picture!.width,
				height: picture!.height,
				url: stored.url,
			};
			return {
				...content,
				sourcePicture: source,
				bigPicture: content.bigPicture ?? source,
				snapshotPicture: content.snapshotPicture ?? source,
			};
		}
		case 103:
			return {
				...content,
				sourceUrl: stored.url,
				dataSize: stored.size,
				uuid: orDefault(content.uuid, stored.uuid),
			};
		case 104: {
			const video = {
				...content,
				videoUrl: stored.url,
				videoType: subtype(file.mimeType, file.fileName),
				videoSize: stored.size,
				videoUUID: orDefault(content.videoUUID, stored.uuid),
			};
			if (!snapshotFile) return video;
			const snapshot = await store(ctx, api, snapshotFile, snapshotBinaryPropertyName, settings);
			return {
				...video,
				snapshotUrl: snapshot.url,
				snapshotWidth: snapshotSize!.width,
				snapshotHeight: snapshotSize!.height,
				snapshotSize: snapshot.size,
				snapshotUUID: orDefault(content.snapshotUUID, snapshot.uuid),
			};
		}
		default:
			return {
				...content,
				sourceUrl: stored.url,
				fileName: orDefault(content.fileName, stored.fileName),
				fileSize: stored.size,
				uuid: orDefault(content.uuid, stored.uuid),
			};
	}
}
