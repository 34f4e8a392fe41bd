import { NodeHelpers } from 'n8n-workflow';
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { OpenIm } from '../../nodes/OpenIm/OpenIm.node';

const description: INodeTypeDescription = new OpenIm().description;
const DECIDED = new Set(['@version', 'apiVersion', 'resource', 'operation']);
const shownFor = (property: INodeProperties) => property.displayOptions?.show ?? {};

/** Every parameter this node has that a user could turn into an expression. */
const expressions = Object.fromEntries(
	description.properties
		.filter((property) => !DECIDED.has(property.name))
		.map((property) => [property.name, '={{ $json.anything }}']),
);

/** The resource/operation pairs, each with a generation that offers it. */
const pairs = description.properties
	.filter((property) => property.name === 'operation')
	.flatMap((selector) =>
		(selector.options as Array<{ value: string }>).map((option) => ({
			resource: String(shownFor(selector).resource?.[0]),
			operation: option.value,
			apiVersion: String(shownFor(selector).apiVersion?.[0] ?? 'v3'),
		})),
	);

describe('display options with every other parameter an expression', () => {
	test.each([1, 2])(
		'typeVersion %i: a parameter of one operation never shows in another',
		(typeVersion) => {
			const node = { typeVersion };
			const leaks: string[] = [];
			for (const pair of pairs) {
				const values = { ...expressions, ...pair };
				for (const property of description.properties) {
					const { resource, operation } = shownFor(property);
					if (!resource || !operation) continue;
					const elsewhere =
						!resource.includes(pair.resource) || !operation.includes(pair.operation);
					if (elsewhere && NodeHelpers.displayParameter(values, property, node, description))
						leaks.push(
							`${property.name} of ${resource}.${operation} in ${pair.resource}.${pair.operation}`,
						);
				}
			}
			expect(pairs.length).toBeGreaterThan(30);
			expect(leaks).toEqual([]);
		},
	);
});
