// Entry points of the local Supabase server for scripts and tests.
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ReadyMessage } from './cli';

export { createLocalServer, type LocalServer, type LocalServerOptions } from './server';
export { DEFAULT_KEYS } from './config';

export interface StartOptions {
	/** 0 = a free port (the default here); the child reports the real one. */
	port?: number;
	workdir?: string;
	dbUrl?: string;
	reset?: boolean;
	dataDir?: string;
	seed?: boolean;
	/** Budget of a statement whose role sets none, in ms (default 8000; 0 = none). */
	statementTimeoutMs?: number;
	/** Boot time limit in ms (default 180 s). */
	timeoutMs?: number;
	/** Forward the child's stdout (the status block) too; stderr is always forwarded. */
	verbose?: boolean;
}

export interface RunningSupabase {
	url: string;
	anonKey: string;
	serviceRoleKey: string;
	jwtSecret: string;
	outboxUrl: string;
	stop(): Promise<void>;
}

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));

function tsxLoader(): string {
	const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
	return pathToFileURL(join(dirname(pkg), 'dist', 'loader.mjs')).href;
}

/** Runs the server in a child process (its own CPU time and memory; Ctrl-C stops it with the caller). */
export function startLocalSupabase(opts: StartOptions = {}): Promise<RunningSupabase> {
	const args = ['--port', String(opts.port ?? 0)];
	if (opts.workdir) args.push('--workdir', opts.workdir);
	if (opts.dbUrl) args.push('--db-url', opts.dbUrl);
	if (opts.dataDir) args.push('--data-dir', opts.dataDir);
	if (opts.reset) args.push('--reset');
	if (opts.seed === false) args.push('--no-seed');
	if (opts.statementTimeoutMs !== undefined) {
		args.push('--statement-timeout', `${opts.statementTimeoutMs}ms`);
	}
	const child = fork(CLI, args, {
		execArgv: ['--import', tsxLoader()],
		stdio: ['ignore', opts.verbose ? 'inherit' : 'ignore', 'inherit', 'ipc']
	});
	const exited = new Promise<void>((done) => child.once('exit', () => done()));

	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`local Supabase did not start within ${opts.timeoutMs ?? 180_000} ms`));
		}, opts.timeoutMs ?? 180_000);
		const onExit = (code: number | null, signal: string | null) => {
			clearTimeout(timer);
			reject(
				new Error(`local Supabase exited before it was ready (code ${code}, signal ${signal})`)
			);
		};
		child.once('exit', onExit);
		child.on('message', (msg: ReadyMessage | { type: 'error'; message: string }) => {
			if (msg.type === 'error') {
				clearTimeout(timer);
				child.off('exit', onExit);
				reject(new Error(`local Supabase failed to start: ${msg.message}`));
				return;
			}
			if (msg.type !== 'ready') return;
			clearTimeout(timer);
			child.off('exit', onExit);
			// The child stays alive until stop(); our IPC channel must not keep the parent alive.
			child.channel?.unref();
			let stopping: Promise<void> | undefined;
			resolve({
				url: msg.url,
				anonKey: msg.anonKey,
				serviceRoleKey: msg.serviceRoleKey,
				jwtSecret: msg.jwtSecret,
				outboxUrl: msg.outboxUrl,
				stop() {
					stopping ??= (async () => {
						if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
						const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
						await exited;
						clearTimeout(timeout);
					})();
					return stopping;
				}
			});
		});
	});
}
