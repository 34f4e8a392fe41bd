import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collect, endpointOf } from '../call';
import {
	getLimit,
	getUid,
	limitProperties,
	optionsProperty,
	requestSettings,
	uidProperty,
} from '../common.descriptions';
import type { Session } from '../../transport';

/** A 3.x list of one owner's relations (friends, blacklist): the Owner User ID, then pages. */
export function ownerList(operation: 'getAll' | 'getBlacklist', whose: string) {
	const ownerUid = uidProperty({
		displayName: 'Owner User ID',
		name: 'ownerUid',
		placeholder: 'e.g. bob_02',
		description: `The user whose ${whose} to list`,
	});
	const endpoint = `friend.${operation}` as const;
	return {
		description: updateDisplayOptions({ show: { resource: ['friend'], operation: [operation] } }, [
			ownerUid,
			...limitProperties,
			optionsProperty,
		]),
		async execute(
			this: IExecuteFunctions,
			itemIndex: number,
			api: Session,
		): Promise<IDataObject[]> {
			const read = api.params.item(itemIndex);
			return await collect(
				this,
				api,
				endpointOf(this, api, endpoint),
				{ ownerUid: getUid(read, ownerUid) },
				getLimit(read),
				requestSettings(read),
			);
		},
	};
}
