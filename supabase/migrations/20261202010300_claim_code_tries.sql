-- =============================================================================
-- Claim codes: a handful of wrong tries per code, then the code is dead
--
-- The lock-out counted wrong codes per claiming ACCOUNT (five an hour), so
-- anyone with many accounts (a phone number each) could keep guessing one
-- person's code. A wrong code did not say which code it was aimed at, so it
-- could not be counted against one. Now the first three characters of a code
-- name its claim (unique among unclaimed claims; the other five are the
-- secret, 32^5 ≈ 33 million): a wrong code with a known prefix counts against
-- that claim, and after five the code no longer works, not even when typed
-- right; the helper or a coordinator issues a new one (reissue_claim_code),
-- which starts again from zero. The per-account limit stays as a backstop.
-- Codes look the same as before (8 characters).
-- =============================================================================

alter table private.assisted_claims
  add column code_prefix text check (code_prefix ~ '^[A-HJ-NP-Z2-9]{3}$'),
  add column wrong_tries integer not null default 0;

comment on column private.assisted_claims.code_prefix is
  'The first three characters of the code: which claim a typed code is aimed at (null for codes issued before).';
comment on column private.assisted_claims.wrong_tries is
  'Wrong codes typed with this claim''s prefix; at 5 the code is dead until reissued.';

create unique index assisted_claims_open_prefix_idx on private.assisted_claims (code_prefix)
  where (claimed_at is null);

/** Wrong tries after which a claim code no longer works. */
create or replace function private.claim_code_max_tries()
returns integer
language sql
immutable
set search_path = ''
as $$
  select 5;
$$;

revoke execute on function private.claim_code_max_tries() from public, anon, authenticated;

/** A typed claim code as stored: letters and digits only, upper case. */
create or replace function private.claim_code_normal(p_code text)
returns text
language sql
immutable
set search_path = ''
as $$
  select upper(regexp_replace(coalesce(p_code, ''), '[^A-Za-z0-9]', '', 'g'));
$$;

revoke execute on function private.claim_code_normal(text) from public, anon, authenticated;

/**
 * A fresh claim code: 8 characters from an alphabet without look-alikes
 * (no 0/O, 1/I), drawn from gen_random_uuid()'s strong randomness, whose
 * first three characters no other unclaimed code has. The prefix is handed to
 * the row the caller writes next (private.set_claim_prefix, same transaction).
 */
create or replace function private.new_claim_code()
returns text
language plpgsql
volatile
set search_path = ''
as $$
declare
  code text;
begin
  for attempt in 1..50 loop
    select string_agg(
      substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', (get_byte(b, i) % 32) + 1, 1), '' order by i
    )
    into code
    from (select uuid_send(gen_random_uuid()) as b) r, generate_series(0, 7) as i;
    exit when not exists (
      select 1 from private.assisted_claims c where c.code_prefix = left(code, 3) and c.claimed_at is null
    );
  end loop;
  perform set_config('app.claim_code_prefix', left(code, 3), true);
  return code;
end;
$$;

revoke execute on function private.new_claim_code() from public, anon, authenticated;

/**
 * Files a new or reissued code under its prefix (from private.new_claim_code,
 * in this transaction) and starts its wrong tries from zero.
 */
create or replace function private.set_claim_prefix()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.code_prefix := nullif(current_setting('app.claim_code_prefix', true), '');
  new.wrong_tries := 0;
  perform set_config('app.claim_code_prefix', '', true);
  return new;
end;
$$;

revoke execute on function private.set_claim_prefix() from public, anon, authenticated;

create trigger assisted_claims_set_prefix
  before insert or update of code_hash on private.assisted_claims
  for each row execute function private.set_claim_prefix();

/**
 * Takes over an account a volunteer or coordinator registered for the caller,
 * with the claim code they were given. Everything of the registered account
 * moves onto the caller's (requests, consents, sessions, badges...), the
 * profile keeps what the caller had and gains what only the registered one
 * had (name, ward, needs, languages), and the registered account is deleted.
 * A wrong, expired or used code returns no row. A wrong code counts against
 * the claim its first three characters name: after five, that code is dead
 * (54000, details 'code_locked', even typed right) until it is reissued. And
 * after five wrong codes in an hour the caller must wait (54000).
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
  typed text := private.claim_code_normal(p_code);
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
  where c.code_hash = private.claim_code_hash(typed)
    and c.claimed_at is null and c.expires_at > now() and c.profile_id <> me
  for update;
  if claim.profile_id is not null and claim.wrong_tries >= private.claim_code_max_tries() then
    raise exception 'this code was locked after too many wrong tries; ask for a new one'
      using errcode = '54000', detail = 'code_locked';
  end if;
  if claim.profile_id is null then
    insert into private.claim_attempts (profile_id) values (me);
    update private.assisted_claims c set wrong_tries = c.wrong_tries + 1
    where c.code_prefix = left(typed, 3) and c.claimed_at is null;
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
