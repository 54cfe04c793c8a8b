// Brings a database to the state `supabase start` + `supabase db reset` would leave it in:
// platform SQL, then supabase/migrations recorded as the CLI records them, then seed.sql once.
import { existsSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createPgliteDb, extensionsIn } from './db/pglite';
import { createPostgresDb } from './db/postgres';
import { splitStatements } from './sql-split';
import type { Db } from './types';

export const PLATFORM_DIR = fileURLToPath(new URL('./platform', import.meta.url));
const SEARCH_PATH = '"$user", public, extensions';
/** The CLI's pattern: files that do not match are skipped. */
const MIGRATION_FILE = /^([0-9]+)_(.*)\.sql$/;

export interface Migration {
	version: string;
	name: string;
	path: string;
}

export async function listMigrations(dir: string): Promise<Migration[]> {
	if (!existsSync(dir)) return [];
	const files = (await readdir(dir)).sort();
	const out: Migration[] = [];
	for (const file of files) {
		const m = MIGRATION_FILE.exec(file);
		if (m) out.push({ version: m[1] as string, name: m[2] as string, path: join(dir, file) });
	}
	return out;
}

export async function applyPlatform(db: Db, dir = PLATFORM_DIR): Promise<void> {
	const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
	for (const file of files) {
		try {
			await db.exec(await readFile(join(dir, file), 'utf8'));
		} catch (err) {
			throw new Error(`platform/${file}: ${(err as Error).message}`, { cause: err });
		}
	}
}

/** Creates the history table exactly as the CLI does (same DDL, so either can go first). */
async function ensureHistoryTable(db: Db): Promise<void> {
	await db.exec(`
		create schema if not exists supabase_migrations;
		create table if not exists supabase_migrations.schema_migrations (version text not null primary key);
		alter table supabase_migrations.schema_migrations add column if not exists statements text[];
		alter table supabase_migrations.schema_migrations add column if not exists name text;
	`);
}

async function runStatements(db: Db, label: string, statements: string[], record?: Migration) {
	await db.transaction(
		async (tx) => {
			await tx.query(`select set_config('search_path', $1, true)`, [SEARCH_PATH]);
			for (const [i, sql] of statements.entries()) {
				try {
					await tx.query(sql);
				} catch (err) {
					const e = err as Error & { position?: string };
					const msg = `${label}: statement ${i + 1} failed: ${e.message}\n${sql.slice(0, 500)}`;
					throw new Error(msg, { cause: err });
				}
			}
			if (record) {
				await tx.query(
					'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
					[record.version, record.name, statements]
				);
			}
		},
		{ statementTimeoutMs: 0 }
	);
}

export interface BootResult {
	/** True when the database had no migration history before this boot. */
	fresh: boolean;
	applied: string[];
	seeded: boolean;
}

export interface BootOptions {
	workdir: string;
	platformDir?: string;
	seed?: boolean;
	log?: (message: string) => void;
}

/** Platform, pending migrations, and the seed on a fresh database. */
export async function bootDatabase(db: Db, opts: BootOptions): Promise<BootResult> {
	const log = opts.log ?? (() => undefined);
	const before = await db.query<{ exists: boolean }>(
		`select to_regclass('supabase_migrations.schema_migrations') is not null as exists`
	);
	const fresh = !before.rows[0]?.exists;
	await applyPlatform(db, opts.platformDir);
	await ensureHistoryTable(db);

	const done = new Set(
		(
			await db.query<{ version: string }>(
				'select version from supabase_migrations.schema_migrations'
			)
		).rows.map((r) => r.version)
	);
	const migrations = await listMigrations(join(opts.workdir, 'supabase', 'migrations'));
	const local = new Set(migrations.map((m) => m.version));
	for (const version of done) {
		if (!local.has(version))
			log(`warning: migration ${version} is in the database but not on disk`);
	}
	const applied: string[] = [];
	for (const m of migrations) {
		if (done.has(m.version)) continue;
		log(`Applying migration ${m.version}_${m.name}.sql...`);
		const statements = splitStatements(await readFile(m.path, 'utf8'));
		await runStatements(db, `migration ${m.version}_${m.name}.sql`, statements, m);
		await restoreSession(db);
		applied.push(m.version);
	}

	let seeded = false;
	const seedPath = join(opts.workdir, 'supabase', 'seed.sql');
	if (fresh && opts.seed !== false && existsSync(seedPath)) {
		log('Seeding data from supabase/seed.sql...');
		await runStatements(db, 'seed.sql', splitStatements(await readFile(seedPath, 'utf8')));
		await restoreSession(db);
		seeded = true;
	}
	return { fresh, applied, seeded };
}

