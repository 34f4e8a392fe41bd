import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { getList, nodeParameter, ParameterError } from '../../helpers/params';
import { getUid, optionsProperty, uidProperty } from '../common.descriptions';
import { oneRequest } from '../define';

const owner = uidProperty({ description: 'The user whose conversations to clear' });
const conversationIDs: INodeProperties = {
	displayName: 'Conversation IDs',
	name: 'conversationIDs',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. si_alice_bob, sg_3982737120',
	description:
		'Comma-separated conversation IDs (si_ and both user IDs, sg_ and the group ID), or an array from an expression',
};
const CLEAR_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Clear for Everyone',
		name: 'clearForEveryone',
		type: 'boolean',
		default: false,
		description:
			"Whether every member loses the history, not only this user (OpenIM's IsSyncOther)",
	},
	{
		displayName: 'Sync Own Devices',
		name: 'syncOwnDevices',
		type: 'boolean',
		default: false,
		description:
			"Whether the user's own apps are told to clear their local copies too (OpenIM's IsSyncSelf)",
	},
];
const options: INodeProperties = {
	...optionsProperty,
	options: [...CLEAR_OPTIONS, ...(optionsProperty.options as INodeProperties[])].sort((a, b) =>
		a.displayName.localeCompare(b.displayName),
	),
};

function flag(chosen: IDataObject, property: INodeProperties): boolean {
	const value = chosen[property.name] ?? false;
	if (typeof value !== 'boolean')
		throw new ParameterError(
			{ name: `options.${property.name}`, displayName: property.displayName },
			'must be true or false',
		);
	return value;
}

export const { description, execute } = oneRequest(
	'message.clearConversations',
	[owner, conversationIDs],
	(read) => {
		const chosen = nodeParameter(read, 'options', {}) as IDataObject;
		const [clearForEveryone, syncOwnDevices] = CLEAR_OPTIONS.map((property) =>
			flag(chosen, property),
		);
		return {
			uid: getUid(read, owner),
			conversationIDs: getList(read, conversationIDs, { required: true }),
			clearForEveryone,
			syncOwnDevices,
		};
	},
	[options],
);
