// The holes of issue #8, reproduced through supabase-js as a curious or malicious signed-in person
// on the seeded demo data (115 people around Phường Bàn Cờ and across the city), and then the sweep:
// for every table and function a stranger can reach, the raw JSON holds no exact position of
// another person and no phone number.
import { readFile } from 'node:fs/promises';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupabase, type TestSupabase } from '../../supabase/local/testing';
import {
	BOOT_TIMEOUT,
	clientFor,
	insertId,
	only,
	rows,
	signedInPerson,
	type Person
} from './helpers';

const DEMO_VOLUNTEER = '00000000-0000-4000-8000-000000000002';
const DEMO_LEARNER = '00000000-0000-4000-8000-000000000001';
// "The café at the mouth of the alley": a point nobody but the learner may read.
const CAFE = { lat: 10.77437, lng: 106.68191 };

let server: TestSupabase;
let admin: SupabaseClient;
let demoVolunteer: SupabaseClient;
let stranger: Person;
let banCo: number;
let medical: number;
let cafeRequest: number;

async function signInDemo(email: string): Promise<SupabaseClient> {
	const db = clientFor(server, server.anonKey);
	const { error } = await db.auth.signInWithPassword({ email, password: 'matkhau123' });
	if (error) throw new Error(error.message);
	return db;
}

beforeAll(async () => {
	server = await startTestSupabase();
	admin = clientFor(server, server.serviceRoleKey);
	banCo = only<{ id: number }>(await admin.from('areas').select('id').eq('code', 'HCM-BANCO')).id;
	medical = only<{ id: number }>(
		await admin.from('skills').select('id').eq('slug', 'medical-booking')
	).id;
	const learner = await signedInPerson(server, admin, 'mp-learner@example.test', {
		ward_id: banCo,
		wants_to_learn: true
	});
	cafeRequest = await insertId(learner.db, 'help_requests', {
		skill_id: medical,
		place_type: 'near_point',
		near_lat: CAFE.lat,
		near_lng: CAFE.lng,
		preferred_times: ['weekend_morning'],
		notes: 'Gặp ở quán cà phê đầu hẻm'
	});
	// The stranger: signed in, self-declared volunteer of another ward, living near Bàn Cờ.
	const other = only<{ id: number }>(
		await admin.from('areas').select('id').eq('code', 'HCM-THUDUC')
	).id;
	stranger = await signedInPerson(server, admin, 'mp-stranger@example.test', {
		ward_id: other,
		can_teach: true
	});
	rows(
		await stranger.db.from('home_locations').insert({ lat: 10.7731, lng: 106.6829 }).select('lat')
	);
	rows(
		await stranger.db
			.from('volunteer_skills')
			.insert({ profile_id: stranger.id, skill_id: medical })
			.select('skill_id')
	);
	demoVolunteer = await signInDemo('tinhnguyen.demo@example.com');
}, BOOT_TIMEOUT);

afterAll(async () => {
	await server?.stop();
});

describe('exact request points', () => {
	it('are not in the table any more, even for a verified volunteer of the ward', async () => {
		const seen = rows<{ id: number; near_lat: number; near_lng: number }>(
			await demoVolunteer
				.from('help_requests')
				.select('id, near_lat, near_lng')
				.eq('id', cafeRequest)
		);
		expect(seen).toHaveLength(1);
		expect(seen[0]?.near_lat).not.toBe(CAFE.lat);
		expect(Math.abs((seen[0]?.near_lat ?? 0) - CAFE.lat)).toBeLessThan(0.004);
		const place = only<{ exact: boolean }>(
			await demoVolunteer.rpc('request_place', { p_request_id: cafeRequest })
		);
		expect(place.exact).toBe(false);
	});

	it('belong to the learner', async () => {
		const learner = await signInDemo('hocvien.demo@example.com');
		const mine = rows<{ id: number }>(
			await learner.from('help_requests').select('id').eq('learner_id', DEMO_LEARNER)
		);
		expect(mine.length).toBeGreaterThan(0);
		const place = only<{ exact: boolean }>(
			await learner.rpc('request_place', { p_request_id: mine[0]!.id })
		);
		expect(place.exact).toBe(true);
	});
});

describe('cards and positions need a reason', () => {
	it('gives a stranger nothing for ids listed from badges, skills and verifications', async () => {
		const ids = new Set<string>();
		for (const table of ['badge_awards', 'volunteer_skills', 'volunteer_verifications']) {
			for (const r of rows<{ profile_id: string }>(
				await stranger.db.from(table).select('profile_id')
			))
				ids.add(r.profile_id);
		}
		ids.delete(stranger.id);
		expect(ids.size).toBeGreaterThan(20);
		const cards = rows(await stranger.db.rpc('profile_cards', { p_ids: [...ids] }));
		expect(cards).toEqual([]);
		for (const id of [...ids].slice(0, 5)) {
			expect(rows(await stranger.db.rpc('approximate_location', { p_profile_id: id }))).toEqual([]);
		}
	});

	it('still gives the demo volunteer the learners he teaches', async () => {
		const cards = rows<{ id: string }>(
			await demoVolunteer.rpc('profile_cards', { p_ids: [DEMO_LEARNER] })
		);
		expect(cards.map((c) => c.id)).toEqual([DEMO_LEARNER]);
	});
});

