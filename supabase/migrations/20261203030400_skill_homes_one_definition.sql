-- =============================================================================
-- private.skill_homes has one definition again
--
-- 20261202010000_match_facts.sql defined what private.skill_homes holds as
-- the view private.skill_home_facts, and private.refresh_skill_homes copied
-- it; 20261202040000_ward_board.sql then rewrote the function to leave out
-- suspended volunteers, so the rule lived in the function and not in the
-- view (a bulk load from the view would have matched suspended people).
-- The suspension check now lives in the view, and the function only makes
-- one person's rows equal to the view's: the one place that says who is
-- matched. (Redefines both; nothing else changes.)
-- =============================================================================

/**
 * What private.skill_homes should hold, computed from the sources: skills,
 * home, profile, verification, slots, sessions, and no suspension in force.
 * The one definition both the trigger refresh and bulk loads (the bench) use.
 */
create or replace view private.skill_home_facts
with (security_invoker = true)
as
select
  vs.skill_id, vs.profile_id, h.lat, h.lng, h.approx_lat, h.approx_lng, vs.level,
  p.display_name, p.languages, p.can_teach, p.teaching_places, p.teaching_radius_m,
  exists (
    select 1 from public.volunteer_verifications v where v.profile_id = p.id and v.ward_id = p.ward_id
  ) as verified,
  (
    select coalesce(bit_or(b.mask), 0)::integer
    from public.availability_slots a
    join private.period_buckets() b
      on a.weekday between b.first_day and b.last_day and a.start_time < b.ends and a.end_time > b.starts
    where a.profile_id = vs.profile_id
  ) as free_bits,
  rec.taught, rec.missed
from public.volunteer_skills vs
join public.home_locations h on h.profile_id = vs.profile_id
join public.profiles p on p.id = vs.profile_id
cross join lateral (
  select
    (count(*) filter (where s.status = 'completed'))::integer as taught,
    (count(*) filter (where s.status = 'no_show'))::integer as missed
  from public.sessions s
  where s.teacher_id = vs.profile_id
) rec
where not exists (
  select 1 from public.volunteer_suspensions su
  where su.profile_id = vs.profile_id and su.lifted_at is null
);

comment on view private.skill_home_facts is
  'What private.skill_homes holds: skills, home, profile, verification, slots and sessions of volunteers not suspended.';

revoke all on private.skill_home_facts from public, anon, authenticated;

/**
 * Makes one person's rows of private.skill_homes equal to what
 * private.skill_home_facts says of them (which already leaves out a
 * suspended volunteer). The profile row is locked first, so two transactions
 * changing the same person's facts refresh one after the other.
 */
create or replace function private.refresh_skill_homes(p_profile_id uuid)
returns void
language sql
volatile
security definer
set search_path = ''
as $$
  select 1 from public.profiles p where p.id = p_profile_id for no key update;
  delete from private.skill_homes sh
  where sh.profile_id = p_profile_id
    and sh.skill_id not in (
      select f.skill_id from private.skill_home_facts f where f.profile_id = p_profile_id
    );
  insert into private.skill_homes (
    skill_id, profile_id, lat, lng, approx_lat, approx_lng, level, display_name, languages,
    can_teach, teaching_places, teaching_radius_m, verified, free_bits, taught, missed
  )
  select f.skill_id, f.profile_id, f.lat, f.lng, f.approx_lat, f.approx_lng, f.level, f.display_name,
         f.languages, f.can_teach, f.teaching_places, f.teaching_radius_m, f.verified, f.free_bits,
         f.taught, f.missed
  from private.skill_home_facts f
  where f.profile_id = p_profile_id
  on conflict (skill_id, profile_id) do update
  set lat = excluded.lat, lng = excluded.lng, approx_lat = excluded.approx_lat,
      approx_lng = excluded.approx_lng, level = excluded.level, display_name = excluded.display_name,
      languages = excluded.languages, can_teach = excluded.can_teach,
      teaching_places = excluded.teaching_places, teaching_radius_m = excluded.teaching_radius_m,
      verified = excluded.verified, free_bits = excluded.free_bits, taught = excluded.taught,
      missed = excluded.missed;
$$;

revoke execute on function private.refresh_skill_homes(uuid) from public, anon, authenticated;
