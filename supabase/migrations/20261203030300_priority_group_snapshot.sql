-- =============================================================================
-- "By priority group" counts the groups a learner was in at the lesson
--
-- The dashboard (private.ward_figures, 20261202040000_ward_board.sql) grouped
-- attendances by the learner's profile as it is today, so a person who left
-- a group (or was recorded in one later) moved their past lessons with them.
-- Each place in a lesson now keeps the learner's priority groups as they were:
-- taken when the place is made and taken again when the attendance is
-- recorded (the lesson's own moment), then never changed by a profile edit.
-- The snapshot lives in `private.participant_groups`, not on
-- session_participants: a teacher reads their lesson's participant rows, and
-- whether a learner is in the disability or poor-household group is not
-- theirs to read. It goes with the place (foreign key, cascading: a claimed
-- assisted account's places move with their snapshots), so deleting
-- an account deletes it. Existing places are backfilled from today's
-- profiles, the best record there is. It also mirrors whether the place was
-- attended, so the dashboard reads attendances from this one table (one
-- join, as before the snapshot) rather than joining both.
-- =============================================================================

/**
 * The learner's priority groups when they took a place in a lesson and, once
 * recorded, when they attended it. Written only by the trigger on
 * session_participants; read only by the dashboard's definer functions.
 */
create table private.participant_groups (
  session_id bigint not null,
  profile_id uuid not null,
  priority_groups text[] not null default '{}',
  attended boolean not null default false,
  taken_at timestamptz not null default now(),
  primary key (session_id, profile_id),
  foreign key (session_id, profile_id)
    references public.session_participants (session_id, profile_id) on update cascade on delete cascade
);

comment on table private.participant_groups is
  'A learner''s priority groups at the time of a lesson (snapshot per place), for the ward dashboard.';

alter table private.participant_groups enable row level security;
revoke all on private.participant_groups from public, anon, authenticated;

comment on column private.participant_groups.attended is
  'Mirrors session_participants.status = ''attended'' (kept by the same trigger).';

-- The dashboard reads a lesson's attendances by session.
create index participant_groups_attended_idx on private.participant_groups (session_id) where (attended);

/**
 * Keeps the snapshot: the groups on a new place, and again when the place
 * turns 'attended' (the lesson's moment); the attended mirror on every
 * status change. A profile edit changes nothing here.
 */
create or replace function private.snapshot_participant_groups()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' or (new.status = 'attended' and old.status is distinct from 'attended') then
    insert into private.participant_groups as g (session_id, profile_id, priority_groups, attended)
    select new.session_id, new.profile_id, p.priority_groups, new.status = 'attended'
    from public.profiles p where p.id = new.profile_id
    on conflict (session_id, profile_id) do update
    set priority_groups = excluded.priority_groups, attended = excluded.attended, taken_at = excluded.taken_at;
  elsif old.status = 'attended' and new.status is distinct from 'attended' then
    update private.participant_groups g set attended = false
    where g.session_id = new.session_id and g.profile_id = new.profile_id;
  end if;
  return null;
end;
$$;

revoke execute on function private.snapshot_participant_groups() from public, anon, authenticated;

create trigger session_participants_snapshot_groups
  after insert or update of status on public.session_participants
  for each row execute function private.snapshot_participant_groups();

insert into private.participant_groups (session_id, profile_id, priority_groups, attended, taken_at)
select sp.session_id, sp.profile_id, p.priority_groups, sp.status = 'attended', coalesce(sp.attended_at, sp.joined_at)
from public.session_participants sp
join public.profiles p on p.id = sp.profile_id
on conflict (session_id, profile_id) do nothing;

/**
 * The ward's figures (as 20261202040000_ward_board.sql defined them), with
 * by_group read from the snapshot: [{group, people, attendances}] by the
 * groups each attendee was in at that lesson ('none' when none; a person in
 * two groups counts in both; a person whose groups changed between lessons
 * counts in each group they were in).
 */
create or replace function private.ward_figures(
  p_ward_id bigint,
  p_from timestamptz,
  p_to timestamptz,
  p_months integer default 0
)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  result jsonb;
  this_month timestamp := date_trunc('month', now() at time zone 'Asia/Ho_Chi_Minh');
  -- The starts of the last p_months months and of the next one: a lesson's month is its bucket
  -- (width_bucket, a binary search), far cheaper than formatting every start in a time zone.
  bounds timestamptz[] := array(
    select (this_month - make_interval(months => n)) at time zone 'Asia/Ho_Chi_Minh'
    from generate_series(greatest(coalesce(p_months, 0), 0) - 1, -1, -1) as n
  );
begin
  with lesson as materialized (
    select s.id, s.skill_id,
           case when cardinality(bounds) > 1 then width_bucket(s.starts_at, bounds) else 0 end as month,
           extract(epoch from (s.ends_at - s.starts_at)) / 3600.0 as hours
    from public.sessions s
    where s.ward_id = p_ward_id and s.status = 'completed'
      and s.starts_at >= p_from and s.starts_at < p_to
  ),
  attended as materialized (
    select l.skill_id, l.month, g.profile_id, g.priority_groups as groups
    from lesson l
    join private.participant_groups g on g.session_id = l.id and g.attended
  ),
  per_person as materialized (
    select a.profile_id, count(*) as attendances from attended a group by a.profile_id
  ),
  requests as (
    select exists (
             select 1 from public.sessions s
             where s.request_id = r.id and s.created_at <= r.created_at + interval '48 hours'
           ) as matched
    from public.help_requests r
    where r.ward_id = p_ward_id and r.status <> 'cancelled'
      and r.created_at >= p_from and r.created_at < p_to
      and r.created_at <= now() - interval '48 hours'
  ),
  months as (
    select b.i as month, to_char(bounds[b.i] at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM') as label
    from generate_series(1, cardinality(bounds) - 1) as b (i)
  )
  select jsonb_build_object(
    'lessons', (select count(*) from lesson),
    'hours', (select coalesce(round(sum(hours)::numeric, 1), 0) from lesson),
    'people', (select count(*) from per_person),
    'requests', (select count(*) from requests),
    'matched_48h', (select count(*) from requests where matched),
    'by_skill', coalesce((
      select jsonb_agg(jsonb_build_object(
               'skill_id', k.id, 'title_vi', k.title_vi, 'title_en', k.title_en,
               'lessons', x.lessons, 'people', coalesce(y.people, 0), 'hours', x.hours
             ) order by x.lessons desc, k.id)
      from (
        select l.skill_id, count(*) as lessons, round(sum(l.hours)::numeric, 1) as hours
        from lesson l group by l.skill_id
      ) x
      left join (
        select z.skill_id, count(*) as people
        from (select a.skill_id, a.profile_id from attended a group by 1, 2) z
        group by z.skill_id
      ) y on y.skill_id = x.skill_id
      join public.skills k on k.id = x.skill_id
    ), '[]'::jsonb),
    'by_group', coalesce((
      select jsonb_agg(jsonb_build_object('group', g.grp, 'people', g.people, 'attendances', g.attendances)
                       order by g.people desc, g.grp)
      from (
        select z.grp, count(*) as people, sum(z.n) as attendances
        from (
          select grp, a.profile_id, count(*) as n
          from attended a
          cross join lateral unnest(
            case when cardinality(a.groups) = 0 then array['none'] else a.groups end
          ) as grp
          group by 1, 2
        ) z
        group by z.grp
      ) g
    ), '[]'::jsonb)
  ) || case when coalesce(p_months, 0) > 0 then jsonb_build_object('by_month', (
    select jsonb_agg(jsonb_build_object(
             'month', m.label, 'lessons', coalesce(x.lessons, 0), 'people', coalesce(y.people, 0),
             'hours', coalesce(x.hours, 0)
           ) order by m.month)
    from months m
    left join (
      select l.month, count(*) as lessons, round(sum(l.hours)::numeric, 1) as hours
      from lesson l group by l.month
    ) x on x.month = m.month
    left join (
      select z.month, count(*) as people
      from (select a.month, a.profile_id from attended a group by 1, 2) z
      group by z.month
    ) y on y.month = m.month
  )) else '{}'::jsonb end
  into result;
  return result;
end;
$$;

revoke execute on function private.ward_figures(bigint, timestamptz, timestamptz, integer) from public, anon, authenticated;
