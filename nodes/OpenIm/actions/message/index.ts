import type { Resource } from '../operation';
import * as send from './send.operation';

export const message: Resource = {
	operations: { send },
	defaultOperation: 'send',
	options: [{ name: 'Send', value: 'send', description: 'Send a message to a user or a group', action: 'Send a message' }],
};
