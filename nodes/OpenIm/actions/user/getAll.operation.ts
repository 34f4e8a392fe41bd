import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkNumber, nodeParameter, paramError } from '../../helpers/params';
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

const RETURN_ALL = { name: 'returnAll', displayName: 'Return All' };
const LIMIT = { name: 'limit', displayName: 'Limit' };

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = nodeParameter(this, 'returnAll', itemIndex);
	if (typeof returnAll !== 'boolean') throw paramError(this, RETURN_ALL, 'must be true or false', itemIndex);
	const limit = returnAll
		? undefined
		: checkNumber(this, LIMIT, nodeParameter(this, 'limit', itemIndex), itemIndex, { integer: true, min: 1 });
	const settings = { ...requestSettings(this, itemIndex), idempotent: true };
	const answer = await openImRequest.call(this, 'manager/get_all_users_uid', {}, settings);
	// An empty server answers uidList null.
	const uids = Array.isArray(answer.uidList) ? (answer.uidList as string[]) : [];
	return uids.slice(0, limit).map((uid) => ({ uid }));
}
