import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { failureOf, openImRequest } from '../../transport';
import { requestSettings } from '../common.descriptions';
import { fetchUsers } from './get.operation';
import { PATH as REGISTER, registerBody, registerProperties } from './register.operation';
import { PATH as UPDATE } from './update.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['createOrUpdate'] } },
	registerProperties,
);

async function update(ctx: IExecuteFunctions, body: IDataObject, itemIndex: number): Promise<IDataObject[]> {
	// The platform only matters for the token a new registration returns.
	const profile = { ...body };
	delete profile.platform;
	await openImRequest.call(ctx, UPDATE, profile, requestSettings(ctx, itemIndex));
	return [{ ...profile, action: 'updated' }];
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const body = registerBody(this, itemIndex);
	const uid = body.uid as string;
	const existing = await fetchUsers(this, [uid], itemIndex);
	if (existing.has(uid)) return await update(this, body, itemIndex);
	const settings = { ...requestSettings(this, itemIndex), withSecret: true };
	let answer: IDataObject;
	try {
		answer = await openImRequest.call(this, REGISTER, body, settings);
	} catch (error) {
		// Registered by someone else since the lookup: the 2021 server reports it as a MySQL duplicate.
		if (/Duplicate entry/i.test(failureOf(error)?.errMsg ?? '')) return await update(this, body, itemIndex);
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
	return [{ ...(answer.data as IDataObject), action: 'created' }];
}
