-- A coordinator of the class's ward edits (time, capacity, venue of the ward) and cancels (with a
-- reason) a class before it starts; the signed-up learners are told. Nobody else can, capacity
-- never drops below the sign-ups (whatever the path), a past or cancelled class stays as it was.
begin;
select plan(24);

select tests.create_world();

insert into public.venues (ward_id, name_vi, address, lat, lng, capacity)
values (tests.id('ward_b')::bigint, 'Nhà văn hóa phường B', '9 Hai Bà Trưng', 10.78, 106.70, 30);
insert into tests.world select 'venue_b', id from public.venues where name_vi = 'Nhà văn hóa phường B';
-- Three learners hold a place in the class (the world's learner and two more).
select tests.create_user('l2');
select tests.create_user('l3');
insert into public.session_participants (session_id, profile_id, status)
values (tests.id('class')::bigint, tests.uid('l2'), 'accepted'),
       (tests.id('class')::bigint, tests.uid('l3'), 'accepted');

select ok(
  not has_function_privilege('anon', 'public.edit_class(bigint, timestamptz, timestamptz, smallint, bigint)', 'execute')
  and not has_function_privilege('anon', 'public.cancel_class(bigint, text)', 'execute')
  and not has_function_privilege('authenticated', 'private.changeable_class(bigint)', 'execute'),
  'visitors call neither; nobody calls the lock helper directly');

-- Attacks ----------------------------------------------------------------------------------------
select tests.authenticate_as('coord_b');
select throws_ok(
  $$select public.edit_class(tests.id('class')::bigint, now() + interval '4 days', now() + interval '4 days 2 hours', 10::smallint, tests.id('venue')::bigint)$$,
  '42501', null, 'another ward''s coordinator cannot edit the class');
select throws_ok($$select public.cancel_class(tests.id('class')::bigint, 'Không đủ người')$$, '42501', null,
  'nor cancel it');
select is(
  tests.try_as('coord_b', format('update public.sessions set capacity = 20 where id = %s', tests.id('class'))),
  '0', 'nor change it by a direct update');
select tests.authenticate_as('volunteer');
select throws_ok(
  $$select public.edit_class(tests.id('class')::bigint, now() + interval '4 days', now() + interval '4 days 2 hours', 10::smallint, tests.id('venue')::bigint)$$,
  '42501', null, 'the class''s teacher (a volunteer) cannot edit it from the board');
select throws_ok($$select public.cancel_class(tests.id('class')::bigint, 'Bận việc riêng')$$, '42501', null,
  'nor cancel it there');
select tests.authenticate_as('learner');
select throws_ok($$select public.cancel_class(tests.id('class')::bigint, 'Không thích')$$, '42501', null,
  'a learner cannot cancel the class');

select tests.authenticate_as('coord_a');
select throws_ok(
  $$select public.edit_class(tests.id('class')::bigint, now() + interval '3 days', now() + interval '3 days 2 hours', 2::smallint, tests.id('venue')::bigint)$$,
  '23514', '3 learners have signed up for this class', 'capacity below the three sign-ups is refused');
select throws_ok(
  $$update public.sessions set capacity = 2 where id = tests.id('class')::bigint$$,
  '23514', null, 'also through a direct update');
select throws_ok(
  $$select public.edit_class(tests.id('class')::bigint, now() + interval '3 days', now() + interval '3 days 2 hours', 10::smallint, tests.id('venue_b')::bigint)$$,
  '22023', 'a class meets at a venue of its own ward', 'not at another ward''s venue');
select throws_ok(
  $$update public.sessions set venue_id = tests.id('venue_b')::bigint where id = tests.id('class')::bigint$$,
  '22023', null, 'also not through a direct update');
select throws_ok(
  $$select public.edit_class(tests.id('class')::bigint, now() - interval '1 hour', now() + interval '1 hour', 10::smallint, tests.id('venue')::bigint)$$,
  '22023', 'a class cannot start in the past', 'nor to a time in the past');
select throws_ok(
  $$select public.edit_class(tests.id('class')::bigint, now() + interval '3 days', now() + interval '3 days 2 hours', 40::smallint, tests.id('venue')::bigint)$$,
  '23514', null, 'nor more seats than the venue has');
select throws_ok($$select public.cancel_class(tests.id('class')::bigint, '  ')$$, '22023', null,
  'a cancellation needs a reason');
select throws_ok(
  $$select public.edit_class(tests.id('session')::bigint, now() + interval '4 days', now() + interval '4 days 1 hour', 1::smallint, tests.id('venue')::bigint)$$,
  '42501', null, 'a one-to-one is not a class');

-- The edit ----------------------------------------------------------------------------------------
select lives_ok(
  $$select public.edit_class(tests.id('class')::bigint, now() + interval '4 days', now() + interval '4 days 90 minutes', 3::smallint, tests.id('venue_spare')::bigint)$$,
  'the coordinator moves the class, to another venue of the ward, with exactly the seats taken');
reset role;
select results_eq(
  $$select capacity, venue_id, ends_at - starts_at from public.sessions where id = tests.id('class')::bigint$$,
  $$values (3::smallint, tests.id('venue_spare')::bigint, interval '90 minutes')$$,
  'the class holds its new time, seats and venue');
select is(
  (select count(distinct profile_id)::int from public.notifications
   where session_id = tests.id('class')::bigint and kind = 'session_rescheduled'
     and profile_id in (tests.uid('learner'), tests.uid('l2'), tests.uid('l3'))),
  3, 'every signed-up learner is told of the new time');

select tests.authenticate_as('coord_a');
select public.edit_class(s.id, s.starts_at, s.ends_at, 3::smallint, tests.id('venue')::bigint)
from public.sessions s where s.id = tests.id('class')::bigint;
reset role;
select is(
  (select count(*)::int from public.notifications
   where session_id = tests.id('class')::bigint and kind = 'session_rescheduled' and dedupe_key like 'venue:%'),
  4, 'a change of venue alone is told too (the three learners and the teacher)');

-- The cancellation --------------------------------------------------------------------------------
select tests.authenticate_as('coord_a');
select lives_ok($$select public.cancel_class(tests.id('class')::bigint, 'Nhà văn hóa mất điện')$$,
  'the coordinator cancels the class with a reason');
reset role;
select is(
  (select array_agg(n.params ->> 'reason' order by n.profile_id) from public.notifications n
   where n.session_id = tests.id('class')::bigint and n.kind = 'session_cancelled'
     and n.profile_id in (tests.uid('learner'), tests.uid('l2'), tests.uid('l3'))),
  array['Nhà văn hóa mất điện', 'Nhà văn hóa mất điện', 'Nhà văn hóa mất điện'],
  'each signed-up learner is told, with the reason');
select tests.authenticate_as('coord_a');
select throws_ok(
  $$select public.edit_class(tests.id('class')::bigint, now() + interval '5 days', now() + interval '5 days 1 hour', 5::smallint, tests.id('venue')::bigint)$$,
  '22023', 'this class is no longer planned', 'a cancelled class cannot be edited');

-- A class that has started ----------------------------------------------------------------------
reset role;
select tests.create_user('l4');
insert into public.sessions (kind, skill_id, teacher_id, ward_id, place_type, venue_id, capacity, status, starts_at, ends_at)
values ('class', tests.id('skill2')::bigint, tests.uid('coord_a'), tests.id('ward_a')::bigint, 'venue',
        tests.id('venue')::bigint, 5, 'scheduled', now() - interval '30 minutes', now() + interval '30 minutes');
insert into tests.world select 'started', max(id) from public.sessions where teacher_id = tests.uid('coord_a');
select tests.authenticate_as('coord_a');
select throws_ok(
  $$select public.edit_class(tests.id('started')::bigint, now() + interval '1 day', now() + interval '1 day 1 hour', 5::smallint, tests.id('venue')::bigint)$$,
  '22023', 'this class has already started', 'a class under way cannot be edited');
select throws_ok(
  $$update public.sessions set starts_at = now() + interval '1 day', ends_at = now() + interval '1 day 1 hour' where id = tests.id('started')::bigint$$,
  '22023', null, 'not even by a direct update');

select * from finish();
rollback;
