'use strict';
// The 3.x emulator's own control routes, added to the shared ones (../control.js).
const { sendAsUser } = require('./routes');

const CONTROL_ROUTES = {
	// An app user sends a message as the SDK would (so that message webhooks fire): { sendID, recvID | groupID,
	// contentType = 101, content, sessionType, senderPlatformID = 5, senderNickname, senderFaceURL, ex }.
	'POST app/send': (emu, body) => sendAsUser(emu, body),
	// A user's app connects or disconnects: { userID, platformID = 5, online = true }.
	'POST app/online': (emu, { userID, platformID, online = true }) => (
		emu.setOnline(userID, platformID, online),
		{ ok: true }
	),
};

module.exports = { CONTROL_ROUTES };
