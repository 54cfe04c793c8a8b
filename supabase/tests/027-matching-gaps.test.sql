-- Matching gaps: the places a volunteer accepts change who is offered what; a self-declared
-- volunteer who hops wards gains nothing personal (no home request, no lesson at a home, no
-- proposal for a request not offered to them); the shared eligibility rule and free-times helper
-- are inlined and the KNN walk keeps its GiST index; claim codes expire in 30 days and a helper
-- sees whom they registered.
begin;
select plan(28);

select tests.create_world();

create function pg_temp.volunteer(
  who text, skill bigint, metres double precision, verified boolean default true,
  places text[] default '{home,venue,near_point}', ward text default 'ward_a'
) returns uuid language plpgsql as $$
declare
  v uuid := tests.create_user(who);
begin
  update public.profiles set ward_id = tests.id(ward)::bigint, can_teach = true, teaching_places = places
  where profiles.id = v;
  insert into public.home_locations (profile_id, lat, lng) values (v, 10.78 + metres / 110600.0, 106.70);
  insert into public.volunteer_skills (profile_id, skill_id) values (v, skill);
  if verified then
    insert into public.volunteer_verifications (profile_id, ward_id, verified_by)
    values (v, tests.id(ward)::bigint, tests.uid(case when ward = 'ward_a' then 'coord_a' else 'coord_b' end));
  end if;
  return v;
end;
$$;

create function pg_temp.matched(request bigint) returns text[] language sql as $$
  select coalesce(array_agg(w.key order by w.key), '{}') from public.match_volunteers(request) m
  join tests.world w on w.value = m.volunteer_id::text;
$$;

create function pg_temp.plan(q text) returns text language plpgsql as $$
declare
  line text;
  plan text := '';
begin
  for line in execute 'explain (costs off) ' || q loop
    plan := plan || line || E'\n';
  end loop;
  return plan;
end;
$$;

insert into public.skills (category_id, slug, title_vi, title_en)
values (tests.id('category')::bigint, 't-gaps', 'Gaps', 'Gaps') returning id \gset gap_
insert into tests.world values ('sk', :gap_id);

select tests.create_user('asker');
update public.profiles set ward_id = tests.id('ward_a')::bigint, wants_to_learn = true where id = tests.uid('asker');
insert into public.home_locations (profile_id, lat, lng) values (tests.uid('asker'), 10.78, 106.70);

select pg_temp.volunteer('p_all', :gap_id, 400);
select pg_temp.volunteer('p_nohome', :gap_id, 300, places => '{venue,near_point}');
select pg_temp.volunteer('p_homeonly', :gap_id, 500, places => '{home}');

select tests.authenticate_as('asker');
insert into public.help_requests (learner_id, skill_id, place_type, preferred_times)
values (tests.uid('asker'), :gap_id, 'home', '{weekday_evening}') returning id \gset home_
insert into public.help_requests (learner_id, skill_id, place_type, near_lat, near_lng, preferred_times, notes)
values (tests.uid('asker'), :gap_id, 'near_point', 10.78, 106.70, '{weekday_evening}', 'Quán cà phê đầu hẻm')
returning id \gset point_
insert into tests.world values ('r_home', :home_id), ('r_point', :point_id);

-- Places a volunteer accepts ------------------------------------------------------------------------
select is(pg_temp.matched(:home_id), '{p_all,p_homeonly}',
  'a home request is not offered to a volunteer who does not teach at homes');
select is(pg_temp.matched(:point_id), '{p_all,p_nohome}',
  'a public-point request is not offered to one who teaches only at homes');
reset role;
update public.profiles set teaching_places = '{venue}' where id = tests.uid('p_all');
select tests.authenticate_as('asker');
select is(pg_temp.matched(:point_id), '{p_nohome}', 'changing the places changes the matches');
select tests.authenticate_as('p_nohome');
select is(
  (select array_agg(request_id order by request_id) from public.nearby_requests()),
  array[:point_id::bigint],
  'nearby_requests: the volunteer who does not teach at homes sees the public point only'
);
select is((select count(*)::int from public.help_requests where id = :home_id), 0,
  '...and cannot read the home request''s row');
