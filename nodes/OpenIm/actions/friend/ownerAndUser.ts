import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getUid, uidProperty } from '../common.descriptions';

/** Both friend operations act on a pair: a user and the owner whose list changes. */
export function pairProperties(uidDescription: string, ownerDescription: string): INodeProperties[] {
	return [
		uidProperty({ description: uidDescription }),
		uidProperty({
			displayName: 'Owner User ID',
			name: 'ownerUid',
			placeholder: 'e.g. f732156059eeb5d0',
			description: ownerDescription,
		}),
	];
}

export function pairBody(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return {
		uid: getUid(ctx, itemIndex),
		ownerUid: getUid(ctx, itemIndex, { name: 'ownerUid', displayName: 'Owner User ID' }),
	};
}
