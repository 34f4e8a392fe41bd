import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getText } from '../../helpers/params';
import { call, endpointOf } from '../call';
import { getUid, optionsProperty, requestSettings, uidProperty } from '../common.descriptions';
import { groupIdProperty } from './groupId';
import type { Session } from '../../transport';

const member = uidProperty({ description: 'The member to unmute' });

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['unmuteMember'] } },
	[groupIdProperty, member, optionsProperty],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const groupID = getText(read, groupIdProperty, { required: true });
	const fields = { uid: getUid(read, member) };
	return await call(
		this,
		api,
		endpointOf(this, api, 'group.unmuteMember'),
		{ groupID, fields },
		requestSettings(read),
	);
}
