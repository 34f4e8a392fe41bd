import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collectionValues, getText, nodeParameter } from '../../helpers/params';
import type { Session } from '../../transport';
import { call, endpointOf } from '../call';
import { UID_MAX, optionsProperty, requestSettings } from '../common.descriptions';

const name: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. Order Bot',
	description: 'The name users see on its notifications',
};
const additionalFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [
		{
			displayName: 'Icon URL',
			name: 'icon',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://example.com/bot.png',
			description: 'Avatar URL (faceURL)',
		},
		{
			displayName: 'User ID',
			name: 'uid',
			type: 'string',
			default: '',
			placeholder: 'e.g. orderbot',
			description: "The account's user ID; empty lets OpenIM pick a random 10-digit one",
		},
	],
};

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['createNotificationAccount'] } },
	[name, additionalFields, optionsProperty],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const fields = collectionValues(
		additionalFields,
		nodeParameter(read, additionalFields.name, {}) as IDataObject,
		{
			maxLength: { uid: UID_MAX },
		},
	);
	const input = { name: getText(read, name, { required: true }), ...fields };
	return await call(
		this,
		api,
		endpointOf(this, api, 'user.createNotificationAccount'),
		input,
		requestSettings(read),
	);
}
