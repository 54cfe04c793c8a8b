// In-process PostgreSQL (PGlite, PG 18 in WebAssembly) behind the Db seam.
import { mkdir } from 'node:fs/promises';
import { PGlite, type Results } from '@electric-sql/pglite';
import type { Extension } from '@electric-sql/pglite';
import type { Db, QueryResult, Tx } from '../types';
import { parsers } from './parsers';
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
}

export interface PgliteDb extends Db {
	/** The whole data directory as an uncompressed tarball. */
	dumpDataDir(): Promise<Blob>;
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

async function loadExtensions(names: string[]): Promise<Record<string, Extension>> {
	const out: Record<string, Extension> = {};
	for (const name of names) {
		const id = name.replace('-', '_');
		const mod = (await import(`@electric-sql/pglite/contrib/${id}`)) as Record<string, Extension>;
		const ext = mod[id];
		if (!ext) throw new Error(`PGlite has no extension ${name}`);
		out[id] = ext;
	}
	return out;
}

function toResult<T>(r: Results<T>): QueryResult<T> {
	return { rows: r.rows, fields: r.fields, affectedRows: r.affectedRows ?? 0 };
}

export async function createPgliteDb(opts: PgliteOptions = {}): Promise<PgliteDb> {
	if (opts.dataDir) await mkdir(opts.dataDir, { recursive: true });
	const pg = await PGlite.create({
		dataDir: opts.dataDir,
		parsers,
		loadDataDir: opts.loadDataDir,
		extensions: await loadExtensions(opts.extensions ?? ALL_EXTENSIONS)
	});
	// PGlite runs one statement at a time on the event loop; without our own queue an
	// autocommit query could slip between another caller's BEGIN and COMMIT.
	const queue = new FifoQueue();
	let closed = false;

	const db: PgliteDb = {
		kind: 'pglite',
		dumpDataDir() {
			return queue.run(() => pg.dumpDataDir('none'));
		},
		transaction(fn) {
			return queue.run(() =>
				pg.transaction(async (ptx) => {
					const tx: Tx = {
						query: async (sql, params) => toResult(await ptx.query(sql, params))
					};
					return fn(tx);
				})
			);
		},
		session(fn) {
			return queue.run(async () => {
				try {
					return await fn({
						query: async (sql, params) => toResult(await pg.query(sql, params)),
						batch: async (sql) => (await pg.exec(sql)).map((r) => toResult(r)),
						begin: (readOnly) => (readOnly ? 'BEGIN READ ONLY;' : 'BEGIN;')
					});
				} catch (err) {
					await pg.exec('ROLLBACK').catch(() => undefined);
					throw err;
				}
			});
		},
		query(sql, params) {
			return queue.run(async () => toResult(await pg.query(sql, params)));
		},
		exec(sql) {
			return queue.run(async () => {
				await pg.exec(sql);
			});
		},
		async listen(channel, onPayload) {
			const unlisten = await queue.run(() => pg.listen(channel, onPayload));
			return () => queue.run(() => unlisten());
		},
		async close() {
			if (closed) return;
			closed = true;
			await queue.run(() => pg.close());
		}
	};
	return db;
}
