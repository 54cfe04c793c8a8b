-- =============================================================================
-- Coordinators edit and cancel a class from the board
--
-- A class (20261202050000_ward_operations.sql) could be scheduled but not
-- changed. A coordinator of the class's ward may now move it (time), resize
-- it (capacity, never below the learners signed up) and move it to another
-- venue of the same ward, or cancel it with a reason; only while it is
-- scheduled and has not started. The signed-up learners hear of it through
-- the session triggers (private.notify_session_event: a new time or a
-- cancellation, with the reason); a change of venue alone is told to them
-- here with the same 'session_rescheduled' notice.
-- A class never holds fewer seats than people signed up, whoever changes it
-- (a trigger, since a coordinator may also update sessions through the API).
-- =============================================================================

/**
 * Refuses a class capacity below the learners holding a place (any
 * participant who has not declined or cancelled): 23514 'capacity_below_signups'.
 */
create or replace function private.keep_class_seats()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  taken integer;
begin
  if new.kind = 'class' and new.capacity < old.capacity then
    select count(*) into taken from public.session_participants sp
    where sp.session_id = new.id and sp.status not in ('declined', 'cancelled');
    if new.capacity < taken then
      raise exception '% learners have signed up for this class', taken
        using errcode = '23514', detail = 'capacity_below_signups';
    end if;
  end if;
  return new;
end;
$$;

revoke execute on function private.keep_class_seats() from public, anon, authenticated;

create trigger sessions_keep_class_seats
  before update of capacity on public.sessions
  for each row execute function private.keep_class_seats();

/**
 * Locks a class the signed-in coordinator may still change, or raises:
 * 42501 not_coordinator (not a class of a ward they coordinate), 22023
 * not_scheduled (cancelled, completed) or already_started.
 */
create or replace function private.changeable_class(p_session_id bigint)
returns public.sessions
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  s public.sessions;
begin
  select * into s from public.sessions where id = p_session_id and kind = 'class' for update;
  if s.id is null or not private.is_coordinator_of(s.ward_id) then
    raise exception 'only a coordinator of the class''s ward changes it'
      using errcode = '42501', detail = 'not_coordinator';
  end if;
  if s.status <> 'scheduled' then
    raise exception 'this class is no longer planned' using errcode = '22023', detail = 'not_scheduled';
  end if;
  if s.starts_at <= now() then
    raise exception 'this class has already started' using errcode = '22023', detail = 'already_started';
  end if;
  return s;
end;
$$;

revoke execute on function private.changeable_class(bigint) from public, anon, authenticated;

/**
 * A coordinator of the class's ward changes its time, capacity and venue (a
 * venue of the same ward). The ledger refuses a time when the teacher or a
 * learner is busy (23P01), the venue's seats bound the capacity (23514
 * venue_too_small), the sign-ups bound it from below (23514
 * capacity_below_signups). Learners are told of a new time or place.
 */
create or replace function private.edit_class(
  p_session_id bigint,
  p_starts_at timestamptz,
  p_ends_at timestamptz,
  p_capacity smallint,
  p_venue_id bigint
)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  s public.sessions := private.changeable_class(p_session_id);
  moved boolean;
begin
  if p_starts_at is null or p_starts_at <= now() then
    raise exception 'a class cannot start in the past' using errcode = '22023', detail = 'in_the_past';
  end if;
  if p_ends_at is null or p_ends_at <= p_starts_at or p_ends_at > p_starts_at + interval '8 hours' then
    raise exception 'a class lasts up to eight hours' using errcode = '22023', detail = 'bad_length';
  end if;
  if p_capacity is null or p_capacity not between 1 and 200 then
    raise exception 'a class seats 1 to 200 people' using errcode = '22023', detail = 'bad_capacity';
  end if;
  if not exists (select 1 from public.venues v where v.id = p_venue_id and v.ward_id = s.ward_id) then
    raise exception 'a class meets at a venue of its own ward' using errcode = '22023', detail = 'not_our_venue';
  end if;
  moved := (p_starts_at, p_ends_at) is distinct from (s.starts_at, s.ends_at);
  update public.sessions
  set starts_at = p_starts_at, ends_at = p_ends_at, capacity = p_capacity, venue_id = p_venue_id
  where id = s.id;
  -- A new time is told by the session trigger; a new place alone is told here, the same way.
  if not moved and p_venue_id is distinct from s.venue_id then
    perform private.notify(who.profile_id, 'session_rescheduled', s.id, private.session_params(s.id),
                           'venue:' || s.id || ':' || p_venue_id)
    from private.session_people(s.id) who
    where who.profile_id is distinct from (select auth.uid());
  end if;
