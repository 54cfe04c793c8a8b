-- =============================================================================
-- Lesson lifecycle, notices, reminders and the push outbox
--
-- The app's verbs for a lesson (propose, answer, reschedule, cancel, report a
-- no-show), each one transaction that also writes its notifications. The
-- `notifications` table is the durable outbox of web push: reminders are
-- planned when a lesson is scheduled, never fall in the person's quiet hours,
-- and workers claim due rows with FOR UPDATE SKIP LOCKED under a lease.
-- Error `details` are stable keys the app translates (`request_taken`,
-- `teacher_busy`, `learner_busy`, `session_full`, ...).
-- =============================================================================

-- -----------------------------------------------------------------------------
-- Preferences and notification shape
-- -----------------------------------------------------------------------------

alter table public.profiles
  add column remind_24h boolean not null default true,
  add column remind_1h boolean not null default true;

comment on column public.profiles.remind_24h is 'Send a reminder a day before each lesson.';
comment on column public.profiles.remind_1h is 'Send a reminder an hour before each lesson.';

grant update (remind_24h, remind_1h) on public.profiles to authenticated;

alter table public.notifications drop constraint notifications_kind_check;
alter table public.notifications add constraint notifications_kind_check check (
  kind in (
    'session_proposed', 'session_scheduled', 'session_accepted', 'session_declined',
    'session_rescheduled', 'session_cancelled', 'session_no_show', 'confirmation_due',
    'reminder_24h', 'reminder_1h', 'badge_awarded', 'request_matched', 'verification', 'system'
  )
);

alter table public.notifications
  add column params jsonb check (params is null or jsonb_typeof(params) = 'object'),
  add column push_claim uuid,
  add column push_claimed_until timestamptz,
  add column push_attempts integer not null default 0,
  add column push_outcome text
    check (push_outcome in ('sent', 'no_device', 'push_off', 'failed', 'dropped'));

comment on column public.notifications.params is
  'When set, title and body are message keys and these their values: rendered in the reader''s locale.';
comment on column public.notifications.push_claimed_until is
  'Lease of the worker sending this push; another worker may take it over once it has passed.';

-- -----------------------------------------------------------------------------
-- Who, when, quiet hours
-- -----------------------------------------------------------------------------

/**
 * Everyone a session concerns: its teacher, its request's learner and every
 * participant who has not declined or cancelled.
 */
create or replace function private.session_people(p_session_id bigint)
returns table (profile_id uuid, role text)
language sql
stable
security definer
set search_path = ''
as $$
  select distinct on (who.profile_id) who.profile_id, who.role
  from public.sessions s
  cross join lateral (
    select s.teacher_id, 'teacher'
    union all
    select r.learner_id, 'learner' from public.help_requests r where r.id = s.request_id
    union all
    select sp.profile_id, 'learner' from public.session_participants sp
    where sp.session_id = s.id and sp.status not in ('declined', 'cancelled')
  ) as who (profile_id, role)
  where s.id = p_session_id
  order by who.profile_id, who.role desc;
$$;

revoke execute on function private.session_people(bigint) from public, anon, authenticated;

/**
 * True when `p_at` falls in the quiet hours [start, end) in Asia/Ho_Chi_Minh
 * (the window may wrap past midnight).
 */
create or replace function private.in_quiet_hours(p_start time, p_end time, p_at timestamptz)
returns boolean
language sql
stable
set search_path = ''
as $$
  select case
    when p_start is null or p_end is null or p_start = p_end then false
    when p_start < p_end then
      (p_at at time zone 'Asia/Ho_Chi_Minh')::time >= p_start
      and (p_at at time zone 'Asia/Ho_Chi_Minh')::time < p_end
    else
      (p_at at time zone 'Asia/Ho_Chi_Minh')::time >= p_start
      or (p_at at time zone 'Asia/Ho_Chi_Minh')::time < p_end
  end;
$$;

revoke execute on function private.in_quiet_hours(time, time, timestamptz) from public, anon;
grant execute on function private.in_quiet_hours(time, time, timestamptz) to authenticated, service_role;

/**
 * When a reminder planned for `p_at` may go out: `p_at` itself outside quiet
 * hours; otherwise the end of the quiet hours if that is still before
 * `p_deadline`, else the last minute before they began (earlier, not never).
 */
