import type { INodeProperties } from 'n8n-workflow';

import { getChoice } from '../../helpers/params';
import { V3_PLATFORM_OPTIONS } from '../../transport/platforms';
import { oneRequest } from '../define';
import { getUid, uidProperty } from '../common.descriptions';

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

export const { description, execute } = oneRequest(
	'user.forceLogout',
	[uidProperty({ description: 'The user to log out' }), platform],
	(read) => ({ uid: getUid(read), platform: getChoice(read, platform) }),
);
