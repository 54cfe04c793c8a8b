// POST /token?grant_type=password|refresh_token|pkce.
import bcrypt from 'bcryptjs';
import { badRequest, invalidCredentials, validationFailed } from './errors';
import { addr, meta, type Handler } from './deps';
import { exchangeAuthCode } from './pkce';
import { readBody, str } from './request';
import { alreadyUsed, issueSession, refreshSession, type AuthMethod } from './sessions';
import { findUser, isBanned } from './users';

const passwordGrant: Handler = async (deps, req) => {
	const { ctx } = deps;
	const body = readBody(req);
	const email = str(body, 'email').trim().toLowerCase();
	const phone = str(body, 'phone')
		.trim()
		.replace(/^\+/, '')
		.replace(/[\s\-()]/g, '');
	const password = str(body, 'password');
	if (!email && !phone) throw validationFailed('missing email or phone');
	deps.limits.signInSignUps.take(addr(deps, req));
	const user = await ctx.db.transaction((tx) =>
		email ? findUser(tx, 'email', email) : findUser(tx, 'phone', phone)
	);
	const hash = user?.encrypted_password ?? '';
	const ok = hash.startsWith('$2') && (await bcrypt.compare(password, hash));
	if (!user || !ok) throw invalidCredentials();
	if (isBanned(user)) throw badRequest('user_banned', 'User is banned');
	if (email && !user.email_confirmed_at) {
		throw badRequest('email_not_confirmed', 'Email not confirmed');
	}
	if (!email && !user.phone_confirmed_at) {
		throw badRequest('phone_not_confirmed', 'Phone not confirmed');
	}
	return {
		json: await ctx.db.transaction((tx) =>
			issueSession(ctx, tx, user.id, 'password', meta(deps, req))
		)
	};
};

const refreshGrant: Handler = async (deps, req) => {
	const { ctx } = deps;
	const token = str(readBody(req), 'refresh_token');
	if (!token) throw validationFailed('refresh_token required');
	deps.limits.tokenRefresh.take(addr(deps, req));
	const result = await ctx.db.transaction((tx) => refreshSession(ctx, tx, token));
	// The family was revoked inside the transaction, which has to commit before the refusal.
	if ('reuse' in result) throw alreadyUsed();
	return { json: result };
};

const pkceGrant: Handler = async (deps, req) => {
	const { ctx } = deps;
	const body = readBody(req);
	deps.limits.signInSignUps.take(addr(deps, req));
	return {
		json: await ctx.db.transaction(async (tx) => {
			const { userId, method } = await exchangeAuthCode(
				tx,
				str(body, 'auth_code'),
				str(body, 'code_verifier')
			);
			const user = await findUser(tx, 'id', userId);
			if (!user) throw badRequest('user_not_found', 'User not found');
			if (isBanned(user)) throw badRequest('user_banned', 'User is banned');
			return issueSession(ctx, tx, userId, method as AuthMethod, meta(deps, req));
		})
	};
};

export const token: Handler = async (deps, req) => {
	const grant = req.query.get('grant_type');
	if (grant === 'password') return passwordGrant(deps, req);
	if (grant === 'refresh_token') return refreshGrant(deps, req);
	if (grant === 'pkce') return pkceGrant(deps, req);
	throw badRequest(
		'validation_failed',
		`unsupported_grant_type${grant ? `: ${grant} is not supported by the local server` : ''}`
	);
};
