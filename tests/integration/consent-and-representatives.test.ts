// Consent before use, the phone consent card, legal representatives, volunteers under 18 and the
// routing of reports about a coordinator, through the real supabase-js as curious or malicious
// signed-in people would try them.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupabase, type TestSupabase } from '../../supabase/local/testing';
import { CONSENT_VERSIONS } from '../../src/lib/server/db/consents';
import {
	BOOT_TIMEOUT,
	CONSENT_VERSION,
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
const YEAR = new Date().getFullYear();

let server: TestSupabase;
let admin: SupabaseClient;
let city: number;
let ward: number;
let venue: number;
let phoneSkill: number;
let learner: Person;
let volunteer: Person;
let stranger: Person;
let coordinator: Person;
let coordinator2: Person;
let cityCoordinator: Person;
let counter = 0;

/** A signed-in person of the test ward; `consent: false` leaves the consent off the record. */
async function person(name: string, profile: Record<string, unknown> = {}, consent = true) {
	const p = await signedInPerson(server, admin, `cr-${name}-${counter++}@example.test`, {
		ward_id: ward,
		...profile
	});
	if (!consent) {
		// Undo the consent the helper records, as a person who never agreed.
		await admin.from('consents').delete().eq('profile_id', p.id);
		await admin.from('profiles').update({ consent_version: null }).eq('id', p.id);
	}
	return p;
}

beforeAll(async () => {
	server = await startTestSupabase();
	admin = clientFor(server, server.serviceRoleKey);
	const [w] = await createWards(admin, 'CONS', 1);
	if (w === undefined) throw new Error('ward missing');
	ward = w;
	city = only<{ parent_id: number }>(
		await admin.from('areas').select('parent_id').eq('id', ward)
	).parent_id;
	venue = await insertId(admin, 'venues', {
		ward_id: ward,
		name_vi: 'Nhà văn hóa',
		address: '1 Lê Lợi',
		lat: 10.771,
		lng: 106.691
	});
	phoneSkill = await createSkill(admin, 'cons-vneid');
	only(
		await admin
			.from('skills')
			.update({ touches_learner_phone: true })
			.eq('id', phoneSkill)
			.select('id')
	);
	learner = await person('learner', { wants_to_learn: true });
	volunteer = await person('volunteer', { can_teach: true });
	stranger = await person('stranger', { can_teach: true });
	coordinator = await person('coord');
	coordinator2 = await person('coord2');
	cityCoordinator = await person('citycoord');
	await verifyVolunteers(admin, ward, [volunteer.id, stranger.id]);
	rows(
		await admin
			.from('coordinator_assignments')
			.insert([
				{ profile_id: coordinator.id, ward_id: ward },
				{ profile_id: coordinator2.id, ward_id: ward },
				{ profile_id: cityCoordinator.id, ward_id: city }
			])
			.select('ward_id')
	);
}, BOOT_TIMEOUT);

afterAll(async () => {
	await server?.stop();
});

describe('consent before use', () => {
	it('names the same version in the database and in the app', async () => {
		const inForce = await learner.db.rpc('current_consent_version');
		expect(inForce.data).toBe(CONSENT_VERSIONS.personal_data);
		expect(CONSENT_VERSION).toBe(CONSENT_VERSIONS.personal_data);
	});

	it('refuses a request, an offer and a lesson without the consent in force, and asks again for an old one', async () => {
		const newcomer = await person('newcomer', { wants_to_learn: true }, false);
		const ask = () =>
			newcomer.db.from('help_requests').insert({ skill_id: phoneSkill, place_type: 'home' });
		const refused = await ask();
		expect([refused.error?.code, refused.error?.details]).toEqual(['42501', 'consent_required']);

		const old = await newcomer.db
			.from('consents')
			.insert({ profile_id: newcomer.id, kind: 'personal_data', version: '2025-07' });
		expect(old.error).toBeNull();
		expect((await ask()).error?.details).toBe('consent_required');
		const offer = await newcomer.db.rpc('save_volunteer_offer', {
			p_skills: [{ skill_id: phoneSkill, level: 'confident' }],
			p_teaching_radius_m: 2000,
			p_slots: [],
			p_places: ['venue'],
			p_languages: ['vi']
		});
		expect(offer.error?.details).toBe('consent_required');
		// Nobody writes the profile's version by hand to slip past.
		const forged = await newcomer.db
			.from('profiles')
			.update({ consent_version: CONSENT_VERSION })
			.eq('id', newcomer.id);
		expect(forged.error?.code).toBe('42501');

		const current = await newcomer.db
			.from('consents')
			.insert({ profile_id: newcomer.id, kind: 'personal_data', version: CONSENT_VERSION });
		expect(current.error).toBeNull();
		expect((await ask()).error).toBeNull();
	});

	it('does not let anyone record a consent for someone else', async () => {
		const forged = await stranger.db
			.from('consents')
			.insert({ profile_id: learner.id, kind: 'personal_data', version: CONSENT_VERSION });
		expect(forged.error?.code).toBe('42501');
	});
});

describe('the phone consent card', () => {
	let sessionId: number;
	let code: string;
	const card = (who: Person, actions: string[], minutes = 30, rule = true) =>
		who.db.rpc('confirm_device_card', {
			p_session_id: sessionId,
			p_learner_id: learner.id,
			p_actions: actions,
			p_minutes: minutes,
			p_codes_rule: rule
		});

	beforeAll(async () => {
		const requestId = await insertId(learner.db, 'help_requests', {
			skill_id: phoneSkill,
			place_type: 'venue',
			venue_id: venue
		});
		const starts = Date.now() + 50 * HOUR;
		const proposed = await volunteer.db.rpc('propose_lesson', {
			p_request_id: requestId,
			p_starts_at: new Date(starts).toISOString(),
			p_ends_at: new Date(starts + HOUR).toISOString(),
			p_place_type: 'venue',
			p_venue_id: venue
		});
		expect(proposed.error).toBeNull();
		sessionId = proposed.data as number;
		expect(
			(await learner.db.rpc('answer_lesson', { p_session_id: sessionId, p_accept: true })).error
		).toBeNull();
		// The lesson comes: it started ten minutes ago.
		only(
			await admin
				.from('sessions')
				.update({
					starts_at: new Date(Date.now() - 600_000).toISOString(),
					ends_at: new Date(Date.now() + 50 * 60_000).toISOString()
				})
				.eq('id', sessionId)
				.select('id')
		);
		code = only<{ code: string }>(
			await admin
				.from('session_codes')
				.select('code')
				.eq('session_id', sessionId)
				.eq('profile_id', learner.id)
		).code;
	});

	it('keeps the lesson from being confirmed as done before both confirmed', async () => {
		const early = await volunteer.db.rpc('confirm_session', {
			p_session_id: sessionId,
			p_code: code
		});
		expect([early.error?.code, early.error?.details]).toEqual(['42501', 'device_card_required']);
	});

	it('is confirmed by the lesson’s two sides only, with the rule on codes accepted', async () => {
		expect((await card(stranger, ['hold_phone'])).error?.details).toBe('not_your_session');
		expect((await card(coordinator, ['hold_phone'])).error?.details).toBe('not_your_session');
		expect((await card(volunteer, ['hold_phone'], 30, false)).error?.details).toBe(
			'codes_rule_required'
		);
		expect((await card(volunteer, ['hold_phone'], 120)).error?.details).toBe('longer_than_lesson');
		const direct = await volunteer.db.from('device_cards').insert({
			session_id: sessionId,
			learner_id: learner.id,
			actions: ['hold_phone'],
			minutes: 30
		});
		expect(direct.error?.code).toBe('42501');
	});

	it('asks the other side again when the terms change, and then lets the lesson be confirmed', async () => {
		expect((await card(volunteer, ['hold_phone', 'install_apps'])).data).toBe('waiting');
		expect((await card(learner, ['install_apps', 'hold_phone'])).data).toBe('agreed');
		expect((await card(learner, ['install_apps'], 20)).data).toBe('waiting');
		const seen = only<{ teacher_confirmed_at: string | null; minutes: number }>(
			await volunteer.db
				.from('device_cards')
				.select('teacher_confirmed_at, minutes')
				.eq('session_id', sessionId)
		);
		expect(seen).toEqual({ teacher_confirmed_at: null, minutes: 20 });
		expect(rows(await stranger.db.from('device_cards').select('session_id'))).toEqual([]);
		// A volunteer cannot forge the learner's side by editing the row.
		const forged = await volunteer.db
			.from('device_cards')
			.update({ learner_confirmed_at: new Date().toISOString() })
			.eq('session_id', sessionId);
		expect(forged.error?.code).toBe('42501');

		expect((await card(volunteer, ['install_apps'], 20)).data).toBe('agreed');
		const done = await volunteer.db.rpc('confirm_session', {
			p_session_id: sessionId,
			p_code: code
		});
		expect(done.error).toBeNull();
		expect((done.data as { outcome: string }[])[0]?.outcome).toBe('confirmed');
	});
});

describe('legal representatives and volunteers under 18', () => {
	let child: Person;
	let parent: Person;

	beforeAll(async () => {
		child = await person('child', { birth_year: YEAR - 17 });
		parent = await person('parent');
		await verifyVolunteers(admin, ward, [child.id]);
	});

	const record = (who: Person) =>
		who.db.rpc('record_representative', {
			p_represented_id: child.id,
			p_representative_id: parent.id,
			p_relationship: 'parent',
			p_grounds: 'minor',
			p_scope: ['consent', 'teach_as_minor'],
			p_valid_until: `${YEAR + 1}-12-31`
		});

	const lesson = (place: 'home' | 'venue') =>
		child.db.from('sessions').insert({
			skill_id: phoneSkill,
			teacher_id: child.id,
			ward_id: ward,
			place_type: place,
			venue_id: place === 'venue' ? venue : null,
			starts_at: new Date(Date.now() + 200 * HOUR).toISOString(),
			ends_at: new Date(Date.now() + 201 * HOUR).toISOString()
		});

	it('is recorded by a coordinator of the ward only', async () => {
		expect((await record(parent)).error?.code).toBe('42501');
		expect((await record(stranger)).error?.code).toBe('42501');
		expect((await record(coordinator)).error).toBeNull();
		expect(rows(await stranger.db.from('legal_representatives').select('id'))).toEqual([]);
		const forged = await parent.db.from('legal_representatives').insert({
			represented_id: stranger.id,
			representative_id: parent.id,
			ward_id: ward,
			relationship: 'parent',
			grounds: 'minor',
			scope: ['consent'],
			valid_until: `${YEAR + 1}-01-01`
		});
		expect(forged.error?.code).toBe('42501');
	});

	it('lets the representative consent for the child, and nobody else', async () => {
		const give = (who: Person, kind: string) =>
			who.db.from('consents').insert({ profile_id: child.id, kind, version: CONSENT_VERSION });
		expect((await give(parent, 'personal_data')).error).toBeNull();
		expect((await give(stranger, 'personal_data')).error?.code).toBe('42501');
		expect((await give(child, 'guardian')).error?.details).toBe('not_guardian');
	});

	it('keeps a 16–17-year-old away from homes and teaching only with a guardian’s consent', async () => {
		only(await admin.from('profiles').update({ can_teach: true }).eq('id', child.id).select('id'));
		expect((await lesson('venue')).error?.details).toBe('guardian_consent_required');
		expect(
			(
				await parent.db
					.from('consents')
					.insert({ profile_id: child.id, kind: 'guardian', version: '2026-12-01' })
			).error
		).toBeNull();
		expect((await lesson('home')).error?.details).toBe('minor_not_at_home');
		expect((await lesson('venue')).error).toBeNull();
	});

	it('keeps under-16s from offering to teach', async () => {
		const young = await person('young', { birth_year: YEAR - 15 });
		const offered = await young.db.from('profiles').update({ can_teach: true }).eq('id', young.id);
		expect(offered.error?.details).toBe('too_young_to_teach');
	});
});

describe('a report about a ward coordinator', () => {
	let reportId: number;

	beforeAll(async () => {
		reportId = await insertId(learner.db, 'reports', {
			reported_id: coordinator.id,
			reason: 'harassment',
			details: 'Nói lời khó nghe'
		});
	});

	it('is hidden from the reported coordinator, who cannot dismiss it', async () => {
		expect(rows(await coordinator.db.from('reports').select('id').eq('id', reportId))).toEqual([]);
		const queue = rows<{ id: number }>(
			await coordinator.db.rpc('ward_report_queue', { p_area_id: ward })
		);
		expect(queue.map((r) => r.id)).not.toContain(reportId);
		expect(
			(await coordinator.db.rpc('act_on_report', { p_report_id: reportId, p_status: 'dismissed' }))
				.data
		).toBe(false);
		const direct = await coordinator.db
			.from('reports')
			.update({ status: 'dismissed' })
			.eq('id', reportId)
			.select('id');
		expect(rows(direct)).toEqual([]);
		expect(
			only<{ status: string }>(await admin.from('reports').select('status').eq('id', reportId))
				.status
		).toBe('open');
	});

	it('goes to the ward’s other coordinator and to the city level', async () => {
		const other = rows<{ id: number; about_coordinator: boolean; overdue: boolean }>(
			await coordinator2.db.rpc('ward_report_queue', { p_area_id: ward })
		);
		expect(other.find((r) => r.id === reportId)).toMatchObject({
			about_coordinator: true,
			overdue: false
		});
		const cityQueue = rows<{ id: number }>(
			await cityCoordinator.db.rpc('ward_report_queue', { p_area_id: city })
		);
		expect(cityQueue.map((r) => r.id)).toContain(reportId);
		expect(
			(
				await cityCoordinator.db.rpc('act_on_report', {
					p_report_id: reportId,
					p_status: 'resolved',
					p_resolution: 'Đã làm việc với cán bộ'
				})
			).data
		).toBe(true);
	});
});
