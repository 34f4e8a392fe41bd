import type { Resource } from '../operation';
import * as checkAccounts from './checkAccounts.operation';
import * as createNotificationAccount from './createNotificationAccount.operation';
import * as createOrUpdate from './createOrUpdate.operation';
import * as deleteUser from './delete.operation';
import * as forceLogout from './forceLogout.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getOnlineStatus from './getOnlineStatus.operation';
import * as getToken from './getToken.operation';
import * as register from './register.operation';
import * as update from './update.operation';

export const user: Resource = {
	operations: {
		register,
		getToken,
		update,
		get,
		getAll,
		delete: deleteUser,
		createOrUpdate,
		forceLogout,
		getOnlineStatus,
		checkAccounts,
		createNotificationAccount,
	},
	defaultOperation: 'register',
	options: [
		{
			name: 'Check Accounts',
			value: 'checkAccounts',
			description: 'Whether user IDs are registered, one result per ID',
			action: 'Check whether users are registered',
		},
		{
			name: 'Create Notification Account',
			value: 'createNotificationAccount',
			description: 'Create the account OA notifications come from',
			action: 'Create a notification account',
		},
		{
			name: 'Create or Update',
			value: 'createOrUpdate',
			description: 'Register a user, or update the user if the ID exists',
			action: 'Create or update a user',
		},
		{ name: 'Delete', value: 'delete', description: 'Delete users', action: 'Delete users' },
		{
			name: 'Force Logout',
			value: 'forceLogout',
			description: "End a user's session on one platform",
			action: 'Force a user to log out',
		},
		{ name: 'Get', value: 'get', description: 'Get the profiles of users', action: 'Get users' },
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List the registered users',
			action: 'Get many users',
		},
		{
			name: 'Get Online Status',
			value: 'getOnlineStatus',
			description: 'Whether users are online now, and on which platforms',
			action: 'Get the online status of users',
		},
		{
			name: 'Get Token',
			value: 'getToken',
			description: 'Issue a token a client app can log in with',
			action: 'Get a user token',
		},
		{
			name: 'Register',
			value: 'register',
			description: 'Register a new user',
			action: 'Register a user',
		},
		{
			name: 'Update',
			value: 'update',
			description: "Update a user's profile",
			action: 'Update a user',
		},
	],
};
