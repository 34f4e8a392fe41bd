import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { LEGACY_AUTH_ROUTE, redact } from '../nodes/OpenIm/api/v3';
import { normalizeBaseUrl } from '../nodes/OpenIm/transport/baseUrl';
import { credentialError } from '../nodes/OpenIm/transport/network';
import {
	credentialProperties,
	OPENIM_ICON,
	postForToken,
	type TokenAnswer as Answer,
} from './openImCredential';
import { credentialTest, errCodeRules, tokenHeader } from './openImToken';

const CURRENT_ROUTE = 'auth/get_admin_token';
/** auth/user_token issues admin tokens for the Admin platform. */
const ADMIN_PLATFORM = 10;

/** Servers before 3.8.1 lack get_admin_token: 404 up to 3.7, and 3.8.0 asks for a token before its 404. */
function lacksAdminTokenRoute({ statusCode, body }: Answer): boolean {
	return (
		statusCode === 404 ||
		(body?.errCode === 1001 && /header must have token/.test(String(body.errDlt ?? '')))
	);
}

function explainRefusal({ statusCode, body }: Answer, adminUserId: string): Error {
	const detail = [redact(body?.errMsg), redact(body?.errDlt)].filter(Boolean).join(': ');
	const said = detail ? ` OpenIM said: "${detail}".` : '';
	if (body === undefined) {
		return credentialError(
			`OpenIM answered HTTP ${statusCode} without a JSON body`,
			'Check that Base URL points at the OpenIM 3.x API (port 10002 by default), including any path prefix of a reverse proxy.',
		);
	}
	if (body.errCode === 1001 && /header must have/.test(String(body.errDlt ?? ''))) {
		// Both token routes asked for a token: the request reached a 3.x API, but not at its token routes.
		return credentialError(
			'OpenIM has no admin token route at this Base URL',
			'Check that Base URL points at the OpenIM 3.x API (port 10002 by default), with the path prefix of a reverse proxy if there is one, and nothing more.',
		);
	}
	if (body.errCode === 1002) {
		return credentialError(
			'OpenIM refused the secret',
			`Secret must equal secret in the server's share.yml (openIM123 on a default install).${said}`,
		);
	}
	if (body.errCode === 1001) {
		return credentialError(
			`"${adminUserId}" is not an admin user of this OpenIM server`,
			`Admin User ID must be listed in imAdminUserID of the server's share.yml (imAdmin by default).${said}`,
		);
	}
	if (body.errCode === 1004) {
		return credentialError(
			`OpenIM does not know the admin user "${adminUserId}"`,
			`Admin User ID must be a user of the server listed in imAdminUserID of its share.yml (imAdmin by default).${said}`,
		);
	}
	return credentialError(
		`OpenIM did not issue an admin token (HTTP ${statusCode}, errCode ${body.errCode ?? 'missing'})`,
		`Check Secret and Admin User ID.${said}`,
	);
}

export class OpenImV3Api implements ICredentialType {
	name = 'openImV3Api';

	displayName = 'OpenIM V3 API';

	icon: Icon = OPENIM_ICON;

	documentationUrl =
		'https://github.com/n8n-nodes-openim/n8n-nodes-openim/blob/main/docs/credentials.md';

	properties: INodeProperties[] = credentialProperties({
		baseUrl: {
			placeholder: 'e.g. http://127.0.0.1:10002',
			description:
				'Address of the OpenIM 3.x server API (port 10002 by default), with the path prefix if it sits behind a reverse proxy',
		},
		secret: "The secret in the server's share.yml (openIM123 on a default install)",
		adminUserId: {
			default: 'imAdmin',
			description: "A user ID listed in imAdminUserID of the server's share.yml",
		},
		afterToken: [
			{
				// Which route issued the token; servers that need auth/user_token also check the secret on user_register.
				displayName: 'Issued By',
				name: 'issuedBy',
				type: 'hidden',
				default: '',
			},
		],
	});

	/** Fetches an admin token; n8n stores it and calls this again only when it is empty or refused. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const baseUrl = normalizeBaseUrl(credentials.baseUrl, {
			credential: 'OpenIM V3 API',
			example: 'http://127.0.0.1:10002',
		});
		const adminUserId = String(credentials.adminUserId ?? '');
		const post = async (route: string, payload: IDataObject): Promise<Answer> =>
			await postForToken(
				this,
				{ baseUrl, credential: 'OpenIM V3 API' },
				route,
				{ operationID: `n8n-token-${Date.now()}` },
				payload,
			);
		let issuedBy = CURRENT_ROUTE;
		let answer = await post(issuedBy, { secret: credentials.secret, userID: adminUserId });
		if (lacksAdminTokenRoute(answer)) {
			issuedBy = LEGACY_AUTH_ROUTE;
			answer = await post(issuedBy, {
				secret: credentials.secret,
				platformID: ADMIN_PLATFORM,
				userID: adminUserId,
			});
		}
		const token = (answer.body?.data as IDataObject | undefined)?.token;
		if (
			answer.statusCode < 200 ||
			answer.statusCode > 299 ||
			answer.body?.errCode !== 0 ||
			typeof token !== 'string' ||
			!token
		) {
			throw explainRefusal(answer, adminUserId);
		}
		return { token, issuedBy };
	}

	authenticate = tokenHeader;

	// Servers before 3.8.1 issue tokens to any user ID: with a fresh token, an admin-only route tells.
	test = credentialTest(
		{
			url: `($credentials.issuedBy === "${LEGACY_AUTH_ROUTE}" ? "/${LEGACY_AUTH_ROUTE}" : "/${CURRENT_ROUTE}")`,
			body: `{ secret: $credentials.secret, userID: $credentials.adminUserId, ...($credentials.issuedBy === "${LEGACY_AUTH_ROUTE}" ? { platformID: ${ADMIN_PLATFORM} } : {}) }`,
		},
		{ url: '"/user/get_users_online_status"', body: '{ userIDs: [] }' },
		errCodeRules({
			1001: 'Admin User ID is not an admin user of this OpenIM server (imAdminUserID in its share.yml).',
			1002: "OpenIM refused the secret or the admin user: Secret must equal secret in the server's share.yml (openIM123 on a default install), and Admin User ID be listed in its imAdminUserID.",
			1004: "OpenIM does not know the admin user: Admin User ID must be a user listed in imAdminUserID of the server's share.yml (imAdmin by default).",
			...Object.fromEntries(
				[1501, 1503, 1505, 1506, 1507].map((code) => [
					code,
					'OpenIM rejected the admin token. Check Secret, Admin User ID and the server clock.',
				]),
			),
		}),
	);
}
