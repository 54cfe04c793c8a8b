-- The phone consent card in a class of a phone-touching skill: no learner is marked present before
-- both sides confirmed her card, on her own phone (then the teacher) or together on the class's
-- shared tablet (teacher or ward coordinator, her agreement recorded per learner, marked as given
-- on the tablet); nobody else confirms; a learner's card is hers alone to read.
begin;
select plan(24);

select tests.create_world();
select tests.create_user('learner2');
select tests.create_user('learner3');
update public.profiles set ward_id = tests.id('ward_a')::bigint, wants_to_learn = true
where id in (tests.uid('learner2'), tests.uid('learner3'));

create temporary table t (key text primary key, id bigint) on commit drop;
grant all on t to authenticated, anon;

select tests.authenticate_as_service_role();
update public.skills set touches_learner_phone = true where id = tests.id('skill')::bigint;

select tests.authenticate_as('coord_a');
insert into t
select 'class', public.schedule_class(tests.id('venue')::bigint, tests.id('skill')::bigint, tests.uid('volunteer'),
                                      now() + interval '10 minutes', now() + interval '70 minutes', 3::smallint, 'VNeID');
select tests.authenticate_as('learner');
select public.join_class((select id from t where key = 'class'));
select tests.authenticate_as('learner2');
select public.join_class((select id from t where key = 'class'));
select tests.authenticate_as('learner3');
select public.join_class((select id from t where key = 'class'));

-- No card, no present mark -------------------------------------------------------------------------
select tests.authenticate_as('volunteer');
select throws_ok(format($$select public.mark_attendance(%s, %L, true)$$, (select id from t where key = 'class'), tests.uid('learner')),
  '42501', 'both the volunteer and the learner confirm the phone card before the lesson is done',
  'a learner of a VNeID class is not marked present before her card is confirmed');
select is(public.mark_attendance((select id from t where key = 'class'), tests.uid('learner3'), false), 'no_show',
  'absent needs no card');

-- Who may hold the tablet -----------------------------------------------------------------------------
select is(tests.try_as('stranger', format($$select public.confirm_class_card(%s, %L, '{hold_phone}', 30, true, true)$$,
  (select id from t where key = 'class'), tests.uid('learner'))), '42501', 'a stranger cannot confirm a class card');
select is(tests.try_as('coord_b', format($$select public.confirm_class_card(%s, %L, '{hold_phone}', 30, true, true)$$,
  (select id from t where key = 'class'), tests.uid('learner'))), '42501', 'nor another ward''s coordinator');
select is(tests.try_as('learner', format($$select public.confirm_class_card(%s, %L, '{hold_phone}', 30, true, true)$$,
  (select id from t where key = 'class'), tests.uid('learner'))), '42501', 'a learner cannot record both sides herself');
select is(tests.try_as('learner2', format($$select public.confirm_class_card(%s, %L, '{hold_phone}', 30, true, true)$$,
  (select id from t where key = 'class'), tests.uid('learner'))), '42501', 'nor another learner of the class');
select is(tests.try_as('learner2', format($$select public.confirm_device_card(%s, %L, '{hold_phone}', 30, true)$$,
  (select id from t where key = 'class'), tests.uid('learner'))), '42501', '...not even as her side on her own phone');
select tests.clear_authentication();
select throws_ok(format($$select public.confirm_class_card(%s, %L, '{hold_phone}', 30, true, true)$$,
  (select id from t where key = 'class'), tests.uid('learner')), '42501', null, 'anon cannot call it at all');

select is(tests.try_as('volunteer', format($$select public.confirm_class_card(%s, %L, '{hold_phone}', 30, true, false)$$,
  (select id from t where key = 'class'), tests.uid('learner'))), '22023', 'the learner''s own agreement is required');
select is(tests.try_as('volunteer', format($$select public.confirm_class_card(%s, %L, '{hold_phone}', 30, false, true)$$,
  (select id from t where key = 'class'), tests.uid('learner'))), '22023', 'and the rule on codes, passwords and PINs');
select is(tests.try_as('volunteer', format($$select public.confirm_class_card(%s, %L, '{hold_phone}', 90, true, true)$$,
  (select id from t where key = 'class'), tests.uid('learner'))), '22023', 'the card lasts at most the class');

-- On the tablet, together ------------------------------------------------------------------------------
select tests.authenticate_as('volunteer');
select is(public.confirm_class_card((select id from t where key = 'class'), tests.uid('learner'), '{install_apps,hold_phone}', 45, true, true),
  'agreed', 'the teacher and the learner confirm her card on the tablet');
select is(
  (select row(learner_confirmed_on, learner_confirmed_by, teacher_confirmed_by, actions)::text from public.device_cards
   where session_id = (select id from t where key = 'class') and learner_id = tests.uid('learner')),
  row('class_tablet', tests.uid('volunteer'), tests.uid('volunteer'), '{hold_phone,install_apps}'::text[])::text,
  '...recorded for her, as given on the tablet and witnessed by the teacher');
select is(public.mark_attendance((select id from t where key = 'class'), tests.uid('learner'), true), 'attended',
  'then she is marked present (and the class completes)');
select is(tests.try_as('volunteer', format($$select public.confirm_class_card(%s, %L, '{hold_phone}', 30, true, true)$$,
  (select id from t where key = 'class'), tests.uid('learner'))), '22023', 'a present learner''s card is closed');

-- On her own phone, after the class began ------------------------------------------------------------------
select tests.authenticate_as('learner2');
select is(public.confirm_device_card((select id from t where key = 'class'), tests.uid('learner2'), '{show_on_own_phone}', 30, true),
  'waiting', 'a learner confirms her side on her own phone, though the class is under way');
select tests.authenticate_as('volunteer');
select throws_ok(format($$select public.mark_attendance(%s, %L, true)$$, (select id from t where key = 'class'), tests.uid('learner2')),
  '42501', null, 'her side alone is not enough');
select is(public.confirm_device_card((select id from t where key = 'class'), tests.uid('learner2'), '{show_on_own_phone}', 30, true),
  'agreed', 'the teacher confirms the same terms');
select is(public.mark_attendance((select id from t where key = 'class'), tests.uid('learner2'), true), 'attended',
  'and she is marked present');
select is(
  (select learner_confirmed_on from public.device_cards
   where session_id = (select id from t where key = 'class') and learner_id = tests.uid('learner2')),
  'own_account', 'her card says she confirmed it signed in');

-- A late arrival, with the ward's coordinator on the tablet ----------------------------------------------------
select tests.authenticate_as('coord_a');
select is(public.confirm_class_card((select id from t where key = 'class'), tests.uid('learner3'), '{hold_phone}', 30, true, true),
  'agreed', 'the coordinator holding the tablet confirms with a learner marked absent who arrived late');
select is(public.mark_attendance((select id from t where key = 'class'), tests.uid('learner3'), true), 'attended',
  'and marks her present');

-- Reading -----------------------------------------------------------------------------------------
select is(tests.try_as('learner2', format('select 1 from public.device_cards where session_id = %s', (select id from t where key = 'class'))),
  '1', 'a learner reads only her own card of the class');
select is(tests.try_as('volunteer', format('select 1 from public.device_cards where session_id = %s', (select id from t where key = 'class'))),
  '3', 'the teacher reads every card of his class');

select * from finish();
rollback;
