-- =============================================================================
-- Badge progress a person can see: what they earned, whether they show it, and
-- how far the next one is, counted by the same rules that award them.
-- =============================================================================

/**
 * What the badge rules count for one person, over the lessons that count
 * (private.counted_lessons): lessons taught, different learners, skills learned,
 * and consecutive months with a lesson taught, ending this month.
 */
create or replace function private.badge_counts(
  p_profile_id uuid,
  out taught integer,
  out learners integer,
  out learned integer,
  out streak integer
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  months date[];
  month date := date_trunc('month', now() at time zone 'Asia/Ho_Chi_Minh')::date;
begin
  select count(distinct c.session_id) filter (where c.teacher_id = p_profile_id),
         count(distinct c.learner_id) filter (where c.teacher_id = p_profile_id),
         count(distinct c.skill_id) filter (where c.learner_id = p_profile_id),
         array_agg(distinct date_trunc('month', c.created_at at time zone 'Asia/Ho_Chi_Minh')::date)
           filter (where c.teacher_id = p_profile_id)
    into taught, learners, learned, months
  from private.counted_lessons(p_profile_id) c;

  streak := 0;
  while (month - make_interval(months => streak))::date = any (months) loop
    streak := streak + 1;
  end loop;
end;
$$;

revoke execute on function private.badge_counts(uuid) from public, anon, authenticated;

/** People taught `p_skill_id` by the person, over the lessons that count. */
create or replace function private.learners_taught_skill(p_profile_id uuid, p_skill_id bigint)
returns integer
language sql
stable
security definer
set search_path = ''
as $$
  select count(distinct c.learner_id)::integer
  from private.counted_lessons(p_profile_id) c
  where c.teacher_id = p_profile_id and c.skill_id = p_skill_id;
$$;

revoke execute on function private.learners_taught_skill(uuid, bigint) from public, anon, authenticated;

/** The award rules, now reading the shared counts (same behaviour as before). */
create or replace function private.award_badges(p_profile_id uuid, p_session_id bigint default null)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  n record;
  month text := to_char(now() at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM');
begin
  -- One evaluation per person at a time: a concurrent completion waits here and then counts
  -- the other's lesson too, so a threshold reached by two lessons at once is not missed.
  perform pg_advisory_xact_lock(hashtextextended('award_badges:' || p_profile_id::text, 0));
  n := private.badge_counts(p_profile_id);

  insert into public.badge_awards (badge_id, profile_id, period, session_id)
  select b.id, p_profile_id, case when b.kind = 'monthly_streak' then month else '' end, p_session_id
  from public.badge_definitions b
  where (b.kind = 'sessions_taught' and n.taught >= b.threshold)
     or (b.kind = 'distinct_learners' and n.learners >= b.threshold)
     or (b.kind = 'skills_learned' and n.learned >= b.threshold)
     or (b.kind = 'monthly_streak' and n.streak >= b.threshold)
     or (b.kind = 'skill_taught'
         and private.learners_taught_skill(p_profile_id, b.skill_id) >= b.threshold)
  on conflict on constraint badge_awards_once do nothing;

  -- A group's lessons: those its active members taught that count for each of them.
  insert into public.group_awards (group_id, badge_id, title, period, awarded_by, status)
  select gm.group_id, b.id, b.name_vi, '', null, 'approved'
  from public.group_members gm
  cross join public.badge_definitions b
  where gm.profile_id = p_profile_id
    and gm.status = 'active'
    and b.kind = 'group_sessions'
    and b.threshold <= (
      select count(distinct c.session_id)
      from public.group_members other
      cross join lateral private.counted_lessons(other.profile_id) c
      where other.group_id = gm.group_id
        and other.status = 'active'
        and c.teacher_id = other.profile_id
    )
  on conflict on constraint group_awards_once do nothing;
end;
$$;

revoke execute on function private.award_badges(uuid, bigint) from public, anon, authenticated;

/**
 * The signed-in person's badges: every personal badge with how far they are (`current` of
 * `threshold`), and, when earned, the latest award and whether they show it.
 */
create or replace function public.my_badges()
returns table (
  badge_id bigint,
  slug text,
  kind text,
  threshold integer,
  name_vi text,
  name_en text,
  description_vi text,
  description_en text,
  current integer,
  award_id bigint,
  awarded_at timestamptz,
  shown boolean
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  me uuid := (select auth.uid());
  n record;
begin
  if me is null then
    return;
  end if;
  n := private.badge_counts(me);
  return query
  select b.id, b.slug, b.kind, b.threshold, b.name_vi, b.name_en, b.description_vi, b.description_en,
         case b.kind
           when 'sessions_taught' then n.taught
           when 'distinct_learners' then n.learners
           when 'skills_learned' then n.learned
           when 'monthly_streak' then n.streak
           else private.learners_taught_skill(me, b.skill_id)
         end,
         a.id, a.awarded_at, coalesce(a.shown, false)
  from public.badge_definitions b
  left join lateral (
    select ba.id, ba.awarded_at, ba.shown
    from public.badge_awards ba
    where ba.badge_id = b.id and ba.profile_id = me
    order by ba.awarded_at desc
    limit 1
  ) a on true
  where b.kind <> 'group_sessions'
  order by b.sort_order, b.id;
end;
$$;

revoke execute on function public.my_badges() from public, anon;
grant execute on function public.my_badges() to authenticated;