create or replace function private.reminder_time(
  p_start time, p_end time, p_at timestamptz, p_deadline timestamptz
)
returns timestamptz
language plpgsql
stable
set search_path = ''
as $$
declare
  local timestamp := p_at at time zone 'Asia/Ho_Chi_Minh';
  quiet_end timestamp;
  quiet_start timestamp;
begin
  if not private.in_quiet_hours(p_start, p_end, p_at) then
    return p_at;
  end if;
  quiet_end := local::date + p_end;
  if quiet_end <= local then
    quiet_end := quiet_end + interval '1 day';
  end if;
  if (quiet_end at time zone 'Asia/Ho_Chi_Minh') < p_deadline then
    return quiet_end at time zone 'Asia/Ho_Chi_Minh';
  end if;
  quiet_start := local::date + p_start;
  if quiet_start > local then
    quiet_start := quiet_start - interval '1 day';
  end if;
  return (quiet_start - interval '1 minute') at time zone 'Asia/Ho_Chi_Minh';
end;
$$;

revoke execute on function private.reminder_time(time, time, timestamptz, timestamptz) from public, anon;
grant execute on function private.reminder_time(time, time, timestamptz, timestamptz) to authenticated, service_role;

/**
 * What a notice about a session says, as message values: the skill in both
 * languages, the start, the teacher's name, the place type and a reason.
 */
create or replace function private.session_params(p_session_id bigint, p_reason text default null)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_strip_nulls(jsonb_build_object(
    'skill_vi', k.title_vi,
    'skill_en', k.title_en,
    'starts_at', s.starts_at,
    'teacher', t.display_name,
    'place_type', s.place_type,
    'reason', p_reason
  ))
  from public.sessions s
  join public.skills k on k.id = s.skill_id
  join public.profiles t on t.id = s.teacher_id
  where s.id = p_session_id;
$$;

revoke execute on function private.session_params(bigint, text) from public, anon, authenticated;

/**
 * Writes one notice (message keys `notify.<kind>.title/body`) for a session,
 * in the same transaction as the event. A repeated dedupe key is ignored.
 */
create or replace function private.notify(
  p_profile_id uuid,
  p_kind text,
  p_session_id bigint,
  p_params jsonb,
  p_dedupe_key text default null,
  p_send_after timestamptz default now()
)
returns void
language sql
security definer
set search_path = ''
as $$
  insert into public.notifications
    (profile_id, kind, title, body, url, session_id, params, dedupe_key, send_after)
  values
    (p_profile_id, p_kind, 'notify.' || p_kind || '.title', 'notify.' || p_kind || '.body',
     '/lessons/' || p_session_id, p_session_id, coalesce(p_params, '{}'::jsonb), p_dedupe_key,
     p_send_after)
  on conflict on constraint notifications_once do nothing;
$$;

revoke execute on function private.notify(uuid, text, bigint, jsonb, text, timestamptz) from public, anon, authenticated;

-- -----------------------------------------------------------------------------
-- Reminders: planned when a lesson is scheduled, re-planned when it moves
-- -----------------------------------------------------------------------------

/**
 * Replaces the unsent reminders of a session: 24 h and 1 h before (each
 * person's choice), and "confirm the lesson" at its end, for everyone it
 * books, shifted out of each person's quiet hours. A cancelled session keeps
 * none. Dedupe keys carry the start, so a reschedule plans afresh.
 */
create or replace function private.plan_reminders(p_session_id bigint)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  s public.sessions;
  params jsonb;
