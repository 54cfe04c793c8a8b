// The gaps closed after matching landed, through supabase-js: the places a volunteer accepts change
// what they are offered; a self-declared volunteer who hops wards gains nothing personal; an
// assisted learner's claim by code moves their request, consents and lesson onto their own
// account, and guessing codes locks.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupabase, type TestSupabase } from '../../supabase/local/testing';
import {
	BOOT_TIMEOUT,
	clientFor,
	createWards,
	insertId,
	only,
	rows,
	signedInPerson,
	type Person
} from './helpers';
import { createVolunteer, north, ownSkill, type MatchRow, type Place } from './matching-fixture';

// A public point in a test city, away from the demo data and the other suites' points.
const P: Place = { lat: 10.52, lng: 106.45 };
const SOON = new Date(Date.now() + 3 * 86_400_000);
const LATER = new Date(SOON.getTime() + 3_600_000);

let server: TestSupabase;
let admin: SupabaseClient;
let wardA: number;
let wardB: number;
let skill: number;
let otherSkill: number;
let asker: Person;
let homeRequest: number;
let pointRequest: number;
const who = new Map<string, string>();

async function volunteer(name: string, places: string[], metres: number): Promise<Person> {
	const email = `mg-${name}@example.test`;
	const id = await createVolunteer(admin, email, {
		ward: wardA,
		home: north(P, metres),
		skills: [skill]
	});
	only(await admin.from('profiles').update({ teaching_places: places }).eq('id', id).select('id'));
	who.set(id, name);
	const db = clientFor(server, server.anonKey);
	const { error } = await db.auth.signInWithPassword({ email, password: 'mat-khau-rat-dai-123' });
	if (error) throw new Error(error.message);
	return { id, db };
}

async function matched(requestId: number): Promise<string[]> {
	const list = rows<MatchRow>(await asker.db.rpc('match_volunteers', { p_request_id: requestId }));
	return list.map((m) => who.get(m.volunteer_id) ?? m.volunteer_id).sort();
}

async function nearby(person: Person): Promise<{ request_id: number; notes: string | null }[]> {
	return rows(await person.db.rpc('nearby_requests', {}));
}

function propose(person: Person, requestId: number, place: string, venue?: number) {
	return person.db.rpc('propose_lesson', {
		p_request_id: requestId,
		p_starts_at: SOON.toISOString(),
		p_ends_at: LATER.toISOString(),
		p_place_type: place,
		...(venue ? { p_venue_id: venue } : {})
	});
}

beforeAll(async () => {
	server = await startTestSupabase();
	admin = clientFor(server, server.serviceRoleKey);
	[wardA, wardB] = (await createWards(admin, 'MG', 2)) as [number, number];
	const category = await insertId(admin, 'skill_categories', {
		slug: 'mg-category',
		name_vi: 'Thử',
		name_en: 'Test'
	});
	skill = await ownSkill(admin, 'mg-skill', category);
	otherSkill = await ownSkill(admin, 'mg-other', category);
	asker = await signedInPerson(server, admin, 'mg-asker@example.test', {
		ward_id: wardA,
		wants_to_learn: true
	});
	rows(await asker.db.from('home_locations').insert(P).select('profile_id'));
	homeRequest = await insertId(asker.db, 'help_requests', {
		skill_id: skill,
		place_type: 'home',
		preferred_times: ['weekday_evening'],
		notes: 'Nhà số 7, cổng xanh'
	});
	pointRequest = await insertId(asker.db, 'help_requests', {
		skill_id: skill,
		place_type: 'near_point',
		near_lat: P.lat,
		near_lng: P.lng,
		preferred_times: ['weekday_evening'],
		notes: 'Quán cà phê đầu hẻm'
	});
}, BOOT_TIMEOUT);

afterAll(async () => {
	await server?.stop();
});

