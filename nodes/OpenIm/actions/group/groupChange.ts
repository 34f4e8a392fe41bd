import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getText, type ItemReader } from '../../helpers/params';
import type { RequestSettings, Session } from '../../transport';
import { call, endpointOf } from '../call';
import { optionsProperty, requestSettings } from '../common.descriptions';
import type { Field } from '../operation';
import { groupIdProperty } from './groupId';

interface GroupChange {
	/** The operation's own fields, between Group ID and Options. */
	fields: Field[];
	/** What the request changes, read from those fields. */
	read: (read: ItemReader) => IDataObject;
	/** A step before the request that needs its settings (an upload). */
	complete?: (
		ctx: IExecuteFunctions,
		api: Session,
		fields: IDataObject,
		settings: RequestSettings,
	) => Promise<IDataObject>;
}

/** A group operation of one request: the Group ID, what the operation changes, then Options. */
export function groupChange(
	operation: 'dismiss' | 'muteMember' | 'transferOwner' | 'unmuteMember' | 'update',
	{ fields, read: readFields, complete }: GroupChange,
) {
	return {
		description: updateDisplayOptions({ show: { resource: ['group'], operation: [operation] } }, [
			groupIdProperty,
			...fields,
			optionsProperty,
		]),
		async execute(
			this: IExecuteFunctions,
			itemIndex: number,
			api: Session,
		): Promise<IDataObject[]> {
			const read = api.params.item(itemIndex);
			const groupID = getText(read, groupIdProperty, { required: true });
			const changed = readFields(read);
			const settings = requestSettings(read);
			return await call(
				this,
				api,
				endpointOf(this, api, `group.${operation}`),
				{ groupID, fields: complete ? await complete(this, api, changed, settings) : changed },
				settings,
			);
		},
	};
}
