-- The rules that must hold even when two people click at once: no volunteer double booking,
-- a request taken at most once, completion only through the learner's code, badges awarded
-- once, classes never over capacity, no session between people who blocked each other.
begin;
select plan(20);

select tests.create_world();
select tests.create_user('volunteer2');
update public.profiles set ward_id = tests.id('ward_a')::bigint, can_teach = true
where id = tests.uid('volunteer2');
-- Verified in ward A: a self-declared volunteer may only take requests offered to them (027).
insert into public.volunteer_verifications (profile_id, ward_id, verified_by)
values (tests.uid('volunteer2'), tests.id('ward_a')::bigint, tests.uid('coord_a'));

-- Double booking -----------------------------------------------------------------------------
select tests.authenticate_as('volunteer');

prepare overlapping as
  insert into public.sessions (skill_id, teacher_id, ward_id, place_type, starts_at, ends_at)
  select tests.id('skill')::bigint, tests.uid('volunteer'), tests.id('ward_a')::bigint, 'home',
         s.starts_at + interval '30 minutes', s.ends_at + interval '30 minutes'
  from public.sessions s where s.id = tests.id('session')::bigint;
select throws_ok('overlapping', '23P01', null, 'a volunteer cannot be booked twice at the same time');

select lives_ok(
  $$insert into public.sessions (skill_id, teacher_id, ward_id, place_type, starts_at, ends_at)
    select tests.id('skill')::bigint, tests.uid('volunteer'), tests.id('ward_a')::bigint, 'home',
           s.ends_at, s.ends_at + interval '1 hour'
    from public.sessions s where s.id = tests.id('session')::bigint$$,
  'back-to-back sessions are fine'
);

select tests.authenticate_as('coord_a');
select throws_ok(
  $$insert into public.sessions (kind, skill_id, teacher_id, ward_id, place_type, venue_id, capacity, starts_at, ends_at)
    select 'class', tests.id('skill')::bigint, tests.uid('volunteer'), tests.id('ward_a')::bigint,
           'venue', tests.id('venue')::bigint, 10, s.starts_at, s.ends_at
    from public.sessions s where s.id = tests.id('session')::bigint$$,
  '23P01', null, 'a coordinator cannot double-book a volunteer either'
);

-- A request is taken at most once -------------------------------------------------------------
select tests.authenticate_as('volunteer2');
select throws_ok(
  $$insert into public.sessions (request_id, skill_id, teacher_id, ward_id, place_type, starts_at, ends_at)
    values (tests.id('request_taken')::bigint, tests.id('skill2')::bigint, tests.uid('volunteer2'),
            tests.id('ward_a')::bigint, 'venue', now() + interval '6 days', now() + interval '6 days 1 hour')$$,
  '23505', null, 'a request already taken cannot be taken by another volunteer'
);

select tests.authenticate_as('volunteer');
select lives_ok(
  $$insert into public.sessions (request_id, skill_id, teacher_id, ward_id, place_type, starts_at, ends_at)
    values (tests.id('request_open')::bigint, tests.id('skill')::bigint, tests.uid('volunteer'),
            tests.id('ward_a')::bigint, 'near_point', now() + interval '7 days', now() + interval '7 days 1 hour')$$,
  'the first volunteer takes an open request'
);
select tests.authenticate_as('volunteer2');
select throws_ok(
  $$insert into public.sessions (request_id, skill_id, teacher_id, ward_id, place_type, starts_at, ends_at)
    values (tests.id('request_open')::bigint, tests.id('skill')::bigint, tests.uid('volunteer2'),
            tests.id('ward_a')::bigint, 'near_point', now() + interval '8 days', now() + interval '8 days 1 hour')$$,
  '23505', null, 'the second volunteer clicking the same request loses'
);

