// `npm run bench:dashboard [-- --sessions 10000 --queries 100 --keep]`
// On a fresh PostgreSQL 15 database (dropped afterwards): one ward with 10,000 completed lessons
// over two years (a learner each, 2,000 learners in every priority group, 200 volunteers, 14
// skills), 500 requests of which 300 open, and a second ward with the same again, so the ward
// filter matters. Then times what the dashboard page asks the database, as its coordinator:
// public.ward_dashboard (all figures, 12 months, unmet demand) and public.ward_demand_map.
// Last line: `dashboard sessions=10000 p50_ms=… p95_ms=…` (both calls of one page view).
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { dropPostgresDatabase, openDatabase } from '../supabase/local/boot';
import type { Db } from '../supabase/local/types';

const WORKDIR = fileURLToPath(new URL('..', import.meta.url));
const PG_URL = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const COORDINATOR = '00000000-0000-4000-8000-00000000c001';
const CENTRE = { lat: 10.7769, lng: 106.7009 };
const GROUPS = [
	'elderly',
	'manual_worker',
	'freelance_worker',
	'farmer',
	'disability',
	'poor_household_student',
	'remote_resident'
];

/** One ward's people and lessons; `ward` is 900002 or 900003, ids kept apart by `base`. */
function wardSql(ward: number, base: number, sessions: number): string {
	const person = (expr: string) =>
		`('00000000-0000-4000-9${ward % 10}00-' || lpad(to_hex(${base} + ${expr}), 12, '0'))::uuid`;
	return `
		insert into auth.users (id, aud, role, created_at, updated_at)
		select ${person('i')}, 'authenticated', 'authenticated', now() - interval '3 years', now()
		from generate_series(1, 2200) i;
		-- 1..200 volunteers, 201..2200 learners (a priority group each, some none).
		insert into public.profiles (id, display_name, ward_id, can_teach, wants_to_learn, priority_groups)
		select ${person('i')}, 'Người ' || i, ${ward}, i <= 200, i > 200,
			case when i % 8 = 7 then '{}'::text[] else array[(array${JSON.stringify(GROUPS).replace(/"/g, "'")})[1 + i % 7]] end
		from generate_series(1, 2200) i;
		insert into public.home_locations (profile_id, lat, lng)
		select ${person('i')}, ${CENTRE.lat} + (i % 50) * 0.0009, ${CENTRE.lng} + (i / 50) * 0.0009
		from generate_series(1, 2200) i;
		insert into public.volunteer_skills (profile_id, skill_id)
		select ${person('i')}, 900001 + (i * k) % 14 from generate_series(1, 200) i, generate_series(1, 3) k
		on conflict do nothing;
		insert into public.venues (id, ward_id, name_vi, address, lat, lng, capacity) overriding system value
		values (${ward}, ${ward}, 'Nhà văn hóa', '1 Lê Lợi', ${CENTRE.lat}, ${CENTRE.lng}, 50);
		-- Completed lessons spread over two years, 45 to 90 minutes, each attended by one learner.
		insert into public.sessions (id, kind, skill_id, teacher_id, ward_id, place_type, venue_id, starts_at,
			ends_at, status, completed_at, created_at) overriding system value
		select ${base} + s, 'one_to_one', 900001 + s % 14, ${person('1 + s % 200')}, ${ward}, 'venue', ${ward},
			now() - make_interval(hours => s * 17520 / ${sessions}) - interval '2 hours',
			now() - make_interval(hours => s * 17520 / ${sessions}) - interval '2 hours' + make_interval(mins => 45 + (s % 4) * 15),
			'completed', now() - make_interval(hours => s * 17520 / ${sessions}), now() - make_interval(hours => s * 17520 / ${sessions}) - interval '3 days'
		from generate_series(1, ${sessions}) s;
		insert into public.session_participants (session_id, profile_id, status, attended_at)
		select ${base} + s, ${person('201 + s % 2000')}, 'attended', now() - make_interval(hours => s * 17520 / ${sessions})
		from generate_series(1, ${sessions}) s;
		-- The groups each learner was in at the lesson (the trigger's snapshot; triggers are off here).
		insert into private.participant_groups (session_id, profile_id, priority_groups, attended, taken_at)
		select sp.session_id, sp.profile_id, p.priority_groups, sp.status = 'attended', sp.attended_at
		from public.session_participants sp join public.profiles p on p.id = sp.profile_id
		where sp.session_id between ${base} + 1 and ${base} + ${sessions};
		-- 500 requests over the last year; the first 300 still open.
		insert into public.help_requests (learner_id, created_by, skill_id, ward_id, place_type, venue_id,
			approx_lat, approx_lng, status, created_at)
		select ${person('201 + q % 2000')}, ${person('201 + q % 2000')}, 900001 + q % 14, ${ward}, 'venue', ${ward},
			private.snap_to_grid(${CENTRE.lat} + (q % 30) * 0.002), private.snap_to_grid(${CENTRE.lng} + (q / 30) * 0.002),
			case when q <= 300 then 'open' else 'completed' end, now() - make_interval(hours => q * 17)
		from generate_series(1, 500) q;
	`;
}

