// The GoTrue-compatible /auth/v1 service of the local Supabase server.
import { withoutTrailingSlashes } from '../http';
import type { LocalRequest, LocalResponse, ServerContext, Service } from '../types';
import { admin } from './admin';
import type { Deps, Handler } from './deps';
import { API_VERSION, AuthError, errorResponse, notFound } from './errors';
import { createLimiters } from './ratelimit';
import { invite, recover, resend } from './resend';
import { otp, signup } from './signup';
import { token } from './token';
import { reauthenticate } from './reauthenticate';
import { getUser, logout, putUser } from './user';
import { verifyGet, verifyPost } from './verify';

const health: Handler = async () => ({
	json: {
		version: 'local',
		name: 'GoTrue',
		description: 'GoTrue-compatible auth of the local Supabase server'
	}
});

const settings: Handler = async ({ ctx }) => {
	const auth = ctx.config.auth;
	return {
		json: {
			external: {
				email: auth.email.enableSignup,
				phone: auth.sms.enableSignup,
				anonymous_users: false
			},
			disable_signup: !auth.enableSignup,
			mailer_autoconfirm: !auth.email.enableConfirmations,
			phone_autoconfirm: !auth.sms.enableConfirmations,
			sms_provider: auth.sms.enableSignup ? 'local-outbox' : '',
			saml_enabled: false
		}
	};
};

// Only HS256 is signed here, and symmetric keys are never published: an empty key set, as GoTrue.
const jwks: Handler = async () => ({ json: { keys: [] } });

const ROUTES: Record<string, Handler> = {
	'GET /health': health,
	'GET /.well-known/jwks.json': jwks,
	'GET /settings': settings,
	'POST /signup': signup,
	'POST /otp': otp,
	'POST /magiclink': otp,
	'POST /token': token,
	'POST /resend': resend,
	'POST /recover': recover,
	'POST /invite': invite,
	'POST /verify': verifyPost,
	'GET /verify': verifyGet,
	'GET /user': getUser,
	'PUT /user': putUser,
	'POST /logout': logout,
	'GET /reauthenticate': reauthenticate,
	'POST /reauthenticate': reauthenticate
};

function route(req: LocalRequest): Handler | undefined {
	const path = withoutTrailingSlashes(req.path);
	if (path.startsWith('/admin/')) return admin;
	return ROUTES[`${req.method} ${path}`];
}

export function createAuthService(ctx: ServerContext): Service {
	const deps: Deps = { ctx, limits: createLimiters(ctx.config.auth) };
	return {
		async handle(req: LocalRequest): Promise<LocalResponse> {
			try {
				const handler = route(req);
				if (!handler) {
					throw notFound(
						'not_found',
						`${req.method} ${req.path} is not supported by the local auth server`
					);
				}
				const result = await handler(deps, req);
				const headers = { 'X-Supabase-Api-Version': API_VERSION, ...result.headers };
				if (result.status === 204 || (result.json === undefined && result.body === undefined)) {
					return { status: result.status ?? 204, headers, body: '' };
				}
				return { status: result.status ?? 200, headers, json: result.json, body: result.body };
			} catch (err) {
				if (err instanceof AuthError) return errorResponse(err);
				const pgCode = (err as { code?: unknown }).code;
				// Two sign-ups racing for one address: the unique index decides, as in GoTrue.
				if (pgCode === '23505') {
					return errorResponse(
						new AuthError(422, 'user_already_exists', 'User already registered')
					);
				}
				console.error('[auth]', req.method, req.path, err);
				if (typeof pgCode === 'string' && req.method !== 'GET') {
					// GoTrue's wording when the database (often a trigger on auth.users) refuses a write.
					return errorResponse(
						new AuthError(500, 'unexpected_failure', `Database error: ${(err as Error).message}`)
					);
				}
				return errorResponse(
					new AuthError(
						500,
						'unexpected_failure',
						'Unexpected failure, please check server logs for more information'
					)
				);
			}
		}
	};
}
