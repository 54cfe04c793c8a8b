-- Test helpers in schema `tests`, written by us (no network): identities, the shared fixture
-- ("the world") and a runner that tries one statement as one actor and reports what happened.
-- Runs first and commits, like basejump's `000-setup-tests-hooks.sql`, so later files can use it.

create extension if not exists pgtap with schema extensions;

create schema if not exists tests;
grant usage on schema tests to anon, authenticated, service_role;

/**
 * Named ids of the fixture (users, wards, rows) for the current transaction.
 */
create table if not exists tests.world (
  key text primary key,
  value text not null
);
grant select, insert, update, delete on tests.world to anon, authenticated, service_role;

/**
 * The id stored under `key` in the fixture (a user, ward, row...).
 */
create or replace function tests.id(key text)
returns text
language sql
stable
as $$
  select w.value from tests.world w where w.key = id.key;
$$;

/**
 * The auth user id of a test identity.
 */
create or replace function tests.uid(identifier text)
returns uuid
language sql
stable
as $$
  select tests.id(identifier)::uuid;
$$;

/**
 * Records the consent in force for a new person of the test world, as set-up (not as whoever the
 * test is acting as at that moment: the function-level settings drop the claims until it returns).
 */
create or replace function tests.record_current_consent(p_profile_id uuid)
returns void
language sql
security definer
set search_path = ''
set request.jwt.claims = ''
set request.jwt.claim.role = ''
set request.jwt.claim.sub = ''
as $$
  insert into public.consents (profile_id, kind, version, recorded_by)
  values (p_profile_id, 'personal_data', public.current_consent_version(), p_profile_id);
$$;

/**
 * Creates an auth user (and so, through the trigger, a profile) named `identifier`.
 */
create or replace function tests.create_user(identifier text, metadata jsonb default '{}'::jsonb)
returns uuid
language plpgsql
as $$
declare
  new_id uuid := gen_random_uuid();
begin
  insert into auth.users (id, aud, role, email, raw_user_meta_data, raw_app_meta_data, created_at, updated_at)
  values (
    new_id, 'authenticated', 'authenticated', identifier || '@test.local',
    jsonb_build_object('display_name', identifier) || metadata,
    '{"provider":"email","providers":["email"]}'::jsonb,
    -- People of the test world joined a month ago: badge rules ignore lessons of brand-new
    -- accounts (tests.make_new() undoes this for the anti-farming tests).
    now() - interval '30 days', now()
  );
  insert into tests.world (key, value) values (identifier, new_id::text)
  on conflict (key) do update set value = excluded.value;
  -- Everyone of the test world agreed to the consent text in force, as sign-up asks; requests,
  -- offers and lessons need it (tests.withdraw or an older version row undoes it).
  if metadata ->> 'no_consent' is null then
    perform tests.record_current_consent(new_id);
  end if;
  return new_id;
end;
$$;

/**
 * Acts as the signed-in user `identifier` for the rest of the transaction, the way the API does:
 * role `authenticated` and the JWT claims.
 */
create or replace function tests.authenticate_as(identifier text)
returns void
language plpgsql
as $$
declare
  user_id uuid := tests.uid(identifier);
begin
  if user_id is null then
    raise exception 'tests.authenticate_as: unknown identity %', identifier;
  end if;
  perform set_config('role', 'authenticated', true);
  perform set_config('request.jwt.claim.sub', user_id::text, true);
  perform set_config('request.jwt.claim.role', 'authenticated', true);
  perform set_config(
    'request.jwt.claims',
    json_build_object('sub', user_id, 'role', 'authenticated', 'email', identifier || '@test.local')::text,
    true
  );
end;
$$;

/**
 * Acts as the service role (the server's secret key).
 */
create or replace function tests.authenticate_as_service_role()
returns void
language plpgsql
as $$
begin
  perform set_config('role', 'service_role', true);
  perform set_config('request.jwt.claim.sub', '', true);
  perform set_config('request.jwt.claim.role', 'service_role', true);
  perform set_config('request.jwt.claims', '{"role":"service_role"}', true);
