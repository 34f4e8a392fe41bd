import { pairOperation } from './ownerAndUser';

export const { description, execute } = pairOperation('addToBlacklist', [
	'The user to block',
	'The user whose blacklist the user is added to',
]);
