-- =============================================================================
-- Matching gaps: places a volunteer accepts, ward hops, one eligibility rule,
-- a faster match, and the people a helper registered
--
-- - `profiles.teaching_places` now counts: a volunteer who does not teach at
--   learners' homes is not offered home requests (nor venue / public-point
--   ones when they left those out), in match_volunteers, nearby_requests and
--   everywhere "offered to" is decided.
-- - Ward hops: `ward_id` and `can_teach` are self-set. A self-declared
--   (unverified) volunteer is never offered a request at a learner's home, and
--   now also cannot propose a lesson for one, nor propose any lesson at a
--   home, nor propose for a request merely because it lies in the ward they
--   claim to live in: outside what is offered to them (skill, radius, places,
--   blocks), only a volunteer verified in that ward or its coordinator may.
--   Verification counts only in the ward where it was given, so a verified
--   volunteer who hops is unverified there. A hop gains nothing personal.
-- - One eligibility rule, `private.may_teach_at`, and one availability helper,
--   `private.free_times`, both SQL functions the planner inlines (immutable or
--   stable, no SET clause, not security definer), so the KNN walk keeps its
--   GiST index and nothing is called per row.
-- - Speed: private.earth_point had a SET clause, so it could not be inlined
--   and ran as a function call for every row the KNN walk returned (the
--   ORDER BY expression is projected per row); its body is now fully
--   qualified and inlinable, and the index expression is unchanged.
--   match_volunteers uses a generic plan (re-planning the big query on every
--   call cost more than running it).
-- - Claim codes expire after 30 days (a helper can issue a new one at any
--   time); `my_registered_learners` lists the people a helper registered and
--   whether they have claimed their account yet.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- earth_point, inlinable
-- -----------------------------------------------------------------------------

/**
 * A point on the earth for GiST indexes and KNN (`<->`) searches: the body of
 * earthdistance's `ll_to_earth`, with every name qualified. No SET clause on
 * purpose: qualified names need no search_path (index maintenance works with
 * any), and without SET the planner inlines it, so the KNN walk computes it
 * in C per row instead of calling a SQL function per row. Same value as
 * `ll_to_earth`, so the indexes built on it stay valid.
 */
create or replace function private.earth_point(lat double precision, lng double precision)
returns extensions.earth
language sql
immutable
parallel safe
as $$
  select extensions.cube(
    extensions.cube(
      extensions.cube(extensions.earth() * cos(radians(lat)) * cos(radians(lng))),
      extensions.earth() * cos(radians(lat)) * sin(radians(lng))
    ),
    extensions.earth() * sin(radians(lat))
  )::extensions.earth;
$$;

alter function private.earth_point(double precision, double precision) reset all;

/**
 * A distance as it may be shown to people: whole hundreds of metres, never
 * below 200 m, so that repeated queries cannot locate a home. Built-ins only
 * and no SET clause, so it is inlined rather than called per row.
 */
create or replace function private.shown_distance(metres double precision)
returns integer
language sql
immutable
parallel safe
as $$
  select greatest(200, (round(metres / 100.0) * 100)::integer);
$$;

alter function private.shown_distance(double precision) reset all;

-- -----------------------------------------------------------------------------
-- The eligibility rule and free times, shared by the matching functions
-- -----------------------------------------------------------------------------

/**
 * True when a volunteer may be offered a request: they say they can teach,
 * they accept to teach at that kind of place, the request is within their
 * teaching radius, and a request at a learner's home needs a volunteer
 * verified in the ward they live in. The skill and blocks are joins, left to
 * the callers. Plain SQL without SET, immutable: the planner inlines it, so
 * it costs nothing per row and the KNN index is still used.
 */
create or replace function private.may_teach_at(
  p_can_teach boolean,
  p_teaching_places text[],
  p_teaching_radius_m integer,
  p_verified boolean,
  p_place_type text,
  p_metres double precision
)
returns boolean
language sql
immutable
parallel safe
as $$
  select p_can_teach
     and p_place_type = any (p_teaching_places)
     and (p_place_type <> 'home' or p_verified)
     and p_metres <= p_teaching_radius_m;
