-- =============================================================================
-- Auth hardening that holds with real Supabase Auth (GoTrue), not only with
-- the local server (issue #12 item 6)
--
-- 1. Disabling an account ends its sessions at once.
-- GoTrue's ban (admin API `ban_duration`, or the dashboard) only sets
-- auth.users.banned_until: the person's sessions and refresh tokens stay, so a
-- signed-in banned person keeps using the app until the access token expires
-- (GoTrue refuses the next refresh, not the current token). Whoever bans, this
-- trigger deletes the person's sessions (their refresh tokens go with them, by
-- GoTrue's foreign key) and any legacy refresh tokens without a session. GoTrue
-- then answers the app's getUser() with session_not_found, so the app treats
-- the person as signed out on their next request; lifting the ban later does
-- not revive an old session. The local server does the same on its own.
--
-- 2. No self-service change of the phone number a person signs in with.
-- GoTrue checks a re-authentication nonce only for a password change (and
-- only with "secure password change" on); a phone change it confirms with a
-- code sent to the NEW number alone. So anyone holding a person's session (a
-- phone left unlocked at a lesson) could move the account to their own number
-- and keep it. The app offers no phone change; this trigger refuses one
-- started through the API (GoTrue writes auth.users.phone_change first), in
-- production and locally. A person who changes number goes to the ward
-- office, which checks who she is and changes it with the service role
-- (GoTrue's admin path sets the phone directly). An e-mail change stays with
-- GoTrue's secure e-mail change, confirmed from the current address too.
-- =============================================================================

/**
 * Deletes the sessions and refresh tokens of a user just banned.
 */
create or replace function private.end_sessions_of_banned_user()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  delete from auth.sessions where user_id = new.id;
  delete from auth.refresh_tokens where user_id = new.id::text;
  return new;
end;
$$;

revoke execute on function private.end_sessions_of_banned_user() from public, anon, authenticated;

drop trigger if exists users_end_sessions_on_ban on auth.users;
create trigger users_end_sessions_on_ban
  after update of banned_until on auth.users
  for each row
  when (new.banned_until is not null and new.banned_until > now())
  execute function private.end_sessions_of_banned_user();

/**
 * Refuses starting a self-service phone change (see 2. above).
 */
create or replace function private.refuse_self_service_phone_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if coalesce(new.phone_change, '') <> '' and new.phone_change is distinct from old.phone_change then
    raise exception 'the phone number a person signs in with is changed at the ward office'
      using errcode = '42501', detail = 'phone_change_in_person';
  end if;
  return new;
end;
$$;

revoke execute on function private.refuse_self_service_phone_change() from public, anon, authenticated;

drop trigger if exists users_refuse_self_service_phone_change on auth.users;
create trigger users_refuse_self_service_phone_change
  before update of phone_change on auth.users
  for each row execute function private.refuse_self_service_phone_change();
