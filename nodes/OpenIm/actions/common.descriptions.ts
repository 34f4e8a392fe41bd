import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { PARAMS } from '../api/params';
import type { Form } from '../api/types';
import {
	checkNumber,
	collectionProperty,
	checkText,
	collectionValues,
	getText,
	nodeParameter,
	ParameterError,
	paramOf,
	type ItemReader,
} from '../helpers/params';
import type { RequestSettings } from '../transport';
import { shownWhere, type Field } from './operation';

/** OpenIM's limits for user IDs and profile fields (auth/user_register). */
export const UID_MAX = 64;

const GENDER_OPTIONS = [
	{ name: 'Unknown', value: 0 },
	{ name: 'Male', value: 1 },
	{ name: 'Female', value: 2 },
];

export function uidProperty(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		...PARAMS.uid,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. alice_01',
		description: 'The OpenIM user ID (uid), at most 64 characters',
		...overrides,
	};
}

/** A required user ID parameter, within OpenIM's 64-character limit. */
export function getUid(read: ItemReader, property: INodeProperties = uidProperty()): string {
	return getText(read, paramOf(property), { required: true, maxLength: UID_MAX });
}

/** typeVersion 1 keeps the default it always had; typeVersion 2 gets a new one (n8n stores no defaults). */
export const TYPE_VERSION_1 = { '@version': [1] };
export const TYPE_VERSION_2 = { '@version': [{ _cnd: { gte: 2 } }] };

export function uidListProperty(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'User IDs',
		name: 'uidList',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. alice_01, bob_02',
		description: 'Comma-separated user IDs, or an array from an expression',
		...overrides,
	};
}

/** The 2021 profile fields of auth/user_register and user/update_user_info, with the doc's length limits. */
const PROFILE_FIELDS: INodeProperties[] = [
	{
		displayName: 'Birth',
		name: 'birth',
		type: 'string',
		default: '',
		description: 'Birthday, at most 16 characters',
		placeholder: 'e.g. 1998.12.15',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		default: '',
		description: 'Email address, at most 64 characters',
		placeholder: 'e.g. name@email.com',
	},
	{
		displayName: 'Extension',
		name: 'ex',
		type: 'string',
		default: '',
		description: 'Free-form extension, e.g. a JSON string, at most 1024 characters',
	},
	{ displayName: 'Gender', name: 'gender', type: 'options', options: GENDER_OPTIONS, default: 0 },
	{
		displayName: 'Icon URL',
		name: 'icon',
		type: 'string',
		default: '',
		description: 'Avatar URL, at most 1024 characters',
		placeholder: 'e.g. https://example.com/alice.png',
	},
	{
		displayName: 'Mobile',
		name: 'mobile',
		type: 'string',
		default: '',
		description: 'Phone number with country code outside mainland China, at most 32 characters',
		placeholder: 'e.g. +1-5550100',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'Nickname, at most 64 characters',
		placeholder: 'e.g. Alice',
	},
];

export const PROFILE_LIMITS: Record<Form, Record<string, number>> = {
	'2021': { name: 64, icon: 1024, mobile: 32, birth: 16, email: 64, ex: 1024 },
	v3: {},
};

/** OpenIM's receive-message options (globalRecvMsgOpt, recvMsgOpt); `dropped`: what Do Not Receive drops. */
export const receiveOptions = (dropped: string): INodePropertyOptions[] => [
	{ name: 'Receive', value: 0 },
	{ name: 'Do Not Receive', value: 1, description: dropped },
	{ name: 'Receive Without Push', value: 2 },
];

/** 3.x UserInfo keeps only these of the profile (server-api-v3.md 3.1). */
const V3_PROFILE_FIELDS: INodeProperties[] = [
	{
		displayName: 'Extension',
		name: 'ex',
		type: 'string',
		default: '',
		description: 'Free-form extension, e.g. a JSON string',
	},
	{
		displayName: 'Global Receive Message Option',
		name: 'globalRecvMsgOpt',
		type: 'options',
		options: receiveOptions('One-to-one messages to the user are dropped'),
		default: 0,
	},
	{
		displayName: 'Icon URL',
		name: 'icon',
		type: 'string',
		default: '',
		description: 'Avatar URL (faceURL)',
		placeholder: 'e.g. https://example.com/alice.png',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'Nickname',
		placeholder: 'e.g. Alice',
	},
];

