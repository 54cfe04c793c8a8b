-- Badge rules `monthly_streak` (consecutive months with a lesson taught, ending this month, once
-- per month reached) and `group_sessions` (lessons taught by a group's active members).
begin;
select plan(9);

select tests.create_world();
insert into public.badge_definitions (slug, kind, threshold, name_vi, name_en)
values ('r-streak3', 'monthly_streak', 3, 'Ba tháng liền', 'Three months running'),
       ('r-group3', 'group_sessions', 3, 'Tổ ba buổi', 'Group of three lessons');
select tests.create_user('pupil2');
select tests.create_user('pupil3');
select tests.create_user('teacher2');
select tests.create_user('teacher3');
-- Accounts old enough for lessons months ago to count.
update auth.users set created_at = now() - interval '2 years';

create function pg_temp.lesson(p_teacher text, p_learner text, p_at timestamptz)
returns bigint language plpgsql as $$
declare v bigint;
begin
  insert into public.sessions (skill_id, teacher_id, ward_id, place_type, venue_id, starts_at, ends_at, status)
  values (tests.id('skill')::bigint, tests.uid(p_teacher), tests.id('ward_a')::bigint, 'venue',
          tests.id('venue')::bigint, p_at - interval '1 hour', p_at, 'completed')
  returning id into v;
  insert into public.teaching_chain (teacher_id, learner_id, skill_id, session_id, ward_id, created_at)
  values (tests.uid(p_teacher), tests.uid(p_learner), tests.id('skill')::bigint, v,
          tests.id('ward_a')::bigint, p_at);
  return v;
end;
$$;

/** Noon on the 15th, `p_back` months before this month (Vietnam time). */
create function pg_temp.month_ago(p_back integer) returns timestamptz language sql as $$
  select ((date_trunc('month', now() at time zone 'Asia/Ho_Chi_Minh') - make_interval(months => p_back))
          + interval '14 days 12 hours') at time zone 'Asia/Ho_Chi_Minh';
$$;

create function pg_temp.streaks(p_who text) returns text[] language sql as $$
  select coalesce(array_agg(a.period order by a.period), '{}') from public.badge_awards a
  join public.badge_definitions b on b.id = a.badge_id
  where a.profile_id = tests.uid(p_who) and b.slug = 'r-streak3';
$$;

-- The world's volunteer taught this month. Two and three months ago, but not last month.
select pg_temp.lesson('volunteer', 'pupil2', pg_temp.month_ago(2));
select pg_temp.lesson('volunteer', 'pupil2', pg_temp.month_ago(3));
select private.award_badges(tests.uid('volunteer'));
select is(pg_temp.streaks('volunteer'), '{}'::text[], 'a month without a lesson breaks the streak');

select pg_temp.lesson('volunteer', 'pupil3', pg_temp.month_ago(1));
select private.award_badges(tests.uid('volunteer'));
select is(
  pg_temp.streaks('volunteer'),
  array[to_char(now() at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM')],
  'three months running (four, in fact) earn the badge for this month'
);
select private.award_badges(tests.uid('volunteer'));
select is(cardinality(pg_temp.streaks('volunteer')), 1, 'once per month, however often the rules run');

select pg_temp.lesson('teacher2', 'pupil3', pg_temp.month_ago(1));
select pg_temp.lesson('teacher2', 'pupil2', pg_temp.month_ago(2));
select private.award_badges(tests.uid('teacher2'));
select is(cardinality(pg_temp.streaks('teacher2')), 0, 'a streak must reach this month');

-- Group lessons: the world's spare group, with no member yet.
insert into public.group_members (group_id, profile_id, role, status)
values (tests.id('group_spare')::bigint, tests.uid('teacher2'), 'member', 'active'),
       (tests.id('group_spare')::bigint, tests.uid('teacher3'), 'member', 'requested');
select pg_temp.lesson('teacher3', 'pupil2', now() - interval '2 days');
select pg_temp.lesson('teacher3', 'pupil3', now() - interval '1 day');
select private.award_badges(tests.uid('teacher2'));
select is(
  (select count(*)::int from public.group_awards where group_id = tests.id('group_spare')::bigint
   and badge_id = (select id from public.badge_definitions where slug = 'r-group3')),
  0, 'two lessons by an active member (and two by someone only asking to join) are not three'
);
update public.group_members set status = 'active' where profile_id = tests.uid('teacher3');
select private.award_badges(tests.uid('teacher3'));
select results_eq(
  $$select group_id, status, period from public.group_awards
    where group_id = tests.id('group_spare')::bigint and badge_id = (select id from public.badge_definitions where slug = 'r-group3')$$,
  $$values (tests.id('group_spare')::bigint, 'approved', '')$$,
  'once teacher3 is a member, the group''s lessons make three and the group earns it, approved by rule'
);
select private.award_badges(tests.uid('teacher2'));
select is(
  (select count(*)::int from public.group_awards where group_id = tests.id('group_spare')::bigint
   and badge_id = (select id from public.badge_definitions where slug = 'r-group3')),
  1, 'a group award once, whichever member''s lesson runs the rules'
);
select is(
  (select count(*)::int from public.badge_awards a join public.badge_definitions b on b.id = a.badge_id
   where b.kind = 'group_sessions'),
  0, 'a group badge is never a personal award'
);
select is(
  (select count(*)::int from public.notifications where kind = 'badge_awarded'
   and params ->> 'badge_vi' = 'Tổ ba buổi'),
  0, 'and announces no personal notice'
);

select * from finish();
rollback;
