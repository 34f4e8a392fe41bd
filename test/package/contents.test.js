// What `npm publish` would ship: `npm pack --dry-run --json` of the built package (run `npm run build` first;
// `npm test` does). Users get only these files, so everything the node needs at run time must be among them.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

let packed;
beforeAll(() => {
	for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
		if (!fs.existsSync(path.join(ROOT, entry)))
			throw new Error(`${entry} is missing: run \`npm run build\` first`);
	}
	// --ignore-scripts also comes from .npmrc; given here so that no pack hook can change what is listed.
	[packed] = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: ROOT,
			encoding: 'utf8',
		}),
	);
}, 60_000);

const files = () => packed.files.map((file) => file.path);

describe('npm pack contents', () => {
	it('is the package named in package.json', () => {
		expect(packed).toMatchObject({ name: pkg.name, version: pkg.version });
		expect(pkg.files).toEqual(['dist']);
	});

	it('holds only dist/**, README.md, LICENSE(.md) and package.json', () => {
		const outside = files().filter(
			(file) =>
				!file.startsWith('dist/') &&
				!['README.md', 'LICENSE', 'LICENSE.md', 'package.json'].includes(file),
		);
		expect(outside).toEqual([]);
		expect(files()).toEqual(expect.arrayContaining(['README.md', 'package.json']));
		expect(files().some((file) => /^LICENSE(\.md)?$/.test(file))).toBe(true);
	});

	it('holds the node and the credential that package.json registers, with the node codex', () => {
		expect(files()).toEqual(
			expect.arrayContaining([
				...pkg.n8n.nodes,
				...pkg.n8n.credentials,
				'dist/nodes/OpenIm/OpenIm.node.json',
			]),
		);
	});

	it('holds both icons next to the node, and the node and the credential point at them', () => {
		expect(files()).toEqual(
			expect.arrayContaining(['dist/nodes/OpenIm/openim.svg', 'dist/nodes/OpenIm/openim.dark.svg']),
		);
		const { OpenIm } = require(path.join(ROOT, 'dist/nodes/OpenIm/OpenIm.node.js'));
		const { OpenImApi } = require(path.join(ROOT, 'dist/credentials/OpenImApi.credentials.js'));
		const resolve = (from, icon) =>
			path.posix.normalize(path.posix.join(from, icon.replace(/^file:/, '')));
		const nodeIcon = new OpenIm().description.icon;
		const credentialIcon = new OpenImApi().icon;
		for (const theme of ['light', 'dark']) {
			expect(files()).toContain(resolve('dist/nodes/OpenIm', nodeIcon[theme]));
			expect(files()).toContain(resolve('dist/credentials', credentialIcon[theme]));
		}
		expect(nodeIcon.light).not.toBe(nodeIcon.dark);
		for (const icon of ['openim.svg', 'openim.dark.svg']) {
			const svg = fs.readFileSync(path.join(ROOT, 'dist/nodes/OpenIm', icon), 'utf8');
			expect(svg).toMatch(/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/);
			expect(svg).not.toMatch(/<script|javascript:|on\w+=/i);
		}
	});

	it('holds no tests, sources, emulator, scripts or configuration', () => {
		const unwanted = files().filter((file) =>
			/(^|\/)(test|tests|__tests__|bench|examples|scripts|node_modules)\/|\.test\.|\.spec\.|(^|\/)\.|\.ts$(?<!\.d\.ts)|tsconfig|jest\.config|eslint\.config|gulpfile|\.tgz$/.test(
				file,
			),
		);
		expect(unwanted).toEqual([]);
	});

	it('needs nothing at run time but n8n-workflow, crypto and its own files (it has no dependencies)', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		const required = new Set();
		for (const file of files().filter((entry) => entry.endsWith('.js'))) {
			const code = fs.readFileSync(path.join(ROOT, file), 'utf8');
			for (const [, name] of code.matchAll(/require\(["']([^"']+)["']\)/g)) {
				if (name.startsWith('.')) {
					const target = path.posix.join(path.posix.dirname(file), name);
					expect(
						[`${target}.js`, `${target}/index.js`].filter((candidate) =>
							files().includes(candidate),
						),
					).toHaveLength(1);
				} else required.add(name);
			}
		}
		expect([...required].sort()).toEqual(expect.arrayContaining(['n8n-workflow']));
		expect(
			[...required].filter((name) => !['n8n-workflow', 'crypto', 'node:crypto'].includes(name)),
		).toEqual([]);
	});

	it('ships no source maps, so that stack traces name the .js files it ships, and a type declaration for every script', () => {
		// n8n installs source-map-support: a map would turn each frame into a .ts file the package does not ship.
		const scripts = files().filter((file) => file.endsWith('.js'));
		expect(files().filter((file) => file.endsWith('.map'))).toEqual([]);
		expect(
			scripts.filter((file) =>
				fs.readFileSync(path.join(ROOT, file), 'utf8').includes('sourceMappingURL'),
			),
		).toEqual([]);
		for (const script of scripts) expect(files()).toContain(script.replace(/\.js$/, '.d.ts'));
	});

	it('stays small', () => {
		expect(packed.size).toBeLessThan(200 * 1024);
		expect(packed.entryCount).toBeLessThan(300);
	});
});
