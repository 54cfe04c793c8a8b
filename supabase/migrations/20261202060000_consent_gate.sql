-- =============================================================================
-- Consent before use (issue #12 item 4)
--
-- No request, offer or lesson without the current personal-data consent on
-- record, held by the database and not only by the (app) layout's redirect:
-- a signed-in person who calls PostgREST directly is refused the same way.
-- The current version lives in one function; a new consent text is a new
-- migration that changes it, and everyone whose newest consent is older is
-- asked again (the layout sends them to /my-data/consent, the database
-- refuses their new requests, offers and lessons until they agree).
--
-- The gate applies to signed-in callers (role `authenticated`). The service
-- role (seed, imports, back office) is trusted like the database owner.
-- =============================================================================

/**
 * The version of the personal-data consent text in force. The app shows the
 * same one (src/lib/server/db/consents.ts; a test checks they agree). Public
 * and invoker: it only names a version.
 */
create or replace function public.current_consent_version()
returns text
language sql
immutable
set search_path = ''
as $$
  select '2026-01-01'::text;
$$;

revoke execute on function public.current_consent_version() from public, anon;
grant execute on function public.current_consent_version() to authenticated, service_role;

/**
 * True when the person's newest personal-data consent is the version in force
 * (read from the profile row the consent trigger keeps).
 */
create or replace function private.has_current_consent(p_profile_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(
    (select p.consent_version from public.profiles p where p.id = p_profile_id)
      = public.current_consent_version(),
    false);
$$;

revoke execute on function private.has_current_consent(uuid) from public, anon;
grant execute on function private.has_current_consent(uuid) to authenticated, service_role;

/**
 * Refuses a signed-in caller's new row for a person without the current
 * consent. TG_ARGV[0] names the column holding that person.
 */
create or replace function private.require_current_consent()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  person uuid;
begin
  if coalesce((select auth.role()), '') <> 'authenticated' then
    return new;
  end if;
  person := (to_jsonb(new) ->> tg_argv[0])::uuid;
  if person is not null and not private.has_current_consent(person) then
    raise exception 'the current consent to personal data processing is not on record'
      using errcode = '42501', detail = 'consent_required', hint = public.current_consent_version();
  end if;
  return new;
end;
$$;

revoke execute on function private.require_current_consent() from public, anon, authenticated;

create trigger help_requests_need_current_consent
  before insert on public.help_requests
  for each row execute function private.require_current_consent('learner_id');

create trigger sessions_need_current_consent
  before insert on public.sessions
  for each row execute function private.require_current_consent('teacher_id');

create trigger session_participants_need_current_consent
  before insert on public.session_participants
  for each row execute function private.require_current_consent('profile_id');

create trigger volunteer_skills_need_current_consent
  before insert on public.volunteer_skills
  for each row execute function private.require_current_consent('profile_id');

/**
 * Accepting a lesson is also a use: a learner whose consent is out of date
 * cannot accept until she agrees to the new text.
 */
create or replace function private.require_consent_to_accept()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if coalesce((select auth.role()), '') = 'authenticated'
     and new.status = 'accepted' and old.status is distinct from 'accepted'
     and not private.has_current_consent(new.profile_id) then
    raise exception 'the current consent to personal data processing is not on record'
      using errcode = '42501', detail = 'consent_required', hint = public.current_consent_version();
  end if;
  return new;
end;
$$;

revoke execute on function private.require_consent_to_accept() from public, anon, authenticated;

create trigger session_participants_accept_needs_consent
  before update of status on public.session_participants
  for each row execute function private.require_consent_to_accept();
