import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkChoice, nodeParameter } from '../../helpers/params';
import { openImRequest } from '../../transport';
import { PLATFORM_OPTIONS } from '../../transport/platforms';
import { getUid, optionsProperty, requestSettings, uidProperty } from '../common.descriptions';

const properties: INodeProperties[] = [
	uidProperty({ description: 'The user to issue a token for, at most 64 characters' }),
	{
		displayName: 'Platform',
		name: 'platform',
		type: 'options',
		options: PLATFORM_OPTIONS,
		required: true,
		default: 1,
		description: 'Platform the user token is issued for',
	},
	optionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getToken'] } },
	properties,
);

const PLATFORM = { name: 'platform', displayName: 'Platform' };

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const body = {
		platform: checkChoice(this, PLATFORM, nodeParameter(this, 'platform', itemIndex), [1, 2, 3, 4, 5, 6, 7, 8], itemIndex),
		uid: getUid(this, itemIndex),
	};
	const answer = await openImRequest.call(this, 'auth/user_token', body, {
		...requestSettings(this, itemIndex),
		withSecret: true,
	});
	return [answer.data as IDataObject];
}
