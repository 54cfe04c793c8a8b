// HS256 JSON Web Tokens, the only algorithm Supabase's local stack signs with.
import { createHmac, timingSafeEqual } from 'node:crypto';

export class JwtError extends Error {
	constructor(
		readonly reason: 'expired' | 'invalid',
		message: string
	) {
		super(message);
		this.name = 'JwtError';
	}
}

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function base64url(text: string | Buffer): string {
	return Buffer.from(text).toString('base64url');
}

function hmac(data: string, secret: string): Buffer {
	return createHmac('sha256', secret).update(data).digest();
}

export function signJwt(payload: Record<string, unknown>, secret: string): string {
	const body = `${HEADER}.${base64url(JSON.stringify(payload))}`;
	return `${body}.${hmac(body, secret).toString('base64url')}`;
}

function decodeJson(part: string): unknown {
	try {
		return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
	} catch {
		throw new JwtError('invalid', 'malformed token');
	}
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Verifies signature and `exp`/`nbf`; returns the claims or throws `JwtError`. */
export function verifyJwt(token: string, secret: string): Record<string, unknown> {
	const parts = token.split('.');
	if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) {
		throw new JwtError('invalid', 'malformed token');
	}
	const [header, payload, signature] = parts as [string, string, string];
	const head = decodeJson(header);
	// Refusing anything but HS256 closes the "alg: none" and key-confusion doors.
	if (!isObject(head) || head.alg !== 'HS256') throw new JwtError('invalid', 'unsupported alg');
	const expected = hmac(`${header}.${payload}`, secret);
	const given = Buffer.from(signature, 'base64url');
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
		throw new JwtError('invalid', 'invalid signature');
	}
	const claims = decodeJson(payload);
	if (!isObject(claims)) throw new JwtError('invalid', 'claims are not an object');
	const now = Math.floor(Date.now() / 1000);
	if (claims.exp !== undefined) {
		if (typeof claims.exp !== 'number') throw new JwtError('invalid', 'exp is not a number');
		if (now >= claims.exp) throw new JwtError('expired', 'token is expired');
	}
	if (typeof claims.nbf === 'number' && now < claims.nbf) {
		throw new JwtError('invalid', 'token is not valid yet');
	}
	return claims;
}
