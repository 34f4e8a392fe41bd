import type { INodeProperties } from 'n8n-workflow';

import { checkNumber, nodeParameter } from '../../helpers/params';
import { getUid, uidProperty } from '../common.descriptions';
import { oneRequest } from '../define';
import { getGroupId, groupIdProperty } from './groupId';

/** mutedSeconds is a uint32 the server wants above 0. */
const UINT32_MAX = 2 ** 32 - 1;

const member = uidProperty({ description: 'The member to mute' });
const mutedSeconds: INodeProperties = {
	displayName: 'Muted Seconds',
	name: 'mutedSeconds',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: UINT32_MAX },
	required: true,
	default: 3600,
	description: 'How long the member cannot send to the group, in seconds',
};

export const { description, execute } = oneRequest(
	'group.muteMember',
	[groupIdProperty, member, mutedSeconds],
	(read) => ({
		groupID: getGroupId(read),
		fields: {
			uid: getUid(read, member),
			mutedSeconds: checkNumber(mutedSeconds, nodeParameter(read, mutedSeconds.name), {
				integer: true,
				min: 1,
				max: UINT32_MAX,
			}),
		},
	}),
);
