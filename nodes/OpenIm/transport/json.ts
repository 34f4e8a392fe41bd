/**
 * OpenIM's manager/send_msg answers `sendTime` in nanoseconds, a number beyond
 * Number.MAX_SAFE_INTEGER. JSON.parse would round it, so integers too long to be
 * exact are turned into strings before parsing. String literals are skipped so
 * that digits inside them are never touched.
 */
const MAX_EXACT_DIGITS = 15;

function quoteLongIntegers(text: string): string {
	let out = '';
	let i = 0;
	while (i < text.length) {
		const ch = text[i];
		if (ch === '"') {
			const start = i;
			i++;
			while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
			out += text.slice(start, i + 1);
			i++;
			continue;
		}
		if (ch === '-' || (ch >= '0' && ch <= '9')) {
			const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
			const literal = match ? match[0] : ch;
			const isLongInteger =
				!match?.[1] && !match?.[2] && literal.replace('-', '').length > MAX_EXACT_DIGITS;
			out += isLongInteger ? `"${literal}"` : literal;
			i += literal.length;
			continue;
		}
		out += ch;
		i++;
	}
	return out;
}

/** Parses a JSON body, keeping integers longer than 15 digits exact as strings. Throws on invalid JSON. */
export function parseJsonExact(text: string): unknown {
	return JSON.parse(/\d{16}/.test(text) ? quoteLongIntegers(text) : text);
}
