-- Legal representatives and volunteers under 18: the ward coordinator records who acts for whom
-- (scope, time limit); a representative consents for the person within the scope and the time;
-- under 16 cannot teach; 16–17 teach only away from homes and with a guardian's consent.
begin;
select plan(17);

select tests.create_world();
select tests.create_user('child');
select tests.create_user('parent');
select tests.authenticate_as_service_role();
update public.profiles set ward_id = tests.id('ward_a')::bigint where id in (tests.uid('child'), tests.uid('parent'));

-- Recording -------------------------------------------------------------------------------------
select is(
  tests.try_as('parent', tests.fill($$select public.record_representative(:child, :parent, 'parent', 'minor', '{consent,teach_as_minor}', current_date + 365)$$)),
  '42501', 'a parent cannot appoint herself'
);
select is(
  tests.try_as('coord_b', tests.fill($$select public.record_representative(:child, :parent, 'parent', 'minor', '{consent,teach_as_minor}', current_date + 365)$$)),
  '42501', 'nor another ward''s coordinator'
);
select is(
  tests.try_as('coord_a', tests.fill($$select public.record_representative(:child, :parent, 'parent', 'minor', '{consent}', current_date + 3650)$$)),
  '23514', 'a representation is reviewed at least every five years'
);
select tests.authenticate_as('coord_a');
select lives_ok(
  tests.fill($$select public.record_representative(:child, :parent, 'parent', 'minor', '{consent,teach_as_minor}', current_date + 365)$$),
  'the ward coordinator records the parent, with scope and time limit'
);
select is(
  (select recorded_by from public.legal_representatives where represented_id = tests.uid('child')),
  tests.uid('coord_a'), '...and the record says who recorded it'
);
select is(
  tests.try_as('stranger', tests.fill('select 1 from public.legal_representatives where represented_id = :child')),
  '0', 'strangers do not see it'
);

-- What the representative may do -----------------------------------------------------------------
select is(
  tests.try_as('parent', tests.fill($$insert into public.consents (profile_id, kind, version) values (:child, 'personal_data', '2026-01-01')$$)),
  '1', 'the parent gives the consent for the child'
);
select is(
  tests.try_as('neighbour', tests.fill($$insert into public.consents (profile_id, kind, version) values (:child, 'personal_data', '2026-01-01')$$)),
  '42501', 'nobody else does'
);
select is(
  tests.try_as('child', tests.fill($$insert into public.consents (profile_id, kind, version) values (:child, 'guardian', '2026-12-01')$$)),
  '42501', 'a minor cannot give her own guardian''s consent'
);

-- Volunteers under 18 ----------------------------------------------------------------------------
select tests.authenticate_as('child');
update public.profiles set birth_year = extract(year from now())::smallint - 15 where id = tests.uid('child');
select is(
  tests.try_as('child', tests.fill('update public.profiles set can_teach = true where id = :child')),
  '42501', 'under 16 cannot offer to teach'
);
-- Born in year Y - 17: 17 this year.
select tests.authenticate_as_service_role();
update public.profiles set birth_year = extract(year from now())::smallint - 17, can_teach = true where id = tests.uid('child');
insert into public.volunteer_verifications (profile_id, ward_id, verified_by)
values (tests.uid('child'), tests.id('ward_a')::bigint, tests.uid('coord_a'));
select tests.authenticate_as('child');
select is(
  tests.try_as('child', tests.fill($$insert into public.sessions (skill_id, teacher_id, ward_id, place_type, venue_id, starts_at, ends_at) values (:skill, :child, :ward_a, 'venue', :venue, now() + interval '9 days', now() + interval '9 days 1 hour')$$)),
  '42501', '16–17 without a guardian''s consent: no lesson'
);
select tests.authenticate_as('parent');
insert into public.consents (profile_id, kind, version) values (tests.uid('child'), 'guardian', '2026-12-01');
select is(
  tests.try_as('child', tests.fill($$insert into public.sessions (skill_id, teacher_id, ward_id, place_type, starts_at, ends_at) values (:skill, :child, :ward_a, 'home', now() + interval '9 days', now() + interval '9 days 1 hour')$$)),
  '42501', '16–17 never teach at a home, even with consent'
);
select is(
  tests.try_as('child', tests.fill($$insert into public.sessions (skill_id, teacher_id, ward_id, place_type, venue_id, starts_at, ends_at) values (:skill, :child, :ward_a, 'venue', :venue, now() + interval '9 days', now() + interval '9 days 1 hour')$$)),
  '1', '16–17 with a guardian''s consent teach at a venue'
);
select throws_ok(
  tests.fill($$insert into public.sessions (skill_id, teacher_id, ward_id, place_type, starts_at, ends_at) values (:skill, :child, :ward_a, 'home', now() + interval '9 days', now() + interval '9 days 1 hour')$$),
  '42501', 'a volunteer under 18 teaches at a venue or a public place, never at a home',
  'the refusal says why'
);

-- Revoking ends it ------------------------------------------------------------------------------
select tests.authenticate_as('coord_a');
select ok(public.revoke_representative((select id from public.legal_representatives where represented_id = tests.uid('child'))),
  'the coordinator ends the representation');
select is(
  tests.try_as('child', tests.fill($$insert into public.sessions (skill_id, teacher_id, ward_id, place_type, venue_id, starts_at, ends_at) values (:skill, :child, :ward_a, 'venue', :venue, now() + interval '9 days', now() + interval '9 days 1 hour')$$)),
  '42501', 'a guardian''s consent ends with the guardianship'
);
select is(
  tests.try_as('parent', tests.fill($$insert into public.consents (profile_id, kind, version) values (:child, 'personal_data', '2026-01-01')$$)),
  '42501', 'and so does consenting for her'
);

select * from finish();
rollback;
