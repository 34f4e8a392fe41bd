/**
 * Turns the credential's Base URL into the prefix every endpoint is appended to.
 * A path prefix (OpenIM behind a reverse proxy) and trailing slashes are fine;
 * anything that would send the admin secret somewhere unexpected is refused.
 */
function parseUrl(value: string): URL | undefined {
	try {
		return new URL(value);
	} catch {
		return undefined;
	}
}

/** The credential the messages name, and an address of its default install. */
export interface BaseUrlContext {
	credential: string;
	example: string;
}

const OPENIM_2021: BaseUrlContext = {
	credential: 'OpenIM 2021 Server API',
	example: 'http://127.0.0.1:10000',
};

export function normalizeBaseUrl(
	raw: unknown,
	{ credential, example }: BaseUrlContext = OPENIM_2021,
): string {
	const value = typeof raw === 'string' ? raw.trim() : '';
	if (!value) {
		throw new Error(`Base URL is empty: set it in the ${credential} credential, e.g. ${example}`);
	}
	if (!/^https?:\/\//i.test(value)) {
		throw new Error(`Base URL must start with http:// or https://, e.g. ${example}`);
	}
	const url = parseUrl(value);
	if (!url) {
		// The raw value is not echoed: it may hold a password typed into the URL.
		throw new Error(`Base URL is not a valid URL: check its host and port, e.g. ${example}`);
	}
	if (url.username || url.password) {
		throw new Error(
			'Base URL must not contain a user name or password: OpenIM authenticates with the secret and admin user ID',
		);
	}
	if (url.search || url.hash || /[\s<>"{}|\\^`]/.test(value)) {
		throw new Error(
			`Base URL "${url.origin}${url.pathname}" must not carry a query, a fragment or spaces: use only the scheme, host, port and an optional path prefix`,
		);
	}
	return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
