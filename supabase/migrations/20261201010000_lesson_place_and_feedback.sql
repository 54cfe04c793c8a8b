-- =============================================================================
-- Where a lesson happens, told only to those who agreed to it; feedback only
-- from the people who were there
--
-- A session row says the kind of place (home, venue, public place) and, for a
-- venue, which one: venues are public places, exact for everyone. What
-- locates a person, the learner's home point, the public point of the request
-- and the meeting note the teacher wrote, is given by `lesson_place()` only
-- once the lesson is agreed (scheduled or completed, and the caller's side
-- accepted). Before that, and to anyone outside the lesson, nothing exact:
-- the note is kept in private.session_place_notes, out of the table.
--
-- Feedback: the policy let any participant row (an invitee who declined, a
-- learner marked absent) write feedback on a completed session. Now the
-- teacher and learners who attended only, and mastered steps must be steps of
-- the session's skill.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- The meeting note is kept out of the table, read through lesson_place() only
-- -----------------------------------------------------------------------------

/**
 * The meeting note of each lesson (where exactly to meet, directions). Only
 * lesson_place() reads it; the column sessions.place_note stays empty.
 */
create table private.session_place_notes (
  session_id bigint primary key,
  note text not null check (length(note) <= 300)
);

comment on table private.session_place_notes is
  'Meeting notes of lessons, kept out of public.sessions; read via lesson_place() once both agreed.';

alter table private.session_place_notes enable row level security;
revoke all on private.session_place_notes from public, anon, authenticated;

/**
 * Moves a written note out of the session row into private.session_place_notes.
 * An empty note (what a form read back) leaves the kept one as it was.
 * (Column privileges would do it too, but a write that returns its row, as
 * PostgREST's `return=representation` does, would then be refused.)
 */
create or replace function private.keep_place_note_private()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if coalesce(new.place_note, '') <> '' then
    insert into private.session_place_notes (session_id, note)
    values (new.id, new.place_note)
    on conflict (session_id) do update set note = excluded.note;
    new.place_note := '';
  end if;
  return new;
end;
$$;

revoke execute on function private.keep_place_note_private() from public, anon, authenticated;

create trigger sessions_keep_place_note_private
  before insert or update of place_note on public.sessions
  for each row execute function private.keep_place_note_private();

/**
 * A deleted session takes its note with it.
 */
create or replace function private.forget_place_note()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  delete from private.session_place_notes where session_id = old.id;
  return null;
end;
$$;

revoke execute on function private.forget_place_note() from public, anon, authenticated;

create trigger sessions_forget_place_note
  after delete on public.sessions
  for each row execute function private.forget_place_note();

-- Notes written before this migration.
insert into private.session_place_notes (session_id, note)
select id, place_note from public.sessions where place_note <> '';
update public.sessions set place_note = '' where place_note <> '';

/**
 * True when the lesson is agreed for the signed-in user: it is scheduled or
 * completed, and they teach it, or a participant they answer for has accepted
 * (or attended). A coordinator as such is not a party to it: like everywhere
 * else, they get the cell of a home, never the point.
 */
create or replace function private.lesson_agreed_for_me(p_session_id bigint)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.sessions s
    where s.id = p_session_id
      and s.status in ('scheduled', 'completed')
      and (
        s.teacher_id = (select auth.uid())
        or exists (
          select 1 from public.session_participants sp
          where sp.session_id = s.id and sp.status in ('accepted', 'attended')
            and private.answers_for(sp.profile_id)
        )
      )
  );
$$;

revoke execute on function private.lesson_agreed_for_me(bigint) from public, anon;
grant execute on function private.lesson_agreed_for_me(bigint) to authenticated, service_role;

/**
 * Where a lesson happens, as far as the caller may know it. One row for the
 * people of the lesson (teacher, coordinator of its ward, a learner or whoever
 * answers for her, whoever filed its request), none for anyone else.
 * A venue is public: name, address and point always. The learner's home point,
 * the request's public point and the teacher's note only when `exact` (the
 * lesson is agreed for the caller); until then the ~440 m cell of the request.
 */
