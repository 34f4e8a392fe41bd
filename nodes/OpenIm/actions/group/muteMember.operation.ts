import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkNumber, getText, nodeParameter } from '../../helpers/params';
import { call, endpointOf } from '../call';
import { getUid, optionsProperty, requestSettings, uidProperty } from '../common.descriptions';
import { groupIdProperty } from './groupId';
import type { Session } from '../../transport';

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

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['muteMember'] } },
	[groupIdProperty, member, mutedSeconds, optionsProperty],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const groupID = getText(read, groupIdProperty, { required: true });
	const fields = {
		uid: getUid(read, member),
		mutedSeconds: checkNumber(mutedSeconds, nodeParameter(read, mutedSeconds.name), {
			integer: true,
			min: 1,
			max: UINT32_MAX,
		}),
	};
	return await call(
		this,
		api,
		endpointOf(this, api, 'group.muteMember'),
		{ groupID, fields },
		requestSettings(read),
	);
}
