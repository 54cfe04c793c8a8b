-- Download my data shows how each of her phone consent cards was confirmed (her own account or a
-- class's tablet; the volunteer's side by the teacher or the ward's coordinator) as roles, never
-- ids; whoever confirmed a card for someone else finds it in their own export, without her id.
begin;
select plan(12);

select tests.create_world();
select tests.authenticate_as_service_role();

-- The one-to-one: both sides signed in as themselves. The class: on the tablet held by the
-- ward's coordinator, who recorded both sides.
insert into public.device_cards (session_id, learner_id, actions, minutes, teacher_confirmed_at, teacher_confirmed_by,
                                 learner_confirmed_at, learner_confirmed_by, learner_confirmed_on)
values (tests.id('session')::bigint, tests.uid('learner'), '{hold_phone}', 30, now(), tests.uid('volunteer'),
        now(), tests.uid('learner'), 'own_account'),
       (tests.id('class')::bigint, tests.uid('learner'), '{create_accounts,show_on_own_phone}', 45, now(),
        tests.uid('coord_a'), now(), tests.uid('coord_a'), 'class_tablet');

select tests.authenticate_as('learner');
create temp table learner_export as select public.export_my_data() as data;
grant select on learner_export to public;
select tests.authenticate_as('volunteer');
create temp table volunteer_export as select public.export_my_data() as data;
grant select on volunteer_export to public;
select tests.authenticate_as('coord_a');
create temp table coord_export as select public.export_my_data() as data;
grant select on coord_export to public;
select tests.authenticate_as('stranger');
create temp table stranger_export as select public.export_my_data() as data;
grant select on stranger_export to public;
select tests.authenticate_as_service_role();

create temp table her_cards as
select (c ->> 'session_id')::bigint as session_id, c ->> 'learner_confirmed_on' as learner_on,
       c ->> 'teacher_side_confirmed_by' as teacher_by, (c ->> 'confirmed_by_me')::boolean as by_me
from learner_export, jsonb_array_elements(data -> 'phone_consent_cards') c;

select is((select count(*)::int from her_cards), 2, 'both her cards are in her export');
select results_eq(
  $$select learner_on, teacher_by, by_me from her_cards where session_id = tests.id('session')::bigint$$,
  $$values ('own_account'::text, 'teacher'::text, true)$$,
  'the lesson''s card: she confirmed on her own account, the teacher his side');
select results_eq(
  $$select learner_on, teacher_by, by_me from her_cards where session_id = tests.id('class')::bigint$$,
  $$values ('class_tablet'::text, 'ward_coordinator'::text, false)$$,
  'the class''s card: given on the tablet, the volunteer''s side by the ward''s coordinator');
select is(position(tests.id('coord_a') in (select data::text from learner_export)), 0,
  'her export never names the coordinator who held the tablet');
select is(position(tests.id('volunteer') in (select data::text from learner_export)), 0,
  'nor the teacher');

select results_eq(
  $$select (c ->> 'session_id')::bigint, c ->> 'my_side', c ->> 'learner_confirmed_on', c ? 'confirmed_at'
    from coord_export, jsonb_array_elements(data -> 'phone_consent_cards_confirmed') c$$,
  $$values (tests.id('class')::bigint, 'both_on_tablet'::text, 'class_tablet'::text, true)$$,
  'the coordinator''s export holds the card he recorded on the tablet, both sides');
select is(position(tests.id('learner') in (select data::text from coord_export)), 0,
  'without the learner''s id');
select results_eq(
  $$select (c ->> 'session_id')::bigint, c ->> 'my_side'
    from volunteer_export, jsonb_array_elements(data -> 'phone_consent_cards_confirmed') c$$,
  $$values (tests.id('session')::bigint, 'teacher'::text)$$,
  'the teacher''s export holds the card whose side he confirmed (not the tablet one he did not)');
select is(position(tests.id('learner') in (select data::text from volunteer_export)), 0,
  'without the learner''s id either');
select is(jsonb_array_length((select data -> 'phone_consent_cards' from coord_export)), 0,
  'a card is someone''s own only when it is about her');
select is(
  (select jsonb_array_length(data -> 'phone_consent_cards') + jsonb_array_length(data -> 'phone_consent_cards_confirmed')
   from stranger_export),
  0, 'a stranger''s export holds no card');
select is(
  (select count(*)::int from pg_proc p join pg_namespace n on n.oid = p.pronamespace
   where n.nspname = 'private' and p.proname = 'export_person'
     and has_function_privilege('authenticated', p.oid, 'execute')),
  0, 'clients still cannot call the export for someone else');

select * from finish();
rollback;
