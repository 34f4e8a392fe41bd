import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Generation } from '../../api/types';
import { inChunks } from '../../helpers/chunks';
import { getList } from '../../helpers/params';
import { call, endpointOf } from '../call';
import { UID_MAX, onlyFor, optionsProperty, requestSettings, uidListProperty } from '../common.descriptions';

const uidList = uidListProperty({ description: 'Comma-separated IDs of the users to check, or an array from an expression' });

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getOnlineStatus'] } },
	onlyFor('v3', [uidList, optionsProperty]),
);

export async function execute(this: IExecuteFunctions, itemIndex: number, api: Generation): Promise<IDataObject[]> {
	const uids = getList(this, uidList, itemIndex, { maxLength: UID_MAX });
	const endpoint = endpointOf(this, api, 'user.getOnlineStatus');
	const settings = requestSettings(this, itemIndex);
	return await inChunks(this, uids, itemIndex, async (chunk) => await call(this, api, endpoint, { uids: chunk }, settings));
}
