import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient } from './clients';
import { startAuthTestServer, type AuthTestServer } from './harness';

let server: AuthTestServer;

beforeAll(async () => {
	server = await startAuthTestServer((c) => {
		c.auth.sms.maxFrequency = 0;
		c.auth.rateLimit.tokenVerifications = 3;
	});
});
afterAll(async () => server?.stop());

describe('outbox', () => {
	it('serves messages as JSON newest first, filtered by recipient in any notation', async () => {
		const sb = anonClient(server.url, server.anonKey);
		await sb.auth.signInWithOtp({ phone: '+84977000111' });
		await sb.auth.signInWithOtp({ phone: '+84977000111' });
		await sb.auth.signInWithOtp({ phone: '+84977000222' });
		const res = await fetch(
			`${server.url}/outbox/messages?to=${encodeURIComponent('+84 977 000 111')}`
		);
		expect(res.status).toBe(200);
		const list = (await res.json()) as Record<string, unknown>[];
		expect(list).toHaveLength(2);
		expect(Object.keys(list[0] as object).sort()).toEqual(
			['body', 'channel', 'code', 'created_at', 'id', 'subject', 'to'].sort()
		);
		expect(list[0]).toMatchObject({ channel: 'sms', to: '+84977000111', subject: null });
		expect((list[0]?.id as number) > (list[1]?.id as number)).toBe(true);
		expect(await server.outbox('84977000111')).toHaveLength(2);
		const all = (await (await fetch(`${server.url}/outbox/messages`)).json()) as unknown[];
		expect(all.length).toBe(3);
	});

	it('renders an accessible page for people, refreshing itself', async () => {
		const res = await fetch(`${server.url}/outbox`);
		expect(res.headers.get('content-type')).toContain('text/html');
		const html = await res.text();
		expect(html).toContain('<html lang="vi">');
		expect(html).toContain('http-equiv="refresh"');
		expect(html).toContain('<main>');
		expect(html).toContain('+84977000222');
		const [latest] = await server.outbox('+84977000222');
		expect(html).toContain(`<p class="code" aria-label="Mã xác thực`);
		expect(html).toContain(`>${latest?.code}</p>`);
	});

	it('limits wrong codes per IP by token_verifications', async () => {
		const sb = anonClient(server.url, server.anonKey);
		const codes = [];
		for (let i = 0; i < 4; i++) {
			const res = await sb.auth.verifyOtp({ phone: '+84977000111', token: '999999x', type: 'sms' });
			codes.push(res.error?.code);
		}
		expect(codes).toEqual(['otp_expired', 'otp_expired', 'otp_expired', 'over_request_rate_limit']);
	});

	it('clears on DELETE /outbox/messages', async () => {
		const res = await fetch(`${server.url}/outbox/messages`, { method: 'DELETE' });
		expect(res.status).toBe(204);
		expect(await server.outbox('+84977000111')).toEqual([]);
	});
});
