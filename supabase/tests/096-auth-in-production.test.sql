-- Auth that holds with real Supabase Auth too. Banning an account (auth.users.banned_until in the future, as GoTrue's admin API and the
-- dashboard set it) deletes its sessions and refresh tokens at once; lifting a ban or banning in
-- the past touches nothing; other people's sessions stay; no client can call the trigger function.
begin;
select plan(10);

select tests.create_user('banned');
select tests.create_user('bystander');

insert into auth.sessions (id, user_id, created_at, updated_at)
values ('10000000-0000-4000-8000-000000000001', tests.uid('banned'), now(), now()),
       ('10000000-0000-4000-8000-000000000002', tests.uid('banned'), now(), now()),
       ('10000000-0000-4000-8000-000000000003', tests.uid('bystander'), now(), now());
insert into auth.refresh_tokens (token, user_id, revoked, session_id)
values ('tok-1', tests.uid('banned')::text, false, '10000000-0000-4000-8000-000000000001'),
       ('tok-legacy', tests.uid('banned')::text, false, null),
       ('tok-3', tests.uid('bystander')::text, false, '10000000-0000-4000-8000-000000000003');

update auth.users set banned_until = now() - interval '1 day' where id = tests.uid('banned');
select is((select count(*)::int from auth.sessions where user_id = tests.uid('banned')), 2,
  'a ban that already ended leaves the sessions');

update auth.users set banned_until = now() + interval '24 hours' where id = tests.uid('banned');
select is((select count(*)::int from auth.sessions where user_id = tests.uid('banned')), 0,
  'a ban deletes every session of the person');
select is((select count(*)::int from auth.refresh_tokens where user_id = tests.uid('banned')::text), 0,
  '...and every refresh token, the legacy ones without a session too');
select is((select count(*)::int from auth.sessions where user_id = tests.uid('bystander')), 1,
  'another person''s session stays');
select is((select count(*)::int from auth.refresh_tokens where user_id = tests.uid('bystander')::text), 1,
  '...and their refresh token');

update auth.users set banned_until = null where id = tests.uid('banned');
select is((select count(*)::int from auth.sessions where user_id = tests.uid('banned')), 0,
  'lifting the ban revives nothing');

select is(
  has_function_privilege('authenticated', 'private.end_sessions_of_banned_user()', 'execute'), false,
  'no client can call the trigger function');

-- No self-service phone change: GoTrue writes phone_change first; the admin path sets phone.
select throws_ok(
  format($$update auth.users set phone_change = '84907000111', phone_change_token = 'x' where id = %L$$, tests.uid('bystander')),
  '42501', 'the phone number a person signs in with is changed at the ward office',
  'starting a phone change through the API is refused');
select lives_ok(
  format($$update auth.users set phone = '84907000222' where id = %L$$, tests.uid('bystander')),
  'the ward office (service role, GoTrue''s admin path) sets the new phone directly');
select lives_ok(
  format($$update auth.users set phone_change = '' where id = %L$$, tests.uid('bystander')),
  'clearing a pending change is fine');

select * from finish();
rollback;
