// /admin/users[/:id] and /admin/generate_link, for the service_role key only.
import bcrypt from 'bcryptjs';
import type { LocalRequest, Tx } from '../types';
import { AuthError, forbidden, notFound, unprocessable, validationFailed } from './errors';
import type { Deps, Handler, HandlerResult } from './deps';
import { sendEmailOtp, type EmailOtpKind } from './otp';
import { bearerClaims, obj, readBody, redirectTarget, str, type Body } from './request';
import { BCRYPT_COST, checkPassword } from './signup';
import { updatePassword } from './user';
import {
	createUser,
	findUser,
	mergeMetadata,
	upsertIdentity,
	userJson,
	type UserRow
} from './users';
import { normaliseEmail, normalisePhone, parseGoDuration } from './validate';

const ADMIN_ROLES = ['service_role', 'supabase_admin'];

function requireAdmin(deps: Deps, req: LocalRequest): void {
	const claims = bearerClaims(deps.ctx, req);
	if (!ADMIN_ROLES.includes(String(claims.role))) throw forbidden('not_admin', 'User not allowed');
}

const userNotFound = () => notFound('user_not_found', 'User not found');

function banUntil(body: Body): Date | null | undefined {
	const duration = str(body, 'ban_duration');
	if (!duration) return undefined;
	if (duration === 'none') return null;
	return new Date(Date.now() + parseGoDuration(duration));
}

async function assertFree(tx: Tx, by: 'email' | 'phone', value: string, self?: string) {
	const other = await findUser(tx, by, value);
	if (other && other.id !== self) {
		throw by === 'email'
			? unprocessable('email_exists', 'A user with this email address has already been registered')
			: unprocessable('phone_exists', 'A user with this phone number has already been registered');
	}
}

async function createAdminUser(deps: Deps, body: Body): Promise<HandlerResult> {
	const email = str(body, 'email') ? normaliseEmail(str(body, 'email')) : '';
	const phone = str(body, 'phone') ? normalisePhone(str(body, 'phone')) : '';
	if (!email && !phone) {
		throw validationFailed('Cannot create a user without either an email or phone');
	}
	const password = str(body, 'password');
	if (password) checkPassword(deps, password);
	const passwordHash = password ? await bcrypt.hash(password, BCRYPT_COST) : '';
	const requestedId = str(body, 'id');
	if (
		requestedId &&
		!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(requestedId)
	) {
		throw validationFailed('Invalid user id: must be a UUID');
	}
	return deps.ctx.db.transaction(async (tx) => {
		if (email) await assertFree(tx, 'email', email);
		if (phone) await assertFree(tx, 'phone', phone);
		const providers = [email && 'email', phone && 'phone'].filter(Boolean);
		const user = await createUser(tx, {
			id: requestedId || undefined,
			email: email || undefined,
			phone: phone || undefined,
			passwordHash,
			userMetadata: obj(body, 'user_metadata') ?? obj(body, 'data') ?? {},
			appMetadata: { ...obj(body, 'app_metadata'), provider: providers[0], providers },
			emailConfirmed: body.email_confirm === true,
			phoneConfirmed: body.phone_confirm === true,
			role: str(body, 'role') || undefined,
			bannedUntil: banUntil(body) ?? null
		});
		if (email && phone) await upsertIdentity(tx, user.id, 'phone', phone);
		const fresh = (await findUser(tx, 'id', user.id)) as UserRow;
		return { json: await userJson(tx, fresh) };
	});
}

async function listUsers(deps: Deps, req: LocalRequest): Promise<HandlerResult> {
	const page = Math.max(1, Number(req.query.get('page') ?? 1) || 1);
	const perPage = Math.min(1000, Math.max(1, Number(req.query.get('per_page') ?? 50) || 50));
	return deps.ctx.db.transaction(async (tx) => {
		const { rows: total } = await tx.query<{ n: number }>(
			'select count(*)::int as n from auth.users where deleted_at is null'
		);
		const count = total[0]?.n ?? 0;
		const { rows } = await tx.query<UserRow>(
			`select * from auth.users where deleted_at is null order by created_at desc, id
			limit $1 offset $2`,
			[perPage, (page - 1) * perPage]
		);
		const users = [];
		for (const row of rows) users.push(await userJson(tx, row));
		const last = Math.max(1, Math.ceil(count / perPage));
		const base = `${deps.ctx.apiUrl}/auth/v1/admin/users`;
		const links = [];
		if (page < last) links.push(`<${base}?page=${page + 1}&per_page=${perPage}>; rel="next"`);
		links.push(`<${base}?page=${last}&per_page=${perPage}>; rel="last"`);
		return {
			json: { users, aud: 'authenticated' },
			headers: { 'X-Total-Count': String(count), Link: links.join(', ') }
		};
	});
}

