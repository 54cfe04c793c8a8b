// POST /resend, POST /recover and POST /invite: more codes and links into the outbox.
import { validationFailed, forbidden, unprocessable } from './errors';
import type { Handler } from './deps';
import { guardedSend } from './send-guard';
import { sendEmailOtp, sendPhoneOtp } from './otp';
import { createFlowState, readChallenge } from './pkce';
import { bearerClaims, obj, readBody, redirectTarget, str } from './request';
import { createUser, findUser, userJson, type UserRow } from './users';
import { normaliseEmail, normalisePhone } from './validate';

/** GoTrue's Resend: silently `{}` when there is nothing to resend, so accounts do not leak. */
export const resend: Handler = async (deps, req) => {
	const body = readBody(req);
	const type = str(body, 'type');
	if (!['signup', 'email_change', 'sms', 'phone_change'].includes(type)) {
		throw validationFailed('Missing one of these types: signup, email_change, sms, phone_change');
	}
	const email = str(body, 'email') ? normaliseEmail(str(body, 'email')) : '';
	const phone = str(body, 'phone') ? normalisePhone(str(body, 'phone')) : '';
	if (email && phone) {
		throw validationFailed('Only an email address or phone number should be provided.');
	}
	if (!email && !phone) throw validationFailed('Missing email address or phone number');
	if (type === 'signup' && !email)
		throw validationFailed('Type provided requires an email address');
	if (type === 'sms' && !phone) throw validationFailed('Type provided requires a phone number');
	const redirectTo = redirectTarget(deps.ctx, req.query.get('redirect_to'), req);
	return deps.ctx.db.transaction(async (tx) => {
		const user = email
			? await findUser(tx, 'email', email, true)
			: await findUser(tx, 'phone', phone, true);
		if (!user) return { json: {} };
		if (type === 'signup') {
			if (user.email_confirmed_at) return { json: {} };
			await guardedSend(deps, 'email', email, () =>
				sendEmailOtp(deps.ctx, tx, user, email, 'signup', { redirectTo })
			);
			return { json: {} };
		}
		if (type === 'email_change') {
			if (!user.email_change) return { json: {} };
			const to = user.email_change;
			await guardedSend(deps, 'email', to, () =>
				sendEmailOtp(deps.ctx, tx, user, to, 'email_change', { redirectTo })
			);
			return { json: {} };
		}
		if (type === 'sms' && user.phone_confirmed_at) return { json: {} };
		if (type === 'phone_change' && !user.phone_change) return { json: {} };
		const to = type === 'sms' ? phone : (user.phone_change as string);
		const id = await guardedSend(deps, 'sms', to, () =>
			sendPhoneOtp(deps.ctx, tx, user, to, type === 'sms' ? 'sms' : 'phone_change')
		);
		return { json: { message_id: id } };
	});
};

/** resetPasswordForEmail: a recovery code and link; `{}` whether or not the address exists. */
export const recover: Handler = async (deps, req) => {
	const body = readBody(req);
	const email = normaliseEmail(str(body, 'email'));
	const challenge = readChallenge(str(body, 'code_challenge'), str(body, 'code_challenge_method'));
	const redirectTo = redirectTarget(deps.ctx, req.query.get('redirect_to'), req);
	return deps.ctx.db.transaction(async (tx) => {
		const user = await findUser(tx, 'email', email, true);
		if (!user) return { json: {} };
		await guardedSend(deps, 'email', email, async () => {
			if (challenge) await createFlowState(tx, user.id, challenge, 'recovery', 'recovery');
			await sendEmailOtp(deps.ctx, tx, user, email, 'recovery', {
				redirectTo,
				pkce: Boolean(challenge)
			});
		});
		return { json: {} };
	});
};

/** inviteUserByEmail (service key): creates the user and mails an invite link. */
export const invite: Handler = async (deps, req) => {
	const claims = bearerClaims(deps.ctx, req);
	if (!['service_role', 'supabase_admin'].includes(String(claims.role))) {
		throw forbidden('not_admin', 'User not allowed');
	}
	const body = readBody(req);
	const email = normaliseEmail(str(body, 'email'));
	const redirectTo = redirectTarget(deps.ctx, req.query.get('redirect_to'), req);
	return deps.ctx.db.transaction(async (tx) => {
		let user = await findUser(tx, 'email', email, true);
		if (user?.email_confirmed_at) {
			throw unprocessable(
				'email_exists',
				'A user with this email address has already been registered'
			);
		}
		user ??= await createUser(tx, { email, userMetadata: obj(body, 'data') ?? {} });
		await tx.query('update auth.users set invited_at = now() where id = $1', [user.id]);
		const invited = user;
		await guardedSend(deps, 'email', email, () =>
			sendEmailOtp(deps.ctx, tx, invited, email, 'invite', { redirectTo })
		);
		return { json: await userJson(tx, (await findUser(tx, 'id', user.id)) as UserRow) };
	});
};
