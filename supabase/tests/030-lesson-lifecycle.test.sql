-- Lessons from proposal to completion: one booking ledger per person, participation by consent,
-- codes that cannot be walked, notices written with their events, reminders outside quiet hours,
-- and an outbox two workers never both claim.
begin;
select plan(38);

select tests.create_world();
select tests.create_user('volunteer2');
update public.profiles set ward_id = tests.id('ward_a')::bigint, can_teach = true, wants_to_learn = true
where id = tests.uid('volunteer2');
-- Verified in ward A: a self-declared volunteer may only take requests offered to them (027).
insert into public.volunteer_verifications (profile_id, ward_id, verified_by)
values (tests.uid('volunteer2'), tests.id('ward_a')::bigint, tests.uid('coord_a'));

-- Proposal, decline, expiry -------------------------------------------------------------------
select tests.authenticate_as('volunteer2');
select lives_ok(
  $$select public.propose_lesson(tests.id('request_open')::bigint, now() + interval '5 days',
      now() + interval '5 days 1 hour', 'near_point', null, 'Thư viện phường, tầng 1')$$,
  'a volunteer proposes a lesson for an open request'
);
reset role;
insert into tests.world select 'proposal', max(id) from public.sessions where request_id = tests.id('request_open')::bigint;
select is(
  (select status from public.help_requests where id = tests.id('request_open')::bigint),
  'scheduled', 'a proposal moves the request to scheduled'
);
select is(
  (select count(*)::int from public.notifications
   where profile_id = tests.uid('learner') and kind = 'session_proposed'
     and session_id = tests.id('proposal')::bigint),
  1, 'the learner is told, once, in the same transaction'
);
select tests.authenticate_as('volunteer');
select throws_ok(
  $$select public.propose_lesson(tests.id('request_open')::bigint, now() + interval '6 days',
      now() + interval '6 days 1 hour', 'home')$$,
  '23505', 'another volunteer has already taken this request',
  'a second volunteer is told the request is taken'
);
select tests.authenticate_as('learner');
select is(
  public.answer_lesson(tests.id('proposal')::bigint, false, 'Tuần này tôi bận'),
  'declined', 'the learner declines'
);
reset role;
select is(
  (select status || '/' || cancel_reason from public.sessions where id = tests.id('proposal')::bigint),
  'cancelled/Tuần này tôi bận', 'declining cancels the proposal with her reason'
);
select is(
  (select status from public.help_requests where id = tests.id('request_open')::bigint),
  'open', 'and reopens the request'
);
select is(
  (select count(*)::int from public.notifications
   where profile_id = tests.uid('volunteer2') and kind = 'session_declined'),
  1, 'the volunteer is told'
);

select tests.authenticate_as('volunteer2');
select public.propose_lesson(tests.id('request_open')::bigint, now() + interval '5 days',
  now() + interval '5 days 1 hour', 'home');
reset role;
update public.sessions set expires_at = now() - interval '1 minute'
where request_id = tests.id('request_open')::bigint and status = 'proposed';
select is(public.run_lesson_jobs(), 1, 'an unanswered proposal expires');
select is(
  (select status from public.help_requests where id = tests.id('request_open')::bigint),
  'open', 'and its request is open again'
);

-- Participation is the participant's own act ---------------------------------------------------
select tests.authenticate_as('volunteer');
select throws_ok(
  $$insert into public.session_participants (session_id, profile_id, status)
    values (tests.id('class')::bigint, tests.uid('stranger'), 'accepted')$$,
  '42501', null, 'a teacher cannot add someone as accepted'
);
insert into public.session_participants (session_id, profile_id)
values (tests.id('class')::bigint, tests.uid('stranger'));
select throws_ok(
  $$update public.session_participants set status = 'accepted'
    where session_id = tests.id('class')::bigint and profile_id = tests.uid('stranger')$$,
  '42501', null, 'nor accept an invitation for them'
);
reset role;
select is(
  (select count(*)::int from private.bookings where profile_id = tests.uid('stranger')),
  0, 'an unanswered invitation blocks nobody''s calendar'
);
select tests.authenticate_as('volunteer');
select is(
  (select count(*)::int from public.profiles where id = tests.uid('stranger')),
  0, 'nor reveals their profile'
);

