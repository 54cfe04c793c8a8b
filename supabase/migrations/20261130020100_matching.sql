-- =============================================================================
-- Matching: learners and volunteers find each other across ward borders
--
-- `match_volunteers` ranks, for one help request, the volunteers who teach its
-- skill by distance (KNN `<->` on the GiST index over home locations, bounded
-- by each volunteer's teaching radius), availability overlap, shared language,
-- verification, reliability and current load. `nearby_requests` is the mirror
-- for a volunteer; `map_cells` feeds the map with counts per grid cell and
-- exact venue pins.
--
-- Privacy rules decided here (and tested in 021/022 and the integration suite):
-- - Distances are rounded to 100 m and never shown below 200 m, so repeated
--   queries cannot triangulate a home; positions are grid cells (~440 m).
-- - Blocked pairs never see each other, in either direction.
-- - Verification counts only in the ward where it was given: a volunteer who
--   changes ward is unverified until that ward's coordinator verifies them.
-- - Only verified volunteers are offered requests at a learner's home. A
--   self-declared (unverified) volunteer is offered requests at venues and
--   public points only, at cell precision, without notes or needs.
-- - The exact point a learner chose (`near_lat`/`near_lng`) is kept apart, in
--   private.help_request_points; the table's columns hold its grid cell, so
--   nobody (not even a volunteer of the ward) reads the café at the mouth of
--   the alley from the table. `request_place()` gives the exact point to the
--   learner, whoever filed the request and the teacher of a scheduled session.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- Small helpers
-- -----------------------------------------------------------------------------

/**
 * Great-circle distance in metres between two points (haversine, on the same
 * sphere as `earthdistance`: radius 6378168 m). Built-ins only and no SET
 * clause on purpose, so that the planner inlines it into the matching
 * queries instead of calling a function per scanned row.
 */
create or replace function private.haversine_m(
  lat1 double precision, lng1 double precision, lat2 double precision, lng2 double precision
)
returns double precision
language sql
immutable
parallel safe
as $$
  select 2 * 6378168 * asin(least(1, sqrt(
    power(sin(radians(lat2 - lat1) / 2), 2)
    + cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lng2 - lng1) / 2), 2)
  )));
$$;

revoke execute on function private.haversine_m(double precision, double precision, double precision, double precision)
  from public, anon;
grant execute on function private.haversine_m(double precision, double precision, double precision, double precision)
  to authenticated, service_role;

/**
 * A distance as it may be shown to people: whole hundreds of metres, never
 * below 200 m, so that repeated queries cannot locate a home.
 */
create or replace function private.shown_distance(metres double precision)
returns integer
language sql
immutable
parallel safe
set search_path = ''
as $$
  select greatest(200, (round(metres / 100.0) * 100)::integer);
$$;

revoke execute on function private.shown_distance(double precision) from public, anon;
grant execute on function private.shown_distance(double precision) to authenticated, service_role;

/**
 * Everyone the person has blocked or been blocked by.
 */
create or replace function private.blocked_with(p_profile_id uuid)
returns uuid[]
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(array_agg(case when b.blocker_id = p_profile_id then b.blocked_id else b.blocker_id end), '{}')
  from public.blocks b
  where b.blocker_id = p_profile_id or b.blocked_id = p_profile_id;
$$;

revoke execute on function private.blocked_with(uuid) from public, anon, authenticated;

/**
 * True when the person is a volunteer verified by a coordinator of the ward
 * they live in now. Moving to another ward suspends the verification, so a
 * ward hop cannot carry trust into a ward whose coordinators never checked.
 */
create or replace function private.is_verified_volunteer(p_profile_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1
    from public.profiles p
    join public.volunteer_verifications v on v.profile_id = p.id and v.ward_id = p.ward_id
    where p.id = p_profile_id and p.can_teach
  );
$$;

revoke execute on function private.is_verified_volunteer(uuid) from public, anon;
grant execute on function private.is_verified_volunteer(uuid) to authenticated, service_role;

/**
 * Where a volunteer teaches from: their exact home, else their ward's centre.
 * Only ever used inside the database; never returned.
 */
create or replace function private.teaching_point(
  p_profile_id uuid,
  out lat double precision,
  out lng double precision
)
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(h.lat, a.center_lat), coalesce(h.lng, a.center_lng)
  from public.profiles p
  left join public.home_locations h on h.profile_id = p.id
  left join public.areas a on a.id = p.ward_id
  where p.id = p_profile_id;
