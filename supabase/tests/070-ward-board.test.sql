-- The ward board: every function answers its own ward's coordinators only, its figures equal
-- direct counts, an assignment notifies both people, a suspended volunteer is neither matched nor
-- able to teach, and every volunteer view and report export is in the audit log.
begin;
select plan(47);

select tests.create_world();

-- The world's volunteer gets a home near the open request (so matching finds them), and a second,
-- unverified volunteer in ward B (never a candidate in ward A through the board).
insert into public.home_locations (profile_id, lat, lng) values (tests.uid('volunteer'), 10.7705, 106.6960);
select tests.create_user('helper_b');
update public.profiles set ward_id = tests.id('ward_b')::bigint, can_teach = true
where id = tests.uid('helper_b');

-- Who may call what ------------------------------------------------------------------------------
select ok(
  not has_function_privilege('anon', 'public.ward_dashboard(bigint)', 'execute')
  and not has_function_privilege('anon', 'public.assign_request(bigint, uuid, timestamptz, integer)', 'execute')
  and not has_function_privilege('anon', 'public.ward_monthly_report(bigint, date, text)', 'execute')
  and not has_function_privilege('anon', 'public.ward_volunteer(bigint, uuid)', 'execute'),
  'anon calls none of the board''s functions'
);
select ok(
  not has_function_privilege('authenticated', 'private.audit_read(text, text, text, jsonb)', 'execute')
  and not has_function_privilege('authenticated', 'private.ward_figures(bigint, timestamptz, timestamptz, integer)', 'execute'),
  'signed-in people cannot write audit rows or read raw figures directly'
);
select is(
  (select count(*)::int from pg_proc p join pg_namespace n on n.oid = p.pronamespace
   where n.nspname = 'public' and p.proname in ('ward_dashboard', 'ward_demand_map', 'ward_unmet_requests',
     'assign_request', 'ward_volunteers', 'ward_volunteer', 'ward_monthly_report')
     and not p.prosecdef),
  7, 'the public wrappers run as the caller (the checks live in the private definer functions)'
);

select tests.authenticate_as('coord_b');
select throws_ok($$select public.ward_dashboard(tests.id('ward_a')::bigint)$$, '42501', null,
  'another ward''s coordinator gets no dashboard');
select throws_ok($$select * from public.ward_demand_map(tests.id('ward_a')::bigint)$$, '42501', null,
  'nor its demand map');
select throws_ok($$select * from public.ward_unmet_requests(tests.id('ward_a')::bigint)$$, '42501', null,
  'nor its unmet requests');
select throws_ok($$select * from public.ward_volunteers(tests.id('ward_a')::bigint)$$, '42501', null,
  'nor its roster');
select throws_ok($$select public.ward_volunteer(tests.id('ward_a')::bigint, tests.uid('volunteer'))$$, '42501', null,
  'nor one of its volunteers');
select is(public.ward_volunteer(tests.id('ward_b')::bigint, tests.uid('volunteer')), null,
  'asking through their own ward for a person of ward A gives nothing');
select throws_ok($$select public.ward_monthly_report(tests.id('ward_a')::bigint, current_date, 'csv')$$, '42501', null,
  'nor its monthly report');
select throws_ok(
  $$select public.assign_request(tests.id('request_open')::bigint, tests.uid('volunteer'), now() + interval '1 day')$$,
  '42501', null, 'nor assigns its requests');

select tests.authenticate_as('stranger');
select throws_ok($$select public.ward_dashboard(tests.id('ward_b')::bigint)$$, '42501', null,
  'a learner gets no dashboard of her own ward');
select tests.authenticate_as('volunteer');
select throws_ok($$select * from public.ward_volunteers(tests.id('ward_a')::bigint)$$, '42501', null,
  'a volunteer gets no roster');

-- The dashboard equals direct counts ------------------------------------------------------------
select tests.authenticate_as('coord_a');
create temporary table dash on commit drop as
select public.ward_dashboard(tests.id('ward_a')::bigint) as d;
reset role;
select is((select (d ->> 'lessons')::int from dash),
  (select count(*)::int from public.sessions where ward_id = tests.id('ward_a')::bigint and status = 'completed'),
  'lessons completed = completed sessions of the ward');
select is((select (d ->> 'people')::int from dash),
  (select count(distinct sp.profile_id)::int from public.session_participants sp
   join public.sessions s on s.id = sp.session_id
   where s.ward_id = tests.id('ward_a')::bigint and s.status = 'completed' and sp.status = 'attended'),
  'people reached = distinct attendees of those sessions');
