-- Recognition that respects people: badges are private until shown, badge rules cannot be farmed
-- with a second account, groups are joined by asking, and group awards go leader → ward.
begin;
select plan(34);

select tests.create_world();

-- Badges are private until shown (the world's learner earned one) ------------------------------
select tests.authenticate_as('stranger');
select is(
  (select count(*)::int from public.badge_awards where id = tests.id('badge_award')::bigint),
  0, 'a stranger cannot see that the learner earned anything (nor list her id)'
);
select tests.authenticate_as('volunteer');
select is(
  (select count(*)::int from public.badge_awards where id = tests.id('badge_award')::bigint),
  0, 'nor can her own teacher, until she shows it'
);
select is_empty(
  $$update public.badge_awards set shown = true where id = tests.id('badge_award')::bigint returning id$$,
  'nobody shows another person''s badge'
);
select tests.authenticate_as('coord_a');
select is(
  (select count(*)::int from public.badge_awards where id = tests.id('badge_award')::bigint),
  1, 'the coordinator of her ward sees it (commendations)'
);
select tests.authenticate_as('coord_b');
select is(
  (select count(*)::int from public.badge_awards where id = tests.id('badge_award')::bigint),
  0, 'another ward''s coordinator does not'
);
select tests.authenticate_as('learner');
select is(
  (select count(*)::int from public.badge_awards where id = tests.id('badge_award')::bigint),
  1, 'she sees her own badge'
);
select throws_ok(
  $$update public.badge_awards set awarded_at = now() - interval '1 year' where profile_id = tests.uid('learner')$$,
  '42501', null, 'she cannot change anything about it but whether it is shown'
);
select isnt_empty(
  $$update public.badge_awards set shown = true where id = tests.id('badge_award')::bigint returning id$$,
  'she chooses to show it'
);
select tests.authenticate_as('volunteer');
select is(
  (select count(*)::int from public.badge_awards where id = tests.id('badge_award')::bigint),
  1, 'and then those who see her card see it (her teacher)'
);

-- Badge rules a second account cannot farm ------------------------------------------------------
reset role;
insert into public.badge_definitions (slug, kind, threshold, name_vi, name_en)
values ('t-five', 'sessions_taught', 5, 'Năm buổi', 'Five lessons');
select tests.create_user('alt');     -- the volunteer's second account, a month old
select tests.create_user('fresh');   -- made an hour ago
update auth.users set created_at = now() - interval '1 hour' where id = tests.uid('fresh');

/** A completed lesson from teacher to learner that began `ago` before now. */
create function pg_temp.lesson(p_teacher text, p_learner text, p_ago interval)
returns void language plpgsql as $$
declare v bigint;
begin
  insert into public.sessions (skill_id, teacher_id, ward_id, place_type, venue_id, starts_at, ends_at)
  values (tests.id('skill')::bigint, tests.uid(p_teacher), tests.id('ward_a')::bigint, 'venue',
          tests.id('venue')::bigint, now() - p_ago, now() - p_ago + interval '1 hour')
  returning id into v;
  insert into public.teaching_chain (teacher_id, learner_id, skill_id, session_id, ward_id, created_at)
  values (tests.uid(p_teacher), tests.uid(p_learner), tests.id('skill')::bigint, v,
          tests.id('ward_a')::bigint, now() - p_ago + interval '1 hour');
end;
$$;

select pg_temp.lesson('volunteer', 'alt', interval '5 days');
select pg_temp.lesson('volunteer', 'alt', interval '4 days');
select pg_temp.lesson('volunteer', 'alt', interval '3 days');
select pg_temp.lesson('volunteer', 'alt', interval '2 days 12 hours');
select pg_temp.lesson('volunteer', 'alt', interval '2 days');
select is(
  (select count(*)::int from private.counted_lessons(tests.uid('volunteer')) where learner_id = tests.uid('alt')),
  3, 'one pair of people counts for at most three lessons'
);
select private.award_badges(tests.uid('volunteer'));
select is(
  (select count(*)::int from public.badge_awards a join public.badge_definitions b on b.id = a.badge_id
   where a.profile_id = tests.uid('volunteer') and b.slug = 't-five'),
  0, 'six lessons, five of them with one account, do not make "five lessons"'
);

select pg_temp.lesson('volunteer', 'fresh', interval '30 minutes');
select is(
  (select count(*)::int from private.counted_lessons(tests.uid('volunteer')) where learner_id = tests.uid('fresh')),
  0, 'a lesson with an account made the same day does not count'
);
select private.award_badges(tests.uid('volunteer'));
select is(
  (select count(*)::int from public.badge_awards a join public.badge_definitions b on b.id = a.badge_id
   where a.profile_id = tests.uid('volunteer') and b.slug = 't-five'),
  0, 'so it earns nothing'
);
select is(
  (select count(*)::int from private.counted_lessons(tests.uid('fresh'))),
  0, 'nor does it count for the new account as a learner'
);

select pg_temp.lesson('volunteer', 'neighbour', interval '1 day 2 hours');
select private.award_badges(tests.uid('volunteer'));
select is(
  (select count(*)::int from public.badge_awards a join public.badge_definitions b on b.id = a.badge_id
   where a.profile_id = tests.uid('volunteer') and b.slug = 't-five'),
  1, 'a fifth real lesson with a real neighbour earns it'
);
select is(
  (select count(*)::int from public.teaching_chain where teacher_id = tests.uid('volunteer')),
  8, 'the chain itself keeps every lesson; only the badge count is guarded'
);

-- Groups are joined by asking ------------------------------------------------------------------
select tests.authenticate_as('stranger');
select throws_ok(
  $$insert into public.group_members (group_id, profile_id, status) values (tests.id('group')::bigint, tests.uid('stranger'), 'active')$$,
  '42501', null, 'nobody makes themselves a member'
);
select throws_ok(
  $$insert into public.group_members (group_id, profile_id) values (tests.id('group')::bigint, tests.uid('neighbour'))$$,
  '42501', null, 'nobody puts someone else in a group'
);
select lives_ok(
  $$insert into public.group_members (group_id, profile_id) values (tests.id('group')::bigint, tests.uid('stranger'))$$,
  'anyone may ask to join'
);
select is(
  (select count(*)::int from public.group_members where group_id = tests.id('group')::bigint),
  1, 'asking shows them their own request and not the members'
);
select tests.authenticate_as('learner');
select is_empty(
  $$update public.group_members set status = 'active' where profile_id = tests.uid('stranger') returning 1$$,
  'a plain member cannot let people in'
);
select tests.authenticate_as('volunteer');
select throws_ok(
  $$update public.group_members set status = 'active', role = 'leader' where profile_id = tests.uid('stranger')$$,
  '42501', null, 'a leader cannot make a newcomer a leader'
);
select isnt_empty(
  $$update public.group_members set status = 'active' where profile_id = tests.uid('stranger') returning 1$$,
  'the leader lets them in'
);
select tests.authenticate_as('stranger');
select is(
  (select count(*)::int from public.group_members where group_id = tests.id('group')::bigint),
  4, 'now they see the members (the coordinator who created the group leads it too)'
);

-- Who may create a group ------------------------------------------------------------------------
select tests.authenticate_as('volunteer');
select lives_ok(
  $$insert into public.neighbourhood_groups (ward_id, name, kind) values (tests.id('ward_a')::bigint, 'Chi đoàn khu phố 2', 'youth_union')$$,
  'a verified volunteer creates a group in their own ward'
);
select is(
  (select role || '/' || status from public.group_members gm join public.neighbourhood_groups g on g.id = gm.group_id
   where g.name = 'Chi đoàn khu phố 2' and gm.profile_id = tests.uid('volunteer')),
  'leader/active', 'and leads it'
);
select throws_ok(
  $$insert into public.neighbourhood_groups (ward_id, name) values (tests.id('ward_b')::bigint, 'Nhóm phường khác')$$,
  '42501', null, 'but not in another ward'
);
select tests.authenticate_as('learner');
select throws_ok(
  $$insert into public.neighbourhood_groups (ward_id, name) values (tests.id('ward_a')::bigint, 'Nhóm của tôi')$$,
  '42501', null, 'a person who is not a verified volunteer cannot create one'
);

-- Group awards: the leader proposes, the ward approves --------------------------------------------
select tests.authenticate_as('volunteer');
select lives_ok(
  $$insert into public.group_awards (group_id, title, status, reason)
    values (tests.id('group')::bigint, 'Tổ tiêu biểu tháng 11', 'proposed', 'Dạy 40 buổi trong tháng')$$,
  'a leader proposes an award for their group'
);
select throws_ok(
  $$insert into public.group_awards (group_id, title) values (tests.id('group')::bigint, 'Tự khen')$$,
  '42501', null, 'a leader cannot award their group directly'
);
select tests.authenticate_as('learner');
select is(
  (select count(*)::int from public.group_awards where title = 'Tổ tiêu biểu tháng 11'),
  0, 'a proposal is not shown to members before the ward approves it'
);
select tests.authenticate_as('coord_b');
select is_empty(
  $$update public.group_awards set status = 'approved', awarded_by = tests.uid('coord_b') where title = 'Tổ tiêu biểu tháng 11' returning 1$$,
  'another ward cannot approve it'
);
select tests.authenticate_as('coord_a');
select results_eq(
  $$update public.group_awards set status = 'approved', awarded_by = tests.uid('coord_a'), awarded_at = now()
    where title = 'Tổ tiêu biểu tháng 11' returning proposed_by$$,
  $$values (tests.uid('volunteer'))$$,
  'the ward''s coordinator approves it; who proposed it is kept'
);
select tests.authenticate_as('learner');
select is(
  (select count(*)::int from public.group_awards where title = 'Tổ tiêu biểu tháng 11'),
  1, 'then everyone sees it'
);

select * from finish();
rollback;