describe('a self-declared volunteer who hops into Bàn Cờ', () => {
	it('is offered requests at public points only, as cells, without notes', async () => {
		only(
			await stranger.db
				.from('profiles')
				.update({ ward_id: banCo })
				.eq('id', stranger.id)
				.select('id')
		);
		const feed = rows<{
			request_id: number;
			place_type: string;
			notes: string | null;
			lat: number;
		}>(await stranger.db.rpc('nearby_requests'));
		expect(feed.map((r) => r.request_id)).toContain(cafeRequest);
		expect(feed.every((r) => r.place_type !== 'home' && r.notes === null)).toBe(true);
		const table = rows<{ place_type: string }>(
			await stranger.db.from('help_requests').select('place_type')
		);
		expect(table.every((r) => r.place_type !== 'home')).toBe(true);
	});
});

describe('the stranger’s sweep', () => {
	interface Secret {
		what: string;
		lat: number;
		lng: number;
	}

	const number = (n: number) => new RegExp(`(?<![\\d.])${String(n).replace('.', '\\.')}(?!\\d)`);

	function leaks(json: string, secrets: Secret[], phones: string[]): string[] {
		const found: string[] = [];
		for (const s of secrets)
			if (number(s.lat).test(json) && number(s.lng).test(json)) found.push(s.what);
		for (const p of phones) if (new RegExp(`(?<!\\d)\\+?${p}(?!\\d)`).test(json)) found.push(p);
		return found;
	}

	it('finds no exact position of another person and no phone number anywhere it can reach', async () => {
		// What must never show: other people's homes, chosen points, phones (read as the service).
		const homes = rows<{ profile_id: string; lat: number; lng: number }>(
			await admin.from('home_locations').select('profile_id, lat, lng')
		).filter((h) => h.profile_id !== stranger.id);
		const secrets: Secret[] = homes.map((h) => ({ what: `home of ${h.profile_id}`, ...h }));
		secrets.push({ what: 'the café', ...CAFE });
		// The seed's chosen points are 0.0035 / -0.0025 degrees from the learner's home.
		for (const h of homes)
			secrets.push({
				what: `chosen point of ${h.profile_id}`,
				lat: Math.round((h.lat + 0.0035) * 1e5) / 1e5,
				lng: Math.round((h.lng - 0.0025) * 1e5) / 1e5
			});
		const phones = rows<{ id: string; phone: string | null }>(
			await admin.from('profiles').select('id, phone')
		)
			.filter((p) => p.id !== stranger.id && p.phone)
			.map((p) => (p.phone as string).replace('+', ''));
		expect(secrets.length).toBeGreaterThan(100);
		// The detector itself must see a leak when there is one.
		expect(leaks(JSON.stringify({ data: [{ ...CAFE }] }), secrets, [])).toContain('the café');
		expect(leaks(JSON.stringify({ phone: `+${phones[0]}` }), [], phones)).toHaveLength(1);
		expect(phones.length).toBeGreaterThan(100);

		const types = await readFile('src/lib/types/database.types.ts', 'utf8');
		const section = (name: string, next: string) =>
			[
				...(types.split(`    ${name}: {`)[1]?.split(`    ${next}: {`)[0] ?? '').matchAll(
					/^ {6}(\w+): \{$/gm
				)
			].map((m) => m[1] as string);
		const tables = [...section('Tables', 'Views'), ...section('Views', 'Functions')];
		const functions = section('Functions', 'Enums');
		expect(tables).toContain('help_requests');
		expect(functions).toContain('match_volunteers');

		const everyone = rows<{ id: string }>(await admin.from('profiles').select('id')).map(
			(p) => p.id
		);
		const requests = rows<{ id: number }>(await admin.from('help_requests').select('id')).map(
			(r) => r.id
		);
		const args: Record<string, Record<string, unknown>[]> = {
			approximate_location: everyone.slice(0, 40).map((id) => ({ p_profile_id: id })),
			profile_cards: [{ p_ids: everyone }],
			match_volunteers: requests.slice(0, 10).map((id) => ({ p_request_id: id })),
			request_place: requests.map((id) => ({ p_request_id: id })),
			nearby_requests: [{}, { p_limit: 200 }],
			map_cells: [{}],
			search_skills: [{ p_query: '' }],
			teaching_ripple: [{ p_profile_id: DEMO_VOLUNTEER }, {}],
			register_assisted_learner: [
				{
					p_display_name: 'X',
					p_ward_id: banCo,
					p_skill_id: medical,
					p_consent_version: '2026-01-01'
				}
			],
			reissue_claim_code: [{ p_learner_id: DEMO_LEARNER }],
			claim_assisted_account: [{ p_code: 'ABCDEFGH' }],
			confirm_session: [{ p_session_id: 1, p_code: '000001' }]
		};
		const found: string[] = [];
		let reached = 0;
		for (const table of tables) {
			const res = await stranger.db.from(table).select('*').limit(5000);
			if (!res.error) reached++;
			found.push(...leaks(JSON.stringify(res), secrets, phones).map((l) => `${table}: ${l}`));
		}
		for (const fn of functions) {
			for (const a of args[fn] ?? [{}]) {
				const res = await stranger.db.rpc(fn, a);
				if (!res.error) reached++;
				found.push(...leaks(JSON.stringify(res), secrets, phones).map((l) => `${fn}: ${l}`));
			}
		}
		expect(reached).toBeGreaterThan(tables.length);
		expect(found).toEqual([]);
	});
});
