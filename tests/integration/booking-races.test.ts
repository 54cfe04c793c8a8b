// Two people clicking at the same moment, through the real supabase-js: a request is taken once,
// neither a volunteer nor a learner is ever double-booked, and confirming a lesson twice awards
// its badges once.
// On PostgreSQL (TEST_DB=postgres) the requests really run concurrently.
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

const HOUR = 3_600_000;

let server: TestSupabase;
let admin: SupabaseClient;
let ward: number;
let skill: number;
let venue: number;
let learner: Person;
let learner2: Person;
let v1: Person;
let v2: Person;

const LEARNER_OVERLAP = 'this learner already has another lesson at that time';

function openRequest(who: Person = learner): Promise<number> {
	return insertId(who.db, 'help_requests', { skill_id: skill, place_type: 'home' });
}

function times(startsInHours: number) {
	const starts = Date.now() + startsInHours * HOUR;
	return {
		starts_at: new Date(starts).toISOString(),
		ends_at: new Date(starts + HOUR).toISOString()
	};
}

function session(teacher: Person, requestId: number, startsInHours: number) {
	return {
		request_id: requestId,
		skill_id: skill,
		teacher_id: teacher.id,
		ward_id: ward,
		place_type: 'home',
		...times(startsInHours)
	};
}

function scheduledClass(teacher: Person, startsInHours: number): Promise<number> {
	return insertId(teacher.db, 'sessions', {
		kind: 'class',
		skill_id: skill,
		teacher_id: teacher.id,
		ward_id: ward,
		place_type: 'venue',
		venue_id: venue,
		capacity: 10,
		status: 'scheduled',
		...times(startsInHours)
	});
}

beforeAll(async () => {
	server = await startTestSupabase();
	admin = clientFor(server, server.serviceRoleKey);
	// Everyone here signed up a moment ago; the badge rules ignore such accounts unless told not to.
	only(
		await admin
			.from('recognition_rules')
			.update({ min_account_age: '0 seconds' })
			.eq('id', true)
			.select('id')
	);
	const [w] = await createWards(admin, 'RACE', 1);
	if (w === undefined) throw new Error('ward missing');
	ward = w;
	skill = await createSkill(admin, 'race-skill');
	await insertId(admin, 'badge_definitions', {
		slug: 'race-first',
		kind: 'sessions_taught',
		threshold: 1,
		name_vi: 'Buổi đầu',
		name_en: 'First'
	});
	const profile = (canTeach: boolean) => ({
		ward_id: ward,
		can_teach: canTeach,
		wants_to_learn: !canTeach
	});
	venue = await insertId(admin, 'venues', {
		ward_id: ward,
		name_vi: 'Nhà văn hoá',
		address: '1 Đường Thử',
		lat: 10.77,
		lng: 106.69
	});
	learner = await signedInPerson(server, admin, 'race-learner@example.test', profile(false));
	learner2 = await signedInPerson(server, admin, 'race-learner2@example.test', profile(false));
	v1 = await signedInPerson(server, admin, 'race-v1@example.test', profile(true));
	v2 = await signedInPerson(server, admin, 'race-v2@example.test', profile(true));
	await verifyVolunteers(admin, ward, [v1.id, v2.id]);
}, BOOT_TIMEOUT);

afterAll(async () => {
	await server?.stop();
});

describe('simultaneous clicks', () => {
	it('two volunteers taking the same request: exactly one wins', async () => {
		const requestId = await openRequest();
		const results = await Promise.all([
			v1.db.from('sessions').insert(session(v1, requestId, 24)),
			v2.db.from('sessions').insert(session(v2, requestId, 24))
		]);
		expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
		expect(results.find((r) => r.error)?.error?.code).toBe('23505');
	});

	it('one volunteer booked twice for overlapping times: exactly one wins', async () => {
		// Two different learners, so only the volunteer's own constraint can refuse.
		const [a, b] = [await openRequest(learner), await openRequest(learner2)];
		const results = await Promise.all([
			v1.db.from('sessions').insert(session(v1, a, 48)),
			v1.db.from('sessions').insert(session(v1, b, 48.5))
		]);
		expect(results.filter((r) => r.error === null)).toHaveLength(1);
		const error = results.find((r) => r.error)?.error;
		expect(error?.code).toBe('23P01');
		expect(error?.details).toBe('teacher_busy');
	});

	it('two volunteers booking one learner for overlapping times: exactly one wins', async () => {
		const [a, b] = [await openRequest(), await openRequest()];
		const results = await Promise.all([
			v1.db.from('sessions').insert(session(v1, a, 72)),
			v2.db.from('sessions').insert(session(v2, b, 72.5))
		]);
		// PostgREST answers 400 for integrity errors other than 23503/23505.
		expect(results.map((r) => r.status).sort()).toEqual([201, 400]);
		const error = results.find((r) => r.error)?.error;
		expect(error?.code).toBe('23P01');
		expect(error?.message).toBe(LEARNER_OVERLAP);
	});

	it('one learner joining two overlapping classes at once: exactly one wins', async () => {
		const [c1, c2] = [await scheduledClass(v1, 96), await scheduledClass(v2, 96.5)];
		const join = (sessionId: number) =>
			learner2.db
				.from('session_participants')
				.insert({ session_id: sessionId, profile_id: learner2.id });
		const results = await Promise.all([join(c1), join(c2)]);
		// PostgREST answers 400 for integrity errors other than 23503/23505.
		expect(results.map((r) => r.status).sort()).toEqual([201, 400]);
		const error = results.find((r) => r.error)?.error;
		expect(error?.code).toBe('23P01');
		expect(error?.message).toBe(LEARNER_OVERLAP);

		const booked = rows<{ session_id: number }>(
			await admin
				.from('session_participants')
				.select('session_id')
				.eq('profile_id', learner2.id)
				.in('session_id', [c1, c2])
		);
		expect(booked).toHaveLength(1);
	});

	it('confirming the same lesson twice at once awards the badge once', async () => {
		const sessionId = await insertId(v2.db, 'sessions', session(v2, await openRequest(), -0.5));
		only(
			await v2.db
				.from('session_participants')
				.insert({ session_id: sessionId, profile_id: learner.id })
				.select('session_id')
		);
		const answered = await learner.db.rpc('answer_lesson', {
			p_session_id: sessionId,
			p_accept: true
		});
		expect(answered.error).toBeNull();
		const { code } = only<{ code: string }>(
			await learner.db.from('session_codes').select('code').eq('session_id', sessionId)
		);

		const results = await Promise.all([
			v2.db.rpc('confirm_session', { p_session_id: sessionId, p_code: code }),
			v2.db.rpc('confirm_session', { p_session_id: sessionId, p_code: code })
		]);
		expect(results.map((r) => r.error)).toEqual([null, null]);
		expect(results.map((r) => (r.data as { outcome: string }[])[0]?.outcome)).toEqual([
			'confirmed',
			'confirmed'
		]);

		const awards = rows<{ badge_definitions: { slug: string } }>(
			await admin
				.from('badge_awards')
				.select('badge_definitions!inner(slug)')
				.eq('profile_id', v2.id)
		);
		const slugs = awards.map((a) => a.badge_definitions.slug);
		expect(slugs.filter((slug) => slug === 'race-first')).toHaveLength(1);
		expect(new Set(slugs).size).toBe(slugs.length);
	});
});