end;
$$;

/**
 * Acts as a visitor who is not signed in (role `anon`).
 */
create or replace function tests.clear_authentication()
returns void
language plpgsql
as $$
begin
  perform set_config('role', 'anon', true);
  perform set_config('request.jwt.claim.sub', '', true);
  perform set_config('request.jwt.claim.role', 'anon', true);
  perform set_config('request.jwt.claims', '{"role":"anon"}', true);
end;
$$;

/**
 * Becomes an actor of the matrix: 'anon', 'service_role' or a test identity.
 */
create or replace function tests.become(actor text)
returns void
language plpgsql
as $$
begin
  if actor = 'anon' then
    perform tests.clear_authentication();
  elsif actor = 'service_role' then
    perform tests.authenticate_as_service_role();
  else
    perform tests.authenticate_as(actor);
  end if;
end;
$$;

/**
 * Replaces every `:key` in a statement with the quoted fixture value of that key.
 */
create or replace function tests.fill(statement text)
returns text
language plpgsql
stable
as $$
declare
  w record;
begin
  for w in select key, value from tests.world order by length(key) desc loop
    statement := replace(statement, ':' || w.key, quote_literal(w.value));
  end loop;
  return statement;
end;
$$;

/**
 * Runs one statement as `actor` and undoes it, whatever happened. Returns the number of rows
 * it saw or changed ('0', '1', ...) or the SQLSTATE it failed with ('42501', ...).
 * A `select` is counted; insert/update/delete report their row count.
 */
create or replace function tests.try_as(actor text, statement text)
returns text
language plpgsql
as $$
declare
  n bigint;
  outcome text;
begin
  begin
    perform tests.become(actor);
    if statement ~* '^\s*select' then
      execute format('select count(*) from (%s) q', statement) into n;
    else
      execute statement;
      get diagnostics n = row_count;
    end if;
    -- Leave through an error so the subtransaction (and its changes) is rolled back.
    raise exception using errcode = 'TT000', message = n::text;
  exception when others then
    outcome := case when sqlstate = 'TT000' then sqlerrm else sqlstate end;
  end;
  return outcome;
end;
$$;

/**
 * The fixture every RLS test shares. Two wards (A and B) of a test city and the cast:
 * learner (ward A), volunteer (ward A, verified, teaches), coord_a / coord_b (coordinators of
 * A / B), stranger (learner in ward B), neighbour (ward A, no role). Plus one row of every
 * table, all reachable by name through tests.id().
 */
create or replace function tests.create_world()
returns void
language plpgsql
as $$
declare
  v bigint;