$$;

revoke execute on function private.teaching_point(uuid) from public, anon, authenticated;

-- -----------------------------------------------------------------------------
-- Exact chosen points, kept apart from the table everyone may read rows of
-- -----------------------------------------------------------------------------

/**
 * The exact point a learner chose for a request at a public point. The
 * request row itself keeps only the grid cell in near_lat/near_lng. No client
 * reads this table; request_place() decides who gets the point.
 */
create table private.help_request_points (
  request_id bigint primary key,
  lat double precision not null check (lat between -90 and 90),
  lng double precision not null check (lng between -180 and 180)
);

comment on table private.help_request_points is
  'Exact near_point of help requests (the table keeps only the cell); read via request_place().';

alter table private.help_request_points enable row level security;
revoke all on private.help_request_points from public, anon, authenticated;

/**
 * Keeps a chosen point out of the request row: a new or moved point is stored
 * exactly in private.help_request_points and the row keeps its grid cell. A
 * form that sends back the cell it read leaves the exact point as it was.
 * Runs before help_requests_prepare (trigger names sort alphabetically).
 */
create or replace function private.keep_request_point_private()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.place_type <> 'near_point' or new.near_lat is null or new.near_lng is null then
    if tg_op = 'UPDATE' then
      delete from private.help_request_points where request_id = new.id;
    end if;
    return new;
  end if;
  if tg_op = 'INSERT'
     or new.near_lat is distinct from old.near_lat or new.near_lng is distinct from old.near_lng
     or not exists (select 1 from private.help_request_points p where p.request_id = new.id) then
    insert into private.help_request_points (request_id, lat, lng)
    values (new.id, new.near_lat, new.near_lng)
    on conflict (request_id) do update set lat = excluded.lat, lng = excluded.lng;
    new.near_lat := private.snap_to_grid(new.near_lat);
    new.near_lng := private.snap_to_grid(new.near_lng);
  end if;
  return new;
end;
$$;

revoke execute on function private.keep_request_point_private() from public, anon, authenticated;

create trigger help_requests_keep_point_private
  before insert or update of place_type, near_lat, near_lng on public.help_requests
  for each row execute function private.keep_request_point_private();

/**
 * A deleted request takes its exact point with it.
 */
create or replace function private.forget_request_point()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  delete from private.help_request_points where request_id = old.id;
  return null;
end;
$$;

revoke execute on function private.forget_request_point() from public, anon, authenticated;

create trigger help_requests_forget_point
  after delete on public.help_requests
  for each row execute function private.forget_request_point();

-- Requests filed before this migration: move their points out of the rows.
insert into private.help_request_points (request_id, lat, lng)
select r.id, r.near_lat, r.near_lng from public.help_requests r
where r.place_type = 'near_point' and r.near_lat is not null and r.near_lng is not null;
update public.help_requests r
set near_lat = private.snap_to_grid(r.near_lat), near_lng = private.snap_to_grid(r.near_lng)
where r.id in (select request_id from private.help_request_points);

/**
 * The exact point a request is at: the venue, the chosen public point, the
 * learner's home, or the ward's centre. Only ever used inside the database.
 */
create or replace function private.request_point(
  p_request_id bigint,
  out lat double precision,
  out lng double precision
)
language sql
stable
security definer
set search_path = ''
as $$
  select
    coalesce(v.lat, hp.lat, h.lat, r.approx_lat),
    coalesce(v.lng, hp.lng, h.lng, r.approx_lng)
  from public.help_requests r
  left join public.venues v on r.place_type = 'venue' and v.id = r.venue_id
  left join private.help_request_points hp on r.place_type = 'near_point' and hp.request_id = r.id
  left join public.home_locations h on r.place_type = 'home' and h.profile_id = r.learner_id
  where r.id = p_request_id;
$$;

revoke execute on function private.request_point(bigint) from public, anon, authenticated;

/**
 * True when the open request is offered to the signed-in volunteer: they say
 * they can teach, teach its skill, the request's cell is within their teaching
 * radius of where they teach from, neither has blocked the other, it is not
 * their own, and a request at a learner's home needs a verified volunteer.
 */
