import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { openImRequest } from '../../transport';
import { optionsProperty, requestSettings } from '../common.descriptions';
import { pairBody, pairProperties } from './ownerAndUser';

export const description = updateDisplayOptions(
	{ show: { resource: ['friend'], operation: ['addToBlacklist'] } },
	[...pairProperties('The user to block', 'The user whose blacklist the user is added to'), optionsProperty],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const body = pairBody(this, itemIndex);
	await openImRequest.call(this, 'friend/add_blacklist', body, requestSettings(this, itemIndex));
	return [{ ...body, blacklisted: true }];
}
