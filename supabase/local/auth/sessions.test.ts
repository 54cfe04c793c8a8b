import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, statefulClient } from './clients';
import { startAuthTestServer, type AuthTestServer } from './harness';

let server: AuthTestServer;

beforeAll(async () => {
	server = await startAuthTestServer((c) => {
		c.auth.refreshTokenReuseInterval = 0;
	});
	const sb = anonClient(server.url, server.anonKey);
	for (const email of ['minh@example.com', 'an@example.com', 'binh@example.com']) {
		const { error } = await sb.auth.signUp({ email, password: 'mat-khau-dai' });
		if (error) throw error;
	}
});
afterAll(async () => server?.stop());

async function signIn(email: string) {
	const sb = anonClient(server.url, server.anonKey);
	const { data, error } = await sb.auth.signInWithPassword({ email, password: 'mat-khau-dai' });
	if (error || !data.session) throw error ?? new Error('no session');
	return data.session;
}

function refresh(token: string) {
	return anonClient(server.url, server.anonKey).auth.refreshSession({ refresh_token: token });
}

describe('refresh tokens', () => {
	it('rotates the refresh token on every refresh', async () => {
		const first = await signIn('minh@example.com');
		const second = await refresh(first.refresh_token);
		expect(second.error).toBeNull();
		expect(second.data.session?.refresh_token).not.toBe(first.refresh_token);
		expect(second.data.session?.user.email).toBe('minh@example.com');
		const third = await refresh(second.data.session?.refresh_token as string);
		expect(third.error).toBeNull();
	});

	it('detects reuse of a revoked token and revokes the whole family', async () => {
		const first = await signIn('minh@example.com');
		const second = await refresh(first.refresh_token);
		const third = await refresh(second.data.session?.refresh_token as string);
		expect(third.error).toBeNull();
		// `first` is neither current nor the parent of the current one: abuse.
		const reuse = await refresh(first.refresh_token);
		expect(reuse.error?.status).toBe(400);
		expect(reuse.error?.code).toBe('refresh_token_already_used');
		expect(reuse.error?.message).toBe('Invalid Refresh Token: Already Used');
		const after = await refresh(third.data.session?.refresh_token as string);
		expect(after.error?.code).toBe('refresh_token_already_used');
	});

	it('hands back the current token to a client that lost the last answer', async () => {
		const first = await signIn('an@example.com');
		const second = await refresh(first.refresh_token);
		const retry = await refresh(first.refresh_token);
		expect(retry.error).toBeNull();
		expect(retry.data.session?.refresh_token).toBe(second.data.session?.refresh_token);
	});

	it('allows reuse within refresh_token_reuse_interval', async () => {
		server.config.auth.refreshTokenReuseInterval = 10;
		try {
			const first = await signIn('an@example.com');
			const second = await refresh(first.refresh_token);
			await refresh(second.data.session?.refresh_token as string);
			const reuse = await refresh(first.refresh_token);
			expect(reuse.error).toBeNull();
		} finally {
			server.config.auth.refreshTokenReuseInterval = 0;
		}
	});

	it('gives parallel refreshes of one token the same new token (SSR tabs racing)', async () => {
		const first = await signIn('an@example.com');
		const results = await Promise.all(
			Array.from({ length: 8 }, () => refresh(first.refresh_token))
		);
		expect(results.map((r) => r.error)).toEqual(Array(8).fill(null));
		const tokens = new Set(results.map((r) => r.data.session?.refresh_token));
		expect(tokens.size).toBe(1);
		expect(tokens.has(first.refresh_token)).toBe(false);
	});

	it('refuses an unknown token with refresh_token_not_found', async () => {
		const res = await refresh('not-a-token');
		expect(res.error?.code).toBe('refresh_token_not_found');
		expect(res.error?.status).toBe(400);
	});
});

describe('sign-out scopes', () => {
	it('local ends only this session, others keeps only this one, global ends all', async () => {
		const a = statefulClient(server.url, server.anonKey);
		const b = statefulClient(server.url, server.anonKey);
		const c = statefulClient(server.url, server.anonKey);
		for (const { client } of [a, b, c]) {
			const { error } = await client.auth.signInWithPassword({
				email: 'binh@example.com',
				password: 'mat-khau-dai'
			});
			expect(error).toBeNull();
		}
		const tokenOf = async (x: typeof a) => (await x.client.auth.getSession()).data.session;
		const sa = await tokenOf(a);
		const sb = await tokenOf(b);
		const sc = await tokenOf(c);

		expect((await a.client.auth.signOut({ scope: 'local' })).error).toBeNull();
		expect(await tokenOf(a)).toBeNull();
		const probe = anonClient(server.url, server.anonKey);
		expect((await probe.auth.getUser(sa?.access_token)).error?.name).toBe(
			'AuthSessionMissingError'
		);
		expect((await probe.auth.getUser(sb?.access_token)).error).toBeNull();

		expect((await b.client.auth.signOut({ scope: 'others' })).error).toBeNull();
		expect((await probe.auth.getUser(sb?.access_token)).error).toBeNull();
		expect((await probe.auth.getUser(sc?.access_token)).error?.name).toBe(
			'AuthSessionMissingError'
		);
		expect((await refresh(sc?.refresh_token as string)).error?.code).toBe(
			'refresh_token_not_found'
		);

		expect((await b.client.auth.signOut()).error).toBeNull();
		expect((await probe.auth.getUser(sb?.access_token)).error?.name).toBe(
			'AuthSessionMissingError'
		);
		const raw = await fetch(`${server.url}/auth/v1/logout?scope=global`, {
			method: 'POST',
			headers: { apikey: server.anonKey, Authorization: `Bearer ${server.anonKey}` }
		});
		expect(raw.status).toBe(403);
	});
});

