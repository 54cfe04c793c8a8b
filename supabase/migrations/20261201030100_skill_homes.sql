-- =============================================================================
-- A skill-aware index for matching
--
-- match_volunteers walked every volunteer's home in distance order and kept
-- those who teach the request's skill: with 14 skills that is five homes read
-- for each one kept, and for a skill few people teach the walk read the whole
-- city before giving up. `private.skill_homes` keeps one row per (skill,
-- volunteer with a home), and a GiST index on (skill_id, point) (btree_gist
-- for the bigint) lets the nearest-neighbour walk read only the homes of
-- people who teach that skill. Triggers keep it in step with volunteer_skills
-- and home_locations; nobody but the database reads it (exact homes).
-- =============================================================================

create extension if not exists btree_gist with schema extensions;

/**
 * The homes of the people who teach each skill, for the KNN walk of
 * match_volunteers. Exact positions: no client ever reads this table.
 */
create table private.skill_homes (
  skill_id bigint not null references public.skills (id) on delete cascade,
  profile_id uuid not null references public.profiles (id) on delete cascade,
  lat double precision not null,
  lng double precision not null,
  primary key (skill_id, profile_id)
);

comment on table private.skill_homes is
  'One row per (skill, volunteer with a home): the skill-aware KNN index for match_volunteers.';

create index skill_homes_profile_id_idx on private.skill_homes (profile_id);
create index skill_homes_knn_idx on private.skill_homes using gist (skill_id, private.earth_point(lat, lng));

alter table private.skill_homes enable row level security;
revoke all on private.skill_homes from public, anon, authenticated;

insert into private.skill_homes (skill_id, profile_id, lat, lng)
select vs.skill_id, vs.profile_id, h.lat, h.lng
from public.volunteer_skills vs
join public.home_locations h on h.profile_id = vs.profile_id
on conflict do nothing;

/**
 * Rebuilds one person's rows of private.skill_homes from their skills and home.
 */
create or replace function private.refresh_skill_homes(p_profile_id uuid)
returns void
language sql
volatile
security definer
set search_path = ''
as $$
  delete from private.skill_homes where profile_id = p_profile_id;
  insert into private.skill_homes (skill_id, profile_id, lat, lng)
  select vs.skill_id, vs.profile_id, h.lat, h.lng
  from public.volunteer_skills vs
  join public.home_locations h on h.profile_id = vs.profile_id
  where vs.profile_id = p_profile_id
  on conflict do nothing;
$$;

revoke execute on function private.refresh_skill_homes(uuid) from public, anon, authenticated;

/**
 * Keeps private.skill_homes in step when skills or a home change.
 */
create or replace function private.sync_skill_homes()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform private.refresh_skill_homes(old.profile_id);
  end if;
  if tg_op in ('INSERT', 'UPDATE') and (tg_op = 'INSERT' or new.profile_id is distinct from old.profile_id) then
    perform private.refresh_skill_homes(new.profile_id);
  end if;
  return null;
end;
$$;

revoke execute on function private.sync_skill_homes() from public, anon, authenticated;

create trigger volunteer_skills_sync_skill_homes
  after insert or update or delete on public.volunteer_skills
  for each row execute function private.sync_skill_homes();

create trigger home_locations_sync_skill_homes
  after insert or update of profile_id, lat, lng or delete on public.home_locations
  for each row execute function private.sync_skill_homes();

-- -----------------------------------------------------------------------------
-- match_volunteers walks the skill's homes
-- -----------------------------------------------------------------------------

