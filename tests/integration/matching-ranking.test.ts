// Matching through the real supabase-js against the local server (seeded demo data underneath):
// on a crafted neighbourhood, distance, availability, language and verification each change the
// order; a volunteer across the ward border is matched; blocks hide people both ways; the
// volunteer's mirror (nearby_requests) and the skill search work as a learner would use them.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupabase, type TestSupabase } from '../../supabase/local/testing';
import {
	BOOT_TIMEOUT,
	clientFor,
	createWards,
	insertId,
	rows,
	signedInPerson,
	type Person
} from './helpers';
import { createVolunteer, north, ownSkill, type MatchRow, type Place } from './matching-fixture';

// A public point in a test city, away from the demo data.
const P: Place = { lat: 10.6, lng: 106.55 };

let server: TestSupabase;
let admin: SupabaseClient;
let wardA: number;
let wardB: number;
let asker: Person;
let askerKm: Person;
const skill: Record<string, number> = {};
const who = new Map<string, string>(); // volunteer id -> name in this test
const request: Record<string, number> = {};

async function volunteer(name: string, spec: Parameters<typeof createVolunteer>[2]) {
	const id = await createVolunteer(admin, `mr-${name}@example.test`, spec);
	who.set(id, name);
	return id;
}

async function ask(person: Person, skillId: number, place: 'near_point' | 'home' = 'near_point') {
	return insertId(person.db, 'help_requests', {
		skill_id: skillId,
		place_type: place,
		...(place === 'near_point' ? { near_lat: P.lat, near_lng: P.lng } : {}),
		preferred_times: ['weekday_evening'],
		notes: 'Cổng xanh'
	});
}

async function matches(person: Person, requestId: number): Promise<MatchRow[]> {
	return rows<MatchRow>(await person.db.rpc('match_volunteers', { p_request_id: requestId }));
}

const names = (list: MatchRow[]) => list.map((m) => who.get(m.volunteer_id));

beforeAll(async () => {
	server = await startTestSupabase();
	admin = clientFor(server, server.serviceRoleKey);
	const wards = await createWards(admin, 'MR', 2);
	[wardA, wardB] = wards as [number, number];
	const category = await insertId(admin, 'skill_categories', {
		slug: 'mr-category',
		name_vi: 'Thử',
		name_en: 'Test'
	});
	for (const s of ['dist', 'avail', 'lang', 'ver', 'misc']) {
		skill[s] = await ownSkill(admin, `mr-${s}`, category);
	}
	const s = skill as Record<'dist' | 'avail' | 'lang' | 'ver' | 'misc', number>;

	asker = await signedInPerson(server, admin, 'mr-asker@example.test', {
		ward_id: wardA,
		wants_to_learn: true
	});
	rows(await asker.db.from('home_locations').insert(P).select('profile_id'));
	askerKm = await signedInPerson(server, admin, 'mr-asker-km@example.test', {
		ward_id: wardA,
		languages: ['km']
	});

	await volunteer('d_near', { ward: wardA, home: north(P, 500), skills: [s.dist] });
	await volunteer('d_far', { ward: wardA, home: north(P, 1500), skills: [s.dist] });
	await volunteer('a_busy', {
		ward: wardA,
		home: north(P, 300),
		skills: [s.avail],
		slot: { weekday: 6, start: '08:00' }
	});
	await volunteer('a_free', { ward: wardA, home: north(P, 1500), skills: [s.avail] });
	await volunteer('l_vi', { ward: wardA, home: north(P, 300), skills: [s.lang] });
	await volunteer('l_km', {
		ward: wardA,
		home: north(P, 1000),
		skills: [s.lang],
		languages: ['vi', 'km']
	});
	await volunteer('v_self', { ward: wardA, home: north(P, 300), skills: [s.ver], verified: false });
	await volunteer('v_checked', { ward: wardA, home: north(P, 600), skills: [s.ver] });
	await volunteer('m_border', { ward: wardB, home: north(P, 900), skills: [s.misc] });
	await volunteer('m_short', { ward: wardA, home: north(P, 1500), skills: [s.misc], radius: 1000 });
	await volunteer('m_close', {
		ward: wardA,
		home: north(P, 40),
		skills: [s.misc],
		verified: false
	});

	request.dist = await ask(asker, s.dist);
	request.avail = await ask(asker, s.avail);
	request.ver = await ask(asker, s.ver);
	request.misc = await ask(asker, s.misc);
	request.home = await ask(asker, s.misc, 'home');
	request.lang = await ask(askerKm, s.lang);
}, BOOT_TIMEOUT);

afterAll(async () => {
	await server?.stop();
});

