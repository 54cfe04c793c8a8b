// The lock-out of issue #12: every request reached Auth from the app server's address, so 300
// wrong codes for one phone made Auth refuse everybody's code for five minutes. Now per-address
// limits key on the address the app forwards (X-Forwarded-For), and each phone number has its own
// small budget: 5 wrong tries per code, 5 codes an hour, 10 a day.
import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient } from './clients';
import { startAuthTestServer, type AuthTestServer } from './harness';

let server: AuthTestServer;

beforeAll(async () => {
	server = await startAuthTestServer((c) => {
		c.auth.sms.enableSignup = true;
		c.auth.sms.maxFrequency = 0;
		c.auth.sms.otpExpiry = 300;
		c.auth.rateLimit.smsSent = 10_000;
		c.auth.rateLimit.signInSignUps = 10_000;
		c.auth.rateLimit.tokenVerifications = 30;
		c.auth.recipientLimits = { maxAttempts: 5, sendsPerHour: 5, sendsPerDay: 10 };
	});
});
afterAll(async () => server?.stop());

/** supabase-js as the app server uses it: one client per request, the person's address forwarded. */
function from(address: string) {
	return createClient(server.url, server.anonKey, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		global: { headers: { 'X-Forwarded-For': address } },
		realtime: { transport: WebSocket as never }
	});
}

async function latestCode(phone: string): Promise<string> {
	const [sms] = await server.outbox(phone);
	return sms?.code as string;
}

const wrongFor = (code: string, i: number) =>
	String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0');

describe('one person guessing codes', () => {
	it('cannot lock anyone else out of signing in', async () => {
		const attacker = from('198.51.100.66');
		const target = '+84908000111';
		const volunteer = '+84908000222';
		expect((await attacker.auth.signInWithOtp({ phone: target })).error).toBeNull();
		const real = await latestCode(target);

		const answers: string[] = [];
		for (let i = 0; i < 40; i++) {
			const res = await attacker.auth.verifyOtp({
				phone: target,
				token: wrongFor(real, i),
				type: 'sms'
			});
			answers.push(res.error?.code ?? 'signed in');
		}
		// Every guess is refused; after 30 in 5 minutes the attacker's own address is refused.
		expect(answers.slice(0, 30)).toEqual(Array(30).fill('otp_expired'));
		expect(answers.slice(30)).toEqual(Array(10).fill('over_request_rate_limit'));

		// The demo volunteer, on another address, signs in at once.
		const demo = from('203.0.113.10');
		expect((await demo.auth.signInWithOtp({ phone: volunteer })).error).toBeNull();
		const signedIn = await demo.auth.verifyOtp({
			phone: volunteer,
			token: await latestCode(volunteer),
			type: 'sms'
		});
		expect(signedIn.error).toBeNull();
		expect(signedIn.data.session?.access_token).toBeTruthy();

		// The target's guessed code is void (5 wrong tries): its owner asks for a new one, which works.
		const owner = from('203.0.113.11');
		const old = await owner.auth.verifyOtp({ phone: target, token: real, type: 'sms' });
		expect(old.error?.code).toBe('otp_expired');
		expect((await owner.auth.signInWithOtp({ phone: target })).error).toBeNull();
		const fresh = await owner.auth.verifyOtp({
			phone: target,
			token: await latestCode(target),
			type: 'sms'
		});
		expect(fresh.error).toBeNull();
	});

	it('gets at most 25 guesses an hour at one phone number, from any number of addresses', async () => {
		const phone = '+84908000333';
		let sends = 0;
		let guesses = 0;
		let refusedSend = '';
		for (let round = 0; round < 8; round++) {
			const sent = await from(`198.51.100.${round + 1}`).auth.signInWithOtp({ phone });
			if (sent.error) {
				refusedSend = sent.error.code ?? '';
				break;
			}
			sends++;
			const real = await latestCode(phone);
			// Each guess from a new address, so no per-address limit helps: only the per-phone ones.
			for (let i = 0; i < 8; i++) {
				const guesser = from(`198.51.${round + 101}.${i + 1}`);
				const res = await guesser.auth.verifyOtp({ phone, token: wrongFor(real, i), type: 'sms' });
				expect(res.error?.code).toBe('otp_expired');
				guesses++;
			}
			// Only the first 5 were compared: the right code is refused now.
			const late = await from('203.0.113.99').auth.verifyOtp({ phone, token: real, type: 'sms' });
			expect(late.error?.code).toBe('otp_expired');
		}
		expect(sends).toBe(5);
		expect(refusedSend).toBe('over_sms_send_rate_limit');
		const compared = sends * server.config.auth.recipientLimits.maxAttempts;
		console.log(
			`brute force: ${sends} codes/hour × ${server.config.auth.recipientLimits.maxAttempts} tries = ${compared} compared guesses/hour/phone ` +
				`(${guesses} sent), P(hit in an hour) = ${compared}/1,000,000; ` +
				`day cap ${server.config.auth.recipientLimits.sendsPerDay} codes → ${
					server.config.auth.recipientLimits.sendsPerDay *
					server.config.auth.recipientLimits.maxAttempts
				}/day`
		);
		expect(compared).toBe(25);
	});
});

describe('limits under concurrency', () => {
	it('sends no more codes to one number than its hourly cap, however many ask at once', async () => {
		const phone = '+84908000444';
		const created = await anonClient(server.url, server.serviceRoleKey).auth.admin.createUser({
			phone,
			phone_confirm: true
		});
		expect(created.error).toBeNull();
		const results = await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				from(`192.0.2.${i + 1}`).auth.signInWithOtp({ phone, options: { shouldCreateUser: false } })
			)
		);
		const ok = results.filter((r) => !r.error).length;
		expect(ok).toBe(5);
		expect(results.filter((r) => r.error?.code === 'over_sms_send_rate_limit')).toHaveLength(15);
		expect(await server.outbox(phone)).toHaveLength(5);
	});

	it('counts concurrent verifications from one address exactly', async () => {
		const one = from('192.0.2.200');
		const results = await Promise.all(
			Array.from({ length: 45 }, (_, i) =>
				one.auth.verifyOtp({
					phone: `+8490900${String(i).padStart(4, '0')}`,
					token: '123456',
					type: 'sms'
				})
			)
		);
		const codes = results.map((r) => r.error?.code);
		expect(codes.filter((c) => c === 'otp_expired')).toHaveLength(30);
		expect(codes.filter((c) => c === 'over_request_rate_limit')).toHaveLength(15);
	});
});
