-- Supabase Auth (GoTrue) objects in schema `auth`, and the local outbox in `_local`.
-- Column names follow GoTrue's migrations so app migrations (triggers on auth.users, FKs to
-- auth.users(id)) behave as on a real project. Idempotent: safe to run on every boot.
-- Runs after 00-roles.sql, which creates the roles and the empty `auth` schema.

create schema if not exists auth;
create schema if not exists _local;

do $$
begin
	if not exists (select 1 from pg_type t join pg_namespace n on n.oid = t.typnamespace
			where n.nspname = 'auth' and t.typname = 'aal_level') then
		create type auth.aal_level as enum ('aal1', 'aal2', 'aal3');
	end if;
	if not exists (select 1 from pg_type t join pg_namespace n on n.oid = t.typnamespace
			where n.nspname = 'auth' and t.typname = 'code_challenge_method') then
		create type auth.code_challenge_method as enum ('s256', 'plain');
	end if;
	if not exists (select 1 from pg_type t join pg_namespace n on n.oid = t.typnamespace
			where n.nspname = 'auth' and t.typname = 'one_time_token_type') then
		create type auth.one_time_token_type as enum (
			'confirmation_token', 'reauthentication_token', 'recovery_token',
			'email_change_token_new', 'email_change_token_current', 'phone_change_token');
	end if;
end
$$;

create table if not exists auth.users (
	instance_id uuid,
	id uuid not null primary key,
	aud varchar(255),
	role varchar(255),
	email varchar(255),
	encrypted_password varchar(255),
	email_confirmed_at timestamptz,
	invited_at timestamptz,
	confirmation_token varchar(255),
	confirmation_sent_at timestamptz,
	recovery_token varchar(255),
	recovery_sent_at timestamptz,
	email_change_token_new varchar(255),
	email_change varchar(255),
	email_change_sent_at timestamptz,
	last_sign_in_at timestamptz,
	raw_app_meta_data jsonb,
	raw_user_meta_data jsonb,
	is_super_admin boolean,
	created_at timestamptz,
	updated_at timestamptz,
	phone text unique default null,
	phone_confirmed_at timestamptz,
	phone_change text default '',
	phone_change_token varchar(255) default '',
	phone_change_sent_at timestamptz,
	confirmed_at timestamptz generated always as (least(email_confirmed_at, phone_confirmed_at)) stored,
	email_change_token_current varchar(255) default '',
	email_change_confirm_status smallint default 0
		check (email_change_confirm_status >= 0 and email_change_confirm_status <= 2),
	banned_until timestamptz,
	reauthentication_token varchar(255) default '',
	reauthentication_sent_at timestamptz,
	is_sso_user boolean not null default false,
	deleted_at timestamptz,
	is_anonymous boolean not null default false
);
create unique index if not exists users_email_partial_key on auth.users (email) where (is_sso_user = false);
create index if not exists users_instance_id_email_idx on auth.users (instance_id, lower(email));
create index if not exists users_is_anonymous_idx on auth.users (is_anonymous);
comment on table auth.users is 'Auth: Stores user login data within a secure schema.';

create table if not exists auth.identities (
	provider_id text not null,
	user_id uuid not null references auth.users (id) on delete cascade,
	identity_data jsonb not null,
	provider text not null,
	last_sign_in_at timestamptz,
	created_at timestamptz,
	updated_at timestamptz,
	email text generated always as (lower(identity_data ->> 'email')) stored,
	id uuid not null default gen_random_uuid() primary key,
	constraint identities_provider_id_provider_unique unique (provider_id, provider)
);
create index if not exists identities_user_id_idx on auth.identities (user_id);

create table if not exists auth.sessions (
	id uuid not null primary key,
	user_id uuid not null references auth.users (id) on delete cascade,
	created_at timestamptz,
	updated_at timestamptz,
	factor_id uuid,
	aal auth.aal_level,
	not_after timestamptz,
	refreshed_at timestamp,
	user_agent text,
	ip inet,
	tag text
);
create index if not exists sessions_user_id_idx on auth.sessions (user_id);

