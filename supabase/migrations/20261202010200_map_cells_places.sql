-- =============================================================================
-- The map counts what the viewer would be offered
--
-- map_cells counted every open request for every volunteer, although
-- nearby_requests (the list beside the map) offers a volunteer only requests
-- at the kinds of places they accept (profiles.teaching_places): a volunteer
-- who does not teach at homes saw cells of home requests on the map that the
-- list never showed. Now a volunteer's request cells follow their places too;
-- coordinators still see every open request of the map, and people who do not
-- teach see public-place requests only (as before).
-- =============================================================================

/**
 * What the map shows: open requests and volunteers counted per grid cell
 * (~440 m, never a person's point) and venues as exact pins, optionally for
 * one skill and inside a bounding box. People who blocked the caller, or
 * whom the caller blocked, are not counted. Requests: a coordinator sees them
 * all; a volunteer those at the kinds of places they accept (homes only when
 * verified), as nearby_requests offers them; anyone else those not at a home.
 *
 * Columns:
 * - kind: 'requests' | 'volunteers' | 'venue'.
 * - lat, lng: the cell's centre, or the venue's exact position.
 * - count: people (or open requests) in the cell; 1 for a venue.
 * - venue_id, name_vi, name_en: the venue (null for cells).
 */
create or replace function public.map_cells(
  p_skill_id bigint default null,
  p_south double precision default null,
  p_west double precision default null,
  p_north double precision default null,
  p_east double precision default null
)
returns table (
  kind text,
  lat double precision,
  lng double precision,
  count integer,
  venue_id bigint,
  name_vi text,
  name_en text
)
language sql
stable
security definer
set search_path = ''
as $$
  with me as (
    select (select auth.uid()) as id,
           private.is_coordinator() as coordinates,
           private.is_verified_volunteer((select auth.uid())) as verified,
           coalesce(p.can_teach, false) as teaches,
           coalesce(p.teaching_places, '{}') as places,
           private.blocked_with((select auth.uid())) as blocked
    from (select) as one
    left join public.profiles p on p.id = (select auth.uid())
  ),
  box as (
    select coalesce(p_south, -90) as s, coalesce(p_west, -180) as w,
           coalesce(p_north, 90) as n, coalesce(p_east, 180) as e
  )
  select 'requests', r.approx_lat, r.approx_lng, count(*)::integer, null::bigint, null::text, null::text
  from public.help_requests r, me, box
  where r.status = 'open'
    and (p_skill_id is null or r.skill_id = p_skill_id)
    and (
      me.coordinates
      or (me.teaches and r.place_type = any (me.places) and (r.place_type <> 'home' or me.verified))
      or (not me.teaches and r.place_type <> 'home')
    )
    and r.approx_lat between box.s and box.n and r.approx_lng between box.w and box.e
    and r.learner_id <> all (me.blocked)
  group by r.approx_lat, r.approx_lng
  union all
  select 'volunteers', h.approx_lat, h.approx_lng, count(*)::integer, null, null, null
  from public.home_locations h
  join public.profiles p on p.id = h.profile_id and p.can_teach
  cross join me
  cross join box
  where (p_skill_id is null or exists (
          select 1 from public.volunteer_skills vs
          where vs.profile_id = h.profile_id and vs.skill_id = p_skill_id
        ))
    and h.approx_lat between box.s and box.n and h.approx_lng between box.w and box.e
    and h.profile_id <> all (me.blocked)
  group by h.approx_lat, h.approx_lng
  union all
  select 'venue', v.lat, v.lng, 1, v.id, v.name_vi, v.name_en
  from public.venues v, box
  where v.lat between box.s and box.n and v.lng between box.w and box.e;
$$;
