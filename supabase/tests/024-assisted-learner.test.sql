-- Assisted learners: one call registers the person, records their consent, keeps their place and
-- files their request; only verified volunteers and the ward's coordinators may; the claim (code or
-- phone) moves everything onto the person's own account, losing and duplicating nothing.
begin;
select plan(30);

select tests.create_world();

select tests.authenticate_as('volunteer');
create temporary table reg on commit drop as
select * from public.register_assisted_learner(
  p_display_name => 'Bà Tư', p_ward_id => tests.id('ward_a')::bigint, p_skill_id => tests.id('skill')::bigint,
  p_consent_version => '2026-01-01', p_phone => '0901 234 567', p_lat => 10.7741, p_lng => 106.6977,
  p_accessibility_needs => '{large_text}', p_priority_groups => '{elderly}', p_birth_year => 1950,
  p_preferred_times => '{weekday_morning}', p_notes => 'Nhà có cổng xanh');
grant all on reg to authenticated;
insert into tests.world select 'assisted', learner_id from reg;
insert into tests.world select 'assisted_request', request_id from reg;
insert into tests.world select 'assisted_code', claim_code from reg;

reset role;
select ok(tests.id('assisted_code') ~ '^[A-HJ-NP-Z2-9]{8}$', 'a claim code of 8 unambiguous characters');
select results_eq(
  $$select display_name, phone, ward_id, wants_to_learn, registered_by, accessibility_needs, priority_groups, birth_year::int
    from public.profiles where id = tests.uid('assisted')$$,
  $$values ('Bà Tư'::text, '+84901234567'::text, tests.id('ward_a')::bigint, true, tests.uid('volunteer'),
            '{large_text}'::text[], '{elderly}'::text[], 1950)$$,
  'the profile is made, registered by the volunteer'
);
select is((select phone from auth.users where id = tests.uid('assisted')), '84901234567', 'the account carries the phone as GoTrue stores it');
select results_eq(
  $$select kind, version, granted, recorded_by from public.consents where profile_id = tests.uid('assisted') order by kind$$,
  $$values ('personal_data'::text, '2026-01-01'::text, true, tests.uid('volunteer')),
           ('terms'::text, '2026-01-01'::text, true, tests.uid('volunteer'))$$,
  'the consent given in person is recorded, by the volunteer'
);
select results_eq(
  $$select learner_id, created_by, place_type, status, preferred_times, notes from public.help_requests
    where id = tests.id('assisted_request')::bigint$$,
  $$values (tests.uid('assisted'), tests.uid('volunteer'), 'home'::text, 'open'::text, '{weekday_morning}'::text[], 'Nhà có cổng xanh'::text)$$,
  'the request is filed on their behalf'
);
select is((select row(lat, lng)::text from public.home_locations where profile_id = tests.uid('assisted')),
  row(10.7741::double precision, 106.6977::double precision)::text, 'the approximate place is kept as their home');
select ok(exists (select 1 from private.assisted_claims where profile_id = tests.uid('assisted') and code_hash <> convert_to(tests.id('assisted_code'), 'UTF8')),
  'only a hash of the code is stored');

select tests.authenticate_as('volunteer');
select is((select exact from public.request_place(tests.id('assisted_request')::bigint)), true, 'the volunteer who filed it sees its place');

-- Who may register -------------------------------------------------------------------------------
select tests.authenticate_as('neighbour');
select throws_ok($$select * from public.register_assisted_learner('Ông Năm', tests.id('ward_a')::bigint, tests.id('skill')::bigint, '2026-01-01')$$,
  '42501', null, 'a neighbour without a role cannot register anyone');
reset role;
update public.profiles set can_teach = true where id = tests.uid('neighbour');
select tests.authenticate_as('neighbour');
select throws_ok($$select * from public.register_assisted_learner('Ông Năm', tests.id('ward_a')::bigint, tests.id('skill')::bigint, '2026-01-01')$$,
  '42501', null, 'nor a self-declared, unverified volunteer');
select tests.authenticate_as('coord_a');
select lives_ok($$select * from public.register_assisted_learner('Ông Năm', tests.id('ward_a')::bigint, tests.id('skill')::bigint, '2026-01-01', p_place_type => 'venue', p_venue_id => tests.id('venue')::bigint)$$,
  'a coordinator registers someone of their ward');
select throws_ok($$select * from public.register_assisted_learner('Ông Sáu', tests.id('ward_b')::bigint, tests.id('skill')::bigint, '2026-01-01')$$,
  '42501', null, '...but not of another ward');
select tests.authenticate_as('volunteer');
select throws_ok($$select * from public.register_assisted_learner('Bà Bảy', tests.id('ward_a')::bigint, tests.id('skill')::bigint, '2026-01-01', p_phone => '+84 90 123 4567')$$,
  '23505', null, 'a phone number that already has an account is refused');
