import type { Resource } from '../operation';
import * as send from './send.operation';
import * as sendAndWait from './sendAndWait.operation';
import * as sendToMany from './sendToMany.operation';

export const message: Resource = {
	// sendToMany first: its own fields come before the content fields it shares with send.
	operations: { sendToMany, send, sendAndWait },
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
		{
			name: 'Send and Wait for Response',
			value: 'sendAndWait',
			description: 'Send a message with answer links and wait until someone answers',
			action: 'Send a message and wait for response',
		},
	],
};
