import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getText } from '../../helpers/params';
import { collect, endpointOf } from '../call';
import {
	getLimit,
	limitProperties,
	optionsProperty,
	requestSettings,
} from '../common.descriptions';
import { groupIdProperty } from './groupId';
import type { Session } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['getMembers'] } },
	[groupIdProperty, ...limitProperties, optionsProperty],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const groupID = getText(read, groupIdProperty, { required: true });
	const max = getLimit(read);
	return await collect(
		this,
		api,
		endpointOf(this, api, 'group.getMembers'),
		{ groupID },
		max,
		requestSettings(read),
	);
}
