-- =============================================================================
-- Assisted learners: registered in person by a volunteer or coordinator
--
-- A neighbour without a smartphone is registered by a verified volunteer or a
-- coordinator of their ward, in one transaction: an account (auth user and
-- profile, `registered_by` = the helper), the consents given in person
-- (recorded_by = the helper), an approximate place, and a help request filed
-- on their behalf (created_by = the helper).
--
-- Claiming the account later, without losing or duplicating anything:
-- - With the phone number given at registration: the account already carries
--   it (as GoTrue stores it), so signing in by SMS code simply opens this
--   account; nothing moves. The first confirmed sign-in closes the claim.
-- - With the claim code printed for them: the person signs in with their own
--   phone (a new, empty account) and enters the code; everything that refers
--   to the registered account (requests, consents, sessions, badges, ...) is
--   moved onto theirs in one transaction, and the registered account is
--   deleted. Where both hold a one-per-person row (e.g. a home location), the
--   claimer's own row is kept.
-- =============================================================================

/**
 * Claim codes of assisted accounts not yet claimed. Only a SHA-256 of the code
 * is kept; the code itself is shown once to the helper, who writes it down for
 * the learner.
 */
create table private.assisted_claims (
  profile_id uuid primary key references public.profiles (id) on delete cascade,
  code_hash bytea not null unique,
  registered_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '180 days',
  claimed_at timestamptz
);

comment on table private.assisted_claims is
  'Claim codes (hashed) of accounts registered on someone''s behalf; claimed_at once claimed.';

create index assisted_claims_registered_by_idx on private.assisted_claims (registered_by);

alter table private.assisted_claims enable row level security;
revoke all on private.assisted_claims from public, anon, authenticated;

/**
 * Failed claim attempts per person, so that codes cannot be guessed: five
 * wrong codes in an hour and claiming pauses for that account.
 */
create table private.claim_attempts (
  id bigint generated always as identity primary key,
  profile_id uuid not null references public.profiles (id) on delete cascade,
  attempted_at timestamptz not null default now()
);

comment on table private.claim_attempts is 'Failed claim-code attempts (rate limit).';

create index claim_attempts_profile_id_idx on private.claim_attempts (profile_id, attempted_at);

alter table private.claim_attempts enable row level security;
revoke all on private.claim_attempts from public, anon, authenticated;

/**
 * A fresh claim code: 8 characters from an alphabet without look-alikes
 * (no 0/O, 1/I), drawn from gen_random_uuid()'s strong randomness (40 bits).
 */
create or replace function private.new_claim_code()
returns text
language sql
volatile
set search_path = ''
as $$
  select string_agg(
    substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', (get_byte(b, i) % 32) + 1, 1), '' order by i
  )
  from (select uuid_send(gen_random_uuid()) as b) r, generate_series(0, 7) as i;
$$;

revoke execute on function private.new_claim_code() from public, anon, authenticated;

/**
 * The hash a claim code is stored as (case and spaces ignored).
 */
create or replace function private.claim_code_hash(p_code text)
returns bytea
language sql
immutable
set search_path = ''
as $$
  select sha256(convert_to(upper(regexp_replace(coalesce(p_code, ''), '[^A-Za-z0-9]', '', 'g')), 'UTF8'));
$$;

revoke execute on function private.claim_code_hash(text) from public, anon, authenticated;

/**
 * A phone number as GoTrue stores it (digits, country code first): a leading
 * 0 is Vietnam's trunk prefix (+84). Null when it is not a plausible number.
 */
create or replace function private.phone_digits(p_phone text)
returns text
language sql
immutable
set search_path = ''
as $$
  select case when d ~ '^[1-9][0-9]{7,14}$' then d end
  from (
    select case
      when raw like '00%' then substr(raw, 3)
      when raw like '0%' then '84' || substr(raw, 2)
      else raw
    end as d
    from (select regexp_replace(coalesce(p_phone, ''), '[^0-9]', '', 'g') as raw) r
  ) n;
$$;

revoke execute on function private.phone_digits(text) from public, anon;
grant execute on function private.phone_digits(text) to authenticated, service_role;

