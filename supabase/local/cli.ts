// `npm run supabase:local -- [--port N] [--workdir DIR] [--db-url URL] [--data-dir DIR] [--reset]`
// Runs the local Supabase server in the foreground until SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { parseTimeSetting } from './rest/settings';
import { createLocalServer, type LocalServer } from './server';

export interface ReadyMessage {
	type: 'ready';
	url: string;
	port: number;
	anonKey: string;
	serviceRoleKey: string;
	jwtSecret: string;
	outboxUrl: string;
	db: string;
}

const USAGE = `Usage: npm run supabase:local -- [options]
  --port N          port to listen on (default [api] port of supabase/config.toml, 54321; 0 = free)
  --workdir DIR     project directory holding supabase/ (default: current directory)
  --db-url URL      use this PostgreSQL database instead of PGlite (created if missing)
  --data-dir DIR    PGlite data directory (default supabase/.local-data/pglite; "memory" = none)
  --reset           start from an empty database (wipe PGlite data / drop and recreate the database)
  --no-seed         do not load supabase/seed.sql into a fresh database
  --statement-timeout T  budget of a statement whose role sets none (default 8s; "500ms", "0" = none;
                    env LOCAL_SUPABASE_STATEMENT_TIMEOUT)`;

function parse(argv: string[]) {
	const { values } = parseArgs({
		args: argv,
		options: {
			port: { type: 'string' },
			workdir: { type: 'string' },
			'db-url': { type: 'string' },
			'data-dir': { type: 'string' },
			reset: { type: 'boolean', default: false },
			'no-seed': { type: 'boolean', default: false },
			'statement-timeout': { type: 'string' },
			help: { type: 'boolean', short: 'h', default: false }
		},
		strict: true
	});
	let port: number | undefined;
	if (values.port !== undefined) {
		port = Number(values.port);
		if (!Number.isInteger(port) || port < 0 || port > 65535) {
			throw new Error(`--port must be a number from 0 to 65535, got "${values.port}"`);
		}
	}
	const timeout = values['statement-timeout'] ?? process.env.LOCAL_SUPABASE_STATEMENT_TIMEOUT;
	let statementTimeoutMs: number | undefined;
	if (timeout !== undefined && timeout !== '') {
		const ms = parseTimeSetting(timeout);
		if (ms === null)
			throw new Error(`--statement-timeout must be like 8s or 500ms, got "${timeout}"`);
		statementTimeoutMs = ms;
	}
	return {
		help: values.help,
		statementTimeoutMs,
		port,
		workdir: values.workdir,
		dbUrl: values['db-url'],
		dataDir: values['data-dir'],
		reset: values.reset,
		seed: !values['no-seed']
	};
}

export function statusText(server: LocalServer): string {
	const rows: [string, string][] = [
		['API URL', server.url],
		['REST URL', `${server.url}/rest/v1`],
		['Auth URL', `${server.url}/auth/v1`],
		['Outbox URL', `${server.url}/outbox`],
		['DB', server.dbLabel],
		['JWT secret', server.keys.jwtSecret],
		['anon key', server.keys.anonKey],
		['service_role key', server.keys.serviceRoleKey]
	];
	const width = Math.max(...rows.map(([k]) => k.length));
	return rows.map(([k, v]) => `${k.padStart(width)}: ${v}`).join('\n');
}

async function main(): Promise<void> {
	let args: ReturnType<typeof parse>;
	try {
		args = parse(process.argv.slice(2));
	} catch (err) {
		console.error(`${(err as Error).message}\n\n${USAGE}`);
		process.exit(2);
	}
	if (args.help) {
		console.log(USAGE);
		return;
	}
	const started = Date.now();
	const server = await createLocalServer({
		port: args.port,
		workdir: args.workdir,
		dbUrl: args.dbUrl,
		dataDir: args.dataDir,
		reset: args.reset,
		seed: args.seed,
		statementTimeoutMs: args.statementTimeoutMs,
		// Boot progress is status, like the block below; failures still go to stderr.
		log: (m) => (/^(\[|warning)/.test(m) ? console.error(m) : console.log(m))
	});
	const applied = server.boot.applied.length;
	console.log(
		`Local Supabase started in ${((Date.now() - started) / 1000).toFixed(1)}s` +
			` (${applied} migration${applied === 1 ? '' : 's'} applied${server.boot.seeded ? ', seeded' : ''}).\n`
	);
	console.log(statusText(server));

	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		try {
			await server.close();
		} finally {
			process.exit(code);
		}
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));
	// A parent that forked us and died must not leave the port taken.
	process.on('disconnect', () => void stop(0));

	if (process.send) {
		const ready: ReadyMessage = {
			type: 'ready',
			url: server.url,
			port: server.port,
			anonKey: server.keys.anonKey,
			serviceRoleKey: server.keys.serviceRoleKey,
			jwtSecret: server.keys.jwtSecret,
			outboxUrl: `${server.url}/outbox`,
			db: server.dbLabel
		};
		process.send(ready);
	}
}

main().catch((err: unknown) => {
	const message = (err as Error)?.message ?? String(err);
	console.error(`local Supabase failed to start: ${(err as Error)?.stack ?? message}`);
	if ((err as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
		console.error('The port is taken: stop the other server or pass --port 0 for a free one.');
	}
	process.send?.({ type: 'error', message });
	process.exitCode = 1;
	// Give the IPC message time to leave before the process ends.
	setTimeout(() => process.exit(1), 100);
});
