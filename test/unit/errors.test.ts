import { OpenImApi } from '../../credentials/OpenImApi.credentials';
import { OpenImV3Api } from '../../credentials/OpenImV3Api.credentials';
import { GENERATIONS } from '../../nodes/OpenIm/api';
import { hintFor, isTokenError } from '../../nodes/OpenIm/transport/errors';

const failure = (
	httpCode: number,
	errCode?: number,
	errMsg?: string,
	path = 'manager/send_msg',
) => ({ path, httpCode, errCode, errMsg });

describe('isTokenError', () => {
	it.each([
		[failure(200, 200, 'Parse token failed'), true],
		[failure(200, 200, 'token is timed out, please log in again'), true],
		[failure(400, 400, 'token validate err,not authorized'), true],
		[failure(400, 400, 'parse token failed'), true],
		[
			failure(
				400,
				400,
				"Key: 'paramsManagementSendMsg.SendID' Error:Field validation for 'SendID' failed on the 'required' tag",
			),
			false,
		],
		[failure(200, 401, 'not authorized'), false],
		[failure(200, 0, ''), false],
		[failure(500), false],
	])('%p → %p', (input, expected) => {
		expect(isTokenError(input)).toBe(expected);
	});
});

describe('hintFor', () => {
	it.each([
		[failure(200, 200, 'Parse token failed'), /admin token/],
		[failure(400, 401, 'not authorized', 'auth/user_register'), /secret/],
		[failure(200, 401, 'not authorized', 'manager/delete_user'), /not allowed/],
		[failure(200, 800, 'no permission', 'group/kick_group'), /not allowed/],
		[failure(400, 404, 'contentType err'), /content type/],
		[failure(400, 403, "Key: 'PictureBaseInfo.Width' Error"), /message content/],
		[
			failure(
				500,
				500,
				"rpc error: code = Unknown desc = Error 1062: Duplicate entry 'u1' for key 'PRIMARY'",
				'auth/user_register',
			),
			/already registered/,
		],
		[
			failure(500, 500, 'rpc error: code = Unknown desc = record not found', 'auth/user_token'),
			/User not found/,
		],
		[
			failure(200, 606, "Can't find the user information", 'friend/import_friend'),
			/User not found/,
		],
		[failure(200, 999, 'uidList is nil', 'user/get_user_info'), /No user IDs/],
		[failure(200, 700, 'param failed', 'group/kick_group'), /group request/],
		[failure(200, 203, 'unkonwn sessionType'), /session type/i],
		[failure(200, 201, 'kafka send msg err'), /queue/],
		[failure(400, 400, "Key: 'x' Error:Field validation"), /refused the request/],
		[failure(404, undefined, 'not JSON: 404 page not found'), /endpoint not found/],
		[failure(500), /HTTP 500 and no answer/],
		[failure(500, undefined, 'not JSON: <html>oops</html>'), /not JSON/],
		[failure(200, undefined, 'not JSON: {"errCode":0,"da'), /not JSON/],
		[failure(502), /unavailable/],
		[failure(503), /unavailable/],
		[failure(500, 500, 'rpc error: connection refused'), /internal error/],
		[failure(200, 12345, 'something new'), /returned an error/],
	])('%p', (input, message) => {
		const hint = hintFor(input);
		expect(hint.message).toMatch(message);
		expect(hint.hint.length).toBeGreaterThan(20);
	});
});

describe('hints name the credential as the editor shows it', () => {
	const displayNames: Record<string, string> = {
		openImApi: new OpenImApi().displayName,
		openImV3Api: new OpenImV3Api().displayName,
	};

	it.each(Object.values(GENERATIONS).map((api) => [api.apiVersion, api] as const))(
		'%s: every hint naming a credential names its display name',
		(_apiVersion, api) => {
			expect(api.label).toBe(displayNames[api.credentialType]);
			const naming = api.hints.map((rule) => rule.hint).filter((hint) => /credential/.test(hint));
			expect(naming.length).toBeGreaterThan(0);
			for (const hint of naming)
				expect([hint, hint.includes(`the ${api.label} credential`)]).toEqual([hint, true]);
		},
	);
});
