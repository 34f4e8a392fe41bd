import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import type { Endpoints, Generation } from '../../api/types';
import { failureOf } from '../../transport';
import { endpointOf, prepare } from '../call';
import { requestSettings } from '../common.descriptions';
import { fetchUsers } from './get.operation';
import { registerInput, registerProperties } from './register.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['createOrUpdate'] } },
	registerProperties,
);

export const needs: Array<keyof Endpoints> = ['user.get', 'user.register', 'user.update'];

/** The operation's own item: what was sent and what it did, without the single operations' flags. */
function outcome([first]: IDataObject[], action: 'created' | 'updated'): IDataObject[] {
	const item: IDataObject = { ...first, action };
	delete item.updated;
	delete item.registered;
	return [item];
}

export async function execute(this: IExecuteFunctions, itemIndex: number, api: Generation): Promise<IDataObject[]> {
	const input = registerInput(this, itemIndex, api);
	const settings = requestSettings(this, itemIndex);
	// Both requests are built first, so that a bad input is refused before the lookup. The platform
	// only matters for the token a new registration returns.
	const register = prepare(this, api, endpointOf(this, api, 'user.register'), input, settings);
	const update = prepare(this, api, endpointOf(this, api, 'user.update'), { uid: input.uid, profile: input.profile }, settings);
	const existing = await fetchUsers(this, api, [input.uid], itemIndex);
	if (existing.has(input.uid)) return outcome(await update(), 'updated');
	try {
		return outcome(await register(), 'created');
	} catch (error) {
		// Registered by someone else since the lookup.
		const failure = failureOf(error);
		if (failure && api.isAlreadyRegistered(failure)) return outcome(await update(), 'updated');
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
}
