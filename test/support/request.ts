import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Generation } from '../../nodes/OpenIm/api/types';

import { v2021 } from '../../nodes/OpenIm/api/v2021';
import { OpenImClient, type RequestSettings } from '../../nodes/OpenIm/transport';

/**
 * The request of the unit tests written before the client: each mocked run (its
 * context) gets one client, as the router opens one per execution.
 */
const clients = new WeakMap<object, OpenImClient>();

export async function openImRequest(
	this: IExecuteFunctions,
	path: string,
	body: IDataObject,
	settings: RequestSettings & { api?: Generation },
): Promise<IDataObject> {
	let client = clients.get(this);
	if (!client) clients.set(this, (client = new OpenImClient(this, settings.api ?? v2021)));
	return await client.request(path, body, settings);
}
