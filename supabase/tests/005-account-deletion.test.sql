-- "Delete my data": removing an auth user removes what is theirs and nothing that is someone
-- else's, and no foreign key stands in the way.
begin;
select plan(9);

select tests.create_world();

-- A learner without a smartphone, registered by the volunteer, who files a request for them.
select tests.create_user('assisted');
update public.profiles set ward_id = tests.id('ward_a')::bigint, registered_by = tests.uid('volunteer')
where id = tests.uid('assisted');
select tests.authenticate_as('volunteer');
insert into public.consents (profile_id, kind, version) values (tests.uid('assisted'), 'personal_data', '2026-01-01');
insert into public.help_requests (learner_id, skill_id, place_type)
values (tests.uid('assisted'), tests.id('skill')::bigint, 'home');
reset role;

select lives_ok(
  $$delete from auth.users where id = tests.uid('volunteer')$$,
  'a volunteer with sessions, badges, verification and a group role can delete their account'
);
select is(
  (select count(*)::int from public.sessions where teacher_id = tests.uid('volunteer')),
  0,
  'their sessions are gone'
);
select results_eq(
  $$select created_by from public.help_requests where learner_id = tests.uid('assisted')$$,
  $$values (null::uuid)$$,
  'a request they filed for an assisted learner stays, without the filer'
);
select is(
  (select registered_by from public.profiles where id = tests.uid('assisted')),
  null,
  'the assisted learner keeps their profile'
);

select lives_ok(
  $$delete from auth.users where id = tests.uid('learner')$$,
  'a learner with a home, consents, requests, feedback and reports can delete their account'
);
select is(
  (select count(*)::int from public.home_locations where profile_id = tests.uid('learner'))
  + (select count(*)::int from public.consents where profile_id = tests.uid('learner'))
  + (select count(*)::int from public.help_requests where learner_id = tests.uid('learner'))
  + (select count(*)::int from public.reports where reporter_id = tests.uid('learner'))
  + (select count(*)::int from public.push_subscriptions where profile_id = tests.uid('learner')),
  0,
  'their home, consents, requests, reports and push subscriptions are gone'
);

select lives_ok(
  $$delete from auth.users where id = tests.uid('coord_a')$$,
  'a coordinator can delete their account'
);
select is(
  (select count(*)::int from public.venues where ward_id = tests.id('ward_a')::bigint),
  2,
  'the venues they managed stay'
);
select is(
  (select count(*)::int from public.group_awards where id = tests.id('group_award')::bigint and awarded_by is null),
  1,
  'the recognition they gave stays, without their name'
);

select * from finish();
rollback;
