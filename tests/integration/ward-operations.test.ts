// The ward board's day-to-day work through the real supabase-js, as the people who would try to
// abuse it: another ward's coordinator, a stranger, learners racing for the last seats or trying
// to mark themselves present. Runs on PGlite and (TEST_DB=postgres) PostgreSQL 15, where the
// sign-ups really run at the same time.
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

const MINUTE = 60_000;

let server: TestSupabase;
let admin: SupabaseClient;
let wardA: number;
let wardB: number;
let skill: number;
let venue: number;
let coordA: Person;
let coordB: Person;
let volunteer: Person;
let stranger: Person;
const learners: Person[] = [];

/** What a scalar function returned, or a thrown error naming what went wrong. */
function value(res: { data: unknown; error: { code?: string; message: string } | null }): unknown {
	if (res.error) throw new Error(`${res.error.code} ${res.error.message}`);
	return res.data;
}

function inMinutes(start: number, length = 60) {
	const starts = Date.now() + start * MINUTE;
	return {
		p_starts_at: new Date(starts).toISOString(),
		p_ends_at: new Date(starts + length * MINUTE).toISOString()
	};
}

async function scheduleClass(capacity: number, startInMinutes: number, teacher = volunteer.id) {
	const { data, error } = await coordA.db.rpc('schedule_class', {
		p_venue_id: venue,
		p_skill_id: skill,
		p_teacher_id: teacher,
		p_capacity: capacity,
		...inMinutes(startInMinutes)
	});
	if (error) throw new Error(`${error.code} ${error.message}`);
	return data as number;
}

beforeAll(async () => {
	server = await startTestSupabase();
	admin = clientFor(server, server.serviceRoleKey);
	[wardA, wardB] = (await createWards(admin, 'WOPS', 2)) as [number, number];
	skill = await createSkill(admin, 'wops-skill');
	const person = (name: string, ward: number, extra: Record<string, unknown> = {}) =>
		signedInPerson(server, admin, `wops-${name}@example.test`, {
			ward_id: ward,
			display_name: name,
			onboarded_at: new Date().toISOString(),
			...extra
		});
	coordA = await person('coord-a', wardA);
	coordB = await person('coord-b', wardB);
	volunteer = await person('volunteer', wardA, { can_teach: true });
	stranger = await person('stranger', wardB, { wants_to_learn: true });
	for (let i = 0; i < 5; i++)
		learners.push(await person(`learner-${i}`, wardA, { wants_to_learn: true }));
	rows(
		await admin
			.from('coordinator_assignments')
			.insert([
				{ profile_id: coordA.id, ward_id: wardA },
				{ profile_id: coordB.id, ward_id: wardB }
			])
			.select('ward_id')
	);
	await verifyVolunteers(admin, wardA, [volunteer.id]);
	venue = await insertId(coordA.db, 'venues', {
		ward_id: wardA,
		name_vi: 'Nhà văn hóa khu phố 3',
		address: '3 Đường Thử',
		lat: 10.77,
		lng: 106.69,
		devices: ['wifi', 'tablet'],
		shared_tablets: 6,
		computers: 2,
		capacity: 20
	});
}, BOOT_TIMEOUT);

afterAll(async () => {
	await server?.stop();
});

describe('venues', () => {
	it('another ward’s coordinator can neither add a venue here nor change one', async () => {
		const added = await coordB.db.from('venues').insert({
			ward_id: wardA,
			name_vi: 'Giả',
			address: 'x',
			lat: 10.7,
			lng: 106.7
		});
		expect(added.error?.code).toBe('42501');
		const changed = await coordB.db
			.from('venues')
			.update({ shared_tablets: 0 })
			.eq('id', venue)
			.select('id');
		expect(rows(changed)).toEqual([]);
		const mine = await coordA.db
			.from('venues')
			.update({ shared_tablets: 8 })
			.eq('id', venue)
			.select('shared_tablets');
		expect(rows(mine)).toEqual([{ shared_tablets: 8 }]);
	});
});

