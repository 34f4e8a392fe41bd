// Pictures built byte by byte for the tests: a real (decodable) PNG, and the headers of GIF, JPEG and WebP files
// laid out as their specifications say, with the size where a reader has to find it.
const zlib = require('node:zlib');

const u32be = (n) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
const u16be = (n) => Buffer.from([n >> 8, n & 255]);
const u16le = (n) => Buffer.from([n & 255, n >> 8]);
const u24le = (n) => Buffer.from([n & 255, (n >> 8) & 255, (n >> 16) & 255]);

function chunk(type, data) {
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	return Buffer.concat([u32be(data.length), body, u32be(zlib.crc32(body))]);
}

/** A complete RGB PNG of the given size (a gradient). */
function png(width, height) {
	const rows = [];
	for (let y = 0; y < height; y++) {
		const row = Buffer.alloc(1 + width * 3);
		for (let x = 0; x < width; x++)
			row.set([(x * 255) / width, (y * 255) / height, 128], 1 + x * 3);
		rows.push(row);
	}
	const ihdr = Buffer.concat([u32be(width), u32be(height), Buffer.from([8, 2, 0, 0, 0])]);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

/** A GIF89a: header, logical screen, a one-colour image. */
function gif(width, height) {
	return Buffer.concat([
		Buffer.from('GIF89a'),
		u16le(width),
		u16le(height),
		Buffer.from([0x80, 0, 0, 0, 0, 0, 255, 255, 255, 0x2c, 0, 0, 0, 0]),
		u16le(width),
		u16le(height),
		Buffer.from([0, 2, 2, 0x44, 0x01, 0, 0x3b]),
	]);
}

const segment = (marker, data) =>
	Buffer.concat([Buffer.from([0xff, marker]), u16be(data.length + 2), data]);

/** A JPEG's segments up to its frame header: APP0, an APP1 (Exif) of `exifBytes`, DQT, SOFn (baseline or progressive). */
function jpeg(width, height, { progressive = false, exifBytes = 64 } = {}) {
	return Buffer.concat([
		Buffer.from([0xff, 0xd8]),
		segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
		segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0'), Buffer.alloc(exifBytes, 0xc0)])),
		segment(0xdb, Buffer.alloc(65, 1)),
		segment(
			progressive ? 0xc2 : 0xc0,
			Buffer.concat([
				Buffer.from([8]),
				u16be(height),
				u16be(width),
				Buffer.from([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]),
			]),
		),
		segment(0xda, Buffer.from([3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0])),
		Buffer.from([0x12, 0x34, 0xff, 0xd9]),
	]);
}

const riff = (fourcc, data) =>
	Buffer.concat([
		Buffer.from('RIFF'),
		Buffer.from(u32be(0).fill(0)),
		Buffer.from('WEBP'),
		Buffer.from(fourcc),
		u32be(data.length).reverse(),
		data,
	]);

/** WebP: 'lossy' (VP8 key frame), 'lossless' (VP8L) or 'extended' (VP8X canvas). */
function webp(width, height, kind = 'lossy') {
	if (kind === 'lossy')
		return riff(
			'VP8 ',
			Buffer.concat([
				Buffer.from([0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a]),
				u16le(width),
				u16le(height),
				Buffer.alloc(8),
			]),
		);
	if (kind === 'lossless') {
		const bits = (width - 1) | ((height - 1) << 14);
		return riff(
			'VP8L',
			Buffer.concat([
				Buffer.from([0x2f]),
				Buffer.from([bits & 255, (bits >>> 8) & 255, (bits >>> 16) & 255, (bits >>> 24) & 255]),
				Buffer.alloc(8),
			]),
		);
	}
	return riff(
		'VP8X',
		Buffer.concat([
			Buffer.from([0x10, 0, 0, 0]),
			u24le(width - 1),
			u24le(height - 1),
			Buffer.alloc(4),
		]),
	);
}

module.exports = { png, gif, jpeg, webp };
