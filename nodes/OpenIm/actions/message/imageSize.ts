/**
 * Width and height of a PNG, JPEG, GIF or WebP picture, read from the first bytes of the file
 * (OpenIM's picture elements need both). Undefined when the bytes are none of these or are cut
 * short before the size.
 */
export interface ImageSize {
	width: number;
	height: number;
	/** The MIME type the header proves. */
	type: string;
}

/** How much of a file's start the readers below need at most (a JPEG's size follows its metadata). */
export const IMAGE_HEADER_BYTES = 512 * 1024;

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) =>
	bytes.length >= at + signature.length && signature.every((byte, i) => bytes[at + i] === byte);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

function view(bytes: Uint8Array): DataView {
	return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function png(bytes: Uint8Array): ImageSize | undefined {
	// Signature, then the IHDR chunk: length, "IHDR", width, height (big-endian).
	if (
		!startsWith(bytes, [0x89, ...ascii('PNG\r\n'), 0x1a, 0x0a]) ||
		!startsWith(bytes, ascii('IHDR'), 12) ||
		bytes.length < 24
	)
		return undefined;
	return { width: view(bytes).getUint32(16), height: view(bytes).getUint32(20), type: 'image/png' };
}

function gif(bytes: Uint8Array): ImageSize | undefined {
	if (
		!(startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) ||
		bytes.length < 10
	)
		return undefined;
	return {
		width: view(bytes).getUint16(6, true),
		height: view(bytes).getUint16(8, true),
		type: 'image/gif',
	};
}

/** Start-of-frame markers (baseline, progressive, lossless, ...); C4, C8 and CC are other segments. */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpeg(bytes: Uint8Array): ImageSize | undefined {
	if (!startsWith(bytes, [0xff, 0xd8])) return undefined;
	const data = view(bytes);
	let at = 2;
	while (at + 4 <= bytes.length) {
		if (bytes[at] !== 0xff) return undefined;
		const marker = bytes[at + 1];
		// Fill bytes, and markers without a length.
		if (marker === 0xff) {
			at++;
			continue;
		}
		if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			at += 2;
			continue;
		}
		const length = data.getUint16(at + 2);
		if (SOF.has(marker)) {
			if (at + 9 > bytes.length) return undefined;
			return { height: data.getUint16(at + 5), width: data.getUint16(at + 7), type: 'image/jpeg' };
		}
		if (length < 2) return undefined;
		at += 2 + length;
	}
	return undefined;
}

function webp(bytes: Uint8Array): ImageSize | undefined {
	if (
		!startsWith(bytes, ascii('RIFF')) ||
		!startsWith(bytes, ascii('WEBP'), 8) ||
		bytes.length < 30
	)
		return undefined;
	const data = view(bytes);
	const type = 'image/webp';
	if (startsWith(bytes, ascii('VP8X'), 12)) {
		// 24-bit canvas width and height, minus one.
		const uint24 = (at: number) => bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16);
		return { width: uint24(24) + 1, height: uint24(27) + 1, type };
	}
	if (startsWith(bytes, ascii('VP8L'), 12)) {
		if (bytes[20] !== 0x2f) return undefined;
		const bits = data.getUint32(21, true);
		return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1, type };
	}
	if (startsWith(bytes, ascii('VP8 '), 12)) {
		// A key frame's start code, then 14-bit width and height.
		if (!startsWith(bytes, [0x9d, 0x01, 0x2a], 23)) return undefined;
		return {
			width: data.getUint16(26, true) & 0x3fff,
			height: data.getUint16(28, true) & 0x3fff,
			type,
		};
	}
	return undefined;
}

export function imageSize(bytes: Uint8Array): ImageSize | undefined {
	for (const read of [png, jpeg, gif, webp]) {
		const size = read(bytes);
		if (size) return size.width > 0 && size.height > 0 ? size : undefined;
	}
	return undefined;
}
