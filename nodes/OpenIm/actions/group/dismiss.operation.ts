import type { INodeProperties } from 'n8n-workflow';

import { nodeParameter, ParameterError } from '../../helpers/params';
import { oneRequest } from '../define';
import { getGroupId, groupIdProperty } from './groupId';

const deleteMember: INodeProperties = {
	displayName: 'Delete Members',
	name: 'deleteMember',
	type: 'boolean',
	default: false,
	description:
		'Whether to also remove every member; otherwise the group stays readable as dismissed',
};

export const { description, execute } = oneRequest(
	'group.dismiss',
	[groupIdProperty, deleteMember],
	(read) => {
		const groupID = getGroupId(read);
		const remove = nodeParameter(read, deleteMember.name, false);
		if (typeof remove !== 'boolean')
			throw new ParameterError(deleteMember, 'must be true or false');
		return { groupID, fields: { deleteMember: remove } };
	},
);
