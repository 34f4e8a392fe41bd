import { readdirSync, readFileSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';

/*
 * The dependency direction of docs/architecture.md: node -> router -> operations (actions/) ->
 * api/<generation> -> transport. Nothing below the operations imports them, and the credentials
 * use the API layer, not the actions.
 */
const ROOT = resolve(__dirname, '../..');
const ACTIONS = join(ROOT, 'nodes/OpenIm/actions');
const NODE_FILES = [
	join(ROOT, 'nodes/OpenIm/OpenIm.node'),
	join(ROOT, 'nodes/OpenIm/OpenImTrigger.node'),
];

function sources(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) return sources(path);
		return entry.name.endsWith('.ts') ? [path] : [];
	});
}

/** The files a source imports, resolved (relative imports only: packages are not layers). */
function importsOf(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	const specifiers = [...text.matchAll(/^(?:import|export)\b[^;]*?from '([^']+)'/gms)].map(
		(match) => match[1],
	);
	return specifiers
		.filter((specifier) => specifier.startsWith('.'))
		.map((specifier) => resolve(dirname(file), specifier));
}

const below = [
	'nodes/OpenIm/api',
	'nodes/OpenIm/transport',
	'nodes/OpenIm/helpers',
	'credentials',
].flatMap((folder) => sources(join(ROOT, folder)));

describe('layers', () => {
	it('finds the imports it checks (the check reads real files)', () => {
		const endpoints = join(ROOT, 'nodes/OpenIm/api/v3/endpoints.ts');
		expect(below).toContain(endpoints);
		expect(importsOf(endpoints)).toContain(join(ROOT, 'nodes/OpenIm/api/params'));
		expect(importsOf(join(ACTIONS, 'router.ts'))).toContain(join(ROOT, 'nodes/OpenIm/transport'));
	});

	it.each(below.map((file) => [relative(ROOT, file), file]))(
		'%s imports nothing from actions/ or the nodes',
		(_name, file) => {
			const upward = importsOf(file).filter(
				(target) =>
					target.startsWith(`${ACTIONS}/`) || target === ACTIONS || NODE_FILES.includes(target),
			);
			expect(upward.map((target) => relative(ROOT, target))).toEqual([]);
		},
	);

	// Per-run state lives on the run's objects (OpenImClient, RunParameters), not in module maps keyed on them.
	const shipped = ['nodes', 'credentials'].flatMap((folder) => sources(join(ROOT, folder)));
	it.each(shipped.map((file) => [relative(ROOT, file), file]))(
		'%s keeps no WeakMap or WeakSet',
		(_name, file) => {
			expect(readFileSync(file, 'utf8')).not.toMatch(/\bWeak(Map|Set)\b/);
		},
	);
});
