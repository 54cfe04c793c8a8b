-- =============================================================================
-- Ward operations: venues, classes, learning materials, service feedback
--
-- What a ward's coordination board runs day to day (issue 11, items 4-6):
-- - venues: culture houses and the devices there (kinds and counts);
-- - classes: a skill at a venue with a capacity and a teacher who is a
--   verified volunteer of the ward (or the coordinator); learners sign up
--   through the existing ledger (seats by `private.claim_seat`, no double
--   booking by `private.bookings`); attendance is taken on a shared tablet by
--   the class's teacher or a coordinator of the ward, and a present mark
--   completes the class, records the teaching chain and awards badges, as a
--   confirmed code does for a one-to-one;
-- - learning materials: owned by a ward's board, retired rather than deleted,
--   so the lesson page shows only active ones;
-- - citizen feedback on public digital services (VNeID, the National Public
--   Service Portal, bank apps): reporters see their own; the board of the
--   reporter's ward reads the text and counts through functions that name
--   the reporter only when they agreed to be contacted; exports are audited.
-- Every function checks the ward itself (`private.is_coordinator_of`).
-- =============================================================================

-- The audit log's 'export' action comes from 20261202040000_ward_board.sql.

-- -----------------------------------------------------------------------------
-- Venues: how many computers, besides the shared tablets
-- -----------------------------------------------------------------------------

alter table public.venues
  add column computers smallint not null default 0 check (computers between 0 and 500);

comment on column public.venues.computers is
  'Computers learners may use at the venue (shared tablets are counted in shared_tablets).';

alter table public.venues add constraint venues_tablet_count_sane check (shared_tablets <= 500);

-- -----------------------------------------------------------------------------
-- Learning materials: a ward's board owns them, and retires them
-- -----------------------------------------------------------------------------

/**
 * The one ward the signed-in user coordinates (the lowest id when several),
 * or null: the default owner of a material they add.
 */
create or replace function private.my_coordinated_ward()
returns bigint
language sql
stable
security definer
set search_path = ''
as $$
  select min(ca.ward_id) from public.coordinator_assignments ca where ca.profile_id = (select auth.uid());
$$;

revoke execute on function private.my_coordinated_ward() from public, anon;
grant execute on function private.my_coordinated_ward() to authenticated, service_role;

alter table public.learning_materials
  add column ward_id bigint default private.my_coordinated_ward() references public.areas (id) on delete set null,
  add column retired_at timestamptz;

comment on column public.learning_materials.ward_id is
  'The ward whose board manages the material (null: curriculum material kept by the service role).';
comment on column public.learning_materials.retired_at is
  'When the board retired it: hidden from lesson pages, kept for the record.';

create index learning_materials_ward_id_idx on public.learning_materials (ward_id);

update public.learning_materials m
set ward_id = (select min(ca.ward_id) from public.coordinator_assignments ca where ca.profile_id = m.added_by)
where m.ward_id is null and m.added_by is not null;

drop policy "Learning materials are visible to everyone" on public.learning_materials;
drop policy "Coordinators add learning materials" on public.learning_materials;
drop policy "Coordinators update the learning materials they added" on public.learning_materials;
drop policy "Coordinators remove the learning materials they added" on public.learning_materials;

create policy "Active learning materials are visible to everyone"
  on public.learning_materials for select
  to anon, authenticated
  using (retired_at is null);

create policy "Coordinators see the retired learning materials of their ward"
  on public.learning_materials for select
  to authenticated
  using ((select private.is_coordinator_of(ward_id)));

create policy "Coordinators add learning materials for their ward"
  on public.learning_materials for insert
  to authenticated
  with check (added_by = (select auth.uid()) and (select private.is_coordinator_of(ward_id)));

create policy "Coordinators edit the learning materials of their ward"
  on public.learning_materials for update
  to authenticated
  using ((select private.is_coordinator_of(ward_id)))
  with check ((select private.is_coordinator_of(ward_id)));

create policy "Coordinators remove the learning materials of their ward"
  on public.learning_materials for delete
  to authenticated
  using ((select private.is_coordinator_of(ward_id)));

