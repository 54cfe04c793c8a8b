-- =============================================================================
-- Data rights (Law 91/2025/QH15 on personal data protection, Decree 356/2025)
--
-- - `data_requests`: every request to see or erase one's data is recorded at
--   once with a status (acknowledged and tracked); an erased person's rows
--   keep only a random pseudonym.
-- - `export_my_data()`: exactly the caller's rows, as JSON, without other
--   people's ids, names or contact details.
-- - Withdrawing the personal-data consent stops processing: open requests are
--   cancelled, the person leaves matching (can_teach/wants_to_learn off) and
--   no notification is written for them until they consent again.
-- - `delete_my_account()`: one transaction that removes the person (the
--   cascade), keeps reports about them under a pseudonym, keeps the ward's
--   lesson counts, and pseudonymises the audit rows naming them. The audit log
--   stays append-only for everyone else: a change passes its guard only inside
--   a recorded erasure's own transaction.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- Requests about one's data
-- -----------------------------------------------------------------------------

/**
 * A person's request to see (export) or erase their data, acknowledged when
 * filed and tracked to completion. After an erasure `profile_id` is null and
 * `subject_pseudonym` is the random stand-in used for them everywhere.
 */
create table public.data_requests (
  id bigint generated always as identity primary key,
  profile_id uuid references public.profiles (id) on delete set null,
  subject_pseudonym uuid,
  ward_id bigint references public.areas (id) on delete set null,
  kind text not null check (kind in ('export', 'erasure', 'consent_withdrawal')),
  status text not null default 'received' check (status in ('received', 'done', 'failed')),
  received_at timestamptz not null default now(),
  completed_at timestamptz
);

comment on table public.data_requests is
  'Requests to export or erase one''s data or withdraw consent, with status; owner and ward coordinators read.';

create index data_requests_profile_id_idx on public.data_requests (profile_id, received_at desc);
create index data_requests_ward_id_idx on public.data_requests (ward_id, received_at desc);

alter table public.data_requests enable row level security;

revoke insert, update, delete on public.data_requests from anon, authenticated;

create policy "Data requests are visible to the person who made them"
  on public.data_requests for select
  to authenticated
  using (profile_id = (select auth.uid()));

create policy "Data requests are visible to the coordinators of their ward"
  on public.data_requests for select
  to authenticated
  using ((select private.is_coordinator_of(ward_id)));

-- -----------------------------------------------------------------------------
-- What the ward's statistics keep of an erased person
-- -----------------------------------------------------------------------------

/**
 * Completed lessons of erased people, counted per ward, skill, month and role,
 * so the ward's numbers do not drop when someone leaves.
 */
create table public.erased_lesson_counts (
  ward_id bigint not null references public.areas (id) on delete cascade,
  skill_id bigint not null references public.skills (id) on delete cascade,
  month date not null,
  role text not null check (role in ('teacher', 'learner')),
  lessons integer not null default 0,
  primary key (ward_id, skill_id, month, role)
);

comment on table public.erased_lesson_counts is
  'Counts of completed lessons of erased accounts (no person), per ward, skill, month and role.';

create index erased_lesson_counts_skill_id_idx on public.erased_lesson_counts (skill_id);

alter table public.erased_lesson_counts enable row level security;

revoke insert, update, delete on public.erased_lesson_counts from anon, authenticated;

create policy "Erased lesson counts are visible to the coordinators of their ward"
  on public.erased_lesson_counts for select
  to authenticated
  using ((select private.is_coordinator_of(ward_id)));

-- -----------------------------------------------------------------------------
-- Consent state and withdrawal
-- -----------------------------------------------------------------------------

/**
 * True unless the person's newest personal-data consent record is a
 * withdrawal. (A person with no record yet is not blocked here: onboarding
 * asks for it.)
 */
