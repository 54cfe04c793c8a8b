-- =============================================================================
-- Teaching ripples, "pay it forward", a ward's chains, group totals and opt-in rankings
--
-- The ripple of a person is everyone reached by their teaching: the people they taught, the
-- people those taught, and so on (ten steps at most). People teach each other back, so the graph
-- has cycles, and many paths lead to the same person: a walk that follows paths would loop or
-- blow up. The walk here is breadth-first and remembers everyone reached, so each person is
-- visited once and each edge is read at most once per walk.
--
-- Others in a ripple appear as what they chose to show (a given name) and their ward, never a
-- phone, a home or an id.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- Indexes for the walk: out-edges of a teacher (with the learner, so the index answers alone),
-- and a ward's edges by teacher for the ward's chains.
-- -----------------------------------------------------------------------------

create index teaching_chain_teacher_learner_idx
  on public.teaching_chain (teacher_id, learner_id, id);
create index teaching_chain_ward_teacher_idx
  on public.teaching_chain (ward_id, teacher_id, learner_id);
create index teaching_chain_ward_learner_idx
  on public.teaching_chain (ward_id, learner_id);

-- -----------------------------------------------------------------------------
-- What people choose to show
-- -----------------------------------------------------------------------------

alter table public.profiles
  add column ripple_name_shown boolean not null default false,
  add column ranked boolean not null default false;

comment on column public.profiles.ripple_name_shown is
  'The person lets their given name appear in the ripples of the people who taught them.';
comment on column public.profiles.ranked is
  'The person takes part in their ward''s ranking of volunteers (opt-in; off by default).';

grant update (ripple_name_shown, ranked) on public.profiles to authenticated;

alter table public.neighbourhood_groups
  add column ranked boolean not null default false;

comment on column public.neighbourhood_groups.ranked is
  'The group takes part in its ward''s ranking of groups (set by a leader or the ward; off by default).';

-- -----------------------------------------------------------------------------
-- The walk
-- -----------------------------------------------------------------------------

/** The given name of a Vietnamese full name: its last word ("Nguyễn Thị Lan" → "Lan"). */
create or replace function private.given_name(p_display_name text)
returns text
language sql
immutable
set search_path = ''
as $$
  select nullif(regexp_replace(btrim(coalesce(p_display_name, '')), '^.*\s', ''), '');
$$;

revoke execute on function private.given_name(text) from public, anon;
grant execute on function private.given_name(text) to authenticated, service_role;

/**
 * Everyone reached from `p_root` through teaching, breadth-first, at most `p_max_depth` steps,
 * each person once at the depth where they are first reached, with the teacher and skill of the
 * first lesson that reached them there (their parent in the tree). `p_ward_id` keeps the walk to
 * lessons given in one ward. Cycle-safe: `seen` holds everyone reached, so nobody is expanded
 * twice; the cost is one index probe per person reached plus their out-edges.
 */
create or replace function private.ripple_reach(
  p_root uuid,
  p_ward_id bigint default null,
  p_max_depth integer default 10
)
returns table (learner_id uuid, teacher_id uuid, skill_id bigint, depth integer)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  frontier uuid[] := array[p_root];
  seen jsonb := jsonb_build_object(p_root::text, true);
  level integer := 0;
  ids uuid[];
  teachers uuid[];
  skills bigint[];
begin
  if p_root is null then
    return;
  end if;
  while level < least(coalesce(p_max_depth, 10), 10) and cardinality(frontier) > 0 loop
    level := level + 1;
    -- Out-edges of this level to people not reached yet; one (the earliest) edge per learner.
    select coalesce(array_agg(n.learner_id), '{}'), coalesce(array_agg(n.teacher_id), '{}'),
           coalesce(array_agg(n.skill_id), '{}')
      into ids, teachers, skills
    from (
      select distinct on (tc.learner_id) tc.learner_id, tc.teacher_id, tc.skill_id
      from unnest(frontier) as f (id)
      join public.teaching_chain tc on tc.teacher_id = f.id
      where not seen ? tc.learner_id::text
        and (p_ward_id is null or tc.ward_id = p_ward_id)
      order by tc.learner_id, tc.id
    ) n;
    exit when cardinality(ids) = 0;
    return query select u.l, u.t, u.s, level from unnest(ids, teachers, skills) as u (l, t, s);
    seen := seen || (select jsonb_object_agg(x::text, true) from unnest(ids) as x);
    frontier := ids;
  end loop;
end;
$$;

revoke execute on function private.ripple_reach(uuid, bigint, integer) from public, anon, authenticated;

/**
 * The signed-in person's ripple as a tree: `node` numbers the people reached (1, 2, …, in order of
 * depth), `parent` is the node of the person who taught them (0 = the caller). Each person shows
 * only their given name, and only if they chose to (`ripple_name_shown`), with their ward's name;
 * `skill_*` is what they were taught on the edge that reached them.
 */
