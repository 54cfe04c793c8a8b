// The request's role, from a JWT verified with the project secret, exactly as PostgREST decides it.
import { JwtError, verifyJwt } from '../jwt';
import type { LocalRequest } from '../types';
import { ApiError } from './errors';

export interface Identity {
	role: string;
	claims: Record<string, unknown>;
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

export function identify(req: LocalRequest, secret: string): Identity {
	const token = bearer(req);
	if (token === null) return { role: 'anon', claims: {}, authenticated: false };
	let claims: Record<string, unknown>;
	try {
		claims = verifyJwt(token, secret);
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
