'use strict';
// An OpenIM server of the 2021 generation (server-api-2021.md), in memory, for tests and for trying the node.
// See README.md for the API, the control routes and how it differs from the real server.
const { OpenImEmulator } = require('./server');

module.exports = { OpenImEmulator };
