'use strict';
// OpenIM servers in memory, for tests and for trying the node: the 2021 generation (server-api-2021.md) and 3.x
// (server-api-v3.md, ./v3). See README.md for the API, the control routes and how each differs from the real server.
const { OpenImEmulator } = require('./server');
const { OpenImV3Emulator } = require('./v3');

module.exports = { OpenImEmulator, OpenImV3Emulator };
