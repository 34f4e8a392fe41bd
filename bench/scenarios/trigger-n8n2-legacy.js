'use strict';
// What-if of trigger.js on n8n 2.x: the same run with N8N_EXPRESSION_ENGINE=legacy, n8n's expression engine
// without isolated-vm. n8n 2.41's default ('vm') takes a fresh isolate for every execution and, for every
// trigger but its own Webhook node, for the webhook call too (live-webhooks.js webhookPhaseNeedsIsolate):
// this run shows how much of the comparison that is.
//   node bench/run.js --only trigger-n8n2-legacy --update
const trigger = require('./trigger');

const env = { N8N_EXPRESSION_ENGINE: 'legacy' };

module.exports = {
	run: ({ options, log }) => trigger.run({ options: { generation: '2', env, ...options }, log }),
	report: trigger.report,
	specs: { 'trigger-n8n2-legacy': { quick: { generation: '2', env, ...trigger.QUICK } } },
};
