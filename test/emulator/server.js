'use strict';
// OpenImEmulator: the 2021 generation. The HTTP machinery is base.js; the API is routes.js.
const { HttpEmulator } = require('./base');
const { dispatch } = require('./routes');
const { TokenSigner } = require('./tokens');
const { State, nanoClock } = require('./state');
const { MessageCallback, CONTROL_ROUTES } = require('./callback');

const DEFAULTS = {
	host: '127.0.0.1',
	port: 0,
	secret: 'tuoyun',
	adminUid: 'openIM123456',
	tokenTtlSeconds: 604800,
	strictContentTypes: false,
	latencyMs: 0,
	seed: false,
	quiet: true,
};
// malformedNext: a 200 whose body is cut off mid-JSON, as a misbehaving proxy would leave it.
const MALFORMED_BODY = '{"errCode":0,"errMsg":"","data":{"uid":';

class OpenImEmulator extends HttpEmulator {
	constructor(options = {}) {
		super(DEFAULTS, options, { malformedBody: MALFORMED_BODY });
		this.signer = new TokenSigner(this.config.tokenTtlSeconds);
		this.nowNs = nanoClock();
		this.messageCallback = new MessageCallback(this.config.messageCallback);
		this.controlRoutes = CONTROL_ROUTES;
		this.reset();
	}

	/** Back to a fresh server: state, request log, faults and latency; the admin is registered again. */
	reset() {
		this.state = new State();
		// Registered up front, as servers from late September 2021 on do (W needed a user_register first).
		this.state.addUser({ uid: this.config.adminUid, name: 'AppManager1' });
		if (this.config.seed) this.state.seed();
		this.requests.length = 0;
		this.faults.clear();
		this.latencyMs = this.config.latencyMs;
		this.messageCallback.reset();
	}

	/** Adds the demo users and group (see state.js); idempotent. */
	seed() {
		this.state.seed();
	}

	snapshot() {
		return this.state.snapshot();
	}

	expireAllTokens() {
		this.signer.expireAll();
	}

	/** Mints a valid token (the user need not exist) and records it like one from auth/user_token. */
	issueToken(uid, platform) {
		const { token, expiredTime } = this.signer.issue(uid, platform);
		this.state.tokens.push({ uid, platform, token, expiredTime });
		return { token, expiredTime };
	}

	handle(request) {
		return dispatch(this, request);
	}
}

module.exports = { OpenImEmulator };
