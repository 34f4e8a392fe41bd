import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Endpoint, PairInput } from '../../api/types';
import { getList, type ItemReader } from '../../helpers/params';
import type { Session } from '../../transport';
import { call, endpointOf } from '../call';
import {
	getUid,
	optionsProperty,
	requestSettings,
	UID_MAX,
	uidProperty,
} from '../common.descriptions';
import type { Field } from '../operation';

const ownerUid = (description: string): INodeProperties =>
	uidProperty({
		displayName: 'Owner User ID',
		name: 'ownerUid',
		placeholder: 'e.g. f732156059eeb5d0',
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
	options: Field[] = [optionsProperty],
) {
	return {
		description: updateDisplayOptions({ show: { resource: ['friend'], operation: [operation] } }, [
			...pairProperties(uidDescription, ownerDescription),
			...options,
		]),
		async execute(
			this: IExecuteFunctions,
			itemIndex: number,
			api: Session,
		): Promise<IDataObject[]> {
			const read = api.params.item(itemIndex);
			const endpoint = endpointOf(this, api, `friend.${operation}`);
			return await call(this, api, endpoint, pairInput(read, endpoint), requestSettings(read));
		},
	};
}