-- Assisted learners: their helper answers ------------------------------------------------------
reset role;
select tests.create_user('grandma');
update public.profiles set ward_id = tests.id('ward_a')::bigint, registered_by = tests.uid('neighbour')
where id = tests.uid('grandma');
select tests.authenticate_as('volunteer');
insert into public.session_participants (session_id, profile_id)
values (tests.id('class')::bigint, tests.uid('grandma'));
select tests.authenticate_as('neighbour');
select is(
  public.answer_lesson(tests.id('class')::bigint, true, null, tests.uid('grandma')),
  'accepted', 'the neighbour who registered her accepts for her'
);
select tests.authenticate_as('stranger');
select throws_ok(
  $$select public.answer_lesson(tests.id('class')::bigint, true, null, tests.uid('grandma'))$$,
  '42501', null, 'a stranger cannot answer for her'
);

-- One ledger for every role ----------------------------------------------------------------------
-- volunteer2 wants to learn too: the world's volunteer's class is on day 3 for 2 hours.
select tests.authenticate_as('volunteer2');
insert into public.sessions (kind, skill_id, teacher_id, ward_id, place_type, venue_id, capacity, status, starts_at, ends_at)
select 'class', tests.id('skill')::bigint, tests.uid('volunteer2'), tests.id('ward_a')::bigint,
       'venue', tests.id('venue')::bigint, 5, 'scheduled', s.starts_at + interval '1 hour', s.ends_at + interval '1 hour'
from public.sessions s where s.id = tests.id('class')::bigint;
select throws_ok(
  $$insert into public.session_participants (session_id, profile_id)
    values (tests.id('class')::bigint, tests.uid('volunteer2'))$$,
  '23P01', 'this learner already has another lesson at that time',
  'a volunteer cannot learn while teaching'
);
select tests.authenticate_as('volunteer');
select throws_ok(
  $$insert into public.sessions (kind, skill_id, teacher_id, ward_id, place_type, venue_id, capacity, status, starts_at, ends_at)
    select 'class', tests.id('skill')::bigint, tests.uid('volunteer'), tests.id('ward_a')::bigint,
           'venue', tests.id('venue')::bigint, 5, 'scheduled', s.starts_at, s.ends_at
    from public.sessions s where s.id = tests.id('class')::bigint$$,
  '23P01', 'this volunteer already has another lesson at that time',
  'nor teach two classes at once'
);
select throws_ok(
  $$update public.sessions set capacity = 200 where id = tests.id('class')::bigint$$,
  '23514', null, 'a class never has more seats than its venue'
);

-- Completion codes ---------------------------------------------------------------------------
reset role;
select ok(
  (select bool_and(code ~ '^[0-9]{6}$') and count(distinct code) > 1 from (
    select private.new_session_code() as code from generate_series(1, 50)) c),
  'codes are six digits from a cryptographic source'
);
select ok(
  pg_get_functiondef('private.new_session_code()'::regprocedure) ~ 'gen_random_bytes'
  and pg_get_functiondef('private.new_session_code()'::regprocedure) !~ 'random\(\)',
  'and never from random()'
);
insert into public.sessions (skill_id, teacher_id, ward_id, place_type, starts_at, ends_at, status)
values (tests.id('skill')::bigint, tests.uid('volunteer2'), tests.id('ward_a')::bigint, 'home',
        now() - interval '1 hour', now() - interval '10 minutes', 'scheduled')
