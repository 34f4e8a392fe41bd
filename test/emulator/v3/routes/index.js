'use strict';
// Every 3.x API route, by path. Each: params (the request struct), check (a2r Check()) or gin + validate (BindJSON
// binding tags), since/until (server versions that have it), handle(emu, params, op) -> data | undefined (no data).
const { sendAsUser } = require('./msg');
const { objectRedirect } = require('./object');

const ROUTES = Object.fromEntries(
	['auth', 'user', 'group', 'friend', 'msg', 'object', 'conversation'].flatMap((file) =>
		Object.entries(require(`./${file}`)).filter(([path]) => path.startsWith('/')),
	),
);

module.exports = { ROUTES, sendAsUser, objectRedirect };
