-- Classes at a venue: only a coordinator of the venue's ward schedules them, with a verified
-- volunteer of the ward (or themselves) as teacher; sign-up never exceeds the capacity nor
-- double-books a learner; attendance is taken by the teacher or the ward's coordinator only,
-- and a present mark completes the class and records the teaching chain.
begin;
select plan(41);

select tests.create_world();
select tests.create_user('learner2');
select tests.create_user('learner3');
update public.profiles set ward_id = tests.id('ward_a')::bigint, wants_to_learn = true
where id in (tests.uid('learner2'), tests.uid('learner3'));

create temporary table t (key text primary key, id bigint) on commit drop;
grant all on t to authenticated;

-- Scheduling ------------------------------------------------------------------------------------
select tests.authenticate_as('coord_b');
select throws_ok(
  format($$select public.schedule_class(%s, %s, %L, now() + interval '10 minutes', now() + interval '70 minutes', 2::smallint)$$,
         tests.id('venue'), tests.id('skill'), tests.uid('volunteer')),
  '42501', null, 'another ward''s coordinator cannot schedule a class at this ward''s venue'
);
select tests.authenticate_as('stranger');
select throws_ok(
  format($$select public.schedule_class(%s, %s, %L, now() + interval '10 minutes', now() + interval '70 minutes', 2::smallint)$$,
         tests.id('venue'), tests.id('skill'), tests.uid('stranger')),
  '42501', null, 'a learner cannot schedule a class'
);
select tests.authenticate_as('volunteer');
select throws_ok(
  format($$select public.schedule_class(%s, %s, %L, now() + interval '10 minutes', now() + interval '70 minutes', 2::smallint)$$,
         tests.id('venue'), tests.id('skill'), tests.uid('volunteer')),
  '42501', null, 'nor can a volunteer, even to teach it'
);
select throws_ok(
  $$insert into public.sessions (kind, skill_id, teacher_id, ward_id, place_type, venue_id, capacity, status, starts_at, ends_at)
    values ('class', 1, tests.uid('volunteer'), tests.id('ward_b')::bigint, 'venue', tests.id('venue')::bigint, 5, 'scheduled', now() + interval '1 day', now() + interval '25 hours')$$,
  '42501', null, 'nor write a class of another ward directly'
);

select tests.authenticate_as('coord_a');
select throws_ok(
  format($$select public.schedule_class(%s, %s, %L, now() + interval '10 minutes', now() + interval '70 minutes', 2::smallint)$$,
         tests.id('venue'), tests.id('skill'), tests.uid('neighbour')),
  '22023', null, 'the teacher must be a verified volunteer of the ward'
);
select throws_ok(
  format($$select public.schedule_class(%s, %s, %L, now() + interval '10 minutes', now() + interval '70 minutes', 2::smallint)$$,
         tests.id('venue'), tests.id('skill'), tests.uid('stranger')),
  '22023', null, 'not a person of another ward either'
);
select throws_ok(
  format($$select public.schedule_class(%s, %s, %L, now() + interval '10 minutes', now() + interval '70 minutes', 30::smallint)$$,
         tests.id('venue'), tests.id('skill'), tests.uid('volunteer')),
  '23514', null, 'a class has no more seats than its venue (20)'
);
select throws_ok(
  format($$select public.schedule_class(%s, %s, %L, now() - interval '2 hours', now() - interval '1 hour', 2::smallint)$$,
         tests.id('venue'), tests.id('skill'), tests.uid('volunteer')),
  '22023', null, 'a class cannot start in the past'
);
insert into t
select 'class', public.schedule_class(tests.id('venue')::bigint, tests.id('skill')::bigint, tests.uid('volunteer'),
                                      now() + interval '10 minutes', now() + interval '70 minutes', 2::smallint, 'Mang điện thoại');
select is(
  (select row(kind, status, ward_id, place_type, capacity)::text from public.sessions where id = (select id from t where key = 'class')),
  row('class', 'scheduled', tests.id('ward_a')::bigint, 'venue', 2)::text,
  'the coordinator schedules a class of two seats at the culture house, taught by the verified volunteer'
);
select throws_ok(
  format($$select public.schedule_class(%s, %s, %L, now() + interval '30 minutes', now() + interval '90 minutes', 2::smallint)$$,
         tests.id('venue_spare'), tests.id('skill'), tests.uid('volunteer')),
  '23P01', null, 'the same volunteer cannot teach two overlapping classes'
);
insert into t
select 'own', public.schedule_class(tests.id('venue_spare')::bigint, tests.id('skill2')::bigint, tests.uid('coord_a'),
                                    now() + interval '30 minutes', now() + interval '90 minutes', 5::smallint);
select ok((select id from t where key = 'own') is not null, 'the coordinator may teach a class themselves');
select set_eq(
  format('select profile_id from public.class_teachers(%s)', tests.id('ward_a')),
  array[tests.uid('volunteer'), tests.uid('coord_a')],
  'who may teach: the verified volunteers and the coordinators of the ward'
);
select tests.authenticate_as('coord_b');
select is_empty(format('select * from public.class_teachers(%s)', tests.id('ward_a')),
  'another ward''s coordinator learns nothing about this ward''s teachers');

