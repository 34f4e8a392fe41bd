'use strict';
// Runs one scenario module in this (fresh) process and hands its result to bench/run.js over IPC.
// Usage: node --expose-gc bench/lib/child.js <scenario> '<options json>'
const path = require('node:path');

const [, , name, optionsJson] = process.argv;
const scenario = require(path.join(__dirname, '..', 'scenarios', `${name}.js`));
const log = (message) => process.stderr.write(`  [${name}] ${message}\n`);

scenario
	.run({ options: JSON.parse(optionsJson || '{}'), log })
	.then((result) => {
		if (process.send) process.send({ result }, () => process.exit(0));
		else {
			console.log(JSON.stringify(result, null, 2));
			process.exit(0);
		}
	})
	.catch((error) => {
		process.stderr.write(`${error.stack}\n`);
		if (process.send) process.send({ error: String(error.stack) }, () => process.exit(1));
		else process.exit(1);
	});
