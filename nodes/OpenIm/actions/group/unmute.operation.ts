import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Endpoints } from '../../api/types';
import type { Session } from '../../transport';
import { setGroupMute } from './mute.operation';

// The fields are mute's (one description shown for both operations).
export const description: INodeProperties[] = [];
export const needs: Array<keyof Endpoints> = ['group.get', 'group.unmute'];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	return await setGroupMute(this, itemIndex, api, false);
}