begin
  delete from public.notifications n
  where n.session_id = p_session_id
    and n.kind in ('reminder_24h', 'reminder_1h', 'confirmation_due')
    and n.push_sent_at is null and n.push_claim is null;

  select * into s from public.sessions where id = p_session_id;
  if s.status is distinct from 'scheduled' then
    return;
  end if;
  params := private.session_params(p_session_id);

  insert into public.notifications
    (profile_id, kind, title, body, url, session_id, params, dedupe_key, send_after)
  select who.profile_id, r.kind, 'notify.' || r.kind || '.title', 'notify.' || r.kind || '.body',
         '/lessons/' || s.id, s.id, params,
         r.kind || ':' || s.id || ':' || extract(epoch from s.starts_at)::bigint,
         private.reminder_time(p.quiet_hours_start, p.quiet_hours_end, r.at, r.deadline)
  from private.session_people(p_session_id) who
  join public.profiles p on p.id = who.profile_id
  cross join lateral (
    values
      ('reminder_24h', s.starts_at - interval '24 hours', s.starts_at - interval '1 hour', p.remind_24h),
      ('reminder_1h', s.starts_at - interval '1 hour', s.starts_at, p.remind_1h),
      ('confirmation_due', s.ends_at, s.ends_at + interval '1 day', true)
  ) as r (kind, at, deadline, wanted)
  where r.wanted and r.at > now()
    and (who.role = 'teacher' or r.kind <> 'confirmation_due')
    and not exists (
      select 1 from public.session_participants sp
      where sp.session_id = s.id and sp.profile_id = who.profile_id and sp.status = 'invited'
        and s.kind = 'class'
    )
  on conflict on constraint notifications_once do nothing;
end;
$$;

revoke execute on function private.plan_reminders(bigint) from public, anon, authenticated;

-- -----------------------------------------------------------------------------
-- Events write their notices
-- -----------------------------------------------------------------------------

/**
 * Notices for a session's own events: a proposal to the learner (and to
 * whoever filed the request for them), a reschedule or cancellation to everyone
 * else concerned; reminders re-planned on every change of time or status.
 */
create or replace function private.notify_session_event()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  actor uuid := (select auth.uid());
  who record;
begin
  if tg_op = 'INSERT' then
    if new.status = 'proposed' and new.request_id is not null then
      for who in
        select distinct x.id from public.help_requests r
        cross join lateral (values (r.learner_id), (r.created_by)) as x (id)
        where r.id = new.request_id and x.id is not null
      loop
        perform private.notify(who.id, 'session_proposed', new.id, private.session_params(new.id),
                               'proposed:' || new.id);
      end loop;
    end if;
    perform private.plan_reminders(new.id);
    return null;
  end if;

  if new.status = 'cancelled' and old.status in ('proposed', 'scheduled') then
    for who in select * from private.session_people(new.id) loop
      if who.profile_id is distinct from actor then
        perform private.notify(who.profile_id, 'session_cancelled', new.id,
                               private.session_params(new.id, new.cancel_reason));
      end if;
    end loop;
  elsif new.status = 'no_show' and old.status is distinct from 'no_show' then
    for who in select * from private.session_people(new.id) loop
      if who.profile_id is distinct from actor then
        perform private.notify(who.profile_id, 'session_no_show', new.id,
                               private.session_params(new.id, new.cancel_reason));
      end if;
    end loop;
  elsif new.status in ('proposed', 'scheduled')
        and (new.starts_at, new.ends_at) is distinct from (old.starts_at, old.ends_at) then
    for who in select * from private.session_people(new.id) loop
      if who.profile_id is distinct from actor then
        perform private.notify(who.profile_id, 'session_rescheduled', new.id,
                               private.session_params(new.id, nullif(current_setting('app.reason', true), '')));
      end if;
    end loop;
  end if;
  perform private.plan_reminders(new.id);
  return null;
end;
$$;

revoke execute on function private.notify_session_event() from public, anon, authenticated;

create trigger sessions_notify
  after insert or update of status, starts_at, ends_at on public.sessions
  for each row execute function private.notify_session_event();

/**
 * Notices for a participant's events: an invitation to the participant, an
 * answer to the teacher; reminders re-planned for a class.
 */
create or replace function private.notify_participant_event()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  teacher uuid;
  session_status text;
begin
  select s.teacher_id, s.status into teacher, session_status
  from public.sessions s where s.id = new.session_id;
  if tg_op = 'INSERT' then
    if new.status = 'invited' then
      perform private.notify(new.profile_id, 'session_proposed', new.session_id,
                             private.session_params(new.session_id), 'proposed:' || new.session_id);
    end if;
  elsif new.status is distinct from old.status and new.status in ('accepted', 'declined') then
    perform private.notify(teacher, 'session_' || new.status, new.session_id,
                           private.session_params(new.session_id,
                             nullif(current_setting('app.reason', true), '')));
  end if;
  if session_status = 'scheduled' then
    perform private.plan_reminders(new.session_id);
  end if;
  return null;
