-- The phone consent card: both sides confirm the same terms (what the volunteer may do, for how
-- long, codes typed by the learner alone); new terms ask the other side again; for an assisted
-- learner her helper, a ward coordinator or her representative confirms for her; a lesson of a
-- phone-touching skill cannot be confirmed as done before both confirmed.
begin;
select plan(17);

select tests.create_world();

-- The world's upcoming venue lesson becomes a VNeID-like lesson happening now.
select tests.authenticate_as_service_role();
update public.skills set touches_learner_phone = true where id = tests.id('skill2')::bigint;
update public.sessions set status = 'scheduled', starts_at = now() - interval '10 minutes', ends_at = now() + interval '50 minutes'
where id = tests.id('session')::bigint;
insert into tests.world
select 'code_now', code from public.session_codes
where session_id = tests.id('session')::bigint and profile_id = tests.uid('learner');

select tests.authenticate_as('volunteer');
select throws_ok(
  tests.fill('select public.confirm_session(:session, :code_now)'),
  '42501', 'both the volunteer and the learner confirm the phone card before the lesson is done',
  'no card: the lesson cannot be confirmed as done'
);

select is(
  tests.try_as('stranger', tests.fill($$select public.confirm_device_card(:session, :learner, '{hold_phone}', 30, true)$$)),
  '42501', 'a stranger cannot confirm the card'
);
select is(
  tests.try_as('coord_b', tests.fill($$select public.confirm_device_card(:session, :learner, '{hold_phone}', 30, true)$$)),
  '42501', 'nor another ward''s coordinator'
);
select is(
  tests.try_as('coord_a', tests.fill($$select public.confirm_device_card(:session, :learner, '{hold_phone}', 30, true)$$)),
  '42501', 'the ward''s coordinator does not confirm for a learner who can confirm herself'
);
select is(
  tests.try_as('volunteer', tests.fill($$select public.confirm_device_card(:session, :learner, '{hold_phone}', 30, false)$$)),
  '22023', 'the rule on codes, passwords and PINs must be accepted'
);
select is(
  tests.try_as('volunteer', tests.fill($$select public.confirm_device_card(:session, :learner, '{hold_phone}', 90, true)$$)),
  '22023', 'the card lasts at most the lesson'
);
select is(
  tests.try_as('volunteer', tests.fill($$select public.confirm_device_card(:session, :learner, '{teleport}', 30, true)$$)),
  '23514', 'only known actions'
);

select tests.authenticate_as('volunteer');
select is(public.confirm_device_card(tests.id('session')::bigint, tests.uid('learner'), '{hold_phone,install_apps}', 30, true),
  'waiting', 'the volunteer confirms first: waiting for the learner');
select tests.authenticate_as('learner');
select is(public.confirm_device_card(tests.id('session')::bigint, tests.uid('learner'), '{install_apps,hold_phone}', 30, true),
  'agreed', 'the learner confirms the same terms: agreed');
select is(public.confirm_device_card(tests.id('session')::bigint, tests.uid('learner'), '{install_apps}', 20, true),
  'waiting', 'the learner narrows the terms: the volunteer is asked again');
select is(
  (select teacher_confirmed_at from public.device_cards where session_id = tests.id('session')::bigint), null,
  '...and the volunteer''s confirmation of the old terms is gone'
);
select is(
  tests.try_as('stranger', tests.fill('select 1 from public.device_cards where session_id = :session')),
  '0', 'a stranger sees no card'
);

-- An assisted learner: her helper confirms for her.
select tests.authenticate_as_service_role();
update public.profiles set registered_by = tests.uid('neighbour') where id = tests.uid('learner');
select tests.authenticate_as('neighbour');
select is(public.confirm_device_card(tests.id('session')::bigint, tests.uid('learner'), '{install_apps}', 25, true),
  'waiting', 'the helper of an assisted learner confirms for her');
select is(
  (select learner_confirmed_by from public.device_cards where session_id = tests.id('session')::bigint),
  tests.uid('neighbour'), '...and the card says who confirmed for her'
);
select tests.authenticate_as('coord_a');
select is(public.confirm_device_card(tests.id('session')::bigint, tests.uid('learner'), '{install_apps}', 25, true),
  'waiting', 'so may a coordinator of the lesson''s ward');

select tests.authenticate_as('volunteer');
select is(public.confirm_device_card(tests.id('session')::bigint, tests.uid('learner'), '{install_apps}', 25, true),
  'agreed', 'the volunteer confirms the same terms');
select is(
  (select outcome from public.confirm_session(tests.id('session')::bigint, tests.id('code_now'))),
  'confirmed', 'with both confirmations the lesson is confirmed as done'
);

select * from finish();
rollback;
