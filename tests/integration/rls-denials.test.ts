// The key denials of the data model, proven through the real supabase-js against the local
// server booted from this repo's migrations: a signed-in learner cannot read another learner's
// exact home, another ward's requests, or award itself a badge.
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
	type Person
} from './helpers';

const HOME_B = { lat: 10.80123, lng: 106.66456 };

let server: TestSupabase;
let admin: SupabaseClient;
let learnerA: Person;
let learnerB: Person;
let wardB: number;
let badgeId: number;

beforeAll(async () => {
	server = await startTestSupabase();
	admin = clientFor(server, server.serviceRoleKey);
	const [wardA, b] = await createWards(admin, 'IT', 2);
	if (wardA === undefined || b === undefined) throw new Error('wards missing');
	wardB = b;
	const skill = await createSkill(admin, 'it-vietqr');
	badgeId = await insertId(admin, 'badge_definitions', {
		slug: 'it-first',
		kind: 'sessions_taught',
		threshold: 1,
		name_vi: 'Buổi đầu',
		name_en: 'First'
	});

	learnerA = await signedInPerson(server, admin, 'it-learner-a@example.test', {
		ward_id: wardA,
		wants_to_learn: true
	});
	learnerB = await signedInPerson(server, admin, 'it-learner-b@example.test', {
		ward_id: wardB,
		wants_to_learn: true
	});

	// Each learner sets a home and asks for help with their own session, as the app does.
	for (const [who, home] of [
		[learnerA, { lat: 10.771, lng: 106.689 }],
		[learnerB, HOME_B]
	] as const) {
		only(await who.db.from('home_locations').insert(home).select('profile_id'));
		await insertId(who.db, 'help_requests', { skill_id: skill, place_type: 'home' });
	}
}, BOOT_TIMEOUT);

afterAll(async () => {
	await server?.stop();
});

describe('a signed-in learner, through supabase-js', () => {
	it("cannot read another learner's exact location", async () => {
		const theirs = await learnerA.db
			.from('home_locations')
			.select('lat, lng')
			.eq('profile_id', learnerB.id);
		expect(theirs).toMatchObject({ status: 200, error: null, data: [] });

		const mine = await learnerA.db.from('home_locations').select('profile_id');
		expect(mine.data).toEqual([{ profile_id: learnerA.id }]);
	});

	it('gets no position at all of a learner it has no reason to know', async () => {
		const res = await learnerA.db.rpc('approximate_location', { p_profile_id: learnerB.id });
		expect(res).toMatchObject({ error: null, data: [] });
	});

	it('positions come only as the approximate cell the database computes', async () => {
		// learnerB has a reason to see herself; even then the function answers the cell, not the home.
		const point = only<{ lat: number; lng: number }>(
			await learnerB.db.rpc('approximate_location', { p_profile_id: learnerB.id })
		);
		expect(point.lat).not.toBe(HOME_B.lat);
		expect(point.lng).not.toBe(HOME_B.lng);
		expect(Math.abs(point.lat - HOME_B.lat)).toBeLessThan(0.004);
		expect(Math.abs(point.lng - HOME_B.lng)).toBeLessThan(0.004);
	});

	it("cannot read another learner's profile (phone, needs)", async () => {
		const res = await learnerA.db.from('profiles').select('id, phone').eq('id', learnerB.id);
		expect(res).toMatchObject({ error: null, data: [] });
	});

	it("cannot read another ward's requests", async () => {
		const other = await learnerA.db.from('help_requests').select('id').eq('ward_id', wardB);
		expect(other).toMatchObject({ status: 200, error: null, data: [] });

		const all = rows(await learnerA.db.from('help_requests').select('learner_id'));
		expect(all).toEqual([{ learner_id: learnerA.id }]);
	});

	it('cannot award itself a badge', async () => {
		const res = await learnerA.db
			.from('badge_awards')
			.insert({ badge_id: badgeId, profile_id: learnerA.id });
		expect(res.status).toBe(403);
		expect(res.error?.code).toBe('42501');

		const awards = await admin.from('badge_awards').select('id').eq('profile_id', learnerA.id);
		expect(awards.data).toEqual([]);
	});

	it('cannot appoint itself coordinator', async () => {
		const res = await learnerA.db
			.from('coordinator_assignments')
			.insert({ profile_id: learnerA.id, ward_id: wardB });
		expect(res.error?.code).toBe('42501');
	});

	it('is refused positions entirely when not signed in', async () => {
		const anon = clientFor(server, server.anonKey);
		const res = await anon.rpc('approximate_location', { p_profile_id: learnerB.id });
		expect(res.error?.code).toBe('42501');
		expect(res.status).toBe(401);
	});
});
