import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Form, Generation, UserInput } from '../../api/types';
import { getAdditionalFields, type ItemReader } from '../../helpers/params';
import { call, endpointOf } from '../call';
import {
	getUid,
	optionsProperty,
	profileBody,
	profileProperties,
	requestSettings,
	uidProperty,
} from '../common.descriptions';
import { perForm } from '../operation';
import { ICON_BINARY, withUploadedPicture } from '../pictureUpload';
import type { Session } from '../../transport';

const ADDITIONAL_FIELDS: Record<Form, INodeProperties> = {
	'2021': {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'OpenIM leaves empty text and Unknown gender unchanged: a field cannot be cleared',
		options: profileProperties(),
	},
	v3: {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here change; an empty text clears that field',
		options: profileProperties([], 'v3'),
	},
};

const properties: INodeProperties[] = [
	uidProperty({ description: 'The user to update' }),
	...perForm({ '2021': [ADDITIONAL_FIELDS['2021']], v3: [ADDITIONAL_FIELDS.v3] }),
	ICON_BINARY,
	optionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['update'] } },
	properties,
);

export function updateInput(read: ItemReader, { form }: Generation): UserInput {
	const uid = getUid(read);
	return {
		uid,
		profile: profileBody(ADDITIONAL_FIELDS[form], getAdditionalFields(read), form),
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const input = updateInput(read, api);
	const settings = requestSettings(read);
	const profile = await withUploadedPicture(
		this,
		api,
		ICON_BINARY,
		input.profile,
		'icon',
		settings,
	);
	return await call(
		this,
		api,
		endpointOf(this, api, 'user.update'),
		{ ...input, profile },
		settings,
	);
}
