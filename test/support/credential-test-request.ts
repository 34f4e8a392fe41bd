import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	INodeTypes,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

/** A credential's test request as n8n's expression engine resolves it for these credential values. */
export function resolveTestRequest(
	test: ICredentialTestRequest,
	credentials: ICredentialDataDecryptedObject,
) {
	const node = {
		id: 't',
		name: 'Temp-Node',
		type: 'noOp',
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: {},
	};
	const nodeTypes = {
		getByName: () => undefined,
		getByNameAndVersion: () => undefined,
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const resolve = (value: unknown) =>
		workflow.expression.getParameterValue(
			value as string,
			null,
			0,
			0,
			node.name,
			[],
			'internal',
			{ $credentials: credentials },
			undefined,
			false,
		);
	return {
		url: resolve(test.request.url),
		body: resolve(test.request.body),
		baseURL: resolve(test.request.baseURL),
	};
}
