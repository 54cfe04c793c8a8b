// The profile form's one-transaction save (public.save_profile, through profiles.saveForm), as a
// curious or careless signed-in person would use it: re-posting, tampering with the ward, calling
// it without signing in. Runs on PGlite and, with TEST_DB=postgres, on PostgreSQL 15.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupabase, type TestSupabase } from '../../supabase/local/testing';
import * as profiles from '../../src/lib/server/db/profiles';
import type { Supabase } from '../../src/lib/types/db';
import { BOOT_TIMEOUT, clientFor, createWards, rows, signedInPerson, type Person } from './helpers';

let server: TestSupabase;
let admin: SupabaseClient;
let person: Person;
let ward: number;
let city: number;

const form = (overrides: Partial<profiles.ProfileFormInput> = {}): profiles.ProfileFormInput => ({
	display_name: 'Bà Sáu',
	wants_to_learn: true,
	can_teach: false,
	ward_id: ward,
	languages: ['vi'],
	text_size: 'large',
	high_contrast: false,
	lat: null,
	lng: null,
	...overrides
});

beforeAll(async () => {
	server = await startTestSupabase();
	admin = clientFor(server, server.serviceRoleKey);
	const [first] = await createWards(admin, 'PS', 1);
	if (first === undefined) throw new Error('ward missing');
	ward = first;
	city = rows<{ parent_id: number }>(
		await admin.from('areas').select('parent_id').eq('id', ward)
	)[0]!.parent_id;
	person = await signedInPerson(server, admin, 'profile-save@example.test', { locale: 'vi' });
}, BOOT_TIMEOUT);

afterAll(async () => {
	await server?.stop();
});

const db = () => person.db as unknown as Supabase;

async function consentCount(): Promise<number> {
	return rows(await admin.from('consents').select('id').eq('profile_id', person.id)).length;
}

describe('profiles.saveForm', () => {
	it('onboards once: re-posting records no consent twice and keeps the first stamp', async () => {
		expect(await profiles.saveForm(db(), form(), { onboarding: true })).toBe('saved');
		const first = rows<{ onboarded_at: string }>(
			await admin.from('profiles').select('onboarded_at').eq('id', person.id)
		)[0]?.onboarded_at;
		expect(first).toBeTruthy();
		expect(await consentCount()).toBe(2);

		expect(await profiles.saveForm(db(), form({ can_teach: true }), { onboarding: true })).toBe(
			'saved'
		);
		expect(await consentCount()).toBe(2);
		const again = rows<{ onboarded_at: string; can_teach: boolean }>(
			await admin.from('profiles').select('onboarded_at, can_teach').eq('id', person.id)
		)[0];
		expect(again).toEqual({ onboarded_at: first, can_teach: true });
	});

	it('answers unknown_ward, writing nothing, for a tampered or non-ward id', async () => {
		for (const ward_id of [Number('12345678901234567890'), 99_999_999, city, -1, 1.5]) {
			expect(await profiles.saveForm(db(), form({ ward_id, display_name: 'Kẻ Lạ' }))).toBe(
				'unknown_ward'
			);
		}
		const name = rows<{ display_name: string }>(
			await admin.from('profiles').select('display_name').eq('id', person.id)
		)[0]?.display_name;
		expect(name).toBe('Bà Sáu');
	});

	it('keeps a point picked on the map, and falls back to the ward centre', async () => {
		await profiles.saveForm(db(), form({ lat: 10.5, lng: 106.5 }));
		expect(rows(await person.db.from('home_locations').select('lat, lng'))).toEqual([
			{ lat: 10.5, lng: 106.5 }
		]);
		await profiles.saveForm(db(), form());
		expect(rows(await person.db.from('home_locations').select('lat, lng'))).toEqual([
			{ lat: 10.77, lng: 106.69 }
		]);
	});

	it('refuses visitors who are not signed in', async () => {
		const anon = clientFor(server, server.anonKey);
		const { error } = await anon.rpc('save_profile', {
			p_display_name: 'Ẩn Danh',
			p_wants_to_learn: true,
			p_can_teach: false,
			p_ward_id: ward,
			p_languages: ['vi'],
			p_text_size: 'normal',
			p_high_contrast: false
		});
		expect(error?.code).toBe('42501');
	});

	it('lets the database refuse bad values as a whole (no half-saved row)', async () => {
		await expect(
			profiles.saveForm(db(), form({ text_size: 'huge', display_name: 'Không Lưu' }))
		).rejects.toThrow(/profiles.saveForm: 23514/);
		const name = rows<{ display_name: string }>(
			await admin.from('profiles').select('display_name').eq('id', person.id)
		)[0]?.display_name;
		expect(name).toBe('Bà Sáu');
	});
});

describe('profiles.adoptSignUpPrefs', () => {
	it('updates only a profile still onboarding, and says so in one call', async () => {
		const fresh = await signedInPerson(server, admin, 'adopt@example.test', { locale: 'vi' });
		const prefs = { locale: 'en', text_size: 'xlarge', high_contrast: true } as const;
		expect(await profiles.adoptSignUpPrefs(fresh.db as unknown as Supabase, fresh.id, prefs)).toBe(
			true
		);
		// The onboarded person from above keeps their settings.
		expect(
			await profiles.adoptSignUpPrefs(db(), person.id, { ...prefs, text_size: 'normal' })
		).toBe(false);
		const [kept] = rows<{ text_size: string }>(
			await admin.from('profiles').select('text_size').eq('id', person.id)
		);
		expect(kept?.text_size).toBe('large');
	});
});
