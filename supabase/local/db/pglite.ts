// PostgreSQL in WebAssembly (PGlite, PG 18) in a worker thread behind the Db seam, each statement
// under a time budget (see pglite-supervisor.ts).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db, QueryResult } from '../types';
import { PgliteSupervisor } from './pglite-supervisor';
import { FifoQueue } from './queue';

export interface PgliteOptions {
	/** A directory for the data, or undefined for an in-memory database. */
	dataDir?: string;
	/**
	 * Extensions to load (`CREATE EXTENSION` names). Loading costs seconds each, so fresh
	 * databases load only what their SQL asks for; default: all the app may use.
	 */
	extensions?: string[];
	/** A tarball from `dumpDataDir()` to start from instead of an empty cluster (skips initdb). */
	loadDataDir?: Blob;
	/**
	 * Budget of one statement (one message to PGlite) when the caller names none; 0 = none.
	 * Overrunning it kills PGlite's worker and restarts it from the data directory.
	 */
	statementTimeoutMs?: number;
	log?: (message: string) => void;
}

export interface PgliteDb extends Db {
	/** The whole data directory as an uncompressed tarball. */
	dumpDataDir(): Promise<Blob>;
	/** Times PGlite was killed and restarted because a statement overran its budget. */
	readonly restarts: number;
}

/** What Supabase offers and the app may use; each loads from `@electric-sql/pglite/contrib`. */
export const ALL_EXTENSIONS = [
	'cube',
	'earthdistance',
	'pg_trgm',
	'unaccent',
	'pgcrypto',
	'uuid-ossp',
	'citext',
	'btree_gist',
	'fuzzystrmatch',
	'hstore',
	'ltree'
];
const REQUIRES: Record<string, string[]> = { earthdistance: ['cube'] };

/** Extension names that `CREATE EXTENSION` statements in `sql` mention, with their dependencies. */
export function extensionsIn(sql: string): string[] {
	const found = new Set<string>();
	for (const m of sql.matchAll(/create\s+extension\s+(?:if\s+not\s+exists\s+)?"?([\w-]+)"?/gi)) {
		const name = (m[1] as string).toLowerCase();
		if (!ALL_EXTENSIONS.includes(name)) continue;
		found.add(name);
		for (const dep of REQUIRES[name] ?? []) found.add(dep);
	}
	return ALL_EXTENSIONS.filter((n) => found.has(n));
}

const SCRATCH_PREFIX = 'local-supabase-pglite-';

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return (err as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Where an "in memory" database lives: a directory on tmpfs when there is one (so it costs no
 * disk writes), because a restarted worker must find the data again. The name carries the pid,
 * so directories left by killed processes are removed by the next one.
 */
async function scratchDir(): Promise<string> {
	const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
	const stale = (await readdir(base).catch(() => [] as string[])).filter((name) => {
		const pid = Number(name.slice(SCRATCH_PREFIX.length).split('-')[0]);
		return name.startsWith(SCRATCH_PREFIX) && Number.isInteger(pid) && pid > 0 && !alive(pid);
	});
	for (const name of stale) await rm(join(base, name), { recursive: true, force: true });
	return mkdtemp(join(base, `${SCRATCH_PREFIX}${process.pid}-`));
}

/** The default budget of a statement when the caller names none (Supabase's authenticator: 8 s). */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 8000;

export async function createPgliteDb(opts: PgliteOptions = {}): Promise<PgliteDb> {
	const scratch = opts.dataDir ? undefined : await scratchDir();
	const dataDir = opts.dataDir ?? (scratch as string);
	await mkdir(dataDir, { recursive: true });
	const defaultBudget = opts.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
	const worker = new PgliteSupervisor(
		{
			dataDir,
			extensions: opts.extensions ?? ALL_EXTENSIONS,
			loadDataDir: opts.loadDataDir ? await opts.loadDataDir.arrayBuffer() : undefined
		},
		opts.log
	);
	try {
		await worker.ready();
	} catch (err) {
		if (scratch) await rm(scratch, { recursive: true, force: true });
		throw err;
	}
	// PGlite runs one statement at a time; without our own queue an autocommit query could slip
	// between another caller's BEGIN and COMMIT.
	const queue = new FifoQueue();
	let closed = false;
	const budget = (ms: number | undefined) => Math.max(0, Math.floor(ms ?? defaultBudget));

	/** A connection's turn: every statement under one budget, all on the same worker. */
	function client(ms: number | undefined) {
		const generation = worker.generation;
		const limit = budget(ms);
		return {
			query: async <T>(sql: string, params?: unknown[]) =>
				worker.call<QueryResult<T>>({ op: 'query', sql, params }, limit, generation),
			batch: (sql: string) => worker.call<QueryResult[]>({ op: 'batch', sql }, limit, generation),
			/** ROLLBACK after a failure, unless the worker was replaced (which rolled back already). */
			rollback: async () => {
				if (worker.generation !== generation) return;
				await worker
					.call({ op: 'batch', sql: 'ROLLBACK' }, limit, generation)
					.catch(() => undefined);
			}
		};
	}

	const db: PgliteDb = {
		kind: 'pglite',
		get restarts() {
			return worker.restarts;
		},
		dumpDataDir() {
			return queue.run(async () => new Blob([await worker.call<ArrayBuffer>({ op: 'dump' }, 0)]));
		},
		transaction(fn, txOpts) {
			return queue.run(async () => {
				const c = client(txOpts?.statementTimeoutMs);
				await c.batch('BEGIN');
				try {
					const result = await fn({ query: c.query });
					// In a failed transaction `select 1` errors (25P02) where a bare COMMIT would
					// quietly roll back and report success.
					await c.batch('select 1; COMMIT');
					return result;
				} catch (err) {
					await c.rollback();
					throw err;
				}
			});
		},
		session(fn, sOpts) {
			return queue.run(async () => {
				const c = client(sOpts?.statementTimeoutMs);
				try {
					return await fn({
						query: c.query,
						batch: c.batch,
						begin: (readOnly) => (readOnly ? 'BEGIN READ ONLY;' : 'BEGIN;')
					});
				} catch (err) {
					await c.rollback();
					throw err;
				}
			});
		},
		query(sql, params) {
			return queue.run(() => client(undefined).query(sql, params));
		},
		exec(sql) {
			// SQL files (platform, boot): no budget, as `supabase db reset` runs them.
			return queue.run(async () => {
				await worker.call({ op: 'batch', sql }, 0);
			});
		},
		async listen(channel, onPayload) {
			await queue.run(() => worker.listen(channel, onPayload));
			return () => queue.run(() => worker.unlisten(channel, onPayload));
		},
		async close() {
			if (closed) return;
			closed = true;
			await queue.run(() => worker.close());
			if (scratch) await rm(scratch, { recursive: true, force: true });
		}
	};
	return db;
}