describe('match_volunteers ranks a crafted neighbourhood', () => {
	it('puts the nearer of two otherwise equal volunteers first', async () => {
		expect(names(await matches(asker, request.dist!))).toEqual(['d_near', 'd_far']);
	});

	it('lets availability at the preferred time beat distance', async () => {
		expect(names(await matches(asker, request.avail!))).toEqual(['a_free', 'a_busy']);
	});

	it("lets the learner's language beat distance", async () => {
		expect(names(await matches(askerKm, request.lang!))).toEqual(['l_km', 'l_vi']);
	});

	it('lets verification beat distance', async () => {
		expect(names(await matches(asker, request.ver!))).toEqual(['v_checked', 'v_self']);
	});

	it('gives the facts of each explanation, rounded, with cells not homes', async () => {
		const [first] = await matches(asker, request.dist!);
		expect(first).toMatchObject({
			rank: 1,
			distance_m: 500,
			verified: true,
			lessons_taught: 0,
			open_lessons: 0,
			shared_languages: ['vi'],
			matching_times: ['weekday_evening'],
			matching_slots: [{ weekday: 2, start: '18:00', end: '20:00', periods: ['weekday_evening'] }]
		});
		const home = north(P, 500);
		expect(first?.approx_lat).not.toBe(home.lat);
		expect(Math.abs((first?.approx_lat ?? 0) - home.lat)).toBeLessThan(0.004);
	});

	it('matches across the ward border and within each radius; 40 m shows as 200 m', async () => {
		const list = await matches(asker, request.misc!);
		expect(names(list).sort()).toEqual(['m_border', 'm_close']);
		expect(list.find((m) => who.get(m.volunteer_id) === 'm_close')?.distance_m).toBe(200);
		for (const m of list) expect(m.distance_m % 100).toBe(0);
	});

	it('offers a request at home to verified volunteers only', async () => {
		expect(names(await matches(asker, request.home!))).toEqual(['m_border']);
	});

	it('refuses to match somebody else’s request', async () => {
		const res = await askerKm.db.rpc('match_volunteers', { p_request_id: request.dist! });
		expect(res.error?.code).toBe('42501');
	});
});

describe('blocks hide people in both directions', () => {
	let blocker: Person;
	let blocked: Person;

	beforeAll(async () => {
		blocker = await signedInPerson(server, admin, 'mr-blocker@example.test', {
			ward_id: wardA,
			can_teach: true
		});
		blocked = await signedInPerson(server, admin, 'mr-blocked@example.test', {
			ward_id: wardA,
			can_teach: true
		});
		for (const [p, metres] of [
			[blocker, 700],
			[blocked, 800]
		] as const) {
			who.set(p.id, p === blocker ? 'blocker' : 'blocked');
			rows(await p.db.from('home_locations').insert(north(P, metres)).select('profile_id'));
			rows(
				await p.db
					.from('volunteer_skills')
					.insert({ profile_id: p.id, skill_id: skill.misc })
					.select('skill_id')
			);
		}
		// Each side blocks with their own client, as the app does.
		rows(
			await blocker.db
				.from('blocks')
				.insert({ blocker_id: blocker.id, blocked_id: asker.id })
				.select('blocked_id')
		);
		rows(
			await asker.db
				.from('blocks')
				.insert({ blocker_id: asker.id, blocked_id: blocked.id })
				.select('blocked_id')
		);
	});

	it('keeps both out of the learner’s matches', async () => {
		expect(names(await matches(asker, request.misc!))).not.toContain('blocker');
		expect(names(await matches(asker, request.misc!))).not.toContain('blocked');
	});

	it('keeps the learner’s requests out of both volunteers’ feeds', async () => {
		for (const p of [blocker, blocked]) {
			const feed = rows<{ request_id: number }>(await p.db.rpc('nearby_requests'));
			expect(feed.map((r) => r.request_id)).not.toContain(request.misc);
		}
	});

	it('keeps their cards apart too', async () => {
		const cards = rows(await asker.db.rpc('profile_cards', { p_ids: [blocker.id, blocked.id] }));
		expect(cards).toEqual([]);
	});
});

describe('the volunteer’s side and the skill picker', () => {
	it('gives a verified volunteer across the border both requests, as cells', async () => {
		const vol = await signedInPerson(server, admin, 'mr-feed@example.test', {
			ward_id: wardB,
			can_teach: true
		});
		rows(await vol.db.from('home_locations').insert(north(P, 900)).select('profile_id'));
		rows(
			await vol.db
				.from('volunteer_skills')
				.insert({ profile_id: vol.id, skill_id: skill.misc })
				.select('skill_id')
		);
		// Self-declared first: only the request at a public point, without its notes.
		let feed = rows<{ request_id: number; notes: string | null; lat: number }>(
			await vol.db.rpc('nearby_requests', { p_skill_id: skill.misc })
		);
		expect(feed.map((r) => r.request_id)).toEqual([request.misc]);
		expect(feed[0]?.notes).toBeNull();
		expect(feed[0]?.lat).not.toBe(P.lat);
		rows(
			await admin
				.from('volunteer_verifications')
				.insert({ profile_id: vol.id, ward_id: wardB })
				.select('profile_id')
		);
		feed = rows(await vol.db.rpc('nearby_requests', { p_skill_id: skill.misc }));
		expect(feed.map((r) => r.request_id).sort()).toEqual([request.misc, request.home].sort());
		expect(feed.every((r) => r.notes === 'Cổng xanh')).toBe(true);
	});

	it('finds "Đặt lịch khám bệnh trực tuyến" from "dat lich kham"', async () => {
		const found = rows<{ slug: string; title_vi: string; icon: string | null }>(
			await asker.db.rpc('search_skills', { p_query: 'dat lich kham' })
		);
		expect(found[0]).toMatchObject({
			slug: 'medical-booking',
			title_vi: 'Đặt lịch khám bệnh trực tuyến'
		});
		expect(found[0]?.icon).toBeTruthy();
	});

	it('shows the map as cells and venues as pins', async () => {
		const cells = rows<{ kind: string; lat: number; lng: number; count: number }>(
			await asker.db.rpc('map_cells', { p_skill_id: skill.misc })
		);
		const volunteers = cells.filter((c) => c.kind === 'volunteers');
		expect(volunteers.reduce((n, c) => n + c.count, 0)).toBeGreaterThanOrEqual(3);
		for (const c of volunteers)
			expect(Math.round((c.lat - 0.002) / 0.004) * 0.004 + 0.002).toBeCloseTo(c.lat, 6);
		expect(cells.some((c) => c.kind === 'venue')).toBe(true);
	});
});
