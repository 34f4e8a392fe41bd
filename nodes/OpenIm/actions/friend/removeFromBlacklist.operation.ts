import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { call, endpointOf } from '../call';
import { optionsProperty, requestSettings } from '../common.descriptions';
import { pairInput, pairProperties } from './ownerAndUser';
import type { Session } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['friend'], operation: ['removeFromBlacklist'] } },
	[
		...pairProperties('The user to unblock', 'The user whose blacklist the user is removed from'),
		optionsProperty,
	],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const endpoint = endpointOf(this, api, 'friend.removeFromBlacklist');
	return await call(this, api, endpoint, pairInput(read, endpoint), requestSettings(read));
}
