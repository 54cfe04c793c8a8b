// `npm run bench:match [-- --n 100000 --queries 200 --naive-queries 30 --only pglite|postgres]`
// Seeds N volunteers (3 skills each, two weekly slots, 70 % verified) uniformly within 30 km of
// central Ho Chi Minh City on a fresh database (PGlite in memory, and a throwaway PostgreSQL 15
// database that is dropped afterwards), then times public.match_volunteers as a signed-in learner
// against a naive variant of the same function that orders every candidate by computed distance
// instead of walking the GiST index with `<->`. Last lines, one per database:
//   match n=100000 db=postgres p50_ms=… p95_ms=… naive_p50_ms=… speedup=…x
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { dropPostgresDatabase, openDatabase } from '../supabase/local/boot';
import type { Db } from '../supabase/local/types';

const WORKDIR = fileURLToPath(new URL('..', import.meta.url));
const PG_URL = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const LEARNER = '00000000-0000-4000-8000-00000000b001';
const CENTRE = { lat: 10.7769, lng: 106.7009 };

/**
 * Everything but the index walk: candidates ordered by a computed distance (full scan). Made from
 * the body behind the public wrapper (private.match_volunteers), as a bench-only function.
 */
async function createNaive(db: Db): Promise<void> {
	const def = (
		await db.query<{ def: string }>(
			`select pg_get_functiondef('private.match_volunteers(bigint, integer)'::regprocedure) as def`
		)
	).rows[0]?.def;
	if (!def || !/operator\(extensions\.<->\)/i.test(def)) {
		throw new Error('match_volunteers no longer orders candidates with <->; update the bench');
	}
	const naive = def
		.replace('private.match_volunteers(', 'public.bench_naive_match(')
		.replace(
			/order by private\.earth_point\(sh\.lat, sh\.lng\) operator\(extensions\.<->\) q\.origin/i,
			'order by private.haversine_m(sh.lat, sh.lng, q.lat, q.lng)'
		)
		// `+ 0` keeps the planner off the (skill_id, …) indexes: a full scan, as without any index.
		.replace(/where sh\.skill_id = q\.skill_id/i, 'where sh.skill_id + 0 = q.skill_id');
	if (!naive.includes('sh.skill_id + 0'))
		throw new Error('the naive variant no longer scans everything');
	await db.exec(naive);
	await db.exec(
		`grant execute on function public.bench_naive_match(bigint, integer) to authenticated`
	);
}

