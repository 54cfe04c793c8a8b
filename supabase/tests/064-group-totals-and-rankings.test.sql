-- A group's totals (counts only, for every signed-in person), the people of a group by who may
-- see them, a request to join that opens no one's card but to the leader (20261202020100), and the
-- opt-in rankings of a ward's groups and people.
begin;
select plan(26);

select tests.create_world();
-- Accounts a month old, so the world's lesson counts (badge rules ignore brand-new accounts).
update auth.users set created_at = now() - interval '30 days';

-- Totals -----------------------------------------------------------------------------------------
select tests.authenticate_as('stranger');
select results_eq(
  format('select members, lessons, hours, badges from public.group_totals(%s)', tests.id('group')),
  $$values (3, 1, 1.00::numeric, 0)$$,
  'three members (the coordinator who created it leads it), the volunteer''s one lesson of an hour, no badge shown'
);
select tests.authenticate_as('learner');
update public.badge_awards set shown = true where id = tests.id('badge_award')::bigint;
select tests.authenticate_as('stranger');
select is(
  (select badges from public.group_totals(tests.id('group')::bigint)), 1,
  'a badge a member shows is counted'
);
select tests.authenticate_as('volunteer');
select is(
  (select badges from public.group_totals(tests.id('group')::bigint)), 1,
  'a badge nobody shows is not (the volunteer''s own stays private)'
);
select tests.clear_authentication();
select throws_ok(
  format('select * from public.group_totals(%s)', tests.id('group')), '42501', null,
  'anon cannot read totals'
);

-- The people of a group ----------------------------------------------------------------------------
select tests.authenticate_as('stranger');
select is_empty(
  format('select * from public.group_people(%s)', tests.id('group')),
  'a stranger sees nobody in the group'
);
insert into public.group_members (group_id, profile_id) values (tests.id('group')::bigint, tests.uid('stranger'));
select results_eq(
  format('select profile_id, status from public.group_people(%s)', tests.id('group')),
  format('values (%L::uuid, %L)', tests.uid('stranger'), 'requested'),
  'after asking to join: only their own request, not the members'
);
select tests.authenticate_as('learner');
select is(
  (select count(*)::int from public.group_people(tests.id('group')::bigint)), 3,
  'an active member sees the active members, not who asks to join'
);
select tests.authenticate_as('volunteer');
select is(
  (select count(*)::int from public.group_people(tests.id('group')::bigint) where status = 'requested'), 1,
  'the leader sees the request'
);
select tests.authenticate_as('coord_a');
select is(
  (select count(*)::int from public.group_people(tests.id('group')::bigint)), 4,
  'the ward''s coordinator sees members and requests'
);
select tests.authenticate_as('coord_b');
select is_empty(
  format('select * from public.group_people(%s)', tests.id('group')),
  'another ward''s coordinator sees nobody'
);

-- A request to join is no reason to see each other's cards, except for the leader who decides --
select tests.authenticate_as('neighbour');
insert into public.group_members (group_id, profile_id) values (tests.id('group')::bigint, tests.uid('neighbour'));
select is_empty(
  format('select * from public.profile_cards(array[%L]::uuid[])', tests.uid('volunteer')),
  'asking to join shows the asker no member''s card'
);
select tests.authenticate_as('learner');
select is_empty(
  format('select * from public.profile_cards(array[%L]::uuid[])', tests.uid('neighbour')),
  'nor does a member see the asker''s card'
);
select tests.authenticate_as('volunteer');
select isnt_empty(
  format('select * from public.profile_cards(array[%L]::uuid[])', tests.uid('neighbour')),
  'the leader, who decides, does'
);
update public.group_members set status = 'active'
where group_id = tests.id('group')::bigint and profile_id = tests.uid('neighbour');
select tests.authenticate_as('learner');
select isnt_empty(
  format('select * from public.profile_cards(array[%L]::uuid[])', tests.uid('neighbour')),
  'once let in, members see each other'
);

-- Taking part in the ranking ----------------------------------------------------------------------
select tests.authenticate_as('learner');
select is(public.set_group_ranked(tests.id('group')::bigint, true), false, 'a member cannot enter the group');
select tests.authenticate_as('coord_b');
select is(public.set_group_ranked(tests.id('group')::bigint, true), false, 'nor another ward''s coordinator');
select tests.authenticate_as('stranger');
select is_empty(
  format('select * from public.ward_rankings(%s)', tests.id('ward_a')),
  'nobody opted in: an empty ranking'
);
select tests.authenticate_as('volunteer');
select is(public.set_group_ranked(tests.id('group')::bigint, true), true, 'its leader enters the group');
select throws_ok(
  format('update public.neighbourhood_groups set ranked = true where id = %s returning id', tests.id('group_spare')),
  '42501', null, 'a volunteer cannot flip another group''s flag on the table'
);
select tests.authenticate_as('stranger');
select results_eq(
  format('select kind, name, lessons, place from public.ward_rankings(%s)', tests.id('ward_a')),
  $$values ('group'::text, 'Tổ dân phố 5'::text, 1, 1)$$,
  'the group appears; the volunteer, who did not opt in, does not'
);
select tests.authenticate_as('volunteer');
update public.profiles set display_name = 'Phạm Văn Dũng', ranked = true where id = tests.uid('volunteer');
select tests.authenticate_as('stranger');
select results_eq(
  format('select kind, name, lessons from public.ward_rankings(%s) order by kind', tests.id('ward_a')),
  $$values ('group'::text, 'Tổ dân phố 5'::text, 1), ('person', 'Dũng', 1)$$,
  'once he opts in he appears, by given name only'
);
select is_empty(
  format('select * from public.ward_rankings(%s)', tests.id('ward_b')),
  'ward B has nobody in its ranking'
);
select tests.authenticate_as('learner');
update public.profiles set ranked = true where id = tests.uid('learner');
select is(
  (select count(*)::int from public.ward_rankings(tests.id('ward_a')::bigint) where kind = 'person'), 1,
  'a learner who taught nobody is not listed'
);
select tests.authenticate_as('coord_a');
select is(public.set_group_ranked(tests.id('group')::bigint, false), true, 'the ward can take a group out');
select is(
  (select count(*)::int from public.ward_rankings(tests.id('ward_a')::bigint) where kind = 'group'), 0,
  'and it is gone'
);
select tests.clear_authentication();
select throws_ok(
  format('select * from public.ward_rankings(%s)', tests.id('ward_a')), '42501', null,
  'anon cannot read rankings'
);

select * from finish();
rollback;
