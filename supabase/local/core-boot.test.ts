import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { bootDatabase, dropPostgresDatabase, openDatabase, PLATFORM_DIR } from './boot';
import { createPgliteDb } from './db/pglite';
import { splitStatements } from './sql-split';
import { makeFixture } from './core-fixture';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../..', import.meta.url));
const PG_URL = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const prefix = `core_boot_${randomBytes(3).toString('hex')}`;
const created: string[] = [];
// PGlite boots take seconds of CPU; CI machines have two cores.
const SLOW = 180_000;

function dbUrl(name: string): string {
	const u = new URL(PG_URL);
	u.pathname = `/${name}`;
	created.push(u.toString());
	return u.toString();
}

async function history(url: string) {
	const c = new pg.Client({ connectionString: url });
	await c.connect();
	try {
		const r = await c.query(
			'select version, name, statements from supabase_migrations.schema_migrations order by version'
		);
		return r.rows;
	} finally {
		await c.end();
	}
}

async function cliMigrationUp(workdir: string, url: string): Promise<string> {
	const { stdout, stderr } = await run(
		join(repo, 'node_modules', '.bin', 'supabase'),
		['migration', 'up', '--db-url', `${url}?sslmode=disable`],
		{ cwd: workdir, timeout: 120_000 }
	);
	return stdout + stderr;
}

afterAll(async () => {
	for (const url of created) await dropPostgresDatabase(url);
});

describe('splitStatements (as the Supabase CLI splits)', () => {
	it('splits on semicolons outside quotes, comments, dollar quotes and BEGIN ATOMIC', () => {
		expect(splitStatements('select 1; select 2;\n\n')).toEqual(['select 1', 'select 2']);
		expect(splitStatements(`select ';'; select "a;b" from t`)).toEqual([
			`select ';'`,
			`select "a;b" from t`
		]);
		expect(splitStatements('-- c; c\nselect 1;')).toEqual(['-- c; c\nselect 1']);
		expect(splitStatements('/* a; /* b; */ c; */ select 1; select 2')).toEqual([
			'/* a; /* b; */ c; */ select 1',
			'select 2'
		]);
		expect(splitStatements('do $x$ begin perform 1; end $x$; select $$;$$;')).toEqual([
			'do $x$ begin perform 1; end $x$',
			'select $$;$$'
		]);
		expect(
			splitStatements(
				'create function f() returns int begin atomic select 1; select 2; end; select 3'
			)
		).toEqual(['create function f() returns int begin atomic select 1; select 2; end', 'select 3']);
		expect(splitStatements(`select 'it''s;'; select 2`)).toEqual([`select 'it''s;'`, 'select 2']);
		expect(splitStatements(';;  ;')).toEqual([]);
	});
});

