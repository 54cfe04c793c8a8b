-- =============================================================================
-- Which personal-data consent each person last gave, on their profile row
--
-- The app asks again when the consent text changes (a new version) and stops
-- at a consent page after a withdrawal. It reads this with the profile it
-- already loads on every request, instead of a second query per page.
-- =============================================================================

alter table public.profiles add column consent_version text;

comment on column public.profiles.consent_version is
  'Version of the newest personal-data consent: its version, ''withdrawn'', or null when none is recorded. Kept by a trigger.';

/**
 * Copies the newest personal-data consent onto the profile.
 */
create or replace function private.track_consent_version()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.kind = 'personal_data' then
    update public.profiles
    set consent_version = case when new.granted then new.version else 'withdrawn' end
    where id = new.profile_id;
  end if;
  return null;
end;
$$;

revoke execute on function private.track_consent_version() from public, anon, authenticated;

create trigger consents_track_version
  after insert on public.consents
  for each row execute function private.track_consent_version();

update public.profiles p
set consent_version = (
  select case when c.granted then c.version else 'withdrawn' end
  from public.consents c
  where c.profile_id = p.id and c.kind = 'personal_data'
  order by c.granted_at desc, c.id desc
  limit 1
);

/**
 * True unless the person withdrew their personal-data consent (read from the
 * profile row: one primary-key lookup per notification written).
 */
create or replace function private.consents_to_processing(p_profile_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((select p.consent_version from public.profiles p where p.id = p_profile_id), '')
         <> 'withdrawn';
$$;

-- -----------------------------------------------------------------------------
-- Nothing new is processed for someone who withdrew their consent
-- -----------------------------------------------------------------------------

/**
 * No new request for a person who withdrew their personal-data consent.
 */
create or replace function private.refuse_request_without_consent()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if not private.consents_to_processing(new.learner_id) then
    raise exception 'this person withdrew their consent to data processing'
      using errcode = '42501', detail = 'consent_withdrawn';
  end if;
  return new;
end;
$$;

revoke execute on function private.refuse_request_without_consent() from public, anon, authenticated;

create trigger help_requests_need_consent
  before insert on public.help_requests
  for each row execute function private.refuse_request_without_consent();

/**
 * Keeps a person who withdrew their consent out of matching: their roles stay
 * off until they consent again.
 */
create or replace function private.keep_withdrawn_out_of_matching()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.consent_version = 'withdrawn' then
    new.can_teach := false;
    new.wants_to_learn := false;
  end if;
  return new;
end;
$$;

revoke execute on function private.keep_withdrawn_out_of_matching() from public, anon, authenticated;

create trigger profiles_withdrawn_out_of_matching
  before update of can_teach, wants_to_learn on public.profiles
  for each row execute function private.keep_withdrawn_out_of_matching();
