// POST /signup and POST /otp.
import bcrypt from 'bcryptjs';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Tx } from '../types';
import { unprocessable, validationFailed, weakPassword } from './errors';
import { addr, meta, type Deps, type Handler } from './deps';
import { sendEmailOtp, sendPhoneOtp } from './otp';
import { createFlowState, readChallenge, type Challenge } from './pkce';
import { guardedSend } from './send-guard';
import { obj, readBody, redirectTarget, str } from './request';
import { issueSession } from './sessions';
import { createUser, findUser, userJson, type UserRow } from './users';
import { normaliseEmail, normalisePhone } from './validate';

export const BCRYPT_COST = 10;

export function checkPassword(deps: Deps, password: string): void {
	if (password.length < deps.ctx.config.auth.minimumPasswordLength) {
		throw weakPassword(deps.ctx.config.auth.minimumPasswordLength);
	}
}

function assertProviderEnabled(deps: Deps, provider: 'email' | 'phone'): void {
	const auth = deps.ctx.config.auth;
	if (provider === 'email' && !auth.email.enableSignup) {
		throw unprocessable('email_provider_disabled', 'Email signups are disabled');
	}
	if (provider === 'phone' && !auth.sms.enableSignup) {
		throw unprocessable('phone_provider_disabled', 'Phone signups are disabled');
	}
}

const signupsDisabled = () =>
	unprocessable('signup_disabled', 'Signups not allowed for this instance');

/** A fake user for a repeated sign-up, so existence of an account does not leak (GoTrue). */
function obfuscatedUser(provider: 'email' | 'phone', value: string, data: Record<string, unknown>) {
	const now = new Date().toISOString();
	return {
		id: randomUUID(),
		aud: 'authenticated',
		role: '',
		email: provider === 'email' ? value : '',
		phone: provider === 'phone' ? value : '',
		confirmation_sent_at: now,
		app_metadata: { provider, providers: [provider] },
		user_metadata: data,
		identities: [],
		created_at: now,
		updated_at: now,
		is_anonymous: false
	};
}

export const signup: Handler = async (deps, req) => {
	const { ctx, limits } = deps;
	const auth = ctx.config.auth;
	if (!auth.enableSignup) throw signupsDisabled();
	const body = readBody(req);
	const email = str(body, 'email');
	const phoneRaw = str(body, 'phone');
	const password = str(body, 'password');
	const data = obj(body, 'data') ?? {};
	if (email && phoneRaw) {
		throw validationFailed('Only an email address or phone number should be provided on signup.');
	}
	if (!email && !phoneRaw) {
		// An empty sign-up is signInAnonymously(), which config.toml leaves disabled.
		throw unprocessable('anonymous_provider_disabled', 'Anonymous sign-ins are disabled');
	}
	const provider = email ? 'email' : 'phone';
	assertProviderEnabled(deps, provider);
	if (!password) throw validationFailed('Signup requires a valid password');
	checkPassword(deps, password);
	const challenge = readChallenge(str(body, 'code_challenge'), str(body, 'code_challenge_method'));
	if (provider === 'phone' && challenge) {
		throw validationFailed('PKCE not supported for phone signups');
	}
	const value = provider === 'email' ? normaliseEmail(email) : normalisePhone(phoneRaw);
	limits.signInSignUps.take(addr(deps, req));
	const autoconfirm =
		provider === 'email' ? !auth.email.enableConfirmations : !auth.sms.enableConfirmations;
	const redirectTo = redirectTarget(ctx, req.query.get('redirect_to'), req);
	const hash = await bcrypt.hash(password, BCRYPT_COST);

	return ctx.db.transaction(async (tx) => {
		let user = await findUser(tx, provider, value, true);
		const confirmed = user
			? provider === 'email'
				? user.email_confirmed_at !== null
				: user.phone_confirmed_at !== null
			: false;
		if (user && confirmed) {
			if (autoconfirm) throw unprocessable('user_already_exists', 'User already registered');
			return { json: obfuscatedUser(provider, value, data) };
		}
		if (!user) {
			user = await createUser(tx, {
				[provider]: value,
				passwordHash: hash,
				userMetadata: data,
				emailConfirmed: provider === 'email' && autoconfirm,
				phoneConfirmed: provider === 'phone' && autoconfirm
			});
		} else if (autoconfirm) {
			// GoTrue leaves an unconfirmed account as it is ("we can't be sure of their claimed
			// identity"): the first password and metadata stay. With autoconfirm it confirms it and
			// signs the caller in without checking the password, as GoTrue does (README).
			await confirm(tx, user.id, provider);
			user = (await findUser(tx, 'id', user.id)) as UserRow;
		}
		if (autoconfirm) {
			return { json: await issueSession(ctx, tx, user.id, 'password', meta(deps, req)) };
		}
		await sendConfirmation(deps, tx, user, provider, value, {
			redirectTo,
			challenge,
			authMethod: 'email/signup'
		});
		return { json: await userJson(tx, (await findUser(tx, 'id', user.id)) as UserRow) };
	});
};