$$;

revoke execute on function private.may_teach_at(boolean, text[], integer, boolean, text, double precision)
  from public, anon;
grant execute on function private.may_teach_at(boolean, text[], integer, boolean, text, double precision)
  to authenticated, service_role;

/**
 * When a volunteer is free within a request's preferred times (weekday =
 * Mon-Fri, weekend = Sat-Sun; morning 06-12, afternoon 12-17, evening 17-22,
 * local time).
 * - times: the preferred buckets they are free in.
 * - slots: their weekly slots inside those buckets, as
 *   [{"weekday": 2, "start": "18:30", "end": "21:00", "periods": ["weekday_evening"]}].
 * A set-returning SQL function without SET, not strict, not security definer:
 * the planner inlines it into the lateral join of its callers (definer
 * functions), so it is not called per row. Clients cannot call it.
 */
create or replace function private.free_times(p_profile_id uuid, p_preferred_times text[])
returns table (times text[], slots jsonb)
language sql
stable
parallel safe
as $$
  with buckets (name, first_day, last_day, starts, ends) as (
    values
      ('weekday_morning', 1, 5, time '06:00', time '12:00'),
      ('weekday_afternoon', 1, 5, time '12:00', time '17:00'),
      ('weekday_evening', 1, 5, time '17:00', time '22:00'),
      ('weekend_morning', 6, 7, time '06:00', time '12:00'),
      ('weekend_afternoon', 6, 7, time '12:00', time '17:00'),
      ('weekend_evening', 6, 7, time '17:00', time '22:00')
  ),
  free as (
    select a.weekday, a.start_time, a.end_time, b.name
    from public.availability_slots a
    join buckets b
      on a.weekday between b.first_day and b.last_day and a.start_time < b.ends and a.end_time > b.starts
    where a.profile_id = p_profile_id and b.name = any (p_preferred_times)
  )
  select
    coalesce((select array_agg(distinct f.name order by f.name) from free f), '{}'),
    coalesce((
      select jsonb_agg(jsonb_build_object(
               'weekday', ps.weekday, 'start', to_char(ps.start_time, 'HH24:MI'),
               'end', to_char(ps.end_time, 'HH24:MI'), 'periods', to_jsonb(ps.periods)
             ) order by ps.weekday, ps.start_time)
      from (
        select f.weekday, f.start_time, f.end_time, array_agg(f.name order by f.name) as periods
        from free f
        group by f.weekday, f.start_time, f.end_time
      ) ps
    ), '[]'::jsonb);
$$;

revoke execute on function private.free_times(uuid, text[]) from public, anon, authenticated;

-- -----------------------------------------------------------------------------
-- "Offered to" with the places a volunteer accepts
-- -----------------------------------------------------------------------------

