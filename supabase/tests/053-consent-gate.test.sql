-- Consent before use: no request, offer, lesson or acceptance by a signed-in person without the
-- personal-data consent in force on record; an older version asks again; the service role (seed,
-- back office) is not held up.
begin;
select plan(12);

select tests.create_world();

select is(public.current_consent_version(), '2026-01-01', 'the version in force names the 2026 text');

select tests.create_user('newcomer', '{"no_consent": true}');
select tests.create_user('late_learner');
select tests.create_user('late_neighbour');
update public.profiles set ward_id = tests.id('ward_a')::bigint where id = tests.uid('newcomer');
update public.profiles set ward_id = tests.id('ward_a')::bigint, wants_to_learn = true
where id in (tests.uid('late_learner'), tests.uid('late_neighbour'));
select is(
  tests.try_as('newcomer', tests.fill($$insert into public.help_requests (skill_id, place_type) values (:skill, 'home')$$)),
  '42501', 'no consent on record: no request'
);

select tests.authenticate_as('newcomer');
insert into public.consents (kind, version) values ('personal_data', '2025-07');
select is(
  tests.try_as('newcomer', tests.fill($$insert into public.help_requests (skill_id, place_type) values (:skill, 'home')$$)),
  '42501', 'an older version is not enough: asked again'
);
select is(
  tests.try_as('newcomer', tests.fill($$insert into public.volunteer_skills (profile_id, skill_id) values (:newcomer, :skill)$$)),
  '42501', 'no offer to teach either'
);
select is(
  tests.try_as('newcomer', tests.fill($$insert into public.sessions (skill_id, teacher_id, ward_id, place_type, venue_id, starts_at, ends_at) values (:skill, :newcomer, :ward_a, 'venue', :venue, now() + interval '9 days', now() + interval '9 days 1 hour')$$)),
  '42501', 'no lesson taught either'
);
select is(
  tests.try_as('service_role', tests.fill($$insert into public.help_requests (learner_id, skill_id, ward_id, place_type) values (:newcomer, :skill, :ward_a, 'home')$$)),
  '1', 'the service role (seed, back office) is not held up'
);

select tests.authenticate_as('newcomer');
insert into public.consents (kind, version) values ('personal_data', public.current_consent_version());
select is(
  tests.try_as('newcomer', tests.fill($$insert into public.help_requests (skill_id, place_type) values (:skill, 'home')$$)),
  '1', 'the version in force opens requests'
);

-- A learner in a class whose consent went out of date cannot accept, nor be added.
select tests.authenticate_as_service_role();
insert into public.session_participants (session_id, profile_id) values (tests.id('class')::bigint, tests.uid('late_learner'));
select tests.authenticate_as('late_learner');
insert into public.consents (kind, version) values ('personal_data', '2025-07');
select is(
  tests.try_as('late_learner', tests.fill($$update public.session_participants set status = 'accepted' where session_id = :class and profile_id = :late_learner$$)),
  '42501', 'an out-of-date consent cannot accept a lesson'
);
select tests.authenticate_as('late_neighbour');
insert into public.consents (kind, version) values ('personal_data', '2025-07');
select is(
  tests.try_as('volunteer', tests.fill($$insert into public.session_participants (session_id, profile_id) values (:class, :late_neighbour)$$)),
  '42501', 'nor be added to one (the learner''s consent counts, not the teacher''s)'
);
select is(
  tests.try_as('late_learner', tests.fill($$select 1 from public.session_participants where session_id = :class and profile_id = :late_learner$$)),
  '1', 'what was agreed before stays readable'
);

-- The error names the reason so the app can send the person to the consent page.
select tests.authenticate_as('late_learner');
select throws_ok(
  tests.fill($$insert into public.help_requests (skill_id, place_type) values (:skill, 'home')$$),
  '42501', 'the current consent to personal data processing is not on record',
  'the refusal says why'
);
select tests.authenticate_as('late_learner');
insert into public.consents (kind, version) values ('personal_data', '2026-01-01');
select is(
  tests.try_as('late_learner', tests.fill($$update public.session_participants set status = 'accepted' where session_id = :class and profile_id = :late_learner$$)),
  '1', 'consenting to the text in force lets her accept'
);

select * from finish();
rollback;