describe('the places a volunteer accepts', () => {
	let all: Person;
	let noHome: Person;

	beforeAll(async () => {
		all = await volunteer('all', ['home', 'venue', 'near_point'], 400);
		noHome = await volunteer('nohome', ['venue', 'near_point'], 300);
		await volunteer('homeonly', ['home'], 500);
	});

	it('decide who is matched to a request at home and at a public point', async () => {
		expect(await matched(homeRequest)).toEqual(['all', 'homeonly']);
		expect(await matched(pointRequest)).toEqual(['all', 'nohome']);
	});

	it('decide what nearby_requests offers, and change it when the volunteer changes them', async () => {
		expect((await nearby(noHome)).map((r) => r.request_id)).toEqual([pointRequest]);
		expect(rows(await noHome.db.from('help_requests').select('id').eq('id', homeRequest))).toEqual(
			[]
		);
		rows(
			await noHome.db
				.from('profiles')
				.update({ teaching_places: ['home'] })
				.eq('id', noHome.id)
				.select('id')
		);
		expect((await nearby(noHome)).map((r) => r.request_id)).toEqual([homeRequest]);
		expect(await matched(pointRequest)).toEqual(['all']);
		expect((await nearby(all)).map((r) => r.request_id).sort()).toEqual(
			[homeRequest, pointRequest].sort()
		);
	});
});

describe('a self-declared volunteer who hops into the learner’s ward', () => {
	let hopper: Person;
	let venueRequest: number;

	beforeAll(async () => {
		hopper = await signedInPerson(server, admin, 'mg-hopper@example.test', {
			ward_id: wardB,
			can_teach: true
		});
		rows(await hopper.db.from('home_locations').insert(north(P, 600)).select('profile_id'));
		rows(
			await hopper.db
				.from('volunteer_skills')
				.insert({ profile_id: hopper.id, skill_id: skill })
				.select('skill_id')
		);
		const venue = await insertId(admin, 'venues', {
			ward_id: wardA,
			name_vi: 'Nhà văn hóa MG',
			address: '1 Đường Thử',
			lat: P.lat + 0.002,
			lng: P.lng
		});
		venueRequest = await insertId(asker.db, 'help_requests', {
			skill_id: otherSkill,
			place_type: 'venue',
			venue_id: venue
		});
		rows(
			await hopper.db.from('profiles').update({ ward_id: wardA }).eq('id', hopper.id).select('id')
		);
	});

	it('is offered the public point only, without notes, and never reads the home request', async () => {
		const offered = await nearby(hopper);
		expect(offered.map((r) => r.request_id)).toEqual([pointRequest]);
		expect(offered[0]?.notes).toBeNull();
		expect(rows(await hopper.db.from('help_requests').select('id').eq('id', homeRequest))).toEqual(
			[]
		);
		expect(rows(await hopper.db.rpc('request_place', { p_request_id: homeRequest }))).toEqual([]);
		const place = only<{ lat: number; lng: number; exact: boolean }>(
			await hopper.db.rpc('request_place', { p_request_id: pointRequest })
		);
		expect(place.exact).toBe(false);
		expect([place.lat, place.lng]).not.toEqual([P.lat, P.lng]);
	});

	it('cannot propose for the home request, at a home, or for a request not offered', async () => {
		expect((await propose(hopper, homeRequest, 'home')).error?.code).toBe('42501');
		expect((await propose(hopper, pointRequest, 'home')).error?.code).toBe('42501');
		expect((await propose(hopper, venueRequest, 'venue')).error?.code).toBe('42501');
		const own = await hopper.db.from('sessions').insert({
			skill_id: skill,
			teacher_id: hopper.id,
			ward_id: wardA,
			place_type: 'home',
			starts_at: SOON.toISOString(),
			ends_at: LATER.toISOString()
		});
		expect(own.error?.code).toBe('42501');
		// The requests were not touched.
		const states = rows<{ status: string }>(
			await admin.from('help_requests').select('status').in('id', [homeRequest, venueRequest])
		);
		expect(states.map((s) => s.status)).toEqual(['open', 'open']);
	});
});

