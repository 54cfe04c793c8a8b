// Reads supabase/config.toml into LocalConfig, with the defaults `supabase init` writes.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import type { Keys, LocalConfig } from './types';

/** The keys `supabase start` prints; every local Supabase uses them. */
export const DEFAULT_KEYS: Keys = {
	jwtSecret: 'super-secret-jwt-token-with-at-least-32-characters-long',
	anonKey:
		'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0',
	serviceRoleKey:
		'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU'
};

export function defaultConfig(): LocalConfig {
	return {
		projectId: 'local',
		api: {
			port: 54321,
			schemas: ['public', 'graphql_public'],
			extraSearchPath: ['public', 'extensions'],
			maxRows: 1000
		},
		auth: {
			siteUrl: 'http://127.0.0.1:3000',
			additionalRedirectUrls: ['https://127.0.0.1:3000'],
			jwtExpiry: 3600,
			enableSignup: true,
			enableRefreshTokenRotation: true,
			refreshTokenReuseInterval: 10,
			minimumPasswordLength: 6,
			email: {
				enableSignup: true,
				enableConfirmations: false,
				otpLength: 6,
				otpExpiry: 3600,
				maxFrequency: 1,
				doubleConfirmChanges: true,
				securePasswordChange: false
			},
			// GoTrue's own defaults where `supabase init` writes none (otp length/expiry).
			sms: {
				enableSignup: false,
				enableConfirmations: false,
				otpLength: 6,
				otpExpiry: 60,
				maxFrequency: 5,
				template: 'Your code is {{ .Code }}'
			},
			rateLimitHeader: 'X-Forwarded-For',
			recipientLimits: { maxAttempts: 5, sendsPerHour: 5, sendsPerDay: 10 },
			rateLimit: {
				emailSent: 2,
				smsSent: 30,
				tokenRefresh: 150,
				signInSignUps: 30,
				tokenVerifications: 30
			}
		}
	};
}

type Table = Record<string, unknown>;

function table(value: unknown): Table {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Table)
		: {};
}

function pick<T>(t: Table, key: string, fallback: T): T {
	const value = t[key];
	if (value === undefined) return fallback;
	const want = Array.isArray(fallback) ? 'array' : typeof fallback;
	const got = Array.isArray(value) ? 'array' : typeof value;
	if (want !== got) throw new Error(`config.toml: "${key}" should be ${want}, got ${got}`);
	return value as T;
}

function duration(t: Table, key: string, fallback: number): number {
	const value = t[key];
	if (value === undefined) return fallback;
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw new Error(`config.toml: "${key}" should be a duration like "5s"`);
	}
	return parseDuration(value);
}

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };

/** Go-style durations as the CLI writes them ("1s", "5m", "1h30m") → seconds. */
export function parseDuration(value: string | number): number {
	if (typeof value === 'number') return value;
	let total = 0;
	let rest = value.trim();
	if (!rest) throw new Error(`config.toml: empty duration`);
	while (rest) {
		const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)/.exec(rest);
		if (!m) throw new Error(`config.toml: bad duration "${value}"`);
		total += Number(m[1]) * UNIT_SECONDS[m[2] as string]!;
		rest = rest.slice(m[0].length);
	}
	return total;
}

