-- =============================================================================
-- Push per device, and the person's reminder settings
--
-- A notice goes to every device of its recipient. Until now one delivered
-- device settled the whole notice, so a phone whose push service answered 5xx
-- or timed out never got it although a laptop did. Now each device that took
-- the message is recorded while another one is retried; a retry goes only to
-- the devices still owed, and the notice is settled once none is owed.
-- Also: `save_notification_settings`, which changes the reminders and quiet
-- hours and re-plans the person's own pending reminders to match.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- Deliveries per device
-- -----------------------------------------------------------------------------

/**
 * Devices that already received a notice still being retried for another of
 * the recipient's devices. Written and read by the push worker (service role)
 * only; rows go with their notice or device.
 */
create table public.push_deliveries (
  notification_id bigint not null references public.notifications (id) on delete cascade,
  subscription_id bigint not null references public.push_subscriptions (id) on delete cascade,
  delivered_at timestamptz not null default now(),
  primary key (notification_id, subscription_id)
);

comment on table public.push_deliveries is
  'Devices a notice reached while it is retried for others; worker only.';

create index push_deliveries_subscription_id_idx on public.push_deliveries (subscription_id);

alter table public.push_deliveries enable row level security;
-- No policy: nobody but the service role (which bypasses RLS) reads or writes it.
revoke all on public.push_deliveries from anon, authenticated;

/**
 * As before, but each notice carries only the devices it has not reached yet.
 * A notice whose devices have all been reached (a worker died between the
 * last send and its settle) is settled here as sent.
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
            from public.push_subscriptions ps
            where ps.profile_id = n.profile_id
              and not exists (
                select 1 from public.push_deliveries pd
                where pd.notification_id = n.id and pd.subscription_id = ps.id
              )) as subs,
           exists (select 1 from public.push_deliveries pd where pd.notification_id = n.id) as reached
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
        push_outcome = case when d.reached and (not d.push_enabled or d.subs = '[]'::jsonb) then 'sent'
                            when not d.push_enabled then 'push_off'
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
 * Settles what a worker sent under its claim: `p_sent` notices every device
 * has (or that have no device left); `p_retry` ([{id, after_seconds,
 * delivered: [subscription ids]}]) notices owed to some device, due again
 * later for those only (after 8 attempts: 'sent' if some device has it, else
 * 'failed'); `p_gone` subscriptions answered 404/410 (deleted). A claim that
 * another worker has since taken over is left alone. Returns how many
 * notices were settled as sent.
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
  delete from public.push_deliveries where notification_id = any (coalesce(p_sent, '{}'));

  insert into public.push_deliveries (notification_id, subscription_id)
  select x.id, d.value::bigint
  from jsonb_array_elements(coalesce(p_retry, '[]'::jsonb)) r
  cross join lateral jsonb_array_elements_text(coalesce(r.value -> 'delivered', '[]'::jsonb)) d
  join public.notifications x on x.id = (r.value ->> 'id')::bigint and x.push_claim = p_claim
  join public.push_subscriptions ps on ps.id = d.value::bigint and ps.profile_id = x.profile_id
  on conflict do nothing;

  update public.notifications x
  set push_claim = null, push_claimed_until = null,
      send_after = now() + make_interval(secs => least(greatest((r.value ->> 'after_seconds')::int, 1), 86400)),
      push_sent_at = case when x.push_attempts >= 8 then now() end,
      push_outcome = case
        when x.push_attempts < 8 then null
        when exists (select 1 from public.push_deliveries pd where pd.notification_id = x.id) then 'sent'
        else 'failed' end
  from jsonb_array_elements(coalesce(p_retry, '[]'::jsonb)) r
  where x.id = (r.value ->> 'id')::bigint and x.push_claim = p_claim;
  return n;
end;
$$;

revoke execute on function private.finish_push_batch(uuid, bigint[], jsonb, bigint[]) from public, anon, authenticated;

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

revoke execute on function public.finish_push_batch(uuid, bigint[], jsonb, bigint[]) from public, anon, authenticated;
grant execute on function public.finish_push_batch(uuid, bigint[], jsonb, bigint[]) to service_role;

-- -----------------------------------------------------------------------------
-- The person's reminder settings
-- -----------------------------------------------------------------------------

/**
 * Saves a person's reminder choices and quiet hours, and re-plans their own
 * pending reminders to match, in one transaction: a reminder switched off is
 * withdrawn, one switched on is planned for their coming lessons, and every
 * pending one is moved out of the new quiet hours. A reminder that was owed
 * (deferred by the old quiet hours) stays owed; one whose time has passed is
 * not planned afresh. Other people's reminders are not touched.
 */
