-- =============================================================================
-- Lessons: one booking ledger per person, participation only by consent
--
-- Replaces the teacher-only exclusion constraint on sessions and the
-- learner-only `private.learner_bookings` by ONE ledger, `private.bookings`:
-- a row per (live session, person) whatever their role, and one exclusion
-- constraint over it, so nobody teaches and learns at overlapping times.
--
-- Concurrency (issue 13, item 11a): PostgreSQL checks an exclusion constraint
-- after inserting the index entry, so two transactions inserting conflicting
-- rows at once can each wait for the other and one dies with a deadlock
-- (40P01), which surfaced as HTTP 500. Every change to the ledger therefore
-- first locks the session row, then one advisory lock per person in uuid
-- order: conflicting writers queue, and the second always gets 23P01 with a
-- key the app can translate (`details`).
-- =============================================================================

-- -----------------------------------------------------------------------------
-- The ledger
-- -----------------------------------------------------------------------------

drop trigger sessions_sync_learner_bookings on public.sessions;
drop trigger session_participants_sync_learner_bookings on public.session_participants;
drop function private.sync_learner_bookings_trigger();
drop function private.sync_learner_bookings(bigint);
drop function private.session_learner_bookings(bigint);
drop table private.learner_bookings;
alter table public.sessions drop constraint sessions_no_double_booking;

/**
 * Every person's live bookings, in every role, written only by triggers.
 * The exclusion constraint is the single rule against double booking.
 */
create table private.bookings (
  session_id bigint not null references public.sessions (id) on delete cascade,
  profile_id uuid not null references public.profiles (id) on delete cascade,
  role text not null check (role in ('teacher', 'learner')),
  during tstzrange not null,
  primary key (session_id, profile_id),
  constraint bookings_no_overlap exclude using gist (
    private.uuid_as_inet(profile_id) inet_ops with =,
    during with &&
  )
);

comment on table private.bookings is
  'Live sessions of each person, teacher or learner (kept by triggers); no two may overlap.';

create index bookings_profile_id_idx on private.bookings (profile_id);

alter table private.bookings enable row level security;
revoke all on private.bookings from public, anon, authenticated;

/**
 * Who a session books and when, while it is proposed or scheduled: its
 * teacher, its request's learner (a proposal holds her time until she answers
 * or it expires) and every participant who accepted. An unanswered invitation
 * books nobody, so nobody can block another person's calendar.
 */
create or replace function private.session_bookings(p_session_id bigint)
returns table (profile_id uuid, role text, during tstzrange)
language sql
stable
security definer
set search_path = ''
as $$
  select distinct on (who.profile_id) who.profile_id, who.role, tstzrange(s.starts_at, s.ends_at)
  from public.sessions s
  cross join lateral (
    select s.teacher_id, 'teacher'
    union all
    select r.learner_id, 'learner' from public.help_requests r where r.id = s.request_id
    union all
    select sp.profile_id, 'learner' from public.session_participants sp
    where sp.session_id = s.id and sp.status = 'accepted'
  ) as who (profile_id, role)
  where s.id = p_session_id and s.status in ('proposed', 'scheduled')
  order by who.profile_id, who.role desc;
$$;

revoke execute on function private.session_bookings(bigint) from public, anon, authenticated;

/**
 * Brings the ledger in line with one session. Locks the session row, then
 * each person (advisory lock, uuid order), so that concurrent bookings of one
 * person queue instead of deadlocking. An overlap raises 23P01 with
 * `details` = 'teacher_busy' or 'learner_busy'.
 */
create or replace function private.sync_bookings(p_session_id bigint)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  wanted record;
begin
  perform 1 from public.sessions s where s.id = p_session_id for update;

  for wanted in
    select w.profile_id from private.session_bookings(p_session_id) w
    union
    select b.profile_id from private.bookings b where b.session_id = p_session_id
    order by 1
  loop
    perform pg_advisory_xact_lock(hashtextextended('booking:' || wanted.profile_id::text, 0));
  end loop;

  delete from private.bookings b
  where b.session_id = p_session_id
    and not exists (
      select 1 from private.session_bookings(p_session_id) w
      where w.profile_id = b.profile_id and w.during = b.during and w.role = b.role
    );

  for wanted in
    select w.* from private.session_bookings(p_session_id) w
    where not exists (
      select 1 from private.bookings b
      where b.session_id = p_session_id and b.profile_id = w.profile_id
    )
    order by w.profile_id
  loop
    begin
      insert into private.bookings (session_id, profile_id, role, during)
      values (p_session_id, wanted.profile_id, wanted.role, wanted.during);
    exception when exclusion_violation then
      if wanted.role = 'teacher' then
        raise exception 'this volunteer already has another lesson at that time'
          using errcode = '23P01', constraint = 'bookings_no_overlap', detail = 'teacher_busy',
            hint = 'Choose another time.';
      end if;
      raise exception 'this learner already has another lesson at that time'
        using errcode = '23P01', constraint = 'bookings_no_overlap', detail = 'learner_busy',
          hint = 'Choose another time.';
    end;
  end loop;