returning id as guessed \gset
insert into tests.world values ('guessed', :guessed);
insert into public.session_participants (session_id, profile_id, status)
values (:guessed, tests.uid('stranger'), 'accepted');
insert into tests.world select 'right_code', code from public.session_codes where session_id = :guessed;
select tests.authenticate_as('volunteer2');
select is(
  (select array_agg(outcome || ':' || attempts_left order by n)::text from (
    select n, c.* from generate_series(1, 5) n
    cross join lateral public.confirm_session(tests.id('guessed')::bigint, lpad(n::text, 6, '0')) c
    where lpad(n::text, 6, '0') <> tests.id('right_code')
  ) t),
  '{wrong_code:4,wrong_code:3,wrong_code:2,wrong_code:1,locked:0}',
  'five wrong codes lock the session'
);
select is(
  (select outcome from public.confirm_session(tests.id('guessed')::bigint, tests.id('right_code'))),
  'locked', 'even the right code is refused while locked'
);
select throws_ok(
  $$select public.unlock_session_code(tests.id('guessed')::bigint)$$,
  '42501', null, 'the teacher cannot unlock it'
);
select tests.authenticate_as('coord_a');
select ok(public.unlock_session_code(tests.id('guessed')::bigint), 'a coordinator of the ward unlocks it');
select tests.authenticate_as('volunteer2');
select is(
  (select outcome from public.confirm_session(tests.id('guessed')::bigint, tests.id('right_code'))),
  'confirmed', 'then the right code completes the lesson'
);
select tests.authenticate_as('volunteer');
select throws_ok(
  $$select public.confirm_session(tests.id('session')::bigint, '123456')$$,
  '22023', 'this session has not started yet', 'no confirming days before the lesson'
);
reset role;
update public.sessions set starts_at = now() - interval '3 days', ends_at = now() - interval '3 days' + interval '1 hour'
where id = tests.id('session')::bigint;
select tests.authenticate_as('volunteer');
select throws_ok(
  $$select public.confirm_session(tests.id('session')::bigint, '123456')$$,
  '22023', 'this session ended more than a day ago', 'nor days after it'
);

-- Push subscriptions on a shared phone ------------------------------------------------------------
select tests.authenticate_as('neighbour');
select lives_ok(
  $$select public.save_push_subscription('https://push.example.test/sub/1', repeat('n', 87), repeat('b', 22))$$,
  'a second person subscribing on the same phone'
);
reset role;
select is(
  (select profile_id from public.push_subscriptions where endpoint = 'https://push.example.test/sub/1'),
  tests.uid('neighbour'), 'takes the endpoint over: the last to subscribe owns it'
);

-- Reminders and quiet hours -------------------------------------------------------------------
select is(
  private.reminder_time('22:00', '06:00', '2026-12-01 23:30+07', '2026-12-02 09:00+07'),
  '2026-12-02 06:00+07'::timestamptz, 'a reminder due in quiet hours waits for them to end'
);
select is(
  private.reminder_time('22:00', '06:00', '2026-12-01 23:30+07', '2026-12-02 00:30+07'),
  '2026-12-01 21:59+07'::timestamptz, 'or goes just before them when the lesson comes first'
);
update public.profiles set remind_1h = false where id = tests.uid('learner');
delete from public.notifications where kind = 'session_rescheduled';
select tests.authenticate_as('volunteer');
update public.sessions set starts_at = now() + interval '4 days', ends_at = now() + interval '4 days 1 hour'
where id = tests.id('session')::bigint;
reset role;
select is(
  (select string_agg(kind, ',' order by kind) from public.notifications
   where session_id = tests.id('session')::bigint and profile_id = tests.uid('learner') and push_sent_at is null
     and kind like 'reminder%'),
  'reminder_24h', 'a scheduled lesson plans the reminders each person wants'
);
select is(
  (select array_agg(profile_id) from public.notifications
   where session_id = tests.id('session')::bigint and kind = 'session_rescheduled'),
  array[tests.uid('learner')], 'moving a lesson tells the others, not the one who moved it'
);

-- The outbox ------------------------------------------------------------------------------------
update public.notifications set send_after = now() - interval '1 minute' where push_sent_at is null;
insert into public.push_subscriptions (profile_id, endpoint, p256dh, auth)
values (tests.uid('volunteer'), 'https://push.example.test/sub/v', repeat('k', 87), repeat('a', 22));
select tests.authenticate_as('volunteer');
select throws_ok('select * from public.claim_push_batch(10, 60)', '42501', null, 'clients cannot claim pushes');
select tests.authenticate_as_service_role();
create temp table first_claim as select * from public.claim_push_batch(1000, 60);
select ok((select count(*) from first_claim) > 0, 'a worker claims the due pushes of people with a device');
select is(
  (select count(*)::int from public.claim_push_batch(1000, 60)),
  0, 'a second worker finds them leased'
);
select is(
  public.finish_push_batch((select claim from first_claim limit 1), array(select id from first_claim), '[]', '{}'),
  (select count(*)::int from first_claim), 'the worker settles what it sent'
);

select * from finish();
rollback;