async function seed(db: Db, n: number, requests: number): Promise<number[]> {
	// Bulk load without triggers (profiles are written directly, as the auth trigger would).
	await db.exec(`
		set session_replication_role = replica;
		insert into public.areas (id, code, kind, parent_id, name_vi, name_en, center_lat, center_lng)
		overriding system value
		values (900001, 'BENCH-CITY', 'city', null, 'TP Bench', 'Bench City', ${CENTRE.lat}, ${CENTRE.lng}),
		       (900002, 'BENCH-WARD', 'ward', 900001, 'Phường Bench', 'Bench Ward', ${CENTRE.lat}, ${CENTRE.lng});
		insert into public.skill_categories (id, slug, name_vi, name_en) overriding system value
		values (900001, 'bench', 'Bench', 'Bench');
		insert into public.skills (id, category_id, slug, title_vi, title_en) overriding system value
		select 900000 + s, 900001, 'bench-' || s, 'Kỹ năng ' || s, 'Skill ' || s from generate_series(1, 14) s;

		create temporary table bench_people as
		select i,
			('00000000-0000-4000-9000-' || lpad(to_hex(i), 12, '0'))::uuid as id,
			30000 * sqrt(random()) as r, 2 * pi() * random() as theta
		from generate_series(1, ${n}) i;

		insert into auth.users (id, aud, role, created_at, updated_at)
		select id, 'authenticated', 'authenticated', now(), now() from bench_people
		union all select '${LEARNER}', 'authenticated', 'authenticated', now(), now();
		insert into public.profiles (id, display_name, ward_id, can_teach, languages, teaching_radius_m)
		select id, 'TNV ' || i, 900002, true,
			case when i % 3 = 0 then '{vi,en}'::text[] else '{vi}' end, 2000 + (i * 7919) % 8001
		from bench_people;
		insert into public.profiles (id, display_name, ward_id, wants_to_learn)
		values ('${LEARNER}', 'Học viên', 900002, true);
		insert into public.home_locations (profile_id, lat, lng)
		select id, ${CENTRE.lat} + r * cos(theta) / 110574.0,
			${CENTRE.lng} + r * sin(theta) / (111320.0 * cos(radians(${CENTRE.lat})))
		from bench_people;
		insert into public.volunteer_skills (profile_id, skill_id)
		select id, 900001 + (i * k * 2654435761 % 14)::int % 14
		from bench_people, generate_series(1, 3) k
		on conflict do nothing;
		insert into public.availability_slots (profile_id, weekday, start_time, end_time)
		select id, 1 + (i + k * 3) % 7, time '08:00' + make_interval(hours => ((i + k) % 4) * 3), time '10:00' + make_interval(hours => ((i + k) % 4) * 3)
		from bench_people, generate_series(0, 1) k;
		-- The triggers that keep the skill-aware index table are off during the bulk load.
		insert into public.volunteer_verifications (profile_id, ward_id)
		select id, 900002 from bench_people where i % 10 < 7;
		insert into private.skill_homes (
			skill_id, profile_id, lat, lng, approx_lat, approx_lng, level, display_name, languages,
			can_teach, teaching_places, teaching_radius_m, verified, free_bits, taught, missed)
		select skill_id, profile_id, lat, lng, approx_lat, approx_lng, level, display_name, languages,
			can_teach, teaching_places, teaching_radius_m, verified, free_bits, taught, missed
		from private.skill_home_facts;
		-- Requests at public points up to 20 km out, each for one of the skills.
		insert into public.help_requests (learner_id, created_by, skill_id, ward_id, place_type, near_lat, near_lng,
			approx_lat, approx_lng, preferred_times)
		select '${LEARNER}', '${LEARNER}', 900001 + q % 14, 900002, 'near_point', pt.lat, pt.lng,
			private.snap_to_grid(pt.lat), private.snap_to_grid(pt.lng), '{weekday_evening,weekend_morning}'
		from generate_series(1, ${requests}) q
		cross join lateral (
			select ${CENTRE.lat} + 20000 * sqrt(random()) * cos(2 * pi() * random()) / 110574.0 as lat,
				${CENTRE.lng} + 20000 * sqrt(random()) * sin(2 * pi() * random()) / 109000.0 as lng
			where q > 0
		) pt;
		set session_replication_role = origin;
		analyze;
	`);
	const ids = await db.query<{ id: number }>(
		`select id from public.help_requests where learner_id = $1 order by id`,
		[LEARNER]
	);
	return ids.rows.map((r) => Number(r.id));
}