describe('boot on PGlite', () => {
	it(
		'applies platform, migrations and seed once; a second boot applies nothing',
		async () => {
			const { workdir, platformDir } = await makeFixture();
			const dataDir = join(workdir, 'data');
			try {
				const db1 = await createPgliteDb({ dataDir });
				const first = await bootDatabase(db1, { workdir, platformDir });
				expect(first).toEqual({
					fresh: true,
					applied: ['20240101000000', '20240102000000'],
					seeded: true
				});
				const rows = await db1.query(
					'select public.book_count() as n, public.add(2, 3) as s, public.shout($1) as y',
					['hi']
				);
				expect(rows.rows[0]).toEqual({ n: 2, s: 5, y: 'HI;' });
				const sp = await db1.query('show search_path');
				expect(sp.rows[0]).toEqual({ search_path: '"$user", public, extensions' });
				await db1.close();

				const db2 = await createPgliteDb({ dataDir });
				const second = await bootDatabase(db2, { workdir, platformDir });
				expect(second).toEqual({ fresh: false, applied: [], seeded: false });
				expect((await db2.query('select count(*) as n from public.books')).rows).toEqual([
					{ n: 2 }
				]);
				await db2.close();

				const { db: db3, boot } = await openDatabase({
					workdir,
					dataDir,
					reset: true,
					log: () => {}
				});
				expect(boot.fresh).toBe(true);
				await db3.close();
			} finally {
				await rm(workdir, { recursive: true, force: true });
			}
		},
		SLOW
	);

	it(
		'runs the full platform directory twice without error',
		async () => {
			const db = await createPgliteDb();
			try {
				await bootDatabase(db, { workdir: '/nonexistent' });
				const again = await bootDatabase(db, { workdir: '/nonexistent' });
				expect(again).toEqual({ fresh: false, applied: [], seeded: false });
				const roles = await db.query<{ rolname: string; rolbypassrls: boolean }>(
					`select rolname, rolbypassrls from pg_roles
				 where rolname in ('anon','authenticated','service_role','authenticator') order by 1`
				);
				expect(roles.rows).toEqual([
					{ rolname: 'anon', rolbypassrls: false },
					{ rolname: 'authenticated', rolbypassrls: false },
					{ rolname: 'authenticator', rolbypassrls: false },
					{ rolname: 'service_role', rolbypassrls: true }
				]);
			} finally {
				await db.close();
			}
			expect(PLATFORM_DIR).toMatch(/platform$/);
		},
		SLOW
	);

	it(
		'names the failing migration and statement and records nothing for it',
		async () => {
			const { workdir, platformDir } = await makeFixture({ seed: false });
			const { writeFile } = await import('node:fs/promises');
			await writeFile(
				join(workdir, 'supabase', 'migrations', '20240103000000_bad.sql'),
				'create table public.ok (id int);\nselect 1/0;'
			);
			const db = await createPgliteDb();
			try {
				await expect(bootDatabase(db, { workdir, platformDir })).rejects.toThrow(
					/20240103000000_bad\.sql: statement 2 failed: division by zero/
				);
				expect((await db.query(`select to_regclass('public.ok') as t`)).rows).toEqual([
					{ t: null }
				]);
				const versions = await db.query(
					'select version from supabase_migrations.schema_migrations'
				);
				expect(versions.rows).toHaveLength(2);
			} finally {
				await db.close();
				await rm(workdir, { recursive: true, force: true });
			}
		},
		SLOW
	);

	it(
		'caches a freshly booted database and starts the next fresh one from the snapshot',
		async () => {
			const { workdir } = await makeFixture();
			const cacheDir = join(workdir, 'cache');
			const before = process.env.LOCAL_SUPABASE_CACHE_DIR;
			process.env.LOCAL_SUPABASE_CACHE_DIR = cacheDir;
			try {
				const logs: string[] = [];
				const opts = { workdir, dataDir: 'memory', log: (m: string) => logs.push(m) };
				const first = await openDatabase(opts);
				await first.db.exec(`insert into public.books (title) values ('only in the first')`);
				await first.db.close();
				expect(logs.some((l) => /snapshot/.test(l))).toBe(false);
				const second = await openDatabase(opts);
				expect(logs.some((l) => /from the snapshot cache/.test(l))).toBe(true);
				expect(second.boot).toEqual(first.boot);
				const rows = await second.db.query('select title from public.books order by id');
				expect(rows.rows.map((r) => r.title)).toEqual(['Sổ tay số', 'Zalo']);
				const versions = await second.db.query(
					'select version from supabase_migrations.schema_migrations'
				);
				expect(versions.rows).toHaveLength(2);
				const sp = await second.db.query('show search_path');
				expect(sp.rows[0]).toEqual({ search_path: '"$user", public, extensions' });
				await second.db.close();
				// A changed migration is a different database: no stale snapshot.
				const { writeFile } = await import('node:fs/promises');
				await writeFile(
					join(workdir, 'supabase', 'migrations', '20240103000000_x.sql'),
					'select 1;'
				);
				logs.length = 0;
				const third = await openDatabase(opts);
				expect(logs.some((l) => /from the snapshot cache/.test(l))).toBe(false);
				expect(third.boot.applied).toContain('20240103000000');
				await third.db.close();
			} finally {
				if (before === undefined) delete process.env.LOCAL_SUPABASE_CACHE_DIR;
				else process.env.LOCAL_SUPABASE_CACHE_DIR = before;
				await rm(workdir, { recursive: true, force: true });
			}
		},
		SLOW
	);
});

describe('boot on PostgreSQL 15 and the Supabase CLI agree', () => {
	it('server boots first → `supabase migration up` is up to date; CLI first → boot applies nothing', async () => {
		const { workdir, platformDir } = await makeFixture();
		try {
			// Direction 1: our boot applies, then the CLI finds nothing to do.
			const ours = dbUrl(`${prefix}_ours`);
			const { db, boot } = await openDatabase({ workdir, dbUrl: ours, seed: true });
			expect(boot.applied).toEqual(['20240101000000', '20240102000000']);
			expect(boot.seeded).toBe(true);
			await db.close();
			const out = await cliMigrationUp(workdir, ours);
			expect(out).toMatch(/Local database is up to date/);
			expect(out).not.toMatch(/Applying migration/);

			// Direction 2: the CLI applies onto platform objects, then our boot applies nothing.
			const theirs = dbUrl(`${prefix}_cli`);
			const { db: bare } = await openDatabase({
				workdir: '/nonexistent',
				dbUrl: theirs,
				log: () => {}
			});
			await bare.exec(`drop table supabase_migrations.schema_migrations`);
			await bare.close();
			const applied = await cliMigrationUp(workdir, theirs);
			expect(applied).toMatch(/Applying migration 20240101000000_books\.sql/);
			const { db: db2, boot: boot2 } = await openDatabase({ workdir, dbUrl: theirs });
			expect(boot2).toEqual({ fresh: false, applied: [], seeded: false });
			await db2.close();

			// Recorded rows are identical, statement for statement.
			const a = await history(ours);
			const b = await history(theirs);
			expect(a).toEqual(b);
			expect(a.map((r) => r.name)).toEqual(['books', 'more']);
			expect(a[0].statements[0]).toBe(
				'-- Books; a comment with a ; semicolon\ncreate extension if not exists cube with schema extensions'
			);
			expect(await readFile(join(workdir, 'supabase', 'config.toml'), 'utf8')).toMatch(
				/project_id/
			);
			void platformDir;
		} finally {
			await rm(workdir, { recursive: true, force: true });
		}
	}, 240_000);
});
