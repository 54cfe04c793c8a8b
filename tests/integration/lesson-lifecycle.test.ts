// Lessons through the real supabase-js, as people and attackers would call them: twenty bookings of one
// volunteer at once, two volunteers taking one request, a volunteer learning while teaching, a forced
// participant, code guessing, a shared family phone. On PostgreSQL (TEST_DB=postgres) the requests
// really run concurrently; every refusal carries a `details` key the app translates.
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
	recordConsent,
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
let v1: Person;
let v2: Person;
let coordinator: Person;

function at(hours: number) {
	const starts = Date.now() + hours * HOUR;
	return { starts: new Date(starts).toISOString(), ends: new Date(starts + HOUR).toISOString() };
}

/** A person who never signs in: created by the admin API, with a request filed for them. */
async function learnerWithRequest(n: number): Promise<number> {
	const created = await admin.auth.admin.createUser({
		email: `lesson-bulk-${n}@example.test`,
		password: 'mat-khau-rat-dai-123',
		email_confirm: true
	});
	const id = created.data.user?.id;
	if (!id) throw new Error(String(created.error?.message));
	only(
		await admin
			.from('profiles')
			.update({ ward_id: ward, wants_to_learn: true })
			.eq('id', id)
			.select('id')
	);
	await recordConsent(admin, id);
	return insertId(admin, 'help_requests', { learner_id: id, skill_id: skill, place_type: 'home' });
}

function propose(who: Person, requestId: number, hours: number) {
	const { starts, ends } = at(hours);
	return who.db.rpc('propose_lesson', {
		p_request_id: requestId,
		p_starts_at: starts,
		p_ends_at: ends,
		p_place_type: 'home'
	});
}

async function scheduledClass(teacher: Person, hours: number): Promise<number> {
	const { starts, ends } = at(hours);
	return insertId(teacher.db, 'sessions', {
		kind: 'class',
		skill_id: skill,
		teacher_id: teacher.id,
		ward_id: ward,
		place_type: 'venue',
		venue_id: venue,
		capacity: 10,
		status: 'scheduled',
		starts_at: starts,
		ends_at: ends
	});
}

beforeAll(async () => {
	server = await startTestSupabase();
	admin = clientFor(server, server.serviceRoleKey);
	const [w] = await createWards(admin, 'LESSON', 1);
	if (w === undefined) throw new Error('ward missing');
	ward = w;
	skill = await createSkill(admin, 'lesson-skill');
	venue = await insertId(admin, 'venues', {
		ward_id: ward,
		name_vi: 'Nhà văn hoá',
		address: '1 Đường Thử',
		lat: 10.77,
		lng: 106.69,
		capacity: 30
	});
	const profile = (teach: boolean) => ({ ward_id: ward, can_teach: teach, wants_to_learn: true });
	learner = await signedInPerson(server, admin, 'lesson-learner@example.test', {
		...profile(false),
		phone: '+84901234567'
	});
	v1 = await signedInPerson(server, admin, 'lesson-v1@example.test', profile(true));
	v2 = await signedInPerson(server, admin, 'lesson-v2@example.test', profile(true));
	await verifyVolunteers(admin, ward, [v1.id, v2.id]);
	coordinator = await signedInPerson(server, admin, 'lesson-coord@example.test', profile(false));
	only(
		await admin
			.from('coordinator_assignments')
			.insert({ profile_id: coordinator.id, ward_id: ward })
			.select('ward_id')
	);
}, BOOT_TIMEOUT);

afterAll(async () => {
	await server?.stop();
});

describe('bookings at the same moment', () => {
	it('twenty parallel bookings of one volunteer: exactly one wins, the rest are told why', async () => {
		const requests: number[] = [];
		for (let i = 0; i < 20; i++) requests.push(await learnerWithRequest(i));
		const results = await Promise.all(requests.map((r, i) => propose(v1, r, 200 + i * 0.05)));
		expect(results.filter((r) => r.error === null)).toHaveLength(1);
		const refusals = results.filter((r) => r.error !== null);
		expect(refusals.map((r) => [r.status, r.error?.code, r.error?.details])).toEqual(
			Array.from({ length: 19 }, () => [400, '23P01', 'teacher_busy'])
		);
	});

	it('two volunteers accepting one request at once: exactly one wins, the other is told why', async () => {
		const requestId = await insertId(learner.db, 'help_requests', {
			skill_id: skill,
			place_type: 'home'
		});
		const results = await Promise.all([propose(v1, requestId, 300), propose(v2, requestId, 301)]);
		expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
		const loser = results.find((r) => r.error)?.error;
		expect([loser?.code, loser?.details]).toEqual(['23505', 'request_taken']);
	});

	it('a volunteer cannot learn in a class while teaching one', async () => {
		await scheduledClass(v1, 400);
		const other = await scheduledClass(v2, 400.5);
		const joined = await v1.db
			.from('session_participants')
			.insert({ session_id: other, profile_id: v1.id });
		expect([joined.status, joined.error?.code, joined.error?.details]).toEqual([
			400,
			'23P01',
			'learner_busy'
		]);
	});
});

