import type {
	IAuthenticate,
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	IHttpRequestOptions,
} from 'n8n-workflow';

type Rule = IAuthenticateRuleResponseCode | IAuthenticateRuleResponseSuccessBody;

/**
 * OpenIM reads the raw token from the `token` header. A function rather than a generic
 * `={{$credentials.token}}`: n8n evaluates such an expression on every request.
 */
export const tokenHeader: IAuthenticate = async (
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
) => ({
	...requestOptions,
	headers: { ...requestOptions.headers, token: String(credentials.token ?? '') },
});

/** A request of the credential test: a route and its body, as n8n expressions over `$credentials`. */
interface TestRoute {
	url: string;
	body: string;
}

/**
 * The credential test of both credentials. n8n fetches a token (preAuthentication) only while the stored one
 * is empty, also for a test, and sends the form's values in it: a test with a stored token asks the token
 * route again with the form's Secret and Admin User ID, so that a changed one fails whatever token is
 * stored. Without a token n8n has just fetched one with them, and the test uses it on an admin-only route.
 */
export function credentialTest(
	withStoredToken: TestRoute,
	withFreshToken: TestRoute,
	rules: Rule[],
	{ ignoreHttpStatusErrors = false } = {},
): ICredentialTestRequest {
	const pick = (key: keyof TestRoute) =>
		`={{ $credentials.token ? ${withStoredToken[key]} : ${withFreshToken[key]} }}`;
	return {
		request: {
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "")}}',
			url: pick('url'),
			method: 'POST',
			headers: { operationID: 'n8n-credential-test' },
			body: pick('body'),
			json: true,
			...(ignoreHttpStatusErrors && { ignoreHttpStatusErrors }),
		},
		// Typed as one kind or the other, but n8n reads each rule by its type: body rules on an answer, code rules on an HTTP error.
		rules: rules as ICredentialTestRequest['rules'],
	};
}

/** A rule per errCode of an answer (`missing`: an answer without one, which is not OpenIM's). */
export const errCodeRules = (messages: {
	[errCode: number]: string;
	missing?: string;
}): IAuthenticateRuleResponseSuccessBody[] =>
	Object.entries(messages).map(([value, message]) => ({
		type: 'responseSuccessBody' as const,
		properties: { key: 'errCode', value: value === 'missing' ? undefined : Number(value), message },
	}));
