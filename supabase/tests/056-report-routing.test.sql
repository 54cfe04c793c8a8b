-- Reports about a ward's own coordinator go to its other coordinators and to the city level; the
-- reported coordinator never sees, takes or dismisses them. The ward page's queue and actions.
begin;
select plan(13);

select tests.create_world();
select tests.create_user('coord_a2');
select tests.create_user('city_coord');
select tests.authenticate_as_service_role();
update public.profiles set ward_id = tests.id('ward_a')::bigint where id = tests.uid('coord_a2');
insert into public.coordinator_assignments (profile_id, ward_id)
values (tests.uid('coord_a2'), tests.id('ward_a')::bigint),
       (tests.uid('city_coord'), tests.id('city')::bigint);

select tests.authenticate_as('learner');
insert into public.reports (reported_id, reason, details) values (tests.uid('coord_a'), 'harassment', 'Nói lời khó nghe');
insert into tests.world select 'report_coord', max(id) from public.reports;

select tests.authenticate_as_service_role();
select is((select row(ward_id, about_coordinator)::text from public.reports where id = tests.id('report_coord')::bigint),
  format('(%s,t)', tests.id('ward_a')), 'a report about a ward coordinator is marked as such');

select is(tests.try_as('coord_a', tests.fill('select 1 from public.reports where id = :report_coord')), '0',
  'the reported coordinator does not see it');
select is(tests.try_as('coord_a', tests.fill($$update public.reports set status = 'dismissed' where id = :report_coord$$)), '0',
  'nor dismiss it');
select is(tests.try_as('coord_a', tests.fill($$select public.act_on_report(:report_coord, 'dismissed', 'x')$$)), '1',
  'act_on_report runs but...');
select tests.authenticate_as('coord_a');
select is(public.act_on_report(tests.id('report_coord')::bigint, 'dismissed', 'không có gì'), false,
  '...changes nothing for the reported coordinator');
select is((select count(*)::int from public.report_queue() where id = tests.id('report_coord')::bigint), 0,
  'it is not in her queue');
select is((select count(*)::int from public.ward_report_queue(tests.id('ward_a')::bigint) where id = tests.id('report_coord')::bigint), 0,
  'nor on her ward page');

select is(tests.try_as('coord_a2', tests.fill('select 1 from public.reports where id = :report_coord')), '1',
  'the ward''s other coordinator sees it');
select is(tests.try_as('city_coord', tests.fill('select 1 from public.reports where id = :report_coord')), '1',
  'so does the city level');
select is(tests.try_as('city_coord', tests.fill('select 1 from public.reports where id = :report')), '0',
  'the city level sees only reports about coordinators');
select is(tests.try_as('coord_b', tests.fill('select 1 from public.reports where id = :report_coord')), '0',
  'another ward''s coordinator does not');

select tests.authenticate_as('city_coord');
select is((select row(overdue, about_coordinator)::text from public.ward_report_queue(tests.id('city')::bigint) where id = tests.id('report_coord')::bigint),
  '(f,t)', 'the city page lists it with its 24-hour target');
select ok(public.act_on_report(tests.id('report_coord')::bigint, 'resolved', 'Đã làm việc với cán bộ'),
  'the city level resolves it');

select * from finish();
rollback;
