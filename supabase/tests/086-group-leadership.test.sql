-- A group always has a leader: whoever creates it (coordinator or verified volunteer) leads it;
-- the last leader of an open group cannot leave, be removed or step down by any path; leadership
-- passes only to an active member of the group's ward who accepts it; a closed group lets its
-- last leader go and takes no one in; deleting the group or the leader's account is not held up.
begin;
select plan(31);

select tests.create_world();

-- The creator leads ---------------------------------------------------------------------------------
select tests.authenticate_as('coord_a');
insert into public.neighbourhood_groups (ward_id, name) values (tests.id('ward_a')::bigint, 'Tổ 9');
select is(
  (select gm.role || '/' || gm.status from public.group_members gm
   join public.neighbourhood_groups g on g.id = gm.group_id
   where g.name = 'Tổ 9' and gm.profile_id = tests.uid('coord_a')),
  'leader/active', 'a coordinator who creates a group leads it from the start'
);
select throws_ok(
  format($$insert into public.neighbourhood_groups (ward_id, name, created_by) values (%s, 'Tổ 10', %L)$$,
         tests.id('ward_a'), tests.uid('volunteer')),
  '42501', null, 'nobody names someone else the creator (and so the leader)'
);
select throws_ok(
  format($$update public.neighbourhood_groups set closed_at = now() where id = %s$$, tests.id('group')),
  '42501', null, 'nor closes a group on the table, around close_group'
);
select throws_ok(
  format($$update public.neighbourhood_groups set handover_to = %L where id = %s$$, tests.uid('stranger'), tests.id('group')),
  '42501', null, 'nor offers the leadership on the table, around hand_over_group'
);

select tests.authenticate_as('volunteer');
insert into public.neighbourhood_groups (ward_id, name) values (tests.id('ward_a')::bigint, 'Chi đoàn 3');
insert into tests.world values ('g3', (select id from public.neighbourhood_groups where name = 'Chi đoàn 3'));
select is(
  (select role from public.group_members where group_id = tests.id('g3')::bigint and profile_id = tests.uid('volunteer')),
  'leader', 'a verified volunteer who creates a group leads it'
);

-- The last leader stays ------------------------------------------------------------------------------
select throws_ok(
  format('delete from public.group_members where group_id = %s and profile_id = %L', tests.id('g3'), tests.uid('volunteer')),
  'P0001', 'the last leader of a group cannot leave it; hand it over or close the group',
  'the last leader cannot leave'
);
select tests.authenticate_as('coord_a');
select throws_ok(
  format('delete from public.group_members where group_id = %s and profile_id = %L', tests.id('g3'), tests.uid('volunteer')),
  'P0001', null, 'nor can the ward remove them'
);
select throws_ok(
  format($$update public.group_members set role = 'member' where group_id = %s and profile_id = %L$$, tests.id('g3'), tests.uid('volunteer')),
  'P0001', null, 'nor make them step down'
);
select throws_ok(
  format($$update public.group_members set status = 'requested' where group_id = %s and profile_id = %L$$, tests.id('g3'), tests.uid('volunteer')),
  'P0001', null, 'nor turn them back into someone asking'
);

-- Members join; nobody makes themself leader ----------------------------------------------------------
select tests.authenticate_as('learner');
insert into public.group_members (group_id, profile_id) values (tests.id('g3')::bigint, tests.uid('learner'));
select throws_ok(
  format($$insert into public.group_members (group_id, profile_id, role) values (%s, %L, 'leader')$$, tests.id('g3'), tests.uid('neighbour')),
  '42501', null, 'nobody asks to join as a leader'
);
select tests.authenticate_as('stranger');
insert into public.group_members (group_id, profile_id) values (tests.id('g3')::bigint, tests.uid('stranger'));
select tests.authenticate_as('volunteer');
update public.group_members set status = 'active' where group_id = tests.id('g3')::bigint;
select tests.authenticate_as('learner');
select is_empty(
  format($$update public.group_members set role = 'leader' where group_id = %s and profile_id = %L returning 1$$, tests.id('g3'), tests.uid('learner')),
  'a member cannot make themself leader on the table'
);
select throws_ok(
  format('select public.hand_over_group(%s, %L)', tests.id('g3'), tests.uid('learner')),
  '42501', null, 'nor hand the group to themself'
);
select throws_ok(
  format('select public.answer_group_leadership(%s, true)', tests.id('g3')),
  'P0001', 'no leadership was offered to you', 'nor accept what was not offered'
);

