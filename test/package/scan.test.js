// n8n's verification scanner on the source and on the packed tarball (scripts/scan-package.mjs). The scanner is
// installed on first use into its own cache folder (about 15 s and 220 MB; see the script's header).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'scan-package.mjs');

function scan(...args) {
	const result = spawnSync(process.execPath, [SCRIPT, '--json', ...args], {
		cwd: ROOT,
		encoding: 'utf8',
		timeout: 15 * 60_000,
	});
	if (result.status !== 0 && result.status !== 1)
		throw new Error(`scan-package exited ${result.status}:\n${result.stderr}`);
	return JSON.parse(result.stdout);
}

const findings = (part) => `${part.message ?? ''}\n${part.details ?? ''}`;

describe('@n8n/scan-community-package', () => {
	let report;
	beforeAll(() => {
		report = scan();
	}, 15 * 60_000);

	it('passes on the source: package.json and {nodes,credentials}/**/*.{js,ts,json}', () => {
		expect(report.source.files).toEqual(
			expect.arrayContaining([
				'package.json',
				'nodes/OpenIm/OpenIm.node.ts',
				'credentials/OpenImApi.credentials.ts',
			]),
		);
		expect(report.source.files.some((file) => file.startsWith('test/'))).toBe(false);
		if (!report.source.passed) throw new Error(findings(report.source));
	});

	it('passes on the packed tarball: **/*.js and package.json', () => {
		expect(report.tarball.files).toEqual(
			expect.arrayContaining([
				'package.json',
				'dist/nodes/OpenIm/OpenIm.node.js',
				'dist/credentials/OpenImApi.credentials.js',
			]),
		);
		if (!report.tarball.passed) throw new Error(findings(report.tarball));
	});

	it(
		'really lints: a copy of the source with a console.log in the node fails it',
		() => {
			const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-openim-scan-control-'));
			try {
				fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(copy, 'package.json'));
				for (const dir of ['nodes', 'credentials'])
					fs.cpSync(path.join(ROOT, dir), path.join(copy, dir), { recursive: true });
				fs.appendFileSync(
					path.join(copy, 'nodes/OpenIm/OpenIm.node.ts'),
					"\nconsole.log('left over');\n",
				);
				const control = scan('--dir', copy);
				expect(control.passed).toBe(false);
				expect(control.source.details).toMatch(/OpenIm\.node\.ts[\s\S]*no-console/);
			} finally {
				fs.rmSync(copy, { recursive: true, force: true });
			}
		},
		5 * 60_000,
	);
});
