'use strict';
// 3.x error codes (S:pkg/common/servererrs/code.go, T:errs/code.go) and server-version comparison.

const NAMES = {
	500: 'ServerInternalError',
	1001: 'ArgsError',
	1002: 'NoPermissionError',
	1003: 'DuplicateKeyError',
	1004: 'RecordNotFoundError',
	1101: 'UserIDNotFoundError',
	1102: 'RegisteredAlreadyError',
	1201: 'GroupIDNotFoundError',
	1202: 'GroupIDExisted',
	1203: 'NotInGroupYetError',
	1204: 'DismissedAlreadyError',
	1301: 'CanNotAddYourselfError',
	1302: 'BlockedByPeer',
	1303: 'NotPeersFriend',
	1304: 'RelationshipAlreadyError',
	1402: 'MutedInGroup',
	1403: 'MutedGroup',
	1404: 'MsgAlreadyRevoke',
	1501: 'TokenExpiredError',
	1502: 'TokenInvalidError',
	1503: 'TokenMalformedError',
	1504: 'TokenNotValidYetError',
	1505: 'TokenUnknownError',
	1506: 'TokenKickedError',
	1507: 'TokenNotExistError',
};

/**
 * A CodeError as the envelope shows it: { errCode: code, errMsg: msg (the code's name unless given), errDlt: dlt }.
 * Errors that crossed the RPC without a detail carry their name as the detail (T:mw/rpc_server_interceptor.go).
 */
class ApiError extends Error {
	constructor(code, dlt = NAMES[code] ?? '', msg = NAMES[code] ?? 'ServerInternalError') {
		super(`${code} ${msg}: ${dlt}`);
		Object.assign(this, { code, msg, dlt });
	}
}

const args = (dlt) => new ApiError(1001, dlt);
const noPermission = (dlt) => new ApiError(1002, dlt);
// CheckAccessV3: neither the admin nor the user named.
const notOwner = (userID) => new ApiError(1002, `ownerUserID=${userID}`);
// Mongo's ErrNoDocuments, replaced by RecordNotFound.
const notFound = (dlt = 'mongo: no documents in result') => new ApiError(1004, dlt);
// A Mongo unique-index violation is no CodeError: 500, the driver's text as errMsg and errDlt.
const duplicateKey = (collection, key) => {
	const text = `write exception: write errors: [E11000 duplicate key error collection: openim_v3.${collection} index: ${key} dup key]`;
	return new ApiError(500, text, text);
};

/** '3.8.3-patch.16' -> [3, 8, 3]. */
const parseVersion = (v) => {
	const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(String(v));
	if (!m) throw new TypeError(`serverVersion must look like 3.8.3, not ${v}`);
	return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
};
const compare = (a, b) => {
	const [x, y] = [parseVersion(a), parseVersion(b)];
	return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};
const atLeast = (version, than) => compare(version, than) >= 0;

module.exports = {
	ApiError,
	NAMES,
	args,
	noPermission,
	notOwner,
	notFound,
	duplicateKey,
	parseVersion,
	atLeast,
};
