// The ward board through supabase-js, as a curious coordinator of another ward tries it: every
// board function refuses a ward the caller does not coordinate, what they get for their own ward
// names nobody of the other ward, and every figure of the dashboard equals a direct count.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupabase, type TestSupabase } from '../../supabase/local/testing';
import {
	BOOT_TIMEOUT,
	clientFor,
	createSkill,
	createWards,
	insertId,
	only,
	rows,
	signedInPerson,
	verifyVolunteers,
	type Person
} from './helpers';

let server: TestSupabase;
let admin: SupabaseClient;
let wardA: number;
let wardB: number;
let skill: number;
let coordA: Person;
let coordB: Person;
let learnerA: Person;
let learnerA2: Person;
let teacherA: Person;
let learnerB: Person;
let teacherB: Person;
let openRequestA: number;

/** A lesson completed `daysAgo` days ago in `ward`, attended by `learners` (written as the database would). */
async function completedLesson(
	ward: number,
	teacher: Person,
	learners: Person[],
	daysAgo: number,
	minutes = 60
) {
	const starts = Date.now() - daysAgo * 86_400_000;
	const session = await insertId(admin, 'sessions', {
		kind: learners.length > 1 ? 'class' : 'one_to_one',
		skill_id: skill,
		teacher_id: teacher.id,
		ward_id: ward,
		place_type: 'venue',
		venue_id: await insertId(admin, 'venues', {
			ward_id: ward,
			name_vi: `Nhà văn hóa ${ward}-${daysAgo}`,
			address: '1 Lê Lợi',
			lat: 10.77,
			lng: 106.69,
			capacity: 30
		}),
		capacity: Math.max(1, learners.length),
		status: 'completed',
		completed_at: new Date(starts + minutes * 60_000).toISOString(),
		starts_at: new Date(starts).toISOString(),
		ends_at: new Date(starts + minutes * 60_000).toISOString()
	});
	rows(
		await admin
			.from('session_participants')
			.insert(
				learners.map((l) => ({
					session_id: session,
					profile_id: l.id,
					status: 'attended',
					attended_at: new Date(starts).toISOString()
				}))
			)
			.select('session_id')
	);
	return session;
}

beforeAll(async () => {
	server = await startTestSupabase();
	admin = clientFor(server, server.serviceRoleKey);
	[wardA, wardB] = (await createWards(admin, 'WB', 2)) as [number, number];
	skill = await createSkill(admin, 'wb-vietqr');
	coordA = await signedInPerson(server, admin, 'wb-coord-a@example.test', { ward_id: wardA });
	coordB = await signedInPerson(server, admin, 'wb-coord-b@example.test', { ward_id: wardB });
	rows(
		await admin
			.from('coordinator_assignments')
			.insert([
				{ profile_id: coordA.id, ward_id: wardA },
				{ profile_id: coordB.id, ward_id: wardB }
			])
			.select('ward_id')
	);
	learnerA = await signedInPerson(server, admin, 'wb-learner-a@example.test', {
		ward_id: wardA,
		wants_to_learn: true,
		priority_groups: ['elderly', 'disability']
	});
	learnerA2 = await signedInPerson(server, admin, 'wb-learner-a2@example.test', {
		ward_id: wardA,
		wants_to_learn: true
	});
	teacherA = await signedInPerson(server, admin, 'wb-teacher-a@example.test', {
		ward_id: wardA,
		can_teach: true
	});
	learnerB = await signedInPerson(server, admin, 'wb-learner-b@example.test', {
		ward_id: wardB,
		wants_to_learn: true,
		priority_groups: ['manual_worker']
	});
	teacherB = await signedInPerson(server, admin, 'wb-teacher-b@example.test', {
		ward_id: wardB,
		can_teach: true
	});
	await verifyVolunteers(admin, wardA, [teacherA.id]);
	for (const [who, lat] of [
		[learnerA, 10.7701],
		[teacherA, 10.7712],
		[learnerB, 10.8001],
		[teacherB, 10.8012]
	] as const) {
		only(
			await who.db
				.from('home_locations')
				.insert({ profile_id: who.id, lat, lng: 106.69 })
				.select('profile_id')
		);
	}
	for (const who of [teacherA, teacherB]) {
		only(
			await who.db
				.from('volunteer_skills')
				.insert({ profile_id: who.id, skill_id: skill })
				.select('skill_id')
		);
	}
	openRequestA = await insertId(learnerA.db, 'help_requests', {
		skill_id: skill,
		place_type: 'home'
	});
	await insertId(learnerB.db, 'help_requests', { skill_id: skill, place_type: 'home' });
	await completedLesson(wardA, teacherA, [learnerA], 2, 60);
	await completedLesson(wardA, teacherA, [learnerA, learnerA2], 40, 90);
	await completedLesson(wardB, teacherB, [learnerB], 3, 45);
}, BOOT_TIMEOUT);

