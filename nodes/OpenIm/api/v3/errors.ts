import { serverHints } from '../hints';
import type { Endpoints, HintRule, OpenImFailure } from '../types';

const said = (failure: OpenImFailure, pattern: RegExp) =>
	pattern.test(`${failure.errMsg ?? ''} ${failure.errDlt ?? ''}`);
const onPath = (failure: OpenImFailure, prefix: string) => failure.path.startsWith(prefix);

/** 3.x's token errors (1501 expired to 1507 not found): the node fetches a new admin token once. */
export function isTokenError(failure: OpenImFailure): boolean {
	return failure.errCode !== undefined && failure.errCode >= 1501 && failure.errCode <= 1507;
}

const CREDENTIAL = 'the OpenIM V3 API credential';

/** OpenIM's own errCodes (server-api-v3.md 1.6); a before-webhook that denies passes on a code of its own. */
const OWN_CODES = new Set([
	500, 1001, 1002, 1003, 1004, 1101, 1102, 1201, 1202, 1203, 1204, 1301, 1302, 1303, 1304, 1402,
	1403, 1404, 1501, 1502, 1503, 1504, 1505, 1506, 1507, 1701, 80000, 90002, 90004, 90007,
]);

/**
 * The codes with which a list route refuses the whole list, before acting, for
 * what may be one entry's fault: a bad or repeated ID, a registered user (register),
 * an unknown user or the owner itself (import), a non-member or the owner (kick).
 */
const ENTRY_CODES: Partial<Record<keyof Endpoints, number[]>> = {
	'user.registerMany': [1001, 1102],
	'friend.import': [1001, 1004, 1301],
	'group.kickUsers': [1001, 1101],
	// A member not in the group, or one a before-webhook refuses.
	'group.setMemberInfo': [1001],
};

/** Whether a refused list may go again without some entries; a webhook's denial may be about one user too. */
export function blamesEntries(failure: OpenImFailure, endpoint: keyof Endpoints): boolean {
	const { errCode } = failure;
	if (failure.httpCode !== 200 || errCode === undefined) return false;
	return (ENTRY_CODES[endpoint] ?? []).includes(errCode) || !OWN_CODES.has(errCode);
}

/**
 * One table from what a 3.x server answered (server-api-v3.md 1.6) to what the
 * user should do. The first matching rule wins, so specific rules come first.
 */
