-- A session taken from a request stays with that request: its ward, its learner, and only
-- people allowed to take it.
begin;
select plan(6);

select tests.create_world();
select tests.create_user('volunteer_b');
update public.profiles set ward_id = tests.id('ward_b')::bigint, can_teach = true
where id = tests.uid('volunteer_b');
select tests.create_user('volunteer2');
update public.profiles set ward_id = tests.id('ward_a')::bigint, can_teach = true
where id = tests.uid('volunteer2');

select tests.authenticate_as('volunteer_b');
select throws_ok(
  $$insert into public.sessions (request_id, skill_id, teacher_id, ward_id, place_type, starts_at, ends_at)
    values (tests.id('request_open')::bigint, tests.id('skill')::bigint, tests.uid('volunteer_b'),
            tests.id('ward_b')::bigint, 'home', now() + interval '9 days', now() + interval '9 days 1 hour')$$,
  '42501', null, 'a volunteer cannot take a request of another ward by guessing its id'
);

select tests.authenticate_as('learner');
insert into public.blocks (blocker_id, blocked_id) values (tests.uid('learner'), tests.uid('volunteer2'));
select tests.authenticate_as('volunteer2');
select throws_ok(
  $$insert into public.sessions (request_id, skill_id, teacher_id, ward_id, place_type, starts_at, ends_at)
    values (tests.id('request_open')::bigint, tests.id('skill')::bigint, tests.uid('volunteer2'),
            tests.id('ward_a')::bigint, 'home', now() + interval '9 days', now() + interval '9 days 1 hour')$$,
  '42501', null, 'a volunteer the learner blocked cannot take their request'
);

select tests.authenticate_as('volunteer');
select throws_ok(
  $$insert into public.session_participants (session_id, profile_id)
    values (tests.id('session')::bigint, tests.uid('stranger'))$$,
  '42501', null, 'nobody but the learner who asked joins a one-to-one lesson'
);

select tests.authenticate_as('coord_a');
insert into public.sessions (request_id, skill_id, teacher_id, ward_id, place_type, starts_at, ends_at)
values (tests.id('request_open')::bigint, tests.id('skill')::bigint, tests.uid('volunteer'),
        tests.id('ward_a')::bigint, 'home', now() + interval '9 days', now() + interval '9 days 1 hour');
select is(
  (select ward_id from public.sessions where request_id = tests.id('request_open')::bigint),
  tests.id('ward_a')::bigint,
  'a coordinator assigns a volunteer to a request of their ward'
);

select tests.authenticate_as('coord_b');
select throws_ok(
  $$insert into public.sessions (request_id, skill_id, teacher_id, ward_id, place_type, starts_at, ends_at)
    values (tests.id('request_done')::bigint, tests.id('skill')::bigint, tests.uid('volunteer_b'),
            tests.id('ward_b')::bigint, 'home', now() + interval '10 days', now() + interval '10 days 1 hour')$$,
  '42501', null, 'the coordinator of another ward cannot assign its requests'
);

select tests.authenticate_as('learner');
insert into public.help_requests (learner_id, skill_id, place_type)
values (tests.uid('learner'), tests.id('skill2')::bigint, 'home');
update public.help_requests set status = 'cancelled'
where learner_id = tests.uid('learner') and skill_id = tests.id('skill2')::bigint and status = 'open';
insert into tests.world
select 'request_cancelled', id from public.help_requests
where learner_id = tests.uid('learner') and status = 'cancelled';
select tests.authenticate_as('volunteer');
select throws_ok(
  $$insert into public.sessions (request_id, skill_id, teacher_id, ward_id, place_type, starts_at, ends_at)
    values (tests.id('request_cancelled')::bigint, tests.id('skill2')::bigint, tests.uid('volunteer'),
            tests.id('ward_a')::bigint, 'home', now() + interval '11 days', now() + interval '11 days 1 hour')$$,
  '22023', null, 'a cancelled request cannot be taken'
);

select * from finish();
rollback;