end;
$$;

revoke execute on function private.sync_bookings(bigint) from public, anon, authenticated;

/**
 * Re-syncs the session a changed session or participant belongs to.
 */
create or replace function private.sync_bookings_trigger()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_table_name = 'sessions' then
    perform private.sync_bookings(new.id);
  elsif tg_op = 'DELETE' then
    perform private.sync_bookings(old.session_id);
  else
    perform private.sync_bookings(new.session_id);
  end if;
  return null;
end;
$$;

revoke execute on function private.sync_bookings_trigger() from public, anon, authenticated;

create trigger sessions_sync_bookings
  after insert or update of status, starts_at, ends_at, request_id, teacher_id on public.sessions
  for each row execute function private.sync_bookings_trigger();

create trigger session_participants_sync_bookings
  after insert or update of status or delete on public.session_participants
  for each row execute function private.sync_bookings_trigger();

insert into private.bookings (session_id, profile_id, role, during)
select s.id, w.profile_id, w.role, w.during
from public.sessions s
cross join lateral private.session_bookings(s.id) w
where s.status in ('proposed', 'scheduled');

-- -----------------------------------------------------------------------------
-- Sessions: where, why cancelled, when a proposal lapses
-- -----------------------------------------------------------------------------

alter table public.sessions
  add column place_note text not null default '' check (length(place_note) <= 300),
  add column expires_at timestamptz,
  add column cancel_reason text check (length(cancel_reason) <= 500),
  add column cancelled_by uuid references public.profiles (id) on delete set null;

comment on column public.sessions.place_note is
  'The meeting place in words (a public place, or directions); shown once both sides have accepted.';
comment on column public.sessions.expires_at is
  'A proposal not answered by then is cancelled and its request reopened (default: 48 h, or the start).';
comment on column public.sessions.cancel_reason is 'Why the session was cancelled or the proposal declined.';

create index sessions_cancelled_by_idx on public.sessions (cancelled_by);
create index sessions_proposed_expiry_idx on public.sessions (expires_at) where (status = 'proposed');

grant insert (place_note, expires_at) on public.sessions to authenticated;
grant update (place_note, cancel_reason) on public.sessions to authenticated;

/**
 * Fills the proposal's expiry, records who cancelled, and keeps a class within
 * its venue's capacity. Runs as the caller.
 */
create or replace function private.prepare_session()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  venue_seats smallint;
begin
  if new.status = 'proposed' and (tg_op = 'INSERT' or new.starts_at is distinct from old.starts_at) then
    new.expires_at := least(coalesce(new.expires_at, now() + interval '48 hours'), new.starts_at);
  end if;
  if tg_op = 'UPDATE' and new.status = 'cancelled' and old.status <> 'cancelled' then
    new.cancelled_by := coalesce(new.cancelled_by, (select auth.uid()));
  end if;
  if private.is_client() and new.kind = 'one_to_one' and new.status = 'scheduled'
     and (tg_op = 'INSERT' or old.status <> 'scheduled')
     and not exists (
       select 1 from public.session_participants sp
       where sp.session_id = new.id and sp.status = 'accepted'
     ) then
    raise exception 'a lesson is scheduled once its learner has accepted'
      using errcode = '42501', detail = 'not_accepted';
  end if;
  if new.kind = 'class' and new.venue_id is not null then
    select v.capacity into venue_seats from public.venues v where v.id = new.venue_id;
    if venue_seats is not null and new.capacity > venue_seats then
      raise exception 'this venue has only % seats', venue_seats
        using errcode = '23514', detail = 'venue_too_small';
    end if;
  end if;
  return new;
