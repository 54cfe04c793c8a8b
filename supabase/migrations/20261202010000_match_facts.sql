-- =============================================================================
-- Matching reads one row per candidate
--
-- match_volunteers walked private.skill_homes in distance order, then for each
-- of its 30 candidates joined four tables (home, profile, skill level,
-- verification), walked the volunteer's sessions for completed / no-show
-- counts, and built their free times in the request's periods; and it ran
-- four separate lookups before that. On 100,000 volunteers this per-candidate
-- work cost more than the index walk itself.
--
-- Now each skill_homes row carries what ranking needs about its volunteer:
-- the cell, level, name, languages, the places and radius they accept, whether
-- they are verified in the ward they live in, a bit mask of the periods they
-- are free in, and their completed / no-show counts. Triggers keep it in the
-- same transaction as every change to those sources (skills, home, profile,
-- verification, weekly slots, sessions). The preliminary lookups are one
-- statement, and the free-time details (the slots the page lists) are built
-- only for the rows returned. Who is a candidate and the order are unchanged.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- Periods as bits
-- -----------------------------------------------------------------------------

/**
 * The periods a request may name, with a bit each (weekday = Mon-Fri,
 * weekend = Sat-Sun; morning 06-12, afternoon 12-17, evening 17-22). The same
 * buckets as private.free_times.
 */
create or replace function private.period_buckets()
returns table (name text, first_day integer, last_day integer, starts time, ends time, mask integer)
language sql
immutable
parallel safe
as $$
  values
    ('weekday_morning', 1, 5, time '06:00', time '12:00', 1),
    ('weekday_afternoon', 1, 5, time '12:00', time '17:00', 2),
    ('weekday_evening', 1, 5, time '17:00', time '22:00', 4),
    ('weekend_morning', 6, 7, time '06:00', time '12:00', 8),
    ('weekend_afternoon', 6, 7, time '12:00', time '17:00', 16),
    ('weekend_evening', 6, 7, time '17:00', time '22:00', 32)
$$;

revoke execute on function private.period_buckets() from public, anon, authenticated;

/** The bits of the named periods (unknown names have none). */
create or replace function private.period_bits(p_periods text[])
returns integer
language sql
immutable
parallel safe
as $$
  select coalesce(bit_or(b.mask), 0)::integer from private.period_buckets() b where b.name = any (p_periods);
$$;

revoke execute on function private.period_bits(text[]) from public, anon, authenticated;

-- -----------------------------------------------------------------------------
-- What ranking needs, per (skill, volunteer with a home)
-- -----------------------------------------------------------------------------

alter table private.skill_homes
  add column approx_lat double precision,
  add column approx_lng double precision,
  add column level text,
  add column display_name text,
  add column languages text[] not null default '{}',
  add column can_teach boolean not null default false,
  add column teaching_places text[] not null default '{}',
  add column teaching_radius_m integer not null default 0,
  add column verified boolean not null default false,
  add column free_bits integer not null default 0,
  add column taught integer not null default 0,
  add column missed integer not null default 0;

comment on table private.skill_homes is
  'One row per (skill, volunteer with a home) with what ranking needs about them: the skill-aware '
  'KNN index of match_volunteers, kept by triggers.';

/**
 * What private.skill_homes should hold, computed from the sources: the one
 * definition both the triggers and bulk loads (the bench) use.
 */
create view private.skill_home_facts
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
) rec;

comment on view private.skill_home_facts is
  'What private.skill_homes holds, computed from skills, home, profile, verification, slots and sessions.';

revoke all on private.skill_home_facts from public, anon, authenticated;

update private.skill_homes sh
set approx_lat = f.approx_lat, approx_lng = f.approx_lng, level = f.level,
    display_name = f.display_name, languages = f.languages, can_teach = f.can_teach,
    teaching_places = f.teaching_places, teaching_radius_m = f.teaching_radius_m,
    verified = f.verified, free_bits = f.free_bits, taught = f.taught, missed = f.missed
from private.skill_home_facts f
where f.skill_id = sh.skill_id and f.profile_id = sh.profile_id;

alter table private.skill_homes
  alter column approx_lat set not null,
  alter column approx_lng set not null,
  alter column level set not null,
  alter column display_name set not null;

