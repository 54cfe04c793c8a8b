// What GoTrue does that the local server now does too: a password change ends the other sessions
// and voids pending codes; a repeated sign-up does not take over an unconfirmed account; a ban
// stops the user's tokens; re-authentication by nonce; an e-mail change confirmed at both ends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, statefulClient } from './clients';
import { startAuthTestServer, type AuthTestServer } from './harness';

let server: AuthTestServer;

beforeAll(async () => {
	server = await startAuthTestServer((c) => {
		c.auth.refreshTokenReuseInterval = 0;
		c.auth.rateLimit.emailSent = 1000;
		c.auth.email.maxFrequency = 0;
		c.auth.sms.maxFrequency = 0;
	});
});
afterAll(async () => server?.stop());

const anon = () => anonClient(server.url, server.anonKey);
const admin = () => anonClient(server.url, server.serviceRoleKey).auth.admin;

async function newUser(email: string, password = 'mat-khau-dai') {
	const { data, error } = await admin().createUser({ email, password, email_confirm: true });
	if (error || !data.user) throw error ?? new Error('no user');
	return data.user;
}

async function signIn(email: string, password = 'mat-khau-dai') {
	const { client } = statefulClient(server.url, server.anonKey);
	const { data, error } = await client.auth.signInWithPassword({ email, password });
	if (error || !data.session) throw error ?? new Error('no session');
	return { client, session: data.session };
}

const refresh = (token: string) => anon().auth.refreshSession({ refresh_token: token });

describe('a password change (GoTrue User.UpdatePassword)', () => {
	it('ends every other session and voids pending codes; the current one goes on', async () => {
		await newUser('lan@example.com');
		const phone = await signIn('lan@example.com');
		const laptop = await signIn('lan@example.com');
		// A reset link someone asked for before the change must stop working after it.
		expect((await anon().auth.resetPasswordForEmail('lan@example.com')).error).toBeNull();
		const [reset] = await server.outbox('lan@example.com');

		const changed = await laptop.client.auth.updateUser({ password: 'mat-khau-moi-1' });
		expect(changed.error).toBeNull();

		const other = await refresh(phone.session.refresh_token);
		expect(other.error?.code).toBe('refresh_token_not_found');
		const ended = await phone.client.auth.getUser();
		expect(ended.error).not.toBeNull();
		expect(ended.data.user).toBeNull();
		const own = await refresh(laptop.session.refresh_token);
		expect(own.error).toBeNull();
		const stale = await anon().auth.verifyOtp({
			email: 'lan@example.com',
			token: reset?.code as string,
			type: 'recovery'
		});
		expect(stale.error?.code).toBe('otp_expired');
	});

	it('ends all of them when an admin sets the password', async () => {
		const user = await newUser('hai@example.com');
		const a = await signIn('hai@example.com');
		const b = await signIn('hai@example.com');
		const upd = await admin().updateUserById(user.id, { password: 'mat-khau-moi-2' });
		expect(upd.error).toBeNull();
		for (const s of [a, b]) {
			expect((await refresh(s.session.refresh_token)).error?.code).toBe('refresh_token_not_found');
		}
		expect((await signIn('hai@example.com', 'mat-khau-moi-2')).session.access_token).toBeTruthy();
	});
});

describe('a repeated sign-up for an unconfirmed account (GoTrue keeps the first)', () => {
	it('keeps the first password and metadata, sends the code again, answers the same user', async () => {
		server.config.auth.sms.enableConfirmations = true;
		try {
			const phone = '+84905111222';
			const first = await anon().auth.signUp({
				phone,
				password: 'mat-khau-chu',
				options: { data: { full_name: 'Chủ thật' } }
			});
			expect(first.error).toBeNull();
			const second = await anon().auth.signUp({
				phone,
				password: 'mat-khau-ke-gian',
				options: { data: { full_name: 'Kẻ gian' } }
			});
			expect(second.error).toBeNull();
			expect(second.data.session).toBeNull();
			expect(second.data.user?.id).toBe(first.data.user?.id);
			expect(second.data.user?.user_metadata).toMatchObject({ full_name: 'Chủ thật' });
			const sms = await server.outbox(phone);
			expect(sms).toHaveLength(2);

			const v = await anon().auth.verifyOtp({ phone, token: sms[0]?.code as string, type: 'sms' });
			expect(v.error).toBeNull();
			expect(v.data.user?.user_metadata).toMatchObject({ full_name: 'Chủ thật' });
			const thief = await anon().auth.signInWithPassword({ phone, password: 'mat-khau-ke-gian' });
			expect(thief.error?.code).toBe('invalid_credentials');
			const owner = await anon().auth.signInWithPassword({ phone, password: 'mat-khau-chu' });
			expect(owner.error).toBeNull();
			// Once confirmed, a sign-up answers an obfuscated user (another id, nothing sent).
			const again = await anon().auth.signUp({ phone, password: 'mat-khau-ke-gian' });
			expect(again.error).toBeNull();
			expect(again.data.user?.id).not.toBe(first.data.user?.id);
			expect(await server.outbox(phone)).toHaveLength(2);
		} finally {
			server.config.auth.sms.enableConfirmations = false;
		}
	});

	it('with autoconfirm, confirms and signs in without checking the password, as GoTrue', async () => {
		// An e-mail code was asked for but never used: the account exists, unconfirmed.
		expect((await anon().auth.signInWithOtp({ email: 'cho@example.com' })).error).toBeNull();
		const res = await anon().auth.signUp({ email: 'cho@example.com', password: 'khac-hoan-toan' });
		expect(res.error).toBeNull();
		expect(res.data.session?.access_token).toBeTruthy();
		// The password typed here was not stored: GoTrue never updates an existing user on sign-up.
		const login = await anon().auth.signInWithPassword({
			email: 'cho@example.com',
			password: 'khac-hoan-toan'
		});
		expect(login.error?.code).toBe('invalid_credentials');
	});
});