end;
$$;

revoke execute on function private.notify_participant_event() from public, anon, authenticated;

create trigger session_participants_notify
  after insert or update of status on public.session_participants
  for each row execute function private.notify_participant_event();

-- -----------------------------------------------------------------------------
-- The lifecycle verbs
-- -----------------------------------------------------------------------------

/**
 * A volunteer proposes a lesson for an open request: a time and a place (the
 * learner's home, a venue, or another public place described in
 * `p_place_note`). Moves the request to `scheduled` and invites its learner.
 * Runs as the caller, so the session and participant policies apply.
 * A request someone else took first raises 23505 with details 'request_taken'.
 */
create or replace function public.propose_lesson(
  p_request_id bigint,
  p_starts_at timestamptz,
  p_ends_at timestamptz,
  p_place_type text,
  p_venue_id bigint default null,
  p_place_note text default ''
)
returns bigint
language plpgsql
set search_path = ''
as $$
declare
  facts record;
  created bigint;
begin
  select * into facts from private.request_facts(p_request_id);
  if facts.ward_id is null then
    raise exception 'this help request does not exist' using errcode = '23503', detail = 'request_missing';
  end if;
  if facts.status <> 'open' then
    raise exception 'another volunteer has already taken this request'
      using errcode = '23505', detail = 'request_taken';
  end if;
  if p_starts_at < now() then
    raise exception 'a lesson cannot start in the past' using errcode = '22023', detail = 'in_the_past';
  end if;
  begin
    insert into public.sessions
      (request_id, skill_id, teacher_id, ward_id, place_type, venue_id, place_note, starts_at, ends_at)
    select p_request_id, r.skill_id, (select auth.uid()), facts.ward_id, p_place_type, p_venue_id,
           coalesce(p_place_note, ''), p_starts_at, p_ends_at
    from (select skill_id from private.request_skill(p_request_id)) r
    returning id into created;
  exception when unique_violation then
    raise exception 'another volunteer has already taken this request'
      using errcode = '23505', detail = 'request_taken';
  end;
  insert into public.session_participants (session_id, profile_id) values (created, facts.learner_id);
  return created;
end;
$$;

/**
 * The skill of a request, whoever may see the request.
 */
create or replace function private.request_skill(p_request_id bigint)
returns table (skill_id bigint)
language sql
stable
security definer
set search_path = ''
as $$
  select r.skill_id from public.help_requests r where r.id = p_request_id;
$$;

revoke execute on function private.request_skill(bigint) from public, anon;
grant execute on function private.request_skill(bigint) to authenticated, service_role;

revoke execute on function public.propose_lesson(bigint, timestamptz, timestamptz, text, bigint, text)
  from public, anon;
grant execute on function public.propose_lesson(bigint, timestamptz, timestamptz, text, bigint, text)
  to authenticated;

/**
 * The invited person (or their helper, `p_for`) accepts or declines. For a
 * one-to-one, accepting schedules the lesson and declining cancels it and
 * reopens the request. Runs as the caller. Returns the new status.
 */
create or replace function public.answer_lesson(
  p_session_id bigint,
  p_accept boolean,
  p_reason text default null,
  p_for uuid default null
)
returns text
language plpgsql
set search_path = ''
as $$
declare
  answered text;
begin
  perform set_config('app.reason', coalesce(left(p_reason, 500), ''), true);
  update public.session_participants
  set status = case when p_accept then 'accepted' else 'declined' end
  where session_id = p_session_id
    and profile_id = coalesce(p_for, (select auth.uid()))
    and status in ('invited', 'accepted', 'declined')
  returning status into answered;
  if answered is null then
    raise exception 'there is no invitation to answer' using errcode = '42501', detail = 'not_invited';
  end if;
  if not p_accept then
    perform private.set_decline_reason(p_session_id, p_reason);
  end if;
  return answered;
end;
$$;

revoke execute on function public.answer_lesson(bigint, boolean, text, uuid) from public, anon;
grant execute on function public.answer_lesson(bigint, boolean, text, uuid) to authenticated;

/**
 * Records why a one-to-one was declined (the learner cannot write sessions).
 */
