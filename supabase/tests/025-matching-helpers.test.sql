-- The small helpers behind matching and assisted learners, one by one, and who may call them.
begin;
select plan(16);

select tests.create_world();

select is(private.shown_distance(40), 200, 'shown distances never go below 200 m');
select is(private.shown_distance(1249), 1200, '...and are whole hundreds of metres');
select is(private.shown_distance(1251), 1300, '...rounded to the nearest');
select cmp_ok(
  abs(private.haversine_m(10.78, 106.70, 10.79, 106.71)
      - extensions.earth_distance(extensions.ll_to_earth(10.78, 106.70), extensions.ll_to_earth(10.79, 106.71))),
  '<', 0.01::double precision,
  'haversine agrees with earthdistance to the centimetre'
);
select is(private.phone_digits('090 123 4567'), '84901234567', 'a leading 0 is Vietnam''s trunk prefix');
select is(private.phone_digits('+84 (90) 123-4567'), '84901234567', 'spaces, signs and brackets go');
select is(private.phone_digits('12'), null, 'too short is no phone number');
select ok(private.new_claim_code() ~ '^[A-HJ-NP-Z2-9]{8}$', 'claim codes use an alphabet without look-alikes');
select is(private.claim_code_hash('ab cd-ef12'), private.claim_code_hash('ABCDEF12'), 'codes ignore case and separators');

select is(private.blocked_with(tests.uid('stranger')), array[tests.uid('learner')], 'blocked_with looks both ways');
select ok(private.is_verified_volunteer(tests.uid('volunteer')), 'the fixture volunteer is verified in ward A');

delete from public.help_requests where id = tests.id('request_open')::bigint;
select is((select count(*)::int from private.help_request_points where request_id = tests.id('request_open')::bigint), 0,
  'a deleted request takes its exact point with it');

select tests.authenticate_as('volunteer');
select throws_ok($$select private.blocked_with(tests.uid('learner'))$$, '42501', null, 'clients cannot read who blocked whom');
select throws_ok($$select private.request_point(tests.id('request_open')::bigint)$$, '42501', null, '...nor exact request points');
select throws_ok($$select private.move_person_rows(tests.uid('learner'), tests.uid('volunteer'))$$, '42501', null,
  '...nor move anybody''s rows');
select throws_ok($$select * from private.teaching_point(tests.uid('learner'))$$, '42501', null, '...nor homes');

select * from finish();
rollback;