-- Who added it and for which ward are facts, not edits.
revoke update on public.learning_materials from anon, authenticated;
grant update (skill_id, kind, title, url, language, retired_at) on public.learning_materials to authenticated;

-- -----------------------------------------------------------------------------
-- Classes
-- -----------------------------------------------------------------------------

/**
 * A coordinator schedules a class of a skill at a venue of their ward, taught
 * by a verified volunteer of the ward or by themselves. The venue's seats
 * bound the capacity (`private.prepare_session`); the ledger refuses a teacher
 * who is busy then (23P01 teacher_busy). Returns the session id.
 */
create or replace function private.schedule_class(
  p_venue_id bigint,
  p_skill_id bigint,
  p_teacher_id uuid,
  p_starts_at timestamptz,
  p_ends_at timestamptz,
  p_capacity smallint,
  p_notes text default ''
)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  venue public.venues;
  made bigint;
begin
  select * into venue from public.venues v where v.id = p_venue_id;
  if venue.id is null or not private.is_coordinator_of(venue.ward_id) then
    raise exception 'only a coordinator of the venue''s ward schedules classes there'
      using errcode = '42501', detail = 'not_coordinator';
  end if;
  if p_teacher_id is distinct from (select auth.uid()) and not exists (
    select 1 from public.volunteer_verifications vv
    join public.profiles p on p.id = vv.profile_id
    where vv.profile_id = p_teacher_id and vv.ward_id = venue.ward_id and p.can_teach
  ) then
    raise exception 'a class is taught by a verified volunteer of the ward or by its coordinator'
      using errcode = '22023', detail = 'teacher_not_verified';
  end if;
  if p_starts_at < now() then
    raise exception 'a class cannot start in the past' using errcode = '22023', detail = 'in_the_past';
  end if;
  if not exists (select 1 from public.skills s where s.id = p_skill_id and s.is_active) then
    raise exception 'no such skill' using errcode = '22023', detail = 'no_such_skill';
  end if;
  insert into public.sessions (
    kind, skill_id, teacher_id, ward_id, place_type, venue_id, starts_at, ends_at, capacity,
    status, notes, created_by
  )
  values (
    'class', p_skill_id, p_teacher_id, venue.ward_id, 'venue', venue.id, p_starts_at, p_ends_at,
    p_capacity, 'scheduled', left(coalesce(p_notes, ''), 1000), (select auth.uid())
  )
  returning id into made;
  return made;
end;
$$;

revoke execute on function private.schedule_class(bigint, bigint, uuid, timestamptz, timestamptz, smallint, text)
  from public, anon;
grant execute on function private.schedule_class(bigint, bigint, uuid, timestamptz, timestamptz, smallint, text)
  to authenticated, service_role;

create or replace function public.schedule_class(
  p_venue_id bigint,
  p_skill_id bigint,
  p_teacher_id uuid,
  p_starts_at timestamptz,
  p_ends_at timestamptz,
  p_capacity smallint,
  p_notes text default ''
)
returns bigint
language sql
security invoker
set search_path = ''
as $$
  select private.schedule_class(p_venue_id, p_skill_id, p_teacher_id, p_starts_at, p_ends_at, p_capacity, p_notes);
$$;

revoke execute on function public.schedule_class(bigint, bigint, uuid, timestamptz, timestamptz, smallint, text)
  from public, anon;
grant execute on function public.schedule_class(bigint, bigint, uuid, timestamptz, timestamptz, smallint, text)
  to authenticated;

/**
 * Who may teach a class of the ward: its verified volunteers and its
 * coordinators (names only), for the coordinator's form.
 */
create or replace function private.class_teachers(p_ward_id bigint)
returns table (profile_id uuid, display_name text, is_coordinator boolean)
language sql
stable
security definer
set search_path = ''
as $$
  select p.id, coalesce(p.display_name, ''), false
  from public.volunteer_verifications vv
  join public.profiles p on p.id = vv.profile_id
  where vv.ward_id = p_ward_id and p.can_teach and private.is_coordinator_of(p_ward_id)
  union
  select p.id, coalesce(p.display_name, ''), true
  from public.coordinator_assignments ca
  join public.profiles p on p.id = ca.profile_id
  where ca.ward_id = p_ward_id and private.is_coordinator_of(p_ward_id)
  order by 3 desc, 2;
