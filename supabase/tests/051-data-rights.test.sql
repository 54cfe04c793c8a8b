-- Data rights: the export holds exactly the person's rows; withdrawing consent stops processing;
-- deleting an account leaves no row in any schema naming the person (id, phone, e-mail, exact
-- points), keeps reports about them under a pseudonym and the ward's counts, and the audit log
-- stays append-only outside an erasure.
begin;
select plan(29);

select tests.create_world();

/**
 * Every row of every table (all schemas but the catalogs, the test fixture and the migration
 * history) whose text contains one of `needles`, as 'schema.table: n'. Generic on purpose: a
 * table added later is scanned too.
 */
create function pg_temp.rows_naming(needles text[])
returns text[]
language plpgsql
as $$
declare
  t record;
  n bigint;
  hits text[] := '{}';
begin
  for t in
    select c.oid::regclass as rel, n.nspname || '.' || c.relname as name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p')
      and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast', 'tests', 'supabase_migrations')
      and n.nspname not like 'pg_temp%'
  loop
    execute format(
      'select count(*) from %s x where exists (select 1 from unnest($1) k where strpos(x::text, k) > 0)',
      t.rel
    ) into n using needles;
    if n > 0 then
      hits := hits || (t.name || ': ' || n);
    end if;
  end loop;
  return hits;
end;
$$;

update public.profiles set phone = '+84909990001' where id = tests.uid('learner');
update auth.users set phone = '84909990001' where id = tests.uid('learner');
update public.profiles set phone = '+84909990002' where id = tests.uid('volunteer');
-- Points no demo person could share, so the scan below cannot match someone else's by chance.
update public.home_locations set lat = 10.7712345, lng = 106.6912345 where profile_id = tests.uid('learner');
select tests.authenticate_as('learner');
insert into public.help_requests (skill_id, place_type, near_lat, near_lng)
values (tests.id('skill')::bigint, 'near_point', 10.7654321, 106.6954321);
reset role;

-- Export ---------------------------------------------------------------------------------------
select tests.authenticate_as('learner');
create temporary table export_of_learner on commit drop as select public.export_my_data() as data;
grant select on export_of_learner to authenticated;
select is((select data -> 'profile' ->> 'id' from export_of_learner), tests.id('learner'), 'the export is the caller''s');
select is(
  (select array[
     jsonb_array_length(data -> 'help_requests'), jsonb_array_length(data -> 'consents'),
     jsonb_array_length(data -> 'lessons'), jsonb_array_length(data -> 'feedback_given'),
     jsonb_array_length(data -> 'notifications'), jsonb_array_length(data -> 'push_subscriptions'),
     jsonb_array_length(data -> 'reports_filed'), jsonb_array_length(data -> 'blocks_made'),
     jsonb_array_length(data -> 'groups')]
   from export_of_learner),
  array[4, (select count(*)::int from public.consents where profile_id = tests.uid('learner')), 3, 1,
        (select count(*)::int from public.notifications where profile_id = tests.uid('learner')), 1, 1, 1, 1],
  'it holds their requests, consents, lessons, feedback, notices, devices, reports, blocks and groups'
);
select ok((select jsonb_array_length(data -> 'badges') >= 1 from export_of_learner), '...and their badges');
select is(
  (select data -> 'home' ->> 'lat' from export_of_learner), '10.7712345', '...and their own home'
);
select is(
  (select data -> 'push_subscriptions' -> 0 from export_of_learner),
  (select jsonb_build_object('endpoint', endpoint, 'created_at', created_at) from public.push_subscriptions
   where profile_id = tests.uid('learner')),
  'a device is its endpoint only (no keys)'
);
select is(
  (select array_agg(w.key order by w.key) from tests.world w, export_of_learner e
   where w.key in ('volunteer', 'coord_a', 'coord_b', 'stranger', 'neighbour')
     and strpos(e.data::text, w.value) > 0),
  null,
  'no other person''s id appears in it'
);
select is(
  (select strpos(data::text, '+84909990002') from export_of_learner), 0, 'nor another person''s phone'
);
select is(
  (select count(*)::int from public.data_requests where kind = 'export' and status = 'done'), 1,
  'the export is recorded as a tracked request the person can see'
);
select tests.clear_authentication();
select throws_ok('select public.export_my_data()', '42501', null, 'visitors export nothing');

