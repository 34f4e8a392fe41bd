'use strict';
// Where the 3.x server fires webhooks (server-api-v3.md 4.4), the emulator calls these. The defaults do nothing, as
// a server with every webhook disabled. Replace `emu.hooks` (or one of its functions) to fire real callbacks:
// - before(command, body): awaited. Resolve to { errCode, errMsg, errDlt } with errCode != 0 to refuse the API
//   call with that error; for the modifying events, the fields the answer carries replace the request's (e.g.
//   { content } for callbackBeforeMsgModifyCommand, { users } for callbackBeforeUserRegisterCommand). Anything
//   else (undefined, {}) lets the call go on unchanged. An errCode below 0 refuses with 500, as on the server.
//   Throwing an ApiError (./errors.js, also exported by ./index.js) refuses with it too, e.g. the server's
//   90004 for a webhook it could not reach; any other exception is a panic (HTTP 500, empty body).
// - after(command, body): not awaited; its result and errors are ignored.
// Each body is the doc's (4.5), callbackCommand included.

const defaultHooks = () => ({
	before: async () => undefined,
	after: () => undefined,
});

module.exports = { defaultHooks };
