-- =============================================================================
-- Offer help: a volunteer's skills, radius, weekly times, places and languages
--
-- The offer page used to be several writes (profile, skills, availability); a
-- failure half-way would leave a half-saved volunteer. `save_volunteer_offer`
-- saves it all in one transaction. It runs as the caller (security invoker),
-- so row-level security and column grants apply exactly as for direct writes:
-- it can only ever change the caller's own rows.
-- =============================================================================

alter table public.profiles
  add column teaching_places text[] not null default '{home,venue,near_point}'
    check (
      teaching_places <@ array['home', 'venue', 'near_point']::text[]
      and cardinality(teaching_places) > 0
    );

comment on column public.profiles.teaching_places is
  'Where a volunteer accepts to teach: the learner''s home, a venue, a public point near the learner.';

grant update (teaching_places) on public.profiles to authenticated;

/**
 * Saves the signed-in person's offer of help in one transaction and makes
 * them a volunteer (`can_teach`). The skills and weekly slots given replace
 * the ones saved before.
 *
 * - p_skills: [{"skill_id": 3, "level": "confident"}, ...]; level is
 *   'beginner' | 'confident' | 'expert' (default 'confident').
 * - p_teaching_radius_m: how far they travel, 200 to 50 000 m.
 * - p_slots: [{"weekday": 2, "start": "18:00", "end": "21:00"}, ...] in
 *   Asia/Ho_Chi_Minh local time, weekday 1 = Monday ... 7 = Sunday.
 * - p_places: a non-empty subset of {home, venue, near_point}.
 * - p_languages: the languages they speak (at least one).
 *
 * Invalid input raises (22023 for shapes, 23514 for values out of range) and
 * nothing is saved.
 */
create or replace function public.save_volunteer_offer(
  p_skills jsonb,
  p_teaching_radius_m integer,
  p_slots jsonb,
  p_places text[],
  p_languages text[]
)
returns void
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  me uuid := (select auth.uid());
begin
  if me is null then
    raise exception 'sign in to offer help' using errcode = '42501';
  end if;
  if jsonb_typeof(p_skills) is distinct from 'array' or jsonb_typeof(p_slots) is distinct from 'array' then
    raise exception 'skills and slots must be JSON arrays' using errcode = '22023';
  end if;
  if jsonb_array_length(p_skills) = 0 then
    raise exception 'choose at least one skill to teach' using errcode = '22023';
  end if;
  if coalesce(cardinality(p_languages), 0) = 0 then
    raise exception 'choose at least one language' using errcode = '22023';
  end if;

  update public.profiles
  set can_teach = true,
      teaching_radius_m = p_teaching_radius_m,
      teaching_places = p_places,
      languages = p_languages
  where id = me;

  delete from public.volunteer_skills where profile_id = me;
  insert into public.volunteer_skills (profile_id, skill_id, level)
  select me, (e ->> 'skill_id')::bigint, coalesce(e ->> 'level', 'confident')
  from jsonb_array_elements(p_skills) e;

  delete from public.availability_slots where profile_id = me;
  insert into public.availability_slots (profile_id, weekday, start_time, end_time)
  select me, (e ->> 'weekday')::smallint, (e ->> 'start')::time, (e ->> 'end')::time
  from jsonb_array_elements(p_slots) e;
end;
$$;

revoke execute on function public.save_volunteer_offer(jsonb, integer, jsonb, text[], text[])
  from public, anon;
grant execute on function public.save_volunteer_offer(jsonb, integer, jsonb, text[], text[])
  to authenticated, service_role;