select is((select (d ->> 'hours')::numeric from dash),
  (select round((sum(extract(epoch from ends_at - starts_at)) / 3600)::numeric, 1) from public.sessions
   where ward_id = tests.id('ward_a')::bigint and status = 'completed'),
  'hours taught = their planned length');
select is((select (d ->> 'lessons')::int from dash), 1, 'the world has one completed lesson in ward A');
select is((select (d -> 'by_skill' -> 0 ->> 'skill_id')::bigint from dash), tests.id('skill')::bigint,
  'by skill names the lesson''s skill');
select is((select d -> 'by_group' from dash), '[{"group": "elderly", "people": 1, "attendances": 1}]'::jsonb,
  'by priority group: the learner is elderly');
select is((select jsonb_array_length(d -> 'by_month') from dash), 12, 'twelve months, zeros included');
select is((select sum((m ->> 'lessons')::int)::int from dash, jsonb_array_elements(d -> 'by_month') m), 1,
  'this month holds the lesson');
select is(
  (select (u ->> 'open_requests')::int from dash, jsonb_array_elements(d -> 'unmet') u
   where (u ->> 'skill_id')::bigint = tests.id('skill')::bigint),
  (select count(*)::int from public.help_requests
   where ward_id = tests.id('ward_a')::bigint and status = 'open' and skill_id = tests.id('skill')::bigint),
  'unmet demand per skill = open requests of the ward');
select is(
  (select (u ->> 'volunteers')::int from dash, jsonb_array_elements(d -> 'unmet') u
   where (u ->> 'skill_id')::bigint = tests.id('skill')::bigint),
  1, 'against the ward''s volunteers who teach it');

-- Requests matched within 48 hours: one old request matched after a day, one never.
update public.help_requests set created_at = now() - interval '10 days'
where id in (tests.id('request_done')::bigint, tests.id('request_open')::bigint);
update public.sessions set created_at = now() - interval '9 days' where id = tests.id('session_done')::bigint;
select tests.authenticate_as('coord_a');
select is(
  (select jsonb_build_array(d -> 'requests', d -> 'matched_48h') from (select public.ward_dashboard(tests.id('ward_a')::bigint) d) x),
  '[2, 1]'::jsonb, 'of two requests older than 48 hours, one was matched within 48 hours');

-- Demand map: counts per cell, never a home -----------------------------------------------------
select is(
  (select sum(count)::int from public.ward_demand_map(tests.id('ward_a')::bigint) where kind = 'request'),
  (select count(*)::int from public.help_requests where ward_id = tests.id('ward_a')::bigint and status = 'open'),
  'the map counts every open request once');
select ok(
  (select bool_and(lat = private.snap_to_grid(lat) and lng = private.snap_to_grid(lng))
   from public.ward_demand_map(tests.id('ward_a')::bigint)),
  'every point on it is a grid cell centre');

-- Unmet requests with their candidates ----------------------------------------------------------
select is(
  (select array_agg(request_id order by created_at) from public.ward_unmet_requests(tests.id('ward_a')::bigint)),
  (select array_agg(id order by created_at) from public.help_requests
   where ward_id = tests.id('ward_a')::bigint and status = 'open'),
  'the unmet requests are the open ones, oldest first');
select is(
  (select candidates -> 0 ->> 'volunteer_id' from public.ward_unmet_requests(tests.id('ward_a')::bigint)
   where request_id = tests.id('request_open')::bigint),
  tests.uid('volunteer')::text, 'the verified volunteer nearby is the best candidate');

-- Suspension: out of matching, no new lesson ----------------------------------------------------
select throws_ok(
  $$insert into public.volunteer_suspensions (profile_id, ward_id, reason) values (tests.uid('volunteer'), tests.id('ward_a')::bigint, 'x')$$,
  '23514', null, 'a suspension needs a reason');
insert into public.volunteer_suspensions (profile_id, ward_id, reason)
values (tests.uid('volunteer'), tests.id('ward_a')::bigint, 'Không đến hai buổi liền');
select is(
  (select jsonb_array_length(candidates) from public.ward_unmet_requests(tests.id('ward_a')::bigint)
   where request_id = tests.id('request_open')::bigint),
  0, 'a suspended volunteer is no longer a candidate');
select throws_ok(
  $$select public.assign_request(tests.id('request_open')::bigint, tests.uid('volunteer'), now() + interval '1 day')$$,
  '42501', 'this volunteer is not a candidate for this request', 'nor can the board assign them');
