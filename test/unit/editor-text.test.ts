import { NodeHelpers } from 'n8n-workflow';
import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { OpenIm } from '../../nodes/OpenIm/OpenIm.node';
import { OpenImTrigger } from '../../nodes/OpenIm/OpenImTrigger.node';
import { resources } from '../../nodes/OpenIm/actions/router';
import type { Endpoints } from '../../nodes/OpenIm/api/types';
import { LEGAL_USER_ID, USER_IDS } from '../../nodes/OpenIm/api/v3/userIds';

const description: INodeTypeDescription = new OpenIm().description;
const NODE = { typeVersion: 2 };
const selectors = description.properties.filter((property) => property.name === 'operation');
const resourceNames = Object.fromEntries(
	(
		description.properties.find((p) => p.name === 'resource')?.options as INodePropertyOptions[]
	).map((option) => [option.value, option.name]),
);

/** The subtitle as n8n's engine runs it: the JavaScript between {{ and }}, with $parameter. */
function subtitle(parameters: Record<string, string>): string {
	const body = /^=\{\{([\s\S]*)\}\}$/.exec(String(description.subtitle))?.[1];
	expect(body).toBeDefined();
	return new Function('$parameter', `return (${body});`)(parameters) as string;
}

describe('the canvas subtitle', () => {
	const cases = selectors.flatMap((selector) => {
		const show = selector.displayOptions?.show ?? {};
		const resource = String(show.resource?.[0]);
		const versions = (show.apiVersion as string[] | undefined) ?? ['v3', '2021'];
		return versions.flatMap((apiVersion) =>
			(selector.options as INodePropertyOptions[]).map((option) => ({
				apiVersion,
				resource,
				operation: String(option.value),
				shown: `${option.name}: ${resourceNames[resource]}${apiVersion === 'v3' ? ' (3.x)' : ''}`,
			})),
		);
	});

	it('names the operation and resource as the editor shows them, and says 3.x', () => {
		expect(subtitle({ apiVersion: 'v3', resource: 'message', operation: 'send' })).toBe(
			'Send: Message (3.x)',
		);
		expect(subtitle({ apiVersion: '2021', resource: 'user', operation: 'createOrUpdate' })).toBe(
			'Create or Update: User',
		);
		expect(cases.length).toBeGreaterThan(40);
		for (const { shown, ...parameters } of cases)
			expect([parameters, subtitle(parameters)]).toEqual([parameters, shown]);
	});

	it('holds the names of the operations the node has, and no others', () => {
		const table = /^=\{\{ \((\{.*?\})\)\[\$parameter\.operation\]/.exec(
			String(description.subtitle),
		)?.[1];
		const values = new Set(cases.map((entry) => entry.operation));
		expect(Object.keys(JSON.parse(table ?? '{}')).sort()).toEqual([...values].sort());
	});

	it('holds no "}}" before its end, which would end the expression early', () => {
		const expression = String(description.subtitle);
		expect(expression.indexOf('}}')).toBe(expression.length - 2);
	});
});

type Property = INodeProperties & { values?: INodeProperties[] };

/** Every field a 3.x node shows for one operation (with its defaults), nested ones by their path. */
function shownFields(resource: string, operation: string): Array<[string, Property]> {
	const values = NodeHelpers.getNodeParameters(
		description.properties,
		{ apiVersion: 'v3', resource, operation },
		true,
		false,
		{ ...NODE, parameters: {} } as never,
		description,
	) as Record<string, unknown>;
	const walk = (properties: Property[], path: string): Array<[string, Property]> =>
		properties.flatMap((property) => {
			const here = `${path}${property.name}`;
			const nested = [
				...((property.options ?? []) as Property[]),
				...(property.values ?? []),
			].filter((entry) => typeof entry === 'object' && 'name' in entry && !('value' in entry));
			return [[here, property] as [string, Property], ...walk(nested, `${here}.`)];
		});
	const shown = description.properties.filter((property) =>
		NodeHelpers.displayParameter(values as never, property, NODE, description),
	);
	return walk(shown as Property[], '');
}

/** Every 3.x operation, with the endpoints it uses. */
const V3_OPERATIONS = selectors
	.filter((selector) => selector.displayOptions?.show?.apiVersion?.[0] !== '2021')
	.flatMap((selector) => {
		const resource = String(selector.displayOptions?.show?.resource?.[0]);
		return (selector.options as INodePropertyOptions[]).map((option) => {
			const operation = String(option.value);
			const { needs } = resources[resource].operations[operation];
			const endpoints = needs ?? [`${resource}.${operation}` as keyof Endpoints];
			// Register sends several users in one request too.
			if (endpoints.includes('user.register')) endpoints.push('user.registerMany');
			return { resource, operation, endpoints };
		});
	});

/** The parameters USER_IDS checks for an endpoint. */
const checkedParams = (endpoint: keyof Endpoints) =>
	((USER_IDS[endpoint] ?? []) as Array<[{ name: string; displayName: string }, unknown]>).map(
		([param]) => param,
	);

/** Fields that hold user IDs; lookups and filters answer for any ID, so they are not checked (userIds.ts). */
const USER_ID_FIELD =
	/^(uid|uidList|uidListInfo|ownerUid|newOwnerUid|sendID|recvID|memberList\.members\.uid|additionalFields\.uid)$/;
const UNCHECKED = [
	'user.get',
	'user.checkAccounts',
	'user.getOnlineStatus',
	'user.getAll',
	'message.search',
];

describe('3.x user ID checks (USER_IDS)', () => {
	it('name each parameter by its name and label in the operations that use the endpoint', () => {
		const named: string[] = [];
		for (const { resource, operation, endpoints } of V3_OPERATIONS) {
			const fields = shownFields(resource, operation);
			for (const endpoint of endpoints)
				for (const param of checkedParams(endpoint)) {
					const field =
						fields.find(
							([path, property]) =>
								path.endsWith(param.name) && property.displayName === param.displayName,
						) ?? fields.find(([path]) => path === 'memberList' && param.name === 'memberList');
					expect([`${resource}.${operation}`, param, field !== undefined]).toEqual([
						`${resource}.${operation}`,
						param,
						true,
					]);
					named.push(`${resource}.${operation}: ${param.name}`);
				}
		}
		expect(named).toEqual(expect.arrayContaining(['message.send: sendID', 'message.send: recvID']));
	});

	it('cover every user ID field of every 3.x operation but the lookups and filters', () => {
		const unchecked: string[] = [];
		for (const { resource, operation, endpoints } of V3_OPERATIONS) {
			if (UNCHECKED.includes(`${resource}.${operation}`)) continue;
			const checked = new Set(endpoints.flatMap(checkedParams).map((param) => param.name));
			for (const [path] of shownFields(resource, operation)) {
				if (!USER_ID_FIELD.test(path)) continue;
				const name = path.startsWith('memberList') ? 'memberList' : path.split('.').pop();
				if (!checked.has(String(name))) unchecked.push(`${resource}.${operation}: ${path}`);
			}
		}
		expect(unchecked).toEqual([]);
	});

	it.each([
		['alice_01', true],
		['用户2', true],
		['ü_1', true],
		['٣', true],
		['support-bot', false],
		['a.b', false],
		['a@b', false],
		['a:b', false],
		['a b', false],
		['', false],
	])('LEGAL_USER_ID: %p → %p', (id, legal) => {
		expect(LEGAL_USER_ID.test(id)).toBe(legal);
	});
});

describe('examples (placeholders) of the fields a 3.x node shows', () => {
	const fields = V3_OPERATIONS.flatMap(({ resource, operation }) =>
		shownFields(resource, operation).map(([path, property]) => ({
			at: `${resource}.${operation}: ${path}`,
			path,
			placeholder: property.placeholder ?? '',
		})),
	);

	it('are user IDs a 3.x server accepts, in every user ID field', () => {
		const userIdFields = fields.filter(({ path }) => USER_ID_FIELD.test(path));
		expect(userIdFields.length).toBeGreaterThan(30);
		const bad = userIdFields.filter(({ placeholder }) => {
			const ids = placeholder.replace(/^e\.g\. /, '').split(/,\s*/);
			return !placeholder.startsWith('e.g. ') || !ids.every((id) => LEGAL_USER_ID.test(id));
		});
		expect(bad.map(({ at, placeholder }) => `${at}: ${placeholder}`)).toEqual([]);
	});

	it("hold none of the 2021 server's IDs (openIM123456, hex user and group IDs)", () => {
		const old = fields.filter(({ placeholder }) =>
			/openIM\d+|\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{10,}\b/.test(placeholder),
		);
		expect(old.map(({ at, placeholder }) => `${at}: ${placeholder}`)).toEqual([]);
	});
});

describe("the trigger's user ID filters", () => {
	it('show user IDs a 3.x server accepts as examples', () => {
		const options = (
			new OpenImTrigger().description.properties.find((p) => p.name === 'options')?.options ?? []
		).filter((option): option is INodeProperties => 'name' in option && /Ids$/.test(option.name));
		expect(options.map((option) => option.name).sort()).toEqual(['ignoreSenderIds', 'userIds']);
		for (const option of options)
			expect([
				option.name,
				LEGAL_USER_ID.test(String(option.placeholder).replace(/^e\.g\. /, '')),
			]).toEqual([option.name, true]);
	});
});
