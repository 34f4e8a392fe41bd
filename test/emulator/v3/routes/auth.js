'use strict';
// auth/* (S:internal/rpc/auth/auth.go; §2).
const { T, req, needAdmin } = require('./common');
const { ApiError, args, noPermission, notFound } = require('../errors');
const { ADMIN_PLATFORM } = require('../tokens');

const platformInRange = (id) => id >= 1 && id <= 10;

module.exports = {
	'/auth/get_admin_token': {
		since: '3.8.1',
		params: req('auth.GetAdminTokenReq', [
			['Secret', 'secret', T.STRING],
			['UserID', 'userID', T.STRING],
		]),
		check: (p) => (p.userID === '' ? 'userID is empty' : undefined),
		handle(emu, p) {
			if (p.secret !== emu.config.secret) throw noPermission('secret invalid');
			if (!emu.isAdmin(p.userID))
				throw args(`userID is error., userID=${p.userID}, adminUserID=[${emu.config.adminUserID}]`);
			if (!emu.state.users.has(p.userID)) throw notFound('user not found');
			return emu.tokens.issue(p.userID, ADMIN_PLATFORM);
		},
	},

	// 3.0 to 3.8.0: every token, the admin's included, came from here with the secret.
	'/auth/user_token': {
		until: '3.8.1',
		params: req('auth.UserTokenReq', [
			['Secret', 'secret', T.STRING],
			['PlatformID', 'platformID', T.INT32],
			['UserID', 'userID', T.STRING],
		]),
		check: (p) =>
			p.userID === ''
				? 'userID is empty'
				: !platformInRange(p.platformID)
					? 'platform is invalidate'
					: undefined,
		handle(emu, p) {
			if (p.secret !== emu.config.secret) throw noPermission('secret invalid');
			if (!emu.state.users.has(p.userID)) throw notFound('record not found');
			return emu.tokens.issue(p.userID, p.platformID);
		},
	},

	'/auth/get_user_token': {
		// GetUserTokenReq.Check builds its errors and never returns them: nothing is validated.
		params: req('auth.GetUserTokenReq', [
			['PlatformID', 'platformID', T.INT32],
			['UserID', 'userID', T.STRING],
		]),
		handle(emu, p, op) {
			needAdmin(op);
			if (p.platformID === ADMIN_PLATFORM)
				throw noPermission('platformID invalid. platformID must not be adminPlatformID');
			if (emu.isAdmin(p.userID)) throw noPermission("don't get Admin token");
			const user = emu.state.users.get(p.userID);
			if (!user) throw notFound('record not found');
			if (user.appMangerLevel >= 3) throw args('app account can`t get token');
			return emu.tokens.issue(p.userID, p.platformID);
		},
	},

	'/auth/force_logout': {
		params: req('auth.ForceLogoutReq', [
			['PlatformID', 'platformID', T.INT32],
			['UserID', 'userID', T.STRING],
		]),
		check: (p) =>
			p.userID === ''
				? 'userID is empty'
				: !platformInRange(p.platformID)
					? 'platformID is invalidate'
					: undefined,
		handle(emu, p, op) {
			needAdmin(op);
			emu.tokens.kick(p.userID, p.platformID);
			emu.state.online.delete(p.userID);
		},
	},

	'/auth/parse_token': {
		params: req('auth.ParseTokenReq', [['Token', 'token', T.STRING]]),
		// (sic)
		check: (p) => (p.token === '' ? 'userID is empty' : undefined),
		handle(emu, p) {
			const parsed = emu.tokens.parse(p.token);
			if (parsed.code) throw new ApiError(parsed.code, parsed.dlt, parsed.msg);
			const { UserID, PlatformID, exp } = parsed.claims;
			// Here expireTimeSeconds is the absolute exp, unlike the token routes' duration.
			return { userID: UserID, platformID: PlatformID, expireTimeSeconds: exp };
		},
	},
};
