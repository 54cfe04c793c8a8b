// Sessions, access tokens and rotating refresh tokens, with GoTrue's reuse detection.
import { randomBytes, randomUUID } from 'node:crypto';
import { signJwt } from '../jwt';
import type { ServerContext, Tx } from '../types';
import { badRequest, forbidden } from './errors';
import { findUser, isBanned, userJson, type UserRow } from './users';

export type AuthMethod =
	| 'password'
	| 'otp'
	| 'magiclink'
	| 'email/signup'
	| 'recovery'
	| 'email_change'
	| 'phone_change'
	| 'pkce'
	| 'invite';

export interface TokenResponse extends Record<string, unknown> {
	access_token: string;
	token_type: 'bearer';
	expires_in: number;
	expires_at: number;
	refresh_token: string;
	user: Record<string, unknown>;
}

function newRefreshToken(): string {
	return randomBytes(9).toString('base64url');
}

async function amrOf(tx: Tx, sessionId: string) {
	const { rows } = await tx.query<{ authentication_method: string; updated_at: Date | string }>(
		'select authentication_method, updated_at from auth.mfa_amr_claims where session_id = $1 order by updated_at desc',
		[sessionId]
	);
	return rows.map((r) => ({
		method: r.authentication_method,
		timestamp: Math.floor(new Date(r.updated_at).getTime() / 1000)
	}));
}

export async function accessToken(
	ctx: ServerContext,
	tx: Tx,
	user: UserRow,
	sessionId: string
): Promise<{ token: string; expiresAt: number }> {
	const iat = Math.floor(Date.now() / 1000);
	const exp = iat + ctx.config.auth.jwtExpiry;
	const claims = {
		aud: user.aud || 'authenticated',
		exp,
		iat,
		iss: `${ctx.apiUrl}/auth/v1`,
		sub: user.id,
		email: user.email ?? '',
		phone: user.phone ?? '',
		app_metadata: user.raw_app_meta_data ?? {},
		user_metadata: user.raw_user_meta_data ?? {},
		role: user.role || 'authenticated',
		aal: 'aal1',
		amr: await amrOf(tx, sessionId),
		session_id: sessionId,
		is_anonymous: user.is_anonymous
	};
	return { token: signJwt(claims, ctx.keys.jwtSecret), expiresAt: exp };
}

async function tokenResponse(
	ctx: ServerContext,
	tx: Tx,
	user: UserRow,
	sessionId: string,
	refreshToken: string
): Promise<TokenResponse> {
	const { token, expiresAt } = await accessToken(ctx, tx, user, sessionId);
	return {
		access_token: token,
		token_type: 'bearer',
		expires_in: ctx.config.auth.jwtExpiry,
		expires_at: expiresAt,
		refresh_token: refreshToken,
		user: await userJson(tx, user)
	};
}

/** A new session for a signed-in user (GoTrue's issueRefreshToken). */
export async function issueSession(
	ctx: ServerContext,
	tx: Tx,
	userId: string,
	method: AuthMethod,
	meta: { userAgent?: string; ip?: string } = {}
): Promise<TokenResponse> {
	await tx.query(
		'update auth.users set last_sign_in_at = now(), updated_at = now() where id = $1',
		[userId]
	);
	const user = await findUser(tx, 'id', userId);
	if (!user) throw new Error('user not found while issuing session');
	const sessionId = randomUUID();
	await tx.query(
		`insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
		values ($1, $2, now(), now(), 'aal1', $3, $4::inet)`,
		[sessionId, userId, meta.userAgent ?? null, validIp(meta.ip)]
	);
	await tx.query(
		`insert into auth.mfa_amr_claims (session_id, created_at, updated_at, authentication_method, id)
		values ($1, now(), now(), $2, $3)`,
		[sessionId, method, randomUUID()]
	);
	const refresh = newRefreshToken();
	await tx.query(
		`insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at,
			parent, session_id)
		values ('00000000-0000-0000-0000-000000000000', $1, $2, false, now(), now(), null, $3)`,
		[refresh, userId, sessionId]
	);
	return tokenResponse(ctx, tx, user, sessionId, refresh);
}

function validIp(ip: string | undefined): string | null {
	if (!ip) return null;
	const bare = ip.replace(/^::ffff:/, '');
	return /^[\d.]+$/.test(bare) || /^[0-9a-f:]+$/i.test(bare) ? bare : null;
}

interface RefreshRow {
	id: string;
	token: string;
	user_id: string;
	revoked: boolean;
	updated_at: Date | string;
	parent: string | null;
	session_id: string | null;
}

const notFound = () =>
	badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');

/** grant_type=refresh_token, following GoTrue's RefreshTokenGrant. */
export async function refreshSession(
	ctx: ServerContext,
	tx: Tx,
	token: string
): Promise<TokenResponse | { reuse: true }> {
	const { rows } = await tx.query<RefreshRow>(
		'select * from auth.refresh_tokens where token = $1 for update',
		[token]
	);
	const row = rows[0];
	if (!row || !row.session_id) throw notFound();
	const { rows: sessions } = await tx.query('select id from auth.sessions where id = $1', [
		row.session_id
	]);
	if (sessions.length === 0) throw notFound();
	const user = await findUser(tx, 'id', row.user_id);
	if (!user) throw notFound();
	if (isBanned(user)) throw badRequest('user_banned', 'Invalid Refresh Token: User Banned');

	let issued: string | undefined;
	if (row.revoked) {
		const { rows: active } = await tx.query<RefreshRow>(
			`select * from auth.refresh_tokens where session_id = $1 and revoked = false
			order by id desc limit 1`,
			[row.session_id]
		);
		const current = active[0];
		const reuseUntil =
			new Date(row.updated_at).getTime() + ctx.config.auth.refreshTokenReuseInterval * 1000;
		if (current && current.parent === row.token) {
			// The client lost the answer to its last refresh: hand back the token it missed.
			issued = current.token;
		} else if (Date.now() > reuseUntil) {
			if (ctx.config.auth.enableRefreshTokenRotation) {
				await tx.query(
					'update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = $1 and revoked = false',
					[row.session_id]
				);
			}
			return { reuse: true };
		}
	}
	if (!issued) {
		issued = newRefreshToken();
		await tx.query(
			'update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1',
			[row.id]
		);
		await tx.query(
			`insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at,
				updated_at, parent, session_id)
			values ('00000000-0000-0000-0000-000000000000', $1, $2, false, now(), now(), $3, $4)`,
			[issued, row.user_id, row.token, row.session_id]
		);
	}
	await tx.query(
		'update auth.sessions set refreshed_at = now()::timestamp, updated_at = now() where id = $1',
		[row.session_id]
	);
	return tokenResponse(ctx, tx, user, row.session_id, issued);
}

export const alreadyUsed = () =>
	badRequest('refresh_token_already_used', 'Invalid Refresh Token: Already Used');

export const sessionMissing = () =>
	forbidden('session_not_found', 'Session from session_id claim in JWT does not exist');
