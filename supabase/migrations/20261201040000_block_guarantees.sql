-- =============================================================================
-- Blocks, enforced by the database
--
-- A block (either direction) already kept a pair out of matching and out of
-- each other's profile cards. Now also:
-- - no lesson between them, whoever creates it (propose_lesson, a direct
--   insert, a coordinator), refused with a neutral error: the blocked person
--   is told the lesson "cannot be arranged" (`details` = 'unavailable'), never
--   that they were blocked;
-- - neither sees the other's profile row (phone), nor the other's requests;
-- - nothing the blocked person does notifies the blocker (every notification
--   row passes one guard, whichever function writes it);
-- - a block cancels their upcoming lessons in the same transaction, with the
--   same neutral notice to both.
-- And reports reach the ward board in a queue with a 24-hour target, and
-- outlive the reported person's account (kept under a random pseudonym).
-- =============================================================================

-- -----------------------------------------------------------------------------
-- No lesson between a blocked pair
-- -----------------------------------------------------------------------------

/**
 * Refuses a session whose request's learner and teacher are a blocked pair.
 * The trigger's name sorts before the older request check, so this neutral
 * message is the one the caller sees.
 */
create or replace function private.refuse_blocked_session()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.request_id is not null and private.is_blocked_between(
    (select r.learner_id from public.help_requests r where r.id = new.request_id), new.teacher_id
  ) then
    raise exception 'this lesson cannot be arranged' using errcode = '42501', detail = 'unavailable';
  end if;
  return new;
end;
$$;

revoke execute on function private.refuse_blocked_session() from public, anon, authenticated;

create trigger sessions_blocked_pair_refused
  before insert or update of teacher_id on public.sessions
  for each row execute function private.refuse_blocked_session();

/**
 * No participant in a session taught by someone they blocked or who blocked
 * them; the same neutral words as above.
 */
create or replace function private.refuse_blocked_participant()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if private.is_blocked_between(
    new.profile_id, (select s.teacher_id from public.sessions s where s.id = new.session_id)
  ) then
    raise exception 'this lesson cannot be arranged' using errcode = '42501', detail = 'unavailable';
  end if;
  return new;
end;
$$;

-- -----------------------------------------------------------------------------
-- Not seen: profile rows (phone) and requests
-- -----------------------------------------------------------------------------

create policy "Blocked pairs do not see each other's profiles"
  on public.profiles as restrictive for select
  to authenticated
  using (
    id = (select auth.uid())
    or not private.is_blocked_between((select auth.uid()), id)
    or (select private.coordinates_profile(id))
  );

create policy "Blocked pairs do not see each other's help requests"
  on public.help_requests as restrictive for select
  to authenticated
  using (
    learner_id = (select auth.uid())
    or created_by = (select auth.uid())
    or not private.is_blocked_between((select auth.uid()), learner_id)
    or (select private.is_coordinator_of(ward_id))
  );

-- -----------------------------------------------------------------------------
-- Not notified by the person they blocked
-- -----------------------------------------------------------------------------

/**
 * Drops a notification that the signed-in person's act would send to someone
 * who blocked them (a proposal, an answer, a reschedule...). Returns null to
 * skip the row silently, so the act itself neither fails nor tells.
 */
create or replace function private.drop_notice_to_blocker()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  actor uuid := (select auth.uid());
begin
  if actor is not null and actor <> new.profile_id and exists (
    select 1 from public.blocks b where b.blocker_id = new.profile_id and b.blocked_id = actor
  ) then
    return null;
  end if;
  return new;
end;
$$;

revoke execute on function private.drop_notice_to_blocker() from public, anon, authenticated;

create trigger notifications_not_from_blocked
  before insert on public.notifications
  for each row execute function private.drop_notice_to_blocker();

-- -----------------------------------------------------------------------------
-- A block cancels the pair's upcoming lessons
-- -----------------------------------------------------------------------------

/**
 * Cancels every upcoming lesson the new blocked pair share: a one-to-one is
 * cancelled (its request reopens); in a class, the learner's place is
 * cancelled. Both receive the same neutral notice ('session_cancelled' with
 * reason 'unavailable'); the trigger that notifies on a cancellation leaves
 * out the actor, so the blocker's notice is written here.
 */
