// POST /verify (code or token_hash → session) and GET /verify (e-mail links → redirect).
import type { LocalRequest, Tx } from '../types';
import { AuthError, otpExpired, validationFailed } from './errors';
import { addr, meta, type Deps, type Handler } from './deps';
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
	| 'confirmation_token'
	| 'recovery_token'
	| 'email_change_token_new'
	| 'email_change_token_current'
	| 'phone_change_token';

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
	// With double_confirm_changes the current address gets a code too (GoTrue's secure change).
	email_change: [
		{ token: 'email_change_token_new', sentAt: 'email_change_sent_at' },
		{ token: 'email_change_token_current', sentAt: 'email_change_sent_at' }
	],
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
	// Used columns hold '' once consumed: an empty hash must never match them.
	if (!hash) return undefined;
	for (const c of CANDIDATES[type]) {
		const user = await findUserByTokenHash(tx, c.token, hash);
		if (user) return { user, column: c.token };
	}
	return undefined;
}

/** GoTrue's answer when the first of two e-mail change confirmations arrives. */
export const SINGLE_CONFIRMATION =
	'Confirmation link accepted. Please proceed to confirm link sent to the other email';

/**
 * Applies a verified token: confirms, swaps e-mail/phone, clears the one-time token. Returns
 * 'pending' when an e-mail change still waits for the other address (double_confirm_changes).
 */
async function consume(
	deps: Deps,
	tx: Tx,
	match: Match,
	type: VerifyType
): Promise<'done' | 'pending'> {
	const { user, column } = match;
	const id = user.id;
	if (type === 'email_change') {
		const other =
			column === 'email_change_token_new'
				? user.email_change_token_current
				: user.email_change_token_new;
		if (
			deps.ctx.config.auth.email.doubleConfirmChanges &&
			(user.email_change_confirm_status ?? 0) === 0 &&
			other
		) {
			// `column` is one of the two e-mail change columns, never user input.
			await tx.query(
				`update auth.users set ${column} = '', email_change_confirm_status = 1, updated_at = now()
				where id = $1`,
				[id]
			);
			await clearOneTimeTokens(tx, id, [column as 'email_change_token_new']);
			return 'pending';
		}
		await tx.query(
			`update auth.users set email = email_change, email_change = '', email_change_token_new = '',
				email_change_token_current = '', email_change_confirm_status = 0,
				email_confirmed_at = coalesce(email_confirmed_at, now()), updated_at = now()
			where id = $1`,
			[id]
		);
		await upsertIdentity(tx, id, 'email', user.email_change ?? '');
		await markIdentityVerified(tx, id, 'email');
		await clearOneTimeTokens(tx, id, ['email_change_token_new', 'email_change_token_current']);
		return 'done';
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
		return 'done';
	}
	const confirmColumn = type === 'sms' ? 'phone_confirmed_at' : 'email_confirmed_at';
	await tx.query(
		`update auth.users set ${column} = '', ${confirmColumn} = coalesce(${confirmColumn}, now()),
			updated_at = now() where id = $1`,
		[id]
	);
	await clearOneTimeTokens(tx, id, [column as 'confirmation_token']);
	await markIdentityVerified(tx, id, type === 'sms' ? 'phone' : 'email');
	return 'done';
}

function expiryFor(deps: Deps, type: VerifyType): number {
	const auth = deps.ctx.config.auth;
	return (PHONE_TYPES as readonly string[]).includes(type)
		? auth.sms.otpExpiry
		: auth.email.otpExpiry;
}

/** The phone number or address a typed code was sent to; none for a token_hash (a link). */
function recipientOf(body: Record<string, unknown>, type: VerifyType): string | null {
	if (str(body, 'token_hash')) return null;
	if (!str(body, 'token')) throw validationFailed('Verify requires a token or a token hash');
	return (PHONE_TYPES as readonly string[]).includes(type)
		? normalisePhone(str(body, 'phone'))
		: normaliseEmail(str(body, 'email'));
}

