import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import type { Form } from '../../api/types';
import { getChoice } from '../../helpers/params';
import { PLATFORM_OPTIONS, V3_PLATFORM_OPTIONS } from '../../transport/platforms';
import { oneRequest } from '../define';
import { getUid, TYPE_VERSION_1, TYPE_VERSION_2, uidProperty } from '../common.descriptions';
import { perForm } from '../operation';

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

const properties = [
	uidProperty({ description: 'The user to issue a token for, at most 64 characters' }),
	...perForm({
		'2021': [
			platform(PLATFORM_OPTIONS, 1, TYPE_VERSION_1),
			platform(PLATFORM_OPTIONS, 5, TYPE_VERSION_2),
		],
		v3: [PLATFORM.v3],
	}),
];

export const { description, execute } = oneRequest('user.getToken', properties, (read, api) => ({
	platform: getChoice(read, PLATFORM[api.form]),
	uid: getUid(read),
	profile: {},
}));