end;
$$;

revoke execute on function private.edit_class(bigint, timestamptz, timestamptz, smallint, bigint) from public, anon;
grant execute on function private.edit_class(bigint, timestamptz, timestamptz, smallint, bigint) to authenticated, service_role;

/** A coordinator changes a class of their ward (see private.edit_class). */
create or replace function public.edit_class(
  p_session_id bigint,
  p_starts_at timestamptz,
  p_ends_at timestamptz,
  p_capacity smallint,
  p_venue_id bigint
)
returns void
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.edit_class(p_session_id, p_starts_at, p_ends_at, p_capacity, p_venue_id);
$$;

revoke execute on function public.edit_class(bigint, timestamptz, timestamptz, smallint, bigint) from public, anon;
grant execute on function public.edit_class(bigint, timestamptz, timestamptz, smallint, bigint) to authenticated;

/**
 * A coordinator of the class's ward cancels it before it starts, with a
 * reason (3 to 500 characters, 22023 reason_required) that every signed-up
 * learner and the teacher receive ('session_cancelled', by the session trigger).
 */
create or replace function private.cancel_class(p_session_id bigint, p_reason text)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  s public.sessions := private.changeable_class(p_session_id);
begin
  if length(btrim(coalesce(p_reason, ''))) not between 3 and 500 then
    raise exception 'say why the class is cancelled' using errcode = '22023', detail = 'reason_required';
  end if;
  update public.sessions
  set status = 'cancelled', cancel_reason = btrim(p_reason), cancelled_by = (select auth.uid())
  where id = s.id;
end;
$$;

revoke execute on function private.cancel_class(bigint, text) from public, anon;
grant execute on function private.cancel_class(bigint, text) to authenticated, service_role;

/** A coordinator cancels a class of their ward (see private.cancel_class). */
create or replace function public.cancel_class(p_session_id bigint, p_reason text)
returns void
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.cancel_class(p_session_id, p_reason);
$$;

revoke execute on function public.cancel_class(bigint, text) from public, anon;
grant execute on function public.cancel_class(bigint, text) to authenticated;

/**
 * The same rules for a direct update through the API (a coordinator may
 * update their ward's sessions, a teacher their own): a class that has
 * started keeps its time, seats and venue (22023 already_started), and moves
 * only to a venue of its own ward (22023 not_our_venue). Runs as the caller
 * on purpose: the functions above, running as the owner, check for themselves.
 */
create or replace function private.guard_class_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if private.is_client() and old.kind = 'class' then
    if old.starts_at <= now()
       and (new.starts_at, new.ends_at, new.capacity, new.venue_id)
           is distinct from (old.starts_at, old.ends_at, old.capacity, old.venue_id) then
      raise exception 'this class has already started' using errcode = '22023', detail = 'already_started';
    end if;
    if new.venue_id is distinct from old.venue_id and not exists (
      select 1 from public.venues v where v.id = new.venue_id and v.ward_id = new.ward_id
    ) then
      raise exception 'a class meets at a venue of its own ward' using errcode = '22023', detail = 'not_our_venue';
    end if;
  end if;
  return new;
end;
$$;

revoke execute on function private.guard_class_change() from public, anon, authenticated;

create trigger sessions_guard_class_change
  before update of starts_at, ends_at, capacity, venue_id on public.sessions
  for each row execute function private.guard_class_change();
