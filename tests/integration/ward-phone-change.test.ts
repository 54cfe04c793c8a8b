// The ward office changes the number a person signs in with, through the real supabase-js and the
// app's data module: only a coordinator of her ward records the request (never another ward's
// coordinator, a volunteer or the person herself); a number of another account is refused; the
// service role then sets it through the admin API, her session ends, she gets a notice and signs
// in with the new number. Runs on PGlite and (TEST_DB=postgres) PostgreSQL 15.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupabase, type TestSupabase } from '../../supabase/local/testing';
import * as wardPhone from '../../src/lib/server/db/ward-phone';
import type { Supabase } from '../../src/lib/types/db';
import { BOOT_TIMEOUT, clientFor, createWards, rows, signedInPerson, type Person } from './helpers';

let server: TestSupabase;
let admin: SupabaseClient;
let wardA: number;
let wardB: number;
let coordA: Person;
let coordB: Person;
let volunteer: Person;
let resident: Person;
let other: Person;

const OLD = '+84931000101';
const TAKEN = '+84931000202';
const NEW = '+84931000303';

beforeAll(async () => {
	server = await startTestSupabase();
	admin = clientFor(server, server.serviceRoleKey);
	[wardA, wardB] = (await createWards(admin, 'PHONE', 2)) as [number, number];
	const person = (
		name: string,
		ward: number,
		extra: Record<string, unknown> = {},
		displayName = name
	) =>
		signedInPerson(server, admin, `phone-${name}@example.test`, {
			ward_id: ward,
			display_name: displayName,
			onboarded_at: new Date().toISOString(),
			...extra
		});
	coordA = await person('coord-a', wardA);
	coordB = await person('coord-b', wardB);
	volunteer = await person('volunteer', wardA, { can_teach: true });
	resident = await person('resident', wardA, { wants_to_learn: true }, 'Bà Lan');
	other = await person('other', wardB);
	rows(
		await admin
			.from('coordinator_assignments')
			.insert([
				{ profile_id: coordA.id, ward_id: wardA },
				{ profile_id: coordB.id, ward_id: wardB }
			])
			.select('ward_id')
	);
	// Their numbers as they signed up with them (an admin write without a request ends nothing).
	for (const [p, phone] of [
		[resident, OLD],
		[other, TAKEN]
	] as const) {
		const set = await admin.auth.admin.updateUserById(p.id, { phone, phone_confirm: true });
		expect(set.error).toBeNull();
	}
}, BOOT_TIMEOUT);

afterAll(async () => {
	await server?.stop();
});

const ask = (db: SupabaseClient, ward: number, phone = NEW) =>
	db.rpc('ward_change_phone', {
		p_ward_id: ward,
		p_profile_id: resident.id,
		p_new_phone: phone,
		p_method: 'citizen_id_card'
	});

describe("who may change a resident's sign-in number", () => {
	it('not a coordinator of another ward, a volunteer or the person herself', async () => {
		for (const [db, ward] of [
			[coordB.db, wardB],
			[coordB.db, wardA],
			[volunteer.db, wardA],
			[resident.db, wardA]
		] as const) {
			const res = await ask(db, ward);
			expect(res.error?.code).toBe('42501');
		}
		const look = await coordB.db.rpc('ward_person_by_phone', { p_ward_id: wardA, p_phone: OLD });
		expect(look.error?.code).toBe('42501');
		// Nobody asked: the phone is as it was and her session lives.
		expect((await resident.db.auth.getUser()).data.user?.phone).toBe(OLD.slice(1));
	});

	it('not to a number another account signs in with', async () => {
		const db = coordA.db as unknown as Supabase;
		expect(
			await wardPhone.requestChange(db, {
				wardId: wardA,
				profileId: resident.id,
				phone: TAKEN,
				method: 'passport'
			})
		).toEqual({ refused: 'phone_taken' });
		// Through GoTrue too, should the number be taken in between.
		expect(await wardPhone.setSignInPhone(admin, resident.id, TAKEN)).toEqual({
			refused: 'phone_taken'
		});
	});
});

describe('the ward office', () => {
	it('finds her by number, changes it; her session ends, she is told and signs in with the new number', async () => {
		const db = coordA.db as unknown as Supabase;
		expect(await wardPhone.personByPhone(db, wardA, OLD)).toEqual({
			id: resident.id,
			display_name: 'Bà Lan'
		});
		expect(await wardPhone.personByPhone(db, wardA, TAKEN)).toBeNull();

		const asked = await wardPhone.requestChange(db, {
			wardId: wardA,
			profileId: resident.id,
			phone: NEW,
			method: 'citizen_id_card'
		});
		expect(asked.refused).toBeNull();
		expect(await wardPhone.setSignInPhone(admin, resident.id, NEW)).toEqual({ refused: null });

		expect((await resident.db.auth.getUser()).data.user).toBeNull();
		const notices = rows<{ title: string; params: { last3: string } }>(
			await admin.from('notifications').select('title, params').eq('profile_id', resident.id)
		);
		expect(notices).toEqual([{ title: 'office.notice.title', params: { last3: '303' } }]);
		const profile = rows<{ phone: string }>(
			await admin.from('profiles').select('phone').eq('id', resident.id)
		);
		expect(profile[0]?.phone).toBe(NEW);

		const fresh = clientFor(server, server.anonKey);
		expect((await fresh.auth.signInWithOtp({ phone: NEW })).error).toBeNull();
		const res = await fetch(`${server.outboxUrl}/messages?to=${encodeURIComponent(NEW)}`);
		const [sms] = (await res.json()) as { code: string }[];
		const signedIn = await fresh.auth.verifyOtp({ phone: NEW, token: sms!.code, type: 'sms' });
		expect(signedIn.data.user?.id).toBe(resident.id);

		// The audit says who and how, never the number.
		const audit = rows<{ actor_id: string; new_data: Record<string, unknown> }>(
			await admin.from('audit_log').select('actor_id, new_data').eq('table_name', 'phone_changes')
		);
		expect(
			audit.some((a) => a.actor_id === coordA.id && a.new_data.identity_check === 'citizen_id_card')
		).toBe(true);
		expect(JSON.stringify(audit)).not.toMatch(/931000(101|303)/);
	});
});