/**
 * True when the open request is offered to the signed-in volunteer: they
 * teach its skill, may teach at its place (private.may_teach_at: places they
 * accept, radius from where they teach, verified for a home), it is not their
 * own, and neither has blocked the other.
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
    join public.profiles me on me.id = (select auth.uid())
    join public.volunteer_skills vs on vs.profile_id = me.id and vs.skill_id = r.skill_id
    cross join lateral private.teaching_point(me.id) tp
    where r.id = p_request_id
      and r.status = 'open'
      and r.learner_id <> me.id
      and r.created_by is distinct from me.id
      and private.may_teach_at(
        me.can_teach, me.teaching_places, me.teaching_radius_m,
        r.place_type <> 'home' or private.is_verified_volunteer(me.id),
        r.place_type, private.haversine_m(tp.lat, tp.lng, r.approx_lat, r.approx_lng)
      )
      and not private.is_blocked_between(me.id, r.learner_id)
  );
$$;

/**
 * True when the volunteer would be offered the given request (as in
 * match_volunteers): teaches its skill, may teach at its place from their
 * home, is not blocked either way.
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
    join public.profiles p on p.id = p_volunteer_id
    join public.volunteer_skills vs on vs.profile_id = p.id and vs.skill_id = r.skill_id
    join public.home_locations h on h.profile_id = p.id
    cross join lateral private.request_point(r.id) rp
    where r.id = p_request_id
      and r.status = 'open'
      and p.id <> r.learner_id
      and private.may_teach_at(
        p.can_teach, p.teaching_places, p.teaching_radius_m,
        r.place_type <> 'home' or private.is_verified_volunteer(p.id),
        r.place_type, private.haversine_m(h.lat, h.lng, rp.lat, rp.lng)
      )
      and not private.is_blocked_between(p.id, r.learner_id)
  );
$$;

-- -----------------------------------------------------------------------------
-- match_volunteers
-- -----------------------------------------------------------------------------

/**
 * The volunteers to offer a help request to, best first. Callable by the
 * learner, whoever filed the request and the coordinators of its ward.
 *
 * Candidates are found by nearest-neighbour search (`<->` on the GiST index
 * of home locations) from the request's exact point, across ward borders,
 * keeping those who teach the skill, may teach at the request's place
 * (private.may_teach_at: can teach, accept this kind of place, within their
 * radius, verified for a home) and are not blocked either way. The 30 nearest
 * candidates (or 3 x p_limit) are then scored:
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
    -- The KNN walk: home_locations_earth_idx in distance order, filtered as it goes.
    select h.profile_id, h.approx_lat, h.approx_lng, vs.level, p.display_name, p.languages,
           private.haversine_m(h.lat, h.lng, pt.lat, pt.lng) as metres,
           v.profile_id is not null as is_verified
    from public.home_locations h
    join public.profiles p on p.id = h.profile_id
    join public.volunteer_skills vs on vs.profile_id = h.profile_id and vs.skill_id = req.skill_id
    left join public.volunteer_verifications v on v.profile_id = h.profile_id and v.ward_id = p.ward_id
    where h.profile_id <> all (blocked)
      and private.may_teach_at(
        p.can_teach, p.teaching_places, p.teaching_radius_m, v.profile_id is not null,
        req.place_type, private.haversine_m(h.lat, h.lng, pt.lat, pt.lng)
      )
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

-- -----------------------------------------------------------------------------
-- nearby_requests
-- -----------------------------------------------------------------------------

/**
 * Open help requests offered to the signed-in volunteer, nearest first:
 * skills they teach (or only p_skill_id), at places they may teach at
 * (private.may_teach_at: the kinds of place they accept, within their
 * teaching radius of their home or else their ward's centre, a learner's
 * home only when verified), across ward borders, never from or to someone
 * blocked either way. Positions are grid cells, exact only for venues (public
 * places). An unverified volunteer gets no notes, needs or priority groups.
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
      and private.may_teach_at(
        me.can_teach, me.teaching_places, me.teaching_radius_m, trusted,
        r.place_type, private.haversine_m(r.approx_lat, r.approx_lng, pt.lat, pt.lng)
      )
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
  cross join lateral private.free_times(me.id, c.preferred_times) f
  order by c.metres, c.id;
end;
$$;

-- -----------------------------------------------------------------------------
-- Ward hops: proposing needs an offer, a verification or a coordinator
-- -----------------------------------------------------------------------------

/**
 * Checks a client's new session against its request and files it under the
 * request's ward. A client may propose for a request offered to them
 * (private.is_offered_request), as a volunteer verified in the request's
 * ward, or as its coordinator; a self-declared ward (a hop) is not enough.
 * Runs as the caller so it can tell clients from the database.
 */
