// The phone consent card in a class of a phone-touching skill, through the real supabase-js, as
// the people who would try to get round it: a learner recording both sides herself, a learner
// confirming for another, another ward's coordinator, a teacher marking present without a card.
// Runs on PGlite and (TEST_DB=postgres) PostgreSQL 15.
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
	verifyVolunteers,
	type Person
} from './helpers';

const MINUTE = 60_000;

let server: TestSupabase;
let admin: SupabaseClient;
let classId: number;
let coordA: Person;
let coordB: Person;
let teacher: Person;
const learners: Person[] = [];
/** The i-th learner (three are made before any test). */
const L = (i: number): Person => learners[i] as Person;

function card(learner: string, extra: Record<string, unknown> = {}) {
	return {
		p_session_id: classId,
		p_learner_id: learner,
		p_actions: ['hold_phone', 'install_apps'],
		p_minutes: 30,
		p_codes_rule: true,
		...extra
	};
}

const mark = (db: SupabaseClient, learner: string) =>
	db.rpc('mark_attendance', { p_session_id: classId, p_profile_id: learner, p_present: true });

beforeAll(async () => {
	server = await startTestSupabase();
	admin = clientFor(server, server.serviceRoleKey);
	const [wardA, wardB] = (await createWards(admin, 'CCARD', 2)) as [number, number];
	const skill = await createSkill(admin, 'ccard-vneid');
	rows(
		await admin.from('skills').update({ touches_learner_phone: true }).eq('id', skill).select('id')
	);
	const person = (name: string, ward: number, extra: Record<string, unknown> = {}) =>
		signedInPerson(server, admin, `ccard-${name}@example.test`, {
			ward_id: ward,
			display_name: name,
			onboarded_at: new Date().toISOString(),
			...extra
		});
	coordA = await person('coord-a', wardA);
	coordB = await person('coord-b', wardB);
	teacher = await person('teacher', wardA, { can_teach: true });
	for (let i = 0; i < 3; i++)
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
	await verifyVolunteers(admin, wardA, [teacher.id]);
	const venue = await insertId(coordA.db, 'venues', {
		ward_id: wardA,
		name_vi: 'Nhà văn hóa khu phố 5',
		address: '5 Đường Thử',
		lat: 10.77,
		lng: 106.69,
		shared_tablets: 4,
		capacity: 20
	});
	const starts = Date.now() + 10 * MINUTE;
	const scheduled = await coordA.db.rpc('schedule_class', {
		p_venue_id: venue,
		p_skill_id: skill,
		p_teacher_id: teacher.id,
		p_capacity: 5,
		p_starts_at: new Date(starts).toISOString(),
		p_ends_at: new Date(starts + 60 * MINUTE).toISOString()
	});
	expect(scheduled.error).toBeNull();
	classId = scheduled.data as number;
	for (const l of learners) {
		const joined = await l.db.rpc('join_class', { p_session_id: classId });
		expect(joined.error).toBeNull();
	}
}, BOOT_TIMEOUT);

afterAll(async () => {
	await server?.stop();
});

describe('a class of a phone-touching skill', () => {
	it('marks no learner present before her card is confirmed by both sides', async () => {
		const res = await mark(teacher.db, L(0).id);
		expect(res.error?.code).toBe('42501');
		expect(res.error?.details).toBe('device_card_required');
		const coordinator = await mark(coordA.db, L(0).id);
		expect(coordinator.error?.details).toBe('device_card_required');
	});

	it('lets no learner record both sides, nor confirm another learner’s card', async () => {
		const both = await L(0).db.rpc('confirm_class_card', {
			...card(L(0).id),
			p_learner_agrees: true
		});
		expect(both.error?.code).toBe('42501');
		const other = await L(1).db.rpc('confirm_device_card', card(L(0).id));
		expect(other.error?.code).toBe('42501');
		const forged = await L(1)
			.db.from('device_cards')
			.insert({
				session_id: classId,
				learner_id: L(0).id,
				actions: ['hold_phone'],
				minutes: 30,
				teacher_confirmed_at: new Date().toISOString(),
				learner_confirmed_at: new Date().toISOString()
			});
		expect(forged.error?.code).toBe('42501');
		const farCoordinator = await coordB.db.rpc('confirm_class_card', {
			...card(L(0).id),
			p_learner_agrees: true
		});
		expect(farCoordinator.error?.code).toBe('42501');
		// Her own side alone, on her phone, does not let the teacher mark her.
		expect((await L(0).db.rpc('confirm_device_card', card(L(0).id))).data).toBe('waiting');
		const edited = await L(0)
			.db.from('device_cards')
			.update({ teacher_confirmed_at: new Date().toISOString() })
			.eq('session_id', classId)
			.select('learner_id');
		expect(edited.error?.code).toBe('42501');
		expect((await mark(teacher.db, L(0).id)).error?.details).toBe('device_card_required');
	});

	it('on the tablet, needs the learner’s own tick and the codes rule', async () => {
		const noTick = await teacher.db.rpc('confirm_class_card', {
			...card(L(1).id),
			p_learner_agrees: false
		});
		expect(noTick.error?.details).toBe('learner_agreement_required');
		const noRule = await teacher.db.rpc('confirm_class_card', {
			...card(L(1).id, { p_codes_rule: false }),
			p_learner_agrees: true
		});
		expect(noRule.error?.details).toBe('codes_rule_required');
	});

	it('records each learner’s card, where it was given, then lets her be marked present', async () => {
		// On her own phone first, then the teacher confirms the same terms.
		expect((await teacher.db.rpc('confirm_device_card', card(L(0).id))).data).toBe('agreed');
		expect((await mark(teacher.db, L(0).id)).data).toBe('attended');
		// Together on the tablet, with the ward's coordinator holding it.
		const tablet = await coordA.db.rpc('confirm_class_card', {
			...card(L(1).id),
			p_learner_agrees: true
		});
		expect(tablet.error).toBeNull();
		expect((await mark(coordA.db, L(1).id)).data).toBe('attended');
		const cards = rows<{ learner_id: string; learner_confirmed_on: string }>(
			await teacher.db
				.from('device_cards')
				.select('learner_id, learner_confirmed_on')
				.eq('session_id', classId)
		);
		const on = Object.fromEntries(cards.map((c) => [c.learner_id, c.learner_confirmed_on]));
		expect(on).toEqual({ [L(0).id]: 'own_account', [L(1).id]: 'class_tablet' });
		// The third learner still has no card: still held up.
		expect((await mark(teacher.db, L(2).id)).error?.details).toBe('device_card_required');
	});

	it('shows each learner her own card only', async () => {
		const mine = rows<{ learner_id: string }>(
			await L(1).db.from('device_cards').select('learner_id').eq('session_id', classId)
		);
		expect(mine.map((c) => c.learner_id)).toEqual([L(1).id]);
		const none = rows(
			await L(2).db.from('device_cards').select('learner_id').eq('session_id', classId)
		);
		expect(none).toEqual([]);
	});
});
