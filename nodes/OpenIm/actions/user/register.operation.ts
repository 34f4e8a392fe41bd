import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkChoice, getAdditionalFields, getText, nodeParameter } from '../../helpers/params';
import { openImRequest } from '../../transport';
import { REGISTER_PLATFORM_OPTIONS } from '../../transport/platforms';
import { getUid, NAME_FIELD, optionsProperty, profileBody, profileProperties, requestSettings, uidProperty } from '../common.descriptions';

export const PATH = 'auth/user_register';

/** register's parameters, shared with createOrUpdate. */
export const registerProperties: INodeProperties[] = [
	uidProperty(),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Alice',
		description: 'Nickname, at most 64 characters',
	},
	{
		displayName: 'Platform',
		name: 'platform',
		type: 'options',
		options: REGISTER_PLATFORM_OPTIONS,
		required: true,
		default: 1,
		description: 'Platform the returned user token is issued for',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: profileProperties(['name']),
	},
	optionsProperty,
];

const PLATFORM = { name: 'platform', displayName: 'Platform' };

/** The auth/user_register body (without the secret, which the transport adds). */
export function registerBody(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return {
		platform: checkChoice(ctx, PLATFORM, nodeParameter(ctx, 'platform', itemIndex), [1, 2, 3, 4, 5, 6, 7], itemIndex),
		uid: getUid(ctx, itemIndex),
		name: getText(ctx, NAME_FIELD, itemIndex, { required: true, maxLength: NAME_FIELD.maxLength }),
		...profileBody(ctx, getAdditionalFields(ctx, itemIndex), itemIndex),
	};
}

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['register'] } },
	registerProperties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const answer = await openImRequest.call(this, PATH, registerBody(this, itemIndex), {
		...requestSettings(this, itemIndex),
		withSecret: true,
	});
	return [answer.data as IDataObject];
}