-- Sign-up ----------------------------------------------------------------------------------------
select tests.authenticate_as('learner');
select is(public.join_class((select id from t where key = 'class')), 'accepted', 'a learner signs up');
select is(public.join_class((select id from t where key = 'class')), 'accepted', 'signing up twice keeps one seat');
select throws_ok(
  $$select public.join_class((select id from t where key = 'own'))$$,
  '23P01', null, 'she cannot sign up for an overlapping class (the booking ledger)'
);
select tests.authenticate_as('learner2');
select is(public.join_class((select id from t where key = 'class')), 'accepted', 'a second learner takes the last seat');
select tests.authenticate_as('learner3');
select throws_ok($$select public.join_class((select id from t where key = 'class'))$$, '23514', null,
  'a third learner finds the class full');
select throws_ok(
  $$insert into public.session_participants (session_id, profile_id) values ((select id from t where key = 'class'), tests.uid('learner3'))$$,
  '23514', null, 'also when writing the row directly'
);
select tests.authenticate_as('volunteer');
select throws_ok($$select public.join_class((select id from t where key = 'class'))$$, '22023', null,
  'the teacher does not sit in their own class');
select tests.authenticate_as('stranger');
select is(
  (select row(capacity, seats_taken, my_status)::text from public.open_classes() where session_id = (select id from t where key = 'class')),
  row(2, 2, null::text)::text, 'anyone signed in sees the seats taken, not who took them'
);
select is_empty(format('select * from public.class_roster(%s)', (select id from t where key = 'class')),
  'a stranger gets no class list');
select tests.clear_authentication();
select throws_ok('select * from public.open_classes()', '42501', null, 'anon cannot list classes');
select tests.authenticate_as('learner');
select lives_ok($$select public.cancel_lesson((select id from t where key = 'class'), 'bận việc')$$, 'a learner leaves the class');
select tests.authenticate_as('learner3');
select is(public.join_class((select id from t where key = 'class')), 'accepted', 'her seat goes to the next learner');
select tests.authenticate_as('learner');
select throws_ok($$select public.join_class((select id from t where key = 'class'))$$, '23514', null,
  'coming back finds the class full');
select tests.authenticate_as('learner3');
select lives_ok($$select public.cancel_lesson((select id from t where key = 'class'), 'ốm')$$, 'learner3 leaves again');
select tests.authenticate_as('learner');
select is(public.join_class((select id from t where key = 'class')), 'accepted', 'and the learner takes her seat back');

-- Attendance --------------------------------------------------------------------------------------
select tests.authenticate_as('coord_b');
select is_empty(format('select * from public.class_roster(%s)', (select id from t where key = 'class')),
  'another ward''s coordinator gets no class list');
select throws_ok(format($$select public.mark_attendance(%s, %L, true)$$, (select id from t where key = 'class'), tests.uid('learner')),
  '42501', null, 'nor takes attendance');
select tests.authenticate_as('learner');
select throws_ok(format($$select public.mark_attendance(%s, %L, true)$$, (select id from t where key = 'class'), tests.uid('learner')),
  '42501', null, 'a learner cannot mark herself present');
select throws_ok(
  $$update public.session_participants set status = 'attended' where session_id = (select id from t where key = 'class') and profile_id = tests.uid('learner')$$,
  '42501', null, 'not by writing the row either'
);
select tests.authenticate_as('coord_a');
select set_eq(format('select profile_id, status from public.class_roster(%s)', (select id from t where key = 'class')),
  format($$values (%L::uuid, 'accepted'), (%L::uuid, 'accepted')$$, tests.uid('learner'), tests.uid('learner2')),
  'the coordinator sees the class list: who signed up, not who left');
select throws_ok(format($$select public.mark_attendance(%s, %L, true)$$, tests.id('class'), tests.uid('learner')),
  '22023', null, 'attendance is not taken days before a class');
select tests.authenticate_as('volunteer');
select is(public.mark_attendance((select id from t where key = 'class'), tests.uid('learner'), true), 'attended',
  'the teacher marks the learner present on the tablet');
select is(public.mark_attendance((select id from t where key = 'class'), tests.uid('learner2'), false), 'no_show',
  'and the second learner absent');
select throws_ok(format($$select public.mark_attendance(%s, %L, true)$$, (select id from t where key = 'class'), tests.uid('learner3')),
  '22023', null, 'someone who left the class is not marked');
reset role;
select is(
  (select row(status, completed_at is not null)::text from public.sessions where id = (select id from t where key = 'class')),
  row('completed', true)::text, 'a present mark completes the class'
);
select is(
  (select count(*)::int from public.teaching_chain where session_id = (select id from t where key = 'class')),
  1, 'and records the teaching chain for the present learner only'
);
select tests.authenticate_as('coord_a');
select is(public.mark_attendance((select id from t where key = 'class'), tests.uid('learner2'), true), 'attended',
  'the coordinator corrects a late arrival to present');
select throws_ok(format($$select public.mark_attendance(%s, %L, false)$$, (select id from t where key = 'class'), tests.uid('learner')),
  '22023', null, 'present is final (badges and the chain count it)');

select * from finish();
rollback;
