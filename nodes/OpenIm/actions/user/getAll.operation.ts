import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { openImRequest } from '../../transport';
import { optionsProperty, requestSettings } from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	optionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const settings = { ...requestSettings(this, itemIndex), idempotent: true };
	const answer = await openImRequest.call(this, 'manager/get_all_users_uid', {}, settings);
	// An empty server answers uidList null.
	const uids = Array.isArray(answer.uidList) ? (answer.uidList as string[]) : [];
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const selected = returnAll ? uids : uids.slice(0, this.getNodeParameter('limit', itemIndex) as number);
	return selected.map((uid) => ({ uid }));
}
