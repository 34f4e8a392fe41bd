import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiVersion, Generation } from './types';
import { v2021 } from './v2021';
import { v3 } from './v3';

/** The API generations the node speaks; a third one is one more entry here and its folder. */
export const GENERATIONS: Record<ApiVersion, Generation> = { v3, '2021': v2021 };

/**
 * Saved typeVersion 1 workflows never stored apiVersion: their default stays
 * 2021, while a node added now starts on 3.x.
 */
export const apiVersionProperties: INodeProperties[] = [
	{ version: [1], default: '2021' },
	{ version: [{ _cnd: { gte: 2 } }], default: 'v3' },
].map(({ version, default: fallback }) => ({
	displayName: 'OpenIM Version',
	name: 'apiVersion',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: '3.x', value: 'v3', description: 'OpenIM Server 3.0 and later (port 10002)' },
		{
			name: '2021 API (1.x)',
			value: '2021',
			description: 'The OpenIM server of 2021 (port 10000)',
		},
	],
	default: fallback,
	description: 'Which OpenIM server API the node speaks',
	displayOptions: { show: { '@version': version } },
}));

/** The generation of this node, read once per run. */
export function generationOf(ctx: IExecuteFunctions): Generation {
	const fallback = ctx.getNode().typeVersion >= 2 ? 'v3' : '2021';
	const apiVersion = (ctx.getNodeParameter('apiVersion', 0, fallback) ?? fallback) as string;
	const api = GENERATIONS[apiVersion as ApiVersion];
	if (!api)
		throw new NodeOperationError(
			ctx.getNode(),
			`OpenIM Version "${apiVersion}" is not one of v3, 2021`,
		);
	return api;
}