$$;

revoke execute on function private.class_teachers(bigint) from public, anon;
grant execute on function private.class_teachers(bigint) to authenticated, service_role;

create or replace function public.class_teachers(p_ward_id bigint)
returns table (profile_id uuid, display_name text, is_coordinator boolean)
language sql
stable
security invoker
set search_path = ''
as $$
  select * from private.class_teachers(p_ward_id);
$$;

revoke execute on function public.class_teachers(bigint) from public, anon;
grant execute on function public.class_teachers(bigint) to authenticated;

/**
 * Classes open for sign-up (scheduled, not started), soonest first, with the
 * seats taken and the caller's own place. Scheduled classes are public to
 * signed-in users already; the seat count is the only thing added.
 * `p_ward_id` null: every ward.
 */
create or replace function private.open_classes(p_ward_id bigint default null)
returns table (
  session_id bigint,
  ward_id bigint,
  skill_id bigint,
  skill_title_vi text,
  skill_title_en text,
  venue_id bigint,
  venue_name text,
  venue_address text,
  starts_at timestamptz,
  ends_at timestamptz,
  capacity smallint,
  seats_taken integer,
  my_status text
)
language sql
stable
security definer
set search_path = ''
as $$
  select s.id, s.ward_id, s.skill_id, sk.title_vi, sk.title_en, v.id, v.name_vi, v.address,
         s.starts_at, s.ends_at, s.capacity,
         (select count(*)::int from public.session_participants sp
          where sp.session_id = s.id and sp.status not in ('declined', 'cancelled')),
         (select sp.status from public.session_participants sp
          where sp.session_id = s.id and sp.profile_id = (select auth.uid()))
  from public.sessions s
  join public.skills sk on sk.id = s.skill_id
  join public.venues v on v.id = s.venue_id
  where s.kind = 'class' and s.status = 'scheduled' and s.starts_at > now()
    and (p_ward_id is null or s.ward_id = p_ward_id)
    and (select auth.uid()) is not null
  order by s.starts_at, s.id
  limit 200;
$$;

revoke execute on function private.open_classes(bigint) from public, anon;
grant execute on function private.open_classes(bigint) to authenticated, service_role;

create or replace function public.open_classes(p_ward_id bigint default null)
returns table (
  session_id bigint, ward_id bigint, skill_id bigint, skill_title_vi text, skill_title_en text,
  venue_id bigint, venue_name text, venue_address text, starts_at timestamptz, ends_at timestamptz,
  capacity smallint, seats_taken integer, my_status text
)
language sql
stable
security invoker
set search_path = ''
as $$
  select * from private.open_classes(p_ward_id);
$$;

revoke execute on function public.open_classes(bigint) from public, anon;
grant execute on function public.open_classes(bigint) to authenticated;

/**
 * The signed-in learner takes a seat in a scheduled class, or takes it back
 * after leaving. Runs as the caller: the policy "Learners join scheduled
 * classes", `private.claim_seat` (23514 when full) and the booking ledger
 * (23P01 learner_busy) decide. A teacher does not sit in their own class.
 */
create or replace function public.join_class(p_session_id bigint)
returns text
language plpgsql
security invoker
set search_path = ''
as $$
declare
  joined text;
begin
  if exists (
    select 1 from public.sessions s where s.id = p_session_id and s.teacher_id = (select auth.uid())
  ) then
    raise exception 'a teacher does not sign up for their own class' using errcode = '22023', detail = 'own_class';
  end if;
  if not exists (
    select 1 from public.sessions s
    where s.id = p_session_id and s.kind = 'class' and s.status = 'scheduled' and s.starts_at > now()
  ) then
    raise exception 'this class is not open for sign-up' using errcode = '22023', detail = 'not_open';
  end if;
  update public.session_participants set status = 'accepted'
  where session_id = p_session_id and profile_id = (select auth.uid())
    and status in ('declined', 'cancelled', 'invited')
  returning status into joined;
  if joined is null then
    select sp.status into joined from public.session_participants sp
    where sp.session_id = p_session_id and sp.profile_id = (select auth.uid());
  end if;
  if joined is null then
    insert into public.session_participants (session_id, profile_id, status)
    values (p_session_id, (select auth.uid()), 'accepted')
    returning status into joined;
  end if;
  return joined;
