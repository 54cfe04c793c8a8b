#!/usr/bin/env node
// Runs a command (e.g. `vite dev`, `node build`) against Supabase.
// With PUBLIC_SUPABASE_URL pointing at a real project, the command just runs. Otherwise the local
// Supabase server (supabase/local) is started on 127.0.0.1:54321 — or reused when one already
// answers there — and its URL and keys are put in the command's environment.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// LOCAL_SUPABASE_PORT moves it, e.g. to run beside another project already using 54321.
const PORT = process.env.LOCAL_SUPABASE_PORT ?? '54321';
const LOCAL_URL = `http://127.0.0.1:${PORT}`;
const ANON_KEY =
	'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';
const SERVICE_ROLE_KEY =
	'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU';
const BOOT_TIMEOUT_MS = 180_000;

/** The subset of dotenv syntax .env files here use: KEY=value, quotes, # comments. */
export function parseEnv(text) {
	const out = {};
	for (const raw of text.split(/\r?\n/)) {
		const line = raw.trim();
		if (!line || line.startsWith('#')) continue;
		const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
		if (!m) continue;
		let value = m[2];
		const quote = value[0];
		if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) {
			value = value.slice(1, -1);
			if (quote === '"') value = value.replace(/\\n/g, '\n');
		} else {
			value = value.replace(/\s+#.*$/, '');
		}
		out[m[1]] = value;
	}
	return out;
}

function isLocal(url) {
	try {
		const u = new URL(url);
		return ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname) && u.port === PORT;
	} catch {
		return false;
	}
}

async function healthy(url) {
	try {
		const res = await fetch(`${url}/auth/v1/health`, { signal: AbortSignal.timeout(1000) });
		return res.ok;
	} catch {
		return false;
	}
}

function startServer() {
	const args = ['--import', 'tsx', 'supabase/local/cli.ts', '--port', PORT];
	if (process.env.LOCAL_SUPABASE_DB_URL) args.push('--db-url', process.env.LOCAL_SUPABASE_DB_URL);
	if (process.env.LOCAL_SUPABASE_DATA_DIR) {
		args.push('--data-dir', process.env.LOCAL_SUPABASE_DATA_DIR);
	}
	if (process.env.LOCAL_SUPABASE_RESET === '1') args.push('--reset');
	return spawn(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
}

async function waitForServer(server) {
	const deadline = Date.now() + BOOT_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (server.exitCode !== null || server.signalCode !== null) {
			throw new Error('the local Supabase server stopped before it was ready (see above)');
		}
		if (await healthy(LOCAL_URL)) return;
		await new Promise((r) => setTimeout(r, 300));
	}
	throw new Error(`the local Supabase server did not answer within ${BOOT_TIMEOUT_MS / 1000} s`);
}

function exitCodeOf(code, signal) {
	if (code !== null) return code;
	return signal === 'SIGINT' ? 130 : 1;
}

async function main() {
	// --with-worker: also run the push worker (npm run worker) next to the command, in local mode.
	const withWorker = process.argv[2] === '--with-worker';
	const [command, ...args] = process.argv.slice(withWorker ? 3 : 2);
	if (!command) {
		console.error('usage: node scripts/with-local-supabase.js <command> [args...]');
		process.exit(2);
	}
	const dotenvPath = join(ROOT, '.env');
	const fileEnv = existsSync(dotenvPath) ? parseEnv(readFileSync(dotenvPath, 'utf8')) : {};
	const env = { ...fileEnv, ...process.env };
	env.PATH = [join(ROOT, 'node_modules', '.bin'), env.PATH].filter(Boolean).join(delimiter);

	let server;
	const local = !(env.PUBLIC_SUPABASE_URL && !isLocal(env.PUBLIC_SUPABASE_URL));
	if (!local) {
		console.error(`Using Supabase at ${env.PUBLIC_SUPABASE_URL}`);
	} else {
		if (await healthy(LOCAL_URL)) {
			console.error(`Reusing the local Supabase already running at ${LOCAL_URL}`);
		} else {
			server = startServer();
			await waitForServer(server);
		}
		env.PUBLIC_SUPABASE_URL = LOCAL_URL;
		env.PUBLIC_SUPABASE_ANON_KEY = ANON_KEY;
		env.SUPABASE_SERVICE_ROLE_KEY = SERVICE_ROLE_KEY;
	}

	const child = spawn(command, args, { cwd: process.cwd(), stdio: 'inherit', env });
	const worker =
		withWorker && local
			? spawn(process.execPath, ['--import', 'tsx', 'worker/index.ts'], {
					cwd: ROOT,
					stdio: 'inherit',
					env
				})
			: undefined;
	let exiting = false;
	const stopServer = () =>
		new Promise((resolve) => {
			if (!server || server.exitCode !== null || server.signalCode !== null) return resolve();
			server.once('exit', () => resolve());
			server.kill('SIGTERM');
		});
	const finish = async (code) => {
		if (exiting) return;
		exiting = true;
		worker?.kill('SIGTERM');
		await stopServer();
		process.exit(code);
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.on(signal, () => {
			if (child.exitCode === null) child.kill(signal);
			else void finish(1);
		});
	}
	child.on('error', (err) => {
		console.error(`could not run ${command}: ${err.message}`);
		void finish(127);
	});
	child.on('exit', (code, signal) => void finish(exitCodeOf(code, signal)));
	server?.on('exit', (code) => {
		if (exiting) return;
		console.error(`the local Supabase server exited (code ${code}); stopping ${command}`);
		child.kill('SIGTERM');
	});
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	main().catch((err) => {
		console.error(err.message ?? err);
		process.exit(1);
	});
}
