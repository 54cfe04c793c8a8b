-- The ward board's lists of people are audited like a volunteer's page: one 'view' row per call
-- (never one per person) naming the ward, the page and the ids shown; refused calls write nothing;
-- deleting an account pseudonymises these rows too.
begin;
select plan(21);

select tests.create_world();

-- A second volunteer in ward A (so "one row per call" is not "one row per person"), and the
-- world's volunteer near the open request (so matching offers them).
select tests.create_user('helper_a');
update public.profiles set ward_id = tests.id('ward_a')::bigint, can_teach = true, display_name = 'Chị Hoa'
where id = tests.uid('helper_a');
insert into public.home_locations (profile_id, lat, lng) values (tests.uid('volunteer'), 10.7705, 106.6960);

select is(
  (select count(*)::int from pg_proc p join pg_namespace n on n.oid = p.pronamespace
   where n.nspname in ('public', 'private') and p.proname in ('ward_volunteers', 'ward_unmet_requests')
     and p.provolatile = 'v'),
  4, 'the lists and their wrappers are volatile (they write the audit row)');

create temporary table audit_before on commit drop as select coalesce(max(id), 0) as id from public.audit_log;
grant select on audit_before to authenticated;

-- Refused calls leave no trace but the refusal --------------------------------------------------
select tests.authenticate_as('coord_b');
select throws_ok($$select * from public.ward_volunteers(tests.id('ward_a')::bigint)$$, '42501', null,
  'another ward''s coordinator gets no roster');
select tests.authenticate_as('volunteer');
select throws_ok($$select * from public.ward_unmet_requests(tests.id('ward_a')::bigint)$$, '42501', null,
  'a volunteer gets no unmet requests');
reset role;
select is((select count(*)::int from public.audit_log where id > (select id from audit_before) and action = 'view'),
  0, 'a refused list writes no view row');

-- The roster -------------------------------------------------------------------------------------
select tests.authenticate_as('coord_a');
select is((select count(*)::int from public.ward_volunteers(tests.id('ward_a')::bigint)), 2,
  'the roster shows the ward''s two volunteers');
reset role;
select results_eq(
  $$select actor_id, action, table_name, record_key, new_data ->> 'page', (new_data ->> 'ward_id')::bigint
    from public.audit_log where id > (select id from audit_before) and action = 'view'$$,
  $$values (tests.uid('coord_a'), 'view'::text, 'profiles'::text, 'ward:' || tests.id('ward_a'),
            'ward_volunteers'::text, tests.id('ward_a')::bigint)$$,
  'one view row for the whole roster: who, which ward, which page');
select is(
  (select array(select jsonb_array_elements_text(new_data -> 'profile_ids') order by 1)
   from public.audit_log where id > (select id from audit_before) and new_data ->> 'page' = 'ward_volunteers'),
  (select array_agg(x::text order by x::text) from unnest(array[tests.uid('volunteer'), tests.uid('helper_a')]) x),
  'it names the people shown, by id');
select is(
  (select count(*)::int from public.audit_log
   where id > (select id from audit_before) and new_data::text like '%Chị Hoa%'),
  0, 'and nothing else about them (no names)');

-- The unmet requests -----------------------------------------------------------------------------
select tests.authenticate_as('coord_a');
select is(
  (select candidates -> 0 ->> 'volunteer_id' from public.ward_unmet_requests(tests.id('ward_a')::bigint)
   where request_id = tests.id('request_open')::bigint),
  tests.uid('volunteer')::text, 'the unmet list offers the volunteer for the open request');
reset role;
select is(
  (select new_data -> 'request_ids' from public.audit_log
   where id > (select id from audit_before) and new_data ->> 'page' = 'ward_unmet_requests'),
  (select jsonb_agg(id order by created_at, id) from public.help_requests
   where ward_id = tests.id('ward_a')::bigint and status = 'open'),
  'one view row naming the requests shown');
select ok(
  (select (new_data -> 'profile_ids') ? tests.id('learner') and (new_data -> 'profile_ids') ? tests.id('volunteer')
   from public.audit_log where id > (select id from audit_before) and new_data ->> 'page' = 'ward_unmet_requests'),
  'and the people named on it: the learner and the candidate');

select tests.authenticate_as('coord_a');
select count(*) from public.ward_volunteers(tests.id('ward_a')::bigint);
reset role;
select is(
  (select count(*)::int from public.audit_log
   where id > (select id from audit_before) and action = 'view' and actor_id = tests.uid('coord_a')),
  3, 'a second look at the roster is a second row (one per page view)');

-- The board's reading of citizen feedback, and a class's list on the tablet ---------------------------
select tests.authenticate_as('learner');
insert into public.service_feedback (service, step, what_happened, may_contact)
values ('vneid', 'log_in', 'Không nhận mã OTP khi đăng nhập', true);
select tests.authenticate_as('coord_b');
select is((select count(*)::int from public.ward_service_feedback(tests.id('ward_a')::bigint)), 0,
  'another ward''s coordinator reads no feedback of ward A');
select tests.authenticate_as('stranger');
select is((select count(*)::int from public.class_roster(tests.id('class')::bigint)), 0,
  'a stranger reads no class list');
reset role;
select is((select count(*)::int from public.audit_log
           where id > (select id from audit_before) and new_data ->> 'page' in ('ward_service_feedback', 'class_roster')),
  0, 'and neither refusal is written as a view');
select tests.authenticate_as('coord_a');
select ok((select bool_or(contact_name is not null) from public.ward_service_feedback(tests.id('ward_a')::bigint)),
  'the board reads the feedback, with the name of a reporter who agreed to be contacted');
select is((select count(*)::int from public.class_roster(tests.id('class')::bigint)), 1,
  'and the class list');
reset role;
select results_eq(
  $$select table_name, record_key, new_data ->> 'page', (new_data -> 'profile_ids') ? tests.id('learner')
    from public.audit_log where id > (select id from audit_before)
      and new_data ->> 'page' in ('ward_service_feedback', 'class_roster') order by id$$,
  $$values ('service_feedback'::text, 'ward:' || tests.id('ward_a'), 'ward_service_feedback'::text, true),
           ('profiles'::text, 'session:' || tests.id('class'), 'class_roster'::text, true)$$,
  'each is one view row naming the people shown');

-- Erasure follows the new rows --------------------------------------------------------------------
select tests.authenticate_as('volunteer');
select ok(public.delete_my_account() > 0, 'the volunteer deletes their account');
reset role;
select is(
  (select count(*)::int from public.audit_log
   where strpos(coalesce(record_key, '') || coalesce(new_data::text, '') || coalesce(actor_id::text, ''),
                tests.id('volunteer')) > 0),
  0, 'no audit row names them any more, the list views included (they hold a pseudonym)');
select is(
  (select count(*)::int from public.audit_log
   where id > (select id from audit_before)
     and new_data ->> 'page' in ('ward_volunteers', 'ward_unmet_requests', 'ward_service_feedback', 'class_roster')),
  5, 'the views themselves stay on record');

select * from finish();
rollback;
