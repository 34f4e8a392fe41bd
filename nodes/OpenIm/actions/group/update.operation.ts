import type { INodeProperties } from 'n8n-workflow';

import { getChanges } from '../../helpers/params';
import { FACE_BINARY, namesPicture, withUploadedPicture } from '../pictureUpload';
import { GROUP_SETTINGS } from './create.operation';
import { groupChange } from './groupChange';

const text = (displayName: string, name: string, description?: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	...(description && { description }),
});

const updateFields: INodeProperties = {
	displayName: 'Update Fields',
	name: 'updateFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	description:
		'Only the fields added here change. Servers before 3.8.1 treat an empty text as "unchanged".',
	options: [
		...GROUP_SETTINGS,
		text('Extension', 'ex'),
		text('Face URL', 'faceUrl', 'Group avatar URL'),
		text('Group Name', 'groupName'),
		text('Introduction', 'introduction'),
		text('Notification', 'notification', 'Group announcement; a new one is shown to the members'),
	].sort((a, b) => a.displayName.localeCompare(b.displayName)),
};

export const { description, execute } = groupChange('update', {
	fields: [updateFields, FACE_BINARY],
	read(read) {
		return getChanges(read, updateFields, () => namesPicture(read, FACE_BINARY));
	},
	complete: async (ctx, api, fields, settings) =>
		await withUploadedPicture(ctx, api, FACE_BINARY, fields, 'faceUrl', settings),
});
