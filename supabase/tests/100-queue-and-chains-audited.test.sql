-- The report queue (both forms) and the ward's chains are audited like the roster: one 'view' row
-- per call naming the page and the ids shown (no names, no report text); refused or empty
-- non-coordinator calls write nothing; nobody can put a report they do not handle on record;
-- deleting an account pseudonymises these rows too.
begin;
select plan(21);

select tests.create_world();
select tests.create_user('city_coord');
insert into public.coordinator_assignments (profile_id, ward_id)
values (tests.uid('city_coord'), tests.id('city')::bigint);
update public.profiles set display_name = 'Phạm Văn Dũng' where id = tests.uid('volunteer');

select is(
  (select count(*)::int from pg_proc p join pg_namespace n on n.oid = p.pronamespace
   where n.nspname in ('public', 'private') and p.proname in ('report_queue', 'ward_report_queue', 'ward_chains')
     and p.provolatile = 'v'),
  4, 'the queues, the chains and the chains'' wrapper are volatile (they write the audit row)');
select ok(
  not exists (select 1 from pg_proc where pronamespace = 'public'::regnamespace and prosecdef
                and proname in ('report_queue', 'ward_report_queue', 'ward_chains')),
  'none runs as definer in the exposed schema');

create temporary table audit_before on commit drop as select coalesce(max(id), 0) as id from public.audit_log;
grant select on audit_before to authenticated;

-- Refused calls, and curious ones, leave no view row ------------------------------------------------
select tests.authenticate_as('coord_b');
select is((select count(*)::int from public.ward_report_queue(tests.id('ward_a')::bigint)), 0,
  'another ward''s coordinator gets none of ward A''s reports');
select throws_ok($$select * from public.ward_chains(tests.id('ward_a')::bigint)$$, '42501', null,
  'nor its chains');
select tests.authenticate_as('volunteer');
select is((select count(*)::int from public.report_queue()), 0, 'a volunteer has no queue');
-- The audit helper is reachable from the caller's own functions; called directly it records only
-- reports the caller handles.
select tests.authenticate_as('coord_b');
select lives_ok(
  $$select private.audit_report_view('ward_report_queue', tests.id('city')::bigint, array[tests.id('report')::bigint])$$,
  'calling the audit helper with a report of another ward...');
select throws_ok(
  $$select private.audit_report_view('ward_volunteers', null, '{}')$$, '22023', null,
  'and it writes for the report pages only');
reset role;
select is((select count(*)::int from public.audit_log where id > (select id from audit_before) and action = 'view'),
  0, '...writes nothing: no view row for a refusal, an empty queue or a forged call');

-- The queue without a ward ------------------------------------------------------------------------
select tests.authenticate_as('coord_a');
select is((select count(*)::int from public.report_queue() where id = tests.id('report')::bigint), 1,
  'the ward''s coordinator sees the report in the queue');
reset role;
select results_eq(
  $$select actor_id, table_name, record_key, new_data ->> 'page', new_data -> 'ward_ids', new_data -> 'report_ids',
           new_data -> 'profile_ids'
    from public.audit_log where id > (select id from audit_before) and action = 'view'$$,
  $$values (tests.uid('coord_a'), 'profiles'::text, 'ward:' || tests.id('ward_a'), 'report_queue'::text,
            jsonb_build_array(tests.id('ward_a')::bigint), jsonb_build_array(tests.id('report')::bigint),
            jsonb_build_array(tests.id('volunteer')))$$,
  'one view row: who, the ward, the reports and the reported person, by id');

-- The ward page's queue ---------------------------------------------------------------------------
select tests.authenticate_as('coord_a');
select is(
  (select reported_name from public.ward_report_queue(tests.id('ward_a')::bigint) where id = tests.id('report')::bigint),
  'Phạm Văn Dũng', 'the ward page names the reported volunteer');
reset role;
select results_eq(
  $$select record_key, (new_data ->> 'ward_id')::bigint, new_data -> 'report_ids', new_data -> 'profile_ids'
    from public.audit_log where id > (select id from audit_before) and new_data ->> 'page' = 'ward_report_queue'$$,
  $$values ('ward:' || tests.id('ward_a'), tests.id('ward_a')::bigint,
            jsonb_build_array(tests.id('report')::bigint), jsonb_build_array(tests.id('volunteer')))$$,
  'one view row for the page, naming the report and the person by id');
select tests.authenticate_as('city_coord');
select is((select count(*)::int from public.ward_report_queue(tests.id('city')::bigint)), 0,
  'the city level has no report to handle (none is about a coordinator)');
reset role;
select results_eq(
  $$select actor_id, record_key, new_data -> 'report_ids', new_data -> 'profile_ids'
    from public.audit_log where id > (select id from audit_before) and actor_id = tests.uid('city_coord')$$,
  $$values (tests.uid('city_coord'), 'ward:' || tests.id('city'), '[]'::jsonb, '[]'::jsonb)$$,
  'its look at its own (empty) page is still one row');

-- The ward's chains -------------------------------------------------------------------------------
select tests.authenticate_as('coord_a');
select is((select starter_name from public.ward_chains(tests.id('ward_a')::bigint)), 'Phạm Văn Dũng',
  'the chains page names the volunteer who started the ward''s chain');
reset role;
select results_eq(
  $$select actor_id, table_name, record_key, (new_data ->> 'ward_id')::bigint, new_data -> 'profile_ids'
    from public.audit_log where id > (select id from audit_before) and new_data ->> 'page' = 'ward_chains'$$,
  $$values (tests.uid('coord_a'), 'profiles'::text, 'ward:' || tests.id('ward_a'), tests.id('ward_a')::bigint,
            jsonb_build_array(tests.id('volunteer')))$$,
  'one view row naming the starter by id');

select is(
  (select count(*)::int from public.audit_log
   where id > (select id from audit_before)
     and (new_data::text like '%Phạm Văn Dũng%' or new_data::text like '%Không đến%')),
  0, 'no row holds a name or the report''s words');
select is(
  (select count(*)::int from public.audit_log where id > (select id from audit_before) and action = 'view'),
  4, 'four looks, four rows');

-- Erasure follows the new rows --------------------------------------------------------------------
select tests.authenticate_as('volunteer');
select ok(public.delete_my_account() > 0, 'the reported volunteer deletes their account');
reset role;
select is(
  (select count(*)::int from public.audit_log
   where strpos(coalesce(record_key, '') || coalesce(new_data::text, '') || coalesce(actor_id::text, ''),
                tests.id('volunteer')) > 0),
  0, 'no audit row names them any more (the queue and chains views hold a pseudonym)');
select is(
  (select count(*)::int from public.audit_log
   where id > (select id from audit_before)
     and new_data ->> 'page' in ('report_queue', 'ward_report_queue', 'ward_chains')),
  4, 'the views themselves stay on record');

select * from finish();
rollback;
