import { unionOf } from '../../helpers/batch';
import { foundOnly, userLookup, usersToCheck } from './lookup';

export const { description, execute, executeBatch } = userLookup('user.checkAccounts', {
	uidList: usersToCheck,
	batch:
		"The user IDs of a batch's items go together in requests of up to 500 IDs (each ID once); a server failure fails every item of the batch.",
	idOf: (account) => String(account.userID),
	// account_check refuses a list with an ID twice (1001): each ID goes, and comes back, once.
	answer: (uids, found) => foundOnly(unionOf([uids]), found),
	sent: (uids) => unionOf([uids]),
});
