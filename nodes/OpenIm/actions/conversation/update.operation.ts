import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { conversationIdOf } from '../../api/v3/search';
import {
	choiceProperty,
	collectionProperty,
	getChanges,
	getChoice,
	getList,
	ParameterError,
} from '../../helpers/params';
import type { Session } from '../../transport';
import { call, endpointOf, prepare } from '../call';
import {
	UID_MAX,
	getUid,
	optionsProperty,
	receiveOptions,
	requestSettings,
	uidListProperty,
	uidProperty,
} from '../common.descriptions';
import { groupIdProperty } from '../group/groupId';

const SINGLE = 1;
const GROUP = 3;

const owners = uidListProperty({
	description:
		'Comma-separated IDs of the users whose conversation changes, or an array from an expression; one result each',
});
const sessionType: INodeProperties = {
	displayName: 'Session Type',
	name: 'sessionType',
	type: 'options',
	required: true,
	options: [
		{
			name: 'One-to-One',
			value: SINGLE,
			description: 'The conversation of each owner with one user',
		},
		{ name: 'Group', value: GROUP, description: 'The conversation of each owner in a group' },
	],
	default: SINGLE,
};
const peer = uidProperty({
	displayName: 'Receiver ID',
	name: 'recvID',
	description: 'The other user of the one-to-one conversation',
	displayOptions: { show: { sessionType: [SINGLE] } },
});
const group: INodeProperties = {
	...groupIdProperty,
	displayOptions: { show: { sessionType: [GROUP] } },
};
const updateFields: INodeProperties = collectionProperty('updateFields', {
	options: [
		{
			displayName: 'Attached Info',
			name: 'attachedInfo',
			type: 'string',
			default: '',
			description: 'Free-form data for the apps on this conversation',
		},
		{
			displayName: 'Burn Duration',
			name: 'burnDuration',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 30,
			description: 'Seconds a read message stays in a private chat',
		},
		{
			displayName: 'Extension',
			name: 'ex',
			type: 'string',
			default: '',
			description: 'Free-form extension, e.g. a JSON string',
		},
		choiceProperty(
			'Group At Type',
			'groupAtType',
			{
				None: 0,
				'Mentions the Owner': 1,
				'Mentions Everyone': 2,
				'Mentions Everyone and the Owner': 3,
				'Group Notification': 4,
			},
			{ description: 'The mention marker the apps show on the conversation; 0 clears it' },
		),
		{
			displayName: 'Is Pinned',
			name: 'isPinned',
			type: 'boolean',
			default: false,
			description: 'Whether the conversation is pinned to the top of the list',
		},
		{
			displayName: 'Is Private Chat',
			name: 'isPrivateChat',
			type: 'boolean',
			default: false,
			description: 'Whether read messages burn after Burn Duration (one-to-one conversations only)',
		},
		{
			displayName: 'Receive Message Option',
			name: 'recvMsgOpt',
			type: 'options',
			options: receiveOptions('Messages from this user to the owner are dropped'),
			default: 0,
		},
	],
});

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['update'] } },
	[owners, sessionType, peer, group, updateFields, optionsProperty],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const ownerIDs = getList(read, owners, { required: true, maxLength: UID_MAX });
	const type = getChoice(read, sessionType);
	const fields = getChanges(read, updateFields);
	if (type === GROUP && fields.isPrivateChat !== undefined) {
		throw new ParameterError(
			{ name: 'isPrivateChat', displayName: 'Is Private Chat' },
			'applies to one-to-one conversations only',
		);
	}
	const endpoint = endpointOf(this, api, 'conversation.update');
	const settings = requestSettings(read);
	if (type === GROUP) {
		const groupID = getUid(read, group);
		const conversation = {
			conversationID: conversationIdOf(GROUP, '', groupID),
			conversationType: GROUP,
			userID: '',
			groupID,
			...fields,
		};
		return await call(this, api, endpoint, { owners: ownerIDs, conversation }, settings);
	}
	// A one-to-one conversation's ID and peer depend on the owner: OpenIM needs one request per owner.
	const recvID = getUid(read, peer);
	// Every owner's request is built (and a bad ID refused) before the first goes.
	const requests = ownerIDs.map((owner) => {
		const conversation = {
			conversationID: conversationIdOf(SINGLE, owner, recvID),
			conversationType: SINGLE,
			userID: recvID,
			groupID: '',
			...fields,
		};
		return prepare(this, api, endpoint, { owners: [owner], conversation }, settings);
	});
	const results: IDataObject[] = [];
	for (const send of requests) results.push(...(await send()));
	return results;
}
