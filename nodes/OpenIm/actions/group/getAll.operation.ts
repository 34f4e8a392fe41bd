import type { INodeProperties } from 'n8n-workflow';

import { collectionProperty, getCollection } from '../../helpers/params';
import { listOperation } from '../list';

const filters: INodeProperties = collectionProperty('filters', {
	options: [
		{
			displayName: 'Group ID',
			name: 'groupID',
			type: 'string',
			default: '',
			description: 'Only the group with this ID',
		},
		{
			displayName: 'Group Name',
			name: 'groupName',
			type: 'string',
			default: '',
			description: 'Part of the group name, as a case-insensitive pattern',
		},
	],
});

export const { description, execute } = listOperation('group.getAll', {
	below: [filters],
	filters: (read) => getCollection(read, filters),
});
