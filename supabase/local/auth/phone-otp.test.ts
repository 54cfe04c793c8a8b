import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient } from './clients';
import { startAuthTestServer, type AuthTestServer } from './harness';

let server: AuthTestServer;

beforeAll(async () => {
	server = await startAuthTestServer((c) => {
		c.auth.sms.maxFrequency = 5;
		c.auth.sms.otpExpiry = 60;
		c.auth.sms.template = 'Mã đăng nhập của bạn là {{ .Code }}. Đừng đưa mã cho ai.';
	});
});
afterAll(async () => server?.stop());

describe('phone one-time code sign-in', () => {
	it('signs in end to end with the code read from the outbox', async () => {
		const sb = anonClient(server.url, server.anonKey);
		const sent = await sb.auth.signInWithOtp({ phone: '+84912345678' });
		expect(sent.error).toBeNull();
		const [sms] = await server.outbox('+84912345678');
		expect(sms?.channel).toBe('sms');
		expect(sms?.code).toMatch(/^\d{6}$/);
		// config.toml's [auth.sms] template, rendered as GoTrue renders it.
		expect(sms?.body).toBe(`Mã đăng nhập của bạn là ${sms?.code}. Đừng đưa mã cho ai.`);

		const { data, error } = await sb.auth.verifyOtp({
			phone: '+84912345678',
			token: sms?.code as string,
			type: 'sms'
		});
		expect(error).toBeNull();
		expect(data.session?.access_token).toBeTruthy();
		expect(data.session?.refresh_token).toBeTruthy();
		expect(data.user?.phone).toBe('84912345678');
		expect(data.user?.phone_confirmed_at).toBeTruthy();
		expect(data.user?.app_metadata).toEqual({ provider: 'phone', providers: ['phone'] });
		expect(data.user?.identities?.[0]?.identity_data).toMatchObject({
			phone: '84912345678',
			phone_verified: true
		});

		const claims = JSON.parse(
			Buffer.from(
				(data.session?.access_token as string).split('.')[1] as string,
				'base64url'
			).toString()
		);
		expect(claims).toMatchObject({
			aud: 'authenticated',
			role: 'authenticated',
			sub: data.user?.id,
			phone: '84912345678',
			iss: `${server.url}/auth/v1`,
			aal: 'aal1',
			is_anonymous: false,
			session_id: expect.any(String)
		});
		expect(claims.amr[0].method).toBe('otp');

		const me = await sb.auth.getUser(data.session?.access_token);
		expect(me.data.user?.id).toBe(data.user?.id);
	});

	it('refuses a second code before max_frequency with GoTrue’s message', async () => {
		const sb = anonClient(server.url, server.anonKey);
		expect((await sb.auth.signInWithOtp({ phone: '+84900000001' })).error).toBeNull();
		const again = await sb.auth.signInWithOtp({ phone: '+84900000001' });
		expect(again.error?.status).toBe(429);
		expect(again.error?.code).toBe('over_sms_send_rate_limit');
		expect(again.error?.message).toMatch(
			/^For security purposes, you can only request this after \d seconds\.$/
		);
	});

	it('rejects a wrong code and a used code with otp_expired', async () => {
		const sb = anonClient(server.url, server.anonKey);
		await sb.auth.signInWithOtp({ phone: '+84900000002' });
		const [sms] = await server.outbox('84900000002');
		const wrong = sms?.code === '000000' ? '111111' : '000000';
		const bad = await sb.auth.verifyOtp({ phone: '+84900000002', token: wrong, type: 'sms' });
		expect(bad.error?.status).toBe(403);
		expect(bad.error?.code).toBe('otp_expired');
		expect(bad.error?.message).toBe('Token has expired or is invalid');
		const good = await sb.auth.verifyOtp({
			phone: '+84900000002',
			token: sms?.code as string,
			type: 'sms'
		});
		expect(good.error).toBeNull();
		const reused = await sb.auth.verifyOtp({
			phone: '+84900000002',
			token: sms?.code as string,
			type: 'sms'
		});
		expect(reused.error?.code).toBe('otp_expired');
	});

	it('rejects an expired code', async () => {
		const sb = anonClient(server.url, server.anonKey);
		await sb.auth.signInWithOtp({ phone: '+84900000003' });
		const [sms] = await server.outbox('+84900000003');
		await server.ctx.db.query(
			`update auth.users set confirmation_sent_at = now() - interval '61 seconds' where phone = '84900000003'`
		);
		const late = await sb.auth.verifyOtp({
			phone: '+84900000003',
			token: sms?.code as string,
			type: 'sms'
		});
		expect(late.error?.code).toBe('otp_expired');
	});

	it('does not create users when create_user is false', async () => {
		const sb = anonClient(server.url, server.anonKey);
		const res = await sb.auth.signInWithOtp({
			phone: '+84900000004',
			options: { shouldCreateUser: false }
		});
		expect(res.error?.code).toBe('otp_disabled');
		expect(res.error?.status).toBe(422);
	});

	it('validates the phone number as GoTrue does', async () => {
		const sb = anonClient(server.url, server.anonKey);
		const res = await sb.auth.signInWithOtp({ phone: '0912345678x' });
		expect(res.error?.code).toBe('validation_failed');
		expect(res.error?.status).toBe(400);
	});
});