afterAll(async () => {
	await server?.stop();
});

const inAMonth = () => new Date(Date.now() + 86_400_000).toISOString();

describe('another ward’s coordinator', () => {
	it('is refused by every board function for a ward they do not coordinate', async () => {
		const calls = [
			coordB.db.rpc('ward_dashboard', { p_ward_id: wardA }),
			coordB.db.rpc('ward_demand_map', { p_ward_id: wardA }),
			coordB.db.rpc('ward_unmet_requests', { p_ward_id: wardA }),
			coordB.db.rpc('ward_volunteers', { p_ward_id: wardA }),
			coordB.db.rpc('ward_volunteer', { p_ward_id: wardA, p_profile_id: teacherA.id }),
			coordB.db.rpc('ward_monthly_report', {
				p_ward_id: wardA,
				p_month: '2026-11-01',
				p_format: 'csv'
			}),
			coordB.db.rpc('assign_request', {
				p_request_id: openRequestA,
				p_volunteer_id: teacherA.id,
				p_starts_at: inAMonth()
			})
		];
		for (const res of await Promise.all(calls)) {
			expect(res.data).toBeNull();
			expect(res.error?.code).toBe('42501');
		}
	});

	it('gets nothing about a person of ward A by asking through their own ward', async () => {
		const res = await coordB.db.rpc('ward_volunteer', {
			p_ward_id: wardB,
			p_profile_id: teacherA.id
		});
		expect(res.error).toBeNull();
		expect(res.data).toBeNull();
	});

	it('reads no row of ward A’s people, requests or suspensions directly', async () => {
		only(
			await coordA.db
				.from('volunteer_suspensions')
				.insert({ profile_id: learnerA2.id, ward_id: wardA, reason: 'Thử ẩn danh' })
				.select('id')
		);
		expect(
			rows(await coordB.db.from('profiles').select('id').in('id', [learnerA.id, teacherA.id]))
		).toEqual([]);
		expect(rows(await coordB.db.from('help_requests').select('id').eq('ward_id', wardA))).toEqual(
			[]
		);
		expect(rows(await coordB.db.from('volunteer_suspensions').select('id'))).toEqual([]);
		const refused = await coordB.db
			.from('volunteer_suspensions')
			.insert({ profile_id: teacherA.id, ward_id: wardA, reason: 'Không được phép' });
		expect(refused.error?.code).toBe('42501');
	});

	it('finds no person, request or figure of ward A in anything the board gives for ward B', async () => {
		const results = await Promise.all([
			coordB.db.rpc('ward_dashboard', { p_ward_id: wardB }),
			coordB.db.rpc('ward_demand_map', { p_ward_id: wardB }),
			coordB.db.rpc('ward_unmet_requests', { p_ward_id: wardB }),
			coordB.db.rpc('ward_volunteers', { p_ward_id: wardB }),
			coordB.db.rpc('ward_monthly_report', {
				p_ward_id: wardB,
				p_month: new Date().toISOString().slice(0, 10),
				p_format: 'csv'
			})
		]);
		const text = JSON.stringify(results.map((r) => (r.error ? r.error : r.data)));
		for (const r of results) expect(r.error).toBeNull();
		for (const secret of [learnerA.id, learnerA2.id, teacherA.id, 'wb-learner-a', 'wb-teacher-a']) {
			expect(text).not.toContain(secret);
		}
		const unmet = results[2].data as { request_id: number }[];
		expect(unmet.map((u) => u.request_id)).not.toContain(openRequestA);
		const dashboard = results[0].data as { lessons: number; people: number };
		expect([dashboard.lessons, dashboard.people]).toEqual([1, 1]);
	});
});

describe('people who coordinate nothing', () => {
	it('get no board at all', async () => {
		for (const who of [learnerA, teacherA]) {
			const res = await who.db.rpc('ward_dashboard', { p_ward_id: wardA });
			expect(res.error?.code).toBe('42501');
		}
		const anon = clientFor(server, server.anonKey);
		const res = await anon.rpc('ward_dashboard', { p_ward_id: wardA });
		expect(res.error).not.toBeNull();
	});
});

