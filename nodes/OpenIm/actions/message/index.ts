import type { Resource } from '../operation';
import * as send from './send.operation';
import * as sendToMany from './sendToMany.operation';

export const message: Resource = {
	// sendToMany first: its own fields come before the content fields it shares with send.
	operations: { sendToMany, send },
	defaultOperation: 'send',
	options: [
		{
			name: 'Send',
			value: 'send',
			description: 'Send a message to a user or a group',
			action: 'Send a message',
		},
		{
			name: 'Send to Many',
			value: 'sendToMany',
			description:
				'Send one message to many users (or every user) in one request; one result per recipient',
			action: 'Send a message to many users',
		},
	],
};
