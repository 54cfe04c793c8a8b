-- A person's badge page: progress counted by the awarding rules, their own awards only.
begin;
select plan(7);

select tests.create_world();
insert into public.badge_definitions (slug, kind, threshold, name_vi, name_en)
values ('t-group', 'group_sessions', 1, 'Tập thể', 'Group');

select tests.clear_authentication();
select throws_ok($$select * from public.my_badges()$$, '42501', null, 'anon has no badges to read');

select tests.authenticate_as('volunteer');
select results_eq(
  $$select slug, current, award_id is not null from public.my_badges() where slug like 't-%' order by slug$$,
  $$values ('t-first', 1, true), ('t-learned', 0, false), ('t-spare', 1, false)$$,
  'the teacher sees the first lesson earned, the hundred-lesson badge at 1 of 100'
);
select is(
  (select count(*)::int from public.my_badges() where kind = 'group_sessions'),
  0, 'group badges are not personal'
);

select tests.authenticate_as('learner');
select results_eq(
  $$select slug, current, award_id = tests.id('badge_award')::bigint from public.my_badges() where slug like 't-%' order by slug$$,
  $$values ('t-first', 0, null::boolean), ('t-learned', 1, true), ('t-spare', 0, null)$$,
  'the learner sees her own skill learned, with her own award'
);
select is(
  (select shown from public.my_badges() where slug = 't-learned'),
  false, 'private until she shows it'
);
update public.badge_awards set shown = true where id = tests.id('badge_award')::bigint;
select is(
  (select shown from public.my_badges() where slug = 't-learned'),
  true, 'and shown once she chose to'
);

select tests.authenticate_as('stranger');
select is(
  (select count(*)::int from public.my_badges() where award_id is not null and slug like 't-%'),
  0, 'a stranger sees only their own (none), never hers'
);

select * from finish();
rollback;
