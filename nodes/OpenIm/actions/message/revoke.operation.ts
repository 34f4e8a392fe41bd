import type { INodeProperties } from 'n8n-workflow';

import { checkNumber, getText, nodeParameter, paramOf } from '../../helpers/params';
import { oneRequest } from '../define';
import { getUid, uidProperty } from '../common.descriptions';

const conversationID: INodeProperties = {
	displayName: 'Conversation ID',
	name: 'conversationID',
	type: 'string',
	required: true,
	default: '={{ $json.conversationID }}',
	placeholder: 'e.g. si_alice_bob',
	description:
		'The conversation of the message, as Message → Search gives it (si_ and both user IDs, or sg_ and the group ID)',
};
const seq: INodeProperties = {
	displayName: 'Seq',
	name: 'seq',
	type: 'number',
	required: true,
	default: 0,
	description:
		"The message's number in its conversation, e.g. an expression reading seq from a Message → Search item. After-send webhooks carry 0: search by the message's clientMsgID to find it.",
};
const revoker = uidProperty({
	default: '={{ $json.sendID }}',
	description:
		"The user the revoke comes from; OpenIM tells that user's apps and the receiver's. Keep the message's sender (the default): with the admin's ID the sender's apps never hear of it.",
});

export const { description, execute } = oneRequest(
	'message.revoke',
	[conversationID, seq, revoker],
	(read) => ({
		conversationID: getText(read, paramOf(conversationID), { required: true }),
		seq: checkNumber(paramOf(seq), nodeParameter(read, seq.name), {
			integer: true,
			min: 1,
		}),
		uid: getUid(read, revoker),
	}),
);
