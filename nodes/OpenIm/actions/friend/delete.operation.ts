import { pairOperation } from './ownerAndUser';

export const { description, execute } = pairOperation('delete', [
	"The friend to remove from the owner's friend list. The owner stays on this user's list: OpenIM deletes one direction only",
	'The user whose friend list changes',
]);