end;
$$;

revoke execute on function public.join_class(bigint) from public, anon;
grant execute on function public.join_class(bigint) to authenticated;

/**
 * The class list on the shared tablet: each participant's name and mark, for
 * the class's teacher or a coordinator of its ward (learners may come from
 * other wards, whose profiles the coordinator cannot read). Never a phone.
 */
create or replace function private.class_roster(p_session_id bigint)
returns table (profile_id uuid, display_name text, status text)
language sql
stable
security definer
set search_path = ''
as $$
  select sp.profile_id, coalesce(p.display_name, ''), sp.status
  from public.sessions s
  join public.session_participants sp on sp.session_id = s.id
  join public.profiles p on p.id = sp.profile_id
  where s.id = p_session_id and s.kind = 'class'
    and sp.status in ('accepted', 'attended', 'no_show')
    and (s.teacher_id = (select auth.uid()) or private.is_coordinator_of(s.ward_id))
  order by p.display_name, sp.profile_id;
$$;

revoke execute on function private.class_roster(bigint) from public, anon;
grant execute on function private.class_roster(bigint) to authenticated, service_role;

create or replace function public.class_roster(p_session_id bigint)
returns table (profile_id uuid, display_name text, status text)
language sql
stable
security invoker
set search_path = ''
as $$
  select * from private.class_roster(p_session_id);
$$;

revoke execute on function public.class_roster(bigint) from public, anon;
grant execute on function public.class_roster(bigint) to authenticated;

/**
 * Marks one learner of a class present or absent, on the shared tablet, from
 * 30 minutes before the start until a day after the end. Only the class's
 * teacher or a coordinator of its ward. Present is final (it records the
 * teaching chain and awards badges, and completes the class); absent may be
 * corrected to present when someone arrives late. Returns the new mark.
 */
create or replace function private.mark_attendance(p_session_id bigint, p_profile_id uuid, p_present boolean)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  s public.sessions;
  mark text;
begin
  select * into s from public.sessions where id = p_session_id for update;
  if s.id is null or s.kind <> 'class'
     or not (s.teacher_id = (select auth.uid()) or private.is_coordinator_of(s.ward_id)) then
    raise exception 'only the teacher or a coordinator of the ward takes attendance'
      using errcode = '42501', detail = 'not_your_session';
  end if;
  if s.status not in ('scheduled', 'completed') then
    raise exception 'this class is not scheduled' using errcode = '22023', detail = 'not_scheduled';
  end if;
  if now() < s.starts_at - interval '30 minutes' then
    raise exception 'this class has not started yet' using errcode = '22023', detail = 'too_early';
  end if;
  if now() > s.ends_at + interval '1 day' then
    raise exception 'this class ended more than a day ago' using errcode = '22023', detail = 'too_late';
  end if;
  select sp.status into mark from public.session_participants sp
  where sp.session_id = p_session_id and sp.profile_id = p_profile_id for update;
  if mark is null or mark not in ('accepted', 'attended', 'no_show') then
    raise exception 'this person is not in the class' using errcode = '22023', detail = 'not_a_participant';
  end if;
  if mark = 'attended' then
    if p_present then
      return mark;
    end if;
    raise exception 'a learner marked present stays present' using errcode = '22023', detail = 'already_present';
  end if;
  if not p_present then
    update public.session_participants set status = 'no_show'
    where session_id = p_session_id and profile_id = p_profile_id;
    return 'no_show';
  end if;

  update public.session_participants set status = 'attended', attended_at = now()
  where session_id = p_session_id and profile_id = p_profile_id;
  if s.status <> 'completed' then
    update public.sessions set status = 'completed', completed_at = now() where id = p_session_id;
  end if;
  insert into public.teaching_chain (teacher_id, learner_id, skill_id, session_id, ward_id)
  values (s.teacher_id, p_profile_id, s.skill_id, s.id, s.ward_id)
  on conflict (session_id, learner_id) do nothing;
  perform private.award_badges(s.teacher_id, s.id);
  perform private.award_badges(p_profile_id, s.id);
  return 'attended';
