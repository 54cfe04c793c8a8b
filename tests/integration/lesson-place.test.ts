// Where a lesson happens and who may say how it went, through the real supabase-js as a curious
// signed-in person would try: the meeting note is not in the table, lesson_place() gives nothing
// exact before both agreed and nothing at all to outsiders, and feedback comes only from people
// who were there, about steps of the lesson's own skill.
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
const HOME = { lat: 10.77312, lng: 106.69871 };

let server: TestSupabase;
let admin: SupabaseClient;
let skill: number;
let step: number;
let otherStep: number;
let learner: Person;
let teacher: Person;
let stranger: Person;
let coordinator: Person;

interface Place {
	place_type: string;
	lat: number | null;
	lng: number | null;
	note: string | null;
	exact: boolean;
}

async function placeFor(who: Person, id: number): Promise<Place[]> {
	return rows<Place>(await who.db.rpc('lesson_place', { p_session_id: id }));
}

async function proposeAtHome(startsInMinutes: number, note: string): Promise<number> {
	const request = await insertId(learner.db, 'help_requests', {
		skill_id: skill,
		place_type: 'home'
	});
	const starts = Date.now() + startsInMinutes * MINUTE;
	const proposed = await teacher.db.rpc('propose_lesson', {
		p_request_id: request,
		p_starts_at: new Date(starts).toISOString(),
		p_ends_at: new Date(starts + 45 * MINUTE).toISOString(),
		p_place_type: 'home',
		p_place_note: note
	});
	if (proposed.error) throw new Error(JSON.stringify(proposed.error));
	return proposed.data as number;
}

beforeAll(async () => {
	server = await startTestSupabase();
	admin = clientFor(server, server.serviceRoleKey);
	const [ward] = (await createWards(admin, 'PLACE', 1)) as [number];
	skill = await createSkill(admin, 'place-skill');
	const other = await createSkill(admin, 'place-other');
	step = await insertId(admin, 'skill_steps', {
		skill_id: skill,
		position: 1,
		title_vi: 'Mở ứng dụng',
		title_en: 'Open the app'
	});
	otherStep = await insertId(admin, 'skill_steps', {
		skill_id: other,
		position: 1,
		title_vi: 'Bước khác',
		title_en: 'Another step'
	});
	const profile = (teach: boolean) => ({ ward_id: ward, can_teach: teach, wants_to_learn: true });
	learner = await signedInPerson(server, admin, 'place-learner@example.test', profile(false));
	teacher = await signedInPerson(server, admin, 'place-teacher@example.test', profile(true));
	stranger = await signedInPerson(server, admin, 'place-stranger@example.test', profile(true));
	await verifyVolunteers(admin, ward, [teacher.id, stranger.id]);
	coordinator = await signedInPerson(server, admin, 'place-coord@example.test', profile(false));
	only(
		await admin
			.from('coordinator_assignments')
			.insert({ profile_id: coordinator.id, ward_id: ward })
			.select('ward_id')
	);
	only(
		await admin
			.from('home_locations')
			.insert({ profile_id: learner.id, ...HOME })
			.select('profile_id')
	);
}, BOOT_TIMEOUT);

afterAll(async () => {
	await server?.stop();
});

describe('the place of a lesson', () => {
	it('is exact only once both agreed, and never for an outsider', async () => {
		const id = await proposeAtHome(3 * 24 * 60, 'Gọi trước 10 phút');

		// The note is not in the table, even for the teacher who wrote it.
		expect(rows(await teacher.db.from('sessions').select('place_note').eq('id', id))).toEqual([
			{ place_note: '' }
		]);
		expect(rows(await learner.db.from('sessions').select('place_note').eq('id', id))).toEqual([
			{ place_note: '' }
		]);

		const [before] = await placeFor(teacher, id);
		expect(before?.exact).toBe(false);
		expect(before?.note).toBeNull();
		expect([before?.lat, before?.lng]).not.toEqual([HOME.lat, HOME.lng]);
		expect((await placeFor(learner, id)).map((p) => [p.exact, p.note])).toEqual([[false, null]]);
		expect(await placeFor(stranger, id)).toEqual([]);

		const accepted = await learner.db.rpc('answer_lesson', { p_session_id: id, p_accept: true });
		expect(accepted.data).toBe('accepted');

		expect((await placeFor(teacher, id)).map((p) => [p.exact, p.lat, p.lng, p.note])).toEqual([
			[true, HOME.lat, HOME.lng, 'Gọi trước 10 phút']
		]);
		expect((await placeFor(learner, id)).map((p) => p.note)).toEqual(['Gọi trước 10 phút']);
		expect(await placeFor(stranger, id)).toEqual([]);
		// The ward's coordinator is not a party to the lesson: the cell, as everywhere else.
		const [coordinated] = await placeFor(coordinator, id);
		expect([coordinated?.exact, coordinated?.note]).toEqual([false, null]);
		expect([coordinated?.lat, coordinated?.lng]).not.toEqual([HOME.lat, HOME.lng]);
	});

	it('gives nothing exact after she declined', async () => {
		const id = await proposeAtHome(4 * 24 * 60, 'Nhà số 5');
		await learner.db.rpc('answer_lesson', { p_session_id: id, p_accept: false, p_reason: 'Bận' });
		const places = await placeFor(teacher, id);
		expect(places.every((p) => !p.exact && p.note === null)).toBe(true);
	});
});

describe('feedback', () => {
	it('comes only from the people who were there, about the lesson’s own steps, once', async () => {
		const id = await proposeAtHome(5, 'Tầng trệt');
		await learner.db.rpc('answer_lesson', { p_session_id: id, p_accept: true });
		const { code } = only<{ code: string }>(
			await learner.db.from('session_codes').select('code').eq('session_id', id)
		);
		const confirmed = await teacher.db.rpc('confirm_session', { p_session_id: id, p_code: code });
		expect(rows<{ outcome: string }>(confirmed)[0]?.outcome).toBe('confirmed');

		const intruder = await stranger.db
			.from('feedback')
			.insert({ session_id: id, author_id: stranger.id, rating: 1 });
		expect([intruder.status, intruder.error?.code]).toEqual([403, '42501']);

		const foreign = await learner.db
			.from('feedback')
			.insert({ session_id: id, author_id: learner.id, rating: 5, mastered_step_ids: [otherStep] });
		expect([foreign.error?.code, foreign.error?.details]).toEqual(['23514', 'step_not_in_skill']);

		const given = await learner.db
			.from('feedback')
			.insert({ session_id: id, author_id: learner.id, rating: 5, mastered_step_ids: [step] });
		expect(given.error).toBeNull();
		const again = await learner.db
			.from('feedback')
			.insert({ session_id: id, author_id: learner.id, rating: 1 });
		expect(again.error?.code).toBe('23505');

		const byTeacher = await teacher.db
			.from('feedback')
			.insert({ session_id: id, author_id: teacher.id, rating: 4, comment: 'Bà học nhanh' });
		expect(byTeacher.error).toBeNull();
	});
});
