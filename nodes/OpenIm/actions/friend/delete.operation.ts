import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { call, endpointOf } from '../call';
import { optionsProperty, requestSettings } from '../common.descriptions';
import { pairInput, pairProperties } from './ownerAndUser';
import type { Session } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['friend'], operation: ['delete'] } },
	[
		...pairProperties(
			"The friend to remove from the owner's friend list. The owner stays on this user's list: OpenIM deletes one direction only",
			'The user whose friend list changes',
		),
		optionsProperty,
	],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const endpoint = endpointOf(this, api, 'friend.delete');
	return await call(this, api, endpoint, pairInput(read, endpoint), requestSettings(read));
}