describe('classes', () => {
	it('only the venue’s ward coordinator schedules, with a verified teacher', async () => {
		const args = { p_venue_id: venue, p_skill_id: skill, p_capacity: 3, ...inMinutes(600) };
		const other = await coordB.db.rpc('schedule_class', { ...args, p_teacher_id: coordB.id });
		expect(other.error?.code).toBe('42501');
		const byLearner = await learners[0]!.db.rpc('schedule_class', {
			...args,
			p_teacher_id: volunteer.id
		});
		expect(byLearner.error?.code).toBe('42501');
		const unverified = await coordA.db.rpc('schedule_class', {
			...args,
			p_teacher_id: learners[0]!.id
		});
		expect(unverified.error?.details).toBe('teacher_not_verified');
	});

	it('five learners racing for three seats: exactly three get one', async () => {
		const id = await scheduleClass(3, 10);
		const results = await Promise.all(
			learners.map((l) => l.db.rpc('join_class', { p_session_id: id }))
		);
		expect(results.filter((r) => !r.error).map((r) => r.data)).toEqual([
			'accepted',
			'accepted',
			'accepted'
		]);
		expect(results.filter((r) => r.error).map((r) => r.error?.code)).toEqual(['23514', '23514']);
		const seats = rows<{ status: string }>(
			await admin.from('session_participants').select('status').eq('session_id', id)
		);
		expect(seats.filter((s) => s.status === 'accepted')).toHaveLength(3);

		// A stranger sees how full it is, never who signed up.
		const open = rows<{ session_id: number; seats_taken: number }>(
			await stranger.db.rpc('open_classes', { p_ward_id: wardA })
		);
		expect(open.find((c) => c.session_id === id)?.seats_taken).toBe(3);
		expect(rows(await stranger.db.rpc('class_roster', { p_session_id: id }))).toEqual([]);
		expect(
			rows(await stranger.db.from('session_participants').select('profile_id').eq('session_id', id))
		).toEqual([]);
		expect(rows(await coordB.db.rpc('class_roster', { p_session_id: id }))).toEqual([]);

		// Attendance: not by a learner, not by another ward; by the teacher, and it counts.
		const seated = results
			.map((r, i) => (r.error ? null : learners[i]!))
			.filter((l): l is Person => l !== null);
		const [first, second] = seated as [Person, Person];
		const self = await first.db.rpc('mark_attendance', {
			p_session_id: id,
			p_profile_id: first.id,
			p_present: true
		});
		expect(self.error?.code).toBe('42501');
		const direct = await first.db
			.from('session_participants')
			.update({ status: 'attended' })
			.eq('session_id', id)
			.eq('profile_id', first.id);
		expect(direct.error?.code).toBe('42501');
		const foreign = await coordB.db.rpc('mark_attendance', {
			p_session_id: id,
			p_profile_id: first.id,
			p_present: true
		});
		expect(foreign.error?.code).toBe('42501');
		expect(
			value(
				await volunteer.db.rpc('mark_attendance', {
					p_session_id: id,
					p_profile_id: first.id,
					p_present: true
				})
			)
		).toBe('attended');
		expect(
			value(
				await coordA.db.rpc('mark_attendance', {
					p_session_id: id,
					p_profile_id: second.id,
					p_present: false
				})
			)
		).toBe('no_show');
		const done = only<{ status: string }>(
			await admin.from('sessions').select('status').eq('id', id)
		);
		expect(done.status).toBe('completed');
		const chain = rows(
			await admin.from('teaching_chain').select('learner_id').eq('session_id', id)
		);
		expect(chain).toEqual([{ learner_id: first.id }]);
		const roster = rows<{ profile_id: string; display_name: string; status: string }>(
			await volunteer.db.rpc('class_roster', { p_session_id: id })
		);
		expect(Object.keys(roster[0] ?? {}).sort()).toEqual(['display_name', 'profile_id', 'status']);
	});

	it('a learner cannot be in two overlapping classes', async () => {
		const a = await scheduleClass(5, 180);
		const b = await scheduleClass(5, 200, coordA.id);
		const learner = learners[4]!;
		expect(value(await learner.db.rpc('join_class', { p_session_id: a }))).toBe('accepted');
		const clash = await learner.db.rpc('join_class', { p_session_id: b });
		expect(clash.error?.code).toBe('23P01');
		expect(clash.error?.details).toBe('learner_busy');
	});
});