create or replace function public.my_ripple()
returns table (
  node integer,
  parent integer,
  depth integer,
  given_name text,
  ward_name_vi text,
  ward_name_en text,
  skill_title_vi text,
  skill_title_en text
)
language sql
stable
security definer
set search_path = ''
as $$
  with reach as (
    select r.*, (row_number() over (order by r.depth, r.teacher_id, r.learner_id))::integer as node
    from private.ripple_reach((select auth.uid())) r
  )
  select r.node, coalesce(t.node, 0), r.depth,
         case when p.ripple_name_shown then private.given_name(p.display_name) end,
         a.name_vi, a.name_en, s.title_vi, s.title_en
  from reach r
  left join reach t on t.learner_id = r.teacher_id
  left join public.profiles p on p.id = r.learner_id
  left join public.areas a on a.id = p.ward_id
  left join public.skills s on s.id = r.skill_id
  order by r.node;
$$;

revoke execute on function public.my_ripple() from public, anon;
grant execute on function public.my_ripple() to authenticated, service_role;

/**
 * How many people a person reached at each depth. It used to answer for anyone's id; now only
 * for the caller (no argument, or their own id) and for the people of a ward they coordinate.
 */
create or replace function public.teaching_ripple(p_profile_id uuid default null)
returns table (depth integer, people bigint)
language sql
stable
security definer
set search_path = ''
as $$
  select r.depth, count(*)
  from private.ripple_reach(coalesce(p_profile_id, (select auth.uid()))) r
  where coalesce(p_profile_id, (select auth.uid())) = (select auth.uid())
     or private.coordinates_profile(p_profile_id)
     or (select auth.jwt() ->> 'role') = 'service_role'
  group by r.depth
  order by r.depth;
$$;

revoke execute on function public.teaching_ripple(uuid) from public, anon;
grant execute on function public.teaching_ripple(uuid) to authenticated, service_role;

/**
 * A ward's chains, for its coordinators: each chain starts with someone who taught in the ward
 * and was not taught there, and follows the ward's lessons. `people` is its width (everyone
 * reached), `depth` its length. The starter is named for the ward's own people, and by given
 * name (if shown) for others. Ordered longest first; the page also sorts by width.
 * Raises 42501 for anyone who does not coordinate the ward.
 */
create or replace function public.ward_chains(p_ward_id bigint)
returns table (starter_name text, starter_ward_vi text, starter_ward_en text, people integer, depth integer)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  root uuid;
begin
  if not private.is_coordinator_of(p_ward_id) then
    raise exception 'only the ward''s coordinators see its chains' using errcode = '42501';
  end if;
  for root in
    select distinct tc.teacher_id from public.teaching_chain tc
    where tc.ward_id = p_ward_id
      and not exists (
        select 1 from public.teaching_chain i
        where i.ward_id = p_ward_id and i.learner_id = tc.teacher_id
      )
  loop
    return query
    select case
             when p.ward_id = p_ward_id then p.display_name
             when p.ripple_name_shown then private.given_name(p.display_name)
           end,
           a.name_vi, a.name_en, r.people, r.depth
    from (
      select count(*)::integer as people, max(x.depth)::integer as depth
      from private.ripple_reach(root, p_ward_id) x
    ) r
    left join public.profiles p on p.id = root
    left join public.areas a on a.id = p.ward_id;
  end loop;
end;
$$;

revoke execute on function public.ward_chains(bigint) from public, anon;
grant execute on function public.ward_chains(bigint) to authenticated, service_role;

-- -----------------------------------------------------------------------------
-- Pay it forward
-- -----------------------------------------------------------------------------

/**
 * Skills the signed-in person learned in a lesson and marked every step of as "I can do it now"
 * (their feedback as a participant, over all their lessons of the skill), and does not offer to
 * teach yet: the badges page invites them to teach each one.
 */
create or replace function public.skills_to_pass_on()
returns table (skill_id bigint, title_vi text, title_en text)
language sql
stable
security definer
set search_path = ''
as $$
  with mastered as (
    select se.skill_id, array_agg(distinct m.step_id) as steps
    from public.feedback f
    join public.sessions se on se.id = f.session_id
    join public.session_participants sp
      on sp.session_id = f.session_id and sp.profile_id = f.author_id
    cross join lateral unnest(f.mastered_step_ids) as m (step_id)
    where f.author_id = (select auth.uid())
    group by se.skill_id
  )
  select s.id, s.title_vi, s.title_en
  from mastered m
  join public.skills s on s.id = m.skill_id
  where s.is_active
    and exists (select 1 from public.skill_steps st where st.skill_id = s.id)
    and not exists (
      select 1 from public.skill_steps st
      where st.skill_id = s.id and not st.id = any (m.steps)
    )
    and not exists (
      select 1 from public.volunteer_skills vs
      where vs.profile_id = (select auth.uid()) and vs.skill_id = s.id
    )
  order by s.title_vi;
$$;

