import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getChoice } from '../../helpers/params';
import { V3_PLATFORM_OPTIONS } from '../../transport/platforms';
import { call, endpointOf } from '../call';
import { getUid, optionsProperty, requestSettings, uidProperty } from '../common.descriptions';
import type { Session } from '../../transport';

/** force_logout checks platformID 1 to 10, so HarmonyOS (11) cannot be logged out this way. */
const platform: INodeProperties = {
	displayName: 'Platform',
	name: 'platform',
	type: 'options',
	options: V3_PLATFORM_OPTIONS.filter((option) => option.value !== 11),
	required: true,
	default: 5,
	description: 'The platform whose session ends; the user stays logged in on the others',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['forceLogout'] } },
	[uidProperty({ description: 'The user to log out' }), platform, optionsProperty],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const input = { uid: getUid(read), platform: getChoice(read, platform) };
	return await call(
		this,
		api,
		endpointOf(this, api, 'user.forceLogout'),
		input,
		requestSettings(read),
	);
}
