// POST|GET /reauthenticate and the nonce it sends (GoTrue's reauthenticate.go).
import type { Tx } from '../types';
import { AuthError, badRequest, unprocessable } from './errors';
import type { Deps, Handler } from './deps';
import { clearOneTimeTokens, fresh, sendEmailOtp, sendPhoneOtp, tokenHash } from './otp';
import { redirectTarget } from './request';
import { guardedSend } from './send-guard';
import { authenticated } from './user';
import type { UserRow } from './users';
import { guardedCode } from './verify';

/**
 * GoTrue's verifyReauthentication: the nonce is the code POST /reauthenticate sent, within the
 * OTP lifetime; it is used up. Wrong nonces count as wrong tries of that code.
 */
export async function checkNonce(deps: Deps, tx: Tx, user: UserRow, nonce: string): Promise<void> {
	const invalid = () => badRequest('reauthentication_not_valid', 'Nonce has expired or is invalid');
	if (!user.reauthentication_token || !user.reauthentication_sent_at) throw invalid();
	const recipient = user.email ? user.email.toLowerCase() : (user.phone ?? '');
	const expiry = user.email
		? deps.ctx.config.auth.email.otpExpiry
		: deps.ctx.config.auth.sms.otpExpiry;
	try {
		await guardedCode(
			deps,
			recipient,
			async () =>
				tokenHash(recipient, nonce.trim()) === user.reauthentication_token &&
				fresh(user.reauthentication_sent_at, expiry)
					? true
					: undefined,
			async () => {
				await tx.query(`update auth.users set reauthentication_token = '' where id = $1`, [
					user.id
				]);
			}
		);
	} catch (err) {
		if (err instanceof AuthError && err.code === 'otp_expired') throw invalid();
		throw err;
	}
	await tx.query(
		`update auth.users set reauthentication_token = '', reauthentication_sent_at = null
		where id = $1`,
		[user.id]
	);
	await clearOneTimeTokens(tx, user.id, ['reauthentication_token']);
}

/** POST /reauthenticate: a code to the user's e-mail (or phone), the nonce for PUT /user. */
export const reauthenticate: Handler = async (deps, req) =>
	deps.ctx.db.transaction(async (tx) => {
		const { user } = await authenticated(deps, tx, req);
		const email = user.email ?? '';
		const phone = user.phone ?? '';
		if (!email && !phone) {
			throw unprocessable(
				'validation_failed',
				'Reauthentication requires the user to have an email or a phone number'
			);
		}
		if (email) {
			if (!user.email_confirmed_at) {
				throw badRequest('email_not_confirmed', 'Please verify your email first.');
			}
			const redirectTo = redirectTarget(deps.ctx, null, req);
			await guardedSend(deps, 'email', email.toLowerCase(), () =>
				sendEmailOtp(deps.ctx, tx, user, email, 'reauthentication', { redirectTo })
			);
			return { json: {} };
		}
		if (!user.phone_confirmed_at) {
			throw badRequest('phone_not_confirmed', 'Please verify your phone first.');
		}
		const id = await guardedSend(deps, 'sms', phone, () =>
			sendPhoneOtp(deps.ctx, tx, user, phone, 'reauthentication')
		);
		return { json: { message_id: id } };
	});
