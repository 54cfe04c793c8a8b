// POST /resend, POST /recover and POST /invite: more codes and links into the outbox.
import { validationFailed, forbidden, unprocessable } from './errors';
import type { Deps, Handler } from './deps';
import { sendEmailOtp, sendPhoneOtp } from './otp';
import { createFlowState, readChallenge } from './pkce';
import { bearerClaims, obj, readBody, redirectTarget, str } from './request';
import { createUser, findUser, userJson, type UserRow } from './users';
import { normaliseEmail, normalisePhone } from './validate';

function emailGate(deps: Deps, ip: string) {
	deps.limits.emailSent.check(ip, 'over_email_send_rate_limit', 'Email rate limit exceeded');
	return () => deps.limits.emailSent.record(ip);
}

function smsGate(deps: Deps, ip: string) {
	deps.limits.smsSent.check(ip, 'over_sms_send_rate_limit', 'SMS rate limit exceeded');
	return () => deps.limits.smsSent.record(ip);
}

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
	const redirectTo = redirectTarget(deps.ctx, req.query.get('redirect_to'));
	return deps.ctx.db.transaction(async (tx) => {
		const user = email
			? await findUser(tx, 'email', email, true)
			: await findUser(tx, 'phone', phone, true);
		if (!user) return { json: {} };
		if (type === 'signup') {
			if (user.email_confirmed_at) return { json: {} };
			const done = emailGate(deps, req.ip);
			await sendEmailOtp(deps.ctx, tx, user, email, 'signup', { redirectTo });
			done();
			return { json: {} };
		}
		if (type === 'email_change') {
			if (!user.email_change) return { json: {} };
			const done = emailGate(deps, req.ip);
			await sendEmailOtp(deps.ctx, tx, user, user.email_change, 'email_change', { redirectTo });
			done();
			return { json: {} };
		}
		if (type === 'sms' && user.phone_confirmed_at) return { json: {} };
		if (type === 'phone_change' && !user.phone_change) return { json: {} };
		const done = smsGate(deps, req.ip);
		const id = await sendPhoneOtp(
			deps.ctx,
			tx,
			user,
			type === 'sms' ? phone : (user.phone_change as string),
			type === 'sms' ? 'sms' : 'phone_change'
		);
		done();
		return { json: { message_id: id } };
	});
};

/** resetPasswordForEmail: a recovery code and link; `{}` whether or not the address exists. */
export const recover: Handler = async (deps, req) => {
	const body = readBody(req);
	const email = normaliseEmail(str(body, 'email'));
	const challenge = readChallenge(str(body, 'code_challenge'), str(body, 'code_challenge_method'));
	const redirectTo = redirectTarget(deps.ctx, req.query.get('redirect_to'));
	return deps.ctx.db.transaction(async (tx) => {
		const user = await findUser(tx, 'email', email, true);
		if (!user) return { json: {} };
		const done = emailGate(deps, req.ip);
		if (challenge) await createFlowState(tx, user.id, challenge, 'recovery', 'recovery');
		await sendEmailOtp(deps.ctx, tx, user, email, 'recovery', {
			redirectTo,
			pkce: Boolean(challenge)
		});
		done();
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
	const redirectTo = redirectTarget(deps.ctx, req.query.get('redirect_to'));
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
		const done = emailGate(deps, req.ip);
		await sendEmailOtp(deps.ctx, tx, user, email, 'invite', { redirectTo });
		done();
		return { json: await userJson(tx, (await findUser(tx, 'id', user.id)) as UserRow) };
	});
};
