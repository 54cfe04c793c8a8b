import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { configFromToml, defaultConfig, loadConfig, parseDuration } from './config';

const repo = fileURLToPath(new URL('../..', import.meta.url));

describe('config', () => {
	it("reads the project's supabase/config.toml", async () => {
		const c = await loadConfig(repo);
		expect(c.projectId).toBe('binh-dan-hoc-vu-so');
		expect(c.api).toEqual({
			port: 54321,
			schemas: ['public'],
			extraSearchPath: ['public', 'extensions'],
			maxRows: 1000
		});
		expect(c.auth.siteUrl).toBe('http://localhost:5173');
		expect(c.auth.additionalRedirectUrls).toContain('http://localhost:3000');
		expect(c.auth.jwtExpiry).toBe(3600);
		expect(c.auth.enableRefreshTokenRotation).toBe(true);
		expect(c.auth.minimumPasswordLength).toBe(8);
		expect(c.auth.email).toMatchObject({ enableSignup: true, enableConfirmations: false });
		expect(c.auth.email.maxFrequency).toBe(1);
		expect(c.auth.sms).toMatchObject({
			enableSignup: true,
			enableConfirmations: true,
			otpLength: 6,
			maxFrequency: 60
		});
		// The SMS production sends and the local outbox shows: one text, in Vietnamese.
		expect(c.auth.sms.template).toBe(
			'Mã đăng nhập Bình dân học vụ số của bạn là {{ .Code }}. Đừng đưa mã cho ai.'
		);
		// Raised above `supabase init`'s values on purpose (see the comment in config.toml).
		expect(c.auth.rateLimit.signInSignUps).toBeGreaterThanOrEqual(30);
		expect(c.auth.rateLimit.tokenRefresh).toBe(150);
	});

	it('fills defaults for an empty file and for a missing file', async () => {
		expect(configFromToml('')).toEqual(defaultConfig());
		expect(defaultConfig().auth.rateLimit).toEqual({
			emailSent: 2,
			smsSent: 30,
			tokenRefresh: 150,
			signInSignUps: 30,
			tokenVerifications: 30
		});
		const dir = await mkdtemp(join(tmpdir(), 'core-config-'));
		try {
			expect(await loadConfig(dir)).toEqual(defaultConfig());
		} finally {
			await rm(dir, { recursive: true });
		}
	});

	it('overrides single values and reports wrong types', () => {
		const c = configFromToml('[api]\nport = 6000\n[auth.sms]\notp_expiry = 300\n');
		expect(c.api.port).toBe(6000);
		expect(c.api.maxRows).toBe(1000);
		expect(c.auth.sms.otpExpiry).toBe(300);
		expect(() => configFromToml('[api]\nport = "x"\n')).toThrow(/port/);
	});

	it('parses Go durations', () => {
		expect(parseDuration('1s')).toBe(1);
		expect(parseDuration('1m30s')).toBe(90);
		expect(parseDuration('500ms')).toBe(0.5);
		expect(parseDuration(7)).toBe(7);
		expect(() => parseDuration('soon')).toThrow();
	});
});
