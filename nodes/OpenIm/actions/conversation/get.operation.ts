import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getList } from '../../helpers/params';
import type { Session } from '../../transport';
import { call, endpointOf } from '../call';
import { getUid, optionsProperty, requestSettings } from '../common.descriptions';
import { ownerUidProperty } from './owner';

const conversationID: INodeProperties = {
	displayName: 'Conversation IDs',
	name: 'conversationID',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. si_alice_bob, sg_3982737120',
	description:
		'Comma-separated conversation IDs, or an array from an expression; one result each, `found: false` for those the owner does not have',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['get'] } },
	[ownerUidProperty, conversationID, optionsProperty],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const ownerUid = getUid(read, ownerUidProperty);
	const ids = getList(read, conversationID, { required: true });
	const found = await call(
		this,
		api,
		endpointOf(this, api, 'conversation.get'),
		{ ownerUid, uids: ids },
		requestSettings(read),
	);
	// OpenIM leaves out the IDs it does not know: one item per requested ID keeps them visible.
	const byID = new Map(found.map((row) => [String(row.conversationID), row]));
	return ids.map(
		(id) => byID.get(id) ?? { ownerUserID: ownerUid, conversationID: id, found: false },
	);
}
