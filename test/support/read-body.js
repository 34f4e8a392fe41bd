/** A fetch response's body as text, and parsed when it is JSON (undefined otherwise). */
async function readBody(res) {
	const text = await res.text();
	try {
		return { text, json: JSON.parse(text) };
	} catch {
		return { text, json: undefined };
	}
}

module.exports = { readBody };