create or replace function public.lesson_place(p_session_id bigint)
returns table (
  place_type text,
  venue_id bigint,
  venue_name_vi text,
  venue_name_en text,
  address text,
  lat double precision,
  lng double precision,
  note text,
  exact boolean
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  s public.sessions;
  r public.help_requests;
  agreed boolean;
  learner uuid;
begin
  select * into s from public.sessions where id = p_session_id;
  if s.id is null then
    return;
  end if;
  if private.my_part_in(s.id) is null
     and not (s.request_id is not null and private.owns_request(s.request_id)) then
    return;
  end if;
  select * into r from public.help_requests where id = s.request_id;
  agreed := private.lesson_agreed_for_me(s.id);
  learner := coalesce(r.learner_id, (
    select sp.profile_id from public.session_participants sp
    where sp.session_id = s.id and sp.status in ('accepted', 'attended')
    order by sp.joined_at limit 1
  ));

  if s.place_type = 'venue' then
    return query
      select s.place_type, v.id, v.name_vi, v.name_en, v.address, v.lat, v.lng,
             case when agreed then n.note end, agreed
      from public.venues v
      left join private.session_place_notes n on n.session_id = s.id
      where v.id = s.venue_id;
    if not found then
      return query select s.place_type, null::bigint, null::text, null::text, null::text,
                          null::double precision, null::double precision,
                          case when agreed then (
                            select n.note from private.session_place_notes n where n.session_id = s.id
                          ) end, agreed;
    end if;
    return;
  end if;

  if agreed then
    return query
      select s.place_type, null::bigint, null::text, null::text, null::text,
             case when s.place_type = 'home' then h.lat else hp.lat end,
             case when s.place_type = 'home' then h.lng else hp.lng end,
             n.note, true
      from (select 1) as one
      left join private.session_place_notes n on n.session_id = s.id
      left join public.home_locations h on s.place_type = 'home' and h.profile_id = learner
      left join private.help_request_points hp
        on s.place_type = 'near_point' and r.place_type = 'near_point' and hp.request_id = r.id;
  else
    return query
      select s.place_type, null::bigint, null::text, null::text, null::text,
             r.approx_lat, r.approx_lng, null::text, false;
  end if;
end;
$$;

revoke execute on function public.lesson_place(bigint) from public, anon;
grant execute on function public.lesson_place(bigint) to authenticated, service_role;

-- -----------------------------------------------------------------------------
-- Feedback from the people who were there
-- -----------------------------------------------------------------------------

/**
 * True when the signed-in user attended the completed session as a learner,
 * or taught it.
 */
create or replace function private.was_at_session(p_session_id bigint)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.sessions s
    where s.id = p_session_id and s.status = 'completed'
      and (
        s.teacher_id = (select auth.uid())
        or exists (
          select 1 from public.session_participants sp
          where sp.session_id = s.id and sp.profile_id = (select auth.uid())
            and sp.status = 'attended'
        )
      )
  );
$$;

revoke execute on function private.was_at_session(bigint) from public, anon;
grant execute on function private.was_at_session(bigint) to authenticated, service_role;

drop policy "Participants give feedback on completed sessions" on public.feedback;

create policy "People who were at a completed session give feedback on it"
  on public.feedback for insert
  to authenticated
  with check (author_id = (select auth.uid()) and (select private.was_at_session(session_id)));

/**
 * Mastered steps must be steps of the session's skill, each once.
 */
create or replace function private.check_feedback_steps()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  new.mastered_step_ids := array(select distinct unnest(new.mastered_step_ids) order by 1);
  if exists (
    select 1 from unnest(new.mastered_step_ids) as m (step_id)
    where not exists (
      select 1 from public.skill_steps st
      join public.sessions s on s.skill_id = st.skill_id
      where s.id = new.session_id and st.id = m.step_id
    )
  ) then
    raise exception 'a mastered step must be a step of this lesson''s skill'
      using errcode = '23514', detail = 'step_not_in_skill';
  end if;
  return new;
end;
$$;

revoke execute on function private.check_feedback_steps() from public, anon, authenticated;

create trigger feedback_check_steps
  before insert or update of mastered_step_ids, session_id on public.feedback
  for each row execute function private.check_feedback_steps();