-- Withdrawing consent stops processing ----------------------------------------------------------
select tests.authenticate_as('stranger');
insert into public.help_requests (skill_id, place_type) values (tests.id('skill')::bigint, 'home');
insert into public.consents (kind, version, granted) values ('personal_data', '2026-01-01', false);
reset role;
select is(
  (select count(*)::int from public.help_requests where learner_id = tests.uid('stranger') and status = 'open'),
  0, 'withdrawing consent cancels the person''s open requests'
);
select is(
  (select row(can_teach, wants_to_learn)::text from public.profiles where id = tests.uid('stranger')),
  '(f,f)', '...and takes them out of matching'
);
select private.notify(tests.uid('stranger'), 'system', tests.id('session')::bigint, '{}', 'after-withdrawal');
select is(
  (select count(*)::int from public.notifications where dedupe_key = 'after-withdrawal'), 0,
  '...and no notice is written for them'
);
select is(
  (select status from public.data_requests where profile_id = tests.uid('stranger') and kind = 'consent_withdrawal'),
  'done', '...and it is recorded as a tracked request'
);

-- The audit log stays append-only outside an erasure ------------------------------------------
select throws_ok(
  format('update public.audit_log set actor_id = null where id = %s', tests.id('audit')),
  '42501', null, 'the owner still cannot rewrite an audit row'
);
select throws_ok(
  format('delete from public.audit_log where id = %s', tests.id('audit')),
  '42501', null, '...nor delete one'
);

-- Deleting the reported volunteer keeps the report ----------------------------------------------
create temporary table before_erasure on commit drop as
select (select count(*) from public.audit_log) as audit_rows,
       (select count(*) from public.audit_log
        where strpos(coalesce(old_data::text, '') || coalesce(new_data::text, '') || coalesce(record_key, '')
                     || coalesce(actor_id::text, ''), tests.id('learner')) > 0) as learner_audit_rows;
select ok((select learner_audit_rows > 5 from before_erasure), 'before: audit rows name the learner');
select ok(
  pg_temp.rows_naming(array[tests.id('learner'), '10.7712345', '10.7654321'])
    @> array['auth.users: 1', 'public.home_locations: 1', 'private.help_request_points: 1'],
  'before: the scan finds the learner (so its silence afterwards means something)'
);

select tests.authenticate_as('volunteer');
select ok(public.delete_my_account() > 0, 'the volunteer deletes their account and gets a receipt number');
reset role;
select results_eq(
  $$select reported_id, reported_pseudonym is not null, reason from public.reports where id = tests.id('report')::bigint$$,
  $$values (null::uuid, true, 'no_show'::text)$$,
  'the report about them remains, with a pseudonym instead of their id'
);
select tests.authenticate_as('coord_a');
select is(
  (select count(*)::int from public.report_queue()
   where id = tests.id('report')::bigint and reported_id is null and reported_pseudonym is not null), 1,
  '...and is still in the ward board''s queue, under the pseudonym'
);
reset role;
select is(
  (select lessons from public.erased_lesson_counts where ward_id = tests.id('ward_a')::bigint and role = 'teacher'),
  1, 'the ward keeps the count of lessons they taught'
);
select is(
  pg_temp.rows_naming(array[tests.id('volunteer'), '+84909990002', '84909990002', 'volunteer@test.local']),
  '{}', 'no row in any schema names the volunteer'
);

-- Deleting the learner --------------------------------------------------------------------------
select tests.authenticate_as('learner');
create temporary table receipt on commit drop as select public.delete_my_account() as id;
reset role;
select results_eq(
  $$select kind, status, profile_id, subject_pseudonym is not null, completed_at is not null
    from public.data_requests where id = (select id from receipt)$$,
  $$values ('erasure'::text, 'done'::text, null::uuid, true, true)$$,
  'the erasure is tracked as done, under a pseudonym'
);
select is(
  pg_temp.rows_naming(array[
    tests.id('learner'), '+84909990001', '84909990001', 'learner@test.local',
    '10.7712345', '106.6912345', '10.7654321', '106.6954321'
  ]),
  '{}', 'no row in any schema names the learner, their phone, e-mail, home or meeting point'
);
select ok(
  (select count(*) from public.audit_log) >= (select audit_rows from before_erasure),
  'no audit row was deleted: the rows naming them were pseudonymised'
);
select is(
  (select count(*)::int from auth.users where id in (tests.uid('learner'), tests.uid('volunteer'))), 0,
  'both accounts are gone'
);
select is(
  (select count(*)::int from private.erasures), 0, 'no erasure is left open to unlock the audit log later'
);
select tests.clear_authentication();
select throws_ok('select public.delete_my_account()', '42501', null, 'visitors delete nothing');
select tests.authenticate_as('stranger');
select throws_ok(
  format('select private.erase_person(%L)', tests.id('neighbour')), '42501', null,
  'nobody can erase someone else'
);

select * from finish();
rollback;
