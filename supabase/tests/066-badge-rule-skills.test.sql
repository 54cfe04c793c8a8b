-- Badge rules `skill_taught` (people taught one named skill) and `skills_learned` (different
-- skills a learner learned), over the lessons that count.
begin;
select plan(7);

select tests.create_world();
insert into public.badge_definitions (slug, kind, threshold, skill_id, name_vi, name_en)
values ('r-skill2-two', 'skill_taught', 2, tests.id('skill2')::bigint, 'Dạy kỹ năng 2 cho hai người', 'Skill 2 to two');
insert into public.badge_definitions (slug, kind, threshold, name_vi, name_en)
values ('r-two-skills', 'skills_learned', 2, 'Học hai kỹ năng', 'Two skills learned');
select tests.create_user('pupil2');

create function pg_temp.lesson(p_teacher text, p_learner text, p_skill text, p_ago interval)
returns bigint language plpgsql as $$
declare v bigint;
begin
  insert into public.sessions (skill_id, teacher_id, ward_id, place_type, venue_id, starts_at, ends_at, status)
  values (tests.id(p_skill)::bigint, tests.uid(p_teacher), tests.id('ward_a')::bigint, 'venue',
          tests.id('venue')::bigint, now() - p_ago - interval '1 hour', now() - p_ago, 'completed')
  returning id into v;
  insert into public.teaching_chain (teacher_id, learner_id, skill_id, session_id, ward_id, created_at)
  values (tests.uid(p_teacher), tests.uid(p_learner), tests.id(p_skill)::bigint, v,
          tests.id('ward_a')::bigint, now() - p_ago);
  perform private.award_badges(tests.uid(p_teacher), v);
  perform private.award_badges(tests.uid(p_learner), v);
  return v;
end;
$$;

create function pg_temp.has(p_who text, p_slug text) returns integer language sql as $$
  select count(*)::int from public.badge_awards a join public.badge_definitions b on b.id = a.badge_id
  where a.profile_id = tests.uid(p_who) and b.slug = p_slug;
$$;

-- The volunteer taught `skill` to the learner (world) and now `skill` to pupil2: not skill2.
select pg_temp.lesson('volunteer', 'pupil2', 'skill', interval '3 days');
select is(pg_temp.has('volunteer', 'r-skill2-two'), 0, 'lessons of another skill do not count');

select pg_temp.lesson('volunteer', 'learner', 'skill2', interval '2 days');
select is(pg_temp.has('volunteer', 'r-skill2-two'), 0, 'one person taught skill 2 is not two');
select is(pg_temp.has('learner', 'r-two-skills'), 1, 'the learner''s second skill earns "two skills"');
select is(pg_temp.has('pupil2', 'r-two-skills'), 0, 'pupil2 learned one skill only');

select pg_temp.lesson('volunteer', 'learner', 'skill2', interval '1 day');
select is(pg_temp.has('volunteer', 'r-skill2-two'), 0, 'the same person twice is still one person');

select pg_temp.lesson('volunteer', 'pupil2', 'skill2', interval '12 hours');
select is(pg_temp.has('volunteer', 'r-skill2-two'), 1, 'a second person taught skill 2 earns it');
select is(pg_temp.has('pupil2', 'r-two-skills'), 1, 'and pupil2 now learned two skills');

select * from finish();
rollback;
