import { serverHints } from '../hints';
import type { HintRule, OpenImFailure } from '../types';

/** The 2021 credential by its display name (credentials/OpenImApi.credentials.ts). */
const CREDENTIAL = 'the OpenIM 2021 Server API credential';

const msgHas = (failure: OpenImFailure, pattern: RegExp) => pattern.test(failure.errMsg ?? '');

/** OpenIM 2021 answers token failures as errCode 200, or as 400/401 with a token message (manager routes). */
export function isTokenError(failure: OpenImFailure): boolean {
	if (failure.errCode === 200) return true;
	return (failure.errCode === 400 || failure.errCode === 401) && msgHas(failure, /token/i);
}

/**
 * One table from what the 2021 server answered to what the user should do. The first
 * matching rule wins, so specific rules come before general ones.
 */
export const HINTS: HintRule[] = [
	{
		matches: isTokenError,
		message: 'OpenIM rejected the admin token',
		hint: `The node fetched a fresh token and tried once more. Check that Admin User ID in ${CREDENTIAL} is an app manager of the server (appManagerUid in its config.yaml, openIM123456 by default) and that the server clock is right.`,
	},
	{
		matches: (f) => f.path.startsWith('auth/') && f.errCode === 401,
		message: 'OpenIM refused the secret',
		hint: `Secret in ${CREDENTIAL} must equal the secret in the server config (tuoyun by default).`,
	},
	{
		matches: (f) =>
			f.errCode === 401 ||
			f.errCode === 800 ||
			msgHas(f, /not authorized|no permission|not appManager/i),
		message: 'The admin user is not allowed to do this',
		hint: `Set Admin User ID in ${CREDENTIAL} to a uid listed as appManagerUid in the server config (openIM123456 by default).`,
	},
	{
		matches: (f) => f.errCode === 404 && msgHas(f, /contentType/i),
		message: 'This OpenIM server does not accept this content type',
		hint: 'OpenIM servers from 2021 accept only Text (101), Picture (102) and Custom (110) through manager/send_msg. Send the content as Custom (110), or use a newer server.',
	},
	{
		matches: (f) => f.errCode === 403,
		message: 'OpenIM refused the message content',
		hint: 'A field this content type needs is missing or empty. Pictures need URL, type, size, width and height for the source, big and snapshot pictures.',
	},
	{
		matches: (f) => f.errCode === 500 && msgHas(f, /Duplicate entry/i),
		message: 'This user ID is already registered',
		hint: 'Use the Create or Update operation to register new users and update existing ones.',
	},
	{
		matches: (f) =>
			f.errCode === 606 || f.errCode === 614 || msgHas(f, /record not found|Can't find the user/i),
		message: 'User not found',
		hint: 'Register the user first (User → Register), and check the user ID for typos.',
	},
	{
		matches: (f) => f.errCode === 999,
		message: 'No user IDs were given',
		hint: 'Fill in User IDs with at least one user ID.',
	},
	{
		matches: (f) => f.errCode === 700,
		message: 'OpenIM refused the group request',
		hint: 'Check that the group ID exists and that the list of users is not empty.',
	},
	{
		matches: (f) => f.errCode === 203,
		message: 'Unknown session type',
		hint: 'Session Type must be Single Chat (1) or Group Chat (2).',
	},
	{
		matches: (f) => f.errCode === 201,
		message: 'OpenIM could not queue the message',
		hint: 'The server failed to hand the message to its queue (Kafka). Check the OpenIM msg_transfer service and Kafka, then run again.',
	},
	{
		matches: (f) => f.errCode === 619,
		message: 'OpenIM could not create the group',
		hint: 'Check the member list and the server logs.',
	},
	{
		matches: (f) => f.errCode === 616,
		message: 'OpenIM could not update the user',
		hint: 'Check the field values and the server logs.',
	},
	{
		matches: (f) => f.errCode === 100 || f.errCode === 900,
		message: 'OpenIM database error',
		hint: 'The server could not write to its database. Check the OpenIM server logs and MySQL.',
	},
	{
		matches: (f) => f.httpCode === 400,
		message: 'OpenIM refused the request',
		hint: "A field is missing, too long or of the wrong type. OpenIM's message says which; check that parameter.",
	},
	...serverHints({ credential: CREDENTIAL, api: 'the OpenIM 2021 server API', port: 10000 }),
	{
		matches: (f) => f.httpCode >= 500,
		message: 'OpenIM had an internal error',
		hint: 'Check the OpenIM server logs. The request may or may not have been carried out.',
	},
];
