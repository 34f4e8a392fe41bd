import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Form } from '../../api/types';
import { getChoice } from '../../helpers/params';
import { PLATFORM_OPTIONS, V3_PLATFORM_OPTIONS } from '../../transport/platforms';
import { call, endpointOf } from '../call';
import {
	getUid,
	optionsProperty,
	requestSettings,
	TYPE_VERSION_1,
	TYPE_VERSION_2,
	uidProperty,
} from '../common.descriptions';
import { perForm } from '../operation';
import type { Session } from '../../transport';

const platform = (
	options: typeof PLATFORM_OPTIONS,
	fallback: number,
	show?: IDisplayOptions['show'],
): INodeProperties => ({
	displayName: 'Platform',
	name: 'platform',
	type: 'options',
	options,
	required: true,
	default: fallback,
	description: 'Platform the user token is issued for',
	...(show && { displayOptions: { show } }),
});

/** One Platform per generation; the 2021 one keeps iOS as default for typeVersion 1, as it always had. */
const PLATFORM: Record<Form, INodeProperties> = {
	'2021': platform(PLATFORM_OPTIONS, 1),
	v3: platform(V3_PLATFORM_OPTIONS, 5),
};

const properties: INodeProperties[] = [
	uidProperty({ description: 'The user to issue a token for, at most 64 characters' }),
	...perForm({
		'2021': [
			platform(PLATFORM_OPTIONS, 1, TYPE_VERSION_1),
			platform(PLATFORM_OPTIONS, 5, TYPE_VERSION_2),
		],
		v3: [PLATFORM.v3],
	}),
	optionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getToken'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const input = {
		platform: getChoice(read, PLATFORM[api.form]),
		uid: getUid(read),
		profile: {},
	};
	return await call(
		this,
		api,
		endpointOf(this, api, 'user.getToken'),
		input,
		requestSettings(read),
	);
}