create table if not exists auth.refresh_tokens (
	instance_id uuid,
	id bigserial primary key,
	token varchar(255) unique,
	user_id varchar(255),
	revoked boolean,
	created_at timestamptz,
	updated_at timestamptz,
	parent varchar(255),
	session_id uuid references auth.sessions (id) on delete cascade
);
create index if not exists refresh_tokens_session_id_revoked_idx on auth.refresh_tokens (session_id, revoked);
create index if not exists refresh_tokens_parent_idx on auth.refresh_tokens (parent);

create table if not exists auth.mfa_amr_claims (
	session_id uuid not null references auth.sessions (id) on delete cascade,
	created_at timestamptz not null,
	updated_at timestamptz not null,
	authentication_method text not null,
	id uuid not null primary key,
	constraint mfa_amr_claims_session_id_authentication_method_pkey unique (session_id, authentication_method)
);

create table if not exists auth.one_time_tokens (
	id uuid not null primary key,
	user_id uuid not null references auth.users (id) on delete cascade,
	token_type auth.one_time_token_type not null,
	token_hash text not null check (char_length(token_hash) > 0),
	relates_to text not null,
	created_at timestamp not null default now(),
	updated_at timestamp not null default now(),
	unique (user_id, token_type)
);
create index if not exists one_time_tokens_token_hash_idx on auth.one_time_tokens (token_hash);

create table if not exists auth.flow_state (
	id uuid not null primary key,
	user_id uuid,
	auth_code text not null,
	code_challenge_method auth.code_challenge_method not null,
	code_challenge text not null,
	provider_type text not null,
	provider_access_token text,
	provider_refresh_token text,
	created_at timestamptz,
	updated_at timestamptz,
	authentication_method text not null,
	auth_code_issued_at timestamptz
);
create index if not exists idx_auth_code on auth.flow_state (auth_code);

create table if not exists auth.audit_log_entries (
	instance_id uuid,
	id uuid not null primary key,
	payload json,
	created_at timestamptz,
	ip_address varchar(64) not null default ''
);

-- The request helpers exactly as Supabase defines them: PostgREST sets these settings per request.
create or replace function auth.uid() returns uuid
language sql stable
as $$
	select coalesce(
		nullif(current_setting('request.jwt.claim.sub', true), ''),
		(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
	)::uuid
$$;

create or replace function auth.role() returns text
language sql stable
as $$
	select coalesce(
		nullif(current_setting('request.jwt.claim.role', true), ''),
		(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
	)::text
$$;

create or replace function auth.email() returns text
language sql stable
as $$
	select coalesce(
		nullif(current_setting('request.jwt.claim.email', true), ''),
		(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
	)::text
$$;

create or replace function auth.jwt() returns jsonb
language sql stable
as $$
	select coalesce(
		nullif(current_setting('request.jwt.claim', true), ''),
		nullif(current_setting('request.jwt.claims', true), '')
	)::jsonb
$$;

comment on function auth.uid() is 'Deprecated. Use auth.jwt() -> ''sub'' instead.';
comment on function auth.role() is 'Deprecated. Use auth.jwt() -> ''role'' instead.';
comment on function auth.email() is 'Deprecated. Use auth.jwt() -> ''email'' instead.';

-- As on Supabase: the API roles may use the schema and call the helpers, but read no auth table.
do $$
declare
	r text;
begin
	foreach r in array array['anon', 'authenticated', 'service_role'] loop
		if exists (select 1 from pg_roles where rolname = r) then
			execute format('grant usage on schema auth to %I', r);
			execute format('grant execute on function auth.uid(), auth.role(), auth.email(), auth.jwt() to %I', r);
			if r <> 'service_role' then
				execute format('revoke all on all tables in schema auth from %I', r);
			end if;
		end if;
	end loop;
end
$$;
revoke all on all tables in schema auth from public;
revoke all on schema _local from public;

-- Messages the local server "sends" (SMS and e-mail), read by developers and e2e tests.
create table if not exists _local.outbox (
	id bigserial primary key,
	channel text not null check (channel in ('sms', 'email')),
	recipient text not null,
	subject text,
	body text not null,
	code text,
	created_at timestamptz not null default clock_timestamp()
);
create index if not exists outbox_recipient_idx on _local.outbox (recipient, id desc);
