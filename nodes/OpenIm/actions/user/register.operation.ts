import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import type { Form, Generation, UserInput } from '../../api/types';
import {
	collectionProperty,
	getAdditionalFields,
	getChoice,
	getText,
	type ItemReader,
} from '../../helpers/params';
import { REGISTER_PLATFORM_OPTIONS } from '../../transport/platforms';
import type { Entry } from '../../helpers/batch';
import { batchOf, registerEntries } from '../batch';
import { endpointOf, prepare } from '../call';
import {
	batchOptions,
	getUid,
	PROFILE_LIMITS,
	profileBody,
	profileProperties,
	requestSettings,
	TYPE_VERSION_1,
	TYPE_VERSION_2,
	uidProperty,
} from '../common.descriptions';
import { perForm, type Field } from '../operation';
import { defineOperation } from '../define';
import { ICON_BINARY } from '../pictureUpload';
import { profileRequest, withUploadedIcon } from './profile';
import type { Session } from '../../transport';

const nameProperty: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. Alice',
	description: 'Nickname, at most 64 characters',
};

/** Platform of the 2021 token register returns; a server-side sign-up is no iOS app, so typeVersion 2 starts on Web. */
const platform = (fallback: number, show?: IDisplayOptions['show']): INodeProperties => ({
	displayName: 'Platform',
	name: 'platform',
	type: 'options',
	options: REGISTER_PLATFORM_OPTIONS,
	required: true,
	default: fallback,
	description: 'Platform the returned user token is issued for',
	...(show && { displayOptions: { show } }),
});

const additionalFields = (form: Form): INodeProperties =>
	collectionProperty('additionalFields', {
		options: profileProperties(['name', 'globalRecvMsgOpt'], form),
	});

const ADDITIONAL_FIELDS: Record<Form, INodeProperties> = {
	'2021': additionalFields('2021'),
	v3: additionalFields('v3'),
};

/** register's parameters, shared with createOrUpdate, whose Batch Size says what a batch does. */
export const registerProperties = (batchSize: string): Field[] => [
	uidProperty(),
	nameProperty,
	...perForm({
		'2021': [platform(1, TYPE_VERSION_1), platform(5, TYPE_VERSION_2), ADDITIONAL_FIELDS['2021']],
		v3: [ADDITIONAL_FIELDS.v3],
	}),
	...batchOptions(batchSize),
];

/** 3.x registers without issuing a token, so its form has no platform. */
const PLATFORM: Partial<Record<Form, INodeProperties>> = { '2021': platform(1) };

export function registerInput(read: ItemReader, { form }: Generation): UserInput {
	const platformProperty = PLATFORM[form];
	const input = platformProperty ? { platform: getChoice(read, platformProperty) } : {};
	const uid = getUid(read);
	const name = getText(read, nameProperty, {
		required: true,
		maxLength: PROFILE_LIMITS[form].name,
	});
	const fields = profileBody(ADDITIONAL_FIELDS[form], getAdditionalFields(read), form);
	return { ...input, uid, profile: { name, ...fields } };
}

/** An item's input, checked as its own request would be, so that a bad one fails alone before any request. */
export function checkedRegisterInput(read: ItemReader, api: Session): UserInput {
	const { ctx } = read;
	const input = registerInput(read, api);
	prepare(ctx, api, endpointOf(ctx, api, 'user.register'), input, requestSettings(read));
	return input;
}

export const { description, execute } = defineOperation(
	'user.register',
	[
		...registerProperties(
			'The users of a batch go in one user_register request. OpenIM registers none of a request with one bad or registered user: the node then finds those (one lookup for registered ones) and registers the others.',
		),
		ICON_BINARY,
	],
	profileRequest('user.register', registerInput),
);

/** A batch: every item checked, then its icon uploaded (an item whose upload fails ends alone), then the users registered together. */
export const executeBatch = batchOf(
	function (itemIndex, api) {
		return checkedRegisterInput(api.params.item(itemIndex), api);
	},
	async function (entries, settled, api) {
		const ready: Array<Entry<UserInput>> = [];
		for (const { itemIndex, input } of entries) {
			try {
				const settings = requestSettings(api.params.item(itemIndex));
				ready.push({ itemIndex, input: await withUploadedIcon(this, api, input, settings) });
			} catch (error) {
				settled.set(itemIndex, { error });
			}
		}
		for (const [itemIndex, outcome] of await registerEntries(this, api, ready))
			settled.set(itemIndex, outcome);
	},
);