async function confirm(tx: Tx, userId: string, provider: 'email' | 'phone') {
	const column = provider === 'email' ? 'email_confirmed_at' : 'phone_confirmed_at';
	await tx.query(`update auth.users set ${column} = coalesce(${column}, now()) where id = $1`, [
		userId
	]);
}

/** Sends a code: an SMS for phones, a signup or magic-link e-mail for addresses. */
async function sendConfirmation(
	deps: Deps,
	tx: Tx,
	user: UserRow,
	provider: 'email' | 'phone',
	value: string,
	opts: { redirectTo: string; challenge?: Challenge; authMethod: string }
): Promise<string | undefined> {
	if (provider === 'phone') {
		return guardedSend(deps, 'sms', value, () => sendPhoneOtp(deps.ctx, tx, user, value, 'sms'));
	}
	const kind = user.email_confirmed_at ? 'magiclink' : 'signup';
	await guardedSend(deps, 'email', value, async () => {
		if (opts.challenge) {
			await createFlowState(
				tx,
				user.id,
				opts.challenge,
				'email',
				kind === 'signup' ? opts.authMethod : 'magiclink'
			);
		}
		await sendEmailOtp(deps.ctx, tx, user, value, kind, {
			redirectTo: opts.redirectTo,
			pkce: Boolean(opts.challenge)
		});
	});
	return undefined;
}

export const otp: Handler = async (deps, req) => {
	const { ctx, limits } = deps;
	const auth = ctx.config.auth;
	const body = readBody(req);
	const email = str(body, 'email');
	const phoneRaw = str(body, 'phone');
	if (email && phoneRaw) {
		throw validationFailed('Only an email address or phone number should be provided');
	}
	if (!email && !phoneRaw) throw validationFailed('An email address or phone number is required');
	const provider = email ? 'email' : 'phone';
	const channel = str(body, 'channel') || 'sms';
	if (provider === 'phone' && channel !== 'sms') {
		throw validationFailed("Invalid channel, supported values are 'sms' or 'whatsapp'");
	}
	const value = provider === 'email' ? normaliseEmail(email) : normalisePhone(phoneRaw);
	const createUserFlag = body.create_user !== false;
	const data = obj(body, 'data') ?? {};
	const challenge = readChallenge(str(body, 'code_challenge'), str(body, 'code_challenge_method'));
	const redirectTo = redirectTarget(ctx, req.query.get('redirect_to'), req);
	limits.signInSignUps.take(addr(deps, req));

	return ctx.db.transaction(async (tx) => {
		let user = await findUser(tx, provider, value, true);
		if (!user) {
			if (!createUserFlag) throw unprocessable('otp_disabled', 'Signups not allowed for otp');
			if (!auth.enableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for otp');
			assertProviderEnabled(deps, provider);
			// GoTrue signs such users up with an unusable random password.
			user = await createUser(tx, {
				[provider]: value,
				passwordHash: await bcrypt.hash(randomBytes(24).toString('base64'), 4),
				userMetadata: data
			});
		}
		const messageId = await sendConfirmation(deps, tx, user, provider, value, {
			redirectTo,
			challenge,
			authMethod: 'otp'
		});
		return { json: provider === 'phone' ? { message_id: messageId } : {} };
	});
};
