-- =============================================================================
-- Audit log
--
-- An append-only record of the changes that matter for trust and for the
-- personal-data law: appointments, verifications, consents, sessions, badges,
-- reports. Written only by triggers; no client (not even the service role) can
-- change or delete a row, and a trigger refuses it for everyone else too.
-- Exact home locations are deliberately not audited.
-- =============================================================================

/**
 * One change to an audited table: who (user id and role), what (table, row
 * key, action) and the row before and after.
 */
create table public.audit_log (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  actor_id uuid,
  actor_role text not null default current_user,
  table_name text not null,
  record_key text,
  action text not null check (action in ('insert', 'update', 'delete')),
  old_data jsonb,
  new_data jsonb
);

comment on table public.audit_log is
  'Append-only audit trail written by triggers; readable by the service role only.';

create index audit_log_table_record_idx on public.audit_log (table_name, record_key);
create index audit_log_actor_id_idx on public.audit_log (actor_id, occurred_at);

alter table public.audit_log enable row level security;

-- No policies: clients read nothing, and only the triggers below (running as owner) write.
revoke insert, update, delete, truncate on public.audit_log from anon, authenticated, service_role;

/**
 * Refuses any change to an audit row, whoever asks.
 */
create or replace function private.refuse_audit_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'the audit log is append-only' using errcode = '42501';
end;
$$;

revoke execute on function private.refuse_audit_change() from public, anon, authenticated;

create trigger audit_log_append_only
  before update or delete on public.audit_log
  for each row execute function private.refuse_audit_change();

create trigger audit_log_no_truncate
  before truncate on public.audit_log
  for each statement execute function private.refuse_audit_change();

/**
 * Writes one audit row for the changed row. `tg_argv[0]` names the key
 * column(s), comma separated.
 */
create or replace function private.audit()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  row_data jsonb := to_jsonb(coalesce(new, old));
  key_text text;
begin
  select string_agg(row_data ->> trim(k), ',')
    into key_text
  from unnest(string_to_array(coalesce(tg_argv[0], 'id'), ',')) as k;

  insert into public.audit_log (actor_id, actor_role, table_name, record_key, action, old_data, new_data)
  values (
    (select auth.uid()),
    coalesce((select auth.role()), session_user::text),
    tg_table_name,
    key_text,
    lower(tg_op),
    case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) end,
    case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) end
  );
  return null;
end;
$$;

revoke execute on function private.audit() from public, anon, authenticated;

create trigger coordinator_assignments_audit
  after insert or update or delete on public.coordinator_assignments
  for each row execute function private.audit('profile_id,ward_id');

create trigger volunteer_verifications_audit
  after insert or update or delete on public.volunteer_verifications
  for each row execute function private.audit('profile_id');

create trigger consents_audit
  after insert or update or delete on public.consents
  for each row execute function private.audit('id');

create trigger sessions_audit
  after insert or delete or update of status, starts_at, ends_at, teacher_id on public.sessions
  for each row execute function private.audit('id');

create trigger session_participants_audit
  after insert or delete or update of status on public.session_participants
  for each row execute function private.audit('session_id,profile_id');

create trigger badge_awards_audit
  after insert or update or delete on public.badge_awards
  for each row execute function private.audit('id');

create trigger group_awards_audit
  after insert or update or delete on public.group_awards
  for each row execute function private.audit('id');

create trigger reports_audit
  after insert or update or delete on public.reports
  for each row execute function private.audit('id');

create trigger help_requests_audit
  after insert or delete or update of status on public.help_requests
  for each row execute function private.audit('id');