select throws_ok($$select * from public.register_assisted_learner('Bà Bảy', tests.id('ward_a')::bigint, tests.id('skill')::bigint, ' ')$$,
  '22023', null, 'no consent, no registration');
select throws_ok($$select * from public.register_assisted_learner('Bà Bảy', tests.id('ward_a')::bigint, -1, '2026-01-01', p_phone => '0907777777')$$,
  '23503', null, 'a failing request undoes everything...');
reset role;
select is((select count(*)::int from auth.users where phone = '84907777777'), 0, '...the account included');

-- A lesson for the assisted learner, so the claim has a session to carry ----------------------------
select tests.authenticate_as('volunteer');
with s as (
  insert into public.sessions (request_id, skill_id, teacher_id, ward_id, place_type, starts_at, ends_at)
  values (tests.id('assisted_request')::bigint, tests.id('skill')::bigint, tests.uid('volunteer'),
          tests.id('ward_a')::bigint, 'home', now() + interval '6 days', now() + interval '6 days 1 hour')
  returning id
)
insert into tests.world select 'assisted_lesson', id from s;
insert into public.session_participants (session_id, profile_id)
values (tests.id('assisted_lesson')::bigint, tests.uid('assisted'));

-- The claim by code -------------------------------------------------------------------------------
reset role;
select tests.create_user('claimer', '{"display_name":"Tư Nguyễn"}');
insert into public.home_locations (profile_id, lat, lng) values (tests.uid('claimer'), 10.7742, 106.6978);
select tests.authenticate_as('claimer');
select is((select count(*)::int from public.claim_assisted_account('WRONG123')), 0, 'a wrong code claims nothing');
select results_eq(
  $$select former_id from public.claim_assisted_account(lower(tests.id('assisted_code')))$$,
  $$values (tests.uid('assisted'))$$,
  'the right code (any case) claims the account'
);
reset role;
select is((select count(*)::int from auth.users where id = tests.uid('assisted')), 0, 'the registered account is gone');
select is((select learner_id from public.help_requests where id = tests.id('assisted_request')::bigint), tests.uid('claimer'),
  'the request is now the person''s own...');
select is((select created_by from public.help_requests where id = tests.id('assisted_request')::bigint), tests.uid('volunteer'),
  '...still filed by the volunteer');
select is((select count(*)::int from public.consents where profile_id = tests.uid('claimer') and recorded_by = tests.uid('volunteer')), 2,
  'the consents moved, once');
select ok(exists (select 1 from public.session_participants where session_id = tests.id('assisted_lesson')::bigint and profile_id = tests.uid('claimer'))
  and exists (select 1 from public.session_codes where session_id = tests.id('assisted_lesson')::bigint and profile_id = tests.uid('claimer')),
  'the lesson and its code moved');
select results_eq(
  $$select p.display_name, p.ward_id, p.registered_by, p.accessibility_needs, h.lat from public.profiles p
    join public.home_locations h on h.profile_id = p.id where p.id = tests.uid('claimer')$$,
  $$values ('Tư Nguyễn'::text, tests.id('ward_a')::bigint, tests.uid('volunteer'), '{large_text}'::text[], 10.7742::double precision)$$,
  'the person keeps their own name and home and gains the ward, needs and helper'
);
select tests.authenticate_as('neighbour');
select is((select count(*)::int from public.claim_assisted_account(tests.id('assisted_code'))), 0, 'a used code claims nothing');
select count(*) from generate_series(1, 4) i, public.claim_assisted_account('WRONG00' || i);
select throws_ok($$select public.claim_assisted_account('AAAAAAAA')$$, '54000', null, 'five wrong codes in an hour and claiming pauses');

-- Reissue, and the claim by phone ----------------------------------------------------------------------
select tests.authenticate_as('volunteer');
create temporary table reg2 on commit drop as
select * from public.register_assisted_learner('Ông Ba', tests.id('ward_a')::bigint, tests.id('skill')::bigint, '2026-01-01',
  p_phone => '0908888888');
select tests.authenticate_as('stranger');
select throws_ok(format('select public.reissue_claim_code(%L)', (select learner_id from reg2)), '42501', null,
  'only whoever registered the person reissues the code');
select tests.authenticate_as('volunteer');
select isnt(public.reissue_claim_code((select learner_id from reg2)), (select claim_code from reg2), 'a new code replaces the old');
reset role;
update auth.users set phone_confirmed_at = now() where phone = '84908888888';
select ok((select claimed_at is not null from private.assisted_claims where profile_id = (select learner_id from reg2)),
  'signing in by SMS with the phone given is the claim: nothing to move');
select tests.create_user('late');
select tests.authenticate_as('late');
select is((select count(*)::int from public.claim_assisted_account((select claim_code from reg2))), 0,
  'after that the code no longer works');

select * from finish();
rollback;
