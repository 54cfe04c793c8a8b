-- The certificate counts only lessons that count; the ward's monthly recognition list is for its
-- own coordinators only, names no phone, and every export is written to the audit log.
begin;
select plan(11);

select tests.create_world();
select tests.create_user('newcomer');
update auth.users set created_at = now() - interval '1 hour' where id = tests.uid('newcomer');

-- A lesson with a brand-new account: in the chain, but it counts for nothing.
insert into public.sessions (skill_id, teacher_id, ward_id, place_type, venue_id, starts_at, ends_at, status)
values (tests.id('skill')::bigint, tests.uid('volunteer'), tests.id('ward_a')::bigint, 'venue',
        tests.id('venue')::bigint, now() - interval '40 minutes', now() - interval '10 minutes', 'completed');
insert into public.teaching_chain (teacher_id, learner_id, skill_id, session_id, ward_id)
values (tests.uid('volunteer'), tests.uid('newcomer'), tests.id('skill')::bigint,
        currval(pg_get_serial_sequence('public.sessions', 'id')), tests.id('ward_a')::bigint);

select tests.authenticate_as('volunteer');
select results_eq(
  $$select session_id, minutes, learners from public.my_volunteer_lessons()$$,
  $$values (tests.id('session_done')::bigint, 60, 1)$$,
  'the certificate lists the one counted lesson (60 minutes), not the newcomer''s'
);
select tests.authenticate_as('learner');
select is_empty($$select * from public.my_volunteer_lessons()$$, 'a learner taught nothing');
select tests.clear_authentication();
select throws_ok($$select * from public.my_volunteer_lessons()$$, '42501', null, 'anon has no certificate');

-- The recognition list of ward A for this month.
select tests.authenticate_as('coord_a');
select results_eq(
  -- The badge by name among those of the month (the demo seed, when loaded, has a badge of the
  -- same name, earned by the same lesson).
  format($$select display_name, lessons, learners, minutes, 'Buổi dạy đầu tiên' = any (string_to_array(badges_vi, '; '))
           from public.ward_recognition(%s, %L, 'csv')
           where profile_id = tests.uid('volunteer')$$,
         tests.id('ward_a'), to_char(now() at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM')),
  $$values ('volunteer', 1, 1, 60, true)$$,
  'the ward''s coordinator sees the volunteer: one counted lesson, one hour, the badge earned'
);
select ok(
  (select bool_and(profile_id in (select id from public.profiles where ward_id = tests.id('ward_a')::bigint))
   from public.ward_recognition(tests.id('ward_a')::bigint, to_char(now() at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM'), 'print')),
  'only people of the ward are listed'
);
select is_empty(
  format($$select * from public.ward_recognition(%s, '2020-01', 'csv')$$, tests.id('ward_a')),
  'a month without lessons lists nobody'
);
select throws_ok(
  format($$select * from public.ward_recognition(%s, '2026-13', 'csv')$$, tests.id('ward_a')),
  '22023', null, 'a month that does not exist is refused'
);

reset role;
select results_eq(
  $$select actor_id, action, table_name, new_data ->> 'format' from public.audit_log
    where table_name = 'recognition_list' order by id$$,
  $$values (tests.uid('coord_a'), 'export', 'recognition_list', 'csv'),
           (tests.uid('coord_a'), 'export', 'recognition_list', 'print'),
           (tests.uid('coord_a'), 'export', 'recognition_list', 'csv')$$,
  'every export is in the audit log, with who asked and in which form'
);

select tests.authenticate_as('coord_b');
select throws_ok(
  format($$select * from public.ward_recognition(%s, '2026-11', 'csv')$$, tests.id('ward_a')),
  '42501', null, 'another ward''s coordinator is refused'
);
select tests.authenticate_as('volunteer');
select throws_ok(
  format($$select * from public.ward_recognition(%s, '2026-11', 'csv')$$, tests.id('ward_a')),
  '42501', null, 'so is a volunteer of the ward'
);
reset role;
select is(
  (select count(*)::int from public.audit_log where table_name = 'recognition_list'),
  3, 'refused calls export (and log) nothing'
);

select * from finish();
rollback;
