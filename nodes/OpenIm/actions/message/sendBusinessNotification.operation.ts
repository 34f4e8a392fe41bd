import type { INodeProperties } from 'n8n-workflow';

import { getText, nodeParameter } from '../../helpers/params';
import { oneRequest } from '../define';
import { getUid, uidProperty } from '../common.descriptions';

const sendID = uidProperty({
	displayName: 'Sender User ID',
	name: 'sendID',
	description: 'The user the notification comes from (not checked by OpenIM)',
});
const recvID = uidProperty({
	displayName: 'Receiver User ID',
	name: 'recvID',
	description: 'The user whose online apps get the notification',
});
const key: INodeProperties = {
	displayName: 'Key',
	name: 'key',
	type: 'string',
	default: '',
	placeholder: 'e.g. order.shipped',
	description: 'What kind of notification this is, for the app to tell them apart',
};
const data: INodeProperties = {
	displayName: 'Data',
	name: 'data',
	type: 'string',
	default: '',
	placeholder: 'e.g. {"orderId": 42}',
	description:
		'The payload for the app, as text; an object from an expression is sent as its JSON text',
};

/** OpenIM takes `data` as a string only (a JSON object there is an HTTP 400). */
function dataText(value: unknown): string {
	if (value === undefined || value === null) return '';
	return typeof value === 'string' ? value : JSON.stringify(value);
}

export const { description, execute } = oneRequest(
	'message.sendBusinessNotification',
	[sendID, recvID, key, data],
	(read) => ({
		sendID: getUid(read, sendID),
		recvID: getUid(read, recvID),
		key: getText(read, key),
		data: dataText(nodeParameter(read, data.name, '')),
	}),
);
