// POST /verify (code or token_hash → session) and GET /verify (e-mail links → redirect).
import type { LocalRequest, Tx } from '../types';
import { AuthError, otpExpired, validationFailed } from './errors';
import { meta, type Deps, type Handler } from './deps';
import { clearOneTimeTokens, fresh, tokenHash } from './otp';
import { issueAuthCode } from './pkce';
import { readBody, redirectTarget, str } from './request';
import { issueSession, type AuthMethod, type TokenResponse } from './sessions';
import {
	findUserByTokenHash,
	isBanned,
	markIdentityVerified,
	upsertIdentity,
	type UserRow
} from './users';
import { normaliseEmail, normalisePhone } from './validate';

const EMAIL_TYPES = ['signup', 'invite', 'magiclink', 'recovery', 'email_change', 'email'] as const;
const PHONE_TYPES = ['sms', 'phone_change'] as const;
type EmailType = (typeof EMAIL_TYPES)[number];
type PhoneType = (typeof PHONE_TYPES)[number];
type VerifyType = EmailType | PhoneType;

type TokenColumn =
	'confirmation_token' | 'recovery_token' | 'email_change_token_new' | 'phone_change_token';

/** Which stored token a verification type may match, and the timestamp its expiry runs from. */
const CANDIDATES: Record<VerifyType, { token: TokenColumn; sentAt: keyof UserRow }[]> = {
	signup: [{ token: 'confirmation_token', sentAt: 'confirmation_sent_at' }],
	invite: [{ token: 'confirmation_token', sentAt: 'confirmation_sent_at' }],
	// A magic link to a new address is a sign-up confirmation, so both tokens qualify (as GoTrue).
	magiclink: [
		{ token: 'recovery_token', sentAt: 'recovery_sent_at' },
		{ token: 'confirmation_token', sentAt: 'confirmation_sent_at' }
	],
	recovery: [{ token: 'recovery_token', sentAt: 'recovery_sent_at' }],
	email_change: [{ token: 'email_change_token_new', sentAt: 'email_change_sent_at' }],
	email: [
		{ token: 'confirmation_token', sentAt: 'confirmation_sent_at' },
		{ token: 'recovery_token', sentAt: 'recovery_sent_at' }
	],
	sms: [{ token: 'confirmation_token', sentAt: 'confirmation_sent_at' }],
	phone_change: [{ token: 'phone_change_token', sentAt: 'phone_change_sent_at' }]
};

const METHOD: Record<VerifyType, AuthMethod> = {
	signup: 'otp',
	invite: 'invite',
	magiclink: 'otp',
	recovery: 'recovery',
	email_change: 'email_change',
	email: 'otp',
	sms: 'otp',
	phone_change: 'phone_change'
};

function parseType(raw: string): VerifyType {
	if (
		(EMAIL_TYPES as readonly string[]).includes(raw) ||
		(PHONE_TYPES as readonly string[]).includes(raw)
	) {
		return raw as VerifyType;
	}
	throw validationFailed(`Verify requires a verification type`);
}

interface Match {
	user: UserRow;
	column: TokenColumn;
}

async function findByHash(tx: Tx, type: VerifyType, hash: string): Promise<Match | undefined> {
	for (const c of CANDIDATES[type]) {
		const user = await findUserByTokenHash(tx, c.token, hash);
		if (user) return { user, column: c.token };
	}
	return undefined;
}

/** Applies a verified token: confirms, swaps e-mail/phone, clears the one-time token. */
async function consume(tx: Tx, match: Match, type: VerifyType): Promise<void> {
	const { user, column } = match;
	const id = user.id;
	if (type === 'email_change') {
		await tx.query(
			`update auth.users set email = email_change, email_change = '', email_change_token_new = '',
				email_change_confirm_status = 0, email_confirmed_at = coalesce(email_confirmed_at, now()),
				updated_at = now() where id = $1`,
			[id]
		);
		await upsertIdentity(tx, id, 'email', user.email_change ?? '');
		await markIdentityVerified(tx, id, 'email');
		await clearOneTimeTokens(tx, id, ['email_change_token_new']);
		return;
	}
	if (type === 'phone_change') {
		await tx.query(
			`update auth.users set phone = phone_change, phone_change = '', phone_change_token = '',
				phone_confirmed_at = now(), updated_at = now() where id = $1`,
			[id]
		);
		await upsertIdentity(tx, id, 'phone', user.phone_change ?? '');
		await markIdentityVerified(tx, id, 'phone');
		await clearOneTimeTokens(tx, id, ['phone_change_token']);
		return;
	}
	const confirmColumn = type === 'sms' ? 'phone_confirmed_at' : 'email_confirmed_at';
	await tx.query(
		`update auth.users set ${column} = '', ${confirmColumn} = coalesce(${confirmColumn}, now()),
			updated_at = now() where id = $1`,
		[id]
	);
	await clearOneTimeTokens(tx, id, [column as 'confirmation_token']);
	await markIdentityVerified(tx, id, type === 'sms' ? 'phone' : 'email');
}

