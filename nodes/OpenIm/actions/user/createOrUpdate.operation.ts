import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import type { Endpoints } from '../../api/types';
import { runsOf, type Settled } from '../../helpers/batch';
import { failureOf, type Session } from '../../transport';
import { batchOf, noRepeat, registerEntries } from '../batch';
import { endpointOf, prepare } from '../call';
import { requestSettings } from '../common.descriptions';
import { fetchUsers } from './get.operation';
import { checkedRegisterInput, registerInput, registerProperties } from './register.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['createOrUpdate'] } },
	registerProperties(
		'A batch costs one get_users_info for its user IDs and one user_register for the new users; OpenIM has no bulk update, so each existing user still gets its own update_user_info_ex.',
	),
);

export const needs: Array<keyof Endpoints> = ['user.get', 'user.register', 'user.update'];

/** The operation's own item: what was sent and what it did, without the single operations' flags. */
function outcome([first]: IDataObject[], action: 'created' | 'updated'): IDataObject[] {
	const item: IDataObject = { ...first, action };
	delete item.updated;
	delete item.registered;
	return [item];
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const input = registerInput(read, api);
	const settings = requestSettings(read);
	// Both requests are built first, so that a bad input is refused before the lookup. The platform
	// only matters for the token a new registration returns.
	const register = prepare(this, api, endpointOf(this, api, 'user.register'), input, settings);
	const update = prepare(
		this,
		api,
		endpointOf(this, api, 'user.update'),
		{ uid: input.uid, profile: input.profile },
		settings,
	);
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

/**
 * A batch: one lookup for its user IDs, the new users registered together, then
 * one update per existing user (and per user registered by someone else since the
 * lookup). A user ID that comes again waits for the next run, as one by one.
 */
export const executeBatch = batchOf(
	function (itemIndex, api) {
		const updateEndpoint = endpointOf(this, api, 'user.update');
		const read = api.params.item(itemIndex);
		const input = checkedRegisterInput(read, api);
		const update = prepare(
			this,
			api,
			updateEndpoint,
			{ uid: input.uid, profile: input.profile },
			requestSettings(read),
		);
		return { ...input, uids: [input.uid], update };
	},
	async function (entries, settled, api) {
		const updated = async (
			update: () => Promise<IDataObject[]>,
		): Promise<Settled<IDataObject[]>> => {
			try {
				return { value: outcome(await update(), 'updated') };
			} catch (error) {
				return { error };
			}
		};
		const registeredMeanwhile = (error: unknown) => {
			const failure = failureOf(error);
			return failure !== undefined && api.isAlreadyRegistered(failure);
		};
		for (const run of runsOf(entries, noRepeat())) {
			let existing: Map<string, IDataObject>;
			try {
				existing = await fetchUsers(
					this,
					api,
					run.map((entry) => entry.input.uid),
					run[0].itemIndex,
				);
			} catch (error) {
				for (const entry of run) settled.set(entry.itemIndex, { error });
				continue;
			}
			const created = await registerEntries(
				this,
				api,
				run.filter((entry) => !existing.has(entry.input.uid)),
			);
			for (const { itemIndex, input } of run) {
				const result = created.get(itemIndex);
				if (!result || ('error' in result && registeredMeanwhile(result.error)))
					settled.set(itemIndex, await updated(input.update));
				else
					settled.set(
						itemIndex,
						'value' in result ? { value: outcome(result.value, 'created') } : result,
					);
			}
		}
	},
);
