-- Badge rules `sessions_taught` and `distinct_learners`: awarded exactly at the threshold, once,
-- over the lessons that count, and announced (in-app notice, push outbox) in the same transaction.
begin;
select plan(10);

select tests.create_world();
insert into public.badge_definitions (slug, kind, threshold, name_vi, name_en)
values ('r-three', 'sessions_taught', 3, 'Ba buổi dạy', 'Three lessons'),
       ('r-two-people', 'distinct_learners', 2, 'Hai người học', 'Two people taught');
select tests.create_user('pupil2');
select tests.create_user('pupil3');

/** A lesson taught by `p_teacher` to `p_learner` that ended `p_ago` ago, confirmed then. */
create function pg_temp.lesson(p_teacher text, p_learner text, p_ago interval)
returns bigint language plpgsql as $$
declare v bigint;
begin
  insert into public.sessions (skill_id, teacher_id, ward_id, place_type, venue_id, starts_at, ends_at, status)
  values (tests.id('skill')::bigint, tests.uid(p_teacher), tests.id('ward_a')::bigint, 'venue',
          tests.id('venue')::bigint, now() - p_ago - interval '1 hour', now() - p_ago, 'completed')
  returning id into v;
  insert into public.teaching_chain (teacher_id, learner_id, skill_id, session_id, ward_id, created_at)
  values (tests.uid(p_teacher), tests.uid(p_learner), tests.id('skill')::bigint, v,
          tests.id('ward_a')::bigint, now() - p_ago);
  perform private.award_badges(tests.uid(p_teacher), v);
  return v;
end;
$$;

create function pg_temp.has(p_who text, p_slug text) returns integer language sql as $$
  select count(*)::int from public.badge_awards a join public.badge_definitions b on b.id = a.badge_id
  where a.profile_id = tests.uid(p_who) and b.slug = p_slug;
$$;

-- The world's volunteer has taught one lesson (to the learner).
select pg_temp.lesson('volunteer', 'learner', interval '3 days');
select is(pg_temp.has('volunteer', 'r-three'), 0, 'two lessons are not three');
select is(pg_temp.has('volunteer', 'r-two-people'), 0, 'two lessons with one person are one person');

select pg_temp.lesson('volunteer', 'pupil2', interval '2 days');
select is(pg_temp.has('volunteer', 'r-three'), 1, 'the third lesson earns "three lessons"');
select is(pg_temp.has('volunteer', 'r-two-people'), 1, 'the second person earns "two people"');

select private.award_badges(tests.uid('volunteer'));
select private.award_badges(tests.uid('volunteer'));
select pg_temp.lesson('volunteer', 'pupil3', interval '1 day');
select is(
  (select count(*)::int from public.badge_awards a join public.badge_definitions b on b.id = a.badge_id
   where a.profile_id = tests.uid('volunteer') and b.slug in ('r-three', 'r-two-people')),
  2, 'running the rules again, or another lesson, awards nothing twice'
);

-- Announced in the same transaction: one notice per award, in the push outbox, with the badge's
-- names in both languages as values for the person's own language.
select results_eq(
  $$select n.kind, n.title, n.url = '/badges#award-' || (n.params ->> 'award_id'), n.params ->> 'badge_vi', n.params ->> 'badge_en', n.push_sent_at is null
    from public.notifications n
    where n.profile_id = tests.uid('volunteer') and n.params ->> 'award_id' = (
      select a.id::text from public.badge_awards a join public.badge_definitions b on b.id = a.badge_id
      where a.profile_id = tests.uid('volunteer') and b.slug = 'r-three')$$,
  $$values ('badge_awarded', 'credentials.notice.title', true, 'Ba buổi dạy', 'Three lessons', true)$$,
  'the award wrote its notice (opening that badge), keys and values, waiting for the push worker'
);
select is(
  (select count(*)::int from public.notifications n
   where n.kind = 'badge_awarded' and n.profile_id = tests.uid('volunteer')),
  (select count(*)::int from public.badge_awards a where a.profile_id = tests.uid('volunteer')),
  'exactly one notice per award'
);

-- A lesson with a brand-new account counts for nothing, so it announces nothing.
select tests.create_user('newcomer');
update auth.users set created_at = now() - interval '1 hour' where id = tests.uid('newcomer');
select tests.create_user('teacher2');
select pg_temp.lesson('teacher2', 'newcomer', interval '5 minutes');
select is(pg_temp.has('teacher2', 'r-three') + pg_temp.has('teacher2', 't-first'), 0,
  'a lesson with a brand-new account earns no badge');
select is(
  (select count(*)::int from public.notifications where profile_id = tests.uid('teacher2')),
  0, 'and so no notice'
);

-- The notice is private to its recipient.
select tests.authenticate_as('stranger');
select is(
  (select count(*)::int from public.notifications where kind = 'badge_awarded'),
  0, 'nobody else reads the notice of a badge'
);

select * from finish();
rollback;