export function configFromToml(text: string): LocalConfig {
	const d = defaultConfig();
	const root = parse(text) as Table;
	const api = table(root.api);
	const auth = table(root.auth);
	const email = table(auth.email);
	const sms = table(auth.sms);
	const rate = table(auth.rate_limit);
	return {
		projectId: pick(root, 'project_id', d.projectId),
		api: {
			port: pick(api, 'port', d.api.port),
			schemas: pick(api, 'schemas', d.api.schemas),
			extraSearchPath: pick(api, 'extra_search_path', d.api.extraSearchPath),
			maxRows: pick(api, 'max_rows', d.api.maxRows)
		},
		auth: {
			siteUrl: pick(auth, 'site_url', d.auth.siteUrl),
			additionalRedirectUrls: pick(auth, 'additional_redirect_urls', d.auth.additionalRedirectUrls),
			jwtExpiry: pick(auth, 'jwt_expiry', d.auth.jwtExpiry),
			enableSignup: pick(auth, 'enable_signup', d.auth.enableSignup),
			enableRefreshTokenRotation: pick(
				auth,
				'enable_refresh_token_rotation',
				d.auth.enableRefreshTokenRotation
			),
			refreshTokenReuseInterval: pick(
				auth,
				'refresh_token_reuse_interval',
				d.auth.refreshTokenReuseInterval
			),
			minimumPasswordLength: pick(auth, 'minimum_password_length', d.auth.minimumPasswordLength),
			email: {
				enableSignup: pick(email, 'enable_signup', d.auth.email.enableSignup),
				enableConfirmations: pick(email, 'enable_confirmations', d.auth.email.enableConfirmations),
				otpLength: pick(email, 'otp_length', d.auth.email.otpLength),
				otpExpiry: pick(email, 'otp_expiry', d.auth.email.otpExpiry),
				maxFrequency: duration(email, 'max_frequency', d.auth.email.maxFrequency),
				doubleConfirmChanges: pick(
					email,
					'double_confirm_changes',
					d.auth.email.doubleConfirmChanges
				),
				securePasswordChange: pick(
					email,
					'secure_password_change',
					d.auth.email.securePasswordChange
				)
			},
			sms: {
				enableSignup: pick(sms, 'enable_signup', d.auth.sms.enableSignup),
				enableConfirmations: pick(sms, 'enable_confirmations', d.auth.sms.enableConfirmations),
				otpLength: pick(sms, 'otp_length', d.auth.sms.otpLength),
				otpExpiry: pick(sms, 'otp_expiry', d.auth.sms.otpExpiry),
				maxFrequency: duration(sms, 'max_frequency', d.auth.sms.maxFrequency),
				template: pick(sms, 'template', d.auth.sms.template)
			},
			rateLimitHeader: d.auth.rateLimitHeader,
			recipientLimits: { ...d.auth.recipientLimits },
			rateLimit: {
				emailSent: pick(rate, 'email_sent', d.auth.rateLimit.emailSent),
				smsSent: pick(rate, 'sms_sent', d.auth.rateLimit.smsSent),
				tokenRefresh: pick(rate, 'token_refresh', d.auth.rateLimit.tokenRefresh),
				signInSignUps: pick(rate, 'sign_in_sign_ups', d.auth.rateLimit.signInSignUps),
				tokenVerifications: pick(rate, 'token_verifications', d.auth.rateLimit.tokenVerifications)
			}
		}
	};
}

/**
 * Settings the Supabase CLI has no config.toml key for (it refuses unknown keys), from the
 * environment: GoTrue's own variable names where GoTrue has the setting or a proposal for it.
 */
export function applyAuthEnv(config: LocalConfig, env: NodeJS.ProcessEnv = process.env) {
	const auth = config.auth;
	if (env.GOTRUE_RATE_LIMIT_HEADER !== undefined)
		auth.rateLimitHeader = env.GOTRUE_RATE_LIMIT_HEADER;
	const count = (name: string, fallback: number) => {
		const raw = env[name];
		if (raw === undefined || raw === '') return fallback;
		const n = Number(raw);
		if (!Number.isInteger(n) || n < 0) throw new Error(`${name} should be a whole number`);
		return n;
	};
	const limits = auth.recipientLimits;
	limits.maxAttempts = count('GOTRUE_SMS_OTP_MAX_ATTEMPTS', limits.maxAttempts);
	limits.sendsPerHour = count('LOCAL_AUTH_OTP_SENDS_PER_HOUR', limits.sendsPerHour);
	limits.sendsPerDay = count('LOCAL_AUTH_OTP_SENDS_PER_DAY', limits.sendsPerDay);
	return config;
}

/** `<workdir>/supabase/config.toml`, or the defaults when the file does not exist. */
export async function loadConfig(workdir: string): Promise<LocalConfig> {
	let text: string;
	try {
		text = await readFile(join(workdir, 'supabase', 'config.toml'), 'utf8');
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'ENOENT') return applyAuthEnv(defaultConfig());
		throw err;
	}
	return applyAuthEnv(configFromToml(text));
}
