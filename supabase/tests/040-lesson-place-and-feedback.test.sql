-- Where a lesson happens is told exactly only once both sides agreed; feedback only from the
-- people who were there, about steps of the lesson's own skill.
begin;
select plan(21);

select tests.create_world();
select tests.create_user('volunteer2');
update public.profiles set ward_id = tests.id('ward_a')::bigint, can_teach = true
where id = tests.uid('volunteer2');
-- Verified in ward A: only a verified volunteer may propose a lesson at a learner's home (027).
insert into public.volunteer_verifications (profile_id, ward_id, verified_by)
values (tests.uid('volunteer2'), tests.id('ward_a')::bigint, tests.uid('coord_a'));

-- A proposal at the learner's home: nothing exact before she accepts -----------------------------
select tests.authenticate_as('volunteer');
select public.propose_lesson(tests.id('request_open')::bigint, now() + interval '5 days',
  now() + interval '5 days 1 hour', 'near_point', null, 'Quán cà phê đầu hẻm 12');
reset role;
insert into tests.world
select 'proposal', id from public.sessions
where request_id = tests.id('request_open')::bigint and status = 'proposed';
select tests.authenticate_as('volunteer');

select is(
  (select place_note from public.sessions where id = tests.id('proposal')::bigint),
  '', 'the note is not in the table, not even for the teacher who wrote it'
);
select tests.authenticate_as('learner');
select is(
  (select place_note from public.sessions where id = tests.id('proposal')::bigint),
  '', 'nor for the invited learner'
);
select is(
  (select row(exact, note)::text from public.lesson_place(tests.id('proposal')::bigint)),
  '(f,)', 'who gets no note before she accepts'
);
select tests.authenticate_as('volunteer');
select is(
  (select row(exact, note, lat = 10.7701)::text from public.lesson_place(tests.id('proposal')::bigint)),
  '(f,,f)', 'the teacher gets the cell, not the point, before she accepts'
);
select tests.authenticate_as('stranger');
select is_empty(
  $$select * from public.lesson_place(tests.id('proposal')::bigint)$$,
  'a stranger gets nothing'
);
select tests.authenticate_as('neighbour');
select is_empty(
  $$select * from public.lesson_place(tests.id('session')::bigint)$$,
  'a neighbour of the same ward gets nothing about a scheduled lesson either'
);

select tests.authenticate_as('learner');
select public.answer_lesson(tests.id('proposal')::bigint, true);
select is(
  (select row(exact, note)::text from public.lesson_place(tests.id('proposal')::bigint)),
  '(t,"Quán cà phê đầu hẻm 12")', 'once she accepted, she gets the note'
);
select tests.authenticate_as('volunteer');
select is(
  (select row(exact, lat, lng)::text from public.lesson_place(tests.id('proposal')::bigint)),
  '(t,10.7701,106.6952)', 'and the teacher the exact public point of the request'
);
select tests.authenticate_as('coord_a');
select is(
  (select row(exact, lat = 10.7701)::text from public.lesson_place(tests.id('proposal')::bigint)),
  '(f,f)', 'the ward''s coordinator, not a party to the lesson, gets the cell, as everywhere else'
);

-- Home and venue --------------------------------------------------------------------------------
select tests.authenticate_as('volunteer');
select is(
  (select row(place_type, exact, lat, lng)::text from public.lesson_place(tests.id('session_done')::bigint)),
  '(home,t,10.77312,106.69871)', 'an agreed lesson at home gives the teacher the learner''s home'
);
select is(
  (select row(venue_name_vi, address, exact)::text from public.lesson_place(tests.id('session')::bigint)),
  '("Nhà văn hóa khu phố 1","1 Lê Lợi",t)', 'a venue is named with its address'
);

-- A declined invitation reveals nothing ----------------------------------------------------------
select tests.authenticate_as('learner');
insert into public.help_requests (learner_id, skill_id, place_type, preferred_times)
values (tests.uid('learner'), tests.id('skill2')::bigint, 'home', '{weekday_morning}');
reset role;
insert into tests.world
select 'home_request', max(id) from public.help_requests
where learner_id = tests.uid('learner') and skill_id = tests.id('skill2')::bigint and status = 'open';
select tests.authenticate_as('volunteer2');
select public.propose_lesson(tests.id('home_request')::bigint, now() + interval '8 days',
  now() + interval '8 days 1 hour', 'home', null, 'Tôi sẽ gọi trước khi đến');
reset role;
insert into tests.world
select 'home_proposal', id from public.sessions
where request_id = tests.id('home_request')::bigint and status = 'proposed';
select tests.authenticate_as('volunteer2');
select is(
  (select row(exact, lat = 10.77312)::text from public.lesson_place(tests.id('home_proposal')::bigint)),
  '(f,f)', 'a volunteer whose proposal is unanswered does not get the home'
);
select tests.authenticate_as('learner');
select public.answer_lesson(tests.id('home_proposal')::bigint, false, 'Không tiện');
select tests.authenticate_as('volunteer2');
select is(
  (select coalesce(bool_or(exact), false) from public.lesson_place(tests.id('home_proposal')::bigint)),
  false, 'nor after she declined'
);

-- Feedback ----------------------------------------------------------------------------------------
select tests.authenticate_as('volunteer');
select lives_ok(
  $$insert into public.feedback (session_id, author_id, rating, comment)
    values (tests.id('session_done')::bigint, tests.uid('volunteer'), 5, 'Bà học nhanh')$$,
  'the teacher of a completed lesson gives feedback'
);
select tests.authenticate_as('stranger');
select throws_ok(
  $$insert into public.feedback (session_id, author_id, rating)
    values (tests.id('session_done')::bigint, tests.uid('stranger'), 1)$$,
  '42501', null, 'a stranger cannot'
);
select tests.authenticate_as('learner');
select throws_ok(
  $$insert into public.feedback (session_id, author_id, rating)
    values (tests.id('session')::bigint, tests.uid('learner'), 4)$$,
  '42501', null, 'nobody gives feedback before the lesson is completed'
);
select throws_ok(
  $$insert into public.feedback (session_id, author_id, rating)
    values (tests.id('home_proposal')::bigint, tests.uid('learner'), 1)$$,
  '42501', null, 'nor on a lesson she declined'
);
reset role;
delete from public.feedback where id = tests.id('feedback')::bigint;
select tests.authenticate_as('learner');
select throws_ok(
  format($$insert into public.feedback (session_id, author_id, rating, mastered_step_ids)
    values (%s, tests.uid('learner'), 5, array[%s::bigint])$$,
    tests.id('session_done'), (select coalesce(max(id), 0) + 1000 from public.skill_steps)),
  '23514', null, 'a mastered step must belong to the lesson''s skill'
);
select lives_ok(
  $$insert into public.feedback (session_id, author_id, rating, mastered_step_ids)
    values (tests.id('session_done')::bigint, tests.uid('learner'), 5,
            array[tests.id('step')::bigint, tests.id('step')::bigint])$$,
  'the learner who attended says which steps she can do now'
);
select is(
  (select mastered_step_ids from public.feedback
   where session_id = tests.id('session_done')::bigint and author_id = tests.uid('learner')),
  array[tests.id('step')::bigint], 'each step is kept once'
);

reset role;
delete from public.sessions where id = tests.id('home_proposal')::bigint;
select is(
  (select count(*)::int from private.session_place_notes where session_id = tests.id('home_proposal')::bigint),
  0, 'a deleted lesson takes its note with it'
);

select * from finish();
rollback;