create or replace function private.cancel_lessons_of_blocked_pair()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  lesson record;
begin
  for lesson in
    select s.id, s.kind, s.teacher_id,
           case when s.teacher_id = new.blocker_id then new.blocked_id else new.blocker_id end as learner_id
    from public.sessions s
    where s.status in ('proposed', 'scheduled')
      and s.ends_at > now()
      and (
        (s.teacher_id = new.blocker_id and exists (
           select 1 from private.session_people(s.id) w where w.profile_id = new.blocked_id))
        or (s.teacher_id = new.blocked_id and exists (
           select 1 from private.session_people(s.id) w where w.profile_id = new.blocker_id))
      )
    for update of s
  loop
    if lesson.kind = 'class' then
      update public.session_participants set status = 'cancelled'
      where session_id = lesson.id and profile_id = lesson.learner_id
        and status not in ('declined', 'cancelled');
      perform private.notify(who, 'session_cancelled', lesson.id,
                             private.session_params(lesson.id, 'unavailable'),
                             'unavailable:' || lesson.id || ':' || lesson.learner_id)
      from unnest(array[lesson.learner_id, lesson.teacher_id]) as who;
    else
      update public.sessions set status = 'cancelled', cancel_reason = 'unavailable'
      where id = lesson.id;
      -- The cancellation trigger notified everyone but the actor: the blocker hears it here.
      if (select auth.uid()) is not distinct from new.blocker_id then
        perform private.notify(new.blocker_id, 'session_cancelled', lesson.id,
                               private.session_params(lesson.id, 'unavailable'));
      end if;
    end if;
  end loop;
  return null;
end;
$$;

revoke execute on function private.cancel_lessons_of_blocked_pair() from public, anon, authenticated;

create trigger blocks_cancel_lessons
  after insert on public.blocks
  for each row execute function private.cancel_lessons_of_blocked_pair();

-- -----------------------------------------------------------------------------
-- Reports outlive the reported person's account
-- -----------------------------------------------------------------------------

alter table public.reports
  alter column reported_id drop not null,
  drop constraint reports_reported_id_fkey,
  add constraint reports_reported_id_fkey
    foreign key (reported_id) references public.profiles (id) on delete set null,
  add column reported_pseudonym uuid;

comment on column public.reports.reported_pseudonym is
  'Set when the reported person erased their account: the same random id on all their reports.';

-- -----------------------------------------------------------------------------
-- The ward board's report queue
-- -----------------------------------------------------------------------------

/**
 * Reports waiting in the wards the caller coordinates, oldest first, each due
 * 24 hours after it was filed; reports about an erased person carry the
 * same pseudonym, so repeated reports still line up. Runs as the caller: the reports policy already
 * limits rows to the caller's own and their wards'; the filter keeps a
 * coordinator's own filed reports elsewhere out of their queue.
 */
create or replace function public.report_queue()
returns table (
  id bigint,
  ward_id bigint,
  reason text,
  details text,
  status text,
  session_id bigint,
  reported_id uuid,
  reported_pseudonym uuid,
  created_at timestamptz,
  due_at timestamptz,
  overdue boolean
)
language sql
stable
set search_path = ''
as $$
  select r.id, r.ward_id, r.reason, r.details, r.status, r.session_id, r.reported_id, r.reported_pseudonym,
         r.created_at,
         r.created_at + interval '24 hours', r.created_at + interval '24 hours' < now()
  from public.reports r
  where r.status in ('open', 'reviewing') and private.is_coordinator_of(r.ward_id)
  order by r.created_at, r.id
  limit 500;
$$;

revoke execute on function public.report_queue() from public, anon;
grant execute on function public.report_queue() to authenticated;

-- -----------------------------------------------------------------------------
-- The blocker's own list
-- -----------------------------------------------------------------------------

/**
 * The people the caller blocked, with their names (profile cards leave a
 * blocked pair out, but the blocker needs to know whom to unblock).
 */
create or replace function public.my_blocks()
returns table (blocked_id uuid, display_name text, created_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select b.blocked_id, p.display_name, b.created_at
  from public.blocks b
  join public.profiles p on p.id = b.blocked_id
  where b.blocker_id = (select auth.uid())
  order by b.created_at desc, b.blocked_id
  limit 500;
$$;

revoke execute on function public.my_blocks() from public, anon;
grant execute on function public.my_blocks() to authenticated;
