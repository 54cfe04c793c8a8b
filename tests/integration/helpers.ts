// Shared set-up for integration tests: supabase-js clients against a running local Supabase,
// rows inserted with the service key, and people who sign in with a password.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import type { TestSupabase } from '../../supabase/local/testing';
import { CONSENT_VERSIONS, recordConsentRows } from '../consents';

export const BOOT_TIMEOUT = 180_000;
const PASSWORD = 'mat-khau-rat-dai-123';

export function clientFor(server: TestSupabase, key: string): SupabaseClient {
	return createClient(server.url, key, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: WebSocket as never }
	});
}

/** The rows of a response, or a thrown error naming what went wrong. */
export function rows<T>(res: { data: unknown; error: unknown }): T[] {
	if (res.error) throw new Error(JSON.stringify(res.error));
	return (res.data ?? []) as T[];
}

/** The only row of a response. */
export function only<T>(res: { data: unknown; error: unknown }): T {
	const all = rows<T>(res);
	const [first] = all;
	if (all.length !== 1 || first === undefined)
		throw new Error(`expected one row, got ${all.length}`);
	return first;
}

/** Inserts one row with `db` and returns its `id`. */
export async function insertId(
	db: SupabaseClient,
	table: string,
	row: Record<string, unknown>
): Promise<number> {
	return only<{ id: number }>(await db.from(table).insert(row).select('id')).id;
}

export interface Person {
	id: string;
	db: SupabaseClient;
}

/** Creates a confirmed user with the admin API, sets up their profile and signs them in. */
export async function signedInPerson(
	server: TestSupabase,
	admin: SupabaseClient,
	email: string,
	profile: Record<string, unknown>
): Promise<Person> {
	const created = await admin.auth.admin.createUser({
		email,
		password: PASSWORD,
		email_confirm: true,
		user_metadata: { display_name: email.split('@')[0] }
	});
	if (created.error || !created.data.user) throw new Error(String(created.error?.message));
	const id = created.data.user.id;
	only(await admin.from('profiles').update(profile).eq('id', id).select('id'));
	await recordConsent(admin, id);
	const db = clientFor(server, server.anonKey);
	const { error } = await db.auth.signInWithPassword({ email, password: PASSWORD });
	if (error) throw new Error(error.message);
	return { id, db };
}

/** The personal-data consent text in force (the database refuses requests, offers and lessons without it). */
export const CONSENT_VERSION: string = CONSENT_VERSIONS.personal_data;

/** Records the consent in force for a person, as sign-up does (with the service key). */
export async function recordConsent(admin: SupabaseClient, id: string, version = CONSENT_VERSION) {
	await recordConsentRows(admin, id, { personal_data: version });
}

/** A test city with wards (codes must be unique per server), returning the ward ids in order. */
export async function createWards(
	admin: SupabaseClient,
	prefix: string,
	count: number
): Promise<number[]> {
	const city = await insertId(admin, 'areas', {
		code: `${prefix}-CITY`,
		kind: 'city',
		name_vi: 'Thành phố Kiểm thử',
		name_en: 'Test City',
		center_lat: 10.78,
		center_lng: 106.7
	});
	const wards: number[] = [];
	for (let i = 0; i < count; i++) {
		wards.push(
			await insertId(admin, 'areas', {
				code: `${prefix}-${i}`,
				kind: 'ward',
				parent_id: city,
				name_vi: `Phường ${i + 1}`,
				name_en: `Ward ${i + 1}`,
				center_lat: 10.77 + i * 0.03,
				center_lng: 106.69 - i * 0.03
			})
		);
	}
	return wards;
}

/** A skill in its own category. */
export async function createSkill(admin: SupabaseClient, slug: string): Promise<number> {
	const category = await insertId(admin, 'skill_categories', {
		slug: `${slug}-category`,
		name_vi: 'Cơ bản',
		name_en: 'Basics'
	});
	return insertId(admin, 'skills', {
		category_id: category,
		slug,
		title_vi: 'Thanh toán VietQR',
		title_en: 'Pay with VietQR'
	});
}

/**
 * Volunteers verified by their ward's board: only they may propose lessons beyond what matching
 * offers them, and only they may teach at a learner's home.
 */
export async function verifyVolunteers(admin: SupabaseClient, ward: number, ids: string[]) {
	rows(
		await admin
			.from('volunteer_verifications')
			.insert(ids.map((profile_id) => ({ profile_id, ward_id: ward })))
			.select('profile_id')
	);
}