/**
 * Rebuilds one person's rows of private.skill_homes. The person's profile row
 * is locked first, so two transactions changing the same person's facts
 * refresh one after the other, each from what the other committed.
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
    and not exists (
      select 1 from public.volunteer_skills vs
      join public.home_locations h on h.profile_id = vs.profile_id
      where vs.profile_id = p_profile_id and vs.skill_id = sh.skill_id
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

-- private.sync_skill_homes (rows with a profile_id) now also follows verifications and slots.
drop trigger home_locations_sync_skill_homes on public.home_locations;
create trigger home_locations_sync_skill_homes
  after insert or update or delete on public.home_locations
  for each row execute function private.sync_skill_homes();

create trigger volunteer_verifications_sync_skill_homes
  after insert or update or delete on public.volunteer_verifications
  for each row execute function private.sync_skill_homes();

create trigger availability_slots_sync_skill_homes
  after insert or update or delete on public.availability_slots
  for each row execute function private.sync_skill_homes();

/**
 * Keeps private.skill_homes in step with the profile columns ranking reads.
 */
create or replace function private.sync_skill_homes_profile()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.refresh_skill_homes(new.id);
  return null;
end;
$$;

revoke execute on function private.sync_skill_homes_profile() from public, anon, authenticated;

create trigger profiles_sync_skill_homes
  after update of display_name, languages, can_teach, teaching_places, teaching_radius_m, ward_id
  on public.profiles
  for each row
  when (
    (old.display_name, old.languages, old.can_teach, old.teaching_places, old.teaching_radius_m, old.ward_id)
    is distinct from
    (new.display_name, new.languages, new.can_teach, new.teaching_places, new.teaching_radius_m, new.ward_id)
  )
  execute function private.sync_skill_homes_profile();

/**
 * Keeps the completed / no-show counts in private.skill_homes in step with
 * the sessions a person teaches (only changes that touch those counts).
 */
create or replace function private.sync_skill_homes_sessions()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op in ('UPDATE', 'DELETE') and old.status in ('completed', 'no_show') then
    perform private.refresh_skill_homes(old.teacher_id);
  end if;
  if tg_op in ('INSERT', 'UPDATE') and new.status in ('completed', 'no_show')
     and (tg_op = 'INSERT' or old.teacher_id is distinct from new.teacher_id
          or old.status is distinct from new.status) then
    perform private.refresh_skill_homes(new.teacher_id);
  end if;
  return null;
end;
$$;

revoke execute on function private.sync_skill_homes_sessions() from public, anon, authenticated;

create trigger sessions_sync_skill_homes
  after insert or update of status, teacher_id or delete on public.sessions
  for each row execute function private.sync_skill_homes_sessions();

-- -----------------------------------------------------------------------------
-- match_volunteers: one lookup, one walk, details for the rows returned
-- -----------------------------------------------------------------------------

/**
 * The volunteers to offer a help request to, best first. Callable by the
 * learner, whoever filed the request and the coordinators of its ward.
 *
 * Candidates are found by nearest-neighbour search over private.skill_homes
 * (`<->` on skill_homes_knn_idx, a GiST on (skill_id, point)) from the
 * request's exact point, across ward borders, keeping those who may teach at
 * the request's place (private.may_teach_at: can teach, accept this kind of
 * place, within their radius, verified for a home) and are not blocked either
 * way. The 30 nearest candidates (or 3 x p_limit) are then scored:
 *   distance 40 / (1 + km) + availability 25 (any slot in the preferred
 *   times; 10 when no time was given) + language 15 (any shared) + verified
 *   10 + reliability 5 x (taught + 1) / (taught + no-shows + 2) + experience
 *   5 x min(taught, 20) / 20 - load 4 per live lesson (at most 12).
 * Everything but the live load is read from the candidate's skill_homes row
 * (kept by triggers); the free-time details are built for the returned rows
 * only. Runs with a generic plan: planning anew on each call cost more than
 * running it, and the generic plan walks the same index.
 *
 * Columns (facts for the explanation the page writes in the reader's language):
 * - volunteer_id, display_name: who.
 * - rank: 1 = best. score: 0..100, only the order means something.
 * - distance_m: from the request's place, rounded to 100 m, never below 200.
 * - approx_lat, approx_lng: the volunteer's grid cell (~440 m), never their home.
 * - level: their level in this skill ('beginner' | 'confident' | 'expert').
 * - verified: verified by a coordinator of the ward they live in.
 * - lessons_taught: completed sessions they taught. no_shows: their sessions
 *   marked no-show. open_lessons: live sessions they teach from now on.
 * - shared_languages: languages both speak (e.g. {vi}).
 * - matching_times: which of the request's preferred_times they are free in.
 * - matching_slots: their weekly slots inside those times (private.free_times).
 */
