import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collectionValues, getText, nodeParameter, paramError } from '../../helpers/params';
import { call, endpointOf } from '../call';
import { optionsProperty, requestSettings } from '../common.descriptions';
import { FACE_BINARY, namesPicture, withUploadedPicture } from '../pictureUpload';
import { GROUP_SETTINGS } from './create.operation';
import { groupIdProperty } from './groupId';
import type { Session } from '../../transport';

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

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['update'] } },
	[groupIdProperty, updateFields, FACE_BINARY, optionsProperty],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const groupID = getText(read, groupIdProperty, { required: true });
	const fields = collectionValues(
		updateFields,
		nodeParameter(read, updateFields.name, {}) as IDataObject,
	);
	if (Object.keys(fields).length === 0 && !namesPicture(read, FACE_BINARY))
		throw paramError(updateFields, 'needs at least one field to change');
	const settings = requestSettings(read);
	const withFace = await withUploadedPicture(this, api, FACE_BINARY, fields, 'faceUrl', settings);
	return await call(
		this,
		api,
		endpointOf(this, api, 'group.update'),
		{ groupID, fields: withFace },
		settings,
	);
}
