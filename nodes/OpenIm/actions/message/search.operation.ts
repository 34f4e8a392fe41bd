import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { utcDayOf } from '../../api/v3/search';
import {
	choiceProperty,
	collectionProperty,
	getCollection,
	ParameterError,
	paramOf,
	type ItemReader,
} from '../../helpers/params';
import { listOperation } from '../list';

const filters: INodeProperties = collectionProperty('filters', {
	description: 'At least one is needed; all of them must match',
	options: [
		{
			displayName: 'Content Type',
			name: 'contentType',
			type: 'number',
			default: 101,
			description: 'The message type, e.g. 101 for text, 102 for a picture',
		},
		{
			displayName: 'Receiver ID',
			name: 'recvID',
			type: 'string',
			default: '',
			placeholder: 'e.g. bob_02',
			description: 'The receiving user, or the group ID for group chats',
		},
		{
			displayName: 'Send Date (UTC)',
			name: 'sendDate',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2026-03-19',
			description:
				'The UTC calendar day the messages were sent (YYYY-MM-DD; a date-time counts as its UTC day)',
		},
		{
			displayName: 'Sender User ID',
			name: 'sendID',
			type: 'string',
			default: '',
			placeholder: 'e.g. alice_01',
			description: 'The user who sent the messages',
		},
		choiceProperty(
			'Session Type',
			'sessionType',
			{ 'Single Chat': 1, 'Group Chat': 3 },
			{ description: 'One-to-one or group messages (notifications are never found)' },
		),
	],
});

/** search_msg's filters: the UTC day as sendTime; empty texts and a 0 type mean "any" there, so they are left out. */
function searchFilters(read: ItemReader): IDataObject {
	const { sendDate, ...rest } = getCollection(read, filters);
	const trimmed = Object.entries(rest).map(([key, value]) => [
		key,
		typeof value === 'string' ? value.trim() : value,
	]);
	const body: IDataObject = Object.fromEntries(
		trimmed.filter(([, value]) => value !== '' && value !== 0),
	);
	if (typeof sendDate === 'string' && sendDate.trim()) {
		const day = utcDayOf(sendDate);
		if (!day)
			throw new ParameterError(
				{ name: 'sendDate', displayName: 'Send Date (UTC)' },
				'must be a day like 2026-03-19',
			);
		body.sendTime = day;
	}
	// With no filter the server matches the empty slots of its message documents and crashes (HTTP 500).
	if (!Object.keys(body).length)
		throw new ParameterError(
			paramOf(filters),
			'needs at least one filter (OpenIM cannot search without one)',
		);
	return body;
}

// The match count can be low for large results: paging stops at the first short page.
export const { description, execute } = listOperation('message.search', {
	above: [filters],
	filters: searchFilters,
});
