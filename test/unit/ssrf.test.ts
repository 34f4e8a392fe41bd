import { mockDeep } from 'jest-mock-extended';
import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { OpenImApi } from '../../credentials/OpenImApi.credentials';
import { openImRequest } from '../support/request';
import { ssrfRefusal, ssrfTokenError } from '../../nodes/OpenIm/transport/ssrf';

/*
 * The errors as n8n 2.41.1 raises them (@n8n/backend-network dist/ssrf/ssrf-blocked-ip.error.js and
 * ssrf-blocked-hostname.error.js): UserErrors with these names, messages, descriptions, `extra` and fields.
 * The test/e2e/ssrf.test.js suite checks the same recognition against the real n8n.
 */
function blockedIp(ip: string): Error {
	return Object.assign(
		new Error('The request was blocked because it resolves to a restricted IP address'),
		{
			name: 'SsrfBlockedIpError',
			description:
				`The target ${ip} is not allowed. This is a security measure to prevent Server-Side Request Forgery (SSRF). ` +
				'If you need to access internal resources, ask your n8n administrator to allowlist the hostname or IP range in the environment configuration.',
			extra: { ip, hostname: undefined },
			level: 'info',
			ip,
		},
	);
}

function blockedHostname(hostname: string): Error {
	return Object.assign(
		new Error('The request was blocked because the destination hostname is restricted'),
		{
			name: 'SsrfBlockedHostnameError',
			description:
				`The hostname '${hostname}' is on the configured deny-list. If you need to reach this destination, ask your n8n ` +
				'administrator to remove it from the blocked hostnames or add it to the allowed hostnames in the environment configuration.',
			extra: { hostname },
			hostname,
		},
	);
}

const node: INode = {
	id: 'n1',
	name: 'OpenIM',
	type: 'n8n-nodes-openim.openIm',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
	credentials: { openImApi: { id: 'cred-1', name: 'OpenIM account' } },
};
/** What httpRequestWithAuthentication throws: every failure wrapped in NodeApiError. */
const wrapped = (error: Error) => new NodeApiError(node, error as never);

const SECRET = 'ssrf-secret-value';
const TOKEN = 'ssrf-token-value';

describe('ssrfRefusal', () => {
	it("names n8n's SSRF protection, the blocked IP address and the IP range to allow for an IP address in Base URL", () => {
		const [message, description] =
			ssrfRefusal(blockedIp('127.0.0.1'), 'http://127.0.0.1:10002') ?? [];
		expect(message).toBe("n8n's SSRF protection blocked the request to OpenIM at 127.0.0.1");
		expect(description).toMatch(/^Nothing was sent\. /);
		expect(description).toContain('N8N_SSRF_PROTECTION_ENABLED=true');
		// n8n checks an IP address in the URL only against the IP ranges: allowing it by host name would not help.
		expect(description).toContain('set N8N_SSRF_ALLOWED_IP_RANGES=127.0.0.1/32 in');
		expect(description).not.toContain('N8N_SSRF_ALLOWED_HOSTNAMES');
	});

	it('recognises the refusal inside the NodeApiError of httpRequestWithAuthentication', () => {
		expect(ssrfRefusal(wrapped(blockedIp('10.1.2.3')), 'http://10.1.2.3:10002/api')?.[0]).toBe(
			"n8n's SSRF protection blocked the request to OpenIM at 10.1.2.3",
		);
	});

	it('offers the host name, and the resolved address as the alternative, for a host name in Base URL', () => {
		const [message, description] =
			ssrfRefusal(wrapped(blockedIp('192.168.7.20')), 'https://openim.lan:8443/api') ?? [];
		expect(message).toBe(
			"n8n's SSRF protection blocked the request to OpenIM at openim.lan (192.168.7.20)",
		);
		expect(description).toContain(
			'set N8N_SSRF_ALLOWED_HOSTNAMES=openim.lan (or N8N_SSRF_ALLOWED_IP_RANGES=192.168.7.20/32) in',
		);
	});

	it('offers only the allowed host names for a host on N8N_SSRF_BLOCKED_HOSTNAMES, which IP ranges do not override', () => {
		const [message, description] =
			ssrfRefusal(wrapped(blockedHostname('openim.corp')), 'http://openim.corp:10002') ?? [];
		expect(message).toBe("n8n's SSRF protection blocked the request to OpenIM at openim.corp");
		expect(description).toContain('set N8N_SSRF_ALLOWED_HOSTNAMES=openim.corp in');
		expect(description).not.toContain('N8N_SSRF_ALLOWED_IP_RANGES');
	});

	it('uses a /128 range for an IPv6 address', () => {
		const [message, description] = ssrfRefusal(blockedIp('::1'), 'http://[::1]:10002') ?? [];
		expect(message).toBe("n8n's SSRF protection blocked the request to OpenIM at ::1");
		expect(description).toContain('N8N_SSRF_ALLOWED_IP_RANGES=::1/128');
	});

	it('recognises the texts alone, as an error that lost its class (serialised) carries them', () => {
		const { message, description } = blockedIp('172.20.0.4') as Error & { description: string };
		expect(ssrfRefusal({ message, description }, 'http://openim:10002')?.[1]).toContain(
			'N8N_SSRF_ALLOWED_HOSTNAMES=openim (or N8N_SSRF_ALLOWED_IP_RANGES=172.20.0.4/32)',
		);
		expect(
			ssrfRefusal(
				{ message: 'IP address is blocked', ip: '10.0.0.9' },
				'http://10.0.0.9:10002',
			)?.[1],
		).toContain('N8N_SSRF_ALLOWED_IP_RANGES=10.0.0.9/32');
	});

	it('leaves every other failure alone', () => {
		const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:10002'), {
			code: 'ECONNREFUSED',
		});
		expect(ssrfRefusal(refused, 'http://127.0.0.1:10002')).toBeUndefined();
		expect(ssrfRefusal(wrapped(refused), 'http://127.0.0.1:10002')).toBeUndefined();
		expect(
			ssrfRefusal(new Error('Request blocked by the firewall'), 'http://127.0.0.1:10002'),
		).toBeUndefined();
		expect(
			ssrfRefusal({ message: 'The target group is not allowed' }, 'http://127.0.0.1:10002'),
		).toBeUndefined();
		expect(ssrfRefusal(undefined, 'http://127.0.0.1:10002')).toBeUndefined();
		expect(ssrfRefusal('IP address is blocked', 'http://127.0.0.1:10002')).toBeUndefined();
	});
});

