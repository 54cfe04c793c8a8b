-- A badge its owner shows is seen by those who see the owner's card (a lesson, a match, a group,
-- the ward) and by nobody else, through no path: the table, shown_badges, profile_cards' count,
-- group totals, the verification function. A hidden badge is seen by its owner and the ward only.
begin;
select plan(18);

select tests.create_world();

-- Hidden (the world's learner earned one and keeps it private) ---------------------------------
select tests.authenticate_as('volunteer');
select is(
  (select count(*)::int from public.badge_awards where profile_id = tests.uid('learner')), 0,
  'her teacher cannot read her hidden award from the table'
);
select is_empty(
  format('select * from public.shown_badges(array[%L]::uuid[])', tests.uid('learner')),
  'nor through shown_badges'
);
select is(
  (select badge_count from public.profile_cards(array[tests.uid('learner')])), 0::bigint,
  'her card counts no badge for him: a count would tell what she hides'
);
select throws_ok(
  format('select * from public.award_by_token(%L)',
         (select verify_token from public.badge_awards where id = tests.id('badge_award')::bigint)),
  '42501', null, 'the verification function is not his to call (only the server, with the token)'
);
select is(
  (select badges from public.group_totals(tests.id('group')::bigint)), 0,
  'her group counts no badge of hers'
);
-- (Compared with what the table shows them: with the demo seed loaded she has earned more.)
select tests.authenticate_as('learner');
select is(
  (select badge_count from public.profile_cards(array[tests.uid('learner')])),
  (select count(*) from public.badge_awards where profile_id = tests.uid('learner')),
  'she counts her own badges, hidden ones too'
);
select tests.authenticate_as('coord_a');
select is(
  (select badge_count from public.profile_cards(array[tests.uid('learner')])),
  (select count(*) from public.badge_awards where profile_id = tests.uid('learner')),
  'and so does her ward (commendations)'
);

-- Shown -------------------------------------------------------------------------------------------
select tests.authenticate_as('learner');
update public.badge_awards set shown = true where id = tests.id('badge_award')::bigint;

select tests.authenticate_as('volunteer');
select is(
  (select count(*)::int from public.badge_awards where profile_id = tests.uid('learner')), 1,
  'her teacher (who sees her card) now reads it'
);
select results_eq(
  format('select award_id, kind from public.shown_badges(array[%L]::uuid[])', tests.uid('learner')),
  format('select a.id, b.kind from public.badge_awards a join public.badge_definitions b on b.id = a.badge_id where a.id = %s',
         tests.id('badge_award')),
  'shown_badges gives it for her card'
);
select is(
  (select badge_count from public.profile_cards(array[tests.uid('learner')])), 1::bigint,
  'and her card counts it'
);

select tests.authenticate_as('stranger');
select is(
  (select count(*)::int from public.badge_awards where profile_id = tests.uid('learner')), 0,
  'someone of another ward with no reason to see her card does not read it from the table'
);
select is_empty(
  format('select * from public.shown_badges(array[%L]::uuid[])', tests.uid('learner')),
  'nor through shown_badges'
);
select is(
  (select count(*)::int from public.badge_awards where shown), 0,
  'nor can list anyone''s shown badges'
);
select tests.authenticate_as('neighbour');
select is(
  (select count(*)::int from public.badge_awards where profile_id = tests.uid('learner')), 0,
  'nor a neighbour of her own ward who shares nothing with her'
);
select tests.authenticate_as('coord_b');
select is(
  (select count(*)::int from public.badge_awards where profile_id = tests.uid('learner')), 0,
  'nor another ward''s coordinator'
);

-- A block removes the reason ------------------------------------------------------------------------
select tests.authenticate_as('learner');
insert into public.blocks (blocker_id, blocked_id) values (tests.uid('learner'), tests.uid('volunteer'));
select tests.authenticate_as('volunteer');
select is(
  (select count(*)::int from public.badge_awards where profile_id = tests.uid('learner')), 0,
  'once she blocks him, her shown badge is gone for him'
);
select is_empty(
  format('select * from public.shown_badges(array[%L]::uuid[])', tests.uid('learner')),
  'from shown_badges too'
);

select tests.clear_authentication();
select throws_ok(
  format('select * from public.shown_badges(array[%L]::uuid[])', tests.uid('learner')),
  '42501', null, 'anon cannot call shown_badges'
);

select * from finish();
rollback;
