import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Generation } from '../../api/types';
import { call, endpointOf } from '../call';
import { optionsProperty, requestSettings } from '../common.descriptions';
import { pairInput, pairProperties } from './ownerAndUser';

export const description = updateDisplayOptions({ show: { resource: ['friend'], operation: ['import'] } }, [
	...pairProperties(
		'One of the two users to make friends; on OpenIM 3.x also a comma-separated list or an array of users, each made a friend of the owner',
		'The other user',
	),
	optionsProperty,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, api: Generation): Promise<IDataObject[]> {
	const endpoint = endpointOf(this, api, 'friend.import');
	return await call(this, api, endpoint, pairInput(this, itemIndex, endpoint), requestSettings(this, itemIndex));
}
