// The ward board's gaps closed (issue 11), through the real supabase-js as the people who would
// abuse them: list views audited once per call, a suspension that cancels the volunteer's lessons,
// classes edited and cancelled only by their ward's coordinator, and the dashboard's priority
// groups as they were at the lesson. Runs on PGlite and (TEST_DB=postgres) PostgreSQL 15.
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
let venueSpare: number;
let venueB: number;
let coordA: Person;
let coordB: Person;
let volunteer: Person;
let teacher: Person;
const learners: Person[] = [];

function at(startInMinutes: number, length = 60) {
	const starts = Date.now() + startInMinutes * MINUTE;
	return {
		p_starts_at: new Date(starts).toISOString(),
		p_ends_at: new Date(starts + length * MINUTE).toISOString()
	};
}

async function scheduleClass(by: Person, teacherId: string, startInMinutes: number, capacity = 10) {
	const { data, error } = await by.db.rpc('schedule_class', {
		p_venue_id: venue,
		p_skill_id: skill,
		p_teacher_id: teacherId,
		p_capacity: capacity,
		...at(startInMinutes)
	});
	if (error) throw new Error(`${error.code} ${error.message}`);
	return data as number;
}

async function join(people: Person[], sessionId: number) {
	for (const person of people) {
		const { error } = await person.db.rpc('join_class', { p_session_id: sessionId });
		if (error) throw new Error(`${error.code} ${error.message}`);
	}
}

/** The audit rows written since `after` (the service role reads the log; nobody else can). */
async function auditSince(after: number) {
	return rows<{
		id: number;
		actor_id: string;
		action: string;
		record_key: string;
		new_data: Record<string, unknown>;
	}>(
		await admin
			.from('audit_log')
			.select('id, actor_id, action, record_key, new_data')
			.gt('id', after)
			.eq('action', 'view')
			.order('id')
	);
}

async function lastAuditId(): Promise<number> {
	const last = rows<{ id: number }>(
		await admin.from('audit_log').select('id').order('id', { ascending: false }).limit(1)
	);
	return last[0]?.id ?? 0;
}

async function noticesOf(person: Person, sessionId: number, kind: string) {
	return rows<{ params: { reason?: string } }>(
		await person.db
			.from('notifications')
			.select('params')
			.eq('session_id', sessionId)
			.eq('kind', kind)
	);
}

beforeAll(async () => {
	server = await startTestSupabase();
	admin = clientFor(server, server.serviceRoleKey);
	[wardA, wardB] = (await createWards(admin, 'WGAP', 2)) as [number, number];
	skill = await createSkill(admin, 'wgap-skill');
	const person = (name: string, ward: number, extra: Record<string, unknown> = {}) =>
		signedInPerson(server, admin, `wgap-${name}@example.test`, {
			ward_id: ward,
			display_name: name,
			onboarded_at: new Date().toISOString(),
			...extra
		});
	coordA = await person('coord-a', wardA);
	coordB = await person('coord-b', wardB);
	volunteer = await person('volunteer', wardA, { can_teach: true });
	teacher = await person('teacher', wardA, { can_teach: true });
	const groups = [['elderly'], ['disability'], [], ['farmer']];
	for (let i = 0; i < 4; i++)
		learners.push(
			await person(`learner-${i}`, wardA, { wants_to_learn: true, priority_groups: groups[i] })
		);
	rows(
		await admin
			.from('coordinator_assignments')
			.insert([
				{ profile_id: coordA.id, ward_id: wardA },
				{ profile_id: coordB.id, ward_id: wardB }
			])
			.select('ward_id')
	);
	await verifyVolunteers(admin, wardA, [volunteer.id, teacher.id]);
	const place = (ward: number, name: string, by: Person) =>
		insertId(by.db, 'venues', {
			ward_id: ward,
			name_vi: name,
			address: '3 Đường Thử',
			lat: 10.77,
			lng: 106.69,
			capacity: 20
		});
	venue = await place(wardA, 'Nhà văn hóa khu phố 3', coordA);
	venueSpare = await place(wardA, 'Thư viện phường', coordA);
	venueB = await place(wardB, 'Nhà văn hóa phường B', coordB);
	// An open request, so the unmet list names someone.
	await insertId(admin, 'help_requests', {
		learner_id: learners[0]!.id,
		created_by: learners[0]!.id,
		skill_id: skill,
		ward_id: wardA,
		place_type: 'venue',
		venue_id: venue
	});
}, BOOT_TIMEOUT);

afterAll(async () => {
	await server?.stop();
});

