'use strict';
// An OpenIM server of the 3.x generation (server-api-v3.md), in memory, for tests and for trying the node.
// See ../README.md for the API, the control routes, the hooks and how it differs from the real server.
const { OpenImV3Emulator } = require('./server');
const { ApiError } = require('./errors');

module.exports = { OpenImV3Emulator, ApiError };
