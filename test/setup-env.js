// n8n-core writes an encryption key into $N8N_USER_FOLDER/.n8n on import: keep it out of the user's home.
const os = require('os');
const path = require('path');
const fs = require('fs');

if (!process.env.N8N_USER_FOLDER) {
	const dir = path.join(os.tmpdir(), `n8n-nodes-openim-jest-${process.pid}`);
	fs.mkdirSync(dir, { recursive: true });
	process.env.N8N_USER_FOLDER = dir;
}