describe('the signed-in user', () => {
	it('reads and updates metadata and password', async () => {
		const { client } = statefulClient(server.url, server.anonKey);
		await client.auth.signInWithPassword({ email: 'an@example.com', password: 'mat-khau-dai' });
		const upd = await client.auth.updateUser({ data: { display_name: 'An', city: 'Huế' } });
		expect(upd.error).toBeNull();
		expect(upd.data.user?.user_metadata).toEqual({ display_name: 'An', city: 'Huế' });
		const upd2 = await client.auth.updateUser({ data: { city: null } });
		expect(upd2.data.user?.user_metadata).toEqual({ display_name: 'An' });
		const same = await client.auth.updateUser({ password: 'mat-khau-dai' });
		expect(same.error?.code).toBe('same_password');
		const pw = await client.auth.updateUser({ password: 'mat-khau-moi' });
		expect(pw.error).toBeNull();
		const login = await anonClient(server.url, server.anonKey).auth.signInWithPassword({
			email: 'an@example.com',
			password: 'mat-khau-moi'
		});
		expect(login.error).toBeNull();
	});

	it('changes the phone through a code in the outbox when SMS confirmations are on', async () => {
		server.config.auth.sms.enableConfirmations = true;
		try {
			const { client } = statefulClient(server.url, server.anonKey);
			await client.auth.signInWithPassword({ email: 'binh@example.com', password: 'mat-khau-dai' });
			const upd = await client.auth.updateUser({ phone: '+84911222333' });
			expect(upd.error).toBeNull();
			expect(upd.data.user?.new_phone).toBe('84911222333');
			const [sms] = await server.outbox('+84911222333');
			const v = await client.auth.verifyOtp({
				phone: '+84911222333',
				token: sms?.code as string,
				type: 'phone_change'
			});
			expect(v.error).toBeNull();
			expect(v.data.user?.phone).toBe('84911222333');
			expect(v.data.user?.phone_confirmed_at).toBeTruthy();
		} finally {
			server.config.auth.sms.enableConfirmations = false;
		}
	});

	it('changes the e-mail through a code when e-mail confirmations are on', async () => {
		server.config.auth.email.enableConfirmations = true;
		try {
			const { client } = statefulClient(server.url, server.anonKey);
			await client.auth.signInWithPassword({ email: 'minh@example.com', password: 'mat-khau-dai' });
			const taken = await client.auth.updateUser({ email: 'an@example.com' });
			expect(taken.error?.code).toBe('email_exists');
			const upd = await client.auth.updateUser({ email: 'minh.moi@example.com' });
			expect(upd.error).toBeNull();
			expect(upd.data.user?.new_email).toBe('minh.moi@example.com');
			// double_confirm_changes (config.toml's choice): both addresses must confirm.
			const [mail] = await server.outbox('minh.moi@example.com');
			const [current] = await server.outbox('minh@example.com');
			const first = await client.auth.verifyOtp({
				email: 'minh.moi@example.com',
				token: mail?.code as string,
				type: 'email_change'
			});
			expect(first.error).toBeNull();
			expect(first.data.session).toBeNull();
			expect((await client.auth.getUser()).data.user?.email).toBe('minh@example.com');
			const v = await client.auth.verifyOtp({
				email: 'minh@example.com',
				token: current?.code as string,
				type: 'email_change'
			});
			expect(v.error).toBeNull();
			expect(v.data.user?.email).toBe('minh.moi@example.com');
		} finally {
			server.config.auth.email.enableConfirmations = false;
		}
	});

	it('refuses a forged token', async () => {
		const res = await anonClient(server.url, server.anonKey).auth.getUser(
			'eyJhbGciOiJIUzI1NiJ9.e30.bad'
		);
		expect(res.error?.status).toBe(403);
		expect(res.error?.code).toBe('bad_jwt');
	});
});
