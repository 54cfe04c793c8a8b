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
