// The request's role, from a JWT verified with the project secret, exactly as PostgREST decides it.
import { JwtError, verifyJwt } from '../jwt';
import type { LocalRequest } from '../types';
import { ApiError } from './errors';

export interface Identity {
	role: string;
	claims: Readonly<Record<string, unknown>>;
	/** PostgREST answers 42501 with 403 to a request that carried a token, 401 otherwise. */
	authenticated: boolean;
}

function bearer(req: LocalRequest): string | null {
	const auth = req.headers['authorization'];
	if (auth !== undefined) {
		// PostgREST reads only `Bearer <token>`; anything else counts as an empty token.
		const m = /^Bearer\s+(.*)$/i.exec(auth.trim());
		const token = m ? (m[1] as string).trim() : '';
		if (!token) throw jwtError('Empty JWT is sent in Authorization header');
		return token;
	}
	// Supabase's gateway lets the apikey stand in for a missing Authorization header.
	const apikey = req.headers['apikey'];
	return apikey ? apikey.trim() : null;
}

function jwtError(message: string, code = 'PGRST301'): ApiError {
	return new ApiError(401, code, message, null, null, {
		'WWW-Authenticate': `Bearer error="invalid_token", error_description=${JSON.stringify(message)}`
	});
}

/**
 * Tokens already verified (PostgREST caches them too): a client sends the same one with every
 * request, and an HMAC plus two JSON parses per request showed in the profile. `exp`/`nbf` are
 * checked on every use; a token past them goes through verifyJwt again for its error.
 */
const verified = new Map<string, Readonly<Record<string, unknown>>>();

function verifiedClaims(token: string, secret: string): Readonly<Record<string, unknown>> {
	const key = `${secret}\u0000${token}`;
	const hit = verified.get(key);
	if (hit) {
		const now = Math.floor(Date.now() / 1000);
		const live = typeof hit.exp !== 'number' || now < hit.exp;
		const started = typeof hit.nbf !== 'number' || now >= hit.nbf;
		if (live && started) return hit;
		verified.delete(key);
	}
	const claims = Object.freeze(verifyJwt(token, secret));
	if (verified.size >= 1000) verified.clear();
	verified.set(key, claims);
	return claims;
}

export function identify(req: LocalRequest, secret: string): Identity {
	const token = bearer(req);
	if (token === null) return { role: 'anon', claims: {}, authenticated: false };
	let claims: Readonly<Record<string, unknown>>;
	try {
		claims = verifiedClaims(token, secret);
	} catch (e) {
		if (e instanceof JwtError && e.reason === 'expired') throw jwtError('JWT expired', 'PGRST303');
		if (token === '') throw jwtError('Empty JWT is sent in Authorization header');
		if (token.split('.').length !== 3) {
			throw jwtError(`Expected 3 parts in JWT; got ${token.split('.').length}`);
		}
		if (e instanceof JwtError && /alg/.test(e.message)) {
			throw jwtError('Wrong or unsupported encoding algorithm');
		}
		throw jwtError('JWT cryptographic operation failed');
	}
	const role = typeof claims.role === 'string' && claims.role ? claims.role : 'anon';
	return { role, claims, authenticated: true };
}
