import type { INodeProperties } from 'n8n-workflow';

import type { Form, Generation, UserInput } from '../../api/types';
import { collectionProperty, getAdditionalFields, type ItemReader } from '../../helpers/params';
import {
	getUid,
	optionsProperty,
	profileBody,
	profileProperties,
	uidProperty,
} from '../common.descriptions';
import { defineOperation } from '../define';
import { perForm } from '../operation';
import { ICON_BINARY } from '../pictureUpload';
import { profileRequest } from './profile';

const ADDITIONAL_FIELDS: Record<Form, INodeProperties> = {
	'2021': collectionProperty('additionalFields', {
		description: 'OpenIM leaves empty text and Unknown gender unchanged: a field cannot be cleared',
		options: profileProperties(),
	}),
	v3: collectionProperty('additionalFields', {
		description: 'Only the fields added here change; an empty text clears that field',
		options: profileProperties([], 'v3'),
	}),
};

const properties: INodeProperties[] = [
	uidProperty({ description: 'The user to update' }),
	...perForm({ '2021': [ADDITIONAL_FIELDS['2021']], v3: [ADDITIONAL_FIELDS.v3] }),
	ICON_BINARY,
	optionsProperty,
];

export function updateInput(read: ItemReader, { form }: Generation): UserInput {
	const uid = getUid(read);
	return {
		uid,
		profile: profileBody(ADDITIONAL_FIELDS[form], getAdditionalFields(read), form),
	};
}

export const { description, execute } = defineOperation(
	'user.update',
	properties,
	profileRequest('user.update', updateInput),
);