revoke execute on function public.skills_to_pass_on() from public, anon;
grant execute on function public.skills_to_pass_on() to authenticated, service_role;

-- -----------------------------------------------------------------------------
-- Groups: totals, the people of a group, rankings
-- -----------------------------------------------------------------------------

/**
 * Lessons taught by a group's active members that count for badges (private.counted_lessons),
 * each lesson once, with its length in hours.
 */
create or replace function private.group_lessons(p_group_id bigint)
returns table (session_id bigint, hours numeric)
language sql
stable
security definer
set search_path = ''
as $$
  select distinct c.session_id,
         round(extract(epoch from (s.ends_at - s.starts_at)) / 3600.0, 2)
  from public.group_members gm
  cross join lateral private.counted_lessons(gm.profile_id) c
  join public.sessions s on s.id = c.session_id
  where gm.group_id = p_group_id and gm.status = 'active' and c.teacher_id = gm.profile_id;
$$;

revoke execute on function private.group_lessons(bigint) from public, anon, authenticated;

/**
 * A group's totals, for every signed-in person (groups are public to them): active members,
 * lessons and hours taught by members, and the badges members chose to show. Counts only.
 */
create or replace function public.group_totals(p_group_id bigint)
returns table (members integer, lessons integer, hours numeric, badges integer)
language sql
stable
security definer
set search_path = ''
as $$
  select
    (select count(*)::integer from public.group_members gm
     where gm.group_id = g.id and gm.status = 'active'),
    (select count(*)::integer from private.group_lessons(g.id)),
    (select coalesce(sum(l.hours), 0) from private.group_lessons(g.id) l),
    (select count(*)::integer from public.badge_awards b
     join public.group_members gm on gm.profile_id = b.profile_id
     where gm.group_id = g.id and gm.status = 'active' and b.shown)
  from public.neighbourhood_groups g
  where g.id = p_group_id and (select auth.uid()) is not null;
$$;

revoke execute on function public.group_totals(bigint) from public, anon;
grant execute on function public.group_totals(bigint) to authenticated, service_role;

/**
 * The people of a group the caller may see, by name only: active members for active members and
 * the ward's coordinators; people asking to join for the group's leaders and coordinators.
 * Nothing for anyone else (someone waiting for an answer sees only their own request).
 */
create or replace function public.group_people(p_group_id bigint)
returns table (profile_id uuid, display_name text, role text, status text, joined_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select gm.profile_id, p.display_name, gm.role, gm.status, gm.joined_at
  from public.group_members gm
  join public.profiles p on p.id = gm.profile_id
  where gm.group_id = p_group_id
    and (
      gm.profile_id = (select auth.uid())
      or private.coordinates_group(p_group_id)
      or (gm.status = 'active' and private.is_group_member(p_group_id))
      or (gm.status = 'requested' and private.is_group_member(p_group_id, 'leader'))
    )
  order by gm.status, gm.role desc, p.display_name;
$$;

revoke execute on function public.group_people(bigint) from public, anon;
grant execute on function public.group_people(bigint) to authenticated, service_role;

/** A leader (or the ward) puts the group in or out of the ward's ranking. False if not allowed. */
create or replace function public.set_group_ranked(p_group_id bigint, p_ranked boolean)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
begin
  if not (private.is_group_member(p_group_id, 'leader') or private.coordinates_group(p_group_id)) then
    return false;
  end if;
  update public.neighbourhood_groups set ranked = coalesce(p_ranked, false) where id = p_group_id;
  return found;
end;
$$;

revoke execute on function public.set_group_ranked(bigint, boolean) from public, anon;
grant execute on function public.set_group_ranked(bigint, boolean) to authenticated, service_role;

/**
 * A ward's opt-in rankings: groups that chose to take part (lessons their members taught) and
 * people of the ward who chose to (lessons they taught), by given name; lessons counted as for
 * badges. Only those with at least one lesson; at most 20 of each.
 */
create or replace function public.ward_rankings(p_ward_id bigint)
returns table (kind text, name text, lessons integer, place integer)
language sql
stable
security definer
set search_path = ''
as $$
  (
    select 'group', g.name, l.lessons, (rank() over (order by l.lessons desc))::integer
    from public.neighbourhood_groups g
    cross join lateral (select count(*)::integer as lessons from private.group_lessons(g.id)) l
    where g.ward_id = p_ward_id and g.ranked and l.lessons > 0 and (select auth.uid()) is not null
    order by 4, 2
    limit 20
  )
  union all
  (
    select 'person', private.given_name(p.display_name), n.taught,
           (rank() over (order by n.taught desc))::integer
    from public.profiles p
    cross join lateral private.badge_counts(p.id) n
    where p.ward_id = p_ward_id and p.ranked and n.taught > 0 and (select auth.uid()) is not null
    order by 4, 2
    limit 20
  );
$$;

revoke execute on function public.ward_rankings(bigint) from public, anon;
grant execute on function public.ward_rankings(bigint) to authenticated, service_role;