select tests.authenticate_as('p_homeonly');
select is(
  (select array_agg(request_id order by request_id) from public.nearby_requests()),
  array[:home_id::bigint],
  'the home-only volunteer sees the home request only'
);
reset role;
select ok(
  not private.volunteer_matches_request(tests.uid('p_homeonly'), :point_id)
  and private.volunteer_matches_request(tests.uid('p_homeonly'), :home_id),
  'volunteer_matches_request follows the places too'
);

-- Ward hops -----------------------------------------------------------------------------------------
-- A self-declared volunteer of ward B, teaching the skill, with no home set (teaches from the
-- ward's centre), moves to ward A where the asker lives.
reset role;
select tests.create_user('hopper');
update public.profiles set ward_id = tests.id('ward_b')::bigint, can_teach = true where id = tests.uid('hopper');
insert into public.volunteer_skills (profile_id, skill_id) values (tests.uid('hopper'), :gap_id);
insert into public.help_requests (learner_id, created_by, skill_id, place_type, venue_id)
values (tests.uid('asker'), tests.uid('asker'), tests.id('skill2')::bigint, 'venue', tests.id('venue')::bigint)
returning id \gset other_
select tests.authenticate_as('hopper');
update public.profiles set ward_id = tests.id('ward_a')::bigint where id = tests.uid('hopper');
select is(
  (select array_agg(request_id order by request_id) from public.nearby_requests()),
  array[:point_id::bigint],
  'in ward A the hopper is offered the public-point request only'
);
select is(
  (select row(notes, accessibility_needs)::text from public.nearby_requests() where request_id = :point_id),
  row(null::text, '{}'::text[])::text,
  '...without its notes or needs'
);
select throws_ok(
  format($$select public.propose_lesson(%s, now() + interval '3 days', now() + interval '3 days 1 hour', 'home')$$, :home_id),
  '42501', null, 'the hopper cannot propose for the home request'
);
select throws_ok(
  format($$select public.propose_lesson(%s, now() + interval '3 days', now() + interval '3 days 1 hour', 'home')$$, :point_id),
  '42501', null, '...nor propose a lesson at the learner''s home for the public-point request'
);
select throws_ok(
  format($$select public.propose_lesson(%s, now() + interval '3 days', now() + interval '3 days 1 hour', 'venue', %s)$$,
         :other_id, tests.id('venue')),
  '42501', null, '...nor propose for a request of ward A that is not offered to them (another skill)'
);
select throws_ok(
  format($$insert into public.sessions (kind, skill_id, teacher_id, ward_id, place_type, starts_at, ends_at)
           values ('one_to_one', %s, %L, %s, 'home', now() + interval '3 days', now() + interval '3 days 1 hour')$$,
         :gap_id, tests.uid('hopper'), tests.id('ward_a')),
  '42501', null, '...nor set up a lesson of their own in the ward they claim'
);
select is(
  (select exact from public.request_place(:point_id)), false, 'the public point stays a cell for them'
);
select isnt_empty(
  format($$select public.propose_lesson(%s, now() + interval '3 days', now() + interval '3 days 1 hour', 'near_point')$$, :point_id),
  'what is offered to them they may take, at the public point'
);

-- A verified volunteer of ward B who hops is unverified in ward A.
reset role;
select pg_temp.volunteer('b_checked', :gap_id, 200, ward => 'ward_b');
select tests.authenticate_as('b_checked');
update public.profiles set ward_id = tests.id('ward_a')::bigint where id = tests.uid('b_checked');
select is((select count(*)::int from public.nearby_requests() where request_id = :home_id), 0,
  'a volunteer verified in ward B who moves to ward A is not offered its home requests');
select throws_ok(
  format($$select public.propose_lesson(%s, now() + interval '3 days', now() + interval '3 days 1 hour', 'home')$$, :home_id),
  '42501', null, '...and cannot propose for them'
);
select tests.authenticate_as('p_homeonly');
select isnt_empty(
  format($$select public.propose_lesson(%s, now() + interval '5 days', now() + interval '5 days 1 hour', 'home')$$, :home_id),
  'a volunteer verified in the ward proposes at the home'
);

-- One rule, inlined; the KNN walk keeps its index --------------------------------------------------
reset role;
select is(
  (select array_agg(p.proname::text order by p.proname) from pg_proc p
   where p.pronamespace = 'private'::regnamespace
     and p.proname in ('earth_point', 'free_times', 'may_teach_at')
     and p.prolang = (select oid from pg_language where lanname = 'sql')
     and not p.prosecdef and p.proconfig is null and not p.proisstrict and p.provolatile in ('i', 's')),
  '{earth_point,free_times,may_teach_at}'::text[],
  'earth_point, free_times and may_teach_at are SQL without SET or definer: inlinable'
);
-- Tiny tables: without these the planner would sort them instead of walking the index.
set local enable_seqscan = off;
set local enable_sort = off;
select matches(
  pg_temp.plan($$
    select h.profile_id from public.home_locations h join public.profiles p on p.id = h.profile_id
    where private.may_teach_at(p.can_teach, p.teaching_places, p.teaching_radius_m, true, 'home',
                               private.haversine_m(h.lat, h.lng, 10.78, 106.70))
    order by private.earth_point(h.lat, h.lng) operator(extensions.<->) private.earth_point(10.78, 106.70)
    limit 5$$),
  '(?s)Index Scan using home_locations_earth_idx.*Order By',
  'the KNN walk filtered by may_teach_at still orders on the GiST index'
);
select doesnt_match(
  pg_temp.plan($$
    select 1 from public.home_locations h join public.profiles p on p.id = h.profile_id
    cross join lateral private.free_times(p.id, '{weekday_evening}') f
    where private.may_teach_at(p.can_teach, p.teaching_places, p.teaching_radius_m, true, 'home', 1)$$),
  '(may_teach_at|free_times|earth_point)',
  '...and the helpers do not appear in plans (they were inlined)'
);
select matches(
  pg_temp.plan(format($$
    select sh.profile_id from private.skill_homes sh
    where sh.skill_id = %s::bigint
    order by private.earth_point(sh.lat, sh.lng) operator(extensions.<->) private.earth_point(10.78, 106.70)
    limit 5$$, :gap_id)),
  '(?s)Index Scan using skill_homes_knn_idx.*Index Cond: \(skill_id = .*Order By',
  'the match walks only the homes of the skill''s volunteers (GiST on skill and point)'
);
reset enable_seqscan;
reset enable_sort;

-- The skill-aware index table follows skills and homes ---------------------------------------------
select is(
  (select array_agg(w.key order by w.key) from private.skill_homes sh
   join tests.world w on w.value = sh.profile_id::text where sh.skill_id = :gap_id),
  '{b_checked,p_all,p_homeonly,p_nohome}'::text[],
  'skill_homes holds the volunteers of the skill who have a home (not the hopper, who has none)'
);
update public.home_locations set lat = 10.79 where profile_id = tests.uid('p_all');
delete from public.volunteer_skills where profile_id = tests.uid('p_nohome') and skill_id = :gap_id;
delete from public.home_locations where profile_id = tests.uid('p_homeonly');
select results_eq(
  format($$select w.key, sh.lat from private.skill_homes sh join tests.world w on w.value = sh.profile_id::text
           where sh.skill_id = %s order by w.key$$, :gap_id),
  $$values ('b_checked'::text, 10.78 + 200 / 110600.0), ('p_all', 10.79::double precision)$$,
  '...a moved home moves, a dropped skill or home leaves'
);
select tests.authenticate_as('p_all');
select throws_ok($$select * from private.skill_homes$$, '42501', null, 'no client reads it');

-- Claim codes and the helper's list ---------------------------------------------------------------
select tests.authenticate_as('volunteer');
select learner_id as assisted_id from public.register_assisted_learner(
  'Bà Chín', tests.id('ward_a')::bigint, tests.id('skill')::bigint, '2026-01-01'
) \gset
select results_eq(
  $$select display_name, claimed, expires_at between now() + interval '29 days' and now() + interval '31 days'
    from public.my_registered_learners()$$,
  $$values ('Bà Chín'::text, false, true)$$,
  'the helper sees whom they registered, unclaimed, with a code good for 30 days'
);
select tests.authenticate_as('stranger');
select is_empty($$select * from public.my_registered_learners()$$, 'nobody else sees them');
select tests.clear_authentication();
select throws_ok($$select * from public.my_registered_learners()$$, '42501', null, 'anon cannot ask');

select * from finish();
rollback;