describe('the dashboard of ward A', () => {
	interface Dash {
		lessons: number;
		people: number;
		hours: number;
		by_skill: { skill_id: number; lessons: number; people: number }[];
		by_group: { group: string; people: number; attendances: number }[];
		by_month: { lessons: number }[];
		unmet: { skill_id: number; open_requests: number; volunteers: number }[];
	}
	let d: Dash;

	beforeAll(async () => {
		const res = await coordA.db.rpc('ward_dashboard', { p_ward_id: wardA });
		expect(res.error).toBeNull();
		d = res.data as Dash;
	});

	it('counts exactly what the tables hold', async () => {
		const sessions = rows<{ id: number; starts_at: string; ends_at: string }>(
			await admin
				.from('sessions')
				.select('id, starts_at, ends_at')
				.eq('ward_id', wardA)
				.eq('status', 'completed')
		);
		const attended = rows<{ profile_id: string }>(
			await admin
				.from('session_participants')
				.select('profile_id')
				.in(
					'session_id',
					sessions.map((s) => s.id)
				)
				.eq('status', 'attended')
		);
		const hours = sessions.reduce(
			(h, s) => h + (Date.parse(s.ends_at) - Date.parse(s.starts_at)) / 3_600_000,
			0
		);
		expect(d.lessons).toBe(sessions.length);
		expect(d.people).toBe(new Set(attended.map((a) => a.profile_id)).size);
		expect(d.hours).toBe(Math.round(hours * 10) / 10);
		expect([d.lessons, d.people, d.hours]).toEqual([2, 2, 2.5]);
		expect(d.by_skill).toMatchObject([{ skill_id: skill, lessons: 2, people: 2 }]);
		expect(d.by_month.reduce((n, m) => n + m.lessons, 0)).toBe(2);
	});

	it('counts priority groups by the groups the attendees were in at the lesson', async () => {
		expect(d.by_group).toEqual([
			{ group: 'disability', people: 1, attendances: 2 },
			{ group: 'elderly', people: 1, attendances: 2 },
			{ group: 'none', people: 1, attendances: 1 }
		]);
	});

	it('sets unmet demand against the ward’s available volunteers', async () => {
		const open = rows(
			await admin.from('help_requests').select('id').eq('ward_id', wardA).eq('status', 'open')
		);
		expect(d.unmet).toEqual([
			expect.objectContaining({ skill_id: skill, open_requests: open.length, volunteers: 1 })
		]);
	});
});

describe('assignment, views and exports', () => {
	it('assigns the open request to the verified volunteer and notifies both', async () => {
		const unmet = rows<{
			request_id: number;
			candidates: { volunteer_id: string; verified: boolean }[];
		}>(await coordA.db.rpc('ward_unmet_requests', { p_ward_id: wardA }));
		expect(unmet.map((u) => u.request_id)).toEqual([openRequestA]);
		expect(unmet[0]?.candidates[0]).toMatchObject({ volunteer_id: teacherA.id, verified: true });
		const res = await coordA.db.rpc('assign_request', {
			p_request_id: openRequestA,
			p_volunteer_id: teacherA.id,
			p_starts_at: inAMonth()
		});
		expect(res.error).toBeNull();
		const notices = rows<{ profile_id: string; kind: string }>(
			await admin
				.from('notifications')
				.select('profile_id, kind')
				.eq('session_id', res.data as number)
		);
		expect(notices.filter((n) => n.kind === 'session_proposed').map((n) => n.profile_id)).toEqual([
			learnerA.id
		]);
		expect(notices.filter((n) => n.kind === 'request_matched').map((n) => n.profile_id)).toEqual([
			teacherA.id
		]);
		const again = await coordA.db.rpc('assign_request', {
			p_request_id: openRequestA,
			p_volunteer_id: teacherA.id,
			p_starts_at: inAMonth()
		});
		expect(again.error?.details).toBe('request_taken');
	});

	it('writes each view of a volunteer and each export to the audit log', async () => {
		expect(
			(await coordA.db.rpc('ward_volunteer', { p_ward_id: wardA, p_profile_id: teacherA.id })).error
		).toBeNull();
		expect(
			(
				await coordA.db.rpc('ward_monthly_report', {
					p_ward_id: wardA,
					p_month: '2026-11-01',
					p_format: 'print'
				})
			).error
		).toBeNull();
		const audit = rows<{ action: string; table_name: string; record_key: string }>(
			await admin
				.from('audit_log')
				.select('action, table_name, record_key')
				.eq('actor_id', coordA.id)
				.in('action', ['view', 'export'])
				.order('id')
		);
		// The roster and unmet-list views of the tests above are rows of their own (ward-gaps.test.ts).
		expect(audit.filter((row) => !row.record_key.startsWith('ward:'))).toEqual([
			{ action: 'view', table_name: 'profiles', record_key: teacherA.id },
			{ action: 'export', table_name: 'ward_monthly_report', record_key: String(wardA) }
		]);
		// Nobody but the service role reads the log.
		expect(rows(await coordA.db.from('audit_log').select('id'))).toEqual([]);
	});
});
