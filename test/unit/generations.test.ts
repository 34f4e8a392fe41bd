import { mockDeep } from 'jest-mock-extended';
import type { IDataObject, IExecuteFunctions, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { GENERATIONS } from '../../nodes/OpenIm/api';
import type { Endpoint, Endpoints, Generation, UserInput } from '../../nodes/OpenIm/api/types';
import { router } from '../../nodes/OpenIm/actions/router';
import { OpenIm } from '../../nodes/OpenIm/OpenIm.node';

/**
 * A made-up third generation: one table entry with two endpoints of its own shape, and 3.x's
 * envelope and fields. Nothing under actions/ knows it: what it offers and what it sends come
 * from the table.
 */
const v4: Generation = {
	...GENERATIONS.v3,
	apiVersion: 'v4',
	option: { name: '4.x (made up)', description: 'A generation only this test knows' },
	released: 2030,
	credentialType: 'openImV4Api',
	label: 'OpenIM V4 API',
	batches: false,
	endpoints: {
		'user.register': <Endpoint<UserInput>>{
			path: 'v4/users/create',
			body: ({ uid, profile }) => ({ id: uid, nick: profile.name }),
			read: (answer, { uid }) => [{ created: uid, answer: answer.data as IDataObject }],
		},
		'user.getToken': <Endpoint<UserInput>>{
			path: 'v4/tokens',
			body: ({ uid, platform }) => ({ user: uid, device: platform }),
			read: (answer) => [answer.data as IDataObject],
		},
	} as unknown as Endpoints,
};

beforeAll(() => {
	GENERATIONS.v4 = v4;
});
afterAll(() => {
	delete GENERATIONS.v4;
});

function shown(values: INodeParameters) {
	const description = new OpenIm().description;
	const node = { typeVersion: 2 };
	const resolved =
		NodeHelpers.getNodeParameters(description.properties, values, true, false, node, description) ??
		{};
	const properties = description.properties.filter((property) =>
		NodeHelpers.displayParameter(resolved, property, node, description),
	);
	const credentials = (description.credentials ?? []).filter((credential) =>
		NodeHelpers.displayParameter(resolved, credential, node, description),
	);
	return { properties, credentials: credentials.map((credential) => credential.name) };
}

describe('a generation is one entry of the table', () => {
	it('is offered in the OpenIM Version selector with its credential', () => {
		const { properties, credentials } = shown({ apiVersion: 'v4', resource: 'user' });
		const apiVersion = properties.find((property) => property.name === 'apiVersion');
		expect(apiVersion?.options?.map((option) => (option as { value: string }).value)).toEqual([
			'v4',
			'v3',
			'2021',
		]);
		expect(credentials).toEqual(['openImV4Api']);
	});

	it('offers exactly the operations its endpoints have, with the fields of its form', () => {
		const { properties } = shown({ apiVersion: 'v4', resource: 'user', operation: 'register' });
		const operation = properties.find((property) => property.name === 'operation');
		expect(operation?.options?.map((option) => (option as { value: string }).value)).toEqual([
			'getToken',
			'register',
		]);
		expect(properties.map((property) => property.name)).toEqual([
			'apiVersion',
			'resource',
			'operation',
			'uid',
			'name',
			'additionalFields',
			'options',
			'iconBinaryPropertyName',
		]);
		// 3.x's Additional Fields (its form), and no Batch Size: this generation does not batch.
		const additional = properties.find((property) => property.name === 'additionalFields');
		expect(additional?.options?.map((option) => option.name)).toEqual(['ex', 'icon']);
		const options = properties.find((property) => property.name === 'options');
		expect(options?.options?.map((option) => option.name)).not.toContain('batchSize');
		// 3.x and 2021 are unchanged by it.
		const v3 = shown({ apiVersion: 'v3', resource: 'user', operation: 'register' }).properties;
		expect(v3.find((property) => property.name === 'operation')?.options).toHaveLength(10);
	});

	it('sends its own bodies to its own paths through the router', async () => {
		const parameters: IDataObject = {
			apiVersion: 'v4',
			resource: 'user',
			operation: 'getToken',
			uid: 'alice',
			platform: 5,
		};
		const ctx = mockDeep<IExecuteFunctions>();
		ctx.getNode.mockReturnValue({
			id: 'n4',
			name: 'OpenIM',
			type: 'openIm',
			typeVersion: 2,
			position: [0, 0],
			parameters: parameters as INodeParameters,
			credentials: { openImV4Api: { id: 'c4', name: 'OpenIM 4' } },
		});
		ctx.getInputData.mockReturnValue([{ json: {} }, { json: {} }]);
		ctx.getNodeParameter.mockImplementation(
			((name: string, _item: number, fallback?: unknown) =>
				name.split('.').reduce<unknown>((node, key) => (node as IDataObject)?.[key], parameters) ??
				fallback) as never,
		);
		ctx.continueOnFail.mockReturnValue(false);
		ctx.getCredentials.mockResolvedValue({
			baseUrl: 'http://127.0.0.1:10004',
			secret: 's',
			adminUserId: 'imAdmin',
			token: 't',
		});
		const send = ctx.helpers.httpRequestWithAuthentication as unknown as jest.Mock;
		send.mockImplementation(async () => ({
			statusCode: 200,
			body: JSON.stringify({ errCode: 0, errMsg: '', data: { token: 'user-token' } }),
		}));

		const [output] = await router.call(ctx);

		expect(send.mock.calls.map(([type]) => type)).toEqual(['openImV4Api', 'openImV4Api']);
		expect(send.mock.calls.map(([, request]) => request.url)).toEqual([
			'http://127.0.0.1:10004/v4/tokens',
			'http://127.0.0.1:10004/v4/tokens',
		]);
		expect(send.mock.calls.map(([, request]) => JSON.parse(request.body))).toEqual([
			{ user: 'alice', device: 5 },
			{ user: 'alice', device: 5 },
		]);
		expect(output).toEqual([
			{ json: { token: 'user-token' }, pairedItem: { item: 0 } },
			{ json: { token: 'user-token' }, pairedItem: { item: 1 } },
		]);
	});

	it('refuses an operation it lacks, naming itself', async () => {
		const ctx = mockDeep<IExecuteFunctions>();
		ctx.getNode.mockReturnValue({
			id: 'n4',
			name: 'OpenIM',
			type: 'openIm',
			typeVersion: 2,
			position: [0, 0],
			parameters: {},
		});
		ctx.getInputData.mockReturnValue([{ json: {} }]);
		const parameters: IDataObject = { apiVersion: 'v4', resource: 'user', operation: 'update' };
		ctx.getNodeParameter.mockImplementation(((name: string) => parameters[name]) as never);
		await expect(router.call(ctx)).rejects.toThrow(
			'The operation "update" of "user" is not offered for OpenIM Version v4',
		);
		expect(ctx.helpers.httpRequestWithAuthentication).not.toHaveBeenCalled();
	});
});
