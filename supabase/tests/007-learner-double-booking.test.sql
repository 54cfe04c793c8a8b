-- A learner is never booked into two overlapping live sessions: neither as the learner of a
-- one-to-one request nor as a class participant, whoever books them and however the times move.
begin;
select plan(11);

select tests.create_world();
select tests.create_user('volunteer2');
update public.profiles set ward_id = tests.id('ward_a')::bigint, can_teach = true
where id = tests.uid('volunteer2');
-- Verified in ward A: a self-declared volunteer may only take requests offered to them (027).
insert into public.volunteer_verifications (profile_id, ward_id, verified_by)
values (tests.uid('volunteer2'), tests.id('ward_a')::bigint, tests.uid('coord_a'));

-- The world's learner has a one-to-one on day 2 (1 h) and a class on day 3 (2 h). A second
-- class by another volunteer overlaps the learner's class by an hour.
insert into public.sessions (kind, skill_id, teacher_id, ward_id, place_type, venue_id, capacity, status, starts_at, ends_at)
select 'class', tests.id('skill')::bigint, tests.uid('volunteer2'), tests.id('ward_a')::bigint,
       'venue', tests.id('venue')::bigint, 10, 'scheduled',
       s.starts_at + interval '1 hour', s.ends_at + interval '1 hour'
from public.sessions s where s.id = tests.id('class')::bigint;
insert into tests.world select 'class2', max(id) from public.sessions;
-- Other volunteers cannot see the learner's lesson, so its end is kept here.
insert into tests.world select 'session_ends', ends_at from public.sessions
where id = tests.id('session')::bigint;

-- Classes -------------------------------------------------------------------------------------
select tests.authenticate_as('learner');
select throws_ok(
  $$insert into public.session_participants (session_id, profile_id)
    values (tests.id('class2')::bigint, tests.uid('learner'))$$,
  '23P01', 'this learner already has another lesson at that time',
  'a learner cannot join a class that overlaps a class they are in'
);

select tests.authenticate_as('coord_a');
select lives_ok(
  $$insert into public.session_participants (session_id, profile_id)
    values (tests.id('class2')::bigint, tests.uid('learner'))$$,
  'a coordinator may invite them to it: an unanswered invitation books nothing'
);

select tests.authenticate_as('learner');
select throws_ok(
  $$update public.session_participants set status = 'accepted'
    where session_id = tests.id('class2')::bigint and profile_id = tests.uid('learner')$$,
  '23P01', 'this learner already has another lesson at that time',
  'but accepting it would double-book them'
);

update public.session_participants set status = 'declined'
where session_id = tests.id('class')::bigint and profile_id = tests.uid('learner');
select lives_ok(
  $$update public.session_participants set status = 'accepted'
    where session_id = tests.id('class2')::bigint and profile_id = tests.uid('learner')$$,
  'once they decline the first class, the overlapping one is free'
);

select tests.authenticate_as('learner');
select throws_ok(
  $$update public.session_participants set status = 'accepted'
    where session_id = tests.id('class')::bigint and profile_id = tests.uid('learner')$$,
  '23P01', 'this learner already has another lesson at that time',
  'accepting the declined class again would double-book them'
);

-- One-to-one sessions (the request's learner is booked before joining) ------------------------
select tests.authenticate_as('volunteer2');
select throws_ok(
  $$insert into public.sessions (request_id, skill_id, teacher_id, ward_id, place_type, starts_at, ends_at)
    values (tests.id('request_open')::bigint, tests.id('skill')::bigint, tests.uid('volunteer2'),
            tests.id('ward_a')::bigint, 'home', tests.id('session_ends')::timestamptz - interval '30 minutes',
            tests.id('session_ends')::timestamptz + interval '30 minutes')$$,
  '23P01', 'this learner already has another lesson at that time',
  'a volunteer cannot take a request for a time its learner is already booked'
);
select lives_ok(
  $$insert into public.sessions (request_id, skill_id, teacher_id, ward_id, place_type, starts_at, ends_at)
    values (tests.id('request_open')::bigint, tests.id('skill')::bigint, tests.uid('volunteer2'),
            tests.id('ward_a')::bigint, 'home', tests.id('session_ends')::timestamptz,
            tests.id('session_ends')::timestamptz + interval '1 hour')$$,
  'back-to-back lessons for a learner are fine'
);

-- Moving a session --------------------------------------------------------------------------
select tests.authenticate_as('volunteer');
prepare move_into_class2 as
  update public.sessions s
  set starts_at = c.ends_at - interval '1 hour', ends_at = c.ends_at
  from public.sessions c
  where s.id = tests.id('session')::bigint and c.id = tests.id('class2')::bigint;
select throws_ok(
  'move_into_class2', '23P01', 'this learner already has another lesson at that time',
  'a lesson cannot be moved onto another lesson of its learner'
);

select tests.authenticate_as('volunteer2');
update public.sessions set status = 'cancelled' where id = tests.id('class2')::bigint;
select tests.authenticate_as('volunteer');
select lives_ok('move_into_class2', 'a cancelled session no longer books its learners');

reset role;
select is(
  (select count(*)::int from private.bookings b
   where b.profile_id = tests.uid('learner')
     and b.session_id not in (select s.id from public.sessions s where s.status in ('proposed', 'scheduled'))),
  0,
  'only live sessions hold bookings'
);

select tests.authenticate_as('learner');
select throws_ok(
  'select * from private.bookings', '42501', null,
  'clients cannot read or write the bookings table'
);

select * from finish();
rollback;