async function locate(
	tx: Tx,
	body: Record<string, unknown>,
	type: VerifyType,
	recipient: string | null
) {
	if (recipient === null) {
		return findByHash(tx, type, str(body, 'token_hash').replace(/^pkce_/, ''));
	}
	const hash = tokenHash(recipient, str(body, 'token').trim());
	const match = await findByHash(tx, type, hash);
	if (!match) return undefined;
	// The hash already binds the recipient; this guards against another account's stale column.
	const owners: Record<TokenColumn, string | null | undefined> = {
		email_change_token_new: match.user.email_change,
		email_change_token_current: match.user.email?.toLowerCase(),
		phone_change_token: match.user.phone_change,
		confirmation_token: type === 'sms' ? match.user.phone : match.user.email?.toLowerCase(),
		recovery_token: match.user.email?.toLowerCase()
	};
	return owners[match.column] === recipient ? match : undefined;
}

type Outcome = { session?: TokenResponse; authCode?: string; pending?: true };

async function verifyInTx(
	deps: Deps,
	req: LocalRequest,
	body: Record<string, unknown>,
	type: VerifyType,
	recipient: string | null,
	pkceRedirect = false
): Promise<Outcome | undefined> {
	return deps.ctx.db.transaction(async (tx) => {
		const match = await locate(tx, body, type, recipient);
		const candidate = match && CANDIDATES[type].find((c) => c.token === match.column);
		if (
			!match ||
			!candidate ||
			!fresh(match.user[candidate.sentAt] as Date | null, expiryFor(deps, type))
		) {
			return undefined;
		}
		if (isBanned(match.user)) throw new AuthError(403, 'user_banned', 'User is banned');
		if ((await consume(deps, tx, match, type)) === 'pending') return { pending: true };
		if (pkceRedirect) {
			const authCode = await issueAuthCode(tx, match.user.id);
			if (authCode) return { authCode };
		}
		const session = await issueSession(deps.ctx, tx, match.user.id, METHOD[type], meta(deps, req));
		return { session };
	});
}

/** After the last wrong try a code allows, it is void in the database too (not only here). */
async function voidCodes(deps: Deps, recipient: string): Promise<void> {
	await deps.ctx.db.transaction(async (tx) => {
		await tx.query(
			`update auth.users set confirmation_token = '', recovery_token = '',
				reauthentication_token = '' where phone = $1 or lower(email) = $1`,
			[recipient]
		);
		await tx.query(`update auth.users set phone_change_token = '' where phone_change = $1`, [
			recipient
		]);
		await tx.query(
			`update auth.users set email_change_token_new = '' where lower(email_change) = $1`,
			[recipient]
		);
		await tx.query(
			`update auth.users set email_change_token_current = '' where lower(email) = $1`,
			[recipient]
		);
		await tx.query('delete from auth.one_time_tokens where relates_to = $1', [recipient]);
	});
}

/**
 * GoTrue's per-address limit ([auth.rate_limit] token_verifications per 5 minutes, every
 * request counts), then this server's per-code limit: a typed code gets `maxAttempts` wrong tries,
 * counted before the comparison so concurrent guesses cannot exceed it.
 */
export async function guardedCode<T>(
	deps: Deps,
	recipient: string | null,
	run: () => Promise<T | undefined>,
	voidOnLimit: (recipient: string) => Promise<void> = (r) => voidCodes(deps, r)
): Promise<T> {
	const attempt = recipient === null ? null : deps.limits.codeAttempts.begin(recipient);
	const result = await run();
	if (result === undefined) {
		if (recipient !== null && attempt?.voidNow()) await voidOnLimit(recipient);
		throw otpExpired();
	}
	attempt?.succeeded();
	return result;
}

async function guarded<T>(
	deps: Deps,
	req: LocalRequest,
	recipient: string | null,
	run: () => Promise<T | undefined>
): Promise<T> {
	deps.limits.tokenVerifications.take(addr(deps, req));
	return guardedCode(deps, recipient, run);
}

export const verifyPost: Handler = async (deps, req) => {
	const body = readBody(req);
	const type = parseType(str(body, 'type'));
	const recipient = recipientOf(body, type);
	const outcome = await guarded(deps, req, recipient, () =>
		verifyInTx(deps, req, body, type, recipient)
	);
	if (outcome.pending) return { json: { msg: SINGLE_CONFIRMATION, code: 200 } };
	return { json: outcome.session };
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
	const redirectTo = redirectTarget(deps.ctx, req.query.get('redirect_to'), req);
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
		const { session, authCode, pending } = await guarded(deps, req, null, () =>
			verifyInTx(deps, req, { token_hash: rawToken }, type, null, pkce)
		);
		if (pending) {
			const message = new URLSearchParams({ message: SINGLE_CONFIRMATION });
			return { status: 303, headers: { Location: `${redirectTo}#${message}` } };
		}
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
