import type { INodeProperties } from 'n8n-workflow';

export const groupIdProperty: INodeProperties = {
	displayName: 'Group ID',
	name: 'groupID',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 3982737120',
	description: 'The ID OpenIM gave the group when it was created',
};