/**
 * Registers a neighbour who has no smartphone and asks for help on their
 * behalf, in one transaction. The caller must be a volunteer verified in the
 * ward they live in, or a coordinator of `p_ward_id`. The consent the person
 * gave in person is recorded for the terms and for personal data, version
 * `p_consent_version`, recorded_by = the caller. `p_lat`/`p_lng` is the
 * approximate place given (kept as their home, owner-only; others see cells).
 * A phone number already used by an account is refused (23505): that person
 * should sign in themselves.
 *
 * Columns:
 * - learner_id: the new account.
 * - request_id: the help request filed for them.
 * - claim_code: shown once; the person types it after signing in with their
 *   own phone to take the account over.
 */
create or replace function public.register_assisted_learner(
  p_display_name text,
  p_ward_id bigint,
  p_skill_id bigint,
  p_consent_version text,
  p_phone text default null,
  p_lat double precision default null,
  p_lng double precision default null,
  p_languages text[] default '{vi}',
  p_accessibility_needs text[] default '{}',
  p_priority_groups text[] default '{}',
  p_birth_year integer default null,
  p_place_type text default 'home',
  p_venue_id bigint default null,
  p_near_lat double precision default null,
  p_near_lng double precision default null,
  p_preferred_times text[] default '{}',
  p_notes text default ''
)
returns table (learner_id uuid, request_id bigint, claim_code text)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  helper uuid := (select auth.uid());
  new_id uuid := gen_random_uuid();
  digits text;
  code text := private.new_claim_code();
  new_request bigint;
begin
  if helper is null
     or not (private.is_verified_volunteer(helper) or private.is_coordinator_of(p_ward_id)) then
    raise exception 'only verified volunteers and ward coordinators can register a learner'
      using errcode = '42501';
  end if;
  if nullif(btrim(coalesce(p_display_name, '')), '') is null then
    raise exception 'a name is needed' using errcode = '22023';
  end if;
  if nullif(btrim(coalesce(p_consent_version, '')), '') is null then
    raise exception 'the person''s consent must be recorded' using errcode = '22023';
  end if;
  if not exists (select 1 from public.areas a where a.id = p_ward_id and a.kind <> 'city') then
    raise exception 'unknown ward' using errcode = '23503';
  end if;
  if p_phone is not null and btrim(p_phone) <> '' then
    digits := private.phone_digits(p_phone);
    if digits is null then
      raise exception 'this is not a phone number' using errcode = '22023';
    end if;
    if exists (select 1 from auth.users u where u.phone = digits) then
      raise exception 'this phone number already has an account; the person can sign in with it'
        using errcode = '23505';
    end if;
  end if;

  -- GoTrue's own shape (empty strings in the token columns it scans), no password, no e-mail.
  insert into auth.users (
    instance_id, id, aud, role, phone, confirmation_token, recovery_token, email_change_token_new,
    email_change, email_change_token_current, phone_change, phone_change_token,
    reauthentication_token, raw_app_meta_data, raw_user_meta_data, created_at, updated_at
  ) values (
    '00000000-0000-0000-0000-000000000000', new_id, 'authenticated', 'authenticated', digits,
    '', '', '', '', '', '', '', '',
    jsonb_build_object('provider', 'phone', 'providers', jsonb_build_array('phone'), 'assisted', true),
    jsonb_build_object('display_name', left(btrim(p_display_name), 80), 'locale', 'vi'),
    now(), now()
  );
  if digits is not null then
    insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
    values (
      new_id::text, new_id,
      jsonb_build_object('sub', new_id::text, 'phone', digits, 'email_verified', false,
                         'phone_verified', false),
      'phone', now(), now()
    );
  end if;

  update public.profiles set
    ward_id = p_ward_id,
    wants_to_learn = true,
    languages = coalesce(p_languages, '{vi}'),
    accessibility_needs = coalesce(p_accessibility_needs, '{}'),
    priority_groups = coalesce(p_priority_groups, '{}'),
    birth_year = p_birth_year,
    registered_by = helper,
    onboarded_at = now()
  where id = new_id;

  insert into public.consents (profile_id, kind, version, granted, recorded_by)
  values (new_id, 'terms', btrim(p_consent_version), true, helper),
         (new_id, 'personal_data', btrim(p_consent_version), true, helper);

  if p_lat is not null and p_lng is not null then
    insert into public.home_locations (profile_id, lat, lng) values (new_id, p_lat, p_lng);
  end if;

  insert into public.help_requests (
    learner_id, created_by, skill_id, ward_id, place_type, venue_id, near_lat, near_lng,
    preferred_times, notes, accessibility_needs, priority_groups
  ) values (
    new_id, helper, p_skill_id, p_ward_id, coalesce(p_place_type, 'home'), p_venue_id,
    p_near_lat, p_near_lng, coalesce(p_preferred_times, '{}'), coalesce(p_notes, ''),
    coalesce(p_accessibility_needs, '{}'), coalesce(p_priority_groups, '{}')
  ) returning id into new_request;

  insert into private.assisted_claims (profile_id, code_hash, registered_by)
  values (new_id, private.claim_code_hash(code), helper);

  return query select new_id, new_request, code;
