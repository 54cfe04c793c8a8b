-- =============================================================================
-- The ward board's lists of people are views of people's details too
--
-- 20261202040000_ward_board.sql audits a volunteer's detail page ('view' on
-- profiles, one row per look) and every export. The roster of volunteers and
-- the unmet-requests list show people by name as well, so each call of them
-- now writes ONE audit row per page view (never one per person): table
-- 'profiles', record key 'ward:<id>', action 'view', and in `new_data` the
-- page and the ids shown (`profile_ids`, and `request_ids` for the requests).
-- No names or other data: the ids are enough to answer "who saw me", and
-- private.erase_person already pseudonymises any audit row whose data names
-- the erased person (a text replace of the uuid), so these rows follow too.
-- Both functions become VOLATILE (they write), as do their public wrappers.
-- =============================================================================

/**
 * The roster (as 20261202040000_ward_board.sql defined it) and one audit row
 * naming the ward and the profiles shown.
 */
create or replace function private.ward_volunteers(p_ward_id bigint)
returns table (
  profile_id uuid,
  display_name text,
  skills integer,
  verified_at timestamptz,
  verified_by_name text,
  verification_method text,
  suspended_at timestamptz,
  suspension_reason text,
  lessons_taught integer,
  no_shows integer
)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  shown uuid[] := '{}';
  person record;
begin
  perform private.require_coordinator_of(p_ward_id);
  for person in
    select p.id, p.display_name,
           (select count(*)::integer from public.volunteer_skills vs where vs.profile_id = p.id) as skills,
           v.verified_at, vb.display_name as verified_by_name, v.method, su.suspended_at, su.reason,
           (select count(*)::integer from public.sessions s
            where s.teacher_id = p.id and s.status = 'completed') as taught,
           (select count(*)::integer from public.reports rp
            where rp.reported_id = p.id and rp.reason = 'no_show') as missed
    from public.profiles p
    left join public.volunteer_verifications v on v.profile_id = p.id and v.ward_id = p.ward_id
    left join public.profiles vb on vb.id = v.verified_by
    left join public.volunteer_suspensions su on su.profile_id = p.id and su.lifted_at is null
    where p.ward_id = p_ward_id and p.can_teach
    order by p.display_name nulls last, p.id
  loop
    profile_id := person.id;
    display_name := person.display_name;
    skills := person.skills;
    verified_at := person.verified_at;
    verified_by_name := person.verified_by_name;
    verification_method := person.method;
    suspended_at := person.suspended_at;
    suspension_reason := person.reason;
    lessons_taught := person.taught;
    no_shows := person.missed;
    shown := shown || person.id;
    return next;
  end loop;
  perform private.audit_read('view', 'profiles', 'ward:' || p_ward_id,
    jsonb_build_object('ward_id', p_ward_id, 'page', 'ward_volunteers', 'profile_ids', to_jsonb(shown)));
end;
$$;

create or replace function public.ward_volunteers(p_ward_id bigint)
returns table (
  profile_id uuid,
  display_name text,
  skills integer,
  verified_at timestamptz,
  verified_by_name text,
  verification_method text,
  suspended_at timestamptz,
  suspension_reason text,
  lessons_taught integer,
  no_shows integer
)
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.ward_volunteers(p_ward_id);
$$;

comment on function public.ward_volunteers(bigint) is
  'The roster of one ward (see private.ward_volunteers); each call is one ''view'' row in the audit log.';

/**
 * The unmet requests (as 20261202040000_ward_board.sql defined them) and one
 * audit row naming the ward, the requests shown, and the people named on the
 * page: the learners and the candidates offered for them.
 */
create or replace function private.ward_unmet_requests(p_ward_id bigint, p_limit integer default 20, p_candidates integer default 3)
returns table (
  request_id bigint,
  skill_id bigint,
  skill_vi text,
  skill_en text,
  place_type text,
  created_at timestamptz,
  priority_groups text[],
  preferred_times text[],
  learner_name text,
  candidates jsonb
)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  requests bigint[] := '{}';
  people uuid[] := '{}';
  wanted record;
begin
  perform private.require_coordinator_of(p_ward_id);
  for wanted in
    select r.id, r.skill_id as skill, k.title_vi, k.title_en, r.place_type as place,
           r.created_at as filed, r.priority_groups as groups, r.preferred_times as times,
           r.learner_id, p.display_name,
           coalesce((
             select jsonb_agg(jsonb_build_object(
                      'volunteer_id', m.volunteer_id, 'display_name', m.display_name, 'rank', m.rank,
                      'distance_m', m.distance_m, 'verified', m.verified,
                      'lessons_taught', m.lessons_taught, 'no_shows', m.no_shows,
                      'matching_times', m.matching_times
                    ) order by m.rank)
             from public.match_volunteers(r.id, least(greatest(coalesce(p_candidates, 3), 1), 10)) m
           ), '[]'::jsonb) as offered
    from public.help_requests r
    join public.skills k on k.id = r.skill_id
    left join public.profiles p on p.id = r.learner_id
    where r.ward_id = p_ward_id and r.status = 'open'
    order by r.created_at, r.id
    limit least(greatest(coalesce(p_limit, 20), 1), 100)
  loop
    request_id := wanted.id;
    skill_id := wanted.skill;
    skill_vi := wanted.title_vi;
    skill_en := wanted.title_en;
    place_type := wanted.place;
    created_at := wanted.filed;
    priority_groups := wanted.groups;
    preferred_times := wanted.times;
    learner_name := wanted.display_name;
    candidates := wanted.offered;
    requests := requests || wanted.id;
    people := people || wanted.learner_id
      || array(select (c ->> 'volunteer_id')::uuid from jsonb_array_elements(wanted.offered) c);
    return next;
  end loop;
  perform private.audit_read('view', 'profiles', 'ward:' || p_ward_id,
    jsonb_build_object('ward_id', p_ward_id, 'page', 'ward_unmet_requests',
                       'request_ids', to_jsonb(requests),
                       'profile_ids', to_jsonb(array(select distinct x from unnest(people) x where x is not null))));
end;
$$;

create or replace function public.ward_unmet_requests(p_ward_id bigint, p_limit integer default 20, p_candidates integer default 3)
returns table (
  request_id bigint,
  skill_id bigint,
  skill_vi text,
  skill_en text,
  place_type text,
  created_at timestamptz,
  priority_groups text[],
  preferred_times text[],
  learner_name text,
  candidates jsonb
)
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.ward_unmet_requests(p_ward_id, p_limit, p_candidates);
$$;

comment on function public.ward_unmet_requests(bigint, integer, integer) is
  'The unmet requests of one ward with their candidates (see private.ward_unmet_requests); each call is one ''view'' row in the audit log.';