create or replace function private.set_decline_reason(p_session_id bigint, p_reason text)
returns void
language sql
security definer
set search_path = ''
as $$
  update public.sessions set cancel_reason = left(coalesce(nullif(p_reason, ''), 'declined'), 500)
  where id = p_session_id and kind = 'one_to_one' and status = 'cancelled'
    and exists (
      select 1 from public.session_participants sp
      where sp.session_id = p_session_id and sp.status = 'declined' and private.answers_for(sp.profile_id)
    );
$$;

revoke execute on function private.set_decline_reason(bigint, text) from public, anon;
grant execute on function private.set_decline_reason(bigint, text) to authenticated;

/**
 * What the signed-in user is to a session: 'teacher', 'coordinator',
 * 'learner' (a participant they answer for) or null.
 */
create or replace function private.my_part_in(p_session_id bigint)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select case
    when s.teacher_id = (select auth.uid()) then 'teacher'
    when private.is_coordinator_of(s.ward_id) then 'coordinator'
    when exists (
      select 1 from public.session_participants sp
      where sp.session_id = s.id and sp.status not in ('declined', 'cancelled')
        and private.answers_for(sp.profile_id)
    ) then 'learner'
  end
  from public.sessions s where s.id = p_session_id;
$$;

revoke execute on function private.my_part_in(bigint) from public, anon;
grant execute on function private.my_part_in(bigint) to authenticated, service_role;

/**
 * Either side moves a live lesson to another time, with a reason that the
 * others receive. The ledger refuses a time that clashes for anyone.
 */
create or replace function public.reschedule_lesson(
  p_session_id bigint,
  p_starts_at timestamptz,
  p_ends_at timestamptz,
  p_reason text
)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  part text := private.my_part_in(p_session_id);
begin
  if part is null or (part = 'learner' and
      (select s.kind from public.sessions s where s.id = p_session_id) = 'class') then
    raise exception 'only the people of this lesson can move it' using errcode = '42501', detail = 'not_your_session';
  end if;
  if coalesce(btrim(p_reason), '') = '' then
    raise exception 'say why the lesson moves' using errcode = '22023', detail = 'reason_required';
  end if;
  if p_starts_at < now() then
    raise exception 'a lesson cannot start in the past' using errcode = '22023', detail = 'in_the_past';
  end if;
  perform set_config('app.reason', left(p_reason, 500), true);
  update public.sessions set starts_at = p_starts_at, ends_at = p_ends_at
  where id = p_session_id and status in ('proposed', 'scheduled');
  if not found then
    raise exception 'this lesson is no longer planned' using errcode = '22023', detail = 'not_live';
  end if;
end;
$$;

revoke execute on function public.reschedule_lesson(bigint, timestamptz, timestamptz, text) from public, anon;
grant execute on function public.reschedule_lesson(bigint, timestamptz, timestamptz, text) to authenticated;

/**
 * Cancels with a reason: the teacher or a coordinator cancels the lesson; a
 * learner cancels a one-to-one, or their own place in a class. A cancelled
 * one-to-one reopens its request.
 */
create or replace function public.cancel_lesson(p_session_id bigint, p_reason text)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  part text := private.my_part_in(p_session_id);
  s public.sessions;
begin
  select * into s from public.sessions where id = p_session_id;
  if part is null then
    raise exception 'only the people of this lesson can cancel it' using errcode = '42501', detail = 'not_your_session';
  end if;
  if coalesce(btrim(p_reason), '') = '' then
    raise exception 'say why the lesson is cancelled' using errcode = '22023', detail = 'reason_required';
  end if;
  if s.status not in ('proposed', 'scheduled') then
    raise exception 'this lesson is no longer planned' using errcode = '22023', detail = 'not_live';
  end if;
  if part = 'learner' and s.kind = 'class' then
    update public.session_participants sp set status = 'cancelled'
    where sp.session_id = p_session_id and sp.status not in ('declined', 'cancelled')
      and private.answers_for(sp.profile_id);
    return;
  end if;
  update public.sessions
  set status = 'cancelled', cancel_reason = left(p_reason, 500), cancelled_by = (select auth.uid())
  where id = p_session_id;
end;
$$;

revoke execute on function public.cancel_lesson(bigint, text) from public, anon;
grant execute on function public.cancel_lesson(bigint, text) to authenticated;

