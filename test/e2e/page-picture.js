'use strict';
/*
 * Pictures for the manual of pages that n8n serves to people outside the editor (an approval link's
 * page), taken as a person's browser shows them: Debian's chromium driven by playwright-core, as in
 * browser.test.js. Only when N8N_E2E_SCREENSHOT_GENERATION names the n8n generation under test: the
 * suites that use this need no browser otherwise.
 */

const fs = require('node:fs');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..');
const RESULTS = path.join(REPO, 'test-results');
const DOCS_IMAGES = path.join(REPO, 'docs', 'images');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'];

/** Whether this run makes the manual's pictures of `generation`. */
const picturesOf = (generation) => process.env.N8N_E2E_SCREENSHOT_GENERATION === generation;

/**
 * Opens `url` (a GET, as a click on a link in a chat app) in a phone-wide window and writes the whole
 * page to test-results/<name> and docs/images/<name>.
 */
async function pictureOfPage(url, name) {
	const { chromium } = require('playwright-core');
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_ARGS,
	});
	try {
		const page = await browser.newPage({ viewport: { width: 600, height: 200 }, locale: 'en-US' });
		const response = await page.goto(url);
		if (response.status() !== 200) throw new Error(`${url} answered ${response.status()}`);
		fs.mkdirSync(RESULTS, { recursive: true });
		const file = path.join(RESULTS, name);
		await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
		fs.mkdirSync(DOCS_IMAGES, { recursive: true });
		fs.copyFileSync(file, path.join(DOCS_IMAGES, name));
	} finally {
		await browser.close();
	}
}

/** Writes what a run received (a request body) to test-results/<name>, for the manual's samples. */
function keepSample(name, value) {
	fs.mkdirSync(RESULTS, { recursive: true });
	fs.writeFileSync(path.join(RESULTS, name), `${JSON.stringify(value, null, '\t')}\n`);
}

module.exports = { picturesOf, pictureOfPage, keepSample };
