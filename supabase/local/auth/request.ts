// Reading requests the way GoTrue does: JSON bodies, bearer tokens, allowed redirect URLs.
import { JwtError, verifyJwt } from '../jwt';
import type { LocalRequest, ServerContext } from '../types';
import { AuthError, badRequest, forbidden } from './errors';
import { isRedirectUrlValid } from './redirect';

export type Body = Record<string, unknown>;

export function readBody(req: LocalRequest): Body {
	if (req.body.length === 0) return {};
	const type = req.headers['content-type'] ?? '';
	const text = req.body.toString('utf8');
	if (type.includes('application/x-www-form-urlencoded')) {
		return Object.fromEntries(new URLSearchParams(text));
	}
	try {
		const parsed: unknown = JSON.parse(text);
		if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
			return parsed as Body;
		}
	} catch {
		// fall through to the same error GoTrue gives for unreadable JSON
	}
	throw badRequest('bad_json', 'Could not parse request body as JSON');
}

export function str(body: Body, key: string): string {
	const value = body[key];
	return typeof value === 'string' ? value : '';
}

export function obj(body: Body, key: string): Record<string, unknown> | undefined {
	const value = body[key];
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}

export type Claims = Record<string, unknown> & { sub?: string; role?: string; session_id?: string };

/** The verified claims of the bearer token; GoTrue's requireAuthentication. */
export function bearerClaims(ctx: ServerContext, req: LocalRequest): Claims {
	const header = req.headers['authorization'] ?? '';
	const match = /^bearer\s+(\S+)$/i.exec(header.trim());
	if (!match?.[1]) {
		throw new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
	}
	try {
		return verifyJwt(match[1], ctx.keys.jwtSecret) as Claims;
	} catch (err) {
		if (err instanceof JwtError && err.reason === 'expired') {
			throw forbidden(
				'bad_jwt',
				'invalid JWT: unable to parse or verify signature, token has invalid claims: token is expired'
			);
		}
		throw forbidden(
			'bad_jwt',
			'invalid JWT: unable to parse or verify signature, signature is invalid'
		);
	}
}

/** Peers whose rate-limit header is believed: the app server on this machine. */
function trustedPeer(ip: string): boolean {
	const bare = ip.replace(/^::ffff:/, '');
	return bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

/**
 * The client address per-address limits key on: the first value of the configured rate-limit
 * header (GoTrue's GOTRUE_RATE_LIMIT_HEADER), believed only from a loopback peer (the app server
 * beside this server), else the socket address.
 */
export function clientAddress(ctx: ServerContext, req: LocalRequest): string {
	const header = ctx.config.auth.rateLimitHeader.trim().toLowerCase();
	if (header && trustedPeer(req.ip)) {
		const first = (req.headers[header] ?? '').split(',')[0]?.trim();
		if (first) return first;
	}
	return req.ip;
}

/** GoTrue's GetReferrer: `redirect_to` when allowed, else the Referer when allowed, else the site. */
export function redirectTarget(
	ctx: ServerContext,
	requested: string | null | undefined,
	req?: LocalRequest
): string {
	const auth = ctx.config.auth;
	if (requested && isRedirectUrlValid(auth, requested)) return requested;
	const referer = req?.headers['referer'];
	if (referer && isRedirectUrlValid(auth, referer)) return referer;
	return auth.siteUrl;
}
