import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Endpoints } from '../../api/types';
import { getText, ParameterError, paramOf } from '../../helpers/params';
import type { Session } from '../../transport';
import { call, endpointOf } from '../call';
import { optionsProperty, requestSettings } from '../common.descriptions';
import { groupIdProperty } from './groupId';

const DISMISSED = 2;

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['mute', 'unmute'] } },
	[groupIdProperty, optionsProperty],
);

/**
 * mute_group and cancel_mute_group write the status without looking at it: on a
 * dismissed group they would bring it back. The group is read first.
 */
export async function setGroupMute(
	ctx: IExecuteFunctions,
	itemIndex: number,
	api: Session,
	mute: boolean,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const groupID = getText(read, groupIdProperty, { required: true });
	const settings = requestSettings(read);
	const [group] = await call(
		ctx,
		api,
		endpointOf(ctx, api, 'group.get'),
		{ uids: [groupID] },
		settings,
	);
	if (group?.status === DISMISSED) {
		throw new ParameterError(
			paramOf(groupIdProperty),
			`names a dismissed group; ${mute ? 'muting' : 'unmuting'} it would undo the dismissal`,
		);
	}
	return await call(
		ctx,
		api,
		endpointOf(ctx, api, mute ? 'group.mute' : 'group.unmute'),
		{ groupID, fields: {} },
		settings,
	);
}

export const needs: Array<keyof Endpoints> = ['group.get', 'group.mute'];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	return await setGroupMute(this, itemIndex, api, true);
}
