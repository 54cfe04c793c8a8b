// auth.users and auth.identities: rows in, GoTrue's user JSON out.
import { randomUUID } from 'node:crypto';
import type { Tx } from '../types';

export interface UserRow {
	id: string;
	aud: string | null;
	role: string | null;
	email: string | null;
	encrypted_password: string | null;
	email_confirmed_at: Date | string | null;
	phone: string | null;
	phone_confirmed_at: Date | string | null;
	confirmation_token: string | null;
	confirmation_sent_at: Date | string | null;
	recovery_token: string | null;
	recovery_sent_at: Date | string | null;
	email_change: string | null;
	email_change_token_new: string | null;
	email_change_sent_at: Date | string | null;
	email_change_token_current: string | null;
	email_change_confirm_status: number | null;
	reauthentication_token: string | null;
	reauthentication_sent_at: Date | string | null;
	phone_change: string | null;
	phone_change_token: string | null;
	phone_change_sent_at: Date | string | null;
	invited_at: Date | string | null;
	last_sign_in_at: Date | string | null;
	raw_app_meta_data: Record<string, unknown> | null;
	raw_user_meta_data: Record<string, unknown> | null;
	created_at: Date | string | null;
	updated_at: Date | string | null;
	confirmed_at: Date | string | null;
	banned_until: Date | string | null;
	deleted_at: Date | string | null;
	is_anonymous: boolean;
}

interface IdentityRow {
	id: string;
	provider_id: string;
	user_id: string;
	identity_data: Record<string, unknown>;
	provider: string;
	last_sign_in_at: Date | string | null;
	created_at: Date | string | null;
	updated_at: Date | string | null;
	email: string | null;
}

