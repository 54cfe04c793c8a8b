// Auth hardening that holds with real Supabase Auth (GoTrue) too, through supabase-js: a ban ends
// the person's sessions at once (the database trigger does it whoever bans; GoTrue itself only
// refuses the next refresh), and the phone number one signs in with cannot be changed through the
// API, even with a fresh session (GoTrue confirms a phone change with a code to the new number
// only). Runs on PGlite and (TEST_DB=postgres) PostgreSQL 15.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupabase, type TestSupabase } from '../../supabase/local/testing';
import { BOOT_TIMEOUT, clientFor, signedInPerson } from './helpers';

let server: TestSupabase;
let admin: SupabaseClient;

beforeAll(async () => {
	server = await startTestSupabase();
	admin = clientFor(server, server.serviceRoleKey);
}, BOOT_TIMEOUT);

afterAll(async () => {
	await server?.stop();
});

describe('a banned person', () => {
	it('is signed out at once: no user for the app, no refresh; lifting the ban revives nothing', async () => {
		const person = await signedInPerson(server, admin, 'bi-khoa@example.test', {
			display_name: 'Bị khóa'
		});
		const { data: before } = await person.db.auth.getSession();
		const refreshToken = before.session?.refresh_token ?? '';
		expect((await person.db.auth.getUser()).data.user?.id).toBe(person.id);

		const ban = await admin.auth.admin.updateUserById(person.id, { ban_duration: '24h' });
		expect(ban.error).toBeNull();
		// What the app's hook asks on every request: the Auth server no longer knows the session.
		const user = await person.db.auth.getUser();
		expect(user.data.user).toBeNull();
		expect(user.error).not.toBeNull();
		const refreshed = await clientFor(server, server.anonKey).auth.refreshSession({
			refresh_token: refreshToken
		});
		expect(refreshed.data.session).toBeNull();

		expect(
			(await admin.auth.admin.updateUserById(person.id, { ban_duration: 'none' })).error
		).toBeNull();
		expect((await person.db.auth.getUser()).data.user).toBeNull();
		const again = await clientFor(server, server.anonKey).auth.refreshSession({
			refresh_token: refreshToken
		});
		expect(again.data.session).toBeNull();
	});
});

describe('the phone number one signs in with', () => {
	it('cannot be changed through the API, even from a fresh session; the ward office can', async () => {
		const person = await signedInPerson(server, admin, 'doi-so@example.test', {
			display_name: 'Đổi số'
		});
		const set = await admin.auth.admin.updateUserById(person.id, {
			phone: '+84907000111',
			phone_confirm: true
		});
		expect(set.error).toBeNull();
		const changed = await person.db.auth.updateUser({ phone: '+84907999888' });
		expect(changed.error).not.toBeNull();
		const { data } = await admin.auth.admin.getUserById(person.id);
		expect(data.user?.phone).toBe('84907000111');
		expect(data.user?.new_phone ?? '').toBe('');
		// Other changes of one's own account still work.
		expect((await person.db.auth.updateUser({ data: { locale: 'vi' } })).error).toBeNull();
		// The ward office, having checked who she is, changes it (GoTrue's admin path).
		const office = await admin.auth.admin.updateUserById(person.id, {
			phone: '+84907222333',
			phone_confirm: true
		});
		expect(office.error).toBeNull();
		expect(office.data.user?.phone).toBe('84907222333');
	});
});
