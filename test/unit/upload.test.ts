import { Readable } from 'node:stream';

import { head, readAhead, slices, type UploadFile } from '../../nodes/OpenIm/transport/upload';

const bytes = Buffer.from(Array.from({ length: 23 }, (_, i) => i));
const fromBuffer = (buffer: Buffer, size = buffer.length): UploadFile => ({
	size,
	fileName: 'f',
	mimeType: 'x/y',
	open: async () => buffer,
});
/** A stream in chunks of `chunk` bytes, as n8n's file system and database modes hand them out. */
const fromStream = (buffer: Buffer, chunk: number, size = buffer.length): UploadFile => ({
	size,
	fileName: 'f',
	mimeType: 'x/y',
	open: async () =>
		Readable.from(
			Array.from({ length: Math.ceil(buffer.length / chunk) }, (_, i) =>
				buffer.subarray(i * chunk, (i + 1) * chunk),
			),
		),
});

async function all(file: UploadFile, size: number): Promise<Buffer[]> {
	const out: Buffer[] = [];
	for await (const slice of slices(file, size)) out.push(Buffer.from(slice));
	return out;
}

describe('upload slices', () => {
	it.each([
		['a Buffer', fromBuffer(bytes)],
		['a stream of 1-byte chunks', fromStream(bytes, 1)],
		['a stream of 7-byte chunks', fromStream(bytes, 7)],
		['a stream of one chunk', fromStream(bytes, 100)],
	])('cuts %s into parts of the size asked, the last one shorter', async (_kind, file) => {
		const parts = await all(file, 5);
		expect(parts.map((part) => part.length)).toEqual([5, 5, 5, 5, 3]);
		expect(Buffer.concat(parts)).toEqual(bytes);
		expect((await all(file, 23)).map((part) => part.length)).toEqual([23]);
	});

	it('slices a Buffer without copying it', async () => {
		for await (const slice of slices(fromBuffer(bytes), 10))
			expect(slice.buffer).toBe(bytes.buffer);
	});

	it('asks the source for chunks of the part size and hands such chunks on without copying them', async () => {
		const asked: Array<number | undefined> = [];
		const chunks = [bytes.subarray(0, 10), bytes.subarray(10, 20), bytes.subarray(20)];
		const file: UploadFile = {
			size: bytes.length,
			fileName: 'f',
			mimeType: 'x/y',
			open: async (chunkSize) => (asked.push(chunkSize), Readable.from(chunks)),
		};
		const parts: Buffer[] = [];
		for await (const slice of slices(file, 10)) parts.push(slice);
		expect(asked).toEqual([10]);
		expect(parts).toHaveLength(3);
		// The same memory, not a copy of it.
		for (const [i, part] of parts.entries()) {
			expect(part.buffer).toBe(chunks[i].buffer);
			expect([part.byteOffset, part.length]).toEqual([chunks[i].byteOffset, chunks[i].length]);
		}
	});

	it('refuses binary data whose length is not the size its metadata gave', async () => {
		await expect(all(fromStream(bytes, 4, 30), 5)).rejects.toThrow(
			'the binary data has 23 bytes, its metadata says 30',
		);
		await expect(all(fromBuffer(bytes, 20), 5)).rejects.toThrow(
			'the binary data has 23 bytes, its metadata says 20',
		);
	});

	it('reads only the head of a stream', async () => {
		let pulled = 0;
		const file: UploadFile = {
			size: 1000,
			fileName: 'f',
			mimeType: 'x/y',
			open: async () =>
				Readable.from(
					(function* () {
						for (let i = 0; i < 100; i++) {
							pulled++;
							yield Buffer.alloc(10, i);
						}
					})(),
				),
		};
		const start = await head(file, 25);
		expect(start).toEqual(
			Buffer.concat([Buffer.alloc(10, 0), Buffer.alloc(10, 1), Buffer.alloc(5, 2)]),
		);
		expect(pulled).toBeLessThan(10);
		expect(await head(fromBuffer(bytes), 100)).toEqual(bytes);
	});
});

describe('readAhead', () => {
	/** A source that logs when each value is asked for and when it is closed. */
	function logged(values: number[], log: string[], failAt?: number) {
		return {
			async *[Symbol.asyncIterator]() {
				try {
					for (const value of values) {
						log.push(`read ${value}`);
						if (value === failAt) throw new Error(`cannot read ${value}`);
						yield value;
					}
				} finally {
					log.push('closed');
				}
			},
		};
	}

	it('reads the next value while the caller still works on the current one', async () => {
		const log: string[] = [];
		for await (const value of readAhead(logged([1, 2, 3], log))) {
			await new Promise((resolve) => setImmediate(resolve));
			log.push(`sent ${value}`);
		}
		expect(log).toEqual(['read 1', 'read 2', 'sent 1', 'read 3', 'sent 2', 'closed', 'sent 3']);
	});

	it('closes the source when the caller stops, and a failed read ahead is not lost', async () => {
		const log: string[] = [];
		await expect(
			(async () => {
				for await (const value of readAhead(logged([1, 2, 3], log, 2))) {
					log.push(`sent ${value}`);
					throw new Error(`refused ${value}`);
				}
			})(),
		).rejects.toThrow('refused 1');
		expect(log).toEqual(['read 1', 'read 2', 'closed', 'sent 1']);

		const seen: number[] = [];
		await expect(
			(async () => {
				for await (const value of readAhead(logged([1, 2, 3], [], 2))) seen.push(value);
			})(),
		).rejects.toThrow('cannot read 2');
		expect(seen).toEqual([1]);
	});
});
