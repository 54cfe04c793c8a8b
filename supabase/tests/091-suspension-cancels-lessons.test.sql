-- A suspension cancels the volunteer's upcoming lessons in the same transaction: one-to-ones and
-- classes, with the neutral reason a block uses (never the suspension's reason), a notice to every
-- learner, their requests open again and waiting invitations withdrawn; past lessons untouched.
begin;
select plan(16);

select tests.create_world();

-- An invitation waiting for the volunteer on the open request.
insert into public.lesson_invitations (request_id, volunteer_id, invited_by, starts_at, ends_at, expires_at)
values (tests.id('request_open')::bigint, tests.uid('volunteer'), tests.uid('learner'),
        now() + interval '4 days', now() + interval '4 days 1 hour', now() + interval '1 day');

select tests.authenticate_as('coord_a');
select throws_ok(
  $$insert into public.volunteer_suspensions (profile_id, ward_id, reason) values (tests.uid('volunteer'), tests.id('ward_a')::bigint, 'x')$$,
  '23514', null, 'a refused suspension (no reason) ...');
reset role;
select is(
  (select array_agg(status order by id) from public.sessions where teacher_id = tests.uid('volunteer')),
  array['completed', 'scheduled', 'scheduled'], '... cancels nothing');

select tests.authenticate_as('coord_a');
insert into public.volunteer_suspensions (profile_id, ward_id, reason)
values (tests.uid('volunteer'), tests.id('ward_a')::bigint, 'Không đến hai buổi liền');
reset role;

select results_eq(
  $$select status, cancel_reason, cancelled_by from public.sessions
    where id in (tests.id('session')::bigint, tests.id('class')::bigint) order by id$$,
  $$values ('cancelled'::text, 'unavailable'::text, tests.uid('coord_a')),
           ('cancelled'::text, 'unavailable'::text, tests.uid('coord_a'))$$,
  'the upcoming one-to-one and class are cancelled with the neutral reason, by the coordinator');
select is((select status from public.sessions where id = tests.id('session_done')::bigint), 'completed',
  'a lesson already given stays as it was');
select is((select status from public.help_requests where id = tests.id('request_taken')::bigint), 'open',
  'the one-to-one''s request is open again');
select is((select status from public.lesson_invitations where volunteer_id = tests.uid('volunteer')), 'withdrawn',
  'the invitation waiting for them is withdrawn');
select is(
  (select array_agg(n.session_id order by n.session_id) from public.notifications n
   where n.profile_id = tests.uid('learner') and n.kind = 'session_cancelled'),
  array[tests.id('session')::bigint, tests.id('class')::bigint],
  'the learner hears of each cancelled lesson once');
select is(
  (select array_agg(distinct n.params ->> 'reason') from public.notifications n
   where n.kind = 'session_cancelled' and n.session_id in (tests.id('session')::bigint, tests.id('class')::bigint)),
  array['unavailable'], 'with the neutral reason only');
select is(
  (select count(*)::int from public.notifications n where n.params::text like '%Không đến%'
      or n.body like '%Không đến%' or n.title like '%Không đến%'),
  0, 'the suspension''s reason reaches no learner');
select is(
  (select count(*)::int from public.notifications n
   where n.profile_id = tests.uid('learner') and n.kind in ('reminder_24h', 'reminder_1h')
     and n.session_id in (tests.id('session')::bigint, tests.id('class')::bigint)
     and n.push_sent_at is null),
  0, 'and no reminder of them is left to send');

-- Matched again: the request is on the board's list and someone else can take it.
select tests.create_user('helper_a');
update public.profiles set ward_id = tests.id('ward_a')::bigint, can_teach = true where id = tests.uid('helper_a');
select tests.authenticate_as('helper_a');
insert into public.consents (profile_id, kind, version)
select tests.uid('helper_a'), kind, version from public.consents where id = tests.id('consent')::bigint;
insert into public.home_locations (profile_id, lat, lng) values (tests.uid('helper_a'), 10.7725, 106.6995);
insert into public.volunteer_skills (profile_id, skill_id) values (tests.uid('helper_a'), tests.id('skill2')::bigint);
select tests.authenticate_as('coord_a');
select ok(
  exists (select 1 from public.ward_unmet_requests(tests.id('ward_a')::bigint)
          where request_id = tests.id('request_taken')::bigint),
  'the reopened request is back among the unmet requests');
select tests.authenticate_as('helper_a');
select lives_ok(
  $$select public.propose_lesson(tests.id('request_taken')::bigint, now() + interval '5 days',
      now() + interval '5 days 1 hour', 'venue')$$,
  'another volunteer can propose a lesson for it');

-- Nor is a suspended volunteer offered, or accepted, as a class's teacher.
select tests.authenticate_as('coord_a');
select ok(not exists (select 1 from public.class_teachers(tests.id('ward_a')::bigint) where profile_id = tests.uid('volunteer')),
  'the class form no longer offers the suspended volunteer as a teacher');
select throws_ok(
  $$select public.schedule_class(tests.id('venue')::bigint, tests.id('skill')::bigint, tests.uid('volunteer'),
      now() + interval '6 days', now() + interval '6 days 1 hour', 5::smallint)$$,
  '42501', 'this volunteer is suspended by the ward', 'and a class cannot be given to them');

-- Lifting the suspension brings nothing back.
select tests.authenticate_as('coord_a');
update public.volunteer_suspensions set lifted_at = now(), lifted_by = tests.uid('coord_a')
where profile_id = tests.uid('volunteer') and lifted_at is null;
reset role;
select is((select status from public.sessions where id = tests.id('class')::bigint), 'cancelled',
  'lifting the suspension does not revive the cancelled lessons');

-- A suspension of someone with nothing planned cancels nobody else's lessons.
select tests.authenticate_as('coord_a');
insert into public.volunteer_suspensions (profile_id, ward_id, reason)
values (tests.uid('helper_a'), tests.id('ward_a')::bigint, 'Chưa xác minh');
reset role;
select is((select count(*)::int from public.sessions where request_id = tests.id('request_taken')::bigint and status = 'cancelled' and teacher_id <> tests.uid('volunteer')),
  1, 'suspending the new volunteer cancels their own proposal only');

select * from finish();
rollback;