create or replace function private.save_notification_settings(
  p_profile_id uuid,
  p_remind_24h boolean,
  p_remind_1h boolean,
  p_quiet_start time,
  p_quiet_end time
)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  owed text[];
begin
  if (p_quiet_start is null) <> (p_quiet_end is null) then
    raise exception 'quiet hours need a start and an end' using errcode = '22023', detail = 'quiet_hours_incomplete';
  end if;
  update public.profiles
  set remind_24h = p_remind_24h, remind_1h = p_remind_1h,
      quiet_hours_start = p_quiet_start, quiet_hours_end = p_quiet_end
  where id = p_profile_id;

  with withdrawn as (
    delete from public.notifications n
    using public.sessions s
    where n.profile_id = p_profile_id and n.session_id = s.id
      and n.kind in ('reminder_24h', 'reminder_1h')
      and n.push_sent_at is null and n.push_claim is null
      and s.status = 'scheduled' and s.starts_at > now()
    returning n.session_id || ':' || n.kind as k
  )
  select coalesce(array_agg(k), '{}') into owed from withdrawn;

  insert into public.notifications
    (profile_id, kind, title, body, url, session_id, params, dedupe_key, send_after)
  select p_profile_id, r.kind, 'notify.' || r.kind || '.title', 'notify.' || r.kind || '.body',
         '/lessons/' || s.id, s.id, private.session_params(s.id),
         r.kind || ':' || s.id || ':' || extract(epoch from s.starts_at)::bigint,
         private.reminder_time(p_quiet_start, p_quiet_end, greatest(r.at, now()), r.deadline)
  from public.sessions s
  cross join lateral (
    values
      ('reminder_24h', s.starts_at - interval '24 hours', s.starts_at - interval '1 hour', p_remind_24h),
      ('reminder_1h', s.starts_at - interval '1 hour', s.starts_at, p_remind_1h)
  ) as r (kind, at, deadline, wanted)
  where s.status = 'scheduled' and s.starts_at > now()
    and exists (select 1 from private.session_people(s.id) who where who.profile_id = p_profile_id)
    and not exists (
      select 1 from public.session_participants sp
      where sp.session_id = s.id and sp.profile_id = p_profile_id and sp.status = 'invited'
        and s.kind = 'class'
    )
    and r.wanted
    and (r.at > now() or (s.id || ':' || r.kind) = any (owed))
  on conflict on constraint notifications_once do nothing;
end;
$$;

revoke execute on function private.save_notification_settings(uuid, boolean, boolean, time, time) from public, anon, authenticated;

/** The signed-in person's own settings (checks who is calling, then delegates). */
create or replace function public.save_notification_settings(
  p_remind_24h boolean,
  p_remind_1h boolean,
  p_quiet_start time default null,
  p_quiet_end time default null
)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  if (select auth.uid()) is null then
    raise exception 'sign in first' using errcode = '42501';
  end if;
  perform private.save_notification_settings(
    (select auth.uid()), p_remind_24h, p_remind_1h, p_quiet_start, p_quiet_end);
end;
$$;

revoke execute on function public.save_notification_settings(boolean, boolean, time, time) from public, anon;
grant execute on function public.save_notification_settings(boolean, boolean, time, time) to authenticated;

-- -----------------------------------------------------------------------------
-- The unread count in every page's header: one index-only count per request
-- -----------------------------------------------------------------------------

create index notifications_unread_idx on public.notifications (profile_id, send_after) where (read_at is null);
