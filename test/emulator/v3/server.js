'use strict';
// OpenImV3Emulator: an OpenIM 3.x server (server-api-v3.md) in memory. The request path is gin's on the real
// server: CORS (OPTIONS), operationID header, token (with the version's whitelist), route (404), bind, Check(),
// the RPC. HTTP machinery, faults and control routes come from ../base.js.
const { HttpEmulator } = require('../base');
const { decodeJSON } = require('../gojson');
const { TokenStore } = require('./tokens');
const { State } = require('./state');
const { ApiError, atLeast, parseVersion } = require('./errors');
const { Webhooks, WEBHOOK_ROUTES } = require('./webhooks');
const { ROUTES, objectRedirect } = require('./routes');
const { ObjectStorage } = require('./storage');
const { CONTROL_ROUTES } = require('./control');

const DEFAULTS = {
	host: '127.0.0.1',
	port: 0,
	secret: 'openIM123',
	adminUserID: 'imAdmin',
	// tokenPolicy.expire: 90 days.
	tokenTtlSeconds: 90 * 86400,
	latencyMs: 0,
	seed: false,
	quiet: true,
	serverVersion: '3.8.3',
	// openim-rpc-msg.yml friendVerify: single-chat senders must be friends of the recipient (1303).
	friendVerify: false,
	// The object storage's own address (MinIO's externalAddress): its host (default: host's) and port (0 = any free port).
	storageHost: undefined,
	storagePort: 0,
};
const JSON_ONLY = { 'Content-Type': 'application/json' };
const MALFORMED_BODY = '{"errCode":0,"errMsg":"","errDlt":"","data":{"token":';

const envelope = (errCode, errMsg, errDlt, data) =>
	data === undefined ? { errCode, errMsg, errDlt } : { errCode, errMsg, errDlt, data };
const fromError = (e) => envelope(e.code, e.msg, e.dlt);
const withCommand = (callbackCommand, body) =>
	'callbackCommand' in body ? { ...body, callbackCommand } : { callbackCommand, ...body };
// gin's serveError: its own text/plain, without a charset.
const NOT_FOUND = { status: 404, text: '404 page not found', type: 'text/plain' };
// What T:errs/stack appends to an a2r bind error (the real frames go on up to the runtime).
const TOOLS = 'github.com/openimsdk/tools@v0.0.50-alpha.113';
const A2R_STACK =
	` | -> jsonutil.JsonUnmarshal() ${TOOLS}/utils/jsonutil/json.go:28 -> a2r.jsonBinding.BindBody() ${TOOLS}/a2r/api2rpc.go:100 -> a2r.jsonBinding.Bind() ${TOOLS}/a2r/api2rpc.go:96` +
	` | -> a2r.jsonBinding.Bind() ${TOOLS}/a2r/api2rpc.go:96 -> gin.(*Context).ShouldBindWith() github.com/gin-gonic/gin@v1.9.1/context.go:755`;
// P:constant/platform_id_to_name.go
const PLATFORM_NAMES = {
	1: 'IOS',
	2: 'Android',
	3: 'Windows',
	4: 'OSX',
	5: 'Web',
	6: 'MiniWeb',
	7: 'Linux',
	8: 'APad',
	9: 'IPad',
	10: 'Admin',
	11: 'HarmonyOS',
};

