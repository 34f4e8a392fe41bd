import type { Resource } from '../operation';
import * as addToBlacklist from './addToBlacklist.operation';
import * as importFriend from './import.operation';

export const friend: Resource = {
	operations: { import: importFriend, addToBlacklist },
	defaultOperation: 'import',
	options: [
		{ name: 'Add to Blacklist', value: 'addToBlacklist', description: "Block a user for another user", action: 'Add a user to a blacklist' },
		{ name: 'Import', value: 'import', description: 'Make two users friends', action: 'Import a friend' },
	],
};
