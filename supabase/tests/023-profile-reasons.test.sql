-- profile_cards and approximate_location answer only where the caller has a reason: themselves,
-- their coordinator's ward, people they registered (or who registered them), a shared session, a
-- shared group, a match for their own open request; never across a block (coordinators aside).
begin;
select plan(17);

select tests.create_world();
select tests.create_user('helper');
select tests.create_user('asker');
select tests.create_user('matcher');
select tests.create_user('far_one');
update public.profiles set ward_id = tests.id('ward_b')::bigint where id in (tests.uid('asker'), tests.uid('helper'));
update public.profiles set ward_id = tests.id('ward_b')::bigint, can_teach = true
where id in (tests.uid('matcher'), tests.uid('far_one'));
insert into public.home_locations (profile_id, lat, lng)
values (tests.uid('matcher'), 10.801, 106.661), (tests.uid('far_one'), 10.95, 106.40);
insert into public.volunteer_skills (profile_id, skill_id)
values (tests.uid('matcher'), tests.id('skill')::bigint), (tests.uid('far_one'), tests.id('skill')::bigint);
update public.profiles set registered_by = tests.uid('helper') where id = tests.uid('asker');

create function pg_temp.seen(ids text[]) returns text[] language sql as $$
  select coalesce(array_agg(w.key order by w.key), '{}') from public.profile_cards(
    array(select tests.uid(i) from unnest(ids) i)
  ) c join tests.world w on w.value = c.id::text;
$$;

-- The harvest from the issue: ids listed from public tables give nothing without a reason.
select tests.authenticate_as('neighbour');
select is(
  (select count(*)::int from public.profile_cards(array(
     select profile_id from public.badge_awards
     union select profile_id from public.volunteer_skills
     union select profile_id from public.volunteer_verifications))),
  0, 'ids listed from badges, skills and verifications give a neighbour no cards'
);
select is((select count(*)::int from public.approximate_location(tests.uid('learner'))), 0, '...and no positions');
select is(pg_temp.seen('{neighbour}'), '{neighbour}', 'everyone sees their own card');

select tests.authenticate_as('volunteer');
select is(pg_temp.seen('{learner,stranger,asker}'), '{learner}', 'a teacher sees the learner they share a session with');
select is((select count(*)::int from public.approximate_location(tests.uid('learner'))), 1, '...and their cell');
select tests.authenticate_as('learner');
select is(pg_temp.seen('{volunteer,stranger}'), '{volunteer}', 'the learner sees their teacher, not the person they blocked');

select tests.authenticate_as('coord_a');
select is(pg_temp.seen('{learner,neighbour,stranger}'), '{learner,neighbour}', 'a coordinator sees the people of their ward');
select tests.authenticate_as('coord_b');
select is(pg_temp.seen('{learner,stranger}'), '{stranger}', '...not those of another ward');

select tests.authenticate_as('helper');
select is(pg_temp.seen('{asker,learner}'), '{asker}', 'a helper sees the person they registered');
select tests.authenticate_as('asker');
select is(pg_temp.seen('{helper,matcher,far_one}'), '{helper}', '...and the other way round; no match without a request');

insert into public.help_requests (learner_id, skill_id, place_type, near_lat, near_lng)
values (tests.uid('asker'), tests.id('skill')::bigint, 'near_point', 10.80, 106.66);
select is(pg_temp.seen('{matcher,far_one}'), '{matcher}', 'an open request makes its matches visible, not everyone teaching the skill');
select is((select count(*)::int from public.approximate_location(tests.uid('matcher'))), 1, '...with their cell');
select tests.authenticate_as('matcher');
select is(pg_temp.seen('{asker}'), '{}', 'a volunteer learns nothing of a learner from being offered their request');

reset role;
-- A member (let in; a request still waiting is no reason, see 064).
insert into public.group_members (group_id, profile_id, status) values (tests.id('group')::bigint, tests.uid('stranger'), 'active');
select tests.authenticate_as('stranger');
select is(pg_temp.seen('{learner,volunteer}'), '{volunteer}', 'group members see each other, except across a block');
reset role;
insert into public.blocks (blocker_id, blocked_id) values (tests.uid('learner'), tests.uid('coord_a'));
select tests.authenticate_as('coord_a');
select is(pg_temp.seen('{learner}'), '{learner}', 'a coordinator still sees a person of their ward who blocked them');

select tests.authenticate_as_service_role();
select is((select count(*)::int from public.profile_cards(array[tests.uid('learner'), tests.uid('asker')])), 2,
  'the service role sees every card');
select tests.clear_authentication();
select throws_ok($$select * from public.profile_cards(array[tests.uid('learner')])$$, '42501', null,
  'visitors get no cards');

select * from finish();
rollback;
