// GET /user, PUT /user, POST /logout: requests made with a user's access token.
import bcrypt from 'bcryptjs';
import type { LocalRequest, Tx } from '../types';
import { AuthError, badRequest, forbidden, unprocessable } from './errors';
import type { Deps, Handler } from './deps';
import { sendEmailOtp, sendPhoneOtp } from './otp';
import { bearerClaims, obj, readBody, redirectTarget, str, type Claims } from './request';
import { guardedSend } from './send-guard';
import { sessionMissing } from './sessions';
import { BCRYPT_COST, checkPassword } from './signup';
import { checkNonce } from './reauthenticate';
import { findUser, isBanned, mergeMetadata, upsertIdentity, userJson, type UserRow } from './users';
import { normaliseEmail, normalisePhone } from './validate';

/** GoTrue's requireAuthentication: the user, the session, and no banned user. */
export async function authenticated(
	deps: Deps,
	tx: Tx,
	req: LocalRequest
): Promise<{ claims: Claims; user: UserRow; session?: { id: string; created_at: Date | string } }> {
	const claims = bearerClaims(deps.ctx, req);
	const sub = typeof claims.sub === 'string' ? claims.sub : '';
	if (!/^[0-9a-f-]{36}$/i.test(sub)) {
		throw forbidden('bad_jwt', 'invalid claim: missing sub claim');
	}
	const user = await findUser(tx, 'id', sub, true);
	if (!user) throw forbidden('user_not_found', 'User from sub claim in JWT does not exist');
	let session: { id: string; created_at: Date | string } | undefined;
	if (typeof claims.session_id === 'string' && claims.session_id) {
		const { rows } = await tx.query<{ id: string; created_at: Date | string }>(
			'select id, created_at from auth.sessions where id = $1',
			[claims.session_id]
		);
		if (rows.length === 0) throw sessionMissing();
		session = rows[0];
	}
	// An access token issued before the ban still verifies: GoTrue refuses its user here.
	if (isBanned(user)) throw forbidden('user_banned', 'User is banned');
	return { claims, user, session };
}

/** What differs between changing the e-mail and changing the phone number. */
const CONTACT = {
	email: {
		normalise: normaliseEmail,
		current: (user: UserRow) => user.email?.toLowerCase(),
		taken: () =>
			unprocessable('email_exists', 'A user with this email address has already been registered'),
		settings: (deps: Deps) => deps.ctx.config.auth.email,
		send: async (deps: Deps, tx: Tx, req: LocalRequest, user: UserRow, email: string) => {
			const redirectTo = redirectTarget(deps.ctx, req.query.get('redirect_to'), req);
			await guardedSend(deps, 'email', email, () =>
				sendEmailOtp(deps.ctx, tx, user, email, 'email_change', { redirectTo })
			);
			// GoTrue's secure e-mail change: the current address must confirm too.
			const current = user.email;
			if (deps.ctx.config.auth.email.doubleConfirmChanges && current) {
				await guardedSend(deps, 'email', current.toLowerCase(), () =>
					sendEmailOtp(deps.ctx, tx, user, current, 'email_change_current', {
						redirectTo,
						checkFrequency: false
					})
				);
			} else {
				await tx.query(`update auth.users set email_change_token_current = '' where id = $1`, [
					user.id
				]);
			}
		}
	},
	phone: {
		normalise: normalisePhone,
		current: (user: UserRow) => user.phone,
		taken: () =>
			unprocessable('phone_exists', 'A user with this phone number has already been registered'),
		settings: (deps: Deps) => deps.ctx.config.auth.sms,
		send: async (deps: Deps, tx: Tx, _req: LocalRequest, user: UserRow, phone: string) => {
			await guardedSend(deps, 'sms', phone, () =>
				sendPhoneOtp(deps.ctx, tx, user, phone, 'phone_change')
			);
		}
	}
} as const;

