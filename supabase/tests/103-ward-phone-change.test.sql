-- The ward office changes a person's sign-in phone: only a coordinator of the person's ward may ask
-- (never for her own number); a number another account signs in with is refused; the request and
-- its audit row keep a hash and the last 3 digits, never the number; GoTrue's admin write of the
-- requested number ends the person's sessions, copies the number to her profile and leaves her a
-- notice; an admin write without a request ends nothing.
begin;
select plan(22);

select tests.create_world();
update auth.users set phone = '84901000001' where id = tests.uid('learner');
update auth.users set phone = '84901000002' where id = tests.uid('stranger');
insert into auth.sessions (id, user_id, created_at, updated_at)
values ('10300000-0000-4000-8000-000000000001', tests.uid('learner'), now(), now()),
       ('10300000-0000-4000-8000-000000000002', tests.uid('stranger'), now(), now());

create temporary table audit_before on commit drop as select coalesce(max(id), 0) as id from public.audit_log;

-- Who may ask --------------------------------------------------------------------------------------
select tests.authenticate_as('coord_b');
select throws_ok($$select public.ward_person_by_phone(tests.id('ward_a')::bigint, '+84901000001')$$,
  '42501', null, 'another ward''s coordinator finds nobody in ward A');
select throws_ok($$select public.ward_change_phone(tests.id('ward_b')::bigint, tests.uid('learner'), '+84909000111', 'citizen_id_card')$$,
  '42501', null, '...nor changes a ward A person''s number through her own ward');
select tests.authenticate_as('volunteer');
select throws_ok($$select public.ward_change_phone(tests.id('ward_a')::bigint, tests.uid('learner'), '+84909000111', 'citizen_id_card')$$,
  '42501', null, 'a volunteer cannot');
select tests.authenticate_as('learner');
select throws_ok($$select public.ward_change_phone(tests.id('ward_a')::bigint, tests.uid('learner'), '+84909000111', 'citizen_id_card')$$,
  '42501', null, 'the person herself cannot');

-- What the coordinator types ------------------------------------------------------------------------
select tests.authenticate_as('coord_a');
select is(public.ward_person_by_phone(tests.id('ward_a')::bigint, '+84901000001') ->> 'id',
  tests.uid('learner')::text, 'the coordinator of ward A finds her by her current number');
select is(public.ward_person_by_phone(tests.id('ward_a')::bigint, '+84901000002'), null,
  '...and nobody outside her ward');
select throws_ok($$select public.ward_change_phone(tests.id('ward_a')::bigint, tests.uid('stranger'), '+84909000111', 'citizen_id_card')$$,
  '42501', null, 'a person of another ward is refused');
select throws_ok($$select public.ward_change_phone(tests.id('ward_a')::bigint, tests.uid('coord_a'), '+84909000111', 'citizen_id_card')$$,
  '42501', null, 'her own number is changed by another coordinator');
select throws_ok($$select public.ward_change_phone(tests.id('ward_a')::bigint, tests.uid('learner'), '0909000111', 'citizen_id_card')$$,
  '22023', null, 'a number not in +84 form is refused');
select throws_ok($$select public.ward_change_phone(tests.id('ward_a')::bigint, tests.uid('learner'), '+84909000111', 'looked_honest')$$,
  '22023', null, 'a method not listed is refused');
select throws_ok($$select public.ward_change_phone(tests.id('ward_a')::bigint, tests.uid('learner'), '+84901000002', 'citizen_id_card')$$,
  '23505', null, 'a number another account signs in with is refused');
select throws_ok($$select public.ward_change_phone(tests.id('ward_a')::bigint, tests.uid('learner'), '+84901000001', 'citizen_id_card')$$,
  '22023', null, 'her own current number is refused');
select is(public.ward_change_phone(tests.id('ward_a')::bigint, tests.uid('learner'), '+84909000111', 'citizen_id_card') ->> 'profile_id',
  tests.uid('learner')::text, 'the coordinator of ward A records the request');
reset role;

select is((select count(*)::int from public.audit_log where id > (select id from audit_before)
           and table_name = 'phone_changes' and action = 'insert'
           and new_data ->> 'identity_check' = 'citizen_id_card' and new_data ->> 'changed_by' = tests.uid('coord_a')::text),
  1, 'the audit says who asked and how identity was checked');
select is((select count(*)::int from public.audit_log where id > (select id from audit_before)
           and (new_data::text like '%909000111%' or new_data::text like '%901000001%')),
  0, 'no audit row holds the old or new number in clear');

-- GoTrue's admin write --------------------------------------------------------------------------------
update auth.users set phone = '84909000111', phone_confirmed_at = now() where id = tests.uid('learner');
select is((select count(*)::int from auth.sessions where user_id = tests.uid('learner')), 0,
  'the requested number ends her sessions');
select is((select count(*)::int from auth.sessions where user_id = tests.uid('stranger')), 1,
  '...nobody else''s');
select is((select phone from public.profiles where id = tests.uid('learner')), '+84909000111',
  'her profile has the new number');
select is((select count(*)::int from public.notifications where profile_id = tests.uid('learner')
           and title = 'office.notice.title' and params ->> 'last3' = '111'),
  1, 'she gets a notice (message keys, read in her language)');
select isnt((select done_at from private.phone_changes where profile_id = tests.uid('learner')), null,
  'the request is done');

insert into auth.sessions (id, user_id, created_at, updated_at)
values ('10300000-0000-4000-8000-000000000003', tests.uid('learner'), now(), now());
update auth.users set phone = '84909000222' where id = tests.uid('learner');
select is((select count(*)::int from auth.sessions where user_id = tests.uid('learner')), 1,
  'an admin write without a request ends nothing');

select is(
  has_function_privilege('authenticated', 'private.finish_ward_phone_change()', 'execute')
  or has_table_privilege('authenticated', 'private.phone_changes', 'select'), false,
  'no client reads the requests or calls the trigger function');

select * from finish();
rollback;
