import { foundOnly, userLookup, usersToCheck } from './lookup';

export const { description, execute, executeBatch } = userLookup('user.getOnlineStatus', {
	uidList: usersToCheck,
	batch:
		"The user IDs of a batch's items go together in requests of up to 500 IDs; a server failure fails every item of the batch.",
	idOf: (status) => String(status.userID),
	answer: foundOnly,
});