async function updateAdminUser(deps: Deps, id: string, body: Body): Promise<HandlerResult> {
	const password = str(body, 'password');
	if (password) checkPassword(deps, password);
	const passwordHash = password ? await bcrypt.hash(password, BCRYPT_COST) : undefined;
	return deps.ctx.db.transaction(async (tx) => {
		const user = await findUser(tx, 'id', id, true);
		if (!user) throw userNotFound();
		const sets: string[] = [];
		const params: unknown[] = [id];
		const set = (sql: string, value: unknown) => {
			params.push(value);
			sets.push(sql.replace('?', `$${params.length}`));
		};
		if (str(body, 'email')) {
			const email = normaliseEmail(str(body, 'email'));
			await assertFree(tx, 'email', email, id);
			set('email = ?', email);
			await upsertIdentity(tx, id, 'email', email);
		}
		if (str(body, 'phone')) {
			const phone = normalisePhone(str(body, 'phone'));
			await assertFree(tx, 'phone', phone, id);
			set('phone = ?', phone);
			await upsertIdentity(tx, id, 'phone', phone);
		}
		if (body.email_confirm === true)
			sets.push('email_confirmed_at = coalesce(email_confirmed_at, now())');
		if (body.email_confirm === false) sets.push('email_confirmed_at = null');
		if (body.phone_confirm === true)
			sets.push('phone_confirmed_at = coalesce(phone_confirmed_at, now())');
		if (body.phone_confirm === false) sets.push('phone_confirmed_at = null');
		const userMeta = obj(body, 'user_metadata') ?? obj(body, 'data');
		if (userMeta)
			set(
				'raw_user_meta_data = ?::jsonb',
				JSON.stringify(mergeMetadata(user.raw_user_meta_data, userMeta))
			);
		const appMeta = obj(body, 'app_metadata');
		if (appMeta) {
			// Re-read: identity upserts above may have changed `providers`.
			const current = (await findUser(tx, 'id', id))?.raw_app_meta_data ?? null;
			set('raw_app_meta_data = ?::jsonb', JSON.stringify(mergeMetadata(current, appMeta)));
		}
		if (str(body, 'role')) set('role = ?', str(body, 'role'));
		const ban = banUntil(body);
		if (ban !== undefined) set('banned_until = ?', ban);
		if (sets.length > 0) {
			await tx.query(
				`update auth.users set ${sets.join(', ')}, updated_at = now() where id = $1`,
				params
			);
		}
		// GoTrue's admin path: a new password ends every session and clears pending codes.
		if (passwordHash) await updatePassword(tx, id, passwordHash, undefined);
		if (str(body, 'email') || str(body, 'phone')) {
			// GoTrue's ClearAllPendingTokens: codes sent to the old address must not work any more.
			await tx.query(
				`update auth.users set confirmation_token = '', recovery_token = '',
					email_change_token_current = '', email_change_token_new = '',
					phone_change_token = '', reauthentication_token = '' where id = $1`,
				[id]
			);
			await tx.query('delete from auth.one_time_tokens where user_id = $1', [id]);
		}
		// Disabling an account ends its sessions (and so its refresh tokens) at once, so lifting the
		// ban later does not revive a session someone else may hold: the person signs in again.
		if (ban instanceof Date && ban.getTime() > Date.now()) {
			await tx.query('delete from auth.sessions where user_id = $1', [id]);
		}
		const fresh = (await findUser(tx, 'id', id)) as UserRow;
		return { json: await userJson(tx, fresh) };
	});
}

