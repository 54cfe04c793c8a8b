// Reading requests the way GoTrue does: JSON bodies, bearer tokens, allowed redirect URLs.
import { JwtError, verifyJwt } from '../jwt';
import type { LocalRequest, ServerContext } from '../types';
import { AuthError, badRequest, forbidden } from './errors';

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

function allowed(url: string, pattern: string): boolean {
	if (!pattern) return false;
	if (pattern.includes('*')) {
		const re = new RegExp(
			'^' +
				pattern
					.split('**')
					.map((part) =>
						part
							.split('*')
							.map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
							.join('[^./]*')
					)
					.join('.*') +
				'$'
		);
		return re.test(url);
	}
	try {
		const a = new URL(url);
		const b = new URL(pattern);
		return a.origin === b.origin && a.pathname.startsWith(b.pathname.replace(/\/$/, ''));
	} catch {
		return false;
	}
}

/** GoTrue keeps `redirect_to` only when it matches the site URL or an allow-listed URL. */
export function redirectTarget(ctx: ServerContext, requested: string | null | undefined): string {
	const site = ctx.config.auth.siteUrl;
	if (!requested) return site;
	try {
		if (new URL(requested).origin === new URL(site).origin) return requested;
	} catch {
		return site;
	}
	return ctx.config.auth.additionalRedirectUrls.some((p) => allowed(requested, p))
		? requested
		: site;
}
