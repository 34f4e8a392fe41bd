#!/usr/bin/env node
'use strict';
/*
 * Talks to the IM bot example as an app user of the OpenIM 3.x emulator that `npm start` runs:
 * sends the bot a text message (as the SDK would, so the emulator calls the OpenIM Trigger), then
 * waits for the bot's answer in the emulator and prints it.
 *
 *   npm run ask-bot -- "What are your opening hours?"
 *   node scripts/ask-bot.js --from bob --bot support_bot --url http://127.0.0.1:10002 "hello"
 */

const USAGE =
	'Usage: npm run ask-bot -- [--from <userID>] [--bot <userID>] [--url <emulator URL>] "<question>"';

function parseArgs(argv, env) {
	const opts = {
		from: 'alice',
		bot: 'support_bot',
		url: env.OPENIM_EMULATOR_URL || 'http://127.0.0.1:10002',
		text: '',
	};
	const words = [];
	for (let i = 0; i < argv.length; i++) {
		const flag = { '--from': 'from', '--bot': 'bot', '--url': 'url' }[argv[i]];
		if (argv[i] === '--help' || argv[i] === '-h') return { help: true };
		if (flag) {
			if (argv[i + 1] === undefined) throw new Error(`${argv[i]} needs a value`);
			opts[flag] = argv[++i];
		} else words.push(argv[i]);
	}
	opts.text = words.join(' ').trim() || 'What are your opening hours?';
	opts.url = opts.url.replace(/\/+$/, '');
	return { opts };
}

async function json(url, init) {
	let res;
	try {
		res = await fetch(url, init);
	} catch (error) {
		const why = error.cause?.code || error.cause?.message || error.message;
		throw new Error(
			`could not reach the OpenIM emulator at ${new URL(url).origin} (${why}): is npm start running? If it printed another emulator URL, pass it with --url <emulator URL>`,
		);
	}
	const text = await res.text();
	try {
		return JSON.parse(text);
	} catch {
		throw new Error(`${url}: HTTP ${res.status} ${text.slice(0, 200)}`);
	}
}

/** The content of a stored 3.x text message (the emulator keeps the JSON string the server stores). */
const textOf = (message) => {
	try {
		return JSON.parse(message.content).content;
	} catch {
		return message.content;
	}
};

async function ask({ url, from, bot, text }, timeoutMs = 30000) {
	const before = (await json(`${url}/__emulator/state`)).messages.length;
	const sent = await json(`${url}/__emulator/app/send`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			sendID: from,
			recvID: bot,
			contentType: 101,
			content: { content: text },
		}),
	});
	if (sent.errCode !== 0)
		throw new Error(
			`OpenIM refused the message: errCode ${sent.errCode} ${sent.errMsg} ${sent.errDlt || ''}`,
		);
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const { messages } = await json(`${url}/__emulator/state`);
		const answer = messages.slice(before).find((m) => m.sendID === bot && m.recvID === from);
		if (answer) return textOf(answer);
		if (Date.now() > deadline) {
			throw new Error(
				`no answer from ${bot} within ${timeoutMs / 1000} s: is npm start running with the IM bot example active? (${url}/__emulator/webhooks shows where the emulator calls)`,
			);
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

async function main() {
	const parsed = parseArgs(process.argv.slice(2), process.env);
	if (parsed.help) return console.log(USAGE);
	const { opts } = parsed;
	console.log(`${opts.from} -> ${opts.bot}: ${opts.text}`);
	console.log(`${opts.bot} -> ${opts.from}: ${await ask(opts)}`);
}

if (require.main === module) {
	main().catch((error) => {
		console.error(`ask-bot: ${error.message}`);
		process.exit(1);
	});
}

module.exports = { parseArgs, ask };
