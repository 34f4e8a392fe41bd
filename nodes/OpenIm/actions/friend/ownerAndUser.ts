import type { INodeProperties } from 'n8n-workflow';

import type { Endpoint, PairInput } from '../../api/types';
import { getList, type ItemReader } from '../../helpers/params';
import { endpointOf } from '../call';
import { getUid, UID_MAX, uidProperty } from '../common.descriptions';
import { oneRequest } from '../define';
import type { Field } from '../operation';

const ownerUid = (description: string): INodeProperties =>
	uidProperty({
		displayName: 'Owner User ID',
		name: 'ownerUid',
		placeholder: 'e.g. bob_02',
		description,
	});

/** Both friend operations act on a pair: a user and the owner whose list changes. */
export function pairProperties(
	uidDescription: string,
	ownerDescription: string,
): INodeProperties[] {
	return [uidProperty({ description: uidDescription }), ownerUid(ownerDescription)];
}

/** `uid` as one user, or as several where the endpoint takes a list. */
export function pairInput(read: ItemReader, endpoint: Endpoint<PairInput>): PairInput {
	const uids = endpoint.manyUsers
		? getList(read, uidProperty(), { maxLength: UID_MAX })
		: [getUid(read)];
	return { uids, ownerUid: getUid(read, ownerUid('')) };
}

/** A friend operation of one request on a pair; `options` are Options, or Options with Batch Size. */
export function pairOperation(
	operation: 'addToBlacklist' | 'delete' | 'import' | 'removeFromBlacklist',
	[uidDescription, ownerDescription]: [string, string],
	options?: Field[],
) {
	const key = `friend.${operation}` as const;
	return oneRequest(
		key,
		pairProperties(uidDescription, ownerDescription),
		(read, api) => pairInput(read, endpointOf(read.ctx, api, key)),
		options,
	);
}
