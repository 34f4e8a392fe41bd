import { pairOperation } from './ownerAndUser';

export const { description, execute } = pairOperation('removeFromBlacklist', [
	'The user to unblock',
	'The user whose blacklist the user is removed from',
]);
