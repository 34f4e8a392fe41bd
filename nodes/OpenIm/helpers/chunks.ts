import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** The most uids sent in one request; longer lists go in several, one after another. */
export const LIST_CHUNK_SIZE = 500;

/**
 * Sends `uids` in chunks and merges what each chunk returns. If a later chunk
 * fails, the error says how many uids the earlier chunks already handled.
 */
export async function inChunks<T>(
	ctx: IExecuteFunctions,
	uids: string[],
	itemIndex: number,
	send: (chunk: string[]) => Promise<T[]>,
): Promise<T[]> {
	const results: T[] = [];
	for (let start = 0; start < uids.length; start += LIST_CHUNK_SIZE) {
		try {
			results.push(...(await send(uids.slice(start, start + LIST_CHUNK_SIZE))));
		} catch (error) {
			const failed = error as NodeApiError;
			if (start === 0) throw new NodeApiError(ctx.getNode(), failed as unknown as JsonObject);
			throw new NodeApiError(ctx.getNode(), (failed.errorResponse ?? {}) as JsonObject, {
				message: failed.message,
				description: `${failed.description ?? ''} The first ${start} of ${uids.length} user IDs were already handled; run again with the rest.`,
				httpCode: failed.httpCode ?? undefined,
				itemIndex,
			});
		}
	}
	return results;
}