describe('the board’s lists of people are audited', () => {
	it('one view row per call, naming the ids shown; another ward’s call writes nothing', async () => {
		const before = await lastAuditId();
		const foreign = await coordB.db.rpc('ward_volunteers', { p_ward_id: wardA });
		expect(foreign.error?.code).toBe('42501');
		const foreignUnmet = await coordB.db.rpc('ward_unmet_requests', { p_ward_id: wardA });
		expect(foreignUnmet.error?.code).toBe('42501');
		expect(await auditSince(before)).toEqual([]);

		const roster = rows<{ profile_id: string }>(
			await coordA.db.rpc('ward_volunteers', { p_ward_id: wardA })
		);
		expect(roster.map((r) => r.profile_id).sort()).toEqual([teacher.id, volunteer.id].sort());
		const unmet = rows<{ learner_name: string }>(
			await coordA.db.rpc('ward_unmet_requests', { p_ward_id: wardA })
		);
		expect(unmet.map((r) => r.learner_name)).toEqual(['learner-0']);

		const written = await auditSince(before);
		expect(written.map((r) => [r.actor_id, r.record_key, r.new_data.page])).toEqual([
			[coordA.id, `ward:${wardA}`, 'ward_volunteers'],
			[coordA.id, `ward:${wardA}`, 'ward_unmet_requests']
		]);
		expect((written[0]!.new_data.profile_ids as string[]).sort()).toEqual(
			[teacher.id, volunteer.id].sort()
		);
		expect(written[1]!.new_data.profile_ids).toContain(learners[0]!.id);
		expect(JSON.stringify(written)).not.toContain('learner-0');

		// Nobody but the service role reads the log, the coordinator included.
		expect(rows(await coordA.db.from('audit_log').select('id').limit(1))).toEqual([]);
	});
});

describe('classes from the board', () => {
	it('only the class’s ward coordinator edits it; seats never below sign-ups; learners told', async () => {
		const id = await scheduleClass(coordA, teacher.id, 24 * 60);
		await join(learners.slice(0, 3), id);
		const change = { p_session_id: id, p_capacity: 5, p_venue_id: venue, ...at(26 * 60, 90) };

		const foreign = await coordB.db.rpc('edit_class', change);
		expect(foreign.error?.code).toBe('42501');
		const byTeacher = await teacher.db.rpc('edit_class', change);
		expect(byTeacher.error?.code).toBe('42501');
		const byLearner = await learners[0]!.db.rpc('cancel_class', {
			p_session_id: id,
			p_reason: 'Không thích'
		});
		expect(byLearner.error?.code).toBe('42501');
		const directForeign = await coordB.db
			.from('sessions')
			.update({ capacity: 1 })
			.eq('id', id)
			.select('id');
		expect(rows(directForeign)).toEqual([]);

		const tooSmall = await coordA.db.rpc('edit_class', { ...change, p_capacity: 2 });
		expect(tooSmall.error?.code).toBe('23514');
		expect(tooSmall.error?.details).toBe('capacity_below_signups');
		const directSmall = await coordA.db.from('sessions').update({ capacity: 2 }).eq('id', id);
		expect(directSmall.error?.details).toBe('capacity_below_signups');
		const otherWard = await coordA.db.rpc('edit_class', { ...change, p_venue_id: venueB });
		expect(otherWard.error?.details).toBe('not_our_venue');
		const past = await coordA.db.rpc('edit_class', { ...change, ...at(-60) });
		expect(past.error?.details).toBe('in_the_past');

		expect(
			(await coordA.db.rpc('edit_class', { ...change, p_venue_id: venueSpare })).error
		).toBeNull();
		const saved = only<{ capacity: number; venue_id: number }>(
			await admin.from('sessions').select('capacity, venue_id').eq('id', id)
		);
		expect(saved).toEqual({ capacity: 5, venue_id: venueSpare });
		for (const learner of learners.slice(0, 3))
			expect(await noticesOf(learner, id, 'session_rescheduled')).toHaveLength(1);

		const noReason = await coordA.db.rpc('cancel_class', { p_session_id: id, p_reason: ' ' });
		expect(noReason.error?.details).toBe('reason_required');
		const foreignCancel = await coordB.db.rpc('cancel_class', {
			p_session_id: id,
			p_reason: 'Lý do bất kỳ'
		});
		expect(foreignCancel.error?.code).toBe('42501');
		expect(
			(await coordA.db.rpc('cancel_class', { p_session_id: id, p_reason: 'Mất điện cả khu' })).error
		).toBeNull();
		for (const learner of learners.slice(0, 3))
			expect(await noticesOf(learner, id, 'session_cancelled')).toEqual([
				{ params: expect.objectContaining({ reason: 'Mất điện cả khu' }) }
			]);
		const again = await coordA.db.rpc('edit_class', change);
		expect(again.error?.details).toBe('not_scheduled');
	});

	it('a class under way can no longer be changed, by the board or directly', async () => {
		const id = await scheduleClass(coordA, teacher.id, 1);
		// Started: moved back by the service role (as time would).
		rows(
			await admin
				.from('sessions')
				.update({
					starts_at: new Date(Date.now() - 10 * MINUTE).toISOString(),
					ends_at: new Date(Date.now() + 50 * MINUTE).toISOString()
				})
				.eq('id', id)
				.select('id')
		);
		const edit = await coordA.db.rpc('edit_class', {
			p_session_id: id,
			p_capacity: 5,
			p_venue_id: venue,
			...at(120)
		});
		expect(edit.error?.details).toBe('already_started');
		const direct = await coordA.db.from('sessions').update({ capacity: 15 }).eq('id', id);
		expect(direct.error?.details).toBe('already_started');
		const cancel = await coordA.db.rpc('cancel_class', { p_session_id: id, p_reason: 'Muộn rồi' });
		expect(cancel.error?.details).toBe('already_started');
	});
});

