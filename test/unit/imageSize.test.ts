import { IMAGE_HEADER_BYTES, imageSize } from '../../nodes/OpenIm/actions/message/imageSize';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const images = require('../support/images');

describe('imageSize', () => {
	it.each([
		['PNG', images.png(33, 17), { width: 33, height: 17, type: 'image/png' }],
		['GIF', images.gif(20, 30), { width: 20, height: 30, type: 'image/gif' }],
		['baseline JPEG', images.jpeg(641, 479), { width: 641, height: 479, type: 'image/jpeg' }],
		[
			'progressive JPEG',
			images.jpeg(4000, 3000, { progressive: true }),
			{ width: 4000, height: 3000, type: 'image/jpeg' },
		],
		[
			'JPEG with a large Exif block before its frame',
			images.jpeg(800, 600, { exifBytes: 60000 }),
			{ width: 800, height: 600, type: 'image/jpeg' },
		],
		['lossy WebP', images.webp(300, 150, 'lossy'), { width: 300, height: 150, type: 'image/webp' }],
		[
			'lossless WebP',
			images.webp(16383, 7, 'lossless'),
			{ width: 16383, height: 7, type: 'image/webp' },
		],
		[
			'extended WebP',
			images.webp(20000, 40, 'extended'),
			{ width: 20000, height: 40, type: 'image/webp' },
		],
	])('reads the size of a %s', (_kind, bytes: Buffer, size) => {
		expect(imageSize(bytes)).toEqual(size);
		// Only the file's start is read: more bytes after it change nothing.
		expect(imageSize(Buffer.concat([bytes, Buffer.alloc(1000, 0xff)]))).toEqual(size);
		expect(bytes.length).toBeLessThan(IMAGE_HEADER_BYTES);
	});

	it.each([
		['text', Buffer.from('day,total\nmon,3\n')],
		['nothing', Buffer.alloc(0)],
		['a PNG cut before its size', images.png(5, 5).subarray(0, 20)],
		['a JPEG cut before its frame header', images.jpeg(5, 5).subarray(0, 40)],
		['a GIF of width 0', images.gif(0, 3)],
		[
			'a RIFF file that is no WebP',
			Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVEfmt '), Buffer.alloc(30)]),
		],
		['a JPEG with a broken segment', Buffer.from([0xff, 0xd8, 0x00, 0x11, 0x22, 0x33])],
	])('gives nothing for %s', (_kind, bytes: Buffer) => {
		expect(imageSize(bytes)).toBeUndefined();
	});

	it('reads from a view into a larger buffer', () => {
		const png = images.png(9, 4);
		const big = Buffer.concat([Buffer.alloc(13), png]);
		expect(imageSize(big.subarray(13))).toEqual({ width: 9, height: 4, type: 'image/png' });
	});
});
