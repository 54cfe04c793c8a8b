-- Privacy built in (approximate positions computed by the database, contact details only between
-- people who agreed to meet), profiles created by the auth trigger, and an audit log that no one
-- can rewrite.
begin;
select plan(21);

select tests.create_world();

-- Profiles from the auth trigger -------------------------------------------------------------
insert into auth.users (id, phone, raw_user_meta_data)
values ('00000000-0000-4000-8000-000000000084', '84901234567', '{"display_name":"Bà Tư","locale":"en"}');
select results_eq(
  $$select display_name, phone, locale, languages, text_size from public.profiles
    where id = '00000000-0000-4000-8000-000000000084'$$,
  $$values ('Bà Tư'::text, '+84901234567'::text, 'en'::text, '{vi}'::text[], 'normal'::text)$$,
  'a new auth user gets a profile with an E.164 phone and the chosen locale'
);

select tests.authenticate_as('learner');
select throws_ok(
  $$update public.profiles set created_at = now() - interval '1 year' where id = tests.uid('learner')$$,
  '42501', null, 'users change only their own editable profile columns'
);

insert into public.consents (kind, version) values ('terms', '2025-09');
select is(
  (select profile_id from public.consents where version = '2025-09'),
  tests.uid('learner'),
  'a consent sent without an owner is the signed-in user''s'
);

-- Approximate locations (for someone with a reason: the volunteer teaches the learner) ---------
select tests.authenticate_as('volunteer');
select isnt(
  (select row(lat, lng)::text from public.approximate_location(tests.uid('learner'))),
  row(10.77312::double precision, 106.69871::double precision)::text,
  'others get an approximate position, not the exact home'
);
select cmp_ok(
  (select extensions.earth_distance(
     extensions.ll_to_earth(lat, lng), extensions.ll_to_earth(10.77312, 106.69871))
   from public.approximate_location(tests.uid('learner'))),
  '<', 400::double precision,
  '...which is still within a few hundred metres'
);
select tests.authenticate_as('learner');
select is(
  (select row(lat, lng)::text from public.approximate_location(tests.uid('learner'))),
  (select row(approx_lat, approx_lng)::text from public.home_locations where profile_id = tests.uid('learner')),
  'the owner sees exactly the cell others see'
);
select is(
  (select row(lat, lng)::text from public.approximate_location(tests.uid('volunteer'))),
  (select row(private.snap_to_grid(10.7725), private.snap_to_grid(106.698))::text),
  'without a home, the approximate position is the ward centre'
);
select tests.clear_authentication();
select throws_ok(
  $$select * from public.approximate_location(tests.uid('learner'))$$,
  '42501', null, 'visitors who are not signed in get no positions at all'
);
reset role;
select is(
  (select row(approx_lat, approx_lng)::text from public.help_requests where id = tests.id('request_done')::bigint),
  (select row(approx_lat, approx_lng)::text from public.home_locations where profile_id = tests.uid('learner')),
  'a request at home is mapped at the snapped cell'
);
select is(
  (select row(approx_lat, approx_lng)::text from public.help_requests where id = tests.id('request_taken')::bigint),
  (select row(lat, lng)::text from public.venues where id = tests.id('venue')::bigint),
  'a request at a venue is mapped at the venue (a public place)'
);
select ok(
  pg_get_function_result('public.profile_cards(uuid[])'::regprocedure) !~ '(phone|lat|lng|birth|needs)',
  'public profile cards carry no phone, position, age or needs'
);

-- Contact details only between people who agreed to meet ---------------------------------------
select tests.authenticate_as('volunteer');
insert into public.session_participants (session_id, profile_id)
values (tests.id('class')::bigint, tests.uid('stranger'));
select is(
  (select count(*)::int from public.profiles where id = tests.uid('stranger')),
  0,
  'the teacher does not see an invited learner before they accept'
);
select tests.authenticate_as('stranger');
select is(
  (select count(*)::int from public.profiles where id = tests.uid('volunteer')),
  0,
  'nor does an unanswered invitation show the invitee the teacher''s contact details'
);
update public.session_participants set status = 'accepted'
where session_id = tests.id('class')::bigint and profile_id = tests.uid('stranger');
select is(
  (select count(*)::int from public.profiles where id = tests.uid('volunteer')),
  1,
  'once they accept, the learner sees the teacher'
);
select tests.authenticate_as('volunteer');
select is(
  (select phone is null and display_name = 'stranger' from public.profiles where id = tests.uid('stranger')),
  true,
  '...and the teacher sees the learner'
);

-- Audit log ------------------------------------------------------------------------------------
reset role;
select ok(
  exists (
    select 1 from public.audit_log
    where table_name = 'sessions' and action = 'insert' and actor_id = tests.uid('volunteer')
      and record_key = tests.id('session')
  ),
  'creating a session is audited with its actor'
);
select ok(
  exists (select 1 from public.audit_log where table_name = 'badge_awards' and action = 'insert'),
  'badge awards are audited'
);
select throws_ok(
  $$update public.audit_log set actor_id = null where id = tests.id('audit')::bigint$$,
  '42501', null, 'not even the database owner can rewrite an audit row'
);
select throws_ok(
  $$delete from public.audit_log where id = tests.id('audit')::bigint$$,
  '42501', null, 'nor delete one'
);
select throws_ok('truncate public.audit_log', '42501', null, 'nor empty the log');
select tests.authenticate_as_service_role();
select throws_ok(
  $$delete from public.audit_log$$,
  '42501', null, 'the service role cannot delete audit rows either'
);

select * from finish();
rollback;
