import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inChunks } from '../../helpers/chunks';
import { getList } from '../../helpers/params';
import { call, endpointOf } from '../call';
import { optionsProperty, requestSettings } from '../common.descriptions';
import { groupIdProperty } from './groupId';
import type { Session } from '../../transport';

const groupID = {
	...groupIdProperty,
	description: 'One group ID, or several: comma-separated or an array from an expression',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['get'] } },
	[groupID, optionsProperty],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const ids = getList(read, groupID);
	const endpoint = endpointOf(this, api, 'group.get');
	const settings = requestSettings(read);
	const groups = await inChunks(
		this,
		ids,
		itemIndex,
		async (chunk) => await call(this, api, endpoint, { uids: chunk }, settings),
	);
	const found = new Map(groups.map((group) => [endpoint.idOf(group), group]));
	// One item per requested group, so a missing one is visible rather than silently absent.
	return ids.map((id) => found.get(id) ?? endpoint.missing(id));
}