/**
 * PUT /user with a new e-mail or phone: taken → 422; without confirmations it is set (and its
 * identity) at once, otherwise the user keeps the old one until the code sent to the new one
 * (and, for e-mail with double_confirm_changes, the one sent to the current address).
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
	await how.send(deps, tx, req, user, value);
}

export const getUser: Handler = async (deps, req) =>
	deps.ctx.db.transaction(async (tx) => {
		const { user } = await authenticated(deps, tx, req);
		return { json: await userJson(tx, user) };
	});

/**
 * GoTrue's User.UpdatePassword: pending codes and links are cleared (whoever asked for them may
 * not be trusted any more), and every other session ends — all of them without a session (admin).
 */
export async function updatePassword(
	tx: Tx,
	userId: string,
	hash: string,
	keepSession: string | undefined
): Promise<void> {
	await tx.query(
		`update auth.users set encrypted_password = $2, confirmation_token = '',
			confirmation_sent_at = null, recovery_token = '', recovery_sent_at = null,
			email_change_token_current = '', email_change_token_new = '', email_change_sent_at = null,
			phone_change_token = '', phone_change_sent_at = null, reauthentication_token = '',
			reauthentication_sent_at = null, updated_at = now()
		where id = $1`,
		[userId, hash]
	);
	await tx.query('delete from auth.one_time_tokens where user_id = $1', [userId]);
	if (keepSession) {
		await tx.query('delete from auth.sessions where user_id = $1 and id <> $2', [
			userId,
			keepSession
		]);
	} else {
		await tx.query('delete from auth.sessions where user_id = $1', [userId]);
	}
}

/** A sign-in this recent counts as the re-authentication a contact change needs. */
const FRESH_SIGN_IN_MS = 5 * 60_000;

function staleForContactChange(session: { created_at: Date | string } | null | undefined): boolean {
	return !session || Date.now() > new Date(session.created_at).getTime() + FRESH_SIGN_IN_MS;
}

export const putUser: Handler = async (deps, req) => {
	const body = readBody(req);
	const password = typeof body.password === 'string' ? body.password : undefined;
	if (password) checkPassword(deps, password);
	const newHash = password ? await bcrypt.hash(password, BCRYPT_COST) : undefined;
	return deps.ctx.db.transaction(async (tx) => {
		const auth = await authenticated(deps, tx, req);
		const session = auth.session;
		let user = auth.user;
		if (password !== undefined && newHash) {
			// secure_password_change: a session older than a day needs the reauthentication nonce.
			const stale =
				!session || Date.now() > new Date(session.created_at).getTime() + 24 * 3_600_000;
			if (deps.ctx.config.auth.email.securePasswordChange && stale) {
				const nonce = str(body, 'nonce');
				if (!nonce) {
					throw badRequest('reauthentication_needed', 'Password update requires reauthentication');
				}
				await checkNonce(deps, tx, user, nonce);
			}
			const current = user.encrypted_password ?? '';
			if (current.startsWith('$2') && (await bcrypt.compare(password, current))) {
				throw unprocessable(
					'same_password',
					'New password should be different from the old password.'
				);
			}
			await updatePassword(tx, user.id, newHash, session?.id);
		}
		const data = obj(body, 'data');
		if (data) {
			await tx.query(
				'update auth.users set raw_user_meta_data = $2::jsonb, updated_at = now() where id = $1',
				[user.id, JSON.stringify(mergeMetadata(user.raw_user_meta_data, data))]
			);
		}
		const contactChange = (['email', 'phone'] as const).some(
			(field) =>
				str(body, field) &&
				CONTACT[field].normalise(str(body, field) as string) !== CONTACT[field].current(user)
		);
		if (contactChange && staleForContactChange(session)) {
			// Whoever holds a stolen or forgotten session must not move the account to their own
			// phone or e-mail: beyond a fresh sign-in, the nonce POST /reauthenticate sent to the
			// current phone or e-mail is asked for (this server's rule; GoTrue asks it for
			// passwords only, see README).
			const nonce = str(body, 'nonce');
			if (!nonce) {
				throw badRequest(
					'reauthentication_needed',
					'Changing the phone or e-mail requires reauthentication'
				);
			}
			await checkNonce(deps, tx, user, nonce);
		}
		for (const field of ['email', 'phone'] as const) {
			const raw = str(body, field);
			if (raw) {
				user = (await findUser(tx, 'id', user.id)) as UserRow;
				await changeContact(deps, tx, req, user, field, raw);
			}
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
