// Hostile parameters for every 3.x operation through the engine, one by one or in batches (Batch Size): no
// crash, every item ends as results or one error (paired to it), errors name a parameter and an item or come
// from OpenIM, nothing leaks.
const fc = require('fast-check');
const { useOpenImV3, ADMIN } = require('./context');

const SEED = !process.env.FUZZ_SEED ? 20261201 : Number(process.env.FUZZ_SEED);
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const env = useOpenImV3({ seed: true });

const KNOWN_IDS = [ADMIN, 'alice', 'bob', 'carol', '3000000001'];
const hostileString = fc.oneof(
	{ weight: 3, arbitrary: fc.constantFrom(...KNOWN_IDS) },
	{
		weight: 2,
		arbitrary: fc.constantFrom(
			'',
			' ',
			',',
			'a-b',
			'a,,b,a',
			'0',
			'-1',
			'1e3',
			'NaN',
			'{"content":"hi"}',
			'[]',
			'{}',
			'\u0000',
			'😀'.repeat(65),
			'x'.repeat(2000),
			'token=abc',
		),
	},
	{ weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
);
const hostileNumber = fc.oneof(
	fc.constantFrom(0, -1, 1, 2, 3, 4, 5, 10, 11, 101, 102, 110, 1400, 2 ** 32, 1.5, 1e21),
	fc.integer(),
);
const scalar = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null));

function literalFor(property) {
	switch (property.type) {
		case 'string':
			return hostileString;
		case 'number':
			return hostileNumber;
		case 'boolean':
			return fc.oneof({ weight: 5, arbitrary: fc.boolean() }, { weight: 1, arbitrary: scalar });
		case 'options':
			return fc.oneof(
				{
					weight: 4,
					arbitrary: fc.constantFrom(...property.options.map((option) => option.value)),
				},
				{ weight: 1, arbitrary: scalar },
			);
		case 'json':
			return fc.oneof(
				hostileString,
				fc.constantFrom('{"content":"hi"}', '{"data":"x"}', '{}', '[]', 'not json'),
			);
		case 'collection':
			return fc.record(
				Object.fromEntries(property.options.map((option) => [option.name, literalFor(option)])),
				{ requiredKeys: [] },
			);
		case 'fixedCollection': {
			// The shape n8n accepts (its first group by name; a list if multipleValues): any other key fails
			// n8n's Workflow before the node runs. The values inside are hostile.
			const [group] = property.options;
			const entry = fc.record(
				Object.fromEntries(group.values.map((value) => [value.name, literalFor(value)])),
				{ requiredKeys: [] },
			);
			return (property.typeOptions?.multipleValues ? fc.array(entry, { maxLength: 4 }) : entry).map(
				(value) => ({ [group.name]: value }),
			);
		}
		default:
			return scalar;
	}
}

/** A value as a literal, or per item through an expression reading `$json.p.<name>`. */
const valueFor = (property) =>
	fc.oneof(
		{ weight: 3, arbitrary: literalFor(property).map((value) => ({ value })) },
		{
			weight: 2,
			arbitrary: fc
				.array(literalFor(property), { minLength: 3, maxLength: 3 })
				.map((perItem) => ({ value: `={{ $json.p[${JSON.stringify(property.name)}] }}`, perItem })),
		},
	);

function casesFor(description) {
	const operations = description.properties.filter(
		(p) =>
			p.name === 'operation' &&
			p.displayOptions?.show?.apiVersion?.includes('v3') !== false &&
			(p.displayOptions?.show?.apiVersion ?? ['v3']).includes('v3'),
	);
	return operations.flatMap((selector) =>
		selector.options.map((option) => {
			const resource = selector.displayOptions.show.resource[0];
			const properties = description.properties.filter((p) => {
				const show = p.displayOptions?.show ?? {};
				return (
					p.name !== 'operation' &&
					show.resource?.includes(resource) &&
					show.operation?.includes(option.value) &&
					(show.apiVersion ?? ['v3']).includes('v3') &&
					!show['@version']?.includes(1)
				);
			});
			return { resource, operation: option.value, properties };
		}),
	);
}

