// The README is the front page and docs/ the manual: every relative link and anchor must lead somewhere,
// and the links n8n shows in the editor (documentationUrl, the codex files) must name a page of the manual.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const REPO_BLOB = 'https://github.com/n8n-nodes-openim/n8n-nodes-openim/blob/main/';

const pages = [
	'README.md',
	'CHANGELOG.md',
	...fs
		.readdirSync(path.join(ROOT, 'docs'))
		.filter((f) => f.endsWith('.md'))
		.map((f) => `docs/${f}`),
];

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to dashes. */
function slug(heading) {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[`*_]/g, '')
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/[^\p{L}\p{N} -]/gu, '')
		.replace(/ /g, '-');
}

function anchorsOf(file) {
	const text = fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/```[\s\S]*?```/g, '');
	const seen = new Map();
	const anchors = new Set();
	for (const [, heading] of text.matchAll(/^#{1,6} (.+)$/gm)) {
		const base = slug(heading);
		const n = seen.get(base) ?? 0;
		seen.set(base, n + 1);
		anchors.add(n ? `${base}-${n}` : base);
	}
	return anchors;
}

function linksOf(file) {
	const text = fs
		.readFileSync(path.join(ROOT, file), 'utf8')
		.replace(/```[\s\S]*?```/g, '')
		.replace(/`[^`\n]*`/g, '');
	return [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
		.map((m) => m[1])
		.filter((href) => !/^[a-z]+:/i.test(href));
}

/** The file and anchor a link of `from` names, or a reason it leads nowhere. */
function brokenLink(from, href) {
	const [target, anchor] = href.split('#');
	const file = target
		? path.posix.normalize(path.posix.join(path.posix.dirname(from), target))
		: from;
	if (!fs.existsSync(path.join(ROOT, file))) return `${from}: ${href} (no file ${file})`;
	if (anchor && file.endsWith('.md') && !anchorsOf(file).has(anchor))
		return `${from}: ${href} (no heading #${anchor} in ${file})`;
	return undefined;
}

describe('README and manual', () => {
	it.each(pages)('%s has no dead relative link or anchor', (page) => {
		const links = linksOf(page);
		expect(links.map((href) => brokenLink(page, href)).filter(Boolean)).toEqual([]);
	});

	it('the README is a front page of at most 250 lines that links the manual and the changelog', () => {
		const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
		expect(readme.split('\n').length).toBeLessThanOrEqual(250);
		expect(linksOf('README.md')).toEqual(
			expect.arrayContaining(['docs/README.md', 'CHANGELOG.md']),
		);
	});

	it('every page of the manual is linked from the manual index', () => {
		const index = new Set(linksOf('docs/README.md').map((href) => href.split('#')[0]));
		const unlinked = pages
			.filter((p) => p.startsWith('docs/') && p !== 'docs/README.md')
			.map((p) => path.basename(p))
			.filter((p) => !index.has(p));
		expect(unlinked).toEqual([]);
	});

	it('no page holds a merge conflict left behind (prettier turns its markers into quotes)', () => {
		const leftovers = pages.filter((file) =>
			/^(<{7}|={7}$|>{7}|(> ){7})/m.test(fs.readFileSync(path.join(ROOT, file), 'utf8')),
		);
		expect(leftovers).toEqual([]);
	});

	it("package.json's version is the changelog's newest release", () => {
		const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
		const releases = [
			...fs
				.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8')
				.matchAll(/^## \[(\d+\.\d+\.\d+)\]/gm),
		].map((m) => m[1]);
		expect(releases[0]).toBe(version);
	});
});

describe('documentation links shown in the editor', () => {
	const built = (file) => path.join(ROOT, 'dist', file);
	const urls = [];
	beforeAll(() => {
		for (const node of ['OpenIm', 'OpenImTrigger']) {
			const { [node]: Node } = require(built(`nodes/OpenIm/${node}.node.js`));
			const type = new Node();
			const description = type.description ?? Object.values(type.nodeVersions)[0].description;
			urls.push([`${node} documentationUrl`, description.documentationUrl]);
			const codex = JSON.parse(
				fs.readFileSync(path.join(ROOT, `nodes/OpenIm/${node}.node.json`), 'utf8'),
			);
			for (const docs of Object.values(codex.resources ?? {}))
				for (const { url } of docs) urls.push([`${node}.node.json`, url]);
		}
		for (const credential of ['OpenImApi', 'OpenImV3Api']) {
			const { [credential]: Credential } = require(
				built(`credentials/${credential}.credentials.js`),
			);
			urls.push([`${credential} documentationUrl`, new Credential().documentationUrl]);
		}
	});

	it('each names an existing page (and heading) of this repository', () => {
		expect(urls.length).toBeGreaterThanOrEqual(7);
		const broken = urls.filter(
			([, url]) =>
				!url.startsWith(REPO_BLOB) || brokenLink('README.md', url.slice(REPO_BLOB.length)),
		);
		expect(broken).toEqual([]);
	});

	it('the node, the trigger and the credentials each point at their own page', () => {
		const pageOf = (name) => urls.find(([where]) => where === name)[1].slice(REPO_BLOB.length);
		expect(pageOf('OpenIm documentationUrl')).toBe('docs/operations.md');
		expect(pageOf('OpenImTrigger documentationUrl')).toBe('docs/trigger.md');
		expect(pageOf('OpenImV3Api documentationUrl')).toMatch(/^docs\/credentials\.md/);
		expect(pageOf('OpenImApi documentationUrl')).toMatch(/^docs\/credentials\.md/);
	});
});
