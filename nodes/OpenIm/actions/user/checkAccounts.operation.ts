import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { unionOf } from '../../helpers/batch';
import type { Session } from '../../transport';
import { uidListProperty } from '../common.descriptions';
import { foundOnly, userLookup } from './lookup';

const lookup = userLookup('user.checkAccounts', {
	uidList: uidListProperty({
		description: 'Comma-separated IDs of the users to check, or an array from an expression',
	}),
	batch:
		"The user IDs of a batch's items go together in requests of up to 500 IDs (each ID once); a server failure fails every item of the batch.",
	idOf: (account) => String(account.userID),
	// account_check refuses a list with an ID twice (1001): each ID goes, and comes back, once.
	answer: (uids, found) => foundOnly(unionOf([uids]), found),
});

export const { description, executeBatch } = lookup;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const uids = unionOf([lookup.uidsOf(api.params.item(itemIndex))]);
	return await lookup.fetch(this, api, uids, itemIndex);
}