describe('ssrfTokenError', () => {
	it('puts the whole advice into the message, which is all the credential test shows, and keeps the cause', () => {
		const refusal = blockedIp('127.0.0.1');
		const error = ssrfTokenError(refusal, 'http://127.0.0.1:10002') as Error & {
			description: string;
		};
		expect(error.message).toMatch(
			/^n8n's SSRF protection blocked the request to OpenIM at 127\.0\.0\.1\. Nothing was sent\. /,
		);
		expect(error.message).toContain('N8N_SSRF_ALLOWED_IP_RANGES=127.0.0.1/32');
		expect(error.description).toMatch(/^Nothing was sent\./);
		expect(error.cause).toBe(refusal);
		expect(ssrfTokenError(new Error('socket hang up'), 'http://127.0.0.1:10002')).toBeUndefined();
	});

	// The n8n-workflow of the tests (2.11.1) drops the cause when wrapping, as n8n releases before 2.41 do.
	it('is recognised again by the transport, which shows the short message', () => {
		const tokenError = ssrfTokenError(blockedIp('127.0.0.1'), 'http://127.0.0.1:10002') as Error;
		expect(ssrfRefusal(wrapped(tokenError), 'http://127.0.0.1:10002')?.[0]).toBe(
			"n8n's SSRF protection blocked the request to OpenIM at 127.0.0.1",
		);
		const byName = ssrfTokenError(blockedIp('192.168.7.20'), 'https://openim.lan:8443') as Error;
		expect(ssrfRefusal(wrapped(byName), 'https://openim.lan:8443')).toEqual([
			"n8n's SSRF protection blocked the request to OpenIM at openim.lan (192.168.7.20)",
			expect.stringContaining(
				'set N8N_SSRF_ALLOWED_HOSTNAMES=openim.lan (or N8N_SSRF_ALLOWED_IP_RANGES=192.168.7.20/32) in',
			),
		]);
	});
});

describe('the refusal in the credential and the transport', () => {
	it("the token fetch reports it instead of 'Could not reach OpenIM', without the secret", async () => {
		const httpRequest = jest.fn(async () => {
			throw blockedIp('127.0.0.1');
		});
		const credentials = {
			baseUrl: 'http://127.0.0.1:10002/',
			secret: SECRET,
			adminUserId: 'openIM123456',
			platform: 8,
			token: '',
		};
		const error = await new OpenImApi().preAuthentication
			.call({ helpers: { httpRequest } } as never, credentials)
			.then(
				() => undefined,
				(caught: Error & { description?: string }) => caught,
			);
		expect(error?.message).toMatch(
			/^n8n's SSRF protection blocked the request to OpenIM at 127\.0\.0\.1\. Nothing was sent\./,
		);
		expect(`${error?.message} ${error?.description}`).not.toContain(SECRET);
		expect(httpRequest).toHaveBeenCalledTimes(1);
	});

	it.each([
		['a request', wrapped(blockedIp('127.0.0.1'))],
		[
			'the token fetch before it',
			wrapped(ssrfTokenError(blockedIp('127.0.0.1'), 'http://127.0.0.1:10002') as Error),
		],
	])(
		'a read refused in %s fails at once, is not tried again, and carries no token',
		async (_what, refusal) => {
			const ctx = mockDeep<IExecuteFunctions>();
			ctx.getNode.mockReturnValue(node);
			ctx.getCredentials.mockResolvedValue({
				baseUrl: 'http://127.0.0.1:10002',
				secret: SECRET,
				adminUserId: 'openIM123456',
				platform: 8,
				token: TOKEN,
			});
			const send = ctx.helpers.httpRequestWithAuthentication as unknown as jest.Mock;
			send.mockRejectedValue(refusal);
			const error = await openImRequest
				.call(ctx, 'manager/get_all_users_uid', {}, { itemIndex: 2, idempotent: true })
				.then(
					() => undefined,
					(caught: NodeApiError) => caught,
				);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error?.message).toBe(
				"n8n's SSRF protection blocked the request to OpenIM at 127.0.0.1",
			);
			expect(error?.description).toContain('N8N_SSRF_ALLOWED_IP_RANGES=127.0.0.1/32');
			expect(error?.context.itemIndex).toBe(2);
			expect(send).toHaveBeenCalledTimes(1);
			const serialized = JSON.stringify({
				...error,
				message: error?.message,
				description: error?.description,
				cause: error?.cause,
			});
			expect(serialized).not.toContain(SECRET);
			expect(serialized).not.toContain(TOKEN);
		},
	);
});
