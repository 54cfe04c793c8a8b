-- "Pay it forward": a learner who marked every step of a skill "I can do it now" is invited to
-- teach it, until they offer it. A ward's chains: longest and widest, for its coordinators only.
begin;
select plan(14);

select tests.create_world();
create sequence pg_temp.lesson_slot;

/** A completed lesson from teacher to learner in a ward, with the learner taking part. */
create function pg_temp.taught(p_teacher text, p_learner text, p_ward text default 'ward_a')
returns bigint language plpgsql as $$
declare
  v bigint;
  ago interval := make_interval(hours => 2 * nextval('pg_temp.lesson_slot')::int);
begin
  insert into public.sessions (skill_id, teacher_id, ward_id, place_type, venue_id, starts_at, ends_at,
                               status, completed_at)
  values (tests.id('skill')::bigint, tests.uid(p_teacher), tests.id(p_ward)::bigint, 'venue',
          tests.id('venue')::bigint, now() - ago, now() - ago + interval '1 hour', 'completed', now())
  returning id into v;
  insert into public.session_participants (session_id, profile_id, status)
  values (v, tests.uid(p_learner), 'attended');
  insert into public.teaching_chain (teacher_id, learner_id, skill_id, session_id, ward_id)
  values (tests.uid(p_teacher), tests.uid(p_learner), tests.id('skill')::bigint, v, tests.id(p_ward)::bigint);
  return v;
end;
$$;

-- Pay it forward ---------------------------------------------------------------------------------
select tests.authenticate_as('learner');
select results_eq(
  'select skill_id from public.skills_to_pass_on()',
  array[tests.id('skill')::bigint],
  'the learner marked the only step of VietQR: she is invited to teach it'
);
select tests.authenticate_as('volunteer');
select is_empty('select * from public.skills_to_pass_on()', 'her teacher is not (he wrote no such feedback)');

reset role;
insert into public.skill_steps (skill_id, position, title_vi, title_en)
values (tests.id('skill')::bigint, 2, 'Quét mã', 'Scan the code');
select tests.authenticate_as('learner');
select is_empty('select * from public.skills_to_pass_on()', 'a new step she has not marked: no invitation yet');

reset role;
insert into tests.world values ('second_lesson', pg_temp.taught('volunteer', 'learner'));
select tests.authenticate_as('learner');
insert into public.feedback (session_id, author_id, rating, mastered_step_ids)
select tests.id('second_lesson')::bigint, tests.uid('learner'), 5, array_agg(id)
from public.skill_steps where skill_id = tests.id('skill')::bigint and position = 2;
select results_eq(
  'select skill_id from public.skills_to_pass_on()',
  array[tests.id('skill')::bigint],
  'every step marked over two lessons: invited again'
);
update public.profiles set can_teach = true where id = tests.uid('learner');
insert into public.volunteer_skills (profile_id, skill_id) values (tests.uid('learner'), tests.id('skill')::bigint);
select is_empty('select * from public.skills_to_pass_on()', 'once she offers to teach it, the invitation goes');

select tests.authenticate_as('stranger');
select is_empty('select * from public.skills_to_pass_on()', 'a stranger sees nothing of hers');
select tests.clear_authentication();
select throws_ok('select * from public.skills_to_pass_on()', '42501', null, 'anon cannot ask');

-- A ward's chains --------------------------------------------------------------------------------
-- The world: volunteer → learner (twice now). Add learner → neighbour → coord_a (depth 3 from the
-- volunteer), and a wide chain in ward A from a volunteer of ward B: w → three people.
reset role;
select pg_temp.taught('learner', 'neighbour');
select pg_temp.taught('neighbour', 'coord_a');
select tests.create_user('wide');
update public.profiles set display_name = 'Lê Minh Khoa', ward_id = tests.id('ward_b')::bigint,
  ripple_name_shown = true where id = tests.uid('wide');
update public.profiles set display_name = 'Phạm Văn Dũng' where id = tests.uid('volunteer');
select tests.create_user('w' || i) from generate_series(1, 4) i;
select pg_temp.taught('wide', 'w' || i) from generate_series(1, 4) i;
-- A lesson in ward B is not ward A's chain.
select pg_temp.taught('coord_a', 'stranger', 'ward_b');

select tests.authenticate_as('coord_a');
select results_eq(
  'select starter_name, people, depth from public.ward_chains(tests.id(''ward_a'')::bigint) order by depth desc',
  $$values ('Phạm Văn Dũng'::text, 3, 3), ('Khoa'::text, 4, 1)$$,
  'longest: the volunteer''s chain (3 deep); widest: Khoa''s (4 people), named only by given name from another ward'
);
select is(
  (select count(*)::int from public.ward_chains(tests.id('ward_a')::bigint) where starter_name ~ 'Lê|Minh'),
  0, 'a starter from another ward shows only the given name they chose to show'
);

-- A cycle inside the ward: coord_a teaches the volunteer back. There is no start left; the walk ends.
reset role;
select pg_temp.taught('coord_a', 'volunteer');
select tests.authenticate_as('coord_a');
select results_eq(
  'select people, depth from public.ward_chains(tests.id(''ward_a'')::bigint)',
  $$values (4, 1)$$,
  'a closed loop has no starter; the other chain is still there'
);

select tests.authenticate_as('coord_b');
select throws_ok(
  format('select * from public.ward_chains(%s)', tests.id('ward_a')),
  '42501', null, 'another ward''s coordinator cannot see ward A''s chains'
);
select tests.authenticate_as('volunteer');
select throws_ok(
  format('select * from public.ward_chains(%s)', tests.id('ward_a')),
  '42501', null, 'nor can a volunteer'
);
select tests.authenticate_as('stranger');
select throws_ok(
  format('select * from public.ward_chains(%s)', tests.id('ward_a')),
  '42501', null, 'nor a stranger'
);
select tests.clear_authentication();
select throws_ok(
  format('select * from public.ward_chains(%s)', tests.id('ward_a')),
  '42501', null, 'nor anon'
);

select * from finish();
rollback;
