import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Generation } from '../../api/types';
import { inChunks } from '../../helpers/chunks';
import { collectionValues, getAdditionalFields, getList, getText } from '../../helpers/params';
import { call, endpointOf } from '../call';
import { UID_MAX, optionsProperty, requestSettings, uidListProperty } from '../common.descriptions';
import { groupIdProperty } from './groupId';

const uidListInfo = uidListProperty({
	name: 'uidListInfo',
	description: 'Comma-separated IDs of the users to remove, or an array from an expression',
});

const additionalFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [{ displayName: 'Reason', name: 'reason', type: 'string', default: '' }],
};

const properties: INodeProperties[] = [groupIdProperty, uidListInfo, additionalFields, optionsProperty];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['kickUsers'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number, api: Generation): Promise<IDataObject[]> {
	const groupID = getText(this, groupIdProperty, itemIndex, { required: true });
	const uids = getList(this, uidListInfo, itemIndex, { maxLength: UID_MAX });
	const { reason } = collectionValues(this, additionalFields, getAdditionalFields(this, itemIndex), itemIndex) as { reason?: string };
	const endpoint = endpointOf(this, api, 'group.kickUsers');
	const settings = requestSettings(this, itemIndex);
	return await inChunks(this, uids, itemIndex, async (chunk) => await call(this, api, endpoint, { groupID, uids: chunk, reason }, settings));
}