describe('participation is the participant’s own act', () => {
	it('a teacher cannot force someone in as accepted, see their phone, or accept for them', async () => {
		const classId = await scheduledClass(v2, 500);
		const forced = await v2.db
			.from('session_participants')
			.insert({ session_id: classId, profile_id: learner.id, status: 'accepted' });
		expect([forced.status, forced.error?.code]).toEqual([403, '42501']);

		const invited = await v2.db
			.from('session_participants')
			.insert({ session_id: classId, profile_id: learner.id });
		expect(invited.error).toBeNull();
		const accepted = await v2.db
			.from('session_participants')
			.update({ status: 'accepted' })
			.eq('session_id', classId)
			.eq('profile_id', learner.id)
			.select('status');
		expect(accepted.error?.code).toBe('42501');
		expect(rows(await v2.db.from('profiles').select('phone').eq('id', learner.id))).toEqual([]);

		const answered = await learner.db.rpc('answer_lesson', {
			p_session_id: classId,
			p_accept: true
		});
		expect(answered.data).toBe('accepted');
		expect(rows(await v2.db.from('profiles').select('phone').eq('id', learner.id))).toEqual([
			{ phone: '+84901234567' }
		]);
	});
});

describe('completion codes', () => {
	it('five wrong guesses lock the session until a coordinator unlocks it', async () => {
		const requestId = await insertId(learner.db, 'help_requests', {
			skill_id: skill,
			place_type: 'home'
		});
		const past = new Date(Date.now() - HOUR / 2);
		const sessionId = await insertId(admin, 'sessions', {
			request_id: requestId,
			skill_id: skill,
			teacher_id: v2.id,
			ward_id: ward,
			place_type: 'home',
			starts_at: past.toISOString(),
			ends_at: new Date(past.getTime() + HOUR).toISOString()
		});
		only(
			await admin
				.from('session_participants')
				.insert({ session_id: sessionId, profile_id: learner.id })
				.select('session_id')
		);
		expect(
			(await learner.db.rpc('answer_lesson', { p_session_id: sessionId, p_accept: true })).error
		).toBeNull();
		const { code } = only<{ code: string }>(
			await learner.db.from('session_codes').select('code').eq('session_id', sessionId)
		);
		const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
		const outcomes: string[] = [];
		for (let i = 0; i < 5; i++) {
			const res = await v2.db.rpc('confirm_session', { p_session_id: sessionId, p_code: wrong });
			outcomes.push((res.data as { outcome: string }[])[0]?.outcome ?? String(res.error?.message));
		}
		expect(outcomes).toEqual(['wrong_code', 'wrong_code', 'wrong_code', 'wrong_code', 'locked']);
		const right = await v2.db.rpc('confirm_session', { p_session_id: sessionId, p_code: code });
		expect((right.data as { outcome: string }[])[0]?.outcome).toBe('locked');

		expect((await v2.db.rpc('unlock_session_code', { p_session_id: sessionId })).error?.code).toBe(
			'42501'
		);
		expect(
			(await coordinator.db.rpc('unlock_session_code', { p_session_id: sessionId })).data
		).toBe(true);
		const after = await v2.db.rpc('confirm_session', { p_session_id: sessionId, p_code: code });
		expect((after.data as { outcome: string }[])[0]?.outcome).toBe('confirmed');
	});
});

describe('a shared family phone', () => {
	it('the last person to subscribe on a device owns its endpoint', async () => {
		const endpoint = 'https://push.example.test/family-phone';
		const keys = { p256dh: 'k'.repeat(87), auth: 'a'.repeat(22) };
		expect(
			(await learner.db.from('push_subscriptions').insert({ endpoint, ...keys })).error
		).toBeNull();
		const second = await v1.db.from('push_subscriptions').insert({ endpoint, ...keys });
		expect(second.error).toBeNull();
		expect(rows(await learner.db.from('push_subscriptions').select('id'))).toEqual([]);
		const back = await learner.db.rpc('save_push_subscription', {
			p_endpoint: endpoint,
			p_p256dh: keys.p256dh,
			p_auth: keys.auth
		});
		expect(back.error).toBeNull();
		expect(
			rows<{ profile_id: string }>(
				await admin.from('push_subscriptions').select('profile_id').eq('endpoint', endpoint)
			)
		).toEqual([{ profile_id: learner.id }]);
	});
});
