import type { INodeProperties } from 'n8n-workflow';

import { nodeParameter, paramError } from '../../helpers/params';
import { groupChange } from './groupChange';

const deleteMember: INodeProperties = {
	displayName: 'Delete Members',
	name: 'deleteMember',
	type: 'boolean',
	default: false,
	description:
		'Whether to also remove every member; otherwise the group stays readable as dismissed',
};

export const { description, execute } = groupChange('dismiss', {
	fields: [deleteMember],
	read(read) {
		const remove = nodeParameter(read, deleteMember.name, false);
		if (typeof remove !== 'boolean')
			throw paramError(read.ctx, deleteMember, 'must be true or false', read.itemIndex);
		return { deleteMember: remove };
	},
});
