import type { INodeProperties } from 'n8n-workflow';

import { collectionProperty, getChanges } from '../../helpers/params';
import { call, endpointOf } from '../call';
import { optionsProperty, requestSettings } from '../common.descriptions';
import { defineOperation } from '../define';
import { FACE_BINARY, namesPicture, withUploadedPicture } from '../pictureUpload';
import { GROUP_SETTINGS } from './create.operation';
import { getGroupId, groupIdProperty } from './groupId';

const text = (displayName: string, name: string, description?: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	...(description && { description }),
});

const updateFields: INodeProperties = collectionProperty('updateFields', {
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
});

export const { description, execute } = defineOperation(
	'group.update',
	[groupIdProperty, updateFields, FACE_BINARY, optionsProperty],
	async (read, api) => {
		const groupID = getGroupId(read);
		const fields = getChanges(read, updateFields, () => namesPicture(read, FACE_BINARY));
		const settings = requestSettings(read);
		const withFace = await withUploadedPicture(
			read.ctx,
			api,
			FACE_BINARY,
			fields,
			'faceUrl',
			settings,
		);
		const endpoint = endpointOf(read.ctx, api, 'group.update');
		return await call(read.ctx, api, endpoint, { groupID, fields: withFace }, settings);
	},
);
