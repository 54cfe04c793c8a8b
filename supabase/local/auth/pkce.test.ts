import { createServerClient } from '@supabase/ssr';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthTestServer, type AuthTestServer } from './harness';

let server: AuthTestServer;

beforeAll(async () => {
	server = await startAuthTestServer((c) => {
		c.auth.email.enableConfirmations = true;
		c.auth.rateLimit.emailSent = 100;
	});
});
afterAll(async () => server?.stop());

/** One browser's cookies, as a SvelteKit hook would pass them to createServerClient. */
function ssrClient() {
	const jar = new Map<string, string>();
	const client = createServerClient(server.url, server.anonKey, {
		cookies: {
			getAll: () => [...jar].map(([name, value]) => ({ name, value })),
			setAll: (cookies) => {
				for (const { name, value, options } of cookies) {
					if (!value || options?.maxAge === 0) jar.delete(name);
					else jar.set(name, value);
				}
			}
		},
		realtime: { transport: WebSocket as never }
	});
	return { client, jar };
}

async function followEmailLink(email: string): Promise<URL> {
	const [mail] = await server.outbox(email);
	const link = /https?:\/\/\S+\/auth\/v1\/verify\?\S+/.exec(mail?.body ?? '')?.[0];
	expect(link).toContain('token=pkce_');
	const res = await fetch(link as string, { redirect: 'manual' });
	expect(res.status).toBe(303);
	return new URL(res.headers.get('location') as string);
}

describe('PKCE with @supabase/ssr', () => {
	it('confirms a sign-up through the e-mail link and exchanges the code for a session cookie', async () => {
		const { client, jar } = ssrClient();
		const up = await client.auth.signUp({
			email: 'pkce@example.com',
			password: 'mat-khau-dai',
			options: { emailRedirectTo: 'http://127.0.0.1:3000/auth/callback' }
		});
		expect(up.error).toBeNull();
		expect(up.data.session).toBeNull();
		expect([...jar.keys()].some((k) => k.endsWith('-code-verifier'))).toBe(true);

		const target = await followEmailLink('pkce@example.com');
		expect(target.origin + target.pathname).toBe('http://127.0.0.1:3000/auth/callback');
		const code = target.searchParams.get('code') as string;
		expect(code).toBeTruthy();

		const ex = await client.auth.exchangeCodeForSession(code);
		expect(ex.error).toBeNull();
		expect(ex.data.session?.user.email).toBe('pkce@example.com');
		expect(ex.data.user?.email_confirmed_at).toBeTruthy();
		const cookie = [...jar].find(([k]) => /^sb-127-auth-token(\.0)?$/.test(k));
		expect(cookie?.[1]).toMatch(/^base64-/);
		const me = await client.auth.getUser();
		expect(me.data.user?.email).toBe('pkce@example.com');

		const again = await client.auth.exchangeCodeForSession(code);
		expect(again.error).not.toBeNull();
	});

	it('signs in with a magic link through PKCE', async () => {
		const { client } = ssrClient();
		const sent = await client.auth.signInWithOtp({
			email: 'pkce@example.com',
			options: { emailRedirectTo: 'http://127.0.0.1:3000/auth/callback' }
		});
		expect(sent.error).toBeNull();
		const code = (await followEmailLink('pkce@example.com')).searchParams.get('code') as string;
		const ex = await client.auth.exchangeCodeForSession(code);
		expect(ex.error).toBeNull();
		expect(ex.data.session?.user.email).toBe('pkce@example.com');
	});

	it('verifies a token_hash on the server (the SSR confirm route)', async () => {
		const { client } = ssrClient();
		await new Promise((r) => setTimeout(r, 1100)); // max_frequency of 1 s
		await client.auth.signInWithOtp({ email: 'pkce@example.com' });
		const [mail] = await server.outbox('pkce@example.com');
		const token = /token=(pkce_[0-9a-f]+)/.exec(mail?.body ?? '')?.[1] as string;
		const v = await client.auth.verifyOtp({ token_hash: token, type: 'email' });
		expect(v.error).toBeNull();
		expect(v.data.session?.user.email).toBe('pkce@example.com');
	});

	it('refuses a wrong code verifier and supports the plain method', async () => {
		await new Promise((r) => setTimeout(r, 1100));
		const verifier = 'v'.repeat(50);
		const otp = await fetch(`${server.url}/auth/v1/otp`, {
			method: 'POST',
			headers: { apikey: server.anonKey, 'Content-Type': 'application/json' },
			body: JSON.stringify({
				email: 'pkce@example.com',
				code_challenge: verifier,
				code_challenge_method: 'plain'
			})
		});
		expect(otp.status).toBe(200);
		const code = (await followEmailLink('pkce@example.com')).searchParams.get('code') as string;
		const exchange = (v: string) =>
			fetch(`${server.url}/auth/v1/token?grant_type=pkce`, {
				method: 'POST',
				headers: { apikey: server.anonKey, 'Content-Type': 'application/json' },
				body: JSON.stringify({ auth_code: code, code_verifier: v })
			});
		const bad = await exchange('w'.repeat(50));
		expect(bad.status).toBe(400);
		expect((await bad.json()).code).toBe('bad_code_verifier');
		const good = await exchange(verifier);
		expect(good.status).toBe(200);
		expect((await good.json()).access_token).toBeTruthy();
	});

	it('redirects an implicit-flow link with tokens in the fragment, and a bad one with an error', async () => {
		await new Promise((r) => setTimeout(r, 1100)); // max_frequency of 1 s
		const res = await fetch(
			`${server.url}/auth/v1/otp?redirect_to=${encodeURIComponent('http://127.0.0.1:3000/welcome')}`,
			{
				method: 'POST',
				headers: { apikey: server.anonKey, 'Content-Type': 'application/json' },
				body: JSON.stringify({ email: 'implicit@example.com' })
			}
		);
		expect(res.status).toBe(200);
		const [mail] = await server.outbox('implicit@example.com');
		const link = /https?:\/\/\S+\/auth\/v1\/verify\?\S+/.exec(mail?.body ?? '')?.[0] as string;
		expect(link).not.toContain('pkce_');
		const ok = await fetch(link, { redirect: 'manual' });
		const location = new URL(ok.headers.get('location') as string);
		expect(location.origin + location.pathname).toBe('http://127.0.0.1:3000/welcome');
		const fragment = new URLSearchParams(location.hash.slice(1));
		expect(fragment.get('access_token')).toBeTruthy();
		expect(fragment.get('refresh_token')).toBeTruthy();
		expect(fragment.get('type')).toBe('signup');
		const again = await fetch(link, { redirect: 'manual' });
		const err = new URLSearchParams(new URL(again.headers.get('location') as string).hash.slice(1));
		expect(err.get('error_code')).toBe('otp_expired');
	});

	it('keeps redirect_to only when allowed by site_url or additional_redirect_urls', async () => {
		await new Promise((r) => setTimeout(r, 1100));
		await fetch(
			`${server.url}/auth/v1/otp?redirect_to=${encodeURIComponent('https://evil.example/steal')}`,
			{
				method: 'POST',
				headers: { apikey: server.anonKey, 'Content-Type': 'application/json' },
				body: JSON.stringify({ email: 'implicit@example.com' })
			}
		);
		const [mail] = await server.outbox('implicit@example.com');
		expect(mail?.body).not.toContain('evil.example');
		expect(mail?.body).toContain(encodeURIComponent(server.config.auth.siteUrl));
	});
});