export const HINTS: HintRule[] = [
	{
		matches: isTokenError,
		message: 'OpenIM rejected the admin token',
		hint: `The node fetched a fresh token and tried once more. Check that Admin User ID in ${CREDENTIAL} is listed in imAdminUserID of the server's share.yml (imAdmin by default) and that the secret has not changed since.`,
	},
	{
		matches: (f) => f.errCode === 1001 && said(f, /header must have/),
		message: 'OpenIM did not get the operationID or token header',
		hint: 'The node sends both on every request. A proxy in front of OpenIM may drop them (nginx drops headers with underscores only; check its config), or Base URL points at something that is not the OpenIM 3.x API (port 10002 by default).',
	},
	{
		matches: (f) => f.errCode === 1001 && said(f, /userID is legal|userID is empty/),
		message: 'OpenIM refused the user ID',
		hint: 'A 3.x user ID may contain only letters, digits and _ (no -, ., @, : or spaces). Fix the User ID of this item.',
	},
	{
		matches: (f) => f.errCode === 1001 && said(f, /group member repeated/),
		message: 'A user is listed twice in the group',
		hint: 'Owner, admins and members must be different users: list each user once in Members.',
	},
	{
		matches: (f) => f.errCode === 1001 && said(f, /unsupported content type|unknown sessionType/),
		message: 'OpenIM does not accept this content or session type',
		hint: 'Pick a Content Type the 3.x server offers; OA Notification (1400) goes with Session Type Notification, the others with One-to-One or Group.',
	},
	{
		matches: (f) => f.errCode === 1001,
		message: 'OpenIM refused an argument',
		hint: "A value is missing, empty or of the wrong form. OpenIM's detail names the field; check that parameter of this item.",
	},
	{
		matches: (f) =>
			f.errCode === 1002 &&
			(onPath(f, 'auth/get_admin_token') || onPath(f, 'auth/user_token') || said(f, /secret/)),
		message: 'OpenIM refused the secret',
		hint: `Secret in ${CREDENTIAL} must equal secret in the server's share.yml (openIM123 on a default install).`,
	},
	{
		matches: (f) => f.errCode === 1002 && onPath(f, 'auth/get_user_token'),
		message: 'OpenIM does not issue a token for this user or platform',
		hint: 'Admin users get no user token, and Admin (10) is not a user platform. Pick another user or platform.',
	},
	{
		matches: (f) => f.errCode === 1002,
		message: 'The admin user is not allowed to do this',
		hint: `Set Admin User ID in ${CREDENTIAL} to a user listed in imAdminUserID of the server's share.yml (imAdmin by default).`,
	},
	// Which ID the server looked up and did not find, where the route says (server-api-v3.md 3.4, 3.3).
	{
		matches: (f) => f.errCode === 1004 && onPath(f, 'msg/send_msg'),
		message: 'Receiver not found',
		hint: 'OpenIM checks the receiver of a message, not its sender: the Receiver ID of this item is not a registered user (One-to-One), or its Group ID is not a group (Group). Register the user first (User → Register), or check the ID for typos.',
	},
	{
		matches: (f) =>
			f.errCode === 1004 && (onPath(f, 'friend/add_black') || onPath(f, 'friend/remove_black')),
		message: 'User not found',
		hint: 'Both users must be registered: the Owner User ID or the User ID of this item is not. Register the user first (User → Register), or check the IDs for typos.',
	},
	{
		matches: (f) => f.errCode === 1004 && onPath(f, 'group/'),
		message: 'Group or user not found',
		hint: 'Check the group ID and the user IDs of this item: the group must exist and every user must be registered.',
	},
	{
		matches: (f) => f.errCode === 1004,
		message: 'User not found',
		hint: 'Register the user first (User → Register), and check the user IDs of this item for typos.',
	},
	{
		matches: (f) => f.errCode === 1101 && onPath(f, 'group/kick_group'),
		message: 'A user is not a member of the group',
		hint: 'Remove from User IDs the users who are not in the group.',
	},
	{
		matches: (f) => f.errCode === 1101,
		message: 'User not found',
		hint: 'Every member must be a registered user: register them first (User → Register).',
	},
	{
		matches: (f) => f.errCode === 1102,
		message: 'This user ID is already registered',
		hint: 'OpenIM registers none of the users of a request with a registered one; with Batch Size above 1 the node registered the others of the batch without this user. Use the Create or Update operation to register new users and update existing ones.',
	},
	{
		matches: (f) => f.errCode === 1201,
		message: 'Group not found',
		hint: 'Check the group ID of this item.',
	},
	{
		matches: (f) => f.errCode === 1202,
		message: 'A group with this ID already exists',
		hint: 'Leave Group ID empty to let OpenIM choose one, or pick another.',
	},
	{
		matches: (f) => f.errCode === 1203,
		message: 'The sender is not a member of the group',
		hint: 'Send as a group member or as the admin user, or invite the sender first (Group → Invite Users).',
	},
	{
		matches: (f) => f.errCode === 1204,
		message: 'The group is dismissed',
		hint: 'A dismissed group takes no messages or changes. Create a new group.',
	},
	{
		matches: (f) => f.errCode === 1301,
		message: 'A user cannot befriend or block themselves',
		hint: 'Owner User ID and User ID must be different users.',
	},
	{
		matches: (f) => f.errCode === 1302,
		message: 'The receiver has blocked the sender',
		hint: 'Remove the sender from the receiver’s blacklist, or send as the admin user.',
	},
	{
		matches: (f) => f.errCode === 1303,
		message: 'Sender and receiver are not friends',
		hint: 'The server requires friendship for one-to-one messages (friendVerify). Import them as friends first, or send as the admin user.',
	},
	{
		matches: (f) => f.errCode === 1304,
		message: 'The users are already related',
		hint: 'Nothing to do: they are already friends.',
	},
	{
		matches: (f) => f.errCode === 1402,
		message: 'The sender is muted in this group',
		hint: 'Unmute the sender, or send as the admin user.',
	},
	{
		matches: (f) => f.errCode === 1403,
		message: 'The group is muted',
		hint: 'Only the owner, group admins and the app admin can send to a muted group.',
	},
	{
		matches: (f) => f.errCode === 1404,
		message: 'The message was already revoked',
		hint: 'Nothing to do.',
	},
	{
		matches: (f) => f.errCode === 90004,
		message: 'An OpenIM webhook did not answer',
		hint: "A before-webhook of the server (webhooks.yml) was unreachable or too slow, and OpenIM 3.7+ then blocks the operation. Check the webhook service at webhooks.yml's url; it was not carried out.",
	},
	{
		matches: (f) => f.errCode === 90007,
		message: 'An OpenIM webhook answered something that is not JSON',
		hint: 'A before-webhook of the server (webhooks.yml) answered with a body OpenIM cannot read, so OpenIM blocked the operation. Make the webhook answer JSON such as {"actionCode":0}.',
	},
	{
		// The gin-bound routes refuse a body they cannot bind with HTTP 400 (online status: errCode 500).
		matches: (f) => f.httpCode === 400,
		message: 'OpenIM refused the request',
		hint: "A field is missing or of the wrong type. OpenIM's detail names it; check that parameter of this item.",
	},
	{
		matches: (f) => f.errCode === 500 && said(f, /validation|Elem\./),
		message: 'OpenIM refused the message content',
		hint: "A field this content type needs is missing, empty or zero; OpenIM's detail names it. Pictures need URL, type, width and height on all three pictures.",
	},
	{
		matches: (f) => f.errCode === 500 && said(f, /duplicate key|E11000/i),
		message: 'This already exists',
		hint: 'The user is already on this list or in this group. Nothing was changed.',
	},
	...serverHints({
		credential: CREDENTIAL,
		api: 'the OpenIM 3.x API',
		port: 10002,
		notFound: 'An older 3.x server may lack this operation.',
	}),
	{
		matches: (f) => f.errCode === 500 || f.httpCode >= 500,
		message: 'OpenIM had an internal error',
		hint: "Check OpenIM's detail and the server logs. The request may or may not have been carried out.",
	},
];