create or replace function public.match_volunteers(p_request_id bigint, p_limit integer default 10)
returns table (
  volunteer_id uuid,
  display_name text,
  rank integer,
  score real,
  distance_m integer,
  approx_lat double precision,
  approx_lng double precision,
  level text,
  verified boolean,
  lessons_taught integer,
  no_shows integer,
  open_lessons integer,
  shared_languages text[],
  matching_times text[],
  matching_slots jsonb
)
language plpgsql
stable
security definer
set search_path = ''
set plan_cache_mode = force_generic_plan
as $$
declare
  q record;
  pool integer := greatest(least(coalesce(p_limit, 10), 50) * 3, 30);
begin
  -- The request, its point (private.request_point written out), the learner's languages and
  -- everyone blocked either way (private.blocked_with written out): one statement.
  select r.id, r.learner_id, r.created_by, r.ward_id, r.skill_id, r.place_type, r.preferred_times,
         pt.lat, pt.lng, private.earth_point(pt.lat, pt.lng) as origin,
         coalesce(lp.languages, '{}') as languages,
         private.period_bits(r.preferred_times) as wanted_bits,
         bl.ids || r.learner_id as blocked
  into q
  from public.help_requests r
  cross join lateral (
    select coalesce(v.lat, hp.lat, h.lat, r.approx_lat) as lat,
           coalesce(v.lng, hp.lng, h.lng, r.approx_lng) as lng
    from (select) as one
    left join public.venues v on r.place_type = 'venue' and v.id = r.venue_id
    left join private.help_request_points hp on r.place_type = 'near_point' and hp.request_id = r.id
    left join public.home_locations h on r.place_type = 'home' and h.profile_id = r.learner_id
  ) pt
  left join public.profiles lp on lp.id = r.learner_id
  cross join lateral (
    select coalesce(array_agg(case when b.blocker_id = r.learner_id then b.blocked_id else b.blocker_id end), '{}') as ids
    from public.blocks b
    where b.blocker_id = r.learner_id or b.blocked_id = r.learner_id
  ) bl
  where r.id = p_request_id;
  if q.id is null
     or not (
       q.learner_id = (select auth.uid())
       or q.created_by = (select auth.uid())
       or private.is_coordinator_of(q.ward_id)
     ) then
    raise exception 'you can only match your own help requests' using errcode = '42501';
  end if;

  return query
  with candidates as materialized (
    -- The KNN walk: skill_homes_knn_idx in distance order, this skill only, filtered as it goes.
    select sh.profile_id, sh.approx_lat, sh.approx_lng, sh.level, sh.display_name, sh.languages,
           sh.verified, sh.free_bits, sh.taught, sh.missed,
           private.haversine_m(sh.lat, sh.lng, q.lat, q.lng) as metres
    from private.skill_homes sh
    where sh.skill_id = q.skill_id
      and sh.profile_id <> all (q.blocked)
      and private.may_teach_at(
        sh.can_teach, sh.teaching_places, sh.teaching_radius_m, sh.verified,
        q.place_type, private.haversine_m(sh.lat, sh.lng, q.lat, q.lng)
      )
    order by private.earth_point(sh.lat, sh.lng) operator(extensions.<->) q.origin
    limit pool
  ),
  scored as (
    select
      c.*, live.load,
      array(select unnest(c.languages) intersect select unnest(q.languages) order by 1) as shared
    from candidates c
    cross join lateral (
      select count(*)::integer as load
      from public.sessions s
      where s.teacher_id = c.profile_id and s.status in ('proposed', 'scheduled') and s.ends_at > now()
    ) live
  ),
  ranked as (
    select
      s.*,
      (40.0 / (1 + s.metres / 1000.0)
        + case when cardinality(q.preferred_times) = 0 then 10
               when s.free_bits & q.wanted_bits <> 0 then 25 else 0 end
        + case when cardinality(s.shared) > 0 then 15 else 0 end
        + case when s.verified then 10 else 0 end
        + 5.0 * (s.taught + 1) / (s.taught + s.missed + 2)
        + 5.0 * least(s.taught, 20) / 20
        - least(s.load, 3) * 4)::real as total
    from scored s
  ),
  top as materialized (
    select r.*, (row_number() over (order by r.total desc, r.metres, r.profile_id))::integer as place
    from ranked r
    order by r.total desc, r.metres, r.profile_id
    limit least(coalesce(p_limit, 10), 50)
  )
  select t.profile_id, t.display_name, t.place, t.total, private.shown_distance(t.metres),
         t.approx_lat, t.approx_lng, t.level, t.verified, t.taught, t.missed, t.load, t.shared,
         f.times, f.slots
  from top t
  cross join lateral private.free_times(t.profile_id, q.preferred_times) f
  order by t.place;
end;
$$;
