import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { openImRequest } from '../../transport';
import { optionsProperty, requestSettings } from '../common.descriptions';
import { pairBody, pairProperties } from './ownerAndUser';

export const description = updateDisplayOptions({ show: { resource: ['friend'], operation: ['import'] } }, [
	...pairProperties('One of the two users to make friends', 'The other user'),
	optionsProperty,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const body = pairBody(this, itemIndex);
	await openImRequest.call(this, 'friend/import_friend', body, requestSettings(this, itemIndex));
	return [{ ...body, imported: true }];
}
