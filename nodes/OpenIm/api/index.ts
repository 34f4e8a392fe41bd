import type { IExecuteFunctions, INodeCredentialDescription, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Generation } from './types';
import { v2021 } from './v2021';
import { v3 } from './v3';

const BUILT_IN = { v3, '2021': v2021 };

/**
 * The API generations the node speaks, by their OpenIM Version value: a new one is its folder and
 * one entry here. The editor's OpenIM Version options, credentials, Operation selectors and the
 * generation-specific fields are computed from this table.
 */
export const GENERATIONS: Record<string, Generation> = BUILT_IN;

export type ApiVersion = keyof typeof BUILT_IN;

/** The generations, newest first (the editor's order: its node picker takes the first selector). */
export function generations(): Generation[] {
	return Object.values(GENERATIONS).sort((a, b) => b.released - a.released);
}

/**
 * Saved typeVersion 1 workflows never stored apiVersion: their default stays
 * 2021, while a node added now starts on 3.x.
 */
export function apiVersionProperties(): INodeProperties[] {
	return [
		{ version: [1], default: '2021' },
		{ version: [{ _cnd: { gte: 2 } }], default: 'v3' },
	].map(({ version, default: fallback }) => ({
		displayName: 'OpenIM Version',
		name: 'apiVersion',
		type: 'options',
		noDataExpression: true,
		options: generations().map(({ apiVersion, option }) => ({
			name: option.name,
			value: apiVersion,
			description: option.description,
		})),
		default: fallback,
		description: 'Which OpenIM server API the node speaks',
		displayOptions: { show: { '@version': version } },
	}));
}

/** The generation of this node, read once per run. */
export function generationOf(ctx: IExecuteFunctions): Generation {
	const fallback = ctx.getNode().typeVersion >= 2 ? 'v3' : '2021';
	const apiVersion = (ctx.getNodeParameter('apiVersion', 0, fallback) ?? fallback) as string;
	const api = Object.prototype.hasOwnProperty.call(GENERATIONS, apiVersion)
		? GENERATIONS[apiVersion]
		: undefined;
	if (!api)
		throw new NodeOperationError(
			ctx.getNode(),
			`OpenIM Version "${apiVersion}" is not one of ${generations()
				.map((generation) => generation.apiVersion)
				.join(', ')}`,
		);
	return api;
}

/**
 * Each generation's credential, shown for it, the newest generation's LAST: the editor gives a node
 * it opens without a credential the "most recent" of its credentials, but in a new workflow its list
 * has no dates, so it takes the last one, and picking a 2021 credential turns a node added from the
 * node picker to 2021 (and its 3.x-only operation to the default). The type offered by "Create new
 * credential" follows the OpenIM Version options (newest first), not this order.
 */
export function credentialProperties(): INodeCredentialDescription[] {
	const oldestFirst = [...generations()].reverse();
	const types = [...new Set(oldestFirst.map((generation) => generation.credentialType))];
	return types.map((name) => ({
		name,
		required: true,
		displayOptions: {
			show: {
				apiVersion: generations()
					.filter((generation) => generation.credentialType === name)
					.map((generation) => generation.apiVersion),
			},
		},
	}));
}
