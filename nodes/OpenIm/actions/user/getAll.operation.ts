import type { INodeProperties } from 'n8n-workflow';

import { collectionProperty, getCollection } from '../../helpers/params';
import { listOperation } from '../list';
import { perForm } from '../operation';

const filters: INodeProperties = collectionProperty('filters', {
	options: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'Part of the nickname, as a case-insensitive pattern',
		},
		{
			displayName: 'User ID',
			name: 'uid',
			type: 'string',
			default: '',
			description: 'Part of the user ID, as a case-insensitive pattern',
		},
	],
});

/** 2021 lists every user ID at once; 3.x pages through profiles and filters them. */
export const { description, execute } = listOperation('user.getAll', {
	below: perForm({ v3: [filters] }),
	filters: (read) => getCollection(read, filters),
});
