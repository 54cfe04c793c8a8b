-- Matching: match_volunteers ranks by distance, availability, language and verification (each
-- changes the order on a crafted neighbourhood), crosses ward borders, honours radii and blocks in
-- both directions, offers home requests to verified volunteers only, rounds distances; and
-- nearby_requests / map_cells give volunteers cells, never points.
begin;
select plan(39);

select tests.create_world();

-- A crafted neighbourhood north of a public point P (10.78, 106.70); 0.001 deg of latitude is
-- about 110.6 m here. Each scenario has its own skill, so two volunteers compete at a time.
create function pg_temp.skill(slug text) returns bigint language sql as $$
  insert into public.skills (category_id, slug, title_vi, title_en)
  values (tests.id('category')::bigint, slug, slug, slug) returning id;
$$;

create function pg_temp.volunteer(
  who text, skill bigint, metres double precision, verified boolean default true,
  langs text[] default '{vi}', slot_day smallint default 2, slot_start time default '18:00',
  radius integer default 5000, ward text default 'ward_a'
) returns uuid language plpgsql as $$
declare
  v uuid := tests.create_user(who);
begin
  update public.profiles set ward_id = tests.id(ward)::bigint, can_teach = true, languages = langs,
    teaching_radius_m = radius where profiles.id = v;
  insert into public.home_locations (profile_id, lat, lng) values (v, 10.78 + metres / 110600.0, 106.70);
  insert into public.volunteer_skills (profile_id, skill_id) values (v, skill);
  insert into public.availability_slots (profile_id, weekday, start_time, end_time)
  values (v, slot_day, slot_start, slot_start + interval '2 hours');
  if verified then
    insert into public.volunteer_verifications (profile_id, ward_id, verified_by)
    values (v, tests.id(ward)::bigint, tests.uid('coord_a'));
  end if;
  return v;
end;
$$;

create function pg_temp.ask(who text, skill bigint, place text default 'near_point') returns bigint
language sql as $$
  insert into public.help_requests (learner_id, skill_id, place_type, near_lat, near_lng, preferred_times, notes)
  values (tests.uid(who), skill, place,
          case when place = 'near_point' then 10.78 end, case when place = 'near_point' then 106.70 end,
          '{weekday_evening}', 'Cổng xanh, hẻm 12')
  returning id;
$$;

create function pg_temp.order_of(request bigint) returns text[] language sql as $$
  select array(select w.key from public.match_volunteers(request) m
               join tests.world w on w.value = m.volunteer_id::text order by m.rank);
$$;

select tests.create_user('asker');
update public.profiles set ward_id = tests.id('ward_a')::bigint, wants_to_learn = true where id = tests.uid('asker');
insert into public.home_locations (profile_id, lat, lng) values (tests.uid('asker'), 10.78, 106.70);
select tests.create_user('asker_km');
update public.profiles set ward_id = tests.id('ward_a')::bigint, languages = '{km}' where id = tests.uid('asker_km');

insert into tests.world values
  ('sk_dist', pg_temp.skill('t-dist')), ('sk_avail', pg_temp.skill('t-avail')),
  ('sk_lang', pg_temp.skill('t-lang')), ('sk_ver', pg_temp.skill('t-ver')),
  ('sk_misc', pg_temp.skill('t-misc'));

