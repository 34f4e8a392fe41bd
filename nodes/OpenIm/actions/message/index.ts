import type { Resource } from '../operation';
import * as clearConversations from './clearConversations.operation';
import * as revoke from './revoke.operation';
import * as search from './search.operation';
import * as send from './send.operation';
import * as sendAndWait from './sendAndWait.operation';
import * as sendBusinessNotification from './sendBusinessNotification.operation';
import * as sendToMany from './sendToMany.operation';

export const message: Resource = {
	// sendToMany first: its own fields come before the content fields it shares with send.
	operations: {
		sendToMany,
		send,
		sendAndWait,
		sendBusinessNotification,
		search,
		revoke,
		clearConversations,
	},
	defaultOperation: 'send',
	options: [
		{
			name: 'Clear Conversations',
			value: 'clearConversations',
			description:
				"Delete a user's message history in conversations (for that user, or for everyone)",
			action: 'Clear conversations',
		},
		{
			name: 'Revoke',
			value: 'revoke',
			description: 'Take back a message for everyone in its conversation',
			action: 'Revoke a message',
		},
		{
			name: 'Search',
			value: 'search',
			description: 'Find stored one-to-one and group messages by sender, receiver, type or day',
			action: 'Search messages',
		},
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
		{
			name: 'Send Business Notification',
			value: 'sendBusinessNotification',
			description:
				"Push a key and data to a user's apps; not stored, so only devices online at that moment get it",
			action: 'Send a business notification',
		},
	],
};
