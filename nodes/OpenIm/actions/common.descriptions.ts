import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkChoice, checkNumber, checkText, getText, nodeParameter, optionalTexts, type Param } from '../helpers/params';
import type { RequestSettings } from '../transport';

/** OpenIM's limits for user IDs and profile fields (auth/user_register). */
export const UID_MAX = 64;

const GENDER_OPTIONS = [
	{ name: 'Unknown', value: 0 },
	{ name: 'Male', value: 1 },
	{ name: 'Female', value: 2 },
];

export function uidProperty(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'User ID',
		name: 'uid',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. d5645454517',
		description: 'The OpenIM user ID (uid), at most 64 characters',
		...overrides,
	};
}

/** A required user ID parameter, within OpenIM's 64-character limit. */
export function getUid(ctx: IExecuteFunctions, itemIndex: number, param: Param = { name: 'uid', displayName: 'User ID' }): string {
	return getText(ctx, param, itemIndex, { required: true, maxLength: UID_MAX });
}

export function uidListProperty(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'User IDs',
		name: 'uidList',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 21979710c3fe454d, f732156059eeb5d0',
		description: 'Comma-separated user IDs, or an array from an expression',
		...overrides,
	};
}

interface ProfileField extends Param {
	maxLength: number;
	description: string;
	placeholder?: string;
}

/** Profile fields of auth/user_register and user/update_user_info, with the doc's length limits. */
const PROFILE_FIELDS: ProfileField[] = [
	{ name: 'name', displayName: 'Name', maxLength: 64, description: 'Nickname, at most 64 characters', placeholder: 'e.g. Alice' },
	{ name: 'icon', displayName: 'Icon URL', maxLength: 1024, description: 'Avatar URL, at most 1024 characters', placeholder: 'e.g. https://example.com/alice.png' },
	{ name: 'mobile', displayName: 'Mobile', maxLength: 32, description: 'Phone number with country code outside mainland China, at most 32 characters', placeholder: 'e.g. +1-5550100' },
	{ name: 'birth', displayName: 'Birth', maxLength: 16, description: 'Birthday, at most 16 characters', placeholder: 'e.g. 1998.12.15' },
	{ name: 'email', displayName: 'Email', maxLength: 64, description: 'Email address, at most 64 characters', placeholder: 'e.g. name@email.com' },
	{ name: 'ex', displayName: 'Extension', maxLength: 1024, description: 'Free-form extension, e.g. a JSON string, at most 1024 characters' },
];

const GENDER: Param = { name: 'gender', displayName: 'Gender' };

export const NAME_FIELD = PROFILE_FIELDS[0];

/** The profile fields as editor properties; `exclude` leaves out fields shown elsewhere. */
export function profileProperties(exclude: string[] = []): INodeProperties[] {
	const fields: INodeProperties[] = PROFILE_FIELDS.filter((field) => !exclude.includes(field.name)).map(
		(field) => ({
			displayName: field.displayName,
			name: field.name,
			type: 'string',
			default: '',
			description: field.description,
			...(field.placeholder && { placeholder: field.placeholder }),
		}),
	);
	fields.push({
		displayName: 'Gender',
		name: 'gender',
		type: 'options',
		options: GENDER_OPTIONS,
		default: 0,
	});
	return fields.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Checks the profile fields present in `fields` and returns them for the request body. */
export function profileBody(ctx: IExecuteFunctions, fields: IDataObject, itemIndex: number): IDataObject {
	const body = optionalTexts(ctx, fields, PROFILE_FIELDS, itemIndex);
	if (fields.gender !== undefined) body.gender = checkChoice(ctx, GENDER, fields.gender, [0, 1, 2], itemIndex);
	return body;
}

export const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Operation ID',
			name: 'operationID',
			type: 'string',
			default: '',
			placeholder: 'e.g. crm-sync-2024-05-01',
			description: 'ID that OpenIM writes to its logs for this request. Empty means a new random ID for every request.',
		},
		{
			displayName: 'Requests in Parallel',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 64 },
			default: 1,
			description:
				'How many items to send to OpenIM at the same time. Output keeps the input order. Above 1, items after a failing one may already have been sent when the run stops.',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30000,
			description: 'How long to wait for OpenIM to answer, in milliseconds',
		},
	],
};

const OPERATION_ID: Param = { name: 'operationID', displayName: 'Operation ID' };
const TIMEOUT: Param = { name: 'timeout', displayName: 'Timeout' };

export function requestSettings(ctx: IExecuteFunctions, itemIndex: number): RequestSettings {
	const options = nodeParameter(ctx, 'options', itemIndex, {}) as IDataObject;
	return {
		itemIndex,
		operationID: checkText(ctx, OPERATION_ID, options.operationID, itemIndex).trim() || undefined,
		timeout:
			options.timeout === undefined
				? undefined
				: checkNumber(ctx, TIMEOUT, options.timeout, itemIndex, { integer: true, min: 1 }),
	};
}