/**
 * The volunteers to offer a help request to, best first. Callable by the
 * learner, whoever filed the request and the coordinators of its ward.
 *
 * Candidates are found by nearest-neighbour search over the homes of the
 * people who teach the request's skill (`<->` on skill_homes_knn_idx, a GiST
 * on (skill_id, point)) from the request's exact point, across ward borders,
 * keeping those who may teach at the request's place (private.may_teach_at:
 * can teach, accept this kind of place, within their radius, verified for a
 * home) and are not blocked either way. The 30 nearest candidates (or
 * 3 x p_limit) are then scored:
 *   distance 40 / (1 + km) + availability 25 (any slot in the preferred
 *   times; 10 when no time was given) + language 15 (any shared) + verified
 *   10 + reliability 5 x (taught + 1) / (taught + no-shows + 2) + experience
 *   5 x min(taught, 20) / 20 - load 4 per live lesson (at most 12).
 * Runs with a generic plan: planning the query anew on each call cost more
 * than running it, and the generic plan walks the same index.
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
  req public.help_requests;
  pt record;
  origin extensions.earth;
  learner_languages text[];
  blocked uuid[];
  pool integer := greatest(least(coalesce(p_limit, 10), 50) * 3, 30);
begin
  select * into req from public.help_requests r where r.id = p_request_id;
  if req.id is null
     or not (
       req.learner_id = (select auth.uid())
       or req.created_by = (select auth.uid())
       or private.is_coordinator_of(req.ward_id)
     ) then
    raise exception 'you can only match your own help requests' using errcode = '42501';
  end if;
  -- private.request_point, written out: as a call it was planned anew each time (a quarter of
  -- the whole match on 100,000 volunteers).
  select coalesce(v.lat, hp.lat, h.lat, req.approx_lat) as lat,
         coalesce(v.lng, hp.lng, h.lng, req.approx_lng) as lng
  into pt
  from (select) as one
  left join public.venues v on req.place_type = 'venue' and v.id = req.venue_id
  left join private.help_request_points hp on req.place_type = 'near_point' and hp.request_id = req.id
  left join public.home_locations h on req.place_type = 'home' and h.profile_id = req.learner_id;
  origin := private.earth_point(pt.lat, pt.lng);
  select p.languages into learner_languages from public.profiles p where p.id = req.learner_id;
  -- private.blocked_with, written out for the same reason.
  select coalesce(array_agg(case when b.blocker_id = req.learner_id then b.blocked_id else b.blocker_id end), '{}')
         || req.learner_id
  into blocked
  from public.blocks b
  where b.blocker_id = req.learner_id or b.blocked_id = req.learner_id;

  return query
  with candidates as materialized (
    -- The KNN walk: skill_homes_knn_idx in distance order, this skill only, filtered as it goes.
    select sh.profile_id, h.approx_lat, h.approx_lng, vs.level, p.display_name, p.languages,
           private.haversine_m(sh.lat, sh.lng, pt.lat, pt.lng) as metres,
           v.profile_id is not null as is_verified
    from private.skill_homes sh
    join public.home_locations h on h.profile_id = sh.profile_id
    join public.profiles p on p.id = sh.profile_id
    join public.volunteer_skills vs on vs.profile_id = sh.profile_id and vs.skill_id = sh.skill_id
    left join public.volunteer_verifications v on v.profile_id = sh.profile_id and v.ward_id = p.ward_id
    where sh.skill_id = req.skill_id
      and sh.profile_id <> all (blocked)
      and private.may_teach_at(
        p.can_teach, p.teaching_places, p.teaching_radius_m, v.profile_id is not null,
        req.place_type, private.haversine_m(sh.lat, sh.lng, pt.lat, pt.lng)
      )
    order by private.earth_point(sh.lat, sh.lng) operator(extensions.<->) origin
    limit pool
  ),
  facts as materialized (
    select
      c.*,
      record.taught, record.missed, record.load,
      array(select unnest(c.languages) intersect select unnest(learner_languages) order by 1) as shared,
      f.times, f.slots
    from candidates c
    cross join lateral (
      -- One walk over the volunteer's sessions (sessions_teacher_id_idx) for all three counts.
      select
        (count(*) filter (where s.status = 'completed'))::integer as taught,
        (count(*) filter (where s.status = 'no_show'))::integer as missed,
        (count(*) filter (where s.status in ('proposed', 'scheduled') and s.ends_at > now()))::integer
          as load
      from public.sessions s
      where s.teacher_id = c.profile_id
    ) record
    cross join lateral private.free_times(c.profile_id, req.preferred_times) f
  ),
  scored as (
    select
      f.*,
      (40.0 / (1 + f.metres / 1000.0)
        + case when cardinality(req.preferred_times) = 0 then 10
               when cardinality(f.times) > 0 then 25 else 0 end
        + case when cardinality(f.shared) > 0 then 15 else 0 end
        + case when f.is_verified then 10 else 0 end
        + 5.0 * (f.taught + 1) / (f.taught + f.missed + 2)
        + 5.0 * least(f.taught, 20) / 20
        - least(f.load, 3) * 4)::real as total
    from facts f
  )
  select s.profile_id, s.display_name,
         (row_number() over (order by s.total desc, s.metres, s.profile_id))::integer,
         s.total, private.shown_distance(s.metres), s.approx_lat, s.approx_lng, s.level,
         s.is_verified, s.taught, s.missed, s.load, s.shared, s.times, s.slots
  from scored s
  order by s.total desc, s.metres, s.profile_id
  limit least(coalesce(p_limit, 10), 50);
end;
$$;