end;
$$;

revoke execute on function private.prepare_session() from public, anon, authenticated;

create trigger sessions_prepare
  before insert or update on public.sessions
  for each row execute function private.prepare_session();

-- -----------------------------------------------------------------------------
-- Participation is the participant's own act
-- -----------------------------------------------------------------------------

/**
 * True when the signed-in user may answer for the given person: the person,
 * the volunteer or coordinator who registered them, or (for an assisted
 * learner, one someone registered) a coordinator of their ward.
 */
create or replace function private.answers_for(p_profile_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select p_profile_id = (select auth.uid())
    or exists (
      select 1 from public.profiles p
      where p.id = p_profile_id
        and p.registered_by is not null
        and (p.registered_by = (select auth.uid()) or private.coordinates_profile(p.id))
    );
$$;

revoke execute on function private.answers_for(uuid) from public, anon;
grant execute on function private.answers_for(uuid) to authenticated, service_role;

/**
 * Participants may only accept, decline or cancel, and accepting or declining
 * is the participant's own act (or their helper's): a teacher only invites.
 * Joining a class oneself is accepting it. Attendance is the database's to
 * record. A seat is claimed on joining and on coming back after declining.
 * Runs as the caller on purpose.
 */
create or replace function private.guard_session_participant()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if private.is_client() then
    if new.status in ('attended', 'no_show')
       and (tg_op = 'INSERT' or old.status is distinct from new.status) then
      raise exception 'attendance is recorded only by confirming the session code'
        using errcode = '42501';
    end if;
    if tg_op = 'INSERT' and new.profile_id = (select auth.uid()) and new.status = 'invited' then
      new.status := 'accepted';
    end if;
    if new.status in ('accepted', 'declined')
       and (tg_op = 'INSERT' or old.status is distinct from new.status)
       and not private.answers_for(new.profile_id) then
      raise exception 'only the participant can accept or decline'
        using errcode = '42501', detail = 'not_your_answer';
    end if;
  end if;
  if tg_op = 'INSERT'
     or (old.status in ('declined', 'cancelled') and new.status not in ('declined', 'cancelled')) then
    perform private.claim_seat(new.session_id);
  end if;
  return new;
end;
$$;

/**
 * True when the given person and the signed-in user meet in a live or past
 * session as teacher and a learner who accepted, so each may see the other's
 * profile (name, phone). An unanswered invitation reveals nothing either way.
 */
create or replace function private.shares_session_with(p_profile_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1
    from public.sessions s
    join public.session_participants sp on sp.session_id = s.id
    where s.status <> 'cancelled'
      and sp.status in ('accepted', 'attended', 'no_show')
      and (
        (s.teacher_id = (select auth.uid()) and sp.profile_id = p_profile_id)
        or (sp.profile_id = (select auth.uid()) and s.teacher_id = p_profile_id)
      )
  );
$$;

drop policy "Teachers and coordinators add participants" on public.session_participants;

create policy "Teachers and coordinators invite participants"
  on public.session_participants for insert
  to authenticated
  with check (
    ((select private.teaches_session(session_id)) or (select private.coordinates_session(session_id)))
    and (status = 'invited' or (select private.answers_for(profile_id)))
  );

create policy "Helpers see the participation of learners they registered"
  on public.session_participants for select
  to authenticated
  using ((select private.answers_for(profile_id)));

create policy "Helpers answer for the learners they registered"
  on public.session_participants for update
  to authenticated
  using ((select private.answers_for(profile_id)))
  with check ((select private.answers_for(profile_id)));

/**
 * A one-to-one follows its learner's answer: accepted -> scheduled,
 * declined -> cancelled (which reopens the request).
 */
create or replace function private.follow_participant_answer()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.status is not distinct from old.status then
    return null;
  end if;
  if new.status = 'accepted' then
    update public.sessions set status = 'scheduled'
    where id = new.session_id and kind = 'one_to_one' and status = 'proposed';
  elsif new.status = 'declined' then
    update public.sessions
    set status = 'cancelled', cancel_reason = coalesce(cancel_reason, 'declined'),
        cancelled_by = coalesce((select auth.uid()), new.profile_id)
    where id = new.session_id and kind = 'one_to_one' and status in ('proposed', 'scheduled');
  end if;
  return null;
end;
$$;

revoke execute on function private.follow_participant_answer() from public, anon, authenticated;

create trigger session_participants_follow_answer
  after update of status on public.session_participants
  for each row execute function private.follow_participant_answer();

-- -----------------------------------------------------------------------------
-- Completion codes: cryptographic, few tries, a time window
-- -----------------------------------------------------------------------------

/**
 * Six digits from pgcrypto's `gen_random_bytes` (the modulo bias over 2^32 is
 * below one in four thousand).
 */
create or replace function private.new_session_code()
returns text
language sql
volatile
security definer
set search_path = ''
as $$
  select lpad(
    (('x' || encode(extensions.gen_random_bytes(4), 'hex'))::bit(32)::bigint % 1000000)::text, 6, '0'
  );
$$;

revoke execute on function private.new_session_code() from public, anon;
grant execute on function private.new_session_code() to authenticated, service_role;

alter table public.session_codes alter column code set default private.new_session_code();
update public.session_codes set code = private.new_session_code();

/**
 * Wrong codes typed for a session. After five the session is locked until a
 * coordinator of its ward unlocks it, so 10^6 codes cannot be walked.
 */
create table private.code_attempts (
  session_id bigint primary key references public.sessions (id) on delete cascade,
  failures integer not null default 0,
  locked_at timestamptz,
  last_failure_at timestamptz
);

comment on table private.code_attempts is
  'Wrong confirmation codes per session; locked after five until a coordinator unlocks.';

alter table private.code_attempts enable row level security;
revoke all on private.code_attempts from public, anon, authenticated;

drop function public.confirm_session(bigint, text);

/**
 * Completes a session, in one transaction: the learner is marked attended,
 * the session completed, the teaching chain recorded and badges awarded.
 * The teacher types the code shown on a learner's phone; a coordinator of the
 * ward (or the learner's helper) may confirm an assisted learner without it
 * (`p_learner_id`). Accepted from 30 minutes before the start until a day after
 * the end. A wrong code is counted (not raised, so the count survives) and
 * after five tries the session is locked: outcome 'wrong_code' or 'locked'.
 */
create or replace function public.confirm_session(
  p_session_id bigint,
  p_code text default null,
  p_learner_id uuid default null
)
returns table (outcome text, learner_id uuid, attempts_left integer)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  s public.sessions;
  learner uuid;
  tries private.code_attempts;
  max_tries constant integer := 5;
begin
  select * into s from public.sessions where id = p_session_id for update;
  if s.id is null then
    raise exception 'only the teacher of this session can confirm it'
      using errcode = '42501', detail = 'not_your_session';
  end if;
  if p_learner_id is not null then
    if not (private.is_coordinator_of(s.ward_id) or private.registered_by_me(p_learner_id))
       or not exists (
         select 1 from public.profiles p where p.id = p_learner_id and p.registered_by is not null
       ) then
      raise exception 'only a coordinator or helper confirms for an assisted learner'
        using errcode = '42501', detail = 'not_your_session';
    end if;
  elsif s.teacher_id is distinct from (select auth.uid()) then
    raise exception 'only the teacher of this session can confirm it'
      using errcode = '42501', detail = 'not_your_session';
  end if;
  if s.status not in ('scheduled', 'completed') then
    raise exception 'this session is not scheduled' using errcode = '22023', detail = 'not_scheduled';
  end if;
  if now() < s.starts_at - interval '30 minutes' then
    raise exception 'this session has not started yet' using errcode = '22023', detail = 'too_early';
  end if;
  if now() > s.ends_at + interval '1 day' then
    raise exception 'this session ended more than a day ago' using errcode = '22023', detail = 'too_late';
  end if;

  if p_learner_id is null then
    select * into tries from private.code_attempts a where a.session_id = p_session_id;
    if tries.locked_at is not null then
      return query select 'locked'::text, null::uuid, 0;
      return;
    end if;
    select c.profile_id into learner
    from public.session_codes c
    join public.session_participants sp
      on sp.session_id = c.session_id and sp.profile_id = c.profile_id
    where c.session_id = p_session_id
      and c.code = p_code
      and sp.status in ('invited', 'accepted', 'attended');
    if learner is null then
      insert into private.code_attempts as a (session_id, failures, last_failure_at)
      values (p_session_id, 1, now())
      on conflict (session_id) do update
        set failures = a.failures + 1, last_failure_at = now(),
            locked_at = case when a.failures + 1 >= max_tries then now() end
      returning * into tries;
      if tries.failures >= max_tries then
        update private.code_attempts set locked_at = coalesce(locked_at, now())
        where session_id = p_session_id;
        return query select 'locked'::text, null::uuid, 0;
      else
        return query select 'wrong_code'::text, null::uuid, max_tries - tries.failures;
      end if;
      return;
    end if;
  else
    select sp.profile_id into learner from public.session_participants sp
    where sp.session_id = p_session_id and sp.profile_id = p_learner_id
      and sp.status in ('invited', 'accepted', 'attended');
    if learner is null then
      raise exception 'this person is not in the session' using errcode = '22023', detail = 'not_a_participant';
    end if;
  end if;

  update public.session_participants
  set status = 'attended', attended_at = now()
  where session_id = p_session_id and profile_id = learner and status <> 'attended';

  if s.status <> 'completed' then
    update public.sessions set status = 'completed', completed_at = now() where id = p_session_id;
  end if;

  insert into public.teaching_chain (teacher_id, learner_id, skill_id, session_id, ward_id)
  values (s.teacher_id, learner, s.skill_id, s.id, s.ward_id)
  on conflict (session_id, learner_id) do nothing;

  perform private.award_badges(s.teacher_id, s.id);
  perform private.award_badges(learner, s.id);
  return query select 'confirmed'::text, learner, max_tries - coalesce(tries.failures, 0);
end;
$$;

revoke execute on function public.confirm_session(bigint, text, uuid) from public, anon;
grant execute on function public.confirm_session(bigint, text, uuid) to authenticated, service_role;

/**
 * A coordinator of the session's ward lets the teacher try codes again
 * (after checking in person who is there). Returns true when it was locked.
 */
create or replace function public.unlock_session_code(p_session_id bigint)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
  was_locked boolean;
begin
  if not private.is_coordinator_of((select s.ward_id from public.sessions s where s.id = p_session_id)) then
    raise exception 'only a coordinator of this ward can unlock' using errcode = '42501', detail = 'not_coordinator';
  end if;
  delete from private.code_attempts a where a.session_id = p_session_id
  returning a.locked_at is not null into was_locked;
  return coalesce(was_locked, false);
end;
$$;

revoke execute on function public.unlock_session_code(bigint) from public, anon;
grant execute on function public.unlock_session_code(bigint) to authenticated, service_role;

-- -----------------------------------------------------------------------------
-- Push subscriptions: the last person to subscribe on a device owns it
-- -----------------------------------------------------------------------------

/**
 * A device's endpoint belongs to whoever subscribed last on it (a shared
 * family phone): a new subscription takes the endpoint over from its previous
 * owner instead of failing with 23505.
 */
create or replace function private.take_over_endpoint()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  delete from public.push_subscriptions p
  where p.endpoint = new.endpoint and p.profile_id <> new.profile_id;
  return new;
end;
$$;

revoke execute on function private.take_over_endpoint() from public, anon, authenticated;

create trigger push_subscriptions_take_over_endpoint
  before insert on public.push_subscriptions
  for each row execute function private.take_over_endpoint();

/**
 * Saves the signed-in person's subscription for this device (insert, or
 * refresh the keys when the endpoint is already theirs), taking the endpoint
 * over from anyone who had it. Returns the subscription id.
 */
create or replace function public.save_push_subscription(
  p_endpoint text,
  p_p256dh text,
  p_auth text,
  p_user_agent text default null
)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid := (select auth.uid());
  saved bigint;
begin
  if me is null then
    raise exception 'sign in first' using errcode = '42501';
  end if;
  perform pg_advisory_xact_lock(hashtextextended('push-endpoint:' || p_endpoint, 0));
  delete from public.push_subscriptions where endpoint = p_endpoint and profile_id <> me;
  insert into public.push_subscriptions (profile_id, endpoint, p256dh, auth, user_agent)
  values (me, p_endpoint, p_p256dh, p_auth, p_user_agent)
  on conflict (endpoint) do update
    set p256dh = excluded.p256dh, auth = excluded.auth, user_agent = excluded.user_agent,
        failure_count = 0
  returning id into saved;
  return saved;
end;
$$;

revoke execute on function public.save_push_subscription(text, text, text, text) from public, anon;
grant execute on function public.save_push_subscription(text, text, text, text) to authenticated;