select tests.authenticate_as('volunteer');
update public.sessions set status = 'cancelled' where request_id = tests.id('request_open')::bigint;
reset role;
select is(
  (select status from public.help_requests where id = tests.id('request_open')::bigint),
  'open',
  'cancelling the session puts the request back in the open pool'
);
select tests.authenticate_as('volunteer2');
select lives_ok(
  $$insert into public.sessions (request_id, skill_id, teacher_id, ward_id, place_type, starts_at, ends_at)
    values (tests.id('request_open')::bigint, tests.id('skill')::bigint, tests.uid('volunteer2'),
            tests.id('ward_a')::bigint, 'near_point', now() + interval '8 days', now() + interval '8 days 1 hour')$$,
  'once released, another volunteer can take it'
);

-- Completion only by code ---------------------------------------------------------------------
select tests.authenticate_as('volunteer');
select throws_ok(
  $$update public.sessions set status = 'completed' where id = tests.id('session')::bigint$$,
  '42501', null, 'a teacher cannot simply mark a session completed'
);
select throws_ok(
  $$update public.session_participants set status = 'attended'
    where session_id = tests.id('session')::bigint and profile_id = tests.uid('learner')$$,
  '42501', null, 'nor record attendance by hand'
);
select is(
  (select outcome from public.confirm_session(tests.id('session_done')::bigint, '000000x')),
  'wrong_code', 'a wrong code confirms nothing'
);
select tests.authenticate_as('learner');
select throws_ok(
  $$select public.confirm_session(tests.id('session_done')::bigint, tests.id('code_done'))$$,
  '42501', null, 'only the teacher confirms, with the code from the learner''s phone'
);
select throws_ok(
  $$update public.help_requests set status = 'completed' where id = tests.id('request_taken')::bigint$$,
  '42501', null, 'a learner cannot move a request past "cancelled" by hand'
);

-- Badges exactly once -------------------------------------------------------------------------
reset role;
select is(
  (select count(*)::int from public.badge_awards a join public.badge_definitions b on b.id = a.badge_id
   where a.profile_id = tests.uid('volunteer') and b.slug like 't-%'),
  1,
  'completing the first session awarded the teacher one badge'
);
select tests.authenticate_as('volunteer');
select lives_ok(
  $$select public.confirm_session(tests.id('session_done')::bigint, tests.id('code_done'))$$,
  'confirming again is harmless'
);
reset role;
select private.award_badges(tests.uid('volunteer'));
select private.award_badges(tests.uid('learner'));
select is(
  (select count(*)::int from public.badge_awards a join public.badge_definitions b on b.id = a.badge_id
   where a.profile_id in (tests.uid('volunteer'), tests.uid('learner')) and b.slug like 't-%'),
  2,
  're-running the badge rules awards nothing twice'
);
select tests.authenticate_as_service_role();
select throws_ok(
  $$insert into public.badge_awards (badge_id, profile_id)
    select badge_id, profile_id from public.badge_awards where id = tests.id('badge_award')::bigint$$,
  '23505', null, 'even the service role cannot award the same badge twice'
);

-- Capacity and blocks -------------------------------------------------------------------------
reset role;
update public.sessions set capacity = 2 where id = tests.id('class')::bigint;
select tests.authenticate_as('stranger');
select lives_ok(
  $$insert into public.session_participants (session_id, profile_id)
    values (tests.id('class')::bigint, tests.uid('stranger'))$$,
  'a learner joins a class with a free seat'
);
select tests.authenticate_as('neighbour');
select throws_ok(
  $$insert into public.session_participants (session_id, profile_id)
    values (tests.id('class')::bigint, tests.uid('neighbour'))$$,
  '23514', null, 'nobody joins a full class'
);
reset role;
update public.sessions set capacity = 10 where id = tests.id('class')::bigint;
select tests.authenticate_as('neighbour');
insert into public.blocks (blocker_id, blocked_id) values (tests.uid('neighbour'), tests.uid('volunteer'));
select throws_ok(
  $$insert into public.session_participants (session_id, profile_id)
    values (tests.id('class')::bigint, tests.uid('neighbour'))$$,
  '42501', null, 'no session between people who blocked each other'
);

select * from finish();
rollback;
