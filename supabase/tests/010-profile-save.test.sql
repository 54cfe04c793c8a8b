-- The profile form's save (public.save_profile) is one transaction: all of it or none of it,
-- consents recorded once however often onboarding is posted, and only ever the caller's own rows.
begin;
select plan(16);

select tests.create_world();
select tests.create_user('newcomer', '{"no_consent": true}');

-- A failing last step leaves nothing half-written --------------------------------------------
-- The consents insert (the last step) fails; the profile update and home upsert before it must
-- be rolled back with it.
create function tests.refuse_consents() returns trigger language plpgsql as $$
begin
  raise exception 'consents are refused for this test' using errcode = 'P0001';
end;
$$;
create trigger refuse_consents before insert on public.consents
  for each row execute function tests.refuse_consents();

select tests.authenticate_as('newcomer');
select throws_ok(
  format(
    $$select public.save_profile('Bà Năm', true, false, %s, '{vi}', 'large', true, null, null,
      '{"terms": "2025-07-01", "personal_data": "2025-07-01"}')$$,
    tests.id('ward_a')
  ),
  'P0001', 'consents are refused for this test',
  'when recording the consents fails, the save fails'
);
select results_eq(
  $$select display_name, onboarded_at, text_size from public.profiles where id = tests.uid('newcomer')$$,
  $$values ('newcomer'::text, null::timestamptz, 'normal'::text)$$,
  '...and the profile is unchanged: not marked onboarded, no new name or text size'
);
select is_empty(
  $$select 1 from public.home_locations where profile_id = tests.uid('newcomer')$$,
  '...no home point was kept'
);
select is_empty(
  $$select 1 from public.consents where profile_id = tests.uid('newcomer')$$,
  '...and no consent either'
);
reset role;
drop trigger refuse_consents on public.consents;

-- Onboarding -----------------------------------------------------------------------------------
select tests.authenticate_as('newcomer');
select is(
  public.save_profile('Bà Năm', true, false, tests.id('ward_a')::bigint, '{vi,km}', 'large', true,
    null, null, '{"terms": "2025-07-01", "personal_data": "2025-07-01"}'),
  'saved', 'onboarding saves'
);
select results_eq(
  $$select display_name, wants_to_learn, can_teach, ward_id, languages, text_size, high_contrast,
      onboarded_at is not null
    from public.profiles where id = tests.uid('newcomer')$$,
  format($$values ('Bà Năm'::text, true, false, %s::bigint, '{vi,km}'::text[], 'large'::text, true, true)$$,
    tests.id('ward_a')),
  '...every field of the form, and the onboarding stamp'
);
select results_eq(
  $$select h.lat, h.lng from public.home_locations h where h.profile_id = tests.uid('newcomer')$$,
  format($$select center_lat, center_lng from public.areas where id = %s$$, tests.id('ward_a')),
  '...with the ward centre standing in for a home point'
);
select results_eq(
  $$select kind, version, granted from public.consents where profile_id = tests.uid('newcomer') order by kind$$,
  $$values ('personal_data'::text, '2025-07-01'::text, true), ('terms', '2025-07-01', true)$$,
  '...and both consents'
);

create temporary table first_stamp on commit drop as
  select onboarded_at from public.profiles where id = tests.uid('newcomer');
select is(
  public.save_profile('Bà Năm', true, true, tests.id('ward_a')::bigint, '{vi}', 'normal', false,
    10.5, 106.5, '{"terms": "2025-07-01", "personal_data": "2025-07-01"}'),
  'saved', 'posting onboarding again saves again'
);
select is(
  (select count(*)::int from public.consents where profile_id = tests.uid('newcomer')),
  2, '...without duplicating the consents'
);
select is(
  (select onboarded_at from public.profiles where id = tests.uid('newcomer')),
  (select onboarded_at from first_stamp),
  '...and keeps the first onboarding time'
);
select results_eq(
  $$select lat, lng from public.home_locations where profile_id = tests.uid('newcomer')$$,
  $$values (10.5::double precision, 106.5::double precision)$$,
  'a point picked on the map is the home point'
);

select is(
  public.save_profile('Bà Năm', true, false, tests.id('ward_a')::bigint, '{vi}', 'normal', false,
    null, null, '{"terms": "2026-01-01"}'),
  'saved', 'a new version of the terms'
);
select is(
  (select count(*)::int from public.consents where profile_id = tests.uid('newcomer') and kind = 'terms'),
  2, '...is recorded as a new consent'
);

-- Wards ----------------------------------------------------------------------------------------
select is(
  public.save_profile('Ai Đó', true, false, tests.id('city')::bigint, '{vi}', 'normal', false),
  'unknown_ward', 'a city is not a ward: nothing is saved'
);
select is(
  (select display_name from public.profiles where id = tests.uid('newcomer')),
  'Bà Năm', '...the name is unchanged'
);

select * from finish();
rollback;
