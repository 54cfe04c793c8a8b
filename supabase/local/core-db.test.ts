import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteDb } from './db/pglite';
import { createPostgresDb } from './db/postgres';
import type { Db } from './types';

const PG_URL = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

function withDatabase(url: string, name: string): string {
	const u = new URL(url);
	u.pathname = `/${name}`;
	return u.toString();
}

async function admin(sql: string): Promise<void> {
	const client = new pg.Client({ connectionString: PG_URL });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}

function until(check: () => boolean, ms = 2000): Promise<void> {
	const start = Date.now();
	return new Promise((resolve, reject) => {
		const tick = () => {
			if (check()) resolve();
			else if (Date.now() - start > ms) reject(new Error('timed out'));
			else setTimeout(tick, 10);
		};
		tick();
	});
}

function suite(kind: 'pglite' | 'postgres', open: () => Promise<Db>, cleanup: () => Promise<void>) {
	describe(`Db on ${kind}`, () => {
		let db: Db;
		beforeAll(async () => {
			db = await open();
			await db.exec(`
				create table items (id bigint generated always as identity primary key, name text unique, born date);
				create table counter (n int not null);
				insert into counter values (0);
			`);
		}, 60_000);
		afterAll(async () => {
			await db?.close();
			await cleanup();
		});

		it('reports its kind', () => expect(db.kind).toBe(kind));

		it('runs parameterised queries with the same value shapes', async () => {
			const ins = await db.query<{ id: number; born: string }>(
				'insert into items (name, born) values ($1, $2), ($3, $4) returning id, born',
				['a', '2020-02-03', 'b', null]
			);
			expect(ins.affectedRows).toBe(2);
			expect(ins.rows[0]).toEqual({ id: 1, born: '2020-02-03' });
			expect(ins.fields.map((f) => f.name)).toEqual(['id', 'born']);
			expect(ins.fields[0]!.dataTypeID).toBe(20);
			const sel = await db.query(
				'select (select count(*) from items) as n, array[1::int8, 2] as ids, $1::jsonb as j',
				[JSON.stringify({ x: [1] })]
			);
			expect(sel.rows[0]).toEqual({ n: 2, ids: [1, 2], j: { x: [1] } });
			expect(sel.affectedRows).toBe(0);
		});

		it('commits a transaction and returns its value', async () => {
			const id = await db.transaction(async (tx) => {
				const r = await tx.query<{ id: number }>(
					`insert into items (name) values ('c') returning id`
				);
				return r.rows[0]!.id;
			});
			const r = await db.query('select name from items where id = $1', [id]);
			expect(r.rows).toEqual([{ name: 'c' }]);
		});

		it('rolls back when the callback throws and rethrows the error', async () => {
			await expect(
				db.transaction(async (tx) => {
					await tx.query(`insert into items (name) values ('gone')`);
					throw new Error('boom');
				})
			).rejects.toThrow('boom');
			const r = await db.query(`select 1 from items where name = 'gone'`);
			expect(r.rows).toHaveLength(0);
		});

		it('keeps SET LOCAL inside the transaction', async () => {
			const inside = await db.transaction(async (tx) => {
				await tx.query(`select set_config('request.jwt.claims', '{"sub":"x"}', true)`);
				await tx.query('set local role postgres');
				return (await tx.query(`select current_setting('request.jwt.claims', true) as c`)).rows[0];
			});
			expect(inside).toEqual({ c: '{"sub":"x"}' });
			const after = await db.query(`select current_setting('request.jwt.claims', true) as c`);
			expect([null, '']).toContain(after.rows[0]!.c);
		});

		it('surfaces PostgreSQL error codes', async () => {
			await expect(db.query(`insert into items (name) values ('a')`)).rejects.toMatchObject({
				code: '23505'
			});
			await expect(db.transaction((tx) => tx.query('select 1/0'))).rejects.toMatchObject({
				code: '22012'
			});
			// The database is still usable after failures.
			expect((await db.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
		});

		it('keeps concurrent read-modify-write transactions correct', async () => {
			const lock = kind === 'postgres' ? ' for update' : '';
			await Promise.all(
				Array.from({ length: 20 }, () =>
					db.transaction(async (tx) => {
						const { rows } = await tx.query<{ n: number }>(`select n from counter${lock}`);
						await tx.query('update counter set n = $1', [rows[0]!.n + 1]);
					})
				)
			);
			expect((await db.query('select n from counter')).rows).toEqual([{ n: 20 }]);
		});

		it('delivers NOTIFY payloads to listeners until unlisten', async () => {
			const got: string[] = [];
			const unlisten = await db.listen('core_test', (p) => got.push(p));
			await db.query(`select pg_notify('core_test', 'hello')`);
			await until(() => got.length === 1);
			await unlisten();
			await db.query(`select pg_notify('core_test', 'again')`);
			await new Promise((r) => setTimeout(r, 100));
			expect(got).toEqual(['hello']);
		});

		if (kind === 'pglite') {
			it('has the extensions the app needs', async () => {
				await db.exec(`
					create extension if not exists cube;
					create extension if not exists earthdistance;
					create extension if not exists pg_trgm;
					create extension if not exists unaccent;
					create extension if not exists pgcrypto;
				`);
				const r = await db.query(
					`select round(earth_distance(ll_to_earth(21.03, 105.85), ll_to_earth(10.78, 106.7)) / 1000) as km,
						unaccent('Bình dân học vụ số') as plain, similarity('hoc vu', 'học vụ') >= 0 as trgm,
						length(gen_random_bytes(4)) as bytes`
				);
				expect(r.rows[0]).toMatchObject({ plain: 'Binh dan hoc vu so', trgm: true, bytes: 4 });
				expect(Number(r.rows[0]!.km)).toBeGreaterThan(1100);
			});
		} else {
			it('sets statement_timeout in every transaction', async () => {
				const r = await db.transaction((tx) => tx.query('show statement_timeout'));
				expect(r.rows[0]).toEqual({ statement_timeout: '8s' });
			});
		}

		it('cuts a statement at its budget with 57014, as statement_timeout does', async () => {
			const timeout = { code: '57014', message: 'canceling statement due to statement timeout' };
			await expect(
				db.transaction((tx) => tx.query('select pg_sleep(60)'), { statementTimeoutMs: 200 })
			).rejects.toMatchObject(timeout);
			await expect(
				db.session((s) => s.batch(`${s.begin(true)} select pg_sleep(60); COMMIT;`), {
					statementTimeoutMs: 200
				})
			).rejects.toMatchObject(timeout);
			// A runaway regex in PGlite's WebAssembly never looks at an interrupt flag; it is cut too.
			await expect(
				db.transaction(
					(tx) =>
						tx.query(
							`select count(*) from generate_series(1, 100000) a, generate_series(1, 100000) b`
						),
					{ statementTimeoutMs: 200 }
				)
			).rejects.toMatchObject(timeout);
			expect((await db.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
		});

		it('keeps committed data and rolls back the cut transaction', async () => {
			await db.exec('create table budget_kept (id int primary key)');
			await db.transaction((tx) => tx.query('insert into budget_kept values (1)'));
			const cut = db.transaction(
				async (tx) => {
					await tx.query('insert into budget_kept values (2)');
					await tx.query('select pg_sleep(60)');
				},
				{ statementTimeoutMs: 200 }
			);
			// Queued behind the cut one: it must get its answer, not hang.
			const behind = db.transaction((tx) => tx.query('insert into budget_kept values (3)'));
			await expect(cut).rejects.toMatchObject({ code: '57014' });
			await behind;
			const r = await db.query<{ id: number }>('select id from budget_kept order by id');
			expect(r.rows.map((x) => x.id)).toEqual([1, 3]);
		});

		it('keeps delivering NOTIFY after a statement was cut', async () => {
			const got: string[] = [];
			const unlisten = await db.listen('after_cut', (p) => got.push(p));
			await expect(
				db.transaction((tx) => tx.query('select pg_sleep(60)'), { statementTimeoutMs: 200 })
			).rejects.toMatchObject({ code: '57014' });
			await db.query(`select pg_notify('after_cut', 'still here')`);
			await until(() => got.length > 0);
			expect(got).toEqual(['still here']);
			await unlisten();
		});

		it('does not let a transaction go on after its statement was cut', async () => {
			// PostgreSQL: the transaction is aborted (25P02). PGlite: the restarted database never
			// saw it; going on there would commit the rest on its own, so it is refused (503 08006).
			await expect(
				db.transaction(
					async (tx) => {
						await tx.query('select pg_sleep(60)').catch(() => undefined);
						await tx.query('insert into budget_kept values (9)');
					},
					{ statementTimeoutMs: 200 }
				)
			).rejects.toMatchObject({ code: kind === 'pglite' ? '08006' : '25P02' });
			const r = await db.query('select id from budget_kept where id = 9');
			expect(r.rows).toEqual([]);
		});
	});
}

suite(
	'pglite',
	() => createPgliteDb(),
	async () => undefined
);

const pgName = `core_test_${randomBytes(4).toString('hex')}`;
suite(
	'postgres',
	async () => {
		await admin(`create database ${pgName}`);
		return createPostgresDb({ url: withDatabase(PG_URL, pgName) });
	},
	() => admin(`drop database if exists ${pgName} with (force)`)
);