end;
$$;

revoke execute on function public.register_assisted_learner(
  text, bigint, bigint, text, text, double precision, double precision, text[], text[], text[],
  integer, text, bigint, double precision, double precision, text[], text
) from public, anon;
grant execute on function public.register_assisted_learner(
  text, bigint, bigint, text, text, double precision, double precision, text[], text[], text[],
  integer, text, bigint, double precision, double precision, text[], text
) to authenticated, service_role;

/**
 * A new claim code for an assisted account not yet claimed (the old one stops
 * working), for whoever registered it or a coordinator of its ward.
 */
create or replace function public.reissue_claim_code(p_learner_id uuid)
returns text
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  code text := private.new_claim_code();
begin
  if not (private.registered_by_me(p_learner_id) or private.coordinates_profile(p_learner_id)) then
    raise exception 'you did not register this person' using errcode = '42501';
  end if;
  update private.assisted_claims c
  set code_hash = private.claim_code_hash(code), expires_at = now() + interval '180 days'
  where c.profile_id = p_learner_id and c.claimed_at is null;
  if not found then
    raise exception 'this account has already been claimed' using errcode = '22023';
  end if;
  return code;
end;
$$;

revoke execute on function public.reissue_claim_code(uuid) from public, anon;
grant execute on function public.reissue_claim_code(uuid) to authenticated, service_role;

/**
 * Moves everything that refers to one person onto another: every single-column
 * foreign key to public.profiles in schemas public and private, found in the
 * catalogue (so tables added later are covered too). Where the target already
 * has a row that must be unique (a home location, a seat in the same
 * session, ...), the target's row is kept and the source's is dropped.
 * Returns the number of rows moved.
 */
create or replace function private.move_person_rows(p_from uuid, p_to uuid)
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  fk record;
  r record;
  moved integer := 0;
  codes jsonb;
begin
  -- Session codes point at (session, participant): set them aside while the
  -- participant moves, then give them back under the new id.
  with gone as (
    delete from public.session_codes c where c.profile_id = p_from
    returning c.session_id, c.code, c.created_at
  )
  select coalesce(jsonb_agg(to_jsonb(gone)), '[]'::jsonb) into codes from gone;

  for fk in
    select c.conrelid::regclass as tbl, a.attname as col
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f'
      and c.confrelid = 'public.profiles'::regclass
      and cardinality(c.conkey) = 1
      and c.connamespace in ('public'::regnamespace, 'private'::regnamespace)
      and c.conrelid <> 'public.profiles'::regclass
    order by 1, 2
  loop
    for r in execute format('select ctid from %s where %I = $1', fk.tbl, fk.col) using p_from loop
      begin
        execute format('update %s set %I = $1 where ctid = $2', fk.tbl, fk.col) using p_to, r.ctid;
        moved := moved + 1;
      exception when unique_violation or exclusion_violation or check_violation then
        -- Both cannot coexist (one home, one seat per session...): the claimer's row stays.
        execute format('delete from %s where ctid = $1', fk.tbl) using r.ctid;
      end;
    end loop;
  end loop;
  insert into public.session_codes (session_id, profile_id, code, created_at)
  select (x ->> 'session_id')::bigint, p_to, x ->> 'code', (x ->> 'created_at')::timestamptz
  from jsonb_array_elements(codes) x
  where exists (
    select 1 from public.session_participants sp
    where sp.session_id = (x ->> 'session_id')::bigint and sp.profile_id = p_to
  )
  on conflict do nothing;
  -- Others' pointers to the registered account (e.g. registered_by) follow it too.
  update public.profiles set registered_by = p_to where registered_by = p_from and id <> p_to;
  return moved;