function expiryFor(deps: Deps, type: VerifyType): number {
	const auth = deps.ctx.config.auth;
	return (PHONE_TYPES as readonly string[]).includes(type)
		? auth.sms.otpExpiry
		: auth.email.otpExpiry;
}

async function locate(deps: Deps, tx: Tx, body: Record<string, unknown>, type: VerifyType) {
	const tokenHashParam = str(body, 'token_hash').replace(/^pkce_/, '');
	if (tokenHashParam) return findByHash(tx, type, tokenHashParam);
	const token = str(body, 'token');
	const isPhone = (PHONE_TYPES as readonly string[]).includes(type);
	const recipient = isPhone
		? normalisePhone(str(body, 'phone'))
		: normaliseEmail(str(body, 'email'));
	if (!token) throw validationFailed('Verify requires a token or a token hash');
	const hash = tokenHash(recipient, token.trim());
	const match = await findByHash(tx, type, hash);
	if (!match) return undefined;
	// The hash already binds the recipient; this guards against another account's stale column.
	const owner =
		type === 'email_change'
			? match.user.email_change
			: type === 'phone_change'
				? match.user.phone_change
				: isPhone
					? match.user.phone
					: match.user.email?.toLowerCase();
	return owner === recipient ? match : undefined;
}

async function verifyInTx(
	deps: Deps,
	req: LocalRequest,
	body: Record<string, unknown>,
	type: VerifyType,
	pkceRedirect = false
): Promise<{ session?: TokenResponse; authCode?: string } | undefined> {
	return deps.ctx.db.transaction(async (tx) => {
		const match = await locate(deps, tx, body, type);
		const candidate = match && CANDIDATES[type].find((c) => c.token === match.column);
		if (
			!match ||
			!candidate ||
			!fresh(match.user[candidate.sentAt] as Date | null, expiryFor(deps, type))
		) {
			return undefined;
		}
		if (isBanned(match.user)) throw new AuthError(403, 'user_banned', 'User is banned');
		await consume(tx, match, type);
		if (pkceRedirect) {
			const authCode = await issueAuthCode(tx, match.user.id);
			if (authCode) return { authCode };
		}
		return { session: await issueSession(deps.ctx, tx, match.user.id, METHOD[type], meta(req)) };
	});
}

/** Counts failed tries per IP ([auth.rate_limit] token_verifications per 5 minutes). */
async function guarded<T>(
	deps: Deps,
	req: LocalRequest,
	run: () => Promise<T | undefined>
): Promise<T> {
	deps.limits.tokenVerifications.check(req.ip);
	const result = await run();
	if (result === undefined) {
		deps.limits.tokenVerifications.record(req.ip);
		throw otpExpired();
	}
	return result;
}

export const verifyPost: Handler = async (deps, req) => {
	const body = readBody(req);
	const type = parseType(str(body, 'type'));
	const { session } = await guarded(deps, req, () => verifyInTx(deps, req, body, type));
	return { json: session };
};

function fragment(session: TokenResponse, type: string): string {
	return new URLSearchParams({
		access_token: session.access_token,
		expires_at: String(session.expires_at),
		expires_in: String(session.expires_in),
		refresh_token: session.refresh_token,
		token_type: 'bearer',
		type
	}).toString();
}

/** The link in a local e-mail: verifies and redirects like GoTrue (tokens in the fragment, or ?code= for PKCE). */
export const verifyGet: Handler = async (deps, req) => {
	const rawToken = req.query.get('token') ?? '';
	const typeRaw = req.query.get('type') ?? '';
	const redirectTo = redirectTarget(deps.ctx, req.query.get('redirect_to'));
	const redirectError = (description: string) => ({
		status: 303,
		headers: {
			Location: `${redirectTo}#${new URLSearchParams({ error: 'access_denied', error_code: 'otp_expired', error_description: description })}`
		}
	});
	let type: VerifyType;
	try {
		type = parseType(typeRaw);
	} catch {
		return redirectError('Verify requires a verification type');
	}
	const pkce = rawToken.startsWith('pkce_');
	try {
		const { session, authCode } = await guarded(deps, req, () =>
			verifyInTx(deps, req, { token_hash: rawToken }, type, pkce)
		);
		if (authCode) {
			const url = new URL(redirectTo);
			url.searchParams.set('code', authCode);
			return { status: 303, headers: { Location: url.toString() } };
		}
		if (!session) throw otpExpired();
		return { status: 303, headers: { Location: `${redirectTo}#${fragment(session, type)}` } };
	} catch (err) {
		if (err instanceof AuthError) return redirectError('Email link is invalid or has expired');
		throw err;
	}
};
