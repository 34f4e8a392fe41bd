import type { IDataObject } from 'n8n-workflow';

/** Go's sort.Strings: byte-wise, which JavaScript's UTF-16 order is not beyond the BMP. */
const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * The ID OpenIM files a message under (S:pkg/msgprocessor/conversation.go):
 * si_<the two users sorted> for one-to-one chats, sg_<groupID> for groups.
 */
export function conversationIdOf(sessionType: number, sendID: string, peer: string): string {
	if (sessionType === 3) return `sg_${peer}`;
	const prefix = sessionType === 4 ? 'sn' : 'si';
	return `${prefix}_${[sendID, peer].sort(byteOrder).join('_')}`;
}

/**
 * One search_msg entry as the node's item, the same on every server: 3.8.1+
 * wraps each as {chatLog, isRevoked}, older ones answer the ChatLog itself.
 * ChatLog has seq but no conversation ID: the node adds it.
 */
export function searchItem(entry: IDataObject): IDataObject {
	const wrapped =
		entry.chatLog !== undefined && entry.chatLog !== null && typeof entry.chatLog === 'object';
	const log = (wrapped ? entry.chatLog : entry) as IDataObject;
	const sessionType = Number(log.sessionType);
	// Group chats: search_msg puts the groupID into recvID.
	const peer = String(sessionType === 3 ? log.groupID || log.recvID : log.recvID);
	return {
		...log,
		conversationID: conversationIdOf(sessionType, String(log.sendID), peer),
		...(wrapped && { isRevoked: entry.isRevoked === true }),
	};
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC day search_msg filters on (Go's time.DateOnly), from a day or a date-time; undefined when unreadable. */
export function utcDayOf(value: string): string | undefined {
	const text = value.trim();
	const date = new Date(DAY.test(text) ? `${text}T00:00:00Z` : text);
	if (Number.isNaN(date.getTime())) return undefined;
	const day = date.toISOString().slice(0, 10);
	return DAY.test(text) && day !== text ? undefined : day;
}