create or replace function private.is_offered_request(p_request_id bigint)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1
    from public.help_requests r
    join public.profiles me on me.id = (select auth.uid()) and me.can_teach
    join public.volunteer_skills vs on vs.profile_id = me.id and vs.skill_id = r.skill_id
    cross join lateral private.teaching_point(me.id) tp
    where r.id = p_request_id
      and r.status = 'open'
      and r.learner_id <> me.id
      and r.created_by is distinct from me.id
      and (r.place_type <> 'home' or private.is_verified_volunteer(me.id))
      and private.haversine_m(tp.lat, tp.lng, r.approx_lat, r.approx_lng) <= me.teaching_radius_m
      and not private.is_blocked_between(me.id, r.learner_id)
  );
$$;

revoke execute on function private.is_offered_request(bigint) from public, anon;
grant execute on function private.is_offered_request(bigint) to authenticated, service_role;

/**
 * True when the volunteer would be offered the given request: teaches its
 * skill, has a home within their radius of the request's point, is not
 * blocked either way, and is verified when the request is at a home.
 */
create or replace function private.volunteer_matches_request(p_volunteer_id uuid, p_request_id bigint)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1
    from public.help_requests r
    join public.profiles p on p.id = p_volunteer_id and p.can_teach
    join public.volunteer_skills vs on vs.profile_id = p.id and vs.skill_id = r.skill_id
    join public.home_locations h on h.profile_id = p.id
    cross join lateral private.request_point(r.id) rp
    where r.id = p_request_id
      and r.status = 'open'
      and p.id <> r.learner_id
      and (r.place_type <> 'home' or private.is_verified_volunteer(p.id))
      and private.haversine_m(h.lat, h.lng, rp.lat, rp.lng) <= p.teaching_radius_m
      and not private.is_blocked_between(p.id, r.learner_id)
  );
$$;

revoke execute on function private.volunteer_matches_request(uuid, bigint) from public, anon;
grant execute on function private.volunteer_matches_request(uuid, bigint) to authenticated, service_role;

-- -----------------------------------------------------------------------------
-- The volunteers' side of the index: homes of people who can teach
-- -----------------------------------------------------------------------------

-- KNN from a request walks home_locations by distance; the join to profiles and
-- volunteer_skills filters as it goes. A covering index keeps that join cheap.
create index if not exists volunteer_skills_skill_profile_idx
  on public.volunteer_skills (skill_id, profile_id) include (level);

-- -----------------------------------------------------------------------------
-- match_volunteers
-- -----------------------------------------------------------------------------

