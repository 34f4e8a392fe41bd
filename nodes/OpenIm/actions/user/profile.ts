import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { UserInput } from '../../api/types';
import type { ItemReader } from '../../helpers/params';
import type { RequestSettings, Session } from '../../transport';
import { call, endpointOf } from '../call';
import { requestSettings } from '../common.descriptions';
import { ICON_BINARY, withUploadedPicture } from '../pictureUpload';

/** The user's input with the icon the item names uploaded as its Icon URL (3.x). */
export async function withUploadedIcon(
	ctx: IExecuteFunctions,
	api: Session,
	input: UserInput,
	settings: RequestSettings,
): Promise<UserInput> {
	const profile = await withUploadedPicture(ctx, api, ICON_BINARY, input.profile, 'icon', settings);
	return { ...input, profile };
}

/** Register or Update of one item: its input, its icon uploaded, then the request. */
export function profileRequest(
	key: 'user.register' | 'user.update',
	inputOf: (read: ItemReader, api: Session) => UserInput,
) {
	return async (read: ItemReader, api: Session): Promise<IDataObject[]> => {
		const input = inputOf(read, api);
		const settings = requestSettings(read);
		const withIcon = await withUploadedIcon(read.ctx, api, input, settings);
		return await call(read.ctx, api, endpointOf(read.ctx, api, key), withIcon, settings);
	};
}