async function deleteAdminUser(deps: Deps, id: string, body: Body): Promise<HandlerResult> {
	return deps.ctx.db.transaction(async (tx) => {
		const user = await findUser(tx, 'id', id);
		if (!user) throw userNotFound();
		const json = await userJson(tx, user);
		if (body.should_soft_delete === true) {
			// GoTrue's soft delete: keep the row, free the e-mail and phone, end every session.
			await tx.query(
				`update auth.users set deleted_at = now(), email = null, phone = null,
					encrypted_password = '', raw_user_meta_data = '{}'::jsonb, updated_at = now()
				where id = $1`,
				[id]
			);
			await tx.query('delete from auth.identities where user_id = $1', [id]);
			await tx.query('delete from auth.sessions where user_id = $1', [id]);
		} else {
			await tx.query('delete from auth.users where id = $1', [id]);
		}
		return { json };
	});
}

const LINK_KINDS: Record<string, EmailOtpKind> = {
	signup: 'signup',
	invite: 'invite',
	magiclink: 'magiclink',
	recovery: 'recovery'
};

/** Like GoTrue: returns the link and code without sending anything. */
async function generateLink(deps: Deps, req: LocalRequest, body: Body): Promise<HandlerResult> {
	const type = str(body, 'type');
	const kind = LINK_KINDS[type];
	if (!kind)
		throw validationFailed(`Invalid link type: ${type} is not supported by the local server`);
	const email = normaliseEmail(str(body, 'email'));
	const redirectTo = redirectTarget(
		deps.ctx,
		str(body, 'redirect_to') || req.query.get('redirect_to'),
		req
	);
	const password = str(body, 'password');
	if (kind === 'signup' && password) checkPassword(deps, password);
	const passwordHash = password ? await bcrypt.hash(password, BCRYPT_COST) : '';
	return deps.ctx.db.transaction(async (tx) => {
		let user = await findUser(tx, 'email', email, true);
		if (!user) {
			if (kind === 'magiclink' || kind === 'recovery') throw userNotFound();
			user = await createUser(tx, { email, passwordHash, userMetadata: obj(body, 'data') ?? {} });
			if (kind === 'invite') {
				await tx.query('update auth.users set invited_at = now() where id = $1', [user.id]);
			}
		} else if (kind === 'signup' || kind === 'invite') {
			throw unprocessable(
				'email_exists',
				'A user with this email address has already been registered'
			);
		}
		const sent = await sendEmailOtp(deps.ctx, tx, user, email, kind, {
			redirectTo,
			checkFrequency: false,
			deliver: false
		});
		const fresh = (await findUser(tx, 'id', user.id)) as UserRow;
		return {
			json: {
				...(await userJson(tx, fresh)),
				action_link: sent.link,
				email_otp: sent.code,
				hashed_token: sent.hash,
				redirect_to: redirectTo,
				verification_type: kind
			}
		};
	});
}

export const admin: Handler = async (deps, req) => {
	requireAdmin(deps, req);
	const parts = req.path.split('/').filter(Boolean); // ['admin', 'users', id?]
	const body = req.method === 'GET' ? {} : readBody(req);
	if (parts[1] === 'generate_link' && req.method === 'POST') return generateLink(deps, req, body);
	if (parts[1] !== 'users' || parts.length > 3) {
		throw notFound('not_found', `${req.method} ${req.path} is not supported by the local server`);
	}
	const id = parts[2];
	if (!id) {
		if (req.method === 'GET') return listUsers(deps, req);
		if (req.method === 'POST') return createAdminUser(deps, body);
	} else {
		if (!/^[0-9a-f-]{36}$/i.test(id)) throw userNotFound();
		if (req.method === 'GET') {
			return deps.ctx.db.transaction(async (tx) => {
				const user = await findUser(tx, 'id', id);
				if (!user) throw userNotFound();
				return { json: await userJson(tx, user) };
			});
		}
		if (req.method === 'PUT') return updateAdminUser(deps, id, body);
		if (req.method === 'DELETE') return deleteAdminUser(deps, id, body);
	}
	throw new AuthError(405, 'method_not_allowed', `${req.method} not allowed on ${req.path}`);
};