const PROFILE_FIELDS_OF: Record<Form, INodeProperties[]> = {
	'2021': PROFILE_FIELDS,
	v3: V3_PROFILE_FIELDS,
};

/** The profile fields of a generation as editor properties; `exclude` leaves out fields shown elsewhere. */
export function profileProperties(exclude: string[] = [], form: Form = '2021'): INodeProperties[] {
	return PROFILE_FIELDS_OF[form].filter((field) => !exclude.includes(field.name));
}

/** Checks the profile fields the user added to a collection, by their declarations there. */
export function profileBody(
	collection: INodeProperties,
	fields: IDataObject,
	form: Form,
): IDataObject {
	return collectionValues(collection, fields, {
		maxLength: PROFILE_LIMITS[form],
	});
}

export const optionsProperty: INodeProperties = collectionProperty('options', {
	options: [
		{
			displayName: 'Operation ID',
			name: 'operationID',
			type: 'string',
			default: '',
			placeholder: 'e.g. crm-sync-2024-05-01',
			description:
				'ID that OpenIM writes to its logs for this request. Empty means a new random ID for every request.',
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
});

const optionOf = (name: string) =>
	paramOf(
		(optionsProperty.options as INodeProperties[]).find(
			(option) => option.name === name,
		) as INodeProperties,
	);
const OPERATION_ID = optionOf('operationID');
const TIMEOUT = optionOf('timeout');

/** Requests in Parallel, a setting of the whole run that the router reads. */
export const CONCURRENCY = { ...optionOf('concurrency'), name: 'options.concurrency' };

/**
 * The most items in one batch. invite, kick and import_friend take at most 1000
 * IDs; user_register has no limit in the server's code, and 1000 users keep a
 * request far below gRPC's default 4 MB message size between OpenIM's API and its
 * user service, and its beforeUserRegister webhook body small enough for the
 * webhook's timeout (5 s by default).
 */
export const BATCH_MAX = 1000;

/** Batch Size, a setting of the whole run that the router reads. */
export const BATCH_SIZE = { name: 'options.batchSize', displayName: 'Batch Size', max: BATCH_MAX };

/**
 * Options with Batch Size, for the operations that pack consecutive items into one request
 * where the generation `batches`; `what` says which items share one and what happens to bad ones.
 */
export function batchOptions(what: string): Field[] {
	return [
		...shownWhere((api) => !api.batches, [optionsProperty]),
		...shownWhere((api) => api.batches, [batchOptionsProperty(what)]),
	];
}

function batchOptionsProperty(what: string): INodeProperties {
	const batchSize: INodeProperties = {
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: BATCH_MAX },
		default: 1,
		description: `How many consecutive items to send in one request, at most ${BATCH_MAX}; 1 sends one request per item. ${what} Every item still gets its own output or error, paired and in input order. With Requests in Parallel above 1, that many batches are in flight.`,
	};
	return {
		...optionsProperty,
		options: [batchSize, ...(optionsProperty.options as INodeProperties[])],
	};
}

export function requestSettings(read: ItemReader): RequestSettings {
	const { itemIndex } = read;
	const options = nodeParameter(read, 'options', {}) as IDataObject;
	return {
		itemIndex,
		operationID: checkText(OPERATION_ID, options.operationID).trim() || undefined,
		timeout:
			options.timeout === undefined
				? undefined
				: checkNumber(TIMEOUT, options.timeout, { integer: true, min: 1 }),
	};
}

const returnAll: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

const limit: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

/** Return All and Limit of every listing. */
export const limitProperties: INodeProperties[] = [returnAll, limit];

/** Return All and Limit, as every listing reads them: no limit for Return All. */
export function getLimit(read: ItemReader): number | undefined {
	const all = nodeParameter(read, returnAll.name);
	if (typeof all !== 'boolean') throw new ParameterError(returnAll, 'must be true or false');
	return all
		? undefined
		: checkNumber(limit, nodeParameter(read, limit.name), {
				integer: true,
				min: 1,
			});
}