end;
$$;

revoke execute on function private.move_person_rows(uuid, uuid) from public, anon, authenticated;

/**
 * Takes over an account a volunteer or coordinator registered for the caller,
 * with the claim code they were given. Everything of the registered account
 * moves onto the caller's (requests, consents, sessions, badges...), the
 * profile keeps what the caller had and gains what only the registered one
 * had (name, ward, needs, languages), and the registered account is deleted.
 * A wrong, expired or used code returns no row; after five wrong codes in an
 * hour the caller must wait.
 *
 * Columns:
 * - former_id: the id the registered account had.
 * - moved_rows: how many rows now refer to the caller instead.
 */
create or replace function public.claim_assisted_account(p_code text)
returns table (former_id uuid, moved_rows integer)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  me uuid := (select auth.uid());
  claim private.assisted_claims;
  old public.profiles;
  moved integer;
begin
  if me is null then
    raise exception 'sign in first' using errcode = '42501';
  end if;
  if (select count(*) from private.claim_attempts a
      where a.profile_id = me and a.attempted_at > now() - interval '1 hour') >= 5 then
    raise exception 'too many wrong codes; try again in an hour' using errcode = '54000';
  end if;
  select * into claim from private.assisted_claims c
  where c.code_hash = private.claim_code_hash(p_code)
    and c.claimed_at is null and c.expires_at > now() and c.profile_id <> me
  for update;
  if claim.profile_id is null then
    insert into private.claim_attempts (profile_id) values (me);
    return;
  end if;
  if exists (select 1 from private.assisted_claims c where c.profile_id = me and c.claimed_at is null) then
    raise exception 'an account registered on someone''s behalf cannot claim another'
      using errcode = '42501';
  end if;

  select * into old from public.profiles p where p.id = claim.profile_id for update;
  update public.profiles p set
    display_name = coalesce(p.display_name, old.display_name),
    ward_id = coalesce(p.ward_id, old.ward_id),
    wants_to_learn = p.wants_to_learn or old.wants_to_learn,
    languages = array(select distinct x from unnest(p.languages || old.languages) x order by 1),
    accessibility_needs = array(
      select distinct x from unnest(p.accessibility_needs || old.accessibility_needs) x order by 1
    ),
    priority_groups = array(
      select distinct x from unnest(p.priority_groups || old.priority_groups) x order by 1
    ),
    birth_year = coalesce(p.birth_year, old.birth_year),
    registered_by = coalesce(p.registered_by, old.registered_by),
    onboarded_at = coalesce(p.onboarded_at, old.onboarded_at)
  where p.id = me;

  update private.assisted_claims c set claimed_at = now() where c.profile_id = claim.profile_id;
  moved := private.move_person_rows(claim.profile_id, me);
  delete from auth.users u where u.id = claim.profile_id;
  return query select claim.profile_id, moved;
end;
$$;

revoke execute on function public.claim_assisted_account(text) from public, anon;
grant execute on function public.claim_assisted_account(text) to authenticated, service_role;

/**
 * The first confirmed sign-in with the phone given at registration is the
 * claim: the person now holds the account, so the code stops working.
 */
create or replace function private.close_claim_on_sign_in()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.phone_confirmed_at is not null and old.phone_confirmed_at is null then
    update private.assisted_claims set claimed_at = now()
    where profile_id = new.id and claimed_at is null;
  end if;
  return new;
end;
$$;

revoke execute on function private.close_claim_on_sign_in() from public, anon, authenticated;

create trigger on_auth_user_phone_confirmed
  after update of phone_confirmed_at on auth.users
  for each row execute function private.close_claim_on_sign_in();
