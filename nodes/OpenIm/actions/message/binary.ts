import { randomUUID } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

import {
	checkText,
	nodeParameter,
	ParameterError,
	type ItemReader,
	type Param,
} from '../../helpers/params';
import type { RequestSettings, Session } from '../../transport';
import { head, uploadFile, type Uploaded, type UploadFile } from '../../transport/upload';
import { IMAGE_HEADER_BYTES, imageSize, type ImageSize } from './imageSize';

/** An input item's binary property as a file to upload: a stream where n8n keeps it outside memory. */
export async function binaryFile(read: ItemReader, param: Param): Promise<UploadFile> {
	const { ctx, itemIndex } = read;
	const property = checkText(param, nodeParameter(read, param.name, 'data'), {
		required: true,
	}).trim();
	const binary = ctx.getInputData()[itemIndex]?.binary?.[property];
	if (!binary) throw new ParameterError(param, `names no binary data of this item ("${property}")`);
	const fileName =
		binary.fileName || `${property}${binary.fileExtension ? `.${binary.fileExtension}` : ''}`;
	const mimeType = binary.mimeType || 'application/octet-stream';
	let file: UploadFile;
	if (binary.id) {
		const id = binary.id;
		const { fileSize } = await ctx.helpers.getBinaryMetadata(id);
		// A chunk per part where n8n's storage can (its filesystem mode): no part is joined from pieces.
		const open = async (chunkSize?: number) =>
			(await ctx.helpers.getBinaryStream(id, chunkSize)) as unknown as AsyncIterable<Buffer>;
		file = { size: fileSize, fileName, mimeType, open };
	} else {
		const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
		file = { size: buffer.length, fileName, mimeType, open: async () => buffer };
	}
	if (!(file.size > 0)) throw new ParameterError(param, `names an empty file ("${property}")`);
	return file;
}

/** The picture's size and type from its header, or an error naming the parameter. */
export async function pictureOf(param: Param, file: UploadFile): Promise<ImageSize> {
	const size = imageSize(await head(file, IMAGE_HEADER_BYTES));
	if (!size)
		throw new ParameterError(
			param,
			'is not a PNG, JPEG, GIF or WebP picture; OpenIM needs its width and height',
		);
	return size;
}

/** Object names: the admin may name freely; a UUID keeps files of the same name apart, the name keeps the URL readable. */
function objectName(fileName: string): { name: string; uuid: string } {
	const uuid = randomUUID();
	const safe =
		fileName
			.replace(/[^\w.-]+/g, '_')
			.replace(/^\.+/, '')
			.slice(-120) || 'file';
	return { name: `n8n/${uuid}/${safe}`, uuid };
}

export interface StoredFile extends Uploaded {
	uuid: string;
}

export async function store(
	ctx: IExecuteFunctions,
	api: Session,
	file: UploadFile,
	param: Param,
	settings: RequestSettings,
): Promise<StoredFile> {
	const { name, uuid } = objectName(file.fileName);
	return { ...(await uploadFile(ctx, api, file, name, param, settings)), uuid };
}