class OpenImV3Emulator extends HttpEmulator {
	constructor(options = {}) {
		super(DEFAULTS, options, { malformedBody: MALFORMED_BODY, logAnswers: true });
		parseVersion(this.config.serverVersion);
		this.version = this.config.serverVersion;
		// webhooks.yml-like settings (option `webhooks`, POST /__emulator/webhooks); with none, no webhook fires.
		this.webhooks = new Webhooks(this.config.webhooks);
		this.hooks = this.webhooks;
		this.gatewayEvents = 0;
		this.controlRoutes = { ...CONTROL_ROUTES, ...WEBHOOK_ROUTES };
		// Routes of this server version, by path.
		this.routes = Object.fromEntries(
			Object.entries(ROUTES).filter(
				([, r]) =>
					(!r.since || atLeast(this.version, r.since)) &&
					(!r.until || !atLeast(this.version, r.until)),
			),
		);
		// S380 and older keep admin tokens in Redis like any other (§2.4).
		this.storage = new ObjectStorage({
			host: this.config.storageHost ?? this.config.host,
			port: this.config.storagePort,
		});
		this.tokens = new TokenStore({
			secret: this.config.secret,
			ttlSeconds: this.config.tokenTtlSeconds,
			isAdmin: (id) => this.isAdmin(id),
			storesAdminTokens: !this.newAuth,
		});
		this.reset();
	}

	/** v3.8.1+: get_admin_token, admin-token user_register, set_group_info_ex, gzip. */
	get newAuth() {
		return atLeast(this.version, '3.8.1');
	}

	isAdmin(userID) {
		return userID === this.config.adminUserID;
	}

	/** Back to a fresh server: state, tokens, request log, faults and latency; the admin is registered again. */
	reset() {
		this.state = new State();
		// At startup the user RPC creates each imAdminUserID with nickname = userID and appMangerLevel 3.
		this.state.addUser({
			userID: this.config.adminUserID,
			nickname: this.config.adminUserID,
			appMangerLevel: 3,
		});
		if (this.config.seed) this.state.seed();
		this.tokens.clear();
		this.requests.length = 0;
		this.faults.clear();
		this.latencyMs = this.config.latencyMs;
		this.webhooks.reset();
		this.storage.reset();
	}

	/** The API and, on a port of its own, the object storage. */
	async start() {
		await this.storage.start();
		return await super.start();
	}

	async stop() {
		await Promise.all([super.stop(), this.storage.stop()]);
	}

	seed() {
		this.state.seed();
	}

	snapshot() {
		return { ...this.state.snapshot(), tokens: structuredClone(this.tokens.snapshot()) };
	}

	expireAllTokens() {
		this.tokens.expireAll();
	}

	/** A valid token for anyone (registered or not), stored like one from get_user_token: { token, expireTimeSeconds }. */
	issueToken(userID, platformID) {
		return this.tokens.issue(userID, platformID);
	}

	/**
	 * A user's app connects to (online: true) or leaves (false) the gateway: online status routes see it and the
	 * afterUserOnline / afterUserOffline webhooks fire, with the gateway's body (§4.5).
	 */
	setOnline(userID, platformID = 5, online = true) {
		if (!this.state.users.has(userID))
			throw new TypeError(`userID must be a registered user, not ${userID}`);
		if (!PLATFORM_NAMES[platformID])
			throw new TypeError(`platformID must be 1 to 11, not ${platformID}`);
		const connID = `${userID}_${platformID}`;
		const connections = (this.state.online.get(userID) ?? []).filter(
			(c) => c.platformID !== platformID,
		);
		// The app connects with its token: the newest valid one of that platform, or a fresh one (as its login would).
		if (online)
			connections.push({
				platformID,
				connID,
				token:
					this.tokens.newest(userID, platformID) ?? this.tokens.issue(userID, platformID).token,
			});
		if (connections.length) this.state.online.set(userID, connections);
		else this.state.online.delete(userID);
		const body = {
			operationID: `p_${process.pid}_${++this.gatewayEvents}`,
			platformID,
			platform: PLATFORM_NAMES[platformID],
			userID,
			seq: Date.now(),
		};
		if (online)
			this.after('callbackAfterUserOnlineCommand', { ...body, isAppBackground: false, connID });
		else this.after('callbackAfterUserOfflineCommand', { ...body, connID });
	}

