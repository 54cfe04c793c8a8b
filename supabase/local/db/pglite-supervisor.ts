// Keeps PGlite in a worker thread and enforces a time budget on each message sent to it.
//
// PGlite runs PostgreSQL synchronously in WebAssembly: no signals, so `statement_timeout` never
// fires, and on the server's own thread one heavy statement would stop every HTTP answer. Its
// WebAssembly memory is not shared, so nothing outside can raise PostgreSQL's interrupt flag
// either. What can stop it is `worker.terminate()`. The data directory is a real one on disk
// (a temporary one for "in memory" databases), so the next worker starts from it with
// PostgreSQL's ordinary crash recovery: every committed transaction is kept, the killed one is
// rolled back.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface WorkerStart {
	dataDir: string;
	extensions: string[];
	/** A `dumpDataDir()` tarball to unpack into an empty `dataDir` (first start only). */
	loadDataDir?: ArrayBuffer;
}

export type WorkerOp =
	| { op: 'query'; sql: string; params?: unknown[] }
	| { op: 'batch'; sql: string }
	| { op: 'dump' }
	| { op: 'listen'; channel: string }
	| { op: 'unlisten'; channel: string }
	| { op: 'close' };

/** An error shaped like PostgreSQL's, so REST maps it with the same table (57014 → 500, 08 → 503). */
export class PgliteWorkerError extends Error {
	constructor(
		readonly code: string,
		message: string,
		readonly detail?: string
	) {
		super(message);
		this.name = 'PgliteWorkerError';
	}
}

/** What PostgreSQL says when statement_timeout fires. */
export const statementTimeout = () =>
	new PgliteWorkerError('57014', 'canceling statement due to statement timeout');

/** The database is being restarted, or could not be: PostgREST answers 08* with 503. */
const unavailable = (why: string) =>
	new PgliteWorkerError('08006', `the local database is unavailable: ${why}`);

const WORKER_URL = new URL('./pglite-worker.mjs', import.meta.url);

let compiled: Promise<WebAssembly.Module> | undefined;
/**
 * PGlite's WebAssembly, compiled once per process and shared by every worker: a new isolate
 * would otherwise compile its 9 MB again, lazily, function by function, on the first statements
 * after a restart (measured: seconds on a busy machine).
 */
function pgliteModule(): Promise<WebAssembly.Module> {
	compiled ??= (async () => {
		const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
		return WebAssembly.compile(await readFile(join(dirname(entry), 'pglite.wasm')));
	})();
	return compiled;
}

interface Pending {
	resolve(value: unknown): void;
	reject(err: Error): void;
	timer?: NodeJS.Timeout;
}

interface Running {
	worker: Worker;
	pending: Map<number, Pending>;
}

/** Rebuilds a PGlite error (a plain object after the message) as an Error with its fields. */
function toError(plain: Record<string, unknown>): Error {
	const err = new Error(String(plain.message)) as Error & Record<string, unknown>;
	for (const [k, v] of Object.entries(plain)) if (k !== 'message' && k !== 'stack') err[k] = v;
	return err;
}

export class PgliteSupervisor {
	/** Bumped on every restart: a transaction begun before it is gone. */
	generation = 0;
	/** How many times a statement overran and the worker was replaced (for tests and logs). */
	restarts = 0;
	private current: Promise<Running>;
	private nextId = 0;
	private closed = false;
	private readonly channels = new Map<string, Set<(payload: string) => void>>();

	constructor(
		private readonly start: WorkerStart,
		private readonly log: (message: string) => void = (m) => console.error(m)
	) {
		this.current = this.spawn(start);
	}

	/** Resolves once the first worker is up (rejects if PGlite could not start). */
	async ready(): Promise<void> {
		await this.current;
	}