describe('a suspension', () => {
	it('cancels the volunteer’s upcoming lessons with a neutral notice and reopens requests', async () => {
		const learner = learners[3]!;
		const classId = await scheduleClass(coordA, volunteer.id, 3 * 24 * 60);
		await join([learner, learners[1]!], classId);
		const request = await insertId(admin, 'help_requests', {
			learner_id: learner.id,
			created_by: learner.id,
			skill_id: skill,
			ward_id: wardA,
			place_type: 'venue',
			venue_id: venue
		});
		const lesson = await insertId(admin, 'sessions', {
			request_id: request,
			skill_id: skill,
			teacher_id: volunteer.id,
			ward_id: wardA,
			place_type: 'venue',
			venue_id: venue,
			starts_at: new Date(Date.now() + 4 * 24 * 60 * MINUTE).toISOString(),
			ends_at: new Date(Date.now() + (4 * 24 * 60 + 60) * MINUTE).toISOString()
		});
		rows(
			await admin
				.from('session_participants')
				.insert({ session_id: lesson, profile_id: learner.id })
				.select('session_id')
		);

		// Another ward's coordinator cannot suspend, so nothing is cancelled.
		const foreign = await coordB.db
			.from('volunteer_suspensions')
			.insert({ profile_id: volunteer.id, ward_id: wardA, reason: 'Lý do bất kỳ' });
		expect(foreign.error?.code).toBe('42501');
		const live = rows<{ status: string }>(
			await admin.from('sessions').select('status').in('id', [classId, lesson])
		);
		expect(live.map((s) => s.status).sort()).toEqual(['proposed', 'scheduled']);

		rows(
			await coordA.db
				.from('volunteer_suspensions')
				.insert({ profile_id: volunteer.id, ward_id: wardA, reason: 'Không đến hai buổi liền' })
				.select('id')
		);
		const after = rows<{ status: string; cancel_reason: string }>(
			await admin.from('sessions').select('status, cancel_reason').in('id', [classId, lesson])
		);
		expect(after).toEqual([
			{ status: 'cancelled', cancel_reason: 'unavailable' },
			{ status: 'cancelled', cancel_reason: 'unavailable' }
		]);
		expect(
			only<{ status: string }>(await admin.from('help_requests').select('status').eq('id', request))
				.status
		).toBe('open');
		for (const id of [classId, lesson])
			expect(await noticesOf(learner, id, 'session_cancelled')).toEqual([
				{ params: expect.objectContaining({ reason: 'unavailable' }) }
			]);
		expect(await noticesOf(learners[1]!, classId, 'session_cancelled')).toHaveLength(1);
		const everything = rows<{ params: unknown }>(
			await learner.db.from('notifications').select('params')
		);
		expect(JSON.stringify(everything)).not.toContain('Không đến');

		// The reopened request is offered on the board again.
		const unmet = rows<{ request_id: number }>(
			await coordA.db.rpc('ward_unmet_requests', { p_ward_id: wardA })
		);
		expect(unmet.map((r) => r.request_id)).toContain(request);
	});
});

describe('the dashboard’s priority groups', () => {
	it('count the groups a learner was in at the lesson, not today’s', async () => {
		const id = await scheduleClass(coordA, coordA.id, 5);
		const elder = learners[0]!;
		await join([elder], id);
		expect(
			(
				await coordA.db.rpc('mark_attendance', {
					p_session_id: id,
					p_profile_id: elder.id,
					p_present: true
				})
			).error
		).toBeNull();
		const groupsNow = async () => {
			const { data, error } = await coordA.db.rpc('ward_dashboard', { p_ward_id: wardA });
			if (error) throw new Error(error.message);
			return (data as { by_group: { group: string; people: number }[] }).by_group;
		};
		expect(await groupsNow()).toEqual([{ group: 'elderly', people: 1, attendances: 1 }]);
		rows(
			await admin
				.from('profiles')
				.update({ priority_groups: ['manual_worker'] })
				.eq('id', elder.id)
				.select('id')
		);
		expect(await groupsNow()).toEqual([{ group: 'elderly', people: 1, attendances: 1 }]);
		// Nobody reads the snapshot itself (it is in the private schema, and the participant row
		// the teacher, here the coordinator, reads carries no groups).
		const seen = rows<Record<string, unknown>>(
			await coordA.db.from('session_participants').select('*').eq('session_id', id)
		);
		expect(seen).toHaveLength(1);
		expect(Object.keys(seen[0]!)).not.toContain('priority_groups');
	});
});
