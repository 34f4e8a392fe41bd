import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getAdditionalFields } from '../../helpers/params';
import { openImRequest } from '../../transport';
import { getUid, optionsProperty, profileBody, profileProperties, requestSettings, uidProperty } from '../common.descriptions';

export const PATH = 'user/update_user_info';

const properties: INodeProperties[] = [
	uidProperty({ description: 'The user to update' }),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'OpenIM leaves empty text and Unknown gender unchanged: a field cannot be cleared',
		options: profileProperties(),
	},
	optionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const uid = getUid(this, itemIndex);
	const fields = profileBody(this, getAdditionalFields(this, itemIndex), itemIndex);
	await openImRequest.call(this, PATH, { uid, ...fields }, requestSettings(this, itemIndex));
	return [{ uid, updated: true, ...fields }];
}