/**
 * Reports that the other side did not come, from the start until a day after
 * the end. A one-to-one becomes `no_show` (its request reopens); in a class
 * the teacher marks one participant. The report also reaches the ward's
 * coordinators (a `reports` row).
 */
create or replace function public.report_no_show(
  p_session_id bigint,
  p_absent_id uuid,
  p_note text default ''
)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  part text := private.my_part_in(p_session_id);
  s public.sessions;
begin
  select * into s from public.sessions where id = p_session_id for update;
  if part is null or p_absent_id = (select auth.uid())
     or p_absent_id not in (select w.profile_id from private.session_people(p_session_id) w) then
    raise exception 'only the people of this lesson can report an absence'
      using errcode = '42501', detail = 'not_your_session';
  end if;
  if s.status <> 'scheduled' or now() < s.starts_at or now() > s.ends_at + interval '1 day' then
    raise exception 'an absence is reported from the start until a day after the end'
      using errcode = '22023', detail = 'not_now';
  end if;
  if s.kind = 'class' and p_absent_id <> s.teacher_id then
    update public.session_participants set status = 'no_show'
    where session_id = p_session_id and profile_id = p_absent_id;
  else
    update public.session_participants set status = 'no_show'
    where session_id = p_session_id and profile_id = p_absent_id;
    update public.sessions set status = 'no_show', cancel_reason = left(nullif(p_note, ''), 500)
    where id = p_session_id;
  end if;
  insert into public.reports (reporter_id, reported_id, session_id, reason, details)
  values ((select auth.uid()), p_absent_id, p_session_id, 'no_show', left(coalesce(p_note, ''), 2000));
end;
$$;

revoke execute on function public.report_no_show(bigint, uuid, text) from public, anon;
grant execute on function public.report_no_show(bigint, uuid, text) to authenticated;

-- -----------------------------------------------------------------------------
-- Jobs and the push outbox (service role only)
-- -----------------------------------------------------------------------------

/**
 * Cancels proposals nobody answered in time ('expired'), which reopens their
 * requests. Returns how many.
 */
create or replace function private.expire_proposals()
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  n integer;
begin
  with lapsed as (
    select s.id from public.sessions s
    where s.status = 'proposed' and s.expires_at <= now()
    for update skip locked
  )
  update public.sessions s set status = 'cancelled', cancel_reason = 'expired'
  from lapsed where s.id = lapsed.id;
  get diagnostics n = row_count;
  return n;
end;
$$;

revoke execute on function private.expire_proposals() from public, anon, authenticated;

/**
 * Claims up to `p_limit` due notices for one worker, under a lease: rows whose
 * push is unsent, due, not leased by a live worker and whose recipient is not
 * in quiet hours, locked with FOR UPDATE SKIP LOCKED so two workers never
 * claim the same row. Recipients with push off or no device are settled here
 * (in-app only). Returns what to send, with each recipient's devices.
 */
create or replace function private.claim_push_batch(p_limit integer, p_lease_seconds integer)
returns table (
  id bigint,
  claim uuid,
  profile_id uuid,
  locale text,
  kind text,
  title text,
  body text,
  url text,
  params jsonb,
  session_id bigint,
  attempts integer,
  subscriptions jsonb
)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  token uuid := gen_random_uuid();
begin
  return query
  with due as (
    select n.id
    from public.notifications n
    join public.profiles p on p.id = n.profile_id
    where n.push_sent_at is null
      and n.send_after <= now()
      and (n.push_claimed_until is null or n.push_claimed_until < now())
      and not private.in_quiet_hours(p.quiet_hours_start, p.quiet_hours_end, now())
    order by n.send_after, n.id
    limit greatest(1, least(p_limit, 1000))
    for update of n skip locked
  ),
  devices as (
    select n.id,
           p.push_enabled,
           (select coalesce(jsonb_agg(jsonb_build_object(
                     'id', ps.id, 'endpoint', ps.endpoint, 'p256dh', ps.p256dh, 'auth', ps.auth)
                     order by ps.id), '[]'::jsonb)
            from public.push_subscriptions ps where ps.profile_id = n.profile_id) as subs
    from due
    join public.notifications n on n.id = due.id
    join public.profiles p on p.id = n.profile_id
  ),
  claimed as (
    update public.notifications n
    set push_claim = case when d.push_enabled and d.subs <> '[]'::jsonb then token end,
        push_claimed_until = case when d.push_enabled and d.subs <> '[]'::jsonb
                                  then now() + make_interval(secs => p_lease_seconds) end,
        push_attempts = n.push_attempts + 1,
        push_sent_at = case when d.push_enabled and d.subs <> '[]'::jsonb then null else now() end,
        push_outcome = case when not d.push_enabled then 'push_off'
                            when d.subs = '[]'::jsonb then 'no_device' end
    from devices d
    where n.id = d.id
    returning n.id, n.push_claim, n.profile_id, n.kind, n.title, n.body, n.url, n.params,
              n.session_id, n.push_attempts, d.subs
  )
  select c.id, c.push_claim, c.profile_id, p.locale, c.kind, c.title, c.body, c.url, c.params,
         c.session_id, c.push_attempts, c.subs
  from claimed c
  join public.profiles p on p.id = c.profile_id
  where c.push_claim = token;
