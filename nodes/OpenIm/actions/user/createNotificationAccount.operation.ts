import type { INodeProperties } from 'n8n-workflow';

import { collectionProperty, getCollection, getText } from '../../helpers/params';
import { oneRequest } from '../define';
import { UID_MAX } from '../common.descriptions';

const name: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. Order Bot',
	description: 'The name users see on its notifications',
};
const additionalFields: INodeProperties = collectionProperty('additionalFields', {
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
});

export const { description, execute } = oneRequest(
	'user.createNotificationAccount',
	[name, additionalFields],
	(read) => {
		const fields = getCollection(read, additionalFields, { maxLength: { uid: UID_MAX } });
		return { name: getText(read, name, { required: true }), ...fields };
	},
);