describe('learning materials', () => {
	it('the ward’s board retires a material; volunteers stop seeing it; another ward cannot', async () => {
		const id = await insertId(coordA.db, 'learning_materials', {
			skill_id: skill,
			kind: 'lesson',
			language: 'en',
			title: 'Step by step',
			url: 'https://example.org/steps'
		});
		const foreign = await coordB.db
			.from('learning_materials')
			.update({ retired_at: new Date().toISOString() })
			.eq('id', id)
			.select('id');
		expect(rows(foreign)).toEqual([]);
		const seen = () =>
			volunteer.db.from('learning_materials').select('id').eq('skill_id', skill).eq('id', id);
		expect(rows(await seen())).toHaveLength(1);
		rows(
			await coordA.db
				.from('learning_materials')
				.update({ retired_at: new Date().toISOString() })
				.eq('id', id)
				.select('id')
		);
		expect(rows(await seen())).toEqual([]);
	});
});

describe('service feedback', () => {
	it('counts reach only the reporter’s ward board, equal to the rows, and exports are audited', async () => {
		const report = (who: Person, row: Record<string, unknown>) =>
			who.db.from('service_feedback').insert({ reporter_id: who.id, ...row });
		expect(
			(
				await report(learners[0]!, {
					service: 'vneid',
					step: 'log_in',
					what_happened: 'Không nhận OTP',
					ward_id: wardB
				})
			).error
		).toBeNull();
		expect(
			(
				await report(learners[1]!, {
					service: 'vneid',
					step: 'log_in',
					what_happened: 'Quét mặt bị lỗi',
					may_contact: true
				})
			).error
		).toBeNull();
		expect(
			(
				await report(stranger, {
					service: 'bank_app',
					step: 'pay',
					what_happened: 'Không quét được QR'
				})
			).error
		).toBeNull();
		const forged = await report(learners[2]!, {
			reporter_id: volunteer.id,
			service: 'tax',
			step: 'pay',
			what_happened: 'Giả danh người khác'
		});
		expect(forged.error?.code).toBe('42501');

		const direct = rows<{ service: string; step: string }>(
			await admin.from('service_feedback').select('service, step').eq('ward_id', wardA)
		);
		const counts = rows<{ service: string; step: string; reports: number }>(
			await coordA.db.rpc('service_feedback_counts', { p_ward_id: wardA })
		);
		expect(counts).toEqual([{ service: 'vneid', step: 'log_in', reports: direct.length }]);
		expect(direct).toHaveLength(2);

		const texts = rows<{ what_happened: string; contact_name: string | null }>(
			await coordA.db.rpc('ward_service_feedback', { p_ward_id: wardA })
		);
		expect(texts.map((t) => t.contact_name).sort()).toEqual(['learner-1', null]);
		expect(JSON.stringify(texts)).not.toContain(learners[0]!.id);
		expect(rows(await coordA.db.from('service_feedback').select('id'))).toEqual([]);

		expect(rows(await coordB.db.rpc('service_feedback_counts', { p_ward_id: wardA }))).toEqual([]);
		expect(rows(await coordB.db.rpc('ward_service_feedback', { p_ward_id: wardA }))).toEqual([]);
		expect((await coordB.db.rpc('export_service_feedback', { p_ward_id: wardA })).error?.code).toBe(
			'42501'
		);
		expect(rows(await learners[0]!.db.rpc('ward_service_feedback', { p_ward_id: wardA }))).toEqual(
			[]
		);
		expect(rows(await stranger.db.from('service_feedback').select('ward_id'))).toEqual([
			{ ward_id: wardB }
		]);

		rows(await coordA.db.rpc('export_service_feedback', { p_ward_id: wardA }));
		const audit = rows<{ actor_id: string; record_key: string }>(
			await admin
				.from('audit_log')
				.select('actor_id, record_key')
				.eq('table_name', 'service_feedback')
				.eq('action', 'export')
		);
		expect(audit).toEqual([{ actor_id: coordA.id, record_key: `ward:${wardA}` }]);
	});
});
