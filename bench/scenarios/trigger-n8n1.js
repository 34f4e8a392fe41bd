'use strict';
// The trigger scenario of trigger.js on n8n 1.x. A file of its own because run.js hands a scenario without
// full-run options (one that runs only when named) no options, so the module itself says the generation.
//   node bench/run.js --only trigger-n8n1 --update
const trigger = require('./trigger');

module.exports = {
	run: ({ options, log }) => trigger.run({ options: { generation: '1', ...options }, log }),
	report: trigger.report,
	specs: { 'trigger-n8n1': { quick: { generation: '1', ...trigger.QUICK } } },
};
