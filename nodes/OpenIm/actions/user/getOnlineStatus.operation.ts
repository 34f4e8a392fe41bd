import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Session } from '../../transport';
import { uidListProperty } from '../common.descriptions';
import { foundOnly, userLookup } from './lookup';

const lookup = userLookup('user.getOnlineStatus', {
	uidList: uidListProperty({
		description: 'Comma-separated IDs of the users to check, or an array from an expression',
	}),
	batch:
		"The user IDs of a batch's items go together in requests of up to 500 IDs; a server failure fails every item of the batch.",
	idOf: (status) => String(status.userID),
	answer: foundOnly,
});

export const { description, executeBatch } = lookup;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	return await lookup.fetch(this, api, lookup.uidsOf(api.params.item(itemIndex)), itemIndex);
}
