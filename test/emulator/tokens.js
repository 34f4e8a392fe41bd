'use strict';
// Real HS256 JWTs shaped like the 2021 server's (src/utils/jwt_token.go): claims {UID, Platform, exp, iat, nbf}.
// They are signed with a key private to this emulator instance, so a token from elsewhere fails like a
// forged one. Parsing follows jwt-go v3.2.0 as wrapped by the server's ParseToken: the first matching
// reason among malformed, expired, not yet valid, anything else.
const crypto = require('node:crypto');

const TOKEN_ERRORS = {
	malformed: "that's not even a token",
	expired: 'token is timed out, please log in again',
	notValidYet: 'token not active yet',
	unknown: "couldn't handle this token",
};

// src/utils/platform_number_id_to_name.go; 8 is the admin platform of later 2021 releases.
const PLATFORM_NAMES = {
	1: 'IOS',
	2: 'Android',
	3: 'Windows',
	4: 'OSX',
	5: 'Web',
	6: 'MiniWeb',
	7: 'Linux',
	8: 'Admin',
};

const b64url = (data) => Buffer.from(data).toString('base64url');
const sign = (key, input) => crypto.createHmac('sha256', key).update(input).digest('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);

function decodeSegment(segment) {
	if (!/^[A-Za-z0-9_-]*={0,2}$/.test(segment)) throw new Error('bad base64');
	const value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		throw new Error('not an object');
	return value;
}

class TokenSigner {
	constructor(ttlSeconds) {
		this.ttlSeconds = ttlSeconds;
		this.key = crypto.randomBytes(32);
		// Keys of tokens made to expire by expireAll(): such tokens report "timed out", not "forged".
		this.expiredKeys = [];
	}

	issue(uid, platform) {
		const iat = nowSeconds();
		const exp = iat + this.ttlSeconds;
		const claims = { UID: uid, Platform: PLATFORM_NAMES[platform] ?? '', exp, iat, nbf: iat };
		const input = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
		return { token: `${input}.${sign(this.key, input)}`, expiredTime: exp };
	}

	/** Every token issued so far becomes expired; new ones get a fresh key and so differ from the old ones. */
	expireAll() {
		this.expiredKeys.push(this.key);
		this.key = crypto.randomBytes(32);
	}

	/** { claims } or { error } with the server's error text. */
	parse(token) {
		const parts = String(token ?? '').split('.');
		let header;
		let claims;
		try {
			if (parts.length !== 3) throw new Error('segments');
			header = decodeSegment(parts[0]);
			claims = decodeSegment(parts[1]);
			const types = {
				UID: 'string',
				Platform: 'string',
				exp: 'number',
				iat: 'number',
				nbf: 'number',
			};
			for (const [name, type] of Object.entries(types)) {
				if (claims[name] !== undefined && typeof claims[name] !== type)
					throw new Error(`claim ${name}`);
			}
		} catch {
			return { error: TOKEN_ERRORS.malformed };
		}
		const now = nowSeconds();
		const input = `${parts[0]}.${parts[1]}`;
		const signedBy = (key) => header.alg === 'HS256' && sign(key, input) === parts[2];
		// jwt-go checks the claims' times before the signature, and ParseToken reports expiry first.
		if ((claims.exp !== undefined && now > claims.exp) || this.expiredKeys.some(signedBy))
			return { error: TOKEN_ERRORS.expired };
		if (claims.nbf !== undefined && now < claims.nbf) return { error: TOKEN_ERRORS.notValidYet };
		if ((claims.iat !== undefined && now < claims.iat) || !signedBy(this.key))
			return { error: TOKEN_ERRORS.unknown };
		return { claims };
	}
}

module.exports = { TokenSigner };
