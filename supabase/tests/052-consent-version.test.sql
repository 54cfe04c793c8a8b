-- The profile row carries the newest personal-data consent (version, 'withdrawn' or none), kept by
-- the database alone, so the app can ask again when the text changes.
begin;
select plan(8);

select tests.create_world();

select is(
  (select consent_version from public.profiles where id = tests.uid('learner')), '2026-01-01',
  'a consent recorded before carries its version'
);
select tests.create_user('unconsented', '{"no_consent": true}');
select is(
  (select consent_version from public.profiles where id = tests.uid('unconsented')), null,
  'no record, no version'
);
select tests.authenticate_as('learner');
insert into public.consents (kind, version) values ('personal_data', '2025-07');
insert into public.consents (kind, version) values ('personal_data', '2026-01-01');
select is(
  (select consent_version from public.profiles where id = tests.uid('learner')), '2026-01-01',
  'a new consent replaces it'
);
insert into public.consents (kind, version, granted) values ('personal_data', '2026-01-01', false);
select is(
  (select consent_version from public.profiles where id = tests.uid('learner')), 'withdrawn',
  'a withdrawal shows as withdrawn'
);
select is(
  tests.try_as('learner', tests.fill($$update public.profiles set consent_version = '2026-01-01' where id = :learner$$)),
  '42501',
  'nobody sets it by hand'
);

select is(
  tests.try_as('learner', tests.fill($$insert into public.help_requests (skill_id, place_type) values (:skill, 'home')$$)),
  '42501',
  'after a withdrawal, no new request is taken'
);
select tests.authenticate_as('learner');
update public.profiles set can_teach = true, wants_to_learn = true where id = tests.uid('learner');
select is(
  (select row(can_teach, wants_to_learn)::text from public.profiles where id = tests.uid('learner')),
  '(f,f)', '...and the person stays out of matching'
);
insert into public.consents (kind, version) values ('personal_data', '2026-01-01');
select is(
  tests.try_as('learner', tests.fill($$insert into public.help_requests (skill_id, place_type) values (:skill, 'home')$$)),
  '1',
  'consenting again opens everything again'
);

select * from finish();
rollback;
