import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, statefulClient } from './clients';
import { startAuthTestServer, type AuthTestServer } from './harness';

let server: AuthTestServer;

beforeAll(async () => {
	server = await startAuthTestServer((c) => {
		c.auth.rateLimit.emailSent = 100;
		c.auth.email.maxFrequency = 0;
		c.auth.sms.maxFrequency = 0;
	});
});
afterAll(async () => server?.stop());

describe('recovery, resend and invite', () => {
	it('resets a forgotten password with the code from the outbox', async () => {
		await anonClient(server.url, server.anonKey).auth.signUp({
			email: 'quen@example.com',
			password: 'mat-khau-cu'
		});
		const { client } = statefulClient(server.url, server.anonKey);
		const sent = await client.auth.resetPasswordForEmail('quen@example.com');
		expect(sent.error).toBeNull();
		const [mail] = await server.outbox('quen@example.com');
		expect(mail?.subject).toContain('Đặt lại mật khẩu');
		const v = await client.auth.verifyOtp({
			email: 'quen@example.com',
			token: mail?.code as string,
			type: 'recovery'
		});
		expect(v.error).toBeNull();
		expect((await client.auth.updateUser({ password: 'mat-khau-moi' })).error).toBeNull();
		const login = await anonClient(server.url, server.anonKey).auth.signInWithPassword({
			email: 'quen@example.com',
			password: 'mat-khau-moi'
		});
		expect(login.error).toBeNull();
		const unknown = await client.auth.resetPasswordForEmail('khong-co@example.com');
		expect(unknown.error).toBeNull();
		expect(await server.outbox('khong-co@example.com')).toEqual([]);
	});

	it('resends the confirmation SMS of an unconfirmed phone sign-up', async () => {
		server.config.auth.sms.enableConfirmations = true;
		try {
			const sb = anonClient(server.url, server.anonKey);
			const up = await sb.auth.signUp({ phone: '+84966000111', password: 'mat-khau-dai' });
			expect(up.error).toBeNull();
			expect(up.data.session).toBeNull();
			const again = await sb.auth.resend({ phone: '+84966000111', type: 'sms' });
			expect(again.error).toBeNull();
			const messages = await server.outbox('+84966000111');
			expect(messages).toHaveLength(2);
			const old = await sb.auth.verifyOtp({
				phone: '+84966000111',
				token: messages[1]?.code as string,
				type: 'sms'
			});
			if (messages[1]?.code !== messages[0]?.code) expect(old.error?.code).toBe('otp_expired');
			const v = await sb.auth.verifyOtp({
				phone: '+84966000111',
				token: messages[0]?.code as string,
				type: 'sms'
			});
			expect(v.error).toBeNull();
			expect(v.data.session).not.toBeNull();
		} finally {
			server.config.auth.sms.enableConfirmations = false;
		}
	});

	it('invites by e-mail with the service key and accepts the invite code', async () => {
		const admin = anonClient(server.url, server.serviceRoleKey).auth.admin;
		const inv = await admin.inviteUserByEmail('moi@example.com', { data: { invited_by: 'Lan' } });
		expect(inv.error).toBeNull();
		expect(inv.data.user?.invited_at).toBeTruthy();
		const [mail] = await server.outbox('moi@example.com');
		const v = await anonClient(server.url, server.anonKey).auth.verifyOtp({
			email: 'moi@example.com',
			token: mail?.code as string,
			type: 'invite'
		});
		expect(v.error).toBeNull();
		expect(v.data.user?.user_metadata).toEqual({ invited_by: 'Lan' });
		const refused = await anonClient(server.url, server.anonKey).auth.admin.inviteUserByEmail(
			'x@example.com'
		);
		expect(refused.error?.code).toBe('not_admin');
	});
});
