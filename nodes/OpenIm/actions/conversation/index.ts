import type { Resource } from '../operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const conversation: Resource = {
	operations: { get, getAll, update },
	defaultOperation: 'get',
	options: [
		{
			name: 'Get',
			value: 'get',
			description: "Get a user's conversations by their IDs, with their settings",
			action: 'Get conversations',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List every conversation of a user',
			action: 'Get many conversations',
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Pin, mute or change a conversation for some users',
			action: 'Update a conversation',
		},
	],
};
