import { createHash } from 'crypto';
import type { INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

/** Every property as the editor shows it (what it is), without the conditions that chose it. */
function definitionOf(property: INodeProperties): string {
	const { displayOptions: _shownWhen, ...definition } = property;
	return JSON.stringify(definition);
}

const keyOf = (definition: string) =>
	createHash('sha1').update(definition).digest('hex').slice(0, 12);

export interface VisibleParameters {
	/** Each shown property's definition, by a short hash of it. */
	definitions: Record<string, unknown>;
	/** For every combination of the values that decide what is shown: the credentials and the properties shown, in order. */
	shown: Record<string, { credentials: string[]; properties: string[] }>;
}

function optionValues(
	properties: INodeProperties[],
	name: string,
	values: INodeParameters,
	node: { typeVersion: number },
	description: INodeTypeDescription,
): Array<string | number> {
	return properties
		.filter(
			(property) =>
				property.name === name && NodeHelpers.displayParameter(values, property, node, description),
		)
		.flatMap((property) =>
			(property.options ?? []).map((option) => (option as { value: string | number }).value),
		);
}

/**
 * What the editor shows for every typeVersion, OpenIM Version, resource and
 * operation (and, for messages, every session type, content type and content
 * input), evaluated by n8n's own display rules with the defaults filled in.
 */
export function visibleParameters(description: INodeTypeDescription): VisibleParameters {
	const { properties } = description;
	const result: VisibleParameters = { definitions: {}, shown: {} };
	const record = (key: string, values: INodeParameters, node: { typeVersion: number }) => {
		const resolved =
			NodeHelpers.getNodeParameters(properties, values, true, false, node, description) ?? {};
		const shown = properties.filter((property) =>
			NodeHelpers.displayParameter(resolved, property, node, description),
		);
		result.shown[key] = {
			credentials: (description.credentials ?? [])
				.filter((credential) =>
					NodeHelpers.displayParameter(resolved, credential, node, description),
				)
				.map((credential) => credential.name),
			properties: shown.map((property) => {
				const definition = definitionOf(property);
				const hash = keyOf(definition);
				result.definitions[hash] = JSON.parse(definition);
				return `${property.name}:${hash}`;
			}),
		};
	};
	for (const typeVersion of [1, 2]) {
		const node = { typeVersion };
		for (const apiVersion of optionValues(properties, 'apiVersion', {}, node, description)) {
			for (const resource of optionValues(
				properties,
				'resource',
				{ apiVersion },
				node,
				description,
			)) {
				const base = { apiVersion, resource };
				for (const operation of optionValues(properties, 'operation', base, node, description)) {
					const values: INodeParameters = { ...base, operation };
					const key = `${typeVersion}/${apiVersion}/${resource}/${operation}`;
					record(key, values, node);
					if (resource !== 'message') continue;
					const sessionTypes = optionValues(properties, 'sessionType', values, node, description);
					for (const sessionType of sessionTypes.length ? sessionTypes : [undefined]) {
						const withSession = sessionType === undefined ? values : { ...values, sessionType };
						for (const contentType of optionValues(
							properties,
							'contentType',
							withSession,
							node,
							description,
						)) {
							for (const contentMode of ['fields', 'json']) {
								record(
									`${key}/${sessionType ?? '-'}/${contentType}/${contentMode}`,
									{ ...withSession, contentType, contentMode },
									node,
								);
							}
						}
					}
				}
			}
		}
	}
	return result;
}
