import { describe, expect, it } from 'vitest';
import { DEFAULT_KEYS } from './config';
import { JwtError, signJwt, verifyJwt } from './jwt';

const secret = DEFAULT_KEYS.jwtSecret;

function reason(fn: () => unknown): string | undefined {
	try {
		fn();
	} catch (err) {
		if (err instanceof JwtError) return err.reason;
		throw err;
	}
	return undefined;
}

describe('jwt', () => {
	it('verifies the default anon and service_role keys with the default secret', () => {
		expect(verifyJwt(DEFAULT_KEYS.anonKey, secret)).toEqual({
			iss: 'supabase-demo',
			role: 'anon',
			exp: 1983812996
		});
		expect(verifyJwt(DEFAULT_KEYS.serviceRoleKey, secret).role).toBe('service_role');
	});

	it('round-trips a payload', () => {
		const payload = { sub: 'u1', role: 'authenticated', exp: Math.floor(Date.now() / 1000) + 60 };
		expect(verifyJwt(signJwt(payload, secret), secret)).toEqual(payload);
	});

	it('reproduces the default anon key byte for byte', () => {
		const claims = verifyJwt(DEFAULT_KEYS.anonKey, secret);
		expect(signJwt(claims, secret)).toBe(DEFAULT_KEYS.anonKey);
	});

	it('rejects a wrong secret, a tampered payload and malformed tokens as invalid', () => {
		const token = signJwt({ role: 'anon' }, secret);
		expect(reason(() => verifyJwt(token, 'another-secret-another-secret-another'))).toBe('invalid');
		const [h, , s] = token.split('.');
		const forged = Buffer.from(JSON.stringify({ role: 'service_role' })).toString('base64url');
		expect(reason(() => verifyJwt(`${h}.${forged}.${s}`, secret))).toBe('invalid');
		expect(reason(() => verifyJwt('abc', secret))).toBe('invalid');
		expect(reason(() => verifyJwt('a.b.c.d', secret))).toBe('invalid');
		expect(reason(() => verifyJwt('', secret))).toBe('invalid');
		expect(reason(() => verifyJwt(`${h}.!!.${s}`, secret))).toBe('invalid');
	});

	it('rejects alg none', () => {
		const head = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
		const body = Buffer.from(JSON.stringify({ role: 'service_role' })).toString('base64url');
		expect(reason(() => verifyJwt(`${head}.${body}.`, secret))).toBe('invalid');
	});

	it('rejects expired tokens with reason expired', () => {
		const token = signJwt({ exp: Math.floor(Date.now() / 1000) - 1 }, secret);
		expect(reason(() => verifyJwt(token, secret))).toBe('expired');
		expect(reason(() => verifyJwt(signJwt({ exp: 'soon' }, secret), secret))).toBe('invalid');
	});
});