select is(
  (select suspension_reason from public.ward_volunteers(tests.id('ward_a')::bigint) where profile_id = tests.uid('volunteer')),
  'Không đến hai buổi liền', 'the roster shows the suspension and its reason');
select tests.authenticate_as('volunteer');
select throws_ok(
  $$select public.propose_lesson(tests.id('request_open')::bigint, now() + interval '1 day', now() + interval '1 day 1 hour', 'near_point')$$,
  '42501', 'this volunteer is suspended by the ward', 'a suspended volunteer cannot propose a lesson');
select is((select count(*)::int from public.volunteer_suspensions), 1, 'they see their own suspension');
select tests.authenticate_as('coord_b');
select is((select count(*)::int from public.volunteer_suspensions), 0, 'another ward''s coordinator does not');
select throws_ok(
  $$insert into public.volunteer_suspensions (profile_id, ward_id, reason) values (tests.uid('volunteer'), tests.id('ward_a')::bigint, 'Lý do bất kỳ')$$,
  '42501', null, 'another ward''s coordinator cannot suspend a person of ward A');
select tests.authenticate_as('coord_a');
update public.volunteer_suspensions set lifted_at = now(), lifted_by = tests.uid('coord_a')
where profile_id = tests.uid('volunteer') and lifted_at is null;
select is(
  (select candidates -> 0 ->> 'volunteer_id' from public.ward_unmet_requests(tests.id('ward_a')::bigint)
   where request_id = tests.id('request_open')::bigint),
  tests.uid('volunteer')::text, 'lifting the suspension puts them back');

-- One-click assignment notifies both people -----------------------------------------------------
select throws_ok(
  $$select public.assign_request(tests.id('request_open')::bigint, tests.uid('helper_b'), now() + interval '1 day')$$,
  '42501', 'this volunteer is not a candidate for this request', 'only a candidate can be assigned');
select throws_ok(
  $$select public.assign_request(tests.id('request_open')::bigint, tests.uid('volunteer'), now() - interval '1 hour')$$,
  '22023', null, 'not in the past');
create temporary table assigned on commit drop as
select public.assign_request(tests.id('request_open')::bigint, tests.uid('volunteer'), now() + interval '1 day', 60) as id;
reset role;
select is(
  (select row(s.status, s.teacher_id, s.created_by, s.ends_at - s.starts_at)::text from public.sessions s
   join assigned a on a.id = s.id),
  row('proposed', tests.uid('volunteer'), tests.uid('coord_a'), interval '1 hour')::text,
  'the assignment is a proposed lesson taught by the volunteer, set up by the coordinator');
select is(
  (select array_agg(n.kind || ':' || (n.profile_id = tests.uid('learner')) order by n.kind) from public.notifications n
   join assigned a on a.id = n.session_id where n.kind in ('session_proposed', 'request_matched')),
  array['request_matched:false', 'session_proposed:true'],
  'the learner is invited and the volunteer told (one notice each, pushed by the worker)');
select is((select status from public.help_requests where id = tests.id('request_open')::bigint), 'scheduled',
  'the request is no longer unmet');
select tests.authenticate_as('coord_a');
select throws_ok(
  $$select public.assign_request(tests.id('request_open')::bigint, tests.uid('volunteer'), now() + interval '2 days')$$,
  '23505', null, 'a request is assigned once');

-- Audit: views of a person and exports ---------------------------------------------------------
select is((public.ward_volunteer(tests.id('ward_a')::bigint, tests.uid('volunteer')) -> 'suspensions' -> 0 ->> 'reason'),
  'Không đến hai buổi liền', 'the volunteer page shows the suspension history');
select is(((public.ward_monthly_report(tests.id('ward_a')::bigint, current_date, 'csv')) ->> 'lessons')::int, 1,
  'the monthly report counts this month''s lesson');
reset role;
select is(
  (select array_agg(action || ':' || table_name order by id) from public.audit_log
   where actor_id = tests.uid('coord_a') and action in ('view', 'export')
     and coalesce(new_data ->> 'page', '') not in ('ward_volunteers', 'ward_unmet_requests')),
  array['view:profiles', 'export:ward_monthly_report'],
  'the view of the volunteer and the export are in the audit log, with who did them');
select is(
  (select new_data ->> 'format' from public.audit_log where action = 'export' and actor_id = tests.uid('coord_a')),
  'csv', 'the export row says what was exported');

select * from finish();
rollback;