export function iso(value: Date | string | null | undefined): string | undefined {
	if (value === null || value === undefined) return undefined;
	return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

export function isBanned(user: UserRow): boolean {
	return user.banned_until !== null && new Date(user.banned_until).getTime() > Date.now();
}

export async function findUser(
	tx: Tx,
	by: 'id' | 'email' | 'phone',
	value: string,
	lock = false
): Promise<UserRow | undefined> {
	const column = by === 'email' ? 'lower(email)' : by;
	const { rows } = await tx.query<UserRow>(
		`select * from auth.users where ${column} = $1 and deleted_at is null${lock ? ' for update' : ''}`,
		[by === 'email' ? value.toLowerCase() : value]
	);
	return rows[0];
}

export async function findUserByTokenHash(
	tx: Tx,
	column:
		| 'confirmation_token'
		| 'recovery_token'
		| 'email_change_token_new'
		| 'email_change_token_current'
		| 'phone_change_token',
	hash: string
): Promise<UserRow | undefined> {
	const { rows } = await tx.query<UserRow>(
		`select * from auth.users where ${column} = $1 and deleted_at is null for update`,
		[hash]
	);
	return rows[0];
}

export interface NewUser {
	id?: string;
	email?: string;
	phone?: string;
	passwordHash?: string;
	userMetadata?: Record<string, unknown>;
	appMetadata?: Record<string, unknown>;
	emailConfirmed?: boolean;
	phoneConfirmed?: boolean;
	role?: string;
	bannedUntil?: Date | null;
}

/** GoTrue records in identity_data whether the address or number has been proven. */
export async function markIdentityVerified(tx: Tx, userId: string, provider: 'email' | 'phone') {
	await tx.query(
		`update auth.identities set identity_data = identity_data || jsonb_build_object($3::text, true),
			updated_at = now()
		where user_id = $1 and provider = $2`,
		[userId, provider, `${provider}_verified`]
	);
}

/** A plain INSERT, so triggers on auth.users (profiles) fire as on Supabase. */
export async function createUser(tx: Tx, input: NewUser): Promise<UserRow> {
	const id = input.id ?? randomUUID();
	const provider = input.email ? 'email' : 'phone';
	const appMeta = { provider, providers: [provider], ...input.appMetadata };
	await tx.query(
		`insert into auth.users (instance_id, id, aud, role, email, phone, encrypted_password,
			email_confirmed_at, phone_confirmed_at, raw_app_meta_data, raw_user_meta_data,
			is_super_admin, created_at, updated_at, confirmation_token, recovery_token,
			email_change_token_new, email_change, banned_until, is_anonymous)
		values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', $2, $3, $4, $5,
			case when $6::boolean then now() end, case when $7::boolean then now() end,
			$8::jsonb, $9::jsonb, false, now(), now(), '', '', '', '', $10, false)`,
		[
			id,
			input.role ?? 'authenticated',
			input.email ?? null,
			input.phone ?? null,
			input.passwordHash ?? '',
			Boolean(input.emailConfirmed && input.email),
			Boolean(input.phoneConfirmed && input.phone),
			JSON.stringify(appMeta),
			JSON.stringify(input.userMetadata ?? {}),
			input.bannedUntil ?? null
		]
	);
	await upsertIdentity(tx, id, provider, input.email ?? input.phone ?? '');
	if (provider === 'email' ? input.emailConfirmed : input.phoneConfirmed) {
		await markIdentityVerified(tx, id, provider);
	}
	const user = await findUser(tx, 'id', id);
	if (!user) throw new Error('user vanished after insert');
	return user;
}

/** The email/phone identity GoTrue keeps next to each user (provider_id = user id). */
export async function upsertIdentity(
	tx: Tx,
	userId: string,
	provider: 'email' | 'phone',
	value: string
): Promise<void> {
	const data: Record<string, unknown> = {
		sub: userId,
		[provider]: value,
		email_verified: false,
		phone_verified: false
	};
	await tx.query(
		`insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at,
			created_at, updated_at)
		values ($1, $4::uuid, $2::jsonb, $3, now(), now(), now())
		on conflict (provider_id, provider) do update set identity_data = excluded.identity_data,
			updated_at = now()`,
		[userId, JSON.stringify(data), provider, userId]
	);
	await tx.query(
		`update auth.users set raw_app_meta_data = jsonb_set(coalesce(raw_app_meta_data, '{}'),
			'{providers}', (select coalesce(jsonb_agg(distinct p), '[]') from (
				select jsonb_array_elements_text(coalesce(raw_app_meta_data -> 'providers', '[]')) p
				union select $2) x))
		where id = $1`,
		[userId, provider]
	);
}

function identityJson(row: IdentityRow) {
	return {
		identity_id: row.id,
		id: row.provider_id,
		user_id: row.user_id,
		identity_data: row.identity_data,
		provider: row.provider,
		last_sign_in_at: iso(row.last_sign_in_at),
		created_at: iso(row.created_at),
		updated_at: iso(row.updated_at),
		email: row.email ?? undefined
	};
}

export async function userJson(tx: Tx, user: UserRow): Promise<Record<string, unknown>> {
	const { rows } = await tx.query<IdentityRow>(
		'select * from auth.identities where user_id = $1 order by created_at',
		[user.id]
	);
	return {
		id: user.id,
		aud: user.aud ?? '',
		role: user.role ?? '',
		email: user.email ?? '',
		email_confirmed_at: iso(user.email_confirmed_at),
		phone: user.phone ?? '',
		phone_confirmed_at: iso(user.phone_confirmed_at),
		confirmation_sent_at: iso(user.confirmation_sent_at),
		confirmed_at: iso(user.confirmed_at),
		recovery_sent_at: iso(user.recovery_sent_at),
		new_email: user.email_change || undefined,
		email_change_sent_at: iso(user.email_change_sent_at),
		new_phone: user.phone_change || undefined,
		phone_change_sent_at: iso(user.phone_change_sent_at),
		invited_at: iso(user.invited_at),
		last_sign_in_at: iso(user.last_sign_in_at),
		app_metadata: user.raw_app_meta_data ?? {},
		user_metadata: user.raw_user_meta_data ?? {},
		identities: rows.map(identityJson),
		created_at: iso(user.created_at),
		updated_at: iso(user.updated_at),
		banned_until: iso(user.banned_until),
		is_anonymous: user.is_anonymous
	};
}

/** GoTrue merges metadata updates key by key; a null value removes the key. */
export function mergeMetadata(
	current: Record<string, unknown> | null,
	patch: Record<string, unknown>
): Record<string, unknown> {
	const next: Record<string, unknown> = { ...(current ?? {}) };
	for (const [key, value] of Object.entries(patch)) {
		if (value === null) delete next[key];
		else next[key] = value;
	}
	return next;
}