describe('a banned account', () => {
	it('ends its sessions: no access token, refresh or sign-in; after the ban, a new sign-in', async () => {
		const user = await newUser('cam@example.com');
		const s = await signIn('cam@example.com');
		const ban = await admin().updateUserById(user.id, { ban_duration: '24h' });
		expect(ban.error).toBeNull();
		const me = await s.client.auth.getUser();
		expect(me.data.user).toBeNull();
		expect(me.error).not.toBeNull();
		expect((await refresh(s.session.refresh_token)).error).not.toBeNull();
		expect(
			(await server.ctx.db.query('select 1 from auth.sessions where user_id = $1', [user.id])).rows
		).toEqual([]);
		await expect(signIn('cam@example.com')).rejects.toMatchObject({ code: 'user_banned' });

		expect((await admin().updateUserById(user.id, { ban_duration: 'none' })).error).toBeNull();
		// Disabling ended the sessions: lifting the ban does not revive the old one.
		expect((await s.client.auth.getUser()).data.user).toBeNull();
		const again = await signIn('cam@example.com');
		expect((await again.client.auth.getUser()).data.user?.id).toBe(user.id);
	});
});

describe('re-authentication before changing the phone or e-mail', () => {
	it('asks a session older than a fresh sign-in for the nonce sent to the current e-mail', async () => {
		await newUser('lan-doi@example.com');
		const s = await signIn('lan-doi@example.com');
		await server.ctx.db.query(
			`update auth.sessions set created_at = now() - interval '10 minutes' where id = $1`,
			[JSON.parse(atob(s.session.access_token.split('.')[1] as string)).session_id]
		);
		const refused = await s.client.auth.updateUser({ phone: '+84907555666' });
		expect(refused.error?.code).toBe('reauthentication_needed');
		const refusedMail = await s.client.auth.updateUser({ email: 'ke-gian@example.com' });
		expect(refusedMail.error?.code).toBe('reauthentication_needed');
		// Metadata needs no nonce.
		expect((await s.client.auth.updateUser({ data: { x: 2 } })).error).toBeNull();

		expect((await s.client.auth.reauthenticate()).error).toBeNull();
		const [mail] = await server.outbox('lan-doi@example.com');
		const wrong = await s.client.auth.updateUser({ phone: '+84907555666', nonce: '000000' });
		expect(wrong.error?.code).toBe('reauthentication_not_valid');
		const ok = await s.client.auth.updateUser({
			phone: '+84907555666',
			nonce: mail?.code as string
		});
		expect(ok.error).toBeNull();
	});
});

describe('re-authentication (secure_password_change)', () => {
	it('asks a day-old session for the nonce POST /reauthenticate sent', async () => {
		server.config.auth.email.securePasswordChange = true;
		try {
			await newUser('dao@example.com');
			const s = await signIn('dao@example.com');
			// A fresh session may change it: GoTrue asks only sessions older than 24 hours.
			expect((await s.client.auth.updateUser({ password: 'mat-khau-moi-3' })).error).toBeNull();
			await server.ctx.db.query(
				`update auth.sessions set created_at = now() - interval '25 hours' where id = $1`,
				[JSON.parse(atob(s.session.access_token.split('.')[1] as string)).session_id]
			);
			const refused = await s.client.auth.updateUser({ password: 'mat-khau-moi-4' });
			expect(refused.error?.code).toBe('reauthentication_needed');

			expect((await s.client.auth.reauthenticate()).error).toBeNull();
			const [mail] = await server.outbox('dao@example.com');
			const wrong = await s.client.auth.updateUser({ password: 'mat-khau-moi-4', nonce: '000000' });
			expect(wrong.error?.code).toBe('reauthentication_not_valid');
			const ok = await s.client.auth.updateUser({
				password: 'mat-khau-moi-4',
				nonce: mail?.code as string
			});
			expect(ok.error).toBeNull();
			const reused = await s.client.auth.updateUser({
				password: 'mat-khau-moi-5',
				nonce: mail?.code as string
			});
			expect(reused.error?.code).toBe('reauthentication_not_valid');
		} finally {
			server.config.auth.email.securePasswordChange = false;
		}
	});

	it('sends the nonce by SMS to a phone-only user', async () => {
		const created = await admin().createUser({ phone: '+84907333444', phone_confirm: true });
		const link = await admin().updateUserById(created.data.user?.id as string, {
			password: 'mat-khau-dai'
		});
		expect(link.error).toBeNull();
		const { client } = statefulClient(server.url, server.anonKey);
		await client.auth.signInWithPassword({ phone: '+84907333444', password: 'mat-khau-dai' });
		const res = await client.auth.reauthenticate();
		expect(res.error).toBeNull();
		const [sms] = await server.outbox('+84907333444');
		expect(sms?.code).toMatch(/^\d{6}$/);
	});
});
