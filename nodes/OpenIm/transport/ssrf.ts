/**
 * n8n 2.x can refuse requests to private, loopback and other internal addresses
 * (N8N_SSRF_PROTECTION_ENABLED=true), and a self-hosted OpenIM usually sits on one.
 * n8n refuses before connecting, with its own SsrfBlockedIpError or
 * SsrfBlockedHostnameError (@n8n/backend-network), which reaches the node wrapped in
 * NodeApiError, sometimes through the credential's token fetch. This turns it into
 * the exception the operator has to add. The protection itself is never worked around.
 */

const REFUSAL_NAME = /^SsrfBlocked(Ip|Hostname)Error$/;
/** n8n 2.41's messages, and "IP address is blocked" of earlier n8n sources. */
const REFUSAL_TEXT =
	/request was blocked because (it resolves to a restricted IP address|the destination hostname is restricted)|^IP address is blocked$/;
const HOSTNAME_REFUSAL = /destination hostname is restricted/;
/** "The target 10.0.0.5 is not allowed." or, with a host name, "The target 'openim.lan' (10.0.0.5) ..." */
const TARGET_TEXT = /The target (?:'[^']*' \(([^)\s]+)\)|(\S+)) is not allowed/;
const BLOCKED = "n8n's SSRF protection blocked the request to OpenIM at";
/**
 * The token fetch's own error, wrapped by n8n. n8n-workflow releases before 2.41 drop an
 * error's `cause` when wrapping it, so the refusal is read back from the message.
 */
const TOKEN_ERROR_TEXT = new RegExp(`^${BLOCKED} \\S+(?: \\(([^)\\s]+)\\))?`);

type Layer = Record<string, unknown>;

interface Refusal {
	byHostname: boolean;
	ip?: string;
}

const layerOf = (value: unknown): Layer | undefined =>
	typeof value === 'object' && value !== null ? (value as Layer) : undefined;
const textOf = (value: unknown): string | undefined =>
	typeof value === 'string' && value ? value : undefined;

/** Looks through the error and its causes (NodeApiError, our token error, n8n's error). */
function findRefusal(error: unknown): Refusal | undefined {
	let found: Refusal | undefined;
	let ip: string | undefined;
	let layer = layerOf(error);
	for (let depth = 0; layer && depth < 8; depth++, layer = layerOf(layer.cause)) {
		const messages = Array.isArray(layer.messages) ? layer.messages : [];
		const texts = [layer.message, layer.description, ...messages]
			.map(textOf)
			.filter((text): text is string => !!text);
		const name = textOf(layer.name) ?? '';
		const refusal = texts.find((text) => REFUSAL_TEXT.test(text));
		const own = texts.map((text) => TOKEN_ERROR_TEXT.exec(text)).find(Boolean);
		if (!found && (REFUSAL_NAME.test(name) || refusal || own)) {
			found = {
				byHostname: name === 'SsrfBlockedHostnameError' || HOSTNAME_REFUSAL.test(refusal ?? ''),
			};
		}
		const target = texts.map((text) => TARGET_TEXT.exec(text)).find(Boolean);
		ip ??=
			textOf(layer.ip) ??
			textOf(layerOf(layer.extra)?.ip) ??
			target?.[1] ??
			target?.[2] ??
			own?.[1];
	}
	return found && { ...found, ip };
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const isIp = (host: string) => IPV4.test(host) || host.includes(':');
const ipRange = (ip: string) => `N8N_SSRF_ALLOWED_IP_RANGES=${ip}/${ip.includes(':') ? 128 : 32}`;

/** The host of a normalised Base URL, without the brackets of an IPv6 address. */
const hostOf = (baseUrl: string) => new URL(baseUrl).hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * The exception that lets n8n reach OpenIM. n8n checks an IP address in the URL only
 * against the IP ranges, and a host name first against the allowed host names (which
 * then skip the IP checks). A host on N8N_SSRF_BLOCKED_HOSTNAMES yields only to an
 * allowed host name.
 */
function exceptionFor(host: string, refusal: Refusal): string {
	if (isIp(host)) return ipRange(host);
	const alternative = refusal.ip && !refusal.byHostname ? ` (or ${ipRange(refusal.ip)})` : '';
	return `N8N_SSRF_ALLOWED_HOSTNAMES=${host}${alternative}`;
}

/**
 * When `error` is n8n's SSRF refusal of a request to `baseUrl` (normalised): the message
 * and the description to show instead. Undefined for every other error. Only the host and
 * the blocked address are named, nothing of the request.
 */
export function ssrfRefusal(error: unknown, baseUrl: string): [string, string] | undefined {
	const refusal = findRefusal(error);
	if (!refusal) return undefined;
	const host = hostOf(baseUrl);
	const ip = refusal.ip ?? (isIp(host) ? host : undefined);
	const address = ip && ip !== host ? `${host} (${ip})` : host;
	return [
		`${BLOCKED} ${address}`,
		'Nothing was sent. n8n runs with N8N_SSRF_PROTECTION_ENABLED=true, which keeps nodes away from private, loopback ' +
			`and other internal addresses. To let n8n reach this OpenIM server, set ${exceptionFor(host, refusal)} in n8n's ` +
			'environment (after a comma if the variable already has a value) and restart n8n.',
	];
}

/**
 * The same for the credential's token fetch. n8n's credential test shows only an error's
 * message, so the message carries the whole advice; the node's transport recognises the
 * refusal again (by the cause, or by the message where n8n dropped the cause) and shows
 * it as message and description.
 */
export function ssrfTokenError(error: unknown, baseUrl: string): Error | undefined {
	const refusal = ssrfRefusal(error, baseUrl);
	if (!refusal) return undefined;
	const [message, description] = refusal;
	return Object.assign(new Error(`${message}. ${description}`, { cause: error }), { description });
}
