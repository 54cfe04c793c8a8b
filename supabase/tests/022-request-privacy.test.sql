-- Exact request places: the learner, their filer and the teacher of a scheduled session get the
-- point; coordinators and offered volunteers the cell; the table itself keeps only the cell in
-- near_lat/near_lng; a self-declared volunteer hopping wards sees public-point requests only.
begin;
select plan(23);

select tests.create_world();
-- A request at the learner's home, and one filed for the learner by the person who registered them.
update public.profiles set registered_by = tests.uid('neighbour') where id = tests.uid('learner');
select tests.authenticate_as('learner');
with new_row as (
  insert into public.help_requests (learner_id, skill_id, place_type) values (tests.uid('learner'), tests.id('skill')::bigint, 'home')
  returning id
)
insert into tests.world select 'request_home', id from new_row;
select tests.authenticate_as('neighbour');
with new_row as (
  insert into public.help_requests (learner_id, skill_id, place_type, near_lat, near_lng)
  values (tests.uid('learner'), tests.id('skill2')::bigint, 'near_point', 10.7712, 106.6999)
  returning id
)
insert into tests.world select 'request_filed', id from new_row;
reset role;
select tests.create_user('hopper');
update public.profiles set ward_id = tests.id('ward_b')::bigint where id = tests.uid('hopper');

select ok(
  not exists (select 1 from pg_policies where policyname = 'Open help requests are visible to volunteers of the same ward'),
  'the ward-wide policy for volunteers is gone'
);
select tests.authenticate_as('learner');
update public.help_requests set near_lat = 10.77051, near_lng = 106.69533 where id = tests.id('request_filed')::bigint;
select is(
  (select row(lat, lng)::text from public.request_place(tests.id('request_filed')::bigint)),
  row(10.77051::double precision, 106.69533::double precision)::text,
  'moving the point stores the new exact point'
);
reset role;

-- The table keeps only the cell ---------------------------------------------------------------------
select tests.authenticate_as('volunteer');
select is(
  (select row(near_lat, near_lng)::text from public.help_requests where id = tests.id('request_open')::bigint),
  row(private.snap_to_grid(10.7701), private.snap_to_grid(106.6952))::text,
  'a volunteer of the ward reads the cell from the table, not the chosen point'
);
reset role;
select is(
  (select row(lat, lng)::text from private.help_request_points where request_id = tests.id('request_open')::bigint),
  row(10.7701::double precision, 106.6952::double precision)::text,
  'the exact point is kept apart'
);
select tests.authenticate_as('volunteer');
select throws_ok($$select * from private.help_request_points$$, '42501', null, 'where no client can read it');
select tests.authenticate_as('learner');
update public.help_requests set notes = 'Gặp ở quán cà phê', near_lat = near_lat, near_lng = near_lng
where id = tests.id('request_open')::bigint;
select is((select lat from public.request_place(tests.id('request_open')::bigint)), 10.7701::double precision,
  'a form sending back the cell it read keeps the exact point');
select is((select count(*)::int from public.help_requests where id = tests.id('request_open')::bigint), 1,
  'the learner reads their row');

-- request_place ---------------------------------------------------------------------------------
select is(
  (select row(lat, lng, exact)::text from public.request_place(tests.id('request_open')::bigint)),
  row(10.7701::double precision, 106.6952::double precision, true)::text,
  'the learner gets the exact point'
);
select is(
  (select row(lat, lng, exact)::text from public.request_place(tests.id('request_home')::bigint)),
  row(10.77312::double precision, 106.69871::double precision, true)::text,
  '...and their home for a request at home'
);
select tests.authenticate_as('neighbour');
select is((select exact from public.request_place(tests.id('request_filed')::bigint)), true, 'whoever filed it gets the exact point');
select tests.authenticate_as('coord_a');
select is(
  (select row(lat, lng, exact)::text from public.request_place(tests.id('request_open')::bigint)),
  row(private.snap_to_grid(10.7701), private.snap_to_grid(106.6952), false)::text,
  'the ward''s coordinator gets the cell'
);
select tests.authenticate_as('volunteer');
select is((select exact from public.request_place(tests.id('request_open')::bigint)), false, 'an offered volunteer gets the cell');
select tests.authenticate_as('coord_b');
select is((select count(*)::int from public.request_place(tests.id('request_open')::bigint)), 0, 'another ward''s coordinator gets nothing');
select tests.authenticate_as('stranger');
select is((select count(*)::int from public.request_place(tests.id('request_open')::bigint)), 0, 'a stranger gets nothing');

-- Who sees which rows -----------------------------------------------------------------------------
select tests.authenticate_as('volunteer');
select is((select count(*)::int from public.help_requests where id = tests.id('request_home')::bigint), 1,
  'a verified volunteer nearby sees a request at home (without its point)');
reset role;
update public.profiles set can_teach = true where id = tests.uid('neighbour');
insert into public.volunteer_skills (profile_id, skill_id) values (tests.uid('neighbour'), tests.id('skill')::bigint);
select tests.authenticate_as('neighbour');
select is((select count(*)::int from public.help_requests where id = tests.id('request_home')::bigint), 0,
  'a self-declared volunteer does not see a request at home');

-- Ward hop: a self-declared volunteer of ward B moves to ward A ------------------------------------
select tests.authenticate_as('hopper');
update public.profiles set can_teach = true where id = tests.uid('hopper');
insert into public.volunteer_skills (profile_id, skill_id) values (tests.uid('hopper'), tests.id('skill')::bigint);
select is((select count(*)::int from public.help_requests where learner_id = tests.uid('learner')), 0,
  'from ward B, the hopper sees none of the learner''s requests');
update public.profiles set ward_id = tests.id('ward_a')::bigint where id = tests.uid('hopper');
select is(
  (select array_agg(id order by id) from public.help_requests where learner_id = tests.uid('learner')),
  array[tests.id('request_open')::bigint],
  'in ward A, only the open request at a public point, not the one at home'
);
select is((select exact from public.request_place(tests.id('request_open')::bigint)), false, '...and only its cell');
select is((select near_lat from public.help_requests where id = tests.id('request_open')::bigint),
  private.snap_to_grid(10.7701), '...never the point');
reset role;
update public.profiles set can_teach = true, ward_id = tests.id('ward_a')::bigint where id = tests.uid('stranger');
insert into public.volunteer_skills (profile_id, skill_id) values (tests.uid('stranger'), tests.id('skill')::bigint);
select tests.authenticate_as('stranger');
select is((select count(*)::int from public.help_requests where learner_id = tests.uid('learner')), 0,
  'a hop does not get past a block: the learner blocked the stranger');

-- The teacher: the cell while proposed, the point once scheduled ----------------------------------
select tests.authenticate_as('volunteer');
with new_row as (
  insert into public.sessions (request_id, skill_id, teacher_id, ward_id, place_type, starts_at, ends_at)
  values (tests.id('request_open')::bigint, tests.id('skill')::bigint, tests.uid('volunteer'),
          tests.id('ward_a')::bigint, 'near_point', now() + interval '5 days', now() + interval '5 days 1 hour')
  returning id
)
insert into tests.world select 'lesson', id from new_row;
select is((select exact from public.request_place(tests.id('request_open')::bigint)), false, 'a proposed lesson''s teacher gets the cell');
update public.sessions set status = 'scheduled' where id = tests.id('lesson')::bigint;
select is((select exact from public.request_place(tests.id('request_open')::bigint)), true, 'a scheduled lesson''s teacher gets the point');

select * from finish();
rollback;