describe('claiming an assisted account by code', () => {
	let helper: SupabaseClient;
	let banCo: number;
	let medical: number;

	async function signInByPhone(phone: string): Promise<Person> {
		const db = clientFor(server, server.anonKey);
		const sent = await db.auth.signInWithOtp({ phone });
		if (sent.error) throw new Error(sent.error.message);
		const res = await fetch(`${server.outboxUrl}/messages?to=${encodeURIComponent(phone)}`);
		const [sms] = (await res.json()) as { code: string }[];
		const { data, error } = await db.auth.verifyOtp({ phone, token: sms!.code, type: 'sms' });
		if (error || !data.user) throw new Error(error?.message ?? 'no user');
		return { db, id: data.user.id };
	}

	beforeAll(async () => {
		banCo = only<{ id: number }>(await admin.from('areas').select('id').eq('code', 'HCM-BANCO')).id;
		medical = only<{ id: number }>(
			await admin.from('skills').select('id').eq('slug', 'medical-booking')
		).id;
		helper = clientFor(server, server.anonKey);
		const { error } = await helper.auth.signInWithPassword({
			email: 'tinhnguyen.demo@example.com',
			password: 'matkhau123'
		});
		if (error) throw new Error(error.message);
	});

	it('moves the request, the consents and a proposed lesson, once; the helper sees it claimed', async () => {
		const reg = only<{ learner_id: string; request_id: number; claim_code: string }>(
			await helper.rpc('register_assisted_learner', {
				p_display_name: 'Bà Mười',
				p_ward_id: banCo,
				p_skill_id: medical,
				p_consent_version: '2026-01-01',
				p_place_type: 'home',
				p_preferred_times: ['weekday_morning']
			})
		);
		const listed = rows<{ learner_id: string; claimed: boolean }>(
			await helper.rpc('my_registered_learners')
		);
		expect(listed.find((l) => l.learner_id === reg.learner_id)?.claimed).toBe(false);

		// Another verified volunteer of the ward proposes a lesson at the person's home.
		const teacherId = await createVolunteer(admin, 'mg-teacher@example.test', {
			ward: banCo,
			home: { lat: 10.7712, lng: 106.6803 },
			skills: [medical]
		});
		const teacher = clientFor(server, server.anonKey);
		await teacher.auth.signInWithPassword({
			email: 'mg-teacher@example.test',
			password: 'mat-khau-rat-dai-123'
		});
		const proposed = await teacher.rpc('propose_lesson', {
			p_request_id: reg.request_id,
			p_starts_at: SOON.toISOString(),
			p_ends_at: LATER.toISOString(),
			p_place_type: 'home'
		});
		expect(proposed.error).toBeNull();
		const lesson = proposed.data as number;
		expect(teacherId).toBeTruthy();

		const person = await signInByPhone('+84914444444');
		only(await person.db.rpc('claim_assisted_account', { p_code: reg.claim_code }));

		const seats = rows<{ profile_id: string }>(
			await admin.from('session_participants').select('profile_id').eq('session_id', lesson)
		);
		expect(seats).toEqual([{ profile_id: person.id }]);
		expect(
			rows(await person.db.from('sessions').select('id').eq('id', lesson)).map(
				(s) => (s as { id: number }).id
			)
		).toEqual([lesson]);
		const requests = rows<{ learner_id: string }>(
			await admin.from('help_requests').select('learner_id').eq('id', reg.request_id)
		);
		expect(requests).toEqual([{ learner_id: person.id }]);
		const consents = rows<{ kind: string }>(
			await admin.from('consents').select('kind').eq('profile_id', person.id)
		);
		expect(consents.map((c) => c.kind).sort()).toEqual(['personal_data', 'terms']);
		expect(
			rows(await admin.from('consents').select('id').eq('profile_id', reg.learner_id))
		).toEqual([]);
		const after = rows<{ learner_id: string; claimed: boolean; display_name: string }>(
			await helper.rpc('my_registered_learners')
		);
		expect(after.find((l) => l.learner_id === person.id)).toMatchObject({
			claimed: true,
			display_name: 'Bà Mười'
		});
	});

	it('locks a claimer out after five wrong codes, even for the right one', async () => {
		const reg = only<{ claim_code: string }>(
			await helper.rpc('register_assisted_learner', {
				p_display_name: 'Ông Mười Một',
				p_ward_id: banCo,
				p_skill_id: medical,
				p_consent_version: '2026-01-01'
			})
		);
		const guesser = await signInByPhone('+84915555555');
		for (let i = 0; i < 5; i++) {
			const wrong = await guesser.db.rpc('claim_assisted_account', { p_code: 'ZZZZZZZZ' });
			expect(wrong.data).toEqual([]);
		}
		const locked = await guesser.db.rpc('claim_assisted_account', { p_code: reg.claim_code });
		expect(locked.error?.code).toBe('54000');
	});
});
