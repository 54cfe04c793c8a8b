#!/usr/bin/env node
// Serves the production build (build/) on this machine, as `npm start` does, and ends with a short
// summary: where to open the app, where the outbox is, how to stop.
//
// Why not plain `node build`: adapter-node takes the site's address (url.origin, which the
// cross-site form check compares with the browser's Origin) from ORIGIN, or else from the Host
// header with https assumed. A fixed ORIGIN refuses every form opened at another address
// (127.0.0.1, a LAN address for a ward office demo); https breaks everything over plain http.
// Locally there is no proxy in front and the browser connects directly, so the Host header is the
// address the person opened and the protocol is http: we say so through PROTOCOL_HEADER, with a
// header name of our own that we overwrite on every request (a client cannot forge it).
// In production run `node build` with ORIGIN (or PROTOCOL_HEADER/HOST_HEADER behind a trusted
// proxy), as the adapter-node docs say; an ORIGIN set here is respected too.
import { createServer } from 'node:http';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const LOCAL_PROTOCOL_HEADER = 'x-serve-local-protocol';
const explicitOrigin = Boolean(process.env.ORIGIN);
if (!explicitOrigin) process.env.PROTOCOL_HEADER = LOCAL_PROTOCOL_HEADER;

// supabase-js prints a Node 20 deprecation line on import; the summary below says it once, plainly.
const warn = console.warn;
console.warn = (first, ...rest) => {
	if (typeof first === 'string' && first.includes('Node.js 20 and below are deprecated')) return;
	warn(first, ...rest);
};

const buildDir = join(process.cwd(), process.argv[2] ?? 'build');
const { handler } = await import(pathToFileURL(join(buildDir, 'handler.js')).href);

const host = process.env.HOST ?? '0.0.0.0';
const port = Number(process.env.PORT ?? 3000);

const server = createServer((req, res) => {
	if (!explicitOrigin) req.headers[LOCAL_PROTOCOL_HEADER] = 'http';
	handler(req, res);
});

function addresses() {
	if (explicitOrigin) return [process.env.ORIGIN];
	if (host !== '0.0.0.0' && host !== '::') return [`http://${host}:${port}`];
	const lan = Object.values(networkInterfaces())
		.flat()
		.filter((net) => net && net.family === 'IPv4' && !net.internal)
		.map((net) => `http://${net.address}:${port}`);
	return [`http://localhost:${port}`, ...lan];
}

function outbox() {
	const url = process.env.PUBLIC_SUPABASE_URL;
	if (!url) return null;
	const { hostname } = new URL(url);
	return ['127.0.0.1', 'localhost', '[::1]'].includes(hostname)
		? `${url.replace(/\/$/, '')}/outbox`
		: null;
}

server.listen({ host, port }, () => {
	const [first, ...others] = addresses();
	const lines = ['', 'The app is running.', `  Open:   ${first}`];
	for (const other of others)
		lines.push(`          ${other}  (from another device on this network)`);
	const box = outbox();
	if (box) lines.push(`  Outbox: ${box}  (SMS codes and e-mails the app sends)`);
	const major = Number(process.versions.node.split('.')[0]);
	if (major < 22) {
		lines.push(
			`  Node:   ${process.version} works; Node 22 is recommended (supabase-js will drop 20).`
		);
	}
	lines.push('  Stop:   press Ctrl+C', '');
	console.log(lines.join('\n'));
});

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.once(signal, () => {
		server.close(() => process.exit(0));
		server.closeAllConnections();
	});
}