select pg_temp.volunteer('d_near', tests.id('sk_dist')::bigint, 500);
select pg_temp.volunteer('d_far', tests.id('sk_dist')::bigint, 1500);
select pg_temp.volunteer('a_busy', tests.id('sk_avail')::bigint, 300, slot_day => 6::smallint, slot_start => '08:00');
select pg_temp.volunteer('a_free', tests.id('sk_avail')::bigint, 1500);
select pg_temp.volunteer('l_vi', tests.id('sk_lang')::bigint, 300);
select pg_temp.volunteer('l_km', tests.id('sk_lang')::bigint, 1000, langs => '{vi,km}');
select pg_temp.volunteer('v_self', tests.id('sk_ver')::bigint, 300, verified => false);
select pg_temp.volunteer('v_checked', tests.id('sk_ver')::bigint, 600);
-- Misc: across the border (ward B), too short a radius, blocks both ways, very close.
select pg_temp.volunteer('m_border', tests.id('sk_misc')::bigint, 900, ward => 'ward_b');
select pg_temp.volunteer('m_short', tests.id('sk_misc')::bigint, 1500, radius => 1000);
select pg_temp.volunteer('m_blocker', tests.id('sk_misc')::bigint, 700);
select pg_temp.volunteer('m_blocked', tests.id('sk_misc')::bigint, 800);
select pg_temp.volunteer('m_close', tests.id('sk_misc')::bigint, 40, verified => false);
insert into public.blocks (blocker_id, blocked_id)
values (tests.uid('m_blocker'), tests.uid('asker')), (tests.uid('asker'), tests.uid('m_blocked'));

select tests.authenticate_as('asker');
insert into tests.world values
  ('r_dist', pg_temp.ask('asker', tests.id('sk_dist')::bigint)),
  ('r_avail', pg_temp.ask('asker', tests.id('sk_avail')::bigint)),
  ('r_ver', pg_temp.ask('asker', tests.id('sk_ver')::bigint)),
  ('r_misc', pg_temp.ask('asker', tests.id('sk_misc')::bigint)),
  ('r_home', pg_temp.ask('asker', tests.id('sk_misc')::bigint, 'home'));
select tests.authenticate_as('asker_km');
insert into tests.world values ('r_lang', pg_temp.ask('asker_km', tests.id('sk_lang')::bigint));

-- Ranking ---------------------------------------------------------------------------------------
select tests.authenticate_as('asker');
select is(pg_temp.order_of(tests.id('r_dist')::bigint), '{d_near,d_far}', 'distance: the nearer volunteer comes first');
select is(pg_temp.order_of(tests.id('r_avail')::bigint), '{a_free,a_busy}',
  'availability: a volunteer free at the preferred time beats a nearer one who is not');
select is(pg_temp.order_of(tests.id('r_ver')::bigint), '{v_checked,v_self}',
  'verification: a verified volunteer beats a nearer self-declared one');
select tests.authenticate_as('asker_km');
select is(pg_temp.order_of(tests.id('r_lang')::bigint), '{l_km,l_vi}',
  'language: a volunteer who speaks the learner''s language beats a nearer one who does not');

