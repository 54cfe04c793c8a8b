import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient } from './clients';
import { startAuthTestServer, type AuthTestServer } from './harness';

let server: AuthTestServer;

beforeAll(async () => {
	server = await startAuthTestServer((c) => {
		c.auth.email.maxFrequency = 0;
	});
});
afterAll(async () => server?.stop());

async function codeFor(email: string): Promise<string> {
	const [mail] = await server.outbox(email);
	expect(mail?.channel).toBe('email');
	return mail?.code as string;
}

describe('e-mail one-time codes', () => {
	it('signs a new and then a returning person in with a code, as the app does', async () => {
		server.config.auth.rateLimit.emailSent = 100;
		const sb = anonClient(server.url, server.anonKey);
		const first = await sb.auth.signInWithOtp({
			email: 'Mai@Example.com',
			options: { data: { locale: 'vi' } }
		});
		expect(first.error).toBeNull();
		const v1 = await sb.auth.verifyOtp({
			email: 'mai@example.com',
			token: await codeFor('mai@example.com'),
			type: 'email'
		});
		expect(v1.error).toBeNull();
		expect(v1.data.user?.user_metadata).toEqual({ locale: 'vi' });
		expect(v1.data.user?.email_confirmed_at).toBeTruthy();

		expect((await sb.auth.signInWithOtp({ email: 'mai@example.com' })).error).toBeNull();
		const v2 = await sb.auth.verifyOtp({
			email: 'mai@example.com',
			token: await codeFor('mai@example.com'),
			type: 'email'
		});
		expect(v2.error).toBeNull();
		expect(v2.data.user?.id).toBe(v1.data.user?.id);
	});

	it('limits e-mails per hour by [auth.rate_limit] email_sent', async () => {
		server.config.auth.rateLimit.emailSent = 0;
		try {
			const res = await anonClient(server.url, server.anonKey).auth.signInWithOtp({
				email: 'mai@example.com'
			});
			expect(res.error?.status).toBe(429);
			expect(res.error?.code).toBe('over_email_send_rate_limit');
		} finally {
			server.config.auth.rateLimit.emailSent = 100;
		}
	});

	it('refuses anonymous sign-in and publishes no symmetric key', async () => {
		const res = await anonClient(server.url, server.anonKey).auth.signInAnonymously();
		expect(res.error?.code).toBe('anonymous_provider_disabled');
		const jwks = await fetch(`${server.url}/auth/v1/.well-known/jwks.json`);
		expect(await jwks.json()).toEqual({ keys: [] });
		const unknown = await fetch(`${server.url}/auth/v1/factors`, { method: 'POST' });
		expect(unknown.status).toBe(404);
		expect((await unknown.json()).msg).toContain('not supported');
	});
});
