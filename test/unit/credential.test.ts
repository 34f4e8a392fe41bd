import { OpenImApi } from '../../credentials/OpenImApi.credentials';
import { resolveTestRequest } from '../support/credential-test-request';

const SECRET = 'tuoyun-s3cret';
const credentials = {
	baseUrl: 'http://127.0.0.1:10000/prefix/',
	secret: SECRET,
	adminUserId: 'openIM123456',
	platform: 7,
	token: '',
};

function preAuth(answer: { statusCode: number; body: string } | Error) {
	const httpRequest = jest.fn(async () => {
		if (answer instanceof Error) throw answer;
		return answer;
	});
	const result = new OpenImApi().preAuthentication.call({ helpers: { httpRequest } } as never, {
		...credentials,
	});
	return { httpRequest, result };
}

async function failure(
	answer: { statusCode: number; body: string } | Error,
): Promise<Error & { description?: string }> {
	const { result } = preAuth(answer);
	const error = await result.then(
		() => undefined,
		(caught: Error) => caught,
	);
	if (!error) throw new Error('preAuthentication did not fail');
	const described = error as Error & { description?: string };
	expect(`${described.message} ${described.description}`).not.toContain(SECRET);
	return described;
}

describe('OpenImApi credential', () => {
	it('declares the public contract of DESIGN.md', () => {
		const credential = new OpenImApi();
		expect(credential.name).toBe('openImApi');
		expect(credential.displayName).toBe('OpenIM 2021 Server API');
		expect(credential.properties.map((property) => property.name)).toEqual([
			'baseUrl',
			'secret',
			'adminUserId',
			'platform',
			'token',
		]);
		const token = credential.properties.find((property) => property.name === 'token');
		expect(token).toMatchObject({ type: 'hidden', typeOptions: { expirable: true } });
		expect(
			credential.properties.find((property) => property.name === 'secret')?.typeOptions?.password,
		).toBe(true);
		expect(credential.properties.find((property) => property.name === 'adminUserId')?.default).toBe(
			'openIM123456',
		);
	});

	it('puts the token in the token header, keeping the other headers', async () => {
		const authenticate = new OpenImApi().authenticate as (
			credentials: object,
			options: object,
		) => Promise<object>;
		const options = { url: 'http://x/a', headers: { 'Content-Type': 'application/json' } };
		await expect(authenticate({ ...credentials, token: 'tok-9' }, options)).resolves.toEqual({
			url: 'http://x/a',
			headers: { 'Content-Type': 'application/json', token: 'tok-9' },
		});
		expect(options.headers).toEqual({ 'Content-Type': 'application/json' });
	});

	it('fetches the admin token from auth/user_token with secret, platform and uid', async () => {
		const { httpRequest, result } = preAuth({
			statusCode: 200,
			body: '{"errCode":0,"errMsg":"","data":{"uid":"openIM123456","token":"tok-1","expiredTime":1700000000}}',
		});
		await expect(result).resolves.toEqual({ token: 'tok-1' });
		expect(httpRequest).toHaveBeenCalledTimes(1);
		const [options] = httpRequest.mock.calls[0] as unknown as [
			{ url: string; method: string; body: string },
		];
		expect(options.method).toBe('POST');
		expect(options.url).toBe('http://127.0.0.1:10000/prefix/auth/user_token');
		expect(JSON.parse(options.body)).toEqual({ secret: SECRET, platform: 7, uid: 'openIM123456' });
	});

	it('names a wrong secret', async () => {
		const error = await failure({
			statusCode: 400,
			body: '{"errCode":401,"errMsg":"not authorized"}',
		});
		expect(error.message).toMatch(/refused the secret/);
		expect(error.description).toMatch(/Secret must equal/);
	});

	it('names an unknown admin uid', async () => {
		const error = await failure({
			statusCode: 500,
			body: '{"errCode":500,"errMsg":"rpc error: code = Unknown desc = record not found"}',
		});
		expect(error.message).toBe('OpenIM does not know the admin user "openIM123456"');
	});

	it('names a server that cannot be reached', async () => {
		const error = await failure(
			Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:10000'), { code: 'ECONNREFUSED' }),
		);
		expect(error.message).toBe(
			'Could not reach OpenIM at http://127.0.0.1:10000/prefix (connection refused)',
		);
	});

	it('names a base URL that is not the OpenIM API', async () => {
		const error = await failure({ statusCode: 200, body: '<html>welcome</html>' });
		expect(error.message).toMatch(/without a JSON body/);
		expect(error.description).toMatch(/Base URL/);
	});

	it('refuses an answer without a token', async () => {
		const error = await failure({ statusCode: 200, body: '{"errCode":0,"errMsg":"","data":{}}' });
		expect(error.message).toMatch(/did not issue an admin token/);
	});

	it('refuses a hostile base URL before sending the secret anywhere', async () => {
		const httpRequest = jest.fn();
		const result = new OpenImApi().preAuthentication.call({ helpers: { httpRequest } } as never, {
			...credentials,
			baseUrl: 'javascript:alert(1)',
		});
		await expect(result).rejects.toThrow(/http:\/\/ or https:\/\//);
		expect(httpRequest).not.toHaveBeenCalled();
	});

	it('tests a stored token by asking auth/user_token with the form values, a fresh one on an admin-only endpoint', () => {
		const { test } = new OpenImApi();
		const form = {
			baseUrl: 'http://im:10000/',
			secret: 'changed',
			adminUserId: 'boss',
			platform: 5,
		};
		expect(resolveTestRequest(test, { ...form, token: 'stored' })).toEqual({
			baseURL: 'http://im:10000',
			url: '/auth/user_token',
			body: { secret: 'changed', platform: 5, uid: 'boss' },
		});
		expect(resolveTestRequest(test, { ...form, token: '' })).toMatchObject({
			url: '/manager/get_all_users_uid',
			body: { operationID: 'n8n-credential-test' },
		});
		expect(test.request.ignoreHttpStatusErrors).toBe(true);
		expect(
			test.rules?.map((rule) => [rule.type, (rule.properties as { value: number }).value]),
		).toEqual([
			['responseSuccessBody', 200],
			['responseSuccessBody', 400],
			['responseSuccessBody', 401],
			['responseSuccessBody', 500],
			['responseSuccessBody', undefined],
		]);
	});
});