create or replace function private.check_session_request()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  facts record;
begin
  if new.request_id is null then
    return new;
  end if;
  select * into facts from private.request_facts(new.request_id);
  if facts.ward_id is null then
    raise exception 'this help request does not exist' using errcode = '23503';
  end if;
  new.ward_id := facts.ward_id;
  if private.is_client() then
    if not (
      private.is_offered_request(new.request_id)
      or private.is_coordinator_of(facts.ward_id)
      or (facts.ward_id = private.my_ward_id() and private.is_verified_volunteer((select auth.uid())))
    ) then
      raise exception 'this help request is not offered to you'
        using errcode = '42501', detail = 'not_offered';
    end if;
    if facts.status = 'cancelled' then
      raise exception 'this help request was cancelled' using errcode = '22023';
    end if;
    if private.is_blocked_between(facts.learner_id, new.teacher_id) then
      raise exception 'one of these people has blocked the other' using errcode = '42501';
    end if;
  end if;
  return new;
end;
$$;

revoke execute on function private.check_session_request() from public, anon, authenticated;

/**
 * A lesson at a learner's home is taught by a volunteer verified in the ward
 * they live in, or set up by the coordinator of the session's ward: a
 * self-declared volunteer cannot propose one, whatever ward they claim.
 * Runs as the caller so it can tell clients from the database.
 */
create or replace function private.check_session_at_home()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.place_type = 'home'
     and private.is_client()
     and not private.is_verified_volunteer(new.teacher_id)
     and not private.is_coordinator_of(new.ward_id) then
    raise exception 'only a volunteer verified by the ward teaches at a learner''s home'
      using errcode = '42501', detail = 'home_needs_verified';
  end if;
  return new;
end;
$$;

revoke execute on function private.check_session_at_home() from public, anon, authenticated;

-- Named to sort after sessions_check_request, which files the session under its request's ward.
create trigger sessions_check_to_home
  before insert or update of place_type, teacher_id on public.sessions
  for each row execute function private.check_session_at_home();

drop policy "Volunteers propose sessions they teach in their ward" on public.sessions;

create policy "Verified volunteers propose sessions they teach in their ward"
  on public.sessions for insert
  to authenticated
  with check (
    teacher_id = (select auth.uid())
    and (select private.is_verified_volunteer((select auth.uid())))
    and ward_id = (select private.my_ward_id())
  );

-- -----------------------------------------------------------------------------
-- Claim codes: shorter-lived, and the helper's list
-- -----------------------------------------------------------------------------

alter table private.assisted_claims alter column expires_at set default now() + interval '30 days';

/**
 * A new claim code for an assisted account not yet claimed (the old one stops
 * working), valid 30 days, for whoever registered it or a coordinator of its
 * ward.
 */
create or replace function public.reissue_claim_code(p_learner_id uuid)
returns text
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  code text := private.new_claim_code();
begin
  if not (private.registered_by_me(p_learner_id) or private.coordinates_profile(p_learner_id)) then
    raise exception 'you did not register this person' using errcode = '42501';
  end if;
  update private.assisted_claims c
  set code_hash = private.claim_code_hash(code), expires_at = now() + interval '30 days'
  where c.profile_id = p_learner_id and c.claimed_at is null;
  if not found then
    raise exception 'this account has already been claimed' using errcode = '22023';
  end if;
  return code;
end;
$$;

/**
 * The people the signed-in helper registered, newest first, and where their
 * claim stands. Codes are never shown again (only their hash is kept); a
 * helper issues a new one with reissue_claim_code.
 *
 * Columns:
 * - learner_id, display_name: the person (their account while unclaimed).
 * - registered_at: when the helper registered them.
 * - expires_at: when the current claim code stops working.
 * - claimed: true once the person took the account over (by phone or code).
 */
create or replace function public.my_registered_learners()
returns table (
  learner_id uuid,
  display_name text,
  registered_at timestamptz,
  expires_at timestamptz,
  claimed boolean
)
language sql
stable
security definer
set search_path = ''
as $$
  select c.profile_id, p.display_name, c.created_at, c.expires_at, c.claimed_at is not null
  from private.assisted_claims c
  join public.profiles p on p.id = c.profile_id
  where c.registered_by = (select auth.uid())
  order by c.created_at desc, c.profile_id
  limit 50;
$$;

revoke execute on function public.my_registered_learners() from public, anon;
grant execute on function public.my_registered_learners() to authenticated, service_role;