/**
 * The volunteers to offer a help request to, best first. Callable by the
 * learner, whoever filed the request and the coordinators of its ward.
 *
 * Candidates are found by nearest-neighbour search (`<->` on the GiST index
 * of home locations) from the request's exact point, across ward borders,
 * keeping those who teach the skill, can teach, have the request within
 * their own `teaching_radius_m`, are not blocked either way, and (for a
 * request at home) are verified. The 30 nearest candidates (or 3 x p_limit)
 * are then scored:
 *   distance 40 / (1 + km) + availability 25 (any slot in the preferred
 *   times; 10 when no time was given) + language 15 (any shared) + verified
 *   10 + reliability 5 x (taught + 1) / (taught + no-shows + 2) + experience
 *   5 x min(taught, 20) / 20 - load 4 per live lesson (at most 12).
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
 * - matching_slots: their weekly slots inside those times, as
 *   [{"weekday": 2, "start": "18:30", "end": "21:00", "periods": ["weekday_evening"]}]
 *   (weekday 1 = Monday ... 7 = Sunday, local time; periods = the matching buckets).
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
  select * into pt from private.request_point(req.id);
  origin := private.earth_point(pt.lat, pt.lng);
  select p.languages into learner_languages from public.profiles p where p.id = req.learner_id;
  blocked := private.blocked_with(req.learner_id) || req.learner_id;

  return query
  with candidates as materialized (
    -- The KNN walk: home_locations_earth_idx in distance order, filtered as it goes.
    select h.profile_id, h.approx_lat, h.approx_lng, vs.level, p.display_name, p.languages,
           private.haversine_m(h.lat, h.lng, pt.lat, pt.lng) as metres,
           v.profile_id is not null as is_verified
    from public.home_locations h
    join public.profiles p on p.id = h.profile_id
    join public.volunteer_skills vs on vs.profile_id = h.profile_id and vs.skill_id = req.skill_id
    left join public.volunteer_verifications v on v.profile_id = h.profile_id and v.ward_id = p.ward_id
    where p.can_teach
      and h.profile_id <> all (blocked)
      and private.haversine_m(h.lat, h.lng, pt.lat, pt.lng) <= p.teaching_radius_m
      and (req.place_type <> 'home' or v.profile_id is not null)
    order by private.earth_point(h.lat, h.lng) operator(extensions.<->) origin
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
    cross join lateral (
      -- When they are free within the preferred times (weekday = Mon-Fri, weekend = Sat-Sun;
      -- morning 06-12, afternoon 12-17, evening 17-22, local time), written out here: as a
      -- helper function it ran once per row and the whole call took twice as long.
      select
        coalesce((
          select array_agg(distinct b.name order by b.name)
          from public.availability_slots a
            join (values
              ('weekday_morning', 1, 5, time '06:00', time '12:00'),
              ('weekday_afternoon', 1, 5, time '12:00', time '17:00'),
              ('weekday_evening', 1, 5, time '17:00', time '22:00'),
              ('weekend_morning', 6, 7, time '06:00', time '12:00'),
              ('weekend_afternoon', 6, 7, time '12:00', time '17:00'),
              ('weekend_evening', 6, 7, time '17:00', time '22:00')
            ) as b (name, first_day, last_day, starts, ends)
              on a.weekday between b.first_day and b.last_day and a.start_time < b.ends and a.end_time > b.starts
            where a.profile_id = c.profile_id and b.name = any (req.preferred_times)
        ), '{}') as times,
        coalesce((
          select jsonb_agg(jsonb_build_object(
                   'weekday', ps.weekday, 'start', to_char(ps.start_time, 'HH24:MI'),
                   'end', to_char(ps.end_time, 'HH24:MI'), 'periods', to_jsonb(ps.periods)
                 ) order by ps.weekday, ps.start_time)
          from (
            select a.weekday, a.start_time, a.end_time, array_agg(b.name order by b.name) as periods
            from public.availability_slots a
            join (values
              ('weekday_morning', 1, 5, time '06:00', time '12:00'),
              ('weekday_afternoon', 1, 5, time '12:00', time '17:00'),
              ('weekday_evening', 1, 5, time '17:00', time '22:00'),
              ('weekend_morning', 6, 7, time '06:00', time '12:00'),
              ('weekend_afternoon', 6, 7, time '12:00', time '17:00'),
              ('weekend_evening', 6, 7, time '17:00', time '22:00')
            ) as b (name, first_day, last_day, starts, ends)
              on a.weekday between b.first_day and b.last_day and a.start_time < b.ends and a.end_time > b.starts
            where a.profile_id = c.profile_id and b.name = any (req.preferred_times)
            group by a.weekday, a.start_time, a.end_time
          ) ps
        ), '[]'::jsonb) as slots
    ) f
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

revoke execute on function public.match_volunteers(bigint, integer) from public, anon;
grant execute on function public.match_volunteers(bigint, integer) to authenticated, service_role;

-- -----------------------------------------------------------------------------
-- nearby_requests
-- -----------------------------------------------------------------------------

/**
 * Open help requests offered to the signed-in volunteer, nearest first:
 * skills they teach (or only p_skill_id), within their teaching radius of
 * their home (else their ward's centre), across ward borders, never from or
 * to someone blocked either way. Requests at a learner's home are offered
 * only to verified volunteers. Positions are grid cells, exact only for
 * venues (public places). An unverified volunteer gets no notes, needs or
 * priority groups.
 *
 * Columns:
 * - request_id, skill_id, skill_slug, skill_title_vi, skill_title_en, skill_icon.
 * - place_type: 'home' | 'venue' | 'near_point'; venue_id, venue_name_vi,
 *   venue_name_en when at a venue.
 * - ward_id, ward_name_vi, ward_name_en: the learner's ward.
 * - lat, lng: the request's grid cell (a venue's exact pin).
 * - distance_m: from where the volunteer teaches, rounded to 100 m, >= 200.
 * - preferred_times: the learner's time buckets.
 * - matching_times, matching_slots: as in match_volunteers, for this volunteer.
 * - shared_languages: languages both speak.
 * - accessibility_needs, priority_groups, notes: verified volunteers only
 *   ('{}' / null otherwise).
 * - created_at: when the learner asked.
 */