create or replace function private.consents_to_processing(p_profile_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((
    select c.granted from public.consents c
    where c.profile_id = p_profile_id and c.kind = 'personal_data'
    order by c.granted_at desc, c.id desc
    limit 1
  ), true);
$$;

revoke execute on function private.consents_to_processing(uuid) from public, anon;
grant execute on function private.consents_to_processing(uuid) to authenticated, service_role;

/**
 * A withdrawal of the personal-data consent stops processing at once: open
 * requests cancelled, out of matching, unsent notifications dropped, and a
 * tracked data request recorded.
 */
create or replace function private.follow_consent_withdrawal()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.kind <> 'personal_data' or new.granted then
    return null;
  end if;
  update public.help_requests set status = 'cancelled'
  where learner_id = new.profile_id and status = 'open';
  update public.profiles set can_teach = false, wants_to_learn = false where id = new.profile_id;
  delete from public.notifications where profile_id = new.profile_id and push_sent_at is null;
  insert into public.data_requests (profile_id, ward_id, kind, status, completed_at)
  values (new.profile_id, private.ward_of(new.profile_id), 'consent_withdrawal', 'done', now());
  return null;
end;
$$;

revoke execute on function private.follow_consent_withdrawal() from public, anon, authenticated;

create trigger consents_follow_withdrawal
  after insert on public.consents
  for each row execute function private.follow_consent_withdrawal();

/**
 * No notification for someone who withdrew their personal-data consent.
 */
create or replace function private.drop_notice_without_consent()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if not private.consents_to_processing(new.profile_id) then
    return null;
  end if;
  return new;
end;
$$;

revoke execute on function private.drop_notice_without_consent() from public, anon, authenticated;

create trigger notifications_need_consent
  before insert on public.notifications
  for each row execute function private.drop_notice_without_consent();

-- -----------------------------------------------------------------------------
-- Export
-- -----------------------------------------------------------------------------

/**
 * Everything stored about one person, as JSON: their own rows, with other
 * people's ids removed (who recorded a consent, who verified them, the person
 * they reported or blocked) and lessons shown without the other side.
 */
create or replace function private.export_person(p_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'format', 'binhdanhocvuso.export/1',
    'exported_at', now(),
    'profile', (select to_jsonb(p) - 'registered_by'
                  || jsonb_build_object('registered_by_someone_else', p.registered_by is not null)
                from public.profiles p where p.id = p_id),
    'home', (select to_jsonb(h) from public.home_locations h where h.profile_id = p_id),
    'consents', coalesce((
      select jsonb_agg(to_jsonb(c) - 'recorded_by'
               || jsonb_build_object('recorded_by_me', c.recorded_by is not distinct from p_id)
               order by c.granted_at)
      from public.consents c where c.profile_id = p_id), '[]'),
    'help_requests', coalesce((
      select jsonb_agg(to_jsonb(r) - 'created_by'
               || jsonb_build_object('filed_by_me', r.created_by is not distinct from p_id)
               order by r.created_at)
      from public.help_requests r where r.learner_id = p_id), '[]'),
    'skills_offered', coalesce((
      select jsonb_agg(to_jsonb(v) order by v.skill_id) from public.volunteer_skills v
      where v.profile_id = p_id), '[]'),
    'availability', coalesce((
      select jsonb_agg(to_jsonb(a) order by a.weekday, a.start_time) from public.availability_slots a
      where a.profile_id = p_id), '[]'),
    'verification', (select to_jsonb(v) - 'verified_by' from public.volunteer_verifications v
                     where v.profile_id = p_id),
    'lessons', coalesce((
      select jsonb_agg(jsonb_build_object(
               'id', s.id, 'kind', s.kind, 'my_role', case when s.teacher_id = p_id then 'teacher' else 'learner' end,
               'skill_vi', k.title_vi, 'skill_en', k.title_en, 'starts_at', s.starts_at, 'ends_at', s.ends_at,
               'status', s.status, 'place_type', s.place_type, 'venue_id', s.venue_id,
               'completed_at', s.completed_at, 'my_participation', sp.status)
               order by s.starts_at)
      from public.sessions s
      join public.skills k on k.id = s.skill_id
      left join public.session_participants sp on sp.session_id = s.id and sp.profile_id = p_id
      where s.teacher_id = p_id or sp.profile_id is not null), '[]'),
    'feedback_given', coalesce((
      select jsonb_agg(to_jsonb(f) order by f.created_at) from public.feedback f where f.author_id = p_id), '[]'),
    'notifications', coalesce((
      select jsonb_agg(jsonb_build_object(
               'kind', n.kind, 'session_id', n.session_id, 'url', n.url, 'created_at', n.created_at,
               'read_at', n.read_at, 'push_sent_at', n.push_sent_at)
               order by n.created_at)
      from public.notifications n where n.profile_id = p_id), '[]'),
    'push_subscriptions', coalesce((
      select jsonb_agg(jsonb_build_object('endpoint', ps.endpoint, 'created_at', ps.created_at) order by ps.id)
      from public.push_subscriptions ps where ps.profile_id = p_id), '[]'),
    'reports_filed', coalesce((
      select jsonb_agg(jsonb_build_object(
               'id', r.id, 'reason', r.reason, 'details', r.details, 'status', r.status,
               'session_id', r.session_id, 'created_at', r.created_at)
               order by r.created_at)
      from public.reports r where r.reporter_id = p_id), '[]'),
    'blocks_made', coalesce((
      select jsonb_agg(jsonb_build_object('created_at', b.created_at) order by b.created_at)
      from public.blocks b where b.blocker_id = p_id), '[]'),
    'badges', coalesce((
      select jsonb_agg(jsonb_build_object(
               'slug', d.slug, 'name_vi', d.name_vi, 'name_en', d.name_en, 'awarded_at', a.awarded_at,
               'session_id', a.session_id)
               order by a.awarded_at)
      from public.badge_awards a join public.badge_definitions d on d.id = a.badge_id
      where a.profile_id = p_id), '[]'),
    'groups', coalesce((
      select jsonb_agg(jsonb_build_object('group', g.name, 'role', m.role, 'joined_at', m.joined_at)
               order by m.joined_at)
      from public.group_members m join public.neighbourhood_groups g on g.id = m.group_id
      where m.profile_id = p_id), '[]'),
    'coordinator_of', coalesce((
      select jsonb_agg(jsonb_build_object('ward_id', c.ward_id)) from public.coordinator_assignments c
      where c.profile_id = p_id), '[]'),
    'data_requests', coalesce((
      select jsonb_agg(to_jsonb(d) order by d.received_at) from public.data_requests d
      where d.profile_id = p_id), '[]')
  );
$$;

revoke execute on function private.export_person(uuid) from public, anon, authenticated;

/**
 * Download my data: records a tracked export request and returns the
 * caller's data (see private.export_person).
 */
create or replace function public.export_my_data()
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid := (select auth.uid());
begin
  if me is null or not exists (select 1 from public.profiles where id = me) then
    raise exception 'sign in to download your data' using errcode = '42501';
  end if;
  insert into public.data_requests (profile_id, ward_id, kind, status, completed_at)
  values (me, private.ward_of(me), 'export', 'done', now());
  return private.export_person(me);
end;
$$;

revoke execute on function public.export_my_data() from public, anon;
grant execute on function public.export_my_data() to authenticated;

-- -----------------------------------------------------------------------------
-- Erasure
-- -----------------------------------------------------------------------------

/**
 * The erasure running in this transaction: its existence (matched by the
 * transaction id) is what lets the audit guard accept changes. Rows live only
 * for the transaction that wrote them (the erasure deletes its own at the end).
 */
create table private.erasures (
  txid bigint primary key,
  subject_id uuid not null,
  pseudonym uuid not null,
  session_ids bigint[] not null default '{}'
);

comment on table private.erasures is
  'The erasure in progress, per transaction; emptied before the transaction commits.';

alter table private.erasures enable row level security;
revoke all on private.erasures from public, anon, authenticated, service_role;

/**
 * Refuses any change to an audit row, except an update (never a delete or a
 * truncate) made inside the transaction of an erasure to a row that names the
 * erased person or one of their lessons.
 */
create or replace function private.refuse_audit_change()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  e private.erasures;
begin
  if tg_op = 'UPDATE' then
    select * into e from private.erasures where txid = txid_current();
    if found and (
      old.actor_id = e.subject_id
      or strpos(coalesce(old.record_key, ''), e.subject_id::text) > 0
      or strpos(coalesce(old.old_data::text, '') || coalesce(old.new_data::text, ''), e.subject_id::text) > 0
      or (old.table_name = 'sessions' and old.record_key = any (e.session_ids::text[]))
    ) and (new.id, new.occurred_at, new.table_name, new.action)
          = (old.id, old.occurred_at, old.table_name, old.action) then
      return new;
    end if;
  end if;
  raise exception 'the audit log is append-only' using errcode = '42501';
end;
$$;

/**
 * An audit row's data with the erased person's id replaced by their
 * pseudonym and free text, contact details and exact places removed.
 */
create or replace function private.pseudonymise_audit_data(p_data jsonb, p_id uuid, p_pseudonym uuid)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select case when p_data is null then null else
    replace(p_data::text, p_id::text, p_pseudonym::text)::jsonb
      - array['phone', 'email', 'display_name', 'notes', 'place_note', 'details', 'comment', 'resolution',
              'near_lat', 'near_lng', 'lat', 'lng', 'approx_lat', 'approx_lng', 'cancel_reason', 'endpoint']
  end;
$$;

revoke execute on function private.pseudonymise_audit_data(jsonb, uuid, uuid) from public, anon, authenticated;

/**
 * Erases one person in one transaction and returns the pseudonym used:
 * 1. counts their completed lessons for the ward's statistics;
 * 2. keeps reports about them under the pseudonym;
 * 3. removes the account (the foreign keys cascade or set null);
 * 4. blanks the free text and places of lessons that were theirs as learner;
 * 5. pseudonymises every audit row naming them or those lessons;
 * 6. removes the auth server's log entries naming them, where allowed.
 */
create or replace function private.erase_person(p_id uuid)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  pseudonym uuid := gen_random_uuid();
  their_sessions bigint[];
begin
  select coalesce(array_agg(distinct s.id), '{}') into their_sessions
  from public.sessions s
  left join public.help_requests r on r.id = s.request_id
  left join public.session_participants sp on sp.session_id = s.id
  where s.teacher_id = p_id or r.learner_id = p_id or sp.profile_id = p_id;

  insert into private.erasures (txid, subject_id, pseudonym, session_ids)
  values (txid_current(), p_id, pseudonym, their_sessions);

  insert into public.erased_lesson_counts as c (ward_id, skill_id, month, role, lessons)
  select s.ward_id, s.skill_id, date_trunc('month', s.starts_at at time zone 'Asia/Ho_Chi_Minh')::date,
         case when s.teacher_id = p_id then 'teacher' else 'learner' end, count(*)
  from public.sessions s
  where s.id = any (their_sessions) and s.status = 'completed'
  group by 1, 2, 3, 4
  on conflict (ward_id, skill_id, month, role) do update set lessons = c.lessons + excluded.lessons;

  update public.reports set reported_pseudonym = pseudonym where reported_id = p_id;
  update public.data_requests set subject_pseudonym = pseudonym where profile_id = p_id;

  delete from auth.users where id = p_id;

  update public.sessions set place_note = '', notes = ''
  where id = any (their_sessions) and teacher_id <> p_id;

  update public.audit_log a
  set actor_id = case when a.actor_id = p_id then pseudonym else a.actor_id end,
      record_key = replace(a.record_key, p_id::text, pseudonym::text),
      old_data = private.pseudonymise_audit_data(a.old_data, p_id, pseudonym),
      new_data = private.pseudonymise_audit_data(a.new_data, p_id, pseudonym)
  where a.actor_id = p_id
     or strpos(coalesce(a.record_key, ''), p_id::text) > 0
     or strpos(coalesce(a.old_data::text, '') || coalesce(a.new_data::text, ''), p_id::text) > 0
     or (a.table_name = 'sessions' and a.record_key = any (their_sessions::text[]));

  begin
    execute 'delete from auth.audit_log_entries where strpos(payload::text, $1) > 0' using p_id::text;
  exception when insufficient_privilege or undefined_table then
    null; -- the auth server's own log is its operator's to purge
  end;

  delete from private.erasures where txid = txid_current();
  return pseudonym;
end;
$$;

revoke execute on function private.erase_person(uuid) from public, anon, authenticated;

/**
 * Delete my account: acknowledged and recorded as a tracked request, then
 * carried out in the same transaction (see private.erase_person). Returns the
 * request's number, which the person keeps as their receipt.
 */
create or replace function public.delete_my_account()
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid := (select auth.uid());
  request_id bigint;
begin
  if me is null or not exists (select 1 from public.profiles where id = me) then
    raise exception 'sign in to delete your account' using errcode = '42501';
  end if;
  insert into public.data_requests (profile_id, ward_id, kind)
  values (me, private.ward_of(me), 'erasure')
  returning id into request_id;
  perform private.erase_person(me);
  update public.data_requests set status = 'done', completed_at = now() where id = request_id;
  return request_id;
end;
$$;

revoke execute on function public.delete_my_account() from public, anon;
grant execute on function public.delete_my_account() to authenticated;
