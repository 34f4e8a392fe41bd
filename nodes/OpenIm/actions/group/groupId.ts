import type { INodeProperties } from 'n8n-workflow';

import { getText, type ItemReader } from '../../helpers/params';

export const groupIdProperty: INodeProperties = {
	displayName: 'Group ID',
	name: 'groupID',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 3982737120',
	description: 'The ID OpenIM gave the group when it was created',
};

/** The item's Group ID. */
export const getGroupId = (read: ItemReader): string =>
	getText(read, groupIdProperty, { required: true });