create or replace function public.nearby_requests(p_limit integer default 50, p_skill_id bigint default null)
returns table (
  request_id bigint,
  skill_id bigint,
  skill_slug text,
  skill_title_vi text,
  skill_title_en text,
  skill_icon text,
  place_type text,
  venue_id bigint,
  venue_name_vi text,
  venue_name_en text,
  ward_id bigint,
  ward_name_vi text,
  ward_name_en text,
  lat double precision,
  lng double precision,
  distance_m integer,
  preferred_times text[],
  matching_times text[],
  matching_slots jsonb,
  shared_languages text[],
  accessibility_needs text[],
  priority_groups text[],
  notes text,
  created_at timestamptz
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  me public.profiles;
  pt record;
  origin extensions.earth;
  trusted boolean;
  blocked uuid[];
begin
  select * into me from public.profiles p where p.id = (select auth.uid());
  if me.id is null or not me.can_teach then
    return;
  end if;
  select * into pt from private.teaching_point(me.id);
  if pt.lat is null then
    return;
  end if;
  origin := private.earth_point(pt.lat, pt.lng);
  trusted := private.is_verified_volunteer(me.id);
  blocked := private.blocked_with(me.id);

  return query
  with candidates as (
    -- The KNN walk on help_requests_open_earth_idx (open requests only).
    select r.*, private.haversine_m(r.approx_lat, r.approx_lng, pt.lat, pt.lng) as metres
    from public.help_requests r
    where r.status = 'open'
      and r.skill_id in (
        select vs.skill_id from public.volunteer_skills vs
        where vs.profile_id = me.id and (p_skill_id is null or vs.skill_id = p_skill_id)
      )
      and r.learner_id <> me.id
      and r.created_by is distinct from me.id
      and (trusted or r.place_type <> 'home')
      and private.haversine_m(r.approx_lat, r.approx_lng, pt.lat, pt.lng) <= me.teaching_radius_m
      and r.learner_id <> all (blocked)
    order by private.earth_point(r.approx_lat, r.approx_lng) operator(extensions.<->) origin
    limit least(greatest(coalesce(p_limit, 50), 1), 200)
  )
  select c.id, c.skill_id, s.slug, s.title_vi, s.title_en, coalesce(s.icon, sc.icon),
         c.place_type, c.venue_id, v.name_vi, v.name_en,
         c.ward_id, a.name_vi, a.name_en,
         c.approx_lat, c.approx_lng, private.shown_distance(c.metres),
         c.preferred_times, f.times, f.slots,
         array(select unnest(lp.languages) intersect select unnest(me.languages) order by 1),
         case when trusted then c.accessibility_needs else '{}'::text[] end,
         case when trusted then c.priority_groups else '{}'::text[] end,
         case when trusted then c.notes end,
         c.created_at
  from candidates c
  join public.skills s on s.id = c.skill_id
  join public.skill_categories sc on sc.id = s.category_id
  join public.areas a on a.id = c.ward_id
  join public.profiles lp on lp.id = c.learner_id
  left join public.venues v on v.id = c.venue_id
  cross join lateral (
    -- When they are free within the preferred times (weekday = Mon-Fri, weekend = Sat-Sun;
    -- morning 06-12, afternoon 12-17, evening 17-22, local time), written out here: as a
    -- helper function it ran once per row and the whole call took twice as long.
    select
      coalesce((
        select array_agg(distinct b.name order by b.name)
        from public.availability_slots a
          join (values
            ('weekday_morning', 1, 5, time '06:00', time '12:00'),
            ('weekday_afternoon', 1, 5, time '12:00', time '17:00'),
            ('weekday_evening', 1, 5, time '17:00', time '22:00'),
            ('weekend_morning', 6, 7, time '06:00', time '12:00'),
            ('weekend_afternoon', 6, 7, time '12:00', time '17:00'),
            ('weekend_evening', 6, 7, time '17:00', time '22:00')
          ) as b (name, first_day, last_day, starts, ends)
            on a.weekday between b.first_day and b.last_day and a.start_time < b.ends and a.end_time > b.starts
          where a.profile_id = me.id and b.name = any (c.preferred_times)
      ), '{}') as times,
      coalesce((
        select jsonb_agg(jsonb_build_object(
                 'weekday', ps.weekday, 'start', to_char(ps.start_time, 'HH24:MI'),
                 'end', to_char(ps.end_time, 'HH24:MI'), 'periods', to_jsonb(ps.periods)
               ) order by ps.weekday, ps.start_time)
        from (
          select a.weekday, a.start_time, a.end_time, array_agg(b.name order by b.name) as periods
          from public.availability_slots a
          join (values
            ('weekday_morning', 1, 5, time '06:00', time '12:00'),
            ('weekday_afternoon', 1, 5, time '12:00', time '17:00'),
            ('weekday_evening', 1, 5, time '17:00', time '22:00'),
            ('weekend_morning', 6, 7, time '06:00', time '12:00'),
            ('weekend_afternoon', 6, 7, time '12:00', time '17:00'),
            ('weekend_evening', 6, 7, time '17:00', time '22:00')
          ) as b (name, first_day, last_day, starts, ends)
            on a.weekday between b.first_day and b.last_day and a.start_time < b.ends and a.end_time > b.starts
          where a.profile_id = me.id and b.name = any (c.preferred_times)
          group by a.weekday, a.start_time, a.end_time
        ) ps
      ), '[]'::jsonb) as slots
  ) f
  order by c.metres, c.id;
end;
$$;

revoke execute on function public.nearby_requests(integer, bigint) from public, anon;
grant execute on function public.nearby_requests(integer, bigint) to authenticated, service_role;

-- -----------------------------------------------------------------------------
-- map_cells
-- -----------------------------------------------------------------------------

/**
 * What the map shows: open requests and volunteers counted per grid cell
 * (~440 m, never a person's point) and venues as exact pins, optionally for
 * one skill and inside a bounding box. People who blocked the caller, or
 * whom the caller blocked, are not counted. Requests at a learner's home are
 * counted only for verified volunteers and coordinators (as in nearby_requests).
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
           private.is_verified_volunteer((select auth.uid())) or private.is_coordinator() as trusted,
           private.blocked_with((select auth.uid())) as blocked
  ),
  box as (
    select coalesce(p_south, -90) as s, coalesce(p_west, -180) as w,
           coalesce(p_north, 90) as n, coalesce(p_east, 180) as e
  )
  select 'requests', r.approx_lat, r.approx_lng, count(*)::integer, null::bigint, null::text, null::text
  from public.help_requests r, me, box
  where r.status = 'open'
    and (p_skill_id is null or r.skill_id = p_skill_id)
    and (me.trusted or r.place_type <> 'home')
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

revoke execute on function public.map_cells(bigint, double precision, double precision, double precision, double precision)
  from public, anon;
grant execute on function public.map_cells(bigint, double precision, double precision, double precision, double precision)
  to authenticated, service_role;

-- -----------------------------------------------------------------------------
-- Exact places of requests belong to the learner, their filer and their teacher
-- -----------------------------------------------------------------------------

-- Volunteers of a ward no longer see its open requests wholesale: they see the
-- requests offered to them (as nearby_requests does), whichever ward.

drop policy "Open help requests are visible to volunteers of the same ward" on public.help_requests;

create policy "Volunteers see the open help requests offered to them"
  on public.help_requests for select
  to authenticated
  using (status = 'open' and (select private.is_offered_request(id)));

/**
 * Where a help request takes place. Exact (the venue, the chosen point, or
 * the learner's home) for the learner, whoever filed the request and the
 * teacher of a scheduled session for it; the grid cell for anyone else who
 * may see the request (coordinators of its ward, volunteers it is offered to,
 * the teacher of a proposed session). No row for anyone else.
 *
 * Columns:
 * - lat, lng: the point.
 * - exact: true when the point is exact, false for a grid cell (~440 m).
 */
create or replace function public.request_place(p_request_id bigint)
returns table (lat double precision, lng double precision, exact boolean)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  req public.help_requests;
  pt record;
begin
  select * into req from public.help_requests r where r.id = p_request_id;
  if req.id is null then
    return;
  end if;
  if req.learner_id = (select auth.uid())
     or req.created_by = (select auth.uid())
     or exists (
       select 1 from public.sessions s
       where s.request_id = req.id and s.teacher_id = (select auth.uid()) and s.status = 'scheduled'
     ) then
    select * into pt from private.request_point(req.id);
    return query select pt.lat, pt.lng, true;
  elsif private.is_coordinator_of(req.ward_id)
     or private.teaches_request(req.id)
     or (req.status = 'open' and private.is_offered_request(req.id)) then
    return query select req.approx_lat, req.approx_lng, false;
  end if;
end;
$$;

revoke execute on function public.request_place(bigint) from public, anon;
grant execute on function public.request_place(bigint) to authenticated, service_role;