	/**
	 * Runs a before-webhook: throws the refusal, else resolves to the answer (for modifying events). The body gets
	 * callbackCommand first unless it places the key itself (the server's structs differ in field order).
	 */
	async before(command, body) {
		const answer = await this.hooks.before(command, withCommand(command, body));
		// A code <= 0 cannot cross the RPC: it becomes 500 (T:mw/rpc_server_interceptor.go).
		if (answer && answer.errCode !== undefined && answer.errCode !== 0)
			throw new ApiError(
				answer.errCode > 0 ? answer.errCode : 500,
				answer.errDlt ?? '',
				answer.errMsg ?? '',
			);
		return answer ?? {};
	}

	/** Queues an after-webhook; its outcome never reaches the API caller. */
	after(command, body) {
		Promise.resolve()
			.then(() => this.hooks.after(command, withCommand(command, body)))
			.catch(() => undefined);
	}

	whitelisted(path) {
		const list = this.newAuth
			? ['/auth/get_admin_token', '/auth/parse_token']
			: ['/user/user_register', '/auth/user_token', '/auth/parse_token'];
		return list.some((prefix) => path.startsWith(prefix));
	}

	async handle(request) {
		const answer = await this.route(request);
		const gzip = this.newAuth && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
		return { ...answer, gzip, headers: answer.json !== undefined ? JSON_ONLY : {} };
	}

	async route({ method, path, headers, rawBody }) {
		if (method === 'OPTIONS') return { status: 200, json: 'Options Request!' };
		if (method === 'GET' && path.startsWith('/object/'))
			return objectRedirect(this, decodeURIComponent(path.slice('/object/'.length)));
		if (method !== 'POST') return NOT_FOUND;
		const route = Object.hasOwn(this.routes, path) ? this.routes[path] : undefined;
		const operationID = headers.operationid;
		if (!operationID)
			return { status: 200, json: envelope(1001, 'ArgsError', 'header must have operationID') };
		// 3.0 to 3.7 attach the token check per route, so an unknown route is a 404 at once; later ones check first.
		if (!route && !atLeast(this.version, '3.8.0')) return NOT_FOUND;
		let op = { userID: '', platformID: 0, admin: false, operationID, headers };
		if (!this.whitelisted(path)) {
			if (!headers.token)
				return { status: 200, json: envelope(1001, 'ArgsError', 'header must have token') };
			const parsed = this.tokens.parse(headers.token);
			if (parsed.code) return { status: 200, json: envelope(parsed.code, parsed.msg, parsed.dlt) };
			op = {
				userID: parsed.claims.UserID,
				platformID: parsed.claims.PlatformID,
				admin: this.isAdmin(parsed.claims.UserID),
				operationID,
				headers,
			};
		}
		if (!route) return NOT_FOUND;

		// gin's BindJSON reads with a json.Decoder; a2r with json.Unmarshal.
		const decoded = decodeJSON(rawBody, route.params, { unmarshal: !route.gin });
		if (route.gin) {
			// gin's MustBindWith: HTTP 400, and the handler's own JSON still follows.
			const invalid = decoded.error ?? route.validate?.(decoded.value);
			if (invalid)
				return {
					status: 400,
					json: route.bindError?.(invalid) ?? envelope(1001, 'ArgsError', invalid),
				};
		} else {
			// a2r: the decoder's error, twice stack-wrapped, as errMsg; then the request's Check().
			if (decoded.error)
				return {
					status: 200,
					json: envelope(1001, `Error: Error: ${decoded.error}${A2R_STACK}`, ''),
				};
			const invalid = route.check?.(decoded.value);
			if (invalid) return { status: 200, json: envelope(1001, 'ArgsError', invalid) };
		}
		try {
			const data = await route.handle(this, decoded.value, op);
			return { status: 200, json: envelope(0, '', '', data) };
		} catch (error) {
			if (error instanceof ApiError) return { status: 200, json: fromError(error) };
			throw error;
		}
	}
}

module.exports = { OpenImV3Emulator };