-- Handing over -------------------------------------------------------------------------------------------
select tests.authenticate_as('volunteer');
select throws_ok(
  format('select public.hand_over_group(%s, %L)', tests.id('g3'), tests.uid('neighbour')),
  'P0001', 'leadership goes to a member of the group', 'not to someone outside the group'
);
select throws_ok(
  format('select public.hand_over_group(%s, %L)', tests.id('g3'), tests.uid('stranger')),
  'P0001', 'leadership goes to someone of the group''s ward', 'not to a member from another ward'
);
select throws_ok(
  format('select public.hand_over_group(%s, %L)', tests.id('group'), tests.uid('stranger')),
  'P0001', null, 'not to someone of another group'
);
select lives_ok(
  format('select public.hand_over_group(%s, %L)', tests.id('g3'), tests.uid('learner')),
  'the leader offers it to a member of the ward'
);
select is(
  (select role from public.group_members where group_id = tests.id('g3')::bigint and profile_id = tests.uid('learner')),
  'member', 'an offer makes nobody a leader'
);
select tests.authenticate_as('stranger');
select throws_ok(
  format('select public.answer_group_leadership(%s, true)', tests.id('g3')),
  'P0001', null, 'someone else cannot take the offer'
);
select tests.authenticate_as('learner');
select lives_ok(
  format('select public.answer_group_leadership(%s, true)', tests.id('g3')),
  'she accepts'
);
select results_eq(
  format($$select profile_id, role from public.group_members where group_id = %s and status = 'active' and role = 'leader'$$, tests.id('g3')),
  format('values (%L::uuid, %L::text)', tests.uid('learner'), 'leader'),
  'she leads and he stepped down'
);
select tests.authenticate_as('volunteer');
select lives_ok(
  format('delete from public.group_members where group_id = %s and profile_id = %L', tests.id('g3'), tests.uid('volunteer')),
  'and he may leave now'
);

-- A co-leader leaves; the last one stays ---------------------------------------------------------------
select tests.authenticate_as('coord_a');
select lives_ok(
  format('delete from public.group_members where group_id = %s and profile_id = %L', tests.id('group'), tests.uid('coord_a')),
  'one of two leaders may leave'
);
select tests.authenticate_as('volunteer');
select throws_ok(
  format('delete from public.group_members where group_id = %s and profile_id = %L', tests.id('group'), tests.uid('volunteer')),
  'P0001', null, 'the other, now the last, may not'
);

-- Closing ----------------------------------------------------------------------------------------------
select tests.authenticate_as('stranger');
select throws_ok(
  format('select public.close_group(%s)', tests.id('g3')), '42501', null, 'a member cannot close the group'
);
select tests.authenticate_as('learner');
select lives_ok(format('select public.close_group(%s)', tests.id('g3')), 'its leader closes it');
select lives_ok(
  format('delete from public.group_members where group_id = %s and profile_id = %L', tests.id('g3'), tests.uid('learner')),
  'then the last leader may leave'
);
select tests.authenticate_as('neighbour');
select throws_ok(
  format('insert into public.group_members (group_id, profile_id) values (%s, %L)', tests.id('g3'), tests.uid('neighbour')),
  '42501', null, 'nobody asks to join a closed group'
);
select throws_ok(
  format('select public.hand_over_group(%s, null)', tests.id('g3')), '42501', null,
  'and a closed group is handed over by nobody outside it'
);

-- Deleting the group, or the leader's account --------------------------------------------------------
select tests.authenticate_as('coord_a');
select lives_ok(
  format('delete from public.neighbourhood_groups where name = %L', 'Tổ 9'),
  'the ward deletes a group with its leader in it'
);
select tests.clear_authentication();
reset role;
delete from auth.users where id = tests.uid('volunteer');
select is(
  (select count(*)::int from public.group_members where group_id = tests.id('group')::bigint and role = 'leader'), 0,
  'deleting the last leader''s account is not held up (the ward names a new one)'
);

select * from finish();
rollback;
