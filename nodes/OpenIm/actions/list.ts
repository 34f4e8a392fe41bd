import type { IDataObject } from 'n8n-workflow';

import type { Endpoint, Endpoints, PageInput } from '../api/types';
import type { ItemReader } from '../helpers/params';
import { collect, endpointOf } from './call';
import { getLimit, limitProperties, optionsProperty, requestSettings } from './common.descriptions';
import { defineOperation } from './define';
import type { Field } from './operation';

/** The operations whose endpoint lists entries page by page, as `resource.operation`. */
type ListKey = {
	[K in keyof Endpoints]-?: NonNullable<Endpoints[K]> extends Endpoint<PageInput> ? K : never;
}[keyof Endpoints];

interface Listing {
	/** The fields that say what to list, shown (and read) above Return All and Limit... */
	above?: Field[];
	/** ...or below them, as a Filters collection is. */
	below?: Field[];
	/** The request's filters, read from those fields. */
	filters: (read: ItemReader) => IDataObject;
}

/**
 * A Get Many operation: the fields that choose what is listed, Return All and Limit, and Options;
 * up to the limit of entries, page after page.
 */
export function listOperation(key: ListKey, { above = [], below = [], filters }: Listing) {
	const fields = [...above, ...limitProperties, ...below, optionsProperty];
	return defineOperation(key, fields, async (read, api) => {
		// In the editor's order, so that of two bad fields the upper one is named.
		const first = below.length ? undefined : filters(read);
		const max = getLimit(read);
		const chosen = first ?? filters(read);
		const endpoint = endpointOf(read.ctx, api, key) as Endpoint<PageInput>;
		return await collect(read.ctx, api, endpoint, chosen, max, requestSettings(read));
	});
}
