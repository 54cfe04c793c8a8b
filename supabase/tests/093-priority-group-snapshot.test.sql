-- "By priority group" counts the groups a learner was in at the lesson: a snapshot per place,
-- taken when the place is made and again at attendance, unchanged by later profile edits, hidden
-- from clients (a teacher reads the place, not the learner's groups), gone with the account.
begin;
select plan(12);

select tests.create_world();

select ok(
  not has_table_privilege('authenticated', 'private.participant_groups', 'select')
  and not has_table_privilege('anon', 'private.participant_groups', 'select')
  and not exists (select 1 from information_schema.columns
                  where table_schema = 'public' and table_name = 'session_participants' and column_name = 'priority_groups'),
  'clients cannot read the snapshot; the participant rows a teacher reads carry no groups');
select is(
  (select count(*)::int from public.session_participants sp
   left join private.participant_groups g using (session_id, profile_id) where g.session_id is null),
  0, 'every place has its snapshot');
select is(
  (select priority_groups from private.participant_groups
   where session_id = tests.id('session_done')::bigint and profile_id = tests.uid('learner')),
  array['elderly'], 'the learner was elderly at the lesson she attended');

-- The learner's groups change after the lesson.
update public.profiles set priority_groups = '{disability}' where id = tests.uid('learner');
select tests.authenticate_as('coord_a');
select is((public.ward_dashboard(tests.id('ward_a')::bigint) -> 'by_group'),
  '[{"group": "elderly", "people": 1, "attendances": 1}]'::jsonb,
  'the dashboard still counts her past lesson as elderly');

-- She attends the class under her new groups.
reset role;
update public.sessions set starts_at = now() - interval '3 hours', ends_at = now() - interval '2 hours'
where id = tests.id('class')::bigint;
update public.session_participants set status = 'attended', attended_at = now()
where session_id = tests.id('class')::bigint and profile_id = tests.uid('learner');
update public.sessions set status = 'completed', completed_at = now() where id = tests.id('class')::bigint;
select is(
  (select priority_groups from private.participant_groups
   where session_id = tests.id('class')::bigint and profile_id = tests.uid('learner')),
  array['disability'], 'attendance takes the snapshot again, at the lesson');
select tests.authenticate_as('coord_a');
select is((public.ward_dashboard(tests.id('ward_a')::bigint) -> 'by_group'),
  '[{"group": "disability", "people": 1, "attendances": 1}, {"group": "elderly", "people": 1, "attendances": 1}]'::jsonb,
  'each lesson counts in the group she was in then');
reset role;
select is(
  (select jsonb_agg(jsonb_build_object('group', grp, 'people', people, 'attendances', n) order by people desc, grp)
   from (
     select grp, count(distinct g.profile_id) as people, count(*) as n
     from public.sessions s
     join public.session_participants sp on sp.session_id = s.id and sp.status = 'attended'
     join private.participant_groups g using (session_id, profile_id)
     cross join lateral unnest(case when cardinality(g.priority_groups) = 0 then array['none'] else g.priority_groups end) grp
     where s.ward_id = tests.id('ward_a')::bigint and s.status = 'completed'
     group by grp
   ) x),
  (select public.ward_dashboard(tests.id('ward_a')::bigint) -> 'by_group'
   from (select tests.authenticate_as('coord_a')) a),
  'the figure equals a direct count of the snapshots');
reset role;

select is(
  (select count(*)::int from public.session_participants sp
   join private.participant_groups g using (session_id, profile_id)
   where g.attended is distinct from (sp.status = 'attended')),
  0, 'the snapshot''s attended mirror equals every place''s status');
update public.session_participants set status = 'no_show'
where session_id = tests.id('class')::bigint and profile_id = tests.uid('learner');
select is(
  (select attended from private.participant_groups
   where session_id = tests.id('class')::bigint and profile_id = tests.uid('learner')),
  false, 'and follows a mark taken back');
update public.session_participants set status = 'attended'
where session_id = tests.id('class')::bigint and profile_id = tests.uid('learner');

-- A later profile edit changes nothing recorded; a refused write changes nothing either.
update public.profiles set priority_groups = '{farmer}' where id = tests.uid('learner');
select is(
  (select array_agg(priority_groups[1] order by session_id) from private.participant_groups
   where profile_id = tests.uid('learner') and session_id in (tests.id('session_done')::bigint, tests.id('class')::bigint)),
  array['elderly', 'disability'], 'a later profile edit rewrites no snapshot');

-- A new place takes the groups of the moment.
select tests.create_user('l2');
update public.profiles set priority_groups = '{poor_household_student}' where id = tests.uid('l2');
insert into public.sessions (kind, skill_id, teacher_id, ward_id, place_type, venue_id, capacity, status, starts_at, ends_at)
values ('class', tests.id('skill2')::bigint, tests.uid('coord_a'), tests.id('ward_a')::bigint, 'venue',
        tests.id('venue')::bigint, 5, 'scheduled', now() + interval '5 days', now() + interval '5 days 1 hour');
insert into tests.world select 'class2', max(id) from public.sessions where teacher_id = tests.uid('coord_a');
insert into public.session_participants (session_id, profile_id) values (tests.id('class2')::bigint, tests.uid('l2'));
select is(
  (select priority_groups from private.participant_groups
   where session_id = tests.id('class2')::bigint and profile_id = tests.uid('l2')),
  array['poor_household_student'], 'a new place takes the groups of the moment');

-- Deleting the account deletes the snapshots.
select tests.authenticate_as('learner');
select public.delete_my_account();
reset role;
select is((select count(*)::int from private.participant_groups where profile_id = tests.uid('learner')), 0,
  'deleting the account deletes her snapshots');

select * from finish();
rollback;
