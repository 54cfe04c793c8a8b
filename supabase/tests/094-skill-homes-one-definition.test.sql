-- private.skill_home_facts is the one definition of who is matched, the suspension included:
-- private.skill_homes equals it before, during and after a suspension, and the refresh holds no
-- rule of its own.
begin;
select plan(5);

select tests.create_world();
insert into public.home_locations (profile_id, lat, lng) values (tests.uid('volunteer'), 10.7705, 106.6960);

create function pg_temp.homes_equal_facts() returns boolean language sql as $$
  select not exists (
    (select skill_id, profile_id, verified, taught from private.skill_homes
     except select skill_id, profile_id, verified, taught from private.skill_home_facts)
    union all
    (select skill_id, profile_id, verified, taught from private.skill_home_facts
     except select skill_id, profile_id, verified, taught from private.skill_homes)
  );
$$;

select ok(
  (select prosrc not like '%suspen%' from pg_proc where oid = 'private.refresh_skill_homes(uuid)'::regprocedure),
  'the refresh has no suspension rule of its own (the view has it)');
select ok(pg_temp.homes_equal_facts() and exists (select 1 from private.skill_homes where profile_id = tests.uid('volunteer')),
  'before: the volunteer is matched, and skill_homes = facts');

select tests.authenticate_as('coord_a');
insert into public.volunteer_suspensions (profile_id, ward_id, reason)
values (tests.uid('volunteer'), tests.id('ward_a')::bigint, 'Tạm nghỉ để xác minh');
reset role;
select ok(not exists (select 1 from private.skill_home_facts where profile_id = tests.uid('volunteer')),
  'suspended: the view leaves them out');
select ok(pg_temp.homes_equal_facts(), 'and skill_homes follows it');

select tests.authenticate_as('coord_a');
update public.volunteer_suspensions set lifted_at = now(), lifted_by = tests.uid('coord_a')
where profile_id = tests.uid('volunteer') and lifted_at is null;
reset role;
select ok(pg_temp.homes_equal_facts() and exists (select 1 from private.skill_homes where profile_id = tests.uid('volunteer')),
  'lifted: back in both');

select * from finish();
rollback;
