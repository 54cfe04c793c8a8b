-- The map's request cells follow the places a volunteer accepts (as nearby_requests does): a
-- volunteer who does not teach at homes no longer sees home requests counted; homes only for the
-- verified; coordinators see every open request; people who do not teach see public places only.
begin;
select plan(6);

select tests.create_world();

insert into public.skills (category_id, slug, title_vi, title_en)
values (tests.id('category')::bigint, 't-map-places', 'Bản đồ', 'Map') returning id \gset sk_

create function pg_temp.viewer(who text, verified boolean, places text[]) returns void language plpgsql as $$
declare
  v uuid := tests.create_user(who);
begin
  update public.profiles set ward_id = tests.id('ward_a')::bigint, can_teach = true, teaching_places = places
  where id = v;
  if verified then
    insert into public.volunteer_verifications (profile_id, ward_id, verified_by)
    values (v, tests.id('ward_a')::bigint, tests.uid('coord_a'));
  end if;
end;
$$;

select pg_temp.viewer('m_all', true, '{home,venue,near_point}');
select pg_temp.viewer('m_venue', true, '{venue}');
select pg_temp.viewer('m_unverified', false, '{home,venue,near_point}');

select tests.create_user('m_asker');
update public.profiles set ward_id = tests.id('ward_a')::bigint where id = tests.uid('m_asker');
insert into public.home_locations (profile_id, lat, lng) values (tests.uid('m_asker'), 10.78, 106.70);
select tests.authenticate_as('m_asker');
insert into public.help_requests (learner_id, skill_id, place_type) values (tests.uid('m_asker'), :sk_id, 'home');
insert into public.help_requests (learner_id, skill_id, place_type, near_lat, near_lng)
values (tests.uid('m_asker'), :sk_id, 'near_point', 10.79, 106.71);
insert into public.help_requests (learner_id, skill_id, place_type, venue_id)
values (tests.uid('m_asker'), :sk_id, 'venue', tests.id('venue')::bigint);

create function pg_temp.counted(who text) returns integer language plpgsql as $$
declare
  n integer;
begin
  perform tests.authenticate_as(who);
  select coalesce(sum(m.count), 0)::integer into n
  from public.map_cells((select id from public.skills where slug = 't-map-places')) m where m.kind = 'requests';
  reset role;
  return n;
end;
$$;

reset role;
select is(pg_temp.counted('m_all'), 3, 'a verified volunteer who teaches everywhere sees all three');
select is(pg_temp.counted('m_venue'), 1, 'one who teaches only at venues sees the venue request only');
select is(pg_temp.counted('m_unverified'), 2, 'an unverified volunteer sees no home request');
select is(pg_temp.counted('coord_a'), 3, 'a coordinator sees every open request');
select is(pg_temp.counted('stranger'), 2, 'someone who does not teach sees public places only');

update public.profiles set teaching_places = '{home}' where id = tests.uid('m_venue');
select is(pg_temp.counted('m_venue'), 1, 'changing the places changes the map (now the home request)');

select * from finish();
rollback;