/**
 * PGlite is one long session: a migration's plain `SET` (pg_dump output has some) would leak into
 * every later request. PostgreSQL pools are reopened after boot instead.
 */
async function restoreSession(db: Db): Promise<void> {
	if (db.kind !== 'pglite') return;
	await db.exec('reset all');
	await db.query(`select set_config('search_path', $1, false)`, [SEARCH_PATH]);
}

const SNAPSHOT_DIR = () =>
	process.env.LOCAL_SUPABASE_CACHE_DIR ?? join(tmpdir(), 'local-supabase-pglite-snapshots');
const SNAPSHOTS_KEPT = 12;

async function snapshotKey(opts: DatabaseOptions, extensions: string[]): Promise<string> {
	const hash = createHash('sha256');
	const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
	const pglite = JSON.parse(await readFile(join(dirname(entry), '..', 'package.json'), 'utf8')) as {
		version: string;
	};
	hash.update(
		`v1 pglite ${pglite.version} ext ${extensions.join(',')} seed ${opts.seed !== false}\n`
	);
	hash.update(await allSql(opts.workdir, true));
	return join(SNAPSHOT_DIR(), hash.digest('hex').slice(0, 32));
}

async function readSnapshot(
	base: string
): Promise<{ tarball: Blob; boot: BootResult } | undefined> {
	try {
		const [tar, meta] = await Promise.all([
			readFile(`${base}.tar`),
			readFile(`${base}.json`, 'utf8')
		]);
		return { tarball: new Blob([tar]), boot: JSON.parse(meta) as BootResult };
	} catch {
		return undefined;
	}
}

async function writeSnapshot(base: string, tarball: Blob, boot: BootResult): Promise<void> {
	await mkdir(dirname(base), { recursive: true });
	const tmp = `${base}.${process.pid}.${Date.now()}`;
	// Write then rename, so a concurrent reader never sees half a file.
	await writeFile(`${tmp}.tar`, Buffer.from(await tarball.arrayBuffer()));
	await writeFile(`${tmp}.json`, JSON.stringify(boot));
	await rename(`${tmp}.tar`, `${base}.tar`);
	await rename(`${tmp}.json`, `${base}.json`);
	const dir = dirname(base);
	const tars = (await readdir(dir)).filter((f) => /^[0-9a-f]{32}\.tar$/.test(f));
	if (tars.length <= SNAPSHOTS_KEPT) return;
	const dated = await Promise.all(
		tars.map(async (f) => ({ f, t: (await stat(join(dir, f))).mtimeMs }))
	);
	dated.sort((a, b) => b.t - a.t);
	for (const { f } of dated.slice(SNAPSHOTS_KEPT)) {
		await rm(join(dir, f), { force: true });
		await rm(join(dir, f.replace(/\.tar$/, '.json')), { force: true });
	}
}

/** Platform, migrations and seed text: what a fresh database will run. */
async function allSql(workdir: string, withNames = false): Promise<string> {
	const files = (await readdir(PLATFORM_DIR)).filter((f) => f.endsWith('.sql'));
	const paths = [
		...files.map((f) => join(PLATFORM_DIR, f)),
		...(await listMigrations(join(workdir, 'supabase', 'migrations'))).map((m) => m.path),
		join(workdir, 'supabase', 'seed.sql')
	];
	const texts = await Promise.all(paths.map((p) => readFile(p, 'utf8').catch(() => '')));
	// File names matter too: they are the recorded versions.
	return texts
		.map((t, i) => (withNames ? `-- ${basename(paths[i] as string)}\n${t}` : t))
		.join('\n');
}

export interface DatabaseOptions {
	workdir: string;
	/** PostgreSQL URL; without it PGlite is used. */
	dbUrl?: string;
	/** PGlite data directory; `memory` for an in-memory database. */
	dataDir?: string;
	reset?: boolean;
	seed?: boolean;
	log?: (message: string) => void;
	/**
	 * Budget of a statement that names none, in ms (default 8000; 0 = none). REST requests use
	 * the role's `statement_timeout` (anon 3 s, authenticated 8 s, as on Supabase) when it has one.
	 */
	statementTimeoutMs?: number;
}

export function defaultDataDir(workdir: string): string {
	return join(workdir, 'supabase', '.local-data', 'pglite');
}