/** Listings may rightly answer an item with nothing; every other operation gives each item one or more items. */
const LISTINGS = new Set([
	'user.getAll',
	'group.getAll',
	'group.getMembers',
	'friend.getAll',
	'group.getJoined',
	'friend.getBlacklist',
	'message.search',
	'conversation.getAll',
]);
const CRASH =
	/Cannot read prop|is not a function|is not iterable|undefined \(reading|of undefined|of null|Maximum call stack/;

describe('3.x fuzz', () => {
	it(`survives ${RUNS} hostile runs (seed ${SEED})`, async () => {
		const cases = casesFor(env.pkg.nodeType.description);
		expect(cases.length).toBe(41);
		const byOperation = fc.constantFrom(...cases).chain((fuzzCase) => {
			const unique = [...new Map(fuzzCase.properties.map((p) => [p.name, p])).values()];
			const values = fc.record(
				Object.fromEntries(unique.map((p) => [p.name, fc.option(valueFor(p), { nil: undefined })])),
			);
			// Options → Batch Size: the 3 items one by one, packed, or a size the node must refuse.
			const batchSize = fc.constantFrom(undefined, 1, 2, 3, 1000, 0, 1001, 'x');
			return fc
				.tuple(values, batchSize)
				.map(([picked, size]) => ({ fuzzCase, values: picked, batchSize: size }));
		});
		let errors = 0;
		let refused = 0;
		let ran = 0;
		await fc.assert(
			fc.asyncProperty(byOperation, async ({ fuzzCase, values, batchSize }) => {
				const parameters = {
					resource: fuzzCase.resource,
					operation: fuzzCase.operation,
					options: { timeout: 2000, ...(batchSize !== undefined && { batchSize }) },
				};
				const items = [0, 1, 2].map(() => ({ json: { p: {} } }));
				for (const [name, entry] of Object.entries(values)) {
					if (!entry || name === 'options') continue;
					parameters[name] = entry.value;
					if (entry.perItem) entry.perItem.forEach((value, i) => (items[i].json.p[name] = value));
				}
				env.emu.requests.length = 0;
				let res;
				try {
					res = await env.run(parameters, items, { continueOnFail: true });
				} catch (error) {
					if (error.name !== 'WorkflowHasIssuesError') throw error;
					// n8n refuses a workflow whose required parameters are empty before the node runs: only that,
					// and only for parameters this case left empty.
					const { parameters: issues, ...other } = error.issues.OpenIM;
					expect(other).toEqual({});
					for (const [name, messages] of Object.entries(issues)) {
						expect(messages.every((message) => / is required\.$/.test(message))).toBe(true);
						expect([undefined, '']).toContain(parameters[name]);
					}
					refused++;
					return;
				}
				ran++;
				// Send and Wait sends once for the run and waits: its items are the input items until the answer.
				const waits =
					fuzzCase.operation === 'sendAndWait' &&
					res.items.every((item) => item.json.error === undefined);
				expect(res.status).toBe(waits ? 'waiting' : 'success');
				if (fuzzCase.operation === 'sendAndWait') expect(res.items).toHaveLength(3);
				const paired = res.items.map((item) => item.pairedItem.item);
				expect(paired).toEqual([...paired].sort());
				for (const index of [0, 1, 2]) {
					const own = res.items.filter((item) => item.pairedItem.item === index);
					if (!LISTINGS.has(`${fuzzCase.resource}.${fuzzCase.operation}`))
						expect(own.length).toBeGreaterThan(0);
					if (own.some((item) => item.json.error !== undefined)) expect(own).toHaveLength(1);
				}
				for (const item of res.items) {
					if (item.json.error === undefined) continue;
					errors++;
					expect(item.json.error).not.toMatch(CRASH);
					const fromOpenIm =
						/ \((errCode -?\d+|HTTP \d+)\)$/.test(item.json.error) ||
						/^(Could not|OpenIM did not answer|The connection)/.test(item.json.error);
					const named =
						/ \[item \d+\]$/.test(item.json.error) || /^The operation /.test(item.json.error);
					if (!fromOpenIm && !named)
						throw new Error(
							`unexplained error for ${fuzzCase.resource}.${fuzzCase.operation}: ${item.json.error}`,
						);
				}
				env.expectNoSecrets(res, { userTokens: fuzzCase.operation === 'getToken' });
			}),
			{ numRuns: RUNS, seed: SEED, endOnFailure: true },
		);
		console.log(
			`3.x fuzz: ${ran} runs reached the node, ${refused} were refused by n8n, ${errors} item errors`,
		);
		expect(ran + refused).toBe(RUNS);
		expect(errors).toBeGreaterThan(0);
		// Refusals are no test of the node: most runs must reach it.
		expect(ran).toBeGreaterThan(RUNS / 2);
	}, 600_000);
});
