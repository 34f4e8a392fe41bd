import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ParameterError } from '../../helpers/params';
import type { RequestSettings, Session } from '../../transport';
import { fetchUsers } from '../user/get.operation';
import { call, endpointOf } from '../call';

const MENTION = 106;
const FIELD = { name: 'atUsersInfo', displayName: 'Mentioned User Names' };

/** What the user gave: each entry needs the mentioned user's ID. */
function given(entries: IDataObject[]): IDataObject[] {
	for (const entry of entries) {
		if (!entry || typeof entry !== 'object') throw new ParameterError(FIELD, 'must list objects');
		if (typeof entry.atUserID !== 'string' || !entry.atUserID)
			throw new ParameterError(FIELD, 'needs an atUserID in every entry');
		if (entry.groupNickname !== undefined && typeof entry.groupNickname !== 'string')
			throw new ParameterError(FIELD, 'needs groupNickname as text');
	}
	return entries;
}

/**
 * A Mention (106) with `atUsersInfo` beside `atUserList`, as OpenIM's own SDK sends it: its
 * apps show @Name from it, else the raw user ID. Not given, the names are looked up: the
 * member's nickname in the group, else the user's nickname, else the ID itself.
 */
export async function withMentionNames(
	ctx: IExecuteFunctions,
	api: Session,
	contentType: number,
	content: IDataObject,
	groupID: string | undefined,
	settings: RequestSettings,
): Promise<IDataObject> {
	if (api.apiVersion !== 'v3' || contentType !== MENTION) return content;
	if (content.atUsersInfo !== undefined && !Array.isArray(content.atUsersInfo))
		throw new ParameterError(FIELD, 'must be a list');
	const listed = (content.atUsersInfo ?? []) as IDataObject[];
	if (listed.length) return { ...content, atUsersInfo: given(listed) };
	const uids = [...new Set((content.atUserList as string[] | undefined) ?? [])];
	const names = new Map<string, string>();
	if (groupID && uids.length) {
		const members = await call(
			ctx,
			api,
			endpointOf(ctx, api, 'group.getMembersInfo'),
			{ groupID, fields: { uids } },
			settings,
		);
		for (const member of members)
			if (member.nickname) names.set(String(member.userID), String(member.nickname));
	}
	const unnamed = uids.filter((uid) => !names.has(uid));
	if (unnamed.length) {
		for (const [uid, user] of await fetchUsers(ctx, api, unnamed, settings.itemIndex))
			if (user.nickname) names.set(uid, String(user.nickname));
	}
	return {
		...content,
		atUsersInfo: uids.map((atUserID) => ({
			atUserID,
			groupNickname: names.get(atUserID) ?? atUserID,
		})),
	};
}
