import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getChoice, getList, nodeParameter, ParameterError } from '../../helpers/params';
import { call, endpointOf } from '../call';
import { getUid, requestSettings, UID_MAX, uidListProperty } from '../common.descriptions';
import { withMentionNames } from './mentions';
import { contentType, readContent, sendID } from './send.operation';
import type { Session } from '../../transport';

const isSendAll: INodeProperties = {
	displayName: 'Send to All Users',
	name: 'isSendAll',
	type: 'boolean',
	default: false,
	description:
		'Whether to send to every user of the server, the admin included. Warning: this messages everyone registered on this OpenIM server.',
};

const uidList = uidListProperty({
	displayName: 'Recipient User IDs',
	description:
		'Comma-separated IDs of the users who get the message, or an array from an expression',
	displayOptions: { show: { isSendAll: [false] } },
});

/** batch_send_msg sends one-to-one messages (session type 1), so OA notifications (1400) are not offered. */
const CONTENT_TYPE = contentType('v3', [1400]);

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendToMany'] } },
	[sendID, isSendAll, uidList, CONTENT_TYPE],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const type = getChoice(read, CONTENT_TYPE);
	const sender = getUid(read, sendID);
	const all = nodeParameter(read, isSendAll.name, false);
	if (typeof all !== 'boolean') throw new ParameterError(isSendAll, 'must be true or false');
	const recvIDs = all ? [] : getList(read, uidList, { maxLength: UID_MAX });
	const settings = requestSettings(read);
	const { content, fields } = await readContent(this, api, read, type, settings);
	const input = {
		sendID: sender,
		sessionType: 1,
		contentType: type,
		recvIDs,
		isSendAll: all,
		content: await withMentionNames(this, api, type, content, undefined, settings),
		fields,
	};
	return await call(this, api, endpointOf(this, api, 'message.sendToMany'), input, settings);
}
