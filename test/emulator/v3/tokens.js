'use strict';
// Tokens as 3.x issues them (T:tokenverify, S:pkg/common/storage/controller/auth.go): HS256 JWTs signed with the
// server secret, claims {UserID, PlatformID, exp, iat}, plus the Redis status map that makes a valid JWT kicked (1506)
// or unknown (1507). Multi-login policy 1 (the default): a new token kicks the user's earlier tokens on the same
// platform, and all but the newest on each other platform; the admin platform (10) keeps up to 30.
const crypto = require('node:crypto');

const ADMIN_PLATFORM = 10;
const MAX_ADMIN_PLATFORM_TOKENS = 30;
const NORMAL = 0;
const KICKED = 2;

const b64url = (data) => Buffer.from(data).toString('base64url');
const sign = (secret, input) =>
	crypto.createHmac('sha256', secret).update(input).digest('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);
// A JWT that does not parse (T:tokenverify GetClaimFromToken): the detail names the token, which clients must not
// pass on: "<code> <msg> jwt parse error, token=<the token>".
const jwtError = (code, msg, token) => ({
	code,
	msg,
	dlt: `${code} ${msg} jwt parse error, token=${token}`,
});

function decodeSegment(segment) {
	if (!/^[A-Za-z0-9_-]*$/.test(segment)) throw new Error('bad base64');
	const value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		throw new Error('not an object');
	return value;
}

class TokenStore {
	/** storesAdminTokens: 3.8.0 and older keep admin tokens in Redis too (and check them). */
	constructor({ secret, ttlSeconds, isAdmin, storesAdminTokens }) {
		Object.assign(this, { secret, ttlSeconds, isAdmin, storesAdminTokens });
		this.clear();
	}

	clear() {
		// `${userID}\n${platformID}` -> Map(token -> NORMAL | KICKED), in issue order: the Redis hash.
		this.redis = new Map();
		// Every token issued, in order, for snapshot(); expireAll() marks them.
		this.issued = [];
		this.expired = new Set();
	}

	slot(userID, platformID) {
		const key = `${userID}\n${platformID}`;
		if (!this.redis.has(key)) this.redis.set(key, new Map());
		return this.redis.get(key);
	}

	/** A token as CreateToken makes it: { token, expireTimeSeconds (the TTL, a duration) }. */
	issue(userID, platformID) {
		const now = nowSeconds();
		const claims = {
			UserID: userID,
			PlatformID: platformID,
			exp: now + this.ttlSeconds,
			iat: now - 5,
		};
		const input = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
		const token = `${input}.${sign(this.secret, input)}`;
		// The same claims in the same second give the same string: re-issued, it is valid again.
		this.expired.delete(token);
		if (!this.isAdmin(userID) || this.storesAdminTokens) this.kickForNew(userID, platformID);
		if (!this.isAdmin(userID) || this.storesAdminTokens)
			this.slot(userID, platformID).set(token, NORMAL);
		this.issued.push({ userID, platformID, token, exp: claims.exp });
		return { token, expireTimeSeconds: this.ttlSeconds };
	}

	kickForNew(userID, platformID) {
		for (const [key, tokens] of this.redis) {
			const [user, platform] = key.split('\n');
			if (user !== userID) continue;
			const live = [...tokens].filter(([, status]) => status === NORMAL).map(([t]) => t);
			const keep =
				Number(platform) === ADMIN_PLATFORM
					? Number(platform) === platformID
						? MAX_ADMIN_PLATFORM_TOKENS - 1
						: MAX_ADMIN_PLATFORM_TOKENS
					: Number(platform) === platformID
						? 0
						: 1;
			for (const t of live.slice(0, Math.max(0, live.length - keep))) tokens.set(t, KICKED);
		}
	}

	/** The newest token of the user on the platform that is still valid, if any. */
	newest(userID, platformID) {
		const live = [...(this.redis.get(`${userID}\n${platformID}`) ?? [])].filter(
			([t, status]) => status === NORMAL && !this.expired.has(t),
		);
		return live.at(-1)?.[0];
	}

	/** force_logout: the user's tokens on that platform become kicked. */
	kick(userID, platformID) {
		const tokens = this.redis.get(`${userID}\n${platformID}`);
		for (const t of tokens?.keys() ?? []) tokens.set(t, KICKED);
	}

	expireAll() {
		for (const { token } of this.issued) this.expired.add(token);
	}

	/** { claims } or { code, msg, dlt } as parseToken answers (S:internal/rpc/auth/auth.go, §2.7). */
	parse(token) {
		const parts = String(token ?? '').split('.');
		let header;
		let claims;
		try {
			if (parts.length !== 3) throw new Error('segments');
			header = decodeSegment(parts[0]);
			claims = decodeSegment(parts[1]);
			if (typeof claims.UserID !== 'string' || !Number.isInteger(claims.PlatformID))
				throw new Error('claims');
		} catch {
			return jwtError(1503, 'TokenMalformedError', token);
		}
		const now = nowSeconds();
		if ((typeof claims.exp === 'number' && now > claims.exp) || this.expired.has(token))
			return jwtError(1501, 'TokenExpiredError', token);
		if (typeof claims.nbf === 'number' && now < claims.nbf)
			return jwtError(1504, 'TokenNotValidYetError', token);
		if (header.alg !== 'HS256' || sign(this.secret, `${parts[0]}.${parts[1]}`) !== parts[2])
			return jwtError(1505, 'signature is invalid', token);
		if (this.isAdmin(claims.UserID) && !this.storesAdminTokens) return { claims };
		const status = this.redis.get(`${claims.UserID}\n${claims.PlatformID}`)?.get(token);
		if (status === undefined)
			return { code: 1507, msg: 'TokenNotExistError', dlt: 'TokenNotExistError' };
		if (status === KICKED) return { code: 1506, msg: 'TokenKickedError', dlt: 'TokenKickedError' };
		return { claims };
	}

	snapshot() {
		return this.issued.map(({ userID, platformID, token, exp }) => {
			const status = this.expired.has(token)
				? 'expired'
				: this.redis.get(`${userID}\n${platformID}`)?.get(token) === KICKED
					? 'kicked'
					: 'normal';
			return { userID, platformID, token, exp, status };
		});
	}
}

module.exports = { TokenStore, ADMIN_PLATFORM };
