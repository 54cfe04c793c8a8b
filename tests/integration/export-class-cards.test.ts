// "Download my data" says how each phone consent card was confirmed (her own account or a class's
// tablet; the volunteer's side by the teacher or the ward's coordinator) as roles, and a confirmer
// finds the cards they confirmed for others; nobody's export names the other people. Through the
// real supabase-js, on PGlite and (TEST_DB=postgres) PostgreSQL 15.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupabase, type TestSupabase } from '../../supabase/local/testing';
import {
	BOOT_TIMEOUT,
	clientFor,
	createSkill,
	createWards,
	insertId,
	rows,
	signedInPerson,
	type Person
} from './helpers';

let server: TestSupabase;
let admin: SupabaseClient;
let coordinator: Person;
let teacher: Person;
let learner: Person;
let lesson: number;
let classSession: number;

interface Export {
	phone_consent_cards: Record<string, unknown>[];
	phone_consent_cards_confirmed: Record<string, unknown>[];
}

async function exportOf(person: Person): Promise<{ data: Export; text: string }> {
	const { data, error } = await person.db.rpc('export_my_data');
	if (error) throw new Error(`${error.code} ${error.message}`);
	return { data: data as Export, text: JSON.stringify(data) };
}

beforeAll(async () => {
	server = await startTestSupabase();
	admin = clientFor(server, server.serviceRoleKey);
	const [ward] = (await createWards(admin, 'XCC', 1)) as [number];
	const skill = await createSkill(admin, 'xcc-skill');
	const person = (slug: string, extra: Record<string, unknown> = {}) =>
		signedInPerson(server, admin, `xcc-${slug}@example.test`, {
			ward_id: ward,
			onboarded_at: new Date().toISOString(),
			...extra
		});
	coordinator = await person('coordinator');
	teacher = await person('teacher', { can_teach: true });
	learner = await person('learner', { wants_to_learn: true });
	rows(
		await admin
			.from('coordinator_assignments')
			.insert({ profile_id: coordinator.id, ward_id: ward })
			.select('ward_id')
	);
	const starts = Date.now() + 24 * 3_600_000;
	const session = (hoursLater: number) =>
		insertId(admin, 'sessions', {
			skill_id: skill,
			teacher_id: teacher.id,
			ward_id: ward,
			place_type: 'home',
			starts_at: new Date(starts + hoursLater * 3_600_000).toISOString(),
			ends_at: new Date(starts + (hoursLater + 1) * 3_600_000).toISOString()
		});
	lesson = await session(0);
	classSession = await session(3);
	rows(
		await admin
			.from('session_participants')
			.insert([
				{ session_id: lesson, profile_id: learner.id, status: 'accepted' },
				{ session_id: classSession, profile_id: learner.id, status: 'accepted' }
			])
			.select('session_id')
	);
	const now = new Date().toISOString();
	rows(
		await admin
			.from('device_cards')
			.insert([
				{
					session_id: lesson,
					learner_id: learner.id,
					actions: ['hold_phone'],
					minutes: 30,
					teacher_confirmed_at: now,
					teacher_confirmed_by: teacher.id,
					learner_confirmed_at: now,
					learner_confirmed_by: learner.id,
					learner_confirmed_on: 'own_account'
				},
				{
					session_id: classSession,
					learner_id: learner.id,
					actions: ['create_accounts'],
					minutes: 45,
					teacher_confirmed_at: now,
					teacher_confirmed_by: coordinator.id,
					learner_confirmed_at: now,
					learner_confirmed_by: coordinator.id,
					learner_confirmed_on: 'class_tablet'
				}
			])
			.select('session_id')
	);
}, BOOT_TIMEOUT);

afterAll(async () => {
	await server?.stop();
});

describe('download my data and the phone consent cards', () => {
	it('her cards say where her side was given and who confirmed the volunteer’s, by role', async () => {
		const { data, text } = await exportOf(learner);
		const bySession = new Map(data.phone_consent_cards.map((c) => [c.session_id, c]));
		expect(bySession.get(lesson)).toMatchObject({
			learner_confirmed_on: 'own_account',
			teacher_side_confirmed_by: 'teacher',
			confirmed_by_me: true
		});
		expect(bySession.get(classSession)).toMatchObject({
			learner_confirmed_on: 'class_tablet',
			teacher_side_confirmed_by: 'ward_coordinator',
			confirmed_by_me: false
		});
		expect(text).not.toContain(coordinator.id);
		expect(text).not.toContain(teacher.id);
	});

	it('a confirmer finds the cards they confirmed for her, without her id', async () => {
		const held = await exportOf(coordinator);
		expect(held.data.phone_consent_cards).toEqual([]);
		expect(held.data.phone_consent_cards_confirmed).toEqual([
			expect.objectContaining({
				session_id: classSession,
				my_side: 'both_on_tablet',
				learner_confirmed_on: 'class_tablet'
			})
		]);
		expect(held.text).not.toContain(learner.id);

		const taught = await exportOf(teacher);
		expect(taught.data.phone_consent_cards_confirmed.map((c) => [c.session_id, c.my_side])).toEqual(
			[[lesson, 'teacher']]
		);
		expect(taught.text).not.toContain(learner.id);
	});
});