async function seed(db: Db, sessions: number): Promise<void> {
	// Bulk load without triggers (profiles written directly, as the auth trigger would).
	await db.exec(`
		set session_replication_role = replica;
		insert into public.areas (id, code, kind, parent_id, name_vi, name_en, center_lat, center_lng)
		overriding system value
		values (900001, 'BENCH-CITY', 'city', null, 'TP Bench', 'Bench City', ${CENTRE.lat}, ${CENTRE.lng}),
		       (900002, 'BENCH-WARD', 'ward', 900001, 'Phường Bench', 'Bench Ward', ${CENTRE.lat}, ${CENTRE.lng}),
		       (900003, 'BENCH-WARD2', 'ward', 900001, 'Phường Bench 2', 'Bench Ward 2', ${CENTRE.lat}, ${CENTRE.lng});
		insert into public.skill_categories (id, slug, name_vi, name_en) overriding system value
		values (900001, 'bench', 'Bench', 'Bench');
		insert into public.skills (id, category_id, slug, title_vi, title_en) overriding system value
		select 900000 + s, 900001, 'bench-' || s, 'Kỹ năng ' || s, 'Skill ' || s from generate_series(1, 14) s;
		${wardSql(900002, 0, sessions)}
		${wardSql(900003, 1_000_000, sessions)}
		insert into auth.users (id, aud, role, created_at, updated_at)
		values ('${COORDINATOR}', 'authenticated', 'authenticated', now(), now());
		insert into public.profiles (id, display_name, ward_id) values ('${COORDINATOR}', 'Điều phối', 900002);
		insert into public.coordinator_assignments (profile_id, ward_id) values ('${COORDINATOR}', 900002);
		set session_replication_role = origin;
		analyze;
	`);
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Times one dashboard page's database work, `queries` times, as the coordinator. */
async function time(db: Db, queries: number): Promise<{ ms: number[]; lessons: number }> {
	return db.transaction(
		async (tx) => {
			await tx.query(`set local role authenticated`);
			await tx.query(`select set_config('request.jwt.claims', $1, true)`, [
				JSON.stringify({ sub: COORDINATOR, role: 'authenticated' })
			]);
			const ms: number[] = [];
			let lessons = 0;
			for (let i = 0; i < queries; i++) {
				const t0 = performance.now();
				const d = await tx.query<{ d: { lessons: number } }>(
					`select public.ward_dashboard(900002) as d`
				);
				await tx.query(`select * from public.ward_demand_map(900002)`);
				ms.push(performance.now() - t0);
				lessons = Number(d.rows[0]?.d.lessons);
			}
			return { ms: ms.sort((a, b) => a - b), lessons };
		},
		{ statementTimeoutMs: 0 }
	);
}

function withDatabase(url: string, name: string): string {
	const u = new URL(url);
	u.pathname = `/${name}`;
	return u.toString();
}

async function main() {
	const { values } = parseArgs({
		options: {
			sessions: { type: 'string', default: '10000' },
			queries: { type: 'string', default: '100' },
			keep: { type: 'boolean', default: false }
		}
	});
	const sessions = Number(values.sessions);
	const queries = Number(values.queries);
	const url = withDatabase(PG_URL, `bench_dashboard_${Date.now()}_${process.pid}`);
	const t0 = performance.now();
	const { db } = await openDatabase({
		workdir: WORKDIR,
		dbUrl: url,
		dataDir: 'memory',
		seed: false
	});
	let result: { p50: number; p95: number } | undefined;
	try {
		console.log(`postgres: migrated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
		const t1 = performance.now();
		await seed(db, sessions);
		console.log(
			`postgres: seeded 2 wards x ${sessions} lessons in ${((performance.now() - t1) / 1000).toFixed(1)} s`
		);
		await time(db, 5); // warm-up
		const run = await time(db, queries);
		if (run.lessons !== sessions) {
			throw new Error(`the dashboard counted ${run.lessons} lessons, the ward has ${sessions}`);
		}
		console.log(
			`postgres: ${queries} page views (ward_dashboard + ward_demand_map), ${run.lessons} lessons counted`
		);
		result = { p50: percentile(run.ms, 50), p95: percentile(run.ms, 95) };
	} finally {
		await db.close();
		if (!values.keep) await dropPostgresDatabase(url);
		else console.log(`kept ${url}`);
	}
	console.log(
		`dashboard sessions=${sessions} p50_ms=${result.p50.toFixed(2)} p95_ms=${result.p95.toFixed(2)}`
	);
}

await main();
