import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Session } from '../../transport';
import { collect, endpointOf } from '../call';
import {
	getLimit,
	getUid,
	limitProperties,
	optionsProperty,
	requestSettings,
	uidProperty,
} from '../common.descriptions';

const member = uidProperty({ description: 'The user whose groups to list' });

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['getJoined'] } },
	[member, ...limitProperties, optionsProperty],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const filters = { uid: getUid(read, member) };
	return await collect(
		this,
		api,
		endpointOf(this, api, 'group.getJoined'),
		filters,
		getLimit(read),
		requestSettings(read),
	);
}
