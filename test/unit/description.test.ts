import { OpenIm } from '../../nodes/OpenIm/OpenIm.node';

/*
 * The canvas subtitle is an n8n expression over the node's parameters. Evaluated here as the
 * JavaScript between {{ and }} with $parameter, which is how n8n's engine runs it.
 */
function subtitle(parameters: Record<string, string>): string {
	const expression = String(new OpenIm().description.subtitle);
	const body = /^=\{\{([\s\S]*)\}\}$/.exec(expression)?.[1];
	expect(body).toBeDefined();
	return new Function('$parameter', `return (${body});`)(parameters) as string;
}

describe('the canvas subtitle', () => {
	it('names the operation and the resource as the editor shows them, and says 3.x', () => {
		expect(subtitle({ apiVersion: 'v3', resource: 'message', operation: 'send' })).toBe('Send: Message (3.x)');
		expect(subtitle({ apiVersion: 'v3', resource: 'message', operation: 'sendToMany' })).toBe('Send to Many: Message (3.x)');
		expect(subtitle({ apiVersion: 'v3', resource: 'user', operation: 'getAll' })).toBe('Get Many: User (3.x)');
	});

	it('says no generation for the 2021 API', () => {
		expect(subtitle({ apiVersion: '2021', resource: 'user', operation: 'createOrUpdate' })).toBe('Create or Update: User');
	});

	it('holds no "}}" before its end, which would cut the expression short', () => {
		const expression = String(new OpenIm().description.subtitle);
		expect(expression.indexOf('}}')).toBe(expression.length - 2);
	});
});

describe('examples of the 3.x fields', () => {
	type Property = { name: string; placeholder?: string; displayOptions?: { show?: Record<string, unknown[]> }; options?: unknown[]; values?: unknown[] };
	/** Every property and nested field a 3.x node can show, with the path that names it. */
	function shownOnV3(properties: Property[], path = ''): Array<[string, Property]> {
		return properties
			.filter((property) => !property.displayOptions?.show?.apiVersion || property.displayOptions.show.apiVersion.includes('v3'))
			.flatMap((property) => {
				const here = `${path}${property.name}`;
				const nested = [...(property.options ?? []), ...(property.values ?? [])].filter((entry): entry is Property => typeof entry === 'object' && entry !== null && 'name' in entry && !('value' in entry));
				return [[here, property] as [string, Property], ...shownOnV3(nested, `${here}.`)];
			});
	}

	it('are IDs a 3.x server accepts, not the 2021 server\'s (openIM123456, hex IDs)', () => {
		const fields = shownOnV3(new OpenIm().description.properties as unknown as Property[]);
		expect(fields.map(([path]) => path)).toEqual(expect.arrayContaining(['sendID', 'recvID', 'uidList', 'memberList.members.uid']));
		const old = fields.filter(([, property]) => /openIM123456|\b[0-9a-f]{16,}\b/.test(property.placeholder ?? ''));
		expect(old.map(([path, property]) => `${path}: ${property.placeholder}`)).toEqual([]);
	});
});
