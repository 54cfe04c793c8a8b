-- Every award has an unguessable verification token; the public page learns only what the person
-- chose to show (just "not shown" for a private badge, nothing for an unknown token); only the
-- server (service role) may ask.
begin;
select plan(10);

select tests.create_world();

select is(
  (select count(*)::int from public.badge_awards where verify_token !~ '^[0-9a-f]{64}$' or recipient_salt !~ '^[0-9a-f]{32}$'),
  0, 'every award (old ones too) has a 64-hex token and a salt'
);
select is(
  (select count(distinct verify_token)::int from public.badge_awards),
  (select count(*)::int from public.badge_awards), 'tokens are unique'
);
select isnt(
  (select verify_token from public.badge_awards where id = tests.id('badge_award')::bigint),
  tests.id('badge_award'), 'the token is not the serial id'
);

select tests.clear_authentication();
select throws_ok($$select * from public.award_by_token('x')$$, '42501', null, 'anon cannot call it directly');
select tests.authenticate_as('stranger');
select throws_ok($$select * from public.award_by_token('x')$$, '42501', null, 'nor a signed-in stranger');

select tests.authenticate_as_service_role();
select is_empty($$select * from public.award_by_token('0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef')$$,
  'an unknown token says nothing');
select results_eq(
  format($$select shown, slug, name_vi, awarded_at, display_name from public.award_by_token(%L)$$,
    (select verify_token from public.badge_awards where id = tests.id('badge_award')::bigint)),
  $$values (false, null::text, null::text, null::timestamptz, null::text)$$,
  'a private badge: only "not shown", not even whose it is'
);

reset role;
update public.badge_awards set shown = true where id = tests.id('badge_award')::bigint;
select tests.authenticate_as_service_role();
select results_eq(
  format($$select shown, slug, name_vi, display_name from public.award_by_token(%L)$$,
    (select verify_token from public.badge_awards where id = tests.id('badge_award')::bigint)),
  $$values (true, 't-learned', 'Học được kỹ năng đầu', 'learner')$$,
  'a shown badge: the badge and the name the person goes by'
);
select is(
  (select count(*)::int from public.award_by_token(
     (select substr(verify_token, 1, 63) from public.badge_awards where id = tests.id('badge_award')::bigint))),
  0, 'a prefix of a token finds nothing'
);

-- The notice of the world's first award was written by the award itself.
reset role;
select is(
  (select count(*)::int from public.notifications
   where dedupe_key = 'badge-award:' || tests.id('badge_award') and profile_id = tests.uid('learner')),
  1, 'the award in create_world announced itself to the learner'
);

select * from finish();
rollback;