/** The bare KNN query at the same points, as the superuser: what the index alone costs here. */
async function bareKnn(db: Db, ids: number[]): Promise<number[]> {
	const points = await db.query<{ lat: number; lng: number }>(
		`select approx_lat as lat, approx_lng as lng from public.help_requests where id = any ($1::bigint[])`,
		[ids]
	);
	const ms: number[] = [];
	for (const p of points.rows) {
		const t0 = performance.now();
		await db.query(
			`select h.profile_id from public.home_locations h
			 order by private.earth_point(h.lat, h.lng) operator(extensions.<->) private.earth_point($1, $2)
			 limit 10`,
			[p.lat, p.lng]
		);
		ms.push(performance.now() - t0);
	}
	return ms.sort((a, b) => a - b);
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Times fn over the request ids as the learner; returns sorted milliseconds and result sizes. */
async function time(db: Db, fn: string, ids: number[]): Promise<{ ms: number[]; rows: number[] }> {
	return db.transaction(
		async (tx) => {
			await tx.query(`set local role authenticated`);
			await tx.query(`select set_config('request.jwt.claims', $1, true)`, [
				JSON.stringify({ sub: LEARNER, role: 'authenticated' })
			]);
			const ms: number[] = [];
			const rows: number[] = [];
			for (const id of ids) {
				const t0 = performance.now();
				const r = await tx.query(`select * from public.${fn}($1, 10)`, [id]);
				ms.push(performance.now() - t0);
				rows.push(r.rows.length);
			}
			return { ms: ms.sort((a, b) => a - b), rows };
		},
		{ statementTimeoutMs: 0 }
	);
}

async function run(
	kind: 'pglite' | 'postgres',
	n: number,
	queries: number,
	naiveQueries: number,
	keep: boolean
) {
	const url =
		kind === 'postgres'
			? withDatabase(PG_URL, `bench_match_${Date.now()}_${process.pid}`)
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
		const ids = await seed(db, n, Math.max(queries, naiveQueries));
		console.log(
			`${kind}: seeded ${n} volunteers in ${((performance.now() - t1) / 1000).toFixed(1)} s`
		);
		await createNaive(db);
		await time(db, 'match_volunteers', ids.slice(0, 20)); // warm-up
		const fast = await time(db, 'match_volunteers', ids.slice(0, queries));
		const naive = await time(db, 'bench_naive_match', ids.slice(0, naiveQueries));
		const bare = await bareKnn(db, ids.slice(0, queries));
		// Both must agree on the answers they give, or the comparison means nothing.
		const same = naive.rows.every((r, i) => r === fast.rows[i]);
		const mean = fast.rows.reduce((a, b) => a + b, 0) / fast.rows.length;
		console.log(
			`${kind}: ${queries} queries, ${mean.toFixed(1)} volunteers per answer; naive gives the same sizes: ${same}`
		);
		// Calibration for a busy machine: the bare index walk (10 nearest homes, no filters).
		console.log(
			`${kind}: bare GiST KNN (10 nearest homes) p50_ms=${percentile(bare, 50).toFixed(2)}`
		);
		return {
			kind,
			p50: percentile(fast.ms, 50),
			p95: percentile(fast.ms, 95),
			naiveP50: percentile(naive.ms, 50)
		};
	} finally {
		await db.close();
		if (url && !keep) await dropPostgresDatabase(url);
		else if (url) console.log(`${kind}: kept ${url}`);
	}
}

function withDatabase(url: string, name: string): string {
	const u = new URL(url);
	u.pathname = `/${name}`;
	return u.toString();
}

async function main() {
	const { values } = parseArgs({
		options: {
			n: { type: 'string', default: '100000' },
			queries: { type: 'string', default: '200' },
			'naive-queries': { type: 'string', default: '20' },
			only: { type: 'string' },
			// Keep the PostgreSQL database for EXPLAIN (drop it yourself afterwards).
			keep: { type: 'boolean', default: false }
		}
	});
	const n = Number(values.n);
	const queries = Number(values.queries);
	const naiveQueries = Number(values['naive-queries']);
	const kinds = (['pglite', 'postgres'] as const).filter((k) => !values.only || values.only === k);
	const results = [];
	for (const kind of kinds)
		results.push(await run(kind, n, queries, naiveQueries, values.keep ?? false));
	for (const r of results) {
		console.log(
			`match n=${n} db=${r.kind} p50_ms=${r.p50.toFixed(2)} p95_ms=${r.p95.toFixed(2)} ` +
				`naive_p50_ms=${r.naiveP50.toFixed(2)} speedup=${(r.naiveP50 / r.p50).toFixed(1)}x`
		);
	}
}

await main();
