import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getText, nodeParameter, paramError } from '../../helpers/params';
import { call, endpointOf } from '../call';
import { optionsProperty, requestSettings } from '../common.descriptions';
import { groupIdProperty } from './groupId';
import type { Session } from '../../transport';

const deleteMember: INodeProperties = {
	displayName: 'Delete Members',
	name: 'deleteMember',
	type: 'boolean',
	default: false,
	description:
		'Whether to also remove every member; otherwise the group stays readable as dismissed',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['dismiss'] } },
	[groupIdProperty, deleteMember, optionsProperty],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const groupID = getText(read, groupIdProperty, { required: true });
	const remove = nodeParameter(read, deleteMember.name, false);
	if (typeof remove !== 'boolean') throw paramError(deleteMember, 'must be true or false');
	return await call(
		this,
		api,
		endpointOf(this, api, 'group.dismiss'),
		{ groupID, fields: { deleteMember: remove } },
		requestSettings(read),
	);
}
