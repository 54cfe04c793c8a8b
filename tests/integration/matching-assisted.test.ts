// An assisted learner through supabase-js: the demo volunteer (verified in Phường Bàn Cờ)
// registers a neighbour without a smartphone in one call; the neighbour later claims the account,
// either by signing in with the phone given (nothing moves) or, with their own new number, by the
// claim code (everything moves onto their account, nothing lost or duplicated).
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupabase, type TestSupabase } from '../../supabase/local/testing';
import { BOOT_TIMEOUT, clientFor, only, rows, signedInPerson } from './helpers';

let server: TestSupabase;
let admin: SupabaseClient;
let volunteer: SupabaseClient;
let banCo: number;
let medical: number;

interface Registered {
	learner_id: string;
	request_id: number;
	claim_code: string;
}

/** Signs in by SMS code read from the local outbox, as the app's sign-in page does. */
async function signInByPhone(phone: string): Promise<{ db: SupabaseClient; id: string }> {
	const db = clientFor(server, server.anonKey);
	const sent = await db.auth.signInWithOtp({ phone });
	if (sent.error) throw new Error(sent.error.message);
	const res = await fetch(`${server.outboxUrl}/messages?to=${encodeURIComponent(phone)}`);
	const [sms] = (await res.json()) as { code: string }[];
	const { data, error } = await db.auth.verifyOtp({ phone, token: sms!.code, type: 'sms' });
	if (error || !data.user) throw new Error(error?.message ?? 'no user');
	return { db, id: data.user.id };
}

async function register(extra: Record<string, unknown>): Promise<Registered> {
	return only<Registered>(
		await volunteer.rpc('register_assisted_learner', {
			p_display_name: 'Bà Tư',
			p_ward_id: banCo,
			p_skill_id: medical,
			p_consent_version: '2026-01-01',
			p_lat: 10.7712,
			p_lng: 106.6803,
			p_accessibility_needs: ['large_text'],
			p_priority_groups: ['elderly'],
			p_preferred_times: ['weekday_morning'],
			p_notes: 'Nhà có cổng xanh',
			...extra
		})
	);
}

beforeAll(async () => {
	server = await startTestSupabase();
	admin = clientFor(server, server.serviceRoleKey);
	banCo = only<{ id: number }>(await admin.from('areas').select('id').eq('code', 'HCM-BANCO')).id;
	medical = only<{ id: number }>(
		await admin.from('skills').select('id').eq('slug', 'medical-booking')
	).id;
	volunteer = clientFor(server, server.anonKey);
	const { error } = await volunteer.auth.signInWithPassword({
		email: 'tinhnguyen.demo@example.com',
		password: 'matkhau123'
	});
	if (error) throw new Error(error.message);
}, BOOT_TIMEOUT);

afterAll(async () => {
	await server?.stop();
});

describe('registering a neighbour without a smartphone', () => {
	it('makes the account, the consent and the request in one call', async () => {
		const reg = await register({});
		expect(reg.claim_code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
		const request = only<{ learner_id: string; status: string; notes: string }>(
			await volunteer
				.from('help_requests')
				.select('learner_id, status, notes')
				.eq('id', reg.request_id)
		);
		expect(request).toEqual({
			learner_id: reg.learner_id,
			status: 'open',
			notes: 'Nhà có cổng xanh'
		});
		const consents = rows<{ kind: string }>(
			await volunteer.from('consents').select('kind').eq('profile_id', reg.learner_id)
		);
		expect(consents.map((c) => c.kind).sort()).toEqual(['personal_data', 'terms']);
		const place = only<{ exact: boolean }>(
			await volunteer.rpc('request_place', { p_request_id: reg.request_id })
		);
		expect(place.exact).toBe(true);
	});

	it('is refused to someone who is not a verified volunteer or the ward’s coordinator', async () => {
		const self = await signedInPerson(server, admin, 'ma-self@example.test', {
			ward_id: banCo,
			can_teach: true
		});
		const res = await self.db.rpc('register_assisted_learner', {
			p_display_name: 'Ông Năm',
			p_ward_id: banCo,
			p_skill_id: medical,
			p_consent_version: '2026-01-01'
		});
		expect(res.error?.code).toBe('42501');
	});
});

describe('claiming the account', () => {
	it('by signing in with the phone given: the same account, nothing moves', async () => {
		const reg = await register({ p_phone: '0912 345 678' });
		const person = await signInByPhone('+84912345678');
		expect(person.id).toBe(reg.learner_id);
		const mine = rows<{ id: number }>(
			await person.db.from('help_requests').select('id').eq('learner_id', person.id)
		);
		expect(mine.map((r) => r.id)).toEqual([reg.request_id]);
		const place = only<{ exact: boolean }>(
			await person.db.rpc('request_place', { p_request_id: reg.request_id })
		);
		expect(place.exact).toBe(true);
		// The claim is closed: the code no longer works and cannot be reissued.
		const reissue = await volunteer.rpc('reissue_claim_code', { p_learner_id: reg.learner_id });
		expect(reissue.error?.code).toBe('22023');
	});

	it('by code, with a new number of their own: everything moves, once', async () => {
		const reg = await register({});
		const person = await signInByPhone('+84913333333');
		expect(person.id).not.toBe(reg.learner_id);
		const claimed = only<{ former_id: string; moved_rows: number }>(
			await person.db.rpc('claim_assisted_account', { p_code: reg.claim_code.toLowerCase() })
		);
		expect(claimed.former_id).toBe(reg.learner_id);
		expect(claimed.moved_rows).toBeGreaterThanOrEqual(4);

		const mine = rows<{ id: number; created_by: string }>(
			await person.db.from('help_requests').select('id, created_by').eq('learner_id', person.id)
		);
		expect(mine).toHaveLength(1);
		expect(mine[0]?.id).toBe(reg.request_id);
		const consents = rows<{ kind: string }>(
			await person.db.from('consents').select('kind').eq('profile_id', person.id)
		);
		expect(consents.map((c) => c.kind).sort()).toEqual(['personal_data', 'terms']);
		const profile = only<{ ward_id: number; accessibility_needs: string[]; phone: string }>(
			await person.db
				.from('profiles')
				.select('ward_id, accessibility_needs, phone')
				.eq('id', person.id)
		);
		expect(profile).toEqual({
			ward_id: banCo,
			accessibility_needs: ['large_text'],
			phone: '+84913333333'
		});
		// The registered account is gone, and the request exists once.
		const all = rows(await admin.from('help_requests').select('id').eq('id', reg.request_id));
		expect(all).toHaveLength(1);
		expect(rows(await admin.from('profiles').select('id').eq('id', reg.learner_id))).toEqual([]);
		// The volunteer still follows the request they filed.
		expect(
			rows(await volunteer.from('help_requests').select('id').eq('id', reg.request_id))
		).toHaveLength(1);
		// The code is spent.
		const again = await person.db.rpc('claim_assisted_account', { p_code: reg.claim_code });
		expect(again.data).toEqual([]);
	});

	it('refuses a phone number that already has an account', async () => {
		const res = await volunteer.rpc('register_assisted_learner', {
			p_display_name: 'Bà Bảy',
			p_ward_id: banCo,
			p_skill_id: medical,
			p_consent_version: '2026-01-01',
			p_phone: '+84 90 000 0001'
		});
		expect(res.error?.code).toBe('23505');
	});
});