begin
  delete from tests.world;

  insert into public.areas (code, kind, parent_id, name_vi, name_en, center_lat, center_lng)
  values ('T-CITY', 'city', null, 'Thành phố Thử', 'Test City', 10.78, 106.70) returning id into v;
  insert into tests.world values ('city', v);
  insert into public.areas (code, kind, parent_id, name_vi, name_en, center_lat, center_lng)
  values ('T-A', 'ward', v, 'Phường Thử A', 'Test Ward A', 10.7725, 106.698)
  returning id into v;
  insert into tests.world values ('ward_a', v);
  insert into public.areas (code, kind, parent_id, name_vi, name_en, center_lat, center_lng)
  values ('T-B', 'ward', tests.id('city')::bigint, 'Phường Thử B', 'Test Ward B', 10.80, 106.66)
  returning id into v;
  insert into tests.world values ('ward_b', v);
  insert into public.areas (code, kind, parent_id, name_vi, name_en, center_lat, center_lng)
  values ('T-SPARE', 'commune', tests.id('city')::bigint, 'Xã Thử', 'Test Commune', 10.9, 106.5)
  returning id into v;
  insert into tests.world values ('ward_spare', v);

  perform tests.create_user('learner');
  perform tests.create_user('volunteer');
  perform tests.create_user('coord_a');
  perform tests.create_user('coord_b');
  perform tests.create_user('stranger');
  perform tests.create_user('neighbour');
  perform tests.create_user('spare_user');
  delete from public.profiles where id = tests.uid('spare_user');

  update public.profiles set ward_id = tests.id('ward_a')::bigint, wants_to_learn = true,
    priority_groups = '{elderly}', birth_year = 1957
  where id = tests.uid('learner');
  update public.profiles set ward_id = tests.id('ward_a')::bigint, can_teach = true
  where id = tests.uid('volunteer');
  update public.profiles set ward_id = tests.id('ward_a')::bigint where id = tests.uid('coord_a');
  update public.profiles set ward_id = tests.id('ward_b')::bigint where id = tests.uid('coord_b');
  update public.profiles set ward_id = tests.id('ward_b')::bigint, wants_to_learn = true
  where id = tests.uid('stranger');
  update public.profiles set ward_id = tests.id('ward_a')::bigint where id = tests.uid('neighbour');

  insert into public.coordinator_assignments (profile_id, ward_id)
  values (tests.uid('coord_a'), tests.id('ward_a')::bigint),
         (tests.uid('coord_b'), tests.id('ward_b')::bigint);

  insert into public.home_locations (profile_id, lat, lng)
  values (tests.uid('learner'), 10.77312, 106.69871);
  insert into public.consents (profile_id, kind, version, recorded_by)
  values (tests.uid('learner'), 'personal_data', public.current_consent_version(), tests.uid('learner')) returning id into v;
  insert into tests.world values ('consent', v);

  -- Curriculum
  insert into public.skill_categories (slug, name_vi, name_en) values ('t-basics', 'Cơ bản', 'Basics')
  returning id into v;
  insert into tests.world values ('category', v);
  insert into public.skill_categories (slug, name_vi, name_en) values ('t-spare', 'Dự phòng', 'Spare')
  returning id into v;
  insert into tests.world values ('category_spare', v);
  insert into public.skills (category_id, slug, title_vi, title_en, estimated_minutes)
  values (tests.id('category')::bigint, 't-vietqr', 'Thanh toán bằng VietQR', 'Pay with VietQR', 45)
  returning id into v;
  insert into tests.world values ('skill', v);
  insert into public.skills (category_id, slug, title_vi, title_en)
  values (tests.id('category')::bigint, 't-vneid', 'Dùng VNeID', 'Use VNeID') returning id into v;
  insert into tests.world values ('skill2', v);
  insert into public.skills (category_id, slug, title_vi, title_en)
  values (tests.id('category')::bigint, 't-spare', 'Dự phòng', 'Spare') returning id into v;
  insert into tests.world values ('skill_spare', v);
  insert into public.skill_steps (skill_id, position, title_vi, title_en)
  values (tests.id('skill')::bigint, 1, 'Mở ứng dụng ngân hàng', 'Open the banking app') returning id into v;
  insert into tests.world values ('step', v);

  -- Venues
  insert into public.venues (ward_id, name_vi, address, lat, lng, devices, shared_tablets, capacity)
  values (tests.id('ward_a')::bigint, 'Nhà văn hóa khu phố 1', '1 Lê Lợi', 10.7731, 106.7001,
          '{wifi,tablet}', 4, 20)
  returning id into v;
  insert into tests.world values ('venue', v);
  insert into public.venues (ward_id, name_vi, address, lat, lng)
  values (tests.id('ward_a')::bigint, 'Thư viện', '2 Lê Lợi', 10.774, 106.701) returning id into v;
  insert into tests.world values ('venue_spare', v);

  -- Acting as the people themselves from here, so the paths they use are exercised.
  perform tests.authenticate_as('coord_a');
  insert into public.learning_materials (skill_id, kind, title, url)
  values (tests.id('skill')::bigint, 'video', 'Video VietQR', 'https://example.org/vietqr')
  returning id into v;
  insert into tests.world values ('material', v);
  insert into public.volunteer_verifications (profile_id, ward_id, verified_by)
  values (tests.uid('volunteer'), tests.id('ward_a')::bigint, tests.uid('coord_a'));
  insert into public.neighbourhood_groups (ward_id, name, kind)
  values (tests.id('ward_a')::bigint, 'Tổ dân phố 5', 'residential') returning id into v;
  insert into tests.world values ('group', v);
  insert into public.neighbourhood_groups (ward_id, name)
  values (tests.id('ward_a')::bigint, 'Tổ dự phòng') returning id into v;
  insert into tests.world values ('group_spare', v);
  insert into public.group_awards (group_id, title)
  values (tests.id('group')::bigint, 'Tổ tiêu biểu') returning id into v;
  insert into tests.world values ('group_award', v);

  -- Groups are joined by asking: the volunteer asks, the ward makes them the leader.
  perform tests.authenticate_as('volunteer');
  insert into public.group_members (group_id, profile_id) values (tests.id('group')::bigint, tests.uid('volunteer'));
  perform tests.authenticate_as('coord_a');
  update public.group_members set status = 'active', role = 'leader'
  where group_id = tests.id('group')::bigint and profile_id = tests.uid('volunteer');

  perform tests.authenticate_as('volunteer');
  insert into public.volunteer_skills (profile_id, skill_id, level)
  values (tests.uid('volunteer'), tests.id('skill')::bigint, 'expert');
  insert into public.availability_slots (profile_id, weekday, start_time, end_time)
  values (tests.uid('volunteer'), 6, '08:00', '11:00') returning id into v;
  insert into tests.world values ('slot', v);

  perform tests.authenticate_as('learner');
  insert into public.group_members (group_id, profile_id) values (tests.id('group')::bigint, tests.uid('learner'));
  perform tests.authenticate_as('volunteer');
  update public.group_members set status = 'active'
  where group_id = tests.id('group')::bigint and profile_id = tests.uid('learner');
  perform tests.authenticate_as('learner');
  insert into public.help_requests (learner_id, skill_id, place_type, preferred_times, notes)
  values (tests.uid('learner'), tests.id('skill')::bigint, 'home', '{weekday_morning}', 'Chữ to giúp tôi')
  returning id into v;
  insert into tests.world values ('request_done', v);
  insert into public.help_requests (learner_id, skill_id, place_type, venue_id)
  values (tests.uid('learner'), tests.id('skill2')::bigint, 'venue', tests.id('venue')::bigint)
  returning id into v;
  insert into tests.world values ('request_taken', v);
  insert into public.help_requests (learner_id, skill_id, place_type, near_lat, near_lng, priority_groups)
  values (tests.uid('learner'), tests.id('skill')::bigint, 'near_point', 10.7701, 106.6952, '{elderly}')
  returning id into v;
  insert into tests.world values ('request_open', v);
  insert into public.push_subscriptions (profile_id, endpoint, p256dh, auth)
  values (tests.uid('learner'), 'https://push.example.test/sub/1', repeat('k', 87), repeat('a', 22))
  returning id into v;
  insert into tests.world values ('push', v);
  insert into public.reports (reporter_id, reported_id, reason, details)
  values (tests.uid('learner'), tests.uid('volunteer'), 'no_show', 'Không đến') returning id into v;
  insert into tests.world values ('report', v);
  insert into public.blocks (blocker_id, blocked_id) values (tests.uid('learner'), tests.uid('stranger'));

  -- The volunteer takes two requests and runs a class; the first lesson is confirmed.
  perform tests.authenticate_as('volunteer');
  insert into public.sessions (request_id, skill_id, teacher_id, ward_id, place_type, starts_at, ends_at)
  values (tests.id('request_done')::bigint, tests.id('skill')::bigint, tests.uid('volunteer'),
          tests.id('ward_a')::bigint, 'home', now() - interval '1 hour', now())
  returning id into v;
  insert into tests.world values ('session_done', v);
  insert into public.sessions (request_id, skill_id, teacher_id, ward_id, place_type, venue_id, starts_at, ends_at)
  values (tests.id('request_taken')::bigint, tests.id('skill2')::bigint, tests.uid('volunteer'),
          tests.id('ward_a')::bigint, 'venue', tests.id('venue')::bigint,
          now() + interval '2 days', now() + interval '2 days 1 hour')
  returning id into v;
  insert into tests.world values ('session', v);
  insert into public.sessions (kind, skill_id, teacher_id, ward_id, place_type, venue_id, capacity, starts_at, ends_at)
  values ('class', tests.id('skill')::bigint, tests.uid('volunteer'), tests.id('ward_a')::bigint,
          'venue', tests.id('venue')::bigint, 10, now() + interval '3 days', now() + interval '3 days 2 hours')
  returning id into v;
  insert into tests.world values ('class', v);
  insert into public.session_participants (session_id, profile_id)
  values (tests.id('session_done')::bigint, tests.uid('learner')),
         (tests.id('session')::bigint, tests.uid('learner')),
         (tests.id('class')::bigint, tests.uid('learner'));

  perform tests.authenticate_as('learner');
  update public.session_participants set status = 'accepted' where profile_id = tests.uid('learner');

  perform tests.authenticate_as('volunteer');
  update public.sessions set status = 'scheduled' where teacher_id = tests.uid('volunteer');

  reset role;
  insert into public.badge_definitions (slug, kind, threshold, name_vi, name_en)
  values ('t-first', 'sessions_taught', 1, 'Buổi dạy đầu tiên', 'First lesson'),
         ('t-learned', 'skills_learned', 1, 'Học được kỹ năng đầu', 'First skill learned');
  insert into public.badge_definitions (slug, kind, threshold, name_vi, name_en)
  values ('t-spare', 'sessions_taught', 100, 'Trăm buổi', 'A hundred lessons') returning id into v;
  insert into tests.world values ('badge_spare', v);
  insert into tests.world
  select 'code_done', code from public.session_codes
  where session_id = tests.id('session_done')::bigint and profile_id = tests.uid('learner');
  -- A participant without a code, so the service role has one to create.
  delete from public.session_codes
  where session_id = tests.id('class')::bigint and profile_id = tests.uid('learner');

  perform tests.authenticate_as('volunteer');
  perform public.confirm_session(tests.id('session_done')::bigint, tests.id('code_done'));

  perform tests.authenticate_as('learner');
  insert into public.feedback (session_id, author_id, rating, comment, mastered_step_ids)
  values (tests.id('session_done')::bigint, tests.uid('learner'), 5, 'Cảm ơn cháu',
          array[tests.id('step')::bigint])
  returning id into v;
  insert into tests.world values ('feedback', v);

  reset role;
  insert into tests.world
  select 'badge_award', a.id from public.badge_awards a
  join public.badge_definitions b on b.id = a.badge_id
  where a.profile_id = tests.uid('learner') and b.slug = 't-learned';
  insert into tests.world
  select 'chain', id from public.teaching_chain where session_id = tests.id('session_done')::bigint;
  insert into public.notifications (profile_id, kind, title, session_id, dedupe_key)
  values (tests.uid('learner'), 'reminder_24h', 'Nhắc lịch học', tests.id('session')::bigint,
          'reminder-24h:' || tests.id('session'))
  returning id into v;
  insert into tests.world values ('notification', v);
  insert into tests.world select 'audit', min(id) from public.audit_log;
  perform set_config('request.jwt.claims', '', true);
  perform set_config('request.jwt.claim.sub', '', true);
  perform set_config('request.jwt.claim.role', '', true);
end;
$$;

grant execute on all functions in schema tests to anon, authenticated, service_role;

select plan(1);
select ok(to_regprocedure('tests.create_world()') is not null, 'test helpers are installed');
select * from finish();
