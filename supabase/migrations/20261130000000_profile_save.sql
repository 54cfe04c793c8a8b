-- =============================================================================
-- Profile save in one transaction
-- =============================================================================
-- Onboarding and the profile page used to save in four HTTP calls (ward check,
-- profile update, home upsert, consents), each its own transaction: a failure
-- half-way left a half-saved person (marked onboarded without consents). One
-- function does it all, so it commits whole or not at all.

/**
 * Saves the signed-in person's profile form: checks the ward, updates the
 * profile, sets the home point (the ward's centre unless a point is given),
 * and, when `p_consents` is given (onboarding), records each consent
 * (`{"kind": "version"}`) unless the newest record of that kind already grants
 * that version, and stamps `onboarded_at` once. Re-posting is harmless.
 *
 * Returns 'saved', or 'unknown_ward' (nothing written) when `p_ward_id` is not
 * a ward, commune or special zone. Security invoker: every write goes through
 * the caller's own row-level security and column grants.
 */
create or replace function public.save_profile(
  p_display_name text,
  p_wants_to_learn boolean,
  p_can_teach boolean,
  p_ward_id bigint,
  p_languages text[],
  p_text_size text,
  p_high_contrast boolean,
  p_lat double precision default null,
  p_lng double precision default null,
  p_consents jsonb default null
)
returns text
language plpgsql
security invoker
set search_path = ''
as $$
declare
  me uuid := (select auth.uid());
  ward public.areas%rowtype;
  consent record;
begin
  if me is null then
    raise exception 'save_profile needs a signed-in user' using errcode = '42501';
  end if;

  select * into ward from public.areas a
  where a.id = p_ward_id and a.kind in ('ward', 'commune', 'special_zone');
  if not found then
    return 'unknown_ward';
  end if;

  -- Updating the row first also locks it, so two saves of one person run one after the other
  -- and the consent check below sees what the first one recorded.
  update public.profiles p
  set display_name = p_display_name,
      wants_to_learn = p_wants_to_learn,
      can_teach = p_can_teach,
      ward_id = p_ward_id,
      languages = p_languages,
      text_size = p_text_size,
      high_contrast = p_high_contrast,
      onboarded_at = case when p_consents is null then p.onboarded_at
                          else coalesce(p.onboarded_at, now()) end
  where p.id = me;
  if not found then
    raise exception 'no profile for the signed-in user' using errcode = 'P0002';
  end if;

  insert into public.home_locations (profile_id, lat, lng)
  values (me, coalesce(p_lat, ward.center_lat), coalesce(p_lng, ward.center_lng))
  on conflict (profile_id) do update set lat = excluded.lat, lng = excluded.lng;

  if p_consents is not null then
    for consent in select key as kind, value as version from jsonb_each_text(p_consents) loop
      insert into public.consents (profile_id, kind, version, granted)
      select me, consent.kind, consent.version, true
      where not exists (
        select 1 from (
          select c.version, c.granted from public.consents c
          where c.profile_id = me and c.kind = consent.kind
          order by c.granted_at desc, c.id desc
          limit 1
        ) newest
        where newest.granted and newest.version = consent.version
      );
    end loop;
  end if;

  return 'saved';
end;
$$;

revoke execute on function public.save_profile(
  text, boolean, boolean, bigint, text[], text, boolean, double precision, double precision, jsonb
) from public, anon;
grant execute on function public.save_profile(
  text, boolean, boolean, bigint, text[], text, boolean, double precision, double precision, jsonb
) to authenticated;
