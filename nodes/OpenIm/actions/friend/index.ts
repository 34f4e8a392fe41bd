import type { Resource } from '../operation';
import * as addToBlacklist from './addToBlacklist.operation';
import * as deleteFriend from './delete.operation';
import * as getAll from './getAll.operation';
import * as getBlacklist from './getBlacklist.operation';
import * as importFriend from './import.operation';
import * as removeFromBlacklist from './removeFromBlacklist.operation';

export const friend: Resource = {
	operations: {
		import: importFriend,
		addToBlacklist,
		removeFromBlacklist,
		getAll,
		delete: deleteFriend,
		getBlacklist,
	},
	defaultOperation: 'import',
	options: [
		{
			name: 'Add to Blacklist',
			value: 'addToBlacklist',
			description: 'Block a user for another user',
			action: 'Add a user to a blacklist',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: "Remove a friend from a user's friend list (that direction only)",
			action: 'Delete a friend',
		},
		{
			name: 'Get Blacklist',
			value: 'getBlacklist',
			description: 'List the users a user has blocked',
			action: 'Get the blacklist of a user',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List the friends of a user',
			action: 'Get many friends',
		},
		{
			name: 'Import',
			value: 'import',
			description: 'Make two users friends',
			action: 'Import a friend',
		},
		{
			name: 'Remove From Blacklist',
			value: 'removeFromBlacklist',
			description: 'Unblock a user for another user',
			action: 'Remove a user from a blacklist',
		},
	],
};