select tests.authenticate_as('asker');
select results_eq(
  $$select distance_m, verified, shared_languages, matching_times, lessons_taught, no_shows, open_lessons, level
    from public.match_volunteers(tests.id('r_dist')::bigint) order by rank$$,
  $$values (500, true, '{vi}'::text[], '{weekday_evening}'::text[], 0, 0, 0, 'confident'::text),
           (1500, true, '{vi}'::text[], '{weekday_evening}'::text[], 0, 0, 0, 'confident'::text)$$,
  'each row carries the facts of its explanation'
);
select is(
  (select matching_slots from public.match_volunteers(tests.id('r_dist')::bigint) where rank = 1),
  '[{"weekday": 2, "start": "18:00", "end": "20:00", "periods": ["weekday_evening"]}]'::jsonb,
  'the overlapping slot is given as weekday and local times'
);
reset role;
insert into public.availability_slots (profile_id, weekday, start_time, end_time)
values (tests.uid('d_near'), 2, '16:00', '19:00'), (tests.uid('d_near'), 6, '08:00', '10:00');
update public.help_requests set preferred_times = '{weekday_afternoon,weekday_evening,weekend_morning}'
where id = tests.id('r_dist')::bigint;
select tests.authenticate_as('asker');
select is(
  (select row(matching_times, matching_slots)::text from public.match_volunteers(tests.id('r_dist')::bigint)
   where volunteer_id = tests.uid('d_near')),
  row('{weekday_afternoon,weekday_evening,weekend_morning}'::text[],
      '[{"weekday": 2, "start": "16:00", "end": "19:00", "periods": ["weekday_afternoon", "weekday_evening"]},
        {"weekday": 2, "start": "18:00", "end": "20:00", "periods": ["weekday_evening"]},
        {"weekday": 6, "start": "08:00", "end": "10:00", "periods": ["weekend_morning"]}]'::jsonb)::text,
  'a slot across two periods names both; slots come in weekday order'
);
select is(
  (select array_agg(w.key order by w.key) from public.match_volunteers(tests.id('r_misc')::bigint) m
   join tests.world w on w.value = m.volunteer_id::text),
  '{m_border,m_close}'::text[],
  'across the ward border yes; beyond their own radius, blocking or blocked: no'
);
select is(
  (select distance_m from public.match_volunteers(tests.id('r_misc')::bigint) m
   where m.volunteer_id = tests.uid('m_close')),
  200, 'a volunteer 40 m away is shown at 200 m'
);
select ok(
  (select bool_and(distance_m % 100 = 0 and distance_m >= 200)
   from public.match_volunteers(tests.id('r_misc')::bigint)),
  'every distance is whole hundreds of metres, at least 200'
);
select ok(
  (select bool_and(approx_lat = private.snap_to_grid(approx_lat) and approx_lng = private.snap_to_grid(approx_lng))
   from public.match_volunteers(tests.id('r_misc')::bigint)),
  'volunteers are placed at grid cells, not at home'
);
select is(
  (select array_agg(w.key order by w.key) from public.match_volunteers(tests.id('r_home')::bigint) m
   join tests.world w on w.value = m.volunteer_id::text),
  '{m_border}'::text[],
  'a request at home is offered to verified volunteers only'
);
select is((select count(*)::int from public.match_volunteers(tests.id('r_misc')::bigint, 1)), 1, 'p_limit limits');

-- Who may ask ------------------------------------------------------------------------------------
select tests.authenticate_as('stranger');
select throws_ok($$select * from public.match_volunteers(tests.id('r_dist')::bigint)$$, '42501', null,
  'nobody else can match someone''s request');
select tests.authenticate_as('coord_b');
select throws_ok($$select * from public.match_volunteers(tests.id('r_dist')::bigint)$$, '42501', null,
  'nor the coordinator of another ward');
select tests.authenticate_as('coord_a');
select is((select count(*)::int from public.match_volunteers(tests.id('r_dist')::bigint)), 2,
  'the coordinator of the request''s ward can');
select tests.clear_authentication();
select throws_ok($$select * from public.match_volunteers(1)$$, '42501', null, 'visitors cannot call it at all');

-- nearby_requests ------------------------------------------------------------------------------
select tests.authenticate_as('m_border');
select is(
  (select array_agg(request_id order by request_id) from public.nearby_requests()),
  array[tests.id('r_misc')::bigint, tests.id('r_home')::bigint],
  'a verified volunteer across the border is offered both requests, home included'
);
select is(
  (select notes from public.nearby_requests() where request_id = tests.id('r_misc')::bigint),
  'Cổng xanh, hẻm 12', 'with the notes'
);
select ok(
  (select bool_and(lat = private.snap_to_grid(10.78) and lng = private.snap_to_grid(106.70) and distance_m = 700)
   from public.nearby_requests()),
  'at the cell of the point, measured from the cell (900 m to the point, 700 m to the cell centre)'
);
select tests.authenticate_as('m_close');
select is(
  (select array_agg(request_id) from public.nearby_requests()),
  array[tests.id('r_misc')::bigint],
  'a self-declared volunteer is offered the public-point request, not the one at home'
);
select is(
  (select row(notes, accessibility_needs, priority_groups)::text from public.nearby_requests()),
  row(null::text, '{}'::text[], '{}'::text[])::text,
  'and sees no notes, needs or priority groups'
);
select tests.authenticate_as('m_blocker');
select is((select count(*)::int from public.nearby_requests()), 0, 'a volunteer who blocked the learner is offered nothing');
select tests.authenticate_as('m_blocked');
select is((select count(*)::int from public.nearby_requests()), 0, 'nor is one the learner blocked');
select tests.authenticate_as('m_short');
select is((select count(*)::int from public.nearby_requests()), 0, 'nor one whose radius stops short');
select tests.authenticate_as('d_near');
select is((select count(*)::int from public.nearby_requests(50, tests.id('sk_misc')::bigint)), 0,
  'the skill filter only narrows to skills they teach');
