import type { Resource } from '../operation';
import * as create from './create.operation';
import * as inviteUsers from './inviteUsers.operation';
import * as kickUsers from './kickUsers.operation';

export const group: Resource = {
	operations: { create, inviteUsers, kickUsers },
	defaultOperation: 'create',
	options: [
		{ name: 'Create', value: 'create', description: 'Create a group with its first members', action: 'Create a group' },
		{ name: 'Invite Users', value: 'inviteUsers', description: 'Add users to a group', action: 'Invite users to a group' },
		{ name: 'Kick Users', value: 'kickUsers', description: 'Remove users from a group', action: 'Kick users from a group' },
	],
};
