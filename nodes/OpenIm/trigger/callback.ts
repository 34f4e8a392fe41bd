import type { IDataObject } from 'n8n-workflow';

import { parseJsonExact } from '../transport/json';

/** What OpenIM 3.x reads as "go on": it refuses only when actionCode is 0 and nextCode is 1. */
export const ALLOW_V3 = { actionCode: 0, errCode: 0, errMsg: '', nextCode: 0 };

/** The 2021 server replaces the message with modifiedMsg, so allowing means echoing the content back. */
export const allow2021 = (content: string) => ({
	errCode: 0,
	ResponseResult: { modifiedMsg: content },
});

export const TEXT_CONTENT_TYPE = 101;
// OpenIM marks messages sent through the admin API and notifications with msgFrom 200 (constant.SysMsgType).
const ADMIN_MSG_FROM = 200;

export interface Filters {
	contentTypes?: string;
	userIds?: string;
	ignoreSenderIds?: string;
	ignoreAdminMessages?: boolean;
}

export const splitList = (text: string | undefined): string[] =>
	(text ?? '').split(/[\s,]+/).filter(Boolean);

/** "101, 110-114" (the syntax of webhooks.yml's allowedTypes) as ranges, and the entries that are neither. */
export function parseContentTypes(text: string | undefined): {
	ranges: Array<[number, number]>;
	invalid: string[];
} {
	const ranges: Array<[number, number]> = [];
	const invalid: string[] = [];
	for (const entry of splitList(text)) {
		const match = /^(\d+)(?:-(\d+))?$/.exec(entry);
		if (match) ranges.push([Number(match[1]), Number(match[2] ?? match[1])]);
		else invalid.push(entry);
	}
	return { ranges, invalid };
}

/** The body as an object with exact integers, or undefined for anything that is not a JSON object. */
export function parseBody(raw: string): IDataObject | undefined {
	try {
		const body = parseJsonExact(raw);
		return isObject(body) ? body : undefined;
	} catch {
		return undefined;
	}
}

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a message passes the node's filters; events that are not messages always pass. */
export function passes(body: IDataObject, filters: Filters): boolean {
	const { ranges } = parseContentTypes(filters.contentTypes);
	const type = Number(body.contentType);
	if (ranges.length && !ranges.some(([low, high]) => type >= low && type <= high)) return false;
	const users = splitList(filters.userIds);
	if (users.length && !users.includes(String(body.sendID)) && !users.includes(String(body.recvID)))
		return false;
	if (splitList(filters.ignoreSenderIds).includes(String(body.sendID))) return false;
	return !(filters.ignoreAdminMessages && Number(body.msgFrom) === ADMIN_MSG_FROM);
}

/**
 * `content` arrives as a string: 3.x sends the JSON of the element (`{"content":"hi"}` for text),
 * 2021 the bare text for text messages and JSON for the others. Parsed when it is a JSON object.
 */
export function messageFields(body: IDataObject, apiVersion: string): IDataObject {
	const { content } = body;
	if (typeof content !== 'string') return {};
	const isText = Number(body.contentType) === TEXT_CONTENT_TYPE;
	if (apiVersion === '2021' && isText) return { content, text: content };
	const parsed = parseBody(content);
	if (!parsed) return { content };
	return isText && typeof parsed.content === 'string'
		? { content: parsed, text: parsed.content }
		: { content: parsed };
}
