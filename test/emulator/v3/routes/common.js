'use strict';
// What the route files share: request types, permission checks, paging.
const G = require('../../gojson');
const { ApiError, noPermission, notOwner } = require('../errors');

const { STRING, INT32, INT64, UINT32, BOOL, MAP, sliceOf, ptr, struct, wrapper } = G;
const STRINGS = sliceOf(STRING);
const T = {
	STRING,
	INT32,
	INT64,
	UINT32,
	BOOL,
	MAP,
	STRINGS,
	sliceOf,
	ptr,
	struct,
	StringValue: wrapper(STRING, 'wrapperspb.StringValue'),
	Int32Value: wrapper(INT32, 'wrapperspb.Int32Value'),
	BoolValue: wrapper(BOOL, 'wrapperspb.BoolValue'),
};
T.Pagination = ptr(
	struct('sdkws.RequestPagination', [
		['PageNumber', 'pageNumber', INT32],
		['ShowNumber', 'showNumber', INT32],
	]),
);
T.UserInfo = ptr(
	struct('sdkws.UserInfo', [
		['UserID', 'userID', STRING],
		['Nickname', 'nickname', STRING],
		['FaceURL', 'faceURL', STRING],
		['Ex', 'ex', STRING],
		['CreateTime', 'createTime', INT64],
		['AppMangerLevel', 'appMangerLevel', INT32],
		['GlobalRecvMsgOpt', 'globalRecvMsgOpt', INT32],
	]),
);

/** A request struct from [GoName, jsonKey, type] rows. */
const req = (name, fields) => struct(name, fields);

/** Check() of a pagination: only pageNumber >= 1 is enforced. */
const checkPagination = (p) =>
	!p ? 'pagination is empty' : p.pageNumber < 1 ? 'pageNumber is invalid' : undefined;

/**
 * mongoutil.FindPage: the total, and the page's items, or null when showNumber <= 0 or the page is past the end
 * (`emptyList` is what the route answers then: null for most routes, [] for a few, §8).
 */
function page(items, { pageNumber, showNumber }, emptyList = null) {
	const slice =
		showNumber > 0 ? items.slice((pageNumber - 1) * showNumber, pageNumber * showNumber) : [];
	return { total: items.length, list: slice.length ? slice : emptyList };
}

// authverify.CheckAdmin and CheckAccessV3.
const needAdmin = (op) => {
	if (!op.admin) throw noPermission(`user ${op.userID} is not admin userID`);
};
const needAdminOrSelf = (op, userID) => {
	if (!op.admin && op.userID !== userID) throw notOwner(userID);
};
const repeated = (list) => new Set(list).size !== list.length;
// Mongo $regex with the caller's pattern; a pattern Mongo cannot compile is a driver error (500).
const regex = (pattern, flags) => {
	try {
		return new RegExp(pattern, flags);
	} catch (e) {
		throw new ApiError(500, `(BadValue) Regular expression is invalid: ${e.message}`);
	}
};
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** rpcli CheckUser: every ID must be a user (a repeated ID counts as missing, as the server compares lengths). */
function checkUsers(emu, ids) {
	const found = new Set(ids.filter((id) => emu.state.users.has(id)));
	if (found.size !== ids.length) throw new ApiError(1004, 'user not found');
}

module.exports = {
	T,
	req,
	checkPagination,
	page,
	needAdmin,
	needAdminOrSelf,
	checkUsers,
	repeated,
	regex,
	nowSeconds,
};
