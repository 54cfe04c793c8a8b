-- Match facts: private.skill_homes carries what ranking reads about each volunteer (cell, level,
-- name, languages, places, radius, verification, free periods as bits, completed and no-show
-- counts), and triggers keep it equal to what the sources say after every kind of change, in the
-- same transaction. Clients read neither the table nor its defining view.
begin;
select plan(16);

select tests.create_world();

create function pg_temp.in_step() returns boolean language sql as $$
  select not exists (
    (select * from private.skill_homes except select * from private.skill_home_facts)
    union all
    (select * from private.skill_home_facts except select * from private.skill_homes)
  );
$$;

create function pg_temp.row_of(who text) returns private.skill_homes language sql as $$
  select sh.* from private.skill_homes sh
  where sh.profile_id = tests.uid(who) and sh.skill_id = tests.id('skill')::bigint;
$$;

select is(private.period_bits('{weekday_evening,weekend_morning}'), 4 | 8, 'period_bits: one bit per period');
select is(private.period_bits('{nonsense}'), 0, 'an unknown period has no bit');

select tests.create_user('fv');
update public.profiles
set ward_id = tests.id('ward_a')::bigint, can_teach = true, teaching_radius_m = 3000, languages = '{vi}'
where id = tests.uid('fv');
insert into public.home_locations (profile_id, lat, lng) values (tests.uid('fv'), 10.78, 106.70);
insert into public.volunteer_skills (profile_id, skill_id, level)
values (tests.uid('fv'), tests.id('skill')::bigint, 'beginner');

select ok(pg_temp.in_step(), 'after the world and a new volunteer, skill_homes equals its facts');
select is((pg_temp.row_of('fv')).verified, false, 'not verified yet');

insert into public.volunteer_verifications (profile_id, ward_id, verified_by)
values (tests.uid('fv'), tests.id('ward_a')::bigint, tests.uid('coord_a'));
select is((pg_temp.row_of('fv')).verified, true, 'a verification shows at once');

update public.profiles set ward_id = tests.id('ward_b')::bigint where id = tests.uid('fv');
select is((pg_temp.row_of('fv')).verified, false, 'moving ward suspends it (verified in the ward they live in)');
update public.profiles set ward_id = tests.id('ward_a')::bigint where id = tests.uid('fv');

update public.profiles
set teaching_radius_m = 1500, teaching_places = '{venue}', languages = '{vi,en}', display_name = 'Cô Facts'
where id = tests.uid('fv');
select is(
  (select (sh.teaching_radius_m, sh.teaching_places, sh.languages, sh.display_name)::text
   from private.skill_homes sh where sh.profile_id = tests.uid('fv')),
  '(1500,{venue},"{vi,en}","Cô Facts")',
  'radius, places, languages and name follow the profile'
);

update public.volunteer_skills set level = 'expert' where profile_id = tests.uid('fv');
select is((pg_temp.row_of('fv')).level, 'expert', 'the level follows the skill');

insert into public.availability_slots (profile_id, weekday, start_time, end_time)
values (tests.uid('fv'), 2, '18:00', '20:00'), (tests.uid('fv'), 7, '11:00', '13:00');
select is((pg_temp.row_of('fv')).free_bits, 4 | 8 | 16, 'slots become period bits (Tue evening; Sun late morning and early afternoon)');
delete from public.availability_slots where profile_id = tests.uid('fv') and weekday = 7;
select is((pg_temp.row_of('fv')).free_bits, 4, 'a removed slot takes its bits away');

update public.home_locations set lat = 10.79 where profile_id = tests.uid('fv');
select is((pg_temp.row_of('fv')).lat, 10.79::double precision, 'a move of home follows');

insert into public.sessions (skill_id, teacher_id, ward_id, place_type, venue_id, starts_at, ends_at)
values (tests.id('skill')::bigint, tests.uid('fv'), tests.id('ward_a')::bigint, 'venue',
        tests.id('venue')::bigint, now() - interval '3 days', now() - interval '3 days' + interval '1 hour'),
       (tests.id('skill')::bigint, tests.uid('fv'), tests.id('ward_a')::bigint, 'venue',
        tests.id('venue')::bigint, now() - interval '2 days', now() - interval '2 days' + interval '1 hour');
update public.sessions set status = 'completed' where teacher_id = tests.uid('fv');
select is(
  ((pg_temp.row_of('fv')).taught, (pg_temp.row_of('fv')).missed)::text, '(2,0)',
  'completed lessons are counted'
);
update public.sessions set status = 'no_show'
where id = (select min(id) from public.sessions where teacher_id = tests.uid('fv'));
select is(
  ((pg_temp.row_of('fv')).taught, (pg_temp.row_of('fv')).missed)::text, '(1,1)',
  'a no-show moves one from taught to missed'
);

delete from public.volunteer_skills where profile_id = tests.uid('fv');
select is((select count(*)::integer from private.skill_homes where profile_id = tests.uid('fv')), 0,
  'no skill, no row');

select ok(pg_temp.in_step(), 'after every kind of change, skill_homes still equals its facts');

select tests.authenticate_as('volunteer');
select throws_ok($$select * from private.skill_home_facts$$, '42501', null, 'no client reads the facts view');

select * from finish();
rollback;
