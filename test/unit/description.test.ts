import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

import { OpenIm } from '../../nodes/OpenIm/OpenIm.node';
import { visibleParameters } from '../support/visible-parameters';

/**
 * The node's description as the editor evaluates it, for 2021 and 3.x, both typeVersions, every
 * resource, operation and message form: the fixture was written from main before the generations'
 * fields were computed from their table (WRITE_FIXTURE=1 writes it again: only on purpose).
 */
const FIXTURE = join(__dirname, 'fixtures', 'visible-parameters.json');

test('the editor shows the same parameters, names, defaults and credentials as before', () => {
	const now = visibleParameters(new OpenIm().description);
	if (process.env.WRITE_FIXTURE === '1')
		writeFileSync(FIXTURE, JSON.stringify(now, null, '\t') + '\n');
	const before = JSON.parse(readFileSync(FIXTURE, 'utf8'));
	expect(Object.keys(now.shown).length).toBeGreaterThan(100);
	expect(now.shown).toEqual(before.shown);
	expect(now.definitions).toEqual(before.definitions);
});