end;
$$;

revoke execute on function private.mark_attendance(bigint, uuid, boolean) from public, anon;
grant execute on function private.mark_attendance(bigint, uuid, boolean) to authenticated, service_role;

create or replace function public.mark_attendance(p_session_id bigint, p_profile_id uuid, p_present boolean)
returns text
language sql
security invoker
set search_path = ''
as $$
  select private.mark_attendance(p_session_id, p_profile_id, p_present);
$$;

revoke execute on function public.mark_attendance(bigint, uuid, boolean) from public, anon;
grant execute on function public.mark_attendance(bigint, uuid, boolean) to authenticated;

-- -----------------------------------------------------------------------------
-- Citizen feedback on public digital services
-- -----------------------------------------------------------------------------

/**
 * What went wrong with a public digital service (which service, which step,
 * what happened), told by a learner or volunteer. The reporter sees and may
 * withdraw their own; the board of their ward reads it through functions
 * that name the reporter only when `may_contact`. The ward is the reporter's
 * at the time, set by the database.
 */
create table public.service_feedback (
  id bigint generated by default as identity primary key,
  reporter_id uuid default auth.uid() references public.profiles (id) on delete set null,
  ward_id bigint not null default private.my_ward_id() references public.areas (id) on delete restrict,
  service text not null check (
    service in ('vneid', 'public_service_portal', 'bank_app', 'e_wallet', 'social_insurance', 'tax', 'other')
  ),
  service_name text not null default '' check (length(service_name) <= 100),
  step text not null check (
    step in ('install', 'register', 'log_in', 'identity_check', 'fill_in', 'upload', 'pay', 'result', 'other')
  ),
  what_happened text not null check (length(btrim(what_happened)) between 5 and 2000),
  may_contact boolean not null default false,
  created_at timestamptz not null default now()
);

comment on table public.service_feedback is
  'Problems people met with public digital services (VNeID, the public service portal, bank apps), per ward.';

create index service_feedback_reporter_id_idx on public.service_feedback (reporter_id);
create index service_feedback_ward_id_idx on public.service_feedback (ward_id, created_at);

/**
 * A client's report belongs to the reporter's ward, whatever they send.
 * Runs as the caller (`private.my_ward_id` reads their own profile).
 */
create or replace function private.place_service_feedback()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if private.is_client() then
    new.ward_id := private.my_ward_id();
    new.created_at := now();
    if new.ward_id is null then
      raise exception 'choose your ward first' using errcode = '22023', detail = 'no_ward';
    end if;
  end if;
  return new;
end;
$$;

revoke execute on function private.place_service_feedback() from public, anon, authenticated;

create trigger service_feedback_place
  before insert on public.service_feedback
  for each row execute function private.place_service_feedback();

alter table public.service_feedback enable row level security;

revoke update on public.service_feedback from anon, authenticated;

create policy "Reporters see their own service feedback"
  on public.service_feedback for select
  to authenticated
  using (reporter_id = (select auth.uid()));

create policy "Signed-in people report service problems as themselves"
  on public.service_feedback for insert
  to authenticated
  with check (reporter_id = (select auth.uid()));

create policy "Reporters withdraw their own service feedback"
  on public.service_feedback for delete
  to authenticated
  using (reporter_id = (select auth.uid()));

/**
 * The board's reading of its ward's reports, newest first, in a date range
 * (Asia/Ho_Chi_Minh days, inclusive): the text, and the reporter's name only
 * when they agreed to be contacted. Nothing for anyone else.
 */
