import type { Resource } from '../operation';
import * as create from './create.operation';
import * as dismiss from './dismiss.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getJoined from './getJoined.operation';
import * as getMembers from './getMembers.operation';
import * as inviteUsers from './inviteUsers.operation';
import * as kickUsers from './kickUsers.operation';
import * as mute from './mute.operation';
import * as muteMember from './muteMember.operation';
import * as setMemberInfo from './setMemberInfo.operation';
import * as transferOwner from './transferOwner.operation';
import * as unmute from './unmute.operation';
import * as unmuteMember from './unmuteMember.operation';
import * as update from './update.operation';

export const group: Resource = {
	operations: {
		create,
		inviteUsers,
		kickUsers,
		get,
		getAll,
		update,
		dismiss,
		getMembers,
		transferOwner,
		muteMember,
		unmuteMember,
		setMemberInfo,
		getJoined,
		mute,
		unmute,
	},
	defaultOperation: 'create',
	options: [
		{
			name: 'Create',
			value: 'create',
			description: 'Create a group with its first members',
			action: 'Create a group',
		},
		{
			name: 'Dismiss',
			value: 'dismiss',
			description: 'Close a group for good',
			action: 'Dismiss a group',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get the details of groups by their IDs',
			action: 'Get groups',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List the groups of the server, optionally filtered by name or ID',
			action: 'Get many groups',
		},
		{
			name: 'Get Joined',
			value: 'getJoined',
			description: 'List the groups a user is a member of',
			action: 'Get the groups a user joined',
		},
		{
			name: 'Get Members',
			value: 'getMembers',
			description: 'List the members of a group with their roles',
			action: 'Get the members of a group',
		},
		{
			name: 'Invite Users',
			value: 'inviteUsers',
			description: 'Add users to a group',
			action: 'Invite users to a group',
		},
		{
			name: 'Kick Users',
			value: 'kickUsers',
			description: 'Remove users from a group',
			action: 'Kick users from a group',
		},
		{
			name: 'Mute',
			value: 'mute',
			description: 'Let only the owner and admins send to a group',
			action: 'Mute a group',
		},
		{
			name: 'Mute Member',
			value: 'muteMember',
			description: 'Stop a member from sending to a group for a while',
			action: 'Mute a group member',
		},
		{
			name: 'Set Member Info',
			value: 'setMemberInfo',
			description: "Change a member's role, group nickname, avatar or extension",
			action: 'Set the info of a group member',
		},
		{
			name: 'Transfer Owner',
			value: 'transferOwner',
			description: 'Make another member the owner of a group',
			action: 'Transfer the ownership of a group',
		},
		{
			name: 'Unmute',
			value: 'unmute',
			description: 'Let every member send to a muted group again',
			action: 'Unmute a group',
		},
		{
			name: 'Unmute Member',
			value: 'unmuteMember',
			description: 'Let a muted member send to a group again',
			action: 'Unmute a group member',
		},
		{
			name: 'Update',
			value: 'update',
			description: "Change a group's name, announcement, avatar or settings",
			action: 'Update a group',
		},
	],
};
