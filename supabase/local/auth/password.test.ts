import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient } from './clients';
import { startAuthTestServer, type AuthTestServer } from './harness';

let server: AuthTestServer;

beforeAll(async () => {
	server = await startAuthTestServer((c) => {
		c.auth.minimumPasswordLength = 8;
	});
});
afterAll(async () => server?.stop());

describe('sign-up and password sign-in', () => {
	it('signs up by e-mail with auto-confirm and gets a session', async () => {
		const sb = anonClient(server.url, server.anonKey);
		const { data, error } = await sb.auth.signUp({
			email: 'Lan@Example.com',
			password: 'mat-khau-dai',
			options: { data: { full_name: 'Nguyễn Thị Lan' } }
		});
		expect(error).toBeNull();
		expect(data.session?.token_type).toBe('bearer');
		expect(data.session?.expires_in).toBe(3600);
		expect(data.user?.email).toBe('lan@example.com');
		expect(data.user?.user_metadata).toEqual({ full_name: 'Nguyễn Thị Lan' });
		expect(data.user?.identities?.[0]?.provider).toBe('email');
		const { rows } = await server.ctx.db.query<{ encrypted_password: string }>(
			`select encrypted_password from auth.users where email = 'lan@example.com'`
		);
		expect(rows[0]?.encrypted_password).toMatch(/^\$2[aby]\$10\$/);
	});

	it('refuses a duplicate sign-up with user_already_exists', async () => {
		const sb = anonClient(server.url, server.anonKey);
		const again = await sb.auth.signUp({ email: 'lan@example.com', password: 'mat-khau-dai' });
		expect(again.error?.status).toBe(422);
		expect(again.error?.code).toBe('user_already_exists');
		expect(again.error?.message).toBe('User already registered');
	});

	it('refuses a short password with weak_password and its reasons', async () => {
		const sb = anonClient(server.url, server.anonKey);
		const res = await sb.auth.signUp({ email: 'short@example.com', password: '1234' });
		expect(res.error?.status).toBe(422);
		expect(res.error?.code).toBe('weak_password');
		expect(res.error?.name).toBe('AuthWeakPasswordError');
		expect(res.error?.message).toBe('Password should be at least 8 characters.');
	});

	it('signs in by password and refuses a wrong one', async () => {
		const sb = anonClient(server.url, server.anonKey);
		const ok = await sb.auth.signInWithPassword({
			email: 'LAN@example.com',
			password: 'mat-khau-dai'
		});
		expect(ok.error).toBeNull();
		expect(ok.data.session?.user.email).toBe('lan@example.com');
		const claims = JSON.parse(
			Buffer.from(
				(ok.data.session?.access_token as string).split('.')[1] as string,
				'base64url'
			).toString()
		);
		expect(claims.amr[0].method).toBe('password');
		expect(claims.user_metadata).toEqual({ full_name: 'Nguyễn Thị Lan' });
		const bad = await sb.auth.signInWithPassword({
			email: 'lan@example.com',
			password: 'sai-mat-khau'
		});
		expect(bad.error?.status).toBe(400);
		expect(bad.error?.code).toBe('invalid_credentials');
		expect(bad.error?.message).toBe('Invalid login credentials');
		const nobody = await sb.auth.signInWithPassword({ email: 'nobody@example.com', password: 'x' });
		expect(nobody.error?.code).toBe('invalid_credentials');
	});

	it('signs up and in by phone, stored as E.164 digits', async () => {
		const sb = anonClient(server.url, server.anonKey);
		const up = await sb.auth.signUp({ phone: '+84 987 654 321', password: 'mat-khau-dai' });
		expect(up.error).toBeNull();
		expect(up.data.user?.phone).toBe('84987654321');
		const ok = await sb.auth.signInWithPassword({
			phone: '+84987654321',
			password: 'mat-khau-dai'
		});
		expect(ok.error).toBeNull();
		expect(ok.data.user?.phone).toBe('84987654321');
		const dup = await sb.auth.signUp({ phone: '+84987654321', password: 'mat-khau-dai' });
		expect(dup.error?.code).toBe('user_already_exists');
	});

	it('sends every answer with X-Supabase-Api-Version', async () => {
		const res = await fetch(`${server.url}/auth/v1/token?grant_type=password`, {
			method: 'POST',
			headers: { apikey: server.anonKey, 'Content-Type': 'application/json' },
			body: JSON.stringify({ email: 'lan@example.com', password: 'nope' })
		});
		expect(res.headers.get('x-supabase-api-version')).toBe('2024-01-01');
		expect(await res.json()).toMatchObject({
			code: 'invalid_credentials',
			msg: 'Invalid login credentials'
		});
		const health = await fetch(`${server.url}/auth/v1/health`);
		expect(health.status).toBe(200);
		expect(health.headers.get('x-supabase-api-version')).toBe('2024-01-01');
		const settings = await (await fetch(`${server.url}/auth/v1/settings`)).json();
		expect(settings).toMatchObject({ disable_signup: false, mailer_autoconfirm: true });
	});

	it('requires e-mail confirmation when enabled: bare user, code in the outbox', async () => {
		server.config.auth.email.enableConfirmations = true;
		try {
			const sb = anonClient(server.url, server.anonKey);
			const up = await sb.auth.signUp({ email: 'hoa@example.com', password: 'mat-khau-dai' });
			expect(up.error).toBeNull();
			expect(up.data.session).toBeNull();
			expect(up.data.user?.email).toBe('hoa@example.com');
			const early = await sb.auth.signInWithPassword({
				email: 'hoa@example.com',
				password: 'mat-khau-dai'
			});
			expect(early.error?.code).toBe('email_not_confirmed');
			const [mail] = await server.outbox('hoa@example.com');
			expect(mail?.channel).toBe('email');
			expect(mail?.body).toContain('/auth/v1/verify?token=');
			const v = await sb.auth.verifyOtp({
				email: 'hoa@example.com',
				token: mail?.code as string,
				type: 'email'
			});
			expect(v.error).toBeNull();
			expect(v.data.user?.email_confirmed_at).toBeTruthy();
			const later = await sb.auth.signInWithPassword({
				email: 'hoa@example.com',
				password: 'mat-khau-dai'
			});
			expect(later.error).toBeNull();
		} finally {
			server.config.auth.email.enableConfirmations = false;
		}
	});

	it('honours enable_signup = false', async () => {
		server.config.auth.enableSignup = false;
		try {
			const sb = anonClient(server.url, server.anonKey);
			const res = await sb.auth.signUp({ email: 'closed@example.com', password: 'mat-khau-dai' });
			expect(res.error?.code).toBe('signup_disabled');
			expect(res.error?.status).toBe(422);
		} finally {
			server.config.auth.enableSignup = true;
		}
	});

	it('limits sign-ins per IP per 5 minutes with over_request_rate_limit', async () => {
		const limits = server.config.auth.rateLimit;
		const before = limits.signInSignUps;
		limits.signInSignUps = 0;
		try {
			const sb = anonClient(server.url, server.anonKey);
			const res = await sb.auth.signInWithPassword({
				email: 'lan@example.com',
				password: 'mat-khau-dai'
			});
			expect(res.error?.status).toBe(429);
			expect(res.error?.code).toBe('over_request_rate_limit');
		} finally {
			limits.signInSignUps = before;
		}
	});
});