end;
$$;

revoke execute on function private.claim_push_batch(integer, integer) from public, anon, authenticated;

/**
 * Settles what a worker sent under its claim: `p_sent` delivered, `p_retry`
 * ([{id, after_seconds}]) due again later (given up after 8 attempts),
 * `p_gone` subscriptions the push service answered 404/410 (deleted). A claim
 * that another worker has since taken over is left alone.
 */
create or replace function private.finish_push_batch(
  p_claim uuid,
  p_sent bigint[],
  p_retry jsonb,
  p_gone bigint[]
)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  n integer;
begin
  delete from public.push_subscriptions where id = any (coalesce(p_gone, '{}'));
  update public.notifications
  set push_sent_at = now(), push_outcome = 'sent', push_claim = null, push_claimed_until = null
  where id = any (coalesce(p_sent, '{}')) and push_claim = p_claim;
  get diagnostics n = row_count;
  update public.notifications x
  set push_claim = null, push_claimed_until = null,
      send_after = now() + make_interval(secs => least(greatest((r.value ->> 'after_seconds')::int, 1), 86400)),
      push_sent_at = case when x.push_attempts >= 8 then now() end,
      push_outcome = case when x.push_attempts >= 8 then 'failed' end
  from jsonb_array_elements(coalesce(p_retry, '[]'::jsonb)) r
  where x.id = (r.value ->> 'id')::bigint and x.push_claim = p_claim;
  return n;
end;
$$;

revoke execute on function private.finish_push_batch(uuid, bigint[], jsonb, bigint[]) from public, anon, authenticated;

/**
 * The worker's entry points (service role only): claim a batch, settle it,
 * and run the lesson jobs (expire unanswered proposals).
 */
create or replace function public.claim_push_batch(p_limit integer default 200, p_lease_seconds integer default 60)
returns table (
  id bigint, claim uuid, profile_id uuid, locale text, kind text, title text, body text, url text,
  params jsonb, session_id bigint, attempts integer, subscriptions jsonb
)
language sql
security definer
set search_path = ''
as $$
  select * from private.claim_push_batch(p_limit, p_lease_seconds);
$$;

create or replace function public.finish_push_batch(
  p_claim uuid, p_sent bigint[], p_retry jsonb default '[]', p_gone bigint[] default '{}'
)
returns integer
language sql
security definer
set search_path = ''
as $$
  select private.finish_push_batch(p_claim, p_sent, p_retry, p_gone);
$$;

/**
 * Runs the lesson jobs once; returns how many proposals expired.
 */
create or replace function public.run_lesson_jobs()
returns integer
language sql
security definer
set search_path = ''
as $$
  select private.expire_proposals();
$$;

revoke execute on function public.claim_push_batch(integer, integer) from public, anon, authenticated;
revoke execute on function public.finish_push_batch(uuid, bigint[], jsonb, bigint[]) from public, anon, authenticated;
revoke execute on function public.run_lesson_jobs() from public, anon, authenticated;
grant execute on function public.claim_push_batch(integer, integer) to service_role;
grant execute on function public.finish_push_batch(uuid, bigint[], jsonb, bigint[]) to service_role;
grant execute on function public.run_lesson_jobs() to service_role;

create index notifications_claimable_idx on public.notifications (send_after, id)
  where (push_sent_at is null);
drop index public.notifications_unsent_idx;
