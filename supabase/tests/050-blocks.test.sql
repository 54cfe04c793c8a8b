-- A block, enforced by the database: no lesson, no profile row, no request and no notice between
-- the pair; their upcoming lessons end together with the same neutral notice to both; reports
-- reach the ward board's queue, oldest first, each due in 24 hours.
begin;
select plan(23);

select tests.create_world();

-- Before: the learner and the volunteer share a lesson, so each sees the other's profile row.
select tests.authenticate_as('volunteer');
select is(
  (select count(*)::int from public.profiles where id = tests.uid('learner')), 1,
  'before the block, the volunteer sees the learner''s profile row (they share a lesson)'
);

-- The learner blocks the volunteer ----------------------------------------------------------
select tests.authenticate_as('learner');
select lives_ok(
  $$insert into public.blocks (blocked_id) values (tests.uid('volunteer'))$$,
  'the learner blocks the volunteer'
);
reset role;
select results_eq(
  $$select status, cancel_reason from public.sessions where id = tests.id('session')::bigint$$,
  $$values ('cancelled'::text, 'unavailable'::text)$$,
  'their upcoming one-to-one is cancelled with the neutral reason, in the same transaction'
);
select is(
  (select status from public.session_participants
   where session_id = tests.id('class')::bigint and profile_id = tests.uid('learner')),
  'cancelled',
  'the learner''s place in the volunteer''s class is cancelled'
);
select is(
  (select status from public.sessions where id = tests.id('session_done')::bigint),
  'completed',
  'a past lesson stays as it was'
);
select is(
  (select count(*)::int from public.help_requests where id = tests.id('request_taken')::bigint and status = 'open'),
  1,
  'the cancelled one-to-one''s request is open again'
);
select results_eq(
  $$select profile_id, session_id, params ->> 'reason' from public.notifications
    where kind = 'session_cancelled' and session_id in (tests.id('session')::bigint, tests.id('class')::bigint)
    order by session_id, profile_id$$,
  $$select * from (values
      (tests.uid('learner'), tests.id('session')::bigint, 'unavailable'::text),
      (tests.uid('volunteer'), tests.id('session')::bigint, 'unavailable'::text),
      (tests.uid('learner'), tests.id('class')::bigint, 'unavailable'::text),
      (tests.uid('volunteer'), tests.id('class')::bigint, 'unavailable'::text)
    ) v (p, s, r) order by s, p$$,
  'both receive one neutral notice per lesson'
);
select is(
  (select count(*)::int from public.notifications
   where kind = 'session_cancelled' and title || body || params::text ~* 'block'),
  0,
  'no notice says anyone was blocked'
);

-- The blocked volunteer cannot invite, see or notify the learner -----------------------------
select tests.authenticate_as('volunteer');
select throws_ok(
  format($$select public.propose_lesson(%s, now() + interval '5 days', now() + interval '5 days 1 hour', 'home')$$,
         tests.id('request_open')),
  '42501', 'this lesson cannot be arranged',
  'the blocked volunteer cannot propose a lesson to the learner (neutral error)'
);
select is(
  tests.try_as('volunteer', tests.fill($$insert into public.sessions
     (request_id, skill_id, teacher_id, ward_id, place_type, starts_at, ends_at)
     values (:request_open, :skill, :volunteer, :ward_a, 'home', now() + interval '6 days',
             now() + interval '6 days 1 hour')$$)),
  '42501',
  'nor insert a session for the learner''s request directly'
);
select is(
  tests.try_as('volunteer', tests.fill($$insert into public.session_participants (session_id, profile_id)
     values (:class, :learner)$$)),
  '42501',
  'nor put the learner back into a class'
);
select tests.authenticate_as('volunteer');
select is(
  (select count(*)::int from public.profiles where id = tests.uid('learner')), 0,
  'the volunteer no longer sees the learner''s profile row (phone)'
);
select is(
  (select count(*)::int from public.help_requests where learner_id = tests.uid('learner')), 0,
  'nor the learner''s requests'
);
select is(
  (select count(*)::int from public.profile_cards(array[tests.uid('learner')])), 0,
  'nor the learner''s card'
);
-- Whatever function writes it, a notice caused by the blocked person is not written.
reset role;
select private.notify(tests.uid('learner'), 'system', tests.id('session')::bigint, '{}', 'probe');
select is(
  (select count(*)::int from public.notifications where dedupe_key = 'probe'), 0,
  'no notification reaches the blocker from the blocked person''s acts'
);
select tests.authenticate_as('coord_a');
reset role;
select private.notify(tests.uid('learner'), 'system', tests.id('session')::bigint, '{}', 'probe');
select is(
  (select count(*)::int from public.notifications where dedupe_key = 'probe'), 1,
  '...while anyone else''s act still notifies them'
);

-- The other direction: a volunteer who blocked a learner cannot invite them either.
update public.profiles set can_teach = true where id = tests.uid('neighbour');
select tests.authenticate_as('neighbour');
insert into public.blocks (blocked_id) values (tests.uid('learner'));
select throws_ok(
  format($$select public.propose_lesson(%s, now() + interval '5 days', now() + interval '5 days 1 hour', 'home')$$,
         tests.id('request_open')),
  '42501', 'this lesson cannot be arranged',
  'a volunteer cannot propose a lesson to someone they blocked'
);

-- The ward board's queue ---------------------------------------------------------------------
select tests.authenticate_as('neighbour');
insert into public.reports (reported_id, reason, details) values (tests.uid('volunteer'), 'harassment', 'Hai');
reset role;
update public.reports set created_at = now() - interval '30 hours' where id = tests.id('report')::bigint;
select tests.authenticate_as('coord_a');
select results_eq(
  $$select reason, due_at - created_at, overdue from public.report_queue()$$,
  $$values ('no_show'::text, interval '24 hours', true), ('harassment'::text, interval '24 hours', false)$$,
  'the ward''s coordinator sees the waiting reports oldest first, each due 24 hours after filing'
);
select tests.authenticate_as('coord_b');
select is((select count(*)::int from public.report_queue()), 0, 'another ward''s coordinator sees none');
select tests.authenticate_as('learner');
select is((select count(*)::int from public.report_queue()), 0, 'a reporter has no queue');
select set_eq(
  $$select display_name from public.my_blocks()$$,
  $$values ('volunteer'::text), ('stranger'::text)$$,
  'the blocker lists whom they blocked, with names'
);
select tests.authenticate_as('volunteer');
select is((select count(*)::int from public.my_blocks()), 0, 'the blocked person learns nothing from it');
select tests.clear_authentication();
select throws_ok('select * from public.report_queue()', '42501', null, 'visitors cannot call it');

select * from finish();
rollback;