	private async spawn(start: WorkerStart): Promise<Running> {
		const worker = new Worker(WORKER_URL, {
			workerData: { ...start, pgliteWasmModule: await pgliteModule() },
			// Plain JavaScript: not the parent's `--import tsx` loader, which costs seconds to start.
			execArgv: [],
			transferList: start.loadDataDir ? [start.loadDataDir] : []
		});
		const pending = new Map<number, Pending>();
		const running: Running = { worker, pending };
		return await new Promise<Running>((resolve, reject) => {
			let up = false;
			worker.on('message', (m: Record<string, unknown>) => {
				if ('ready' in m) {
					up = m.ready === true;
					if (up) {
						this.runningNow = running;
						resolve(running);
					} else reject(toError(m.error as Record<string, unknown>));
					return;
				}
				if ('notify' in m) {
					for (const h of this.channels.get(m.notify as string) ?? []) h(m.payload as string);
					return;
				}
				const p = pending.get(m.id as number);
				if (!p) return;
				pending.delete(m.id as number);
				clearTimeout(p.timer);
				if (m.ok) p.resolve(m.result);
				else p.reject(toError(m.error as Record<string, unknown>));
			});
			const died = (why: string) => {
				if (!up) reject(new Error(`PGlite worker failed to start: ${why}`));
				this.failAll(running, unavailable(why));
				// A crash (out of memory, a bug) that was not our own terminate(): start again.
				if (up && !this.closed && this.isCurrent(running)) this.restart('the worker stopped');
			};
			worker.on('error', (err) => died(err.message));
			worker.on('exit', (code) => died(`the worker exited with code ${code}`));
		});
	}

	/** The worker that answers now; undefined while one is being replaced. */
	private runningNow: Running | undefined;
	private isCurrent(r: Running): boolean {
		return this.runningNow === r;
	}

	private failAll(r: Running, err: Error): void {
		for (const p of r.pending.values()) {
			clearTimeout(p.timer);
			p.reject(err);
		}
		r.pending.clear();
	}

	/** Replaces the worker: kills the old one, starts from the same data directory. */
	private restart(why: string): void {
		const old = this.current;
		this.generation++;
		this.restarts++;
		this.log(`[local-supabase] PGlite: ${why}; restarting it from its data directory`);
		this.current = old
			.catch(() => undefined)
			.then(async (r) => {
				if (r) {
					this.runningNow = undefined;
					this.failAll(r, unavailable(why));
					await r.worker.terminate();
				}
				// The data directory already holds the database: no tarball the second time.
				const began = performance.now();
				const next = await this.spawn({
					dataDir: this.start.dataDir,
					extensions: this.start.extensions
				});
				this.log(
					`[local-supabase] PGlite restarted in ${Math.round(performance.now() - began)} ms`
				);
				for (const channel of this.channels.keys()) {
					await this.send(next, { op: 'listen', channel }, 0);
				}
				return next;
			});
		// A failed restart is retried by the next call (see call()).
		this.current.catch((err: Error) =>
			this.log(`[local-supabase] PGlite restart failed: ${err.message}`)
		);
	}

	private send(r: Running, msg: WorkerOp, budgetMs: number): Promise<unknown> {
		const id = ++this.nextId;
		return new Promise((resolve, reject) => {
			const p: Pending = { resolve, reject };
			if (budgetMs > 0) {
				p.timer = setTimeout(() => {
					r.pending.delete(id);
					reject(statementTimeout());
					if (!this.closed) this.restart(`a statement ran over its ${budgetMs} ms budget`);
				}, budgetMs);
			}
			r.pending.set(id, p);
			r.worker.postMessage({ ...msg, id });
		});
	}

	/**
	 * Sends one message; `budgetMs` > 0 kills the worker when the answer takes longer.
	 * `generation`, when given, must still be current: a transaction does not continue on a
	 * restarted database (its first part was rolled back by the restart).
	 */
	async call<T>(msg: WorkerOp, budgetMs: number, generation?: number): Promise<T> {
		if (this.closed) throw unavailable('it is closed');
		let r: Running;
		try {
			r = await this.current;
		} catch (err) {
			this.restart(`the last start failed (${(err as Error).message})`);
			throw unavailable((err as Error).message);
		}
		if (generation !== undefined && generation !== this.generation) {
			throw unavailable('it restarted during this transaction, which was rolled back');
		}
		return (await this.send(r, msg, budgetMs)) as T;
	}

	async listen(channel: string, onPayload: (payload: string) => void): Promise<void> {
		const handlers = this.channels.get(channel);
		if (handlers) {
			handlers.add(onPayload);
			return;
		}
		this.channels.set(channel, new Set([onPayload]));
		await this.call({ op: 'listen', channel }, 0);
	}

	async unlisten(channel: string, onPayload: (payload: string) => void): Promise<void> {
		const handlers = this.channels.get(channel);
		if (!handlers?.delete(onPayload) || handlers.size > 0) return;
		this.channels.delete(channel);
		await this.call({ op: 'unlisten', channel }, 0);
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		const r = await this.current.catch(() => undefined);
		// close() lets PGlite finish cleanly (a checkpoint); a stuck one is simply terminated.
		if (r) await this.send(r, { op: 'close' }, 10_000).catch(() => undefined);
		this.runningNow = undefined;
		if (r) await r.worker.terminate();
	}
}
