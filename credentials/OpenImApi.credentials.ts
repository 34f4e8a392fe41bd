import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestHelper,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { normalizeBaseUrl } from '../nodes/OpenIm/transport/baseUrl';
import { credentialError } from '../nodes/OpenIm/transport/network';
import { PLATFORM_OPTIONS } from '../nodes/OpenIm/transport/platforms';
import { credentialProperties, OPENIM_ICON, postForToken } from './openImCredential';
import { credentialTest, errCodeRules, tokenHeader } from './openImToken';

interface TokenBody {
	errCode?: number;
	errMsg?: string;
	data?: { token?: string };
}

function explainRefusal(status: number, answer: TokenBody | undefined, adminUserId: string): Error {
	const errMsg = answer?.errMsg ?? '';
	const said = errMsg ? ` OpenIM said: "${errMsg}".` : '';
	if (answer?.errCode === 401 || /not authorized/i.test(errMsg)) {
		return credentialError(
			'OpenIM refused the secret',
			`Secret must equal the secret in the OpenIM server config (tuoyun by default).${said}`,
		);
	}
	if (/record not found|find the user/i.test(errMsg)) {
		return credentialError(
			`OpenIM does not know the admin user "${adminUserId}"`,
			`Admin User ID must be a registered app manager of the server (appManagerUid in its config, openIM123456 by default).${said}`,
		);
	}
	if (answer === undefined) {
		return credentialError(
			`OpenIM answered HTTP ${status} without a JSON body`,
			'Check that Base URL points at the OpenIM API (port 10000 by default), including any path prefix of a reverse proxy.',
		);
	}
	return credentialError(
		`OpenIM did not issue an admin token (HTTP ${status}, errCode ${answer.errCode ?? 'missing'})`,
		`Check Secret, Admin User ID and Platform.${said}`,
	);
}

export class OpenImApi implements ICredentialType {
	name = 'openImApi';

	displayName = 'OpenIM 2021 Server API';

	icon: Icon = OPENIM_ICON;

	documentationUrl =
		'https://github.com/n8n-nodes-openim/n8n-nodes-openim/blob/main/docs/credentials.md';

	properties: INodeProperties[] = credentialProperties({
		baseUrl: {
			placeholder: 'e.g. http://127.0.0.1:10000',
			description:
				'Address of the OpenIM server API, with the path prefix if it sits behind a reverse proxy',
		},
		secret: 'The secret in the OpenIM server config (secret: in config.yaml)',
		adminUserId: {
			default: 'openIM123456',
			description: 'A uid listed as app manager (appManagerUid) in the OpenIM server config',
		},
		beforeToken: [
			{
				displayName: 'Platform',
				name: 'platform',
				type: 'options',
				options: PLATFORM_OPTIONS,
				default: 1,
				description: 'Platform the admin token is issued for',
			},
		],
	});

	/** Fetches an admin token; n8n stores it and calls this again only when it is empty or refused. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const baseUrl = normalizeBaseUrl(credentials.baseUrl);
		const adminUserId = String(credentials.adminUserId ?? '');
		const payload = {
			secret: credentials.secret,
			platform: Number(credentials.platform ?? 1),
			uid: adminUserId,
		};
		const { statusCode, body } = await postForToken(
			this,
			{ baseUrl, credential: 'OpenIM 2021 Server API' },
			'auth/user_token',
			{},
			payload,
		);
		const answer = body as TokenBody | undefined;
		const token = answer?.data?.token;
		if (answer?.errCode !== 0 || typeof token !== 'string' || !token) {
			throw explainRefusal(statusCode, answer, adminUserId);
		}
		return { token };
	}

	authenticate = tokenHeader;

	// The 2021 server refuses a secret with HTTP 400 and an unknown user with HTTP 500, each with an errCode in
	// the body: n8n 1.x drops the status of a failed test request, so the body is read whatever the status.
	test = credentialTest(
		{
			url: '"/auth/user_token"',
			body: '{ secret: $credentials.secret, platform: Number($credentials.platform || 1), uid: $credentials.adminUserId }',
		},
		{ url: '"/manager/get_all_users_uid"', body: '{ operationID: "n8n-credential-test" }' },
		errCodeRules({
			200: 'OpenIM rejected the admin token. Check Admin User ID and the server clock.',
			400: 'OpenIM refused the request (HTTP 400). Check Secret (at most 32 characters), Admin User ID and Platform.',
			401: 'OpenIM refused the secret, or Admin User ID is not an app manager: Secret must equal the secret in the server config (tuoyun by default), and Admin User ID be listed in its appManagerUid.',
			500: 'OpenIM does not know the admin user. Admin User ID must be a registered app manager of the server (appManagerUid in its config).',
			missing:
				'OpenIM answered without an errCode. Check that Base URL points at the OpenIM API (port 10000 by default), including any path prefix of a reverse proxy.',
		}),
		{ ignoreHttpStatusErrors: true },
	);
}