create or replace function private.ward_service_feedback(
  p_ward_id bigint,
  p_from date default null,
  p_to date default null
)
returns table (
  id bigint,
  created_at timestamptz,
  service text,
  service_name text,
  step text,
  what_happened text,
  contact_name text
)
language sql
stable
security definer
set search_path = ''
as $$
  select f.id, f.created_at, f.service, f.service_name, f.step, f.what_happened,
         case when f.may_contact then coalesce(p.display_name, '') end
  from public.service_feedback f
  left join public.profiles p on p.id = f.reporter_id
  where f.ward_id = p_ward_id and private.is_coordinator_of(p_ward_id)
    and (p_from is null or f.created_at >= (p_from::timestamp at time zone 'Asia/Ho_Chi_Minh'))
    and (p_to is null or f.created_at < ((p_to + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'))
  order by f.created_at desc, f.id desc
  limit 500;
$$;

revoke execute on function private.ward_service_feedback(bigint, date, date) from public, anon;
grant execute on function private.ward_service_feedback(bigint, date, date) to authenticated, service_role;

create or replace function public.ward_service_feedback(p_ward_id bigint, p_from date default null, p_to date default null)
returns table (
  id bigint, created_at timestamptz, service text, service_name text, step text, what_happened text,
  contact_name text
)
language sql
stable
security invoker
set search_path = ''
as $$
  select * from private.ward_service_feedback(p_ward_id, p_from, p_to);
$$;

revoke execute on function public.ward_service_feedback(bigint, date, date) from public, anon;
grant execute on function public.ward_service_feedback(bigint, date, date) to authenticated;

/**
 * Counts of the ward's reports by service and step (same range rule), most
 * reported first. Nothing for anyone but the ward's coordinators.
 */
create or replace function private.service_feedback_counts(
  p_ward_id bigint,
  p_from date default null,
  p_to date default null
)
returns table (service text, step text, reports integer)
language sql
stable
security definer
set search_path = ''
as $$
  select f.service, f.step, count(*)::int
  from public.service_feedback f
  where f.ward_id = p_ward_id and private.is_coordinator_of(p_ward_id)
    and (p_from is null or f.created_at >= (p_from::timestamp at time zone 'Asia/Ho_Chi_Minh'))
    and (p_to is null or f.created_at < ((p_to + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'))
  group by f.service, f.step
  order by 3 desc, 1, 2;
$$;

revoke execute on function private.service_feedback_counts(bigint, date, date) from public, anon;
grant execute on function private.service_feedback_counts(bigint, date, date) to authenticated, service_role;

create or replace function public.service_feedback_counts(p_ward_id bigint, p_from date default null, p_to date default null)
returns table (service text, step text, reports integer)
language sql
stable
security invoker
set search_path = ''
as $$
  select * from private.service_feedback_counts(p_ward_id, p_from, p_to);
$$;

revoke execute on function public.service_feedback_counts(bigint, date, date) from public, anon;
grant execute on function public.service_feedback_counts(bigint, date, date) to authenticated;

/**
 * The counts for a CSV export, written to the audit log first (who, which
 * ward, which range, how many rows) in the same transaction. Refused outside
 * the caller's wards.
 */
create or replace function private.export_service_feedback(
  p_ward_id bigint,
  p_from date default null,
  p_to date default null
)
returns table (service text, step text, reports integer)
language plpgsql
security definer
set search_path = ''
as $$
declare
  n integer;
begin
  if not private.is_coordinator_of(p_ward_id) then
    raise exception 'only a coordinator of this ward exports its feedback'
      using errcode = '42501', detail = 'not_coordinator';
  end if;
  select count(*) into n from private.service_feedback_counts(p_ward_id, p_from, p_to);
  perform private.audit_read('export', 'service_feedback', 'ward:' || p_ward_id,
    jsonb_build_object('format', 'csv', 'ward_id', p_ward_id, 'from', p_from, 'to', p_to, 'rows', n));
  return query select * from private.service_feedback_counts(p_ward_id, p_from, p_to);
end;
$$;

revoke execute on function private.export_service_feedback(bigint, date, date) from public, anon;
grant execute on function private.export_service_feedback(bigint, date, date) to authenticated, service_role;

create or replace function public.export_service_feedback(p_ward_id bigint, p_from date default null, p_to date default null)
returns table (service text, step text, reports integer)
language sql
security invoker
set search_path = ''
as $$
  select * from private.export_service_feedback(p_ward_id, p_from, p_to);
$$;

revoke execute on function public.export_service_feedback(bigint, date, date) from public, anon;
grant execute on function public.export_service_feedback(bigint, date, date) to authenticated;
