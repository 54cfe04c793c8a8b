// `npm run bench:ripple [-- --edges 100000 --people 40000 --queries 200 --db postgres|pglite --keep]`
// Seeds a teaching graph of `edges` completed lessons among `people` people on a fresh database
// (a throwaway PostgreSQL 15 database by default, dropped afterwards): each lesson goes from a
// person to someone up to 300 places "later" in the movement (people who learned later), and one
// lesson in twenty goes back to someone earlier, so the graph has cycles and many paths to the same
// person. Then times public.my_ripple() (the ripple page's call: the whole tree to depth 10, with
// labels) as signed-in people picked at random among those who taught, and, for a few of them,
// the path-following recursive query the ripple used before (cycle check on the path, no
// per-person dedupe) under a statement timeout, to show what the walk avoids. Last line:
//   ripple edges=100000 depth=10 p50_ms=… p95_ms=…
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { dropPostgresDatabase, openDatabase } from '../supabase/local/boot';
import type { Db } from '../supabase/local/types';

const WORKDIR = fileURLToPath(new URL('..', import.meta.url));
const PG_URL = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const WARD = 900002;

async function seed(db: Db, people: number, edges: number): Promise<void> {
	// Bulk load without triggers; the rows are what confirm_session would have written.
	await db.exec(`
		select setseed(0.42);
		set session_replication_role = replica;
		insert into public.areas (id, code, kind, parent_id, name_vi, name_en, center_lat, center_lng)
		overriding system value
		values (900001, 'BENCH-CITY', 'city', null, 'TP Bench', 'Bench City', 10.78, 106.70),
		       (${WARD}, 'BENCH-WARD', 'ward', 900001, 'Phường Bench', 'Bench Ward', 10.78, 106.70);
		insert into public.skill_categories (id, slug, name_vi, name_en) overriding system value
		values (900001, 'bench', 'Bench', 'Bench');
		insert into public.skills (id, category_id, slug, title_vi, title_en) overriding system value
		select 900000 + s, 900001, 'bench-' || s, 'Kỹ năng ' || s, 'Skill ' || s from generate_series(1, 14) s;

		create temporary table bench_people as
		select i, ('00000000-0000-4000-9000-' || lpad(to_hex(i), 12, '0'))::uuid as id
		from generate_series(1, ${people}) i;
		insert into auth.users (id, aud, role, created_at, updated_at)
		select id, 'authenticated', 'authenticated', now() - interval '1 year', now() from bench_people;
		insert into public.profiles (id, display_name, ward_id, can_teach, ripple_name_shown)
		select id, 'Người ' || i, ${WARD}, true, i % 2 = 0 from bench_people;

		create temporary table bench_edges as
		select e, 1 + floor(random() * ${people})::int as t, random() as r, random() as k
		from generate_series(1, ${edges}) e;
		insert into public.sessions (id, skill_id, teacher_id, ward_id, place_type, starts_at, ends_at,
			status, completed_at)
		overriding system value
		select be.e, 900001 + be.e % 14, tp.id, ${WARD}, 'home',
			now() - make_interval(hours => be.e), now() - make_interval(hours => be.e) + interval '1 hour',
			'completed', now() - make_interval(hours => be.e)
		from bench_edges be join bench_people tp on tp.i = be.t;
		insert into public.teaching_chain (teacher_id, learner_id, skill_id, session_id, ward_id, created_at)
		select tp.id, lp.id, 900001 + be.e % 14, be.e, ${WARD}, now() - make_interval(hours => be.e)
		from bench_edges be
		join bench_people tp on tp.i = be.t
		join bench_people lp on lp.i = 1 + (be.t - 1 + 10 * ${people} +
			case when be.r < 0.05 then -1 - floor(be.k * 300)::int   -- taught back: cycles
			     else 1 + floor(be.k * 299)::int end                  -- taught forward
			) % ${people}
		where lp.i <> be.t;
		set session_replication_role = origin;
		analyze;
	`);
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Runs `sql` as each person (signed in), returning sorted milliseconds and results. */
async function timeAs(
	db: Db,
	ids: string[],
	sql: string,
	timeoutMs = 0
): Promise<{ ms: number[]; sizes: number[]; depths: number[]; timedOut: number }> {
	const ms: number[] = [];
	const sizes: number[] = [];
	const depths: number[] = [];
	let timedOut = 0;
	for (const id of ids) {
		try {
			await db.transaction(
				async (tx) => {
					await tx.query(`set local role authenticated`);
					await tx.query(`select set_config('request.jwt.claims', $1, true)`, [
						JSON.stringify({ sub: id, role: 'authenticated' })
					]);
					const t0 = performance.now();
					const r = await tx.query<{ depth: number }>(sql);
					ms.push(performance.now() - t0);
					sizes.push(r.rows.length);
					depths.push(Math.max(0, ...r.rows.map((row) => Number(row.depth))));
				},
				{ statementTimeoutMs: timeoutMs }
			);
		} catch (e) {
			if (!/statement timeout|canceling statement/i.test(String(e))) throw e;
			timedOut += 1;
		}
	}
	return { ms: ms.sort((a, b) => a - b), sizes, depths, timedOut };
}

/** The ripple before this walk: follows every path (cycle check on the path only). */
const PATHS_SQL = `
	with recursive chain (learner_id, depth, path) as (
		select tc.learner_id, 1, array[tc.teacher_id, tc.learner_id]
		from public.teaching_chain tc where tc.teacher_id = auth.uid()
		union all
		select tc.learner_id, c.depth + 1, c.path || tc.learner_id
		from chain c join public.teaching_chain tc on tc.teacher_id = c.learner_id
		where c.depth < 10 and not tc.learner_id = any (c.path)
	)
	select learner_id, min(depth) as depth from chain group by learner_id`;

async function main() {
	const { values } = parseArgs({
		options: {
			edges: { type: 'string', default: '100000' },
			people: { type: 'string', default: '40000' },
			queries: { type: 'string', default: '200' },
			'path-queries': { type: 'string', default: '5' },
			db: { type: 'string', default: 'postgres' },
			keep: { type: 'boolean', default: false }
		}
	});
	const edges = Number(values.edges);
	const people = Number(values.people);
	const kind = values.db === 'pglite' ? 'pglite' : 'postgres';
	const url =
		kind === 'postgres'
			? (() => {
					const u = new URL(PG_URL);
					u.pathname = `/bench_ripple_${Date.now()}_${process.pid}`;
					return u.toString();
				})()
			: undefined;
	const t0 = performance.now();
	const { db } = await openDatabase({
		workdir: WORKDIR,
		dbUrl: url,
		dataDir: 'memory',
		seed: false
	});
	try {
		console.log(`${kind}: migrated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
		const t1 = performance.now();
		await seed(db, people, edges);
		const count = Number(
			(await db.query<{ n: string }>(`select count(*) as n from public.teaching_chain`)).rows[0]?.n
		);
		if (count !== edges) throw new Error(`seeded ${count} edges, not ${edges}`);
		console.log(
			`${kind}: seeded ${edges} edges among ${people} people in ${((performance.now() - t1) / 1000).toFixed(1)} s`
		);
		const teachers = (
			await db.query<{ id: string }>(
				`select teacher_id as id from (select distinct teacher_id from public.teaching_chain) t
				 order by md5(teacher_id::text) limit $1`,
				[Number(values.queries) + 20]
			)
		).rows.map((r) => r.id);
		await timeAs(db, teachers.slice(0, 20), `select * from public.my_ripple()`); // warm-up
		const walk = await timeAs(db, teachers.slice(20), `select * from public.my_ripple()`);
		const mean = walk.sizes.reduce((a, b) => a + b, 0) / walk.sizes.length;
		console.log(
			`${kind}: ${walk.sizes.length} ripples, ${mean.toFixed(0)} people each on average ` +
				`(max ${Math.max(...walk.sizes)}), deepest ${Math.max(...walk.depths)}`
		);
		const few = teachers.slice(20, 20 + Number(values['path-queries']));
		const paths = await timeAs(db, few, PATHS_SQL, 5000);
		console.log(
			`${kind}: path-following query on ${few.length} of them: ${paths.timedOut} over 5 s` +
				(paths.ms.length ? `, the rest p50_ms=${percentile(paths.ms, 50).toFixed(0)}` : '')
		);
		console.log(
			`ripple edges=${edges} depth=10 p50_ms=${percentile(walk.ms, 50).toFixed(2)} ` +
				`p95_ms=${percentile(walk.ms, 95).toFixed(2)}`
		);
	} finally {
		await db.close();
		if (url && !values.keep) await dropPostgresDatabase(url);
		else if (url) console.log(`${kind}: kept ${url}`);
	}
}

await main();