select is((select count(*)::int from public.nearby_requests()), 1, 'they see the request for their skill');
select tests.authenticate_as('asker');
select is((select count(*)::int from public.nearby_requests()), 0, 'a learner who does not teach is offered nothing');

-- Ward hop: verification stays in the ward that gave it ----------------------------------------
select tests.authenticate_as('m_border');
update public.profiles set ward_id = tests.id('ward_a')::bigint where id = tests.uid('m_border');
select ok(not private.is_verified_volunteer(tests.uid('m_border')), 'moving ward suspends verification');
select is(
  (select array_agg(request_id) from public.nearby_requests()),
  array[tests.id('r_misc')::bigint],
  'so a ward hop loses the requests at home instead of gaining any'
);

-- map_cells --------------------------------------------------------------------------------------
select tests.authenticate_as('m_close');
select is(
  (select sum(count)::int from public.map_cells(tests.id('sk_misc')::bigint) where kind = 'requests'),
  1, 'the map counts public-point requests for a self-declared volunteer...'
);
select tests.authenticate_as('coord_a');
select is(
  (select sum(count)::int from public.map_cells(tests.id('sk_misc')::bigint) where kind = 'requests'),
  2, '...and home requests too for coordinators'
);
select ok(
  (select bool_and(lat = private.snap_to_grid(lat) and lng = private.snap_to_grid(lng))
   from public.map_cells() m where kind = 'volunteers'
     or (kind = 'requests' and not exists (select 1 from public.venues v where v.lat = m.lat and v.lng = m.lng))),
  'requests and volunteers are cells (requests at a venue are at the venue)'
);
select is(
  (select row(lat, lng)::text from public.map_cells() where venue_id = tests.id('venue')::bigint),
  row(10.7731::double precision, 106.7001::double precision)::text,
  'venues are exact pins'
);
select tests.authenticate_as('asker');
select is(
  (select sum(count)::int from public.map_cells(tests.id('sk_misc')::bigint) where kind = 'volunteers'),
  3, 'volunteers who blocked me or whom I blocked are not on my map'
);
select is(
  (select count(*)::int from public.map_cells(null, 10.0, 106.0, 10.5, 106.5)),
  0, 'the bounding box bounds'
);

-- Taking a request across the border ---------------------------------------------------------------
reset role;
select pg_temp.volunteer('far_b', tests.id('sk_misc')::bigint, 20000, ward => 'ward_b');
select tests.authenticate_as('m_border');
select lives_ok(
  $$insert into public.sessions (request_id, skill_id, teacher_id, ward_id, place_type, starts_at, ends_at)
    values (tests.id('r_misc')::bigint, tests.id('sk_misc')::bigint, tests.uid('m_border'), tests.id('ward_b')::bigint,
            'near_point', now() + interval '3 days', now() + interval '3 days 1 hour')$$,
  'a volunteer from across the border proposes a lesson for a request offered to them'
);
select is((select ward_id from public.sessions where request_id = tests.id('r_misc')::bigint), tests.id('ward_a')::bigint,
  'the lesson is filed under the request''s ward');
select tests.authenticate_as('far_b');
select throws_ok(
  $$insert into public.sessions (request_id, skill_id, teacher_id, ward_id, place_type, starts_at, ends_at)
    values (tests.id('r_dist')::bigint, tests.id('sk_dist')::bigint, tests.uid('far_b'), tests.id('ward_b')::bigint,
            'near_point', now() + interval '3 days', now() + interval '3 days 1 hour')$$,
  '42501', null, 'a request in another ward that is not offered to them stays out of reach'
);

select * from finish();
rollback;
