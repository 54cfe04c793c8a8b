// GET /user, PUT /user, POST /logout: requests made with a user's access token.
import bcrypt from 'bcryptjs';
import type { LocalRequest, Tx } from '../types';
import { AuthError, forbidden, unprocessable } from './errors';
import type { Deps, Handler } from './deps';
import { sendEmailOtp, sendPhoneOtp } from './otp';
import { bearerClaims, obj, readBody, redirectTarget, str, type Claims } from './request';
import { sessionMissing } from './sessions';
import { BCRYPT_COST, checkPassword } from './signup';
import { findUser, mergeMetadata, upsertIdentity, userJson, type UserRow } from './users';
import { normaliseEmail, normalisePhone } from './validate';

/** GoTrue's requireAuthentication + session lookup. */
async function authenticated(
	deps: Deps,
	tx: Tx,
	req: LocalRequest
): Promise<{ claims: Claims; user: UserRow }> {
	const claims = bearerClaims(deps.ctx, req);
	const sub = typeof claims.sub === 'string' ? claims.sub : '';
	if (!/^[0-9a-f-]{36}$/i.test(sub)) {
		throw forbidden('bad_jwt', 'invalid claim: missing sub claim');
	}
	const user = await findUser(tx, 'id', sub, true);
	if (!user) throw forbidden('user_not_found', 'User from sub claim in JWT does not exist');
	if (typeof claims.session_id === 'string' && claims.session_id) {
		const { rows } = await tx.query('select 1 from auth.sessions where id = $1', [
			claims.session_id
		]);
		if (rows.length === 0) throw sessionMissing();
	}
	return { claims, user };
}

/** What differs between changing the e-mail and changing the phone number. */
const CONTACT = {
	email: {
		normalise: normaliseEmail,
		current: (user: UserRow) => user.email?.toLowerCase(),
		taken: () =>
			unprocessable('email_exists', 'A user with this email address has already been registered'),
		settings: (deps: Deps) => deps.ctx.config.auth.email,
		limiter: (deps: Deps) => deps.limits.emailSent,
		limited: ['over_email_send_rate_limit', 'Email rate limit exceeded'],
		send: (deps: Deps, tx: Tx, req: LocalRequest, user: UserRow, email: string) =>
			sendEmailOtp(deps.ctx, tx, user, email, 'email_change', {
				redirectTo: redirectTarget(deps.ctx, req.query.get('redirect_to'))
			})
	},
	phone: {
		normalise: normalisePhone,
		current: (user: UserRow) => user.phone,
		taken: () =>
			unprocessable('phone_exists', 'A user with this phone number has already been registered'),
		settings: (deps: Deps) => deps.ctx.config.auth.sms,
		limiter: (deps: Deps) => deps.limits.smsSent,
		limited: ['over_sms_send_rate_limit', 'SMS rate limit exceeded'],
		send: (deps: Deps, tx: Tx, _req: LocalRequest, user: UserRow, phone: string) =>
			sendPhoneOtp(deps.ctx, tx, user, phone, 'phone_change')
	}
} as const;

/**
 * PUT /user with a new e-mail or phone: taken → 422; without confirmations it is set (and its
 * identity) at once, otherwise the user keeps the old one until the code sent to the new one.
 */
async function changeContact(
	deps: Deps,
	tx: Tx,
	req: LocalRequest,
	user: UserRow,
	field: keyof typeof CONTACT,
	raw: string
): Promise<void> {
	const how = CONTACT[field];
	const value = how.normalise(raw);
	if (value === how.current(user)) return;
	const other = await findUser(tx, field, value);
	if (other && other.id !== user.id) throw how.taken();
	if (!how.settings(deps).enableConfirmations) {
		// `field` is one of the two keys of CONTACT, never user input.
		await tx.query(
			`update auth.users set ${field} = $2, ${field}_confirmed_at = now(), updated_at = now()
			where id = $1`,
			[user.id, value]
		);
		await upsertIdentity(tx, user.id, field, value);
		return;
	}
	const limiter = how.limiter(deps);
	limiter.check(req.ip, ...how.limited);
	await how.send(deps, tx, req, user, value);
	limiter.record(req.ip);
}

export const getUser: Handler = async (deps, req) =>
	deps.ctx.db.transaction(async (tx) => {
		const { user } = await authenticated(deps, tx, req);
		return { json: await userJson(tx, user) };
	});

export const putUser: Handler = async (deps, req) => {
	const body = readBody(req);
	const password = str(body, 'password');
	if (password) checkPassword(deps, password);
	const newHash = password ? await bcrypt.hash(password, BCRYPT_COST) : undefined;
	return deps.ctx.db.transaction(async (tx) => {
		let { user } = await authenticated(deps, tx, req);
		if (password && newHash) {
			const current = user.encrypted_password ?? '';
			if (current.startsWith('$2') && (await bcrypt.compare(password, current))) {
				throw unprocessable(
					'same_password',
					'New password should be different from the old password.'
				);
			}
			await tx.query(
				'update auth.users set encrypted_password = $2, updated_at = now() where id = $1',
				[user.id, newHash]
			);
		}
		const data = obj(body, 'data');
		if (data) {
			await tx.query(
				'update auth.users set raw_user_meta_data = $2::jsonb, updated_at = now() where id = $1',
				[user.id, JSON.stringify(mergeMetadata(user.raw_user_meta_data, data))]
			);
		}
		for (const field of ['email', 'phone'] as const) {
			const raw = str(body, field);
			if (raw) await changeContact(deps, tx, req, user, field, raw);
		}
		user = (await findUser(tx, 'id', user.id)) as UserRow;
		return { json: await userJson(tx, user) };
	});
};

export const logout: Handler = async (deps, req) => {
	const scope = req.query.get('scope') ?? 'global';
	if (!['global', 'local', 'others'].includes(scope)) {
		throw new AuthError(400, 'validation_failed', `Unsupported logout scope "${scope}"`);
	}
	await deps.ctx.db.transaction(async (tx) => {
		const { claims, user } = await authenticated(deps, tx, req);
		const sessionId = typeof claims.session_id === 'string' ? claims.session_id : null;
		if (scope === 'global' || !sessionId) {
			await tx.query('delete from auth.sessions where user_id = $1', [user.id]);
		} else if (scope === 'local') {
			await tx.query('delete from auth.sessions where id = $1', [sessionId]);
		} else {
			await tx.query('delete from auth.sessions where user_id = $1 and id <> $2', [
				user.id,
				sessionId
			]);
		}
	});
	return { status: 204 };
};