function maintenanceUrl(url: string): { admin: string; name: string } {
	const u = new URL(url);
	const name = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres';
	u.pathname = '/postgres';
	return { admin: u.toString(), name };
}

async function onMaintenance(url: string, fn: (c: pg.Client) => Promise<void>): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await fn(client);
	} finally {
		await client.end();
	}
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Drops and recreates (reset), or creates when missing, the database named in `url`. */
export async function preparePostgresDatabase(url: string, reset: boolean): Promise<void> {
	const { admin, name } = maintenanceUrl(url);
	if (reset && name === 'postgres') {
		throw new Error('refusing to --reset the maintenance database "postgres"; name another one');
	}
	await onMaintenance(admin, async (c) => {
		if (reset) await c.query(`drop database if exists ${quoteIdent(name)} with (force)`);
		const exists = await c.query('select 1 from pg_database where datname = $1', [name]);
		if (exists.rowCount === 0) await c.query(`create database ${quoteIdent(name)}`);
	});
}

export async function dropPostgresDatabase(url: string): Promise<void> {
	const { admin, name } = maintenanceUrl(url);
	await onMaintenance(admin, async (c) => {
		await c.query(`drop database if exists ${quoteIdent(name)} with (force)`);
	});
}

/** Opens the database, boots it, and returns a Db with clean sessions. */
export async function openDatabase(opts: DatabaseOptions): Promise<{ db: Db; boot: BootResult }> {
	if (opts.dbUrl) {
		const url = opts.dbUrl;
		await preparePostgresDatabase(url, opts.reset ?? false);
		const first = await createPostgresDb({
			url,
			max: 2,
			statementTimeoutMs: opts.statementTimeoutMs
		});
		let boot: BootResult;
		try {
			boot = await bootDatabase(first, opts);
		} finally {
			await first.close();
		}
		// Fresh connections pick up the database's search_path and carry no session state.
		return {
			db: await createPostgresDb({ url, statementTimeoutMs: opts.statementTimeoutMs }),
			boot
		};
	}
	const dataDir = opts.dataDir ?? defaultDataDir(opts.workdir);
	const memory = dataDir === 'memory';
	if (opts.reset && !memory) await rm(dataDir, { recursive: true, force: true });
	const empty = memory || !existsSync(dataDir) || readdirSync(dataDir).length === 0;
	// A database that already exists may use any extension; a new one only what its SQL creates.
	const extensions = empty ? extensionsIn(await allSql(opts.workdir)) : undefined;
	if (!empty) {
		const db = await createPgliteDb({ ...pgliteOptions(opts), dataDir, extensions });
		return { db, boot: await bootOrClose(db, opts) };
	}
	return openFreshPglite(memory ? undefined : dataDir, extensions as string[], opts);
}

function pgliteOptions(opts: DatabaseOptions) {
	return { statementTimeoutMs: opts.statementTimeoutMs, log: opts.log };
}

async function bootOrClose(db: Db, opts: DatabaseOptions): Promise<BootResult> {
	try {
		return await bootDatabase(db, opts);
	} catch (err) {
		await db.close();
		throw err;
	}
}

/**
 * A fresh PGlite costs seconds of initdb plus the migrations. The booted result is cached as a
 * data-directory tarball keyed by everything that shaped it, so the next fresh database with the
 * same platform SQL, migrations and seed (tests, gen:types, --reset) starts from the tarball.
 */
async function openFreshPglite(
	dataDir: string | undefined,
	extensions: string[],
	opts: DatabaseOptions
): Promise<{ db: Db; boot: BootResult }> {
	const cache =
		process.env.LOCAL_SUPABASE_CACHE === '0' ? undefined : await snapshotKey(opts, extensions);
	if (cache) {
		const hit = await readSnapshot(cache);
		if (hit) {
			const db = await createPgliteDb({
				...pgliteOptions(opts),
				dataDir,
				extensions,
				loadDataDir: hit.tarball
			});
			await restoreSession(db);
			opts.log?.('Loaded the booted database from the snapshot cache.');
			return { db, boot: hit.boot };
		}
	}
	const db = await createPgliteDb({ ...pgliteOptions(opts), dataDir, extensions });
	const boot = await bootOrClose(db, opts);
	if (cache) {
		await writeSnapshot(cache, await db.dumpDataDir(), boot).catch((err: Error) =>
			opts.log?.(`warning: could not cache the booted database: ${err.message}`)
		);
	}
	return { db, boot };
}
