-- =============================================================================
-- Two more of the board's pages that name people are audited
--
-- As 20261203030000_ward_list_audit.sql did for the roster and the unmet
-- requests: the board's reading of citizen feedback (the text, and the
-- reporter's name when they agreed to be contacted) and a class's list on the
-- shared tablet (learners' names and marks) each write ONE 'view' row per
-- call, naming the page and the ids shown, never the names or the text.
-- Same shape, so private.erase_person pseudonymises them the same way.
-- Redefines private.ward_service_feedback and private.class_roster (from
-- 20261202050000_ward_operations.sql) and their wrappers, now VOLATILE.
-- =============================================================================

/**
 * The board's reading of its ward's feedback (as before: newest first, the
 * reporter's name only with their consent to be contacted, nothing for anyone
 * else) and, when the caller coordinates the ward, one audit row naming the
 * reports and the reporters whose names were shown.
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
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  shown bigint[] := '{}';
  named uuid[] := '{}';
  report record;
begin
  if not private.is_coordinator_of(p_ward_id) then
    return;
  end if;
  for report in
    select f.id as fid, f.created_at as at, f.service as svc, f.service_name as svc_name, f.step as st,
           f.what_happened as what, f.may_contact, f.reporter_id, p.display_name
    from public.service_feedback f
    left join public.profiles p on p.id = f.reporter_id
    where f.ward_id = p_ward_id
      and (p_from is null or f.created_at >= (p_from::timestamp at time zone 'Asia/Ho_Chi_Minh'))
      and (p_to is null or f.created_at < ((p_to + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'))
    order by f.created_at desc, f.id desc
    limit 500
  loop
    id := report.fid;
    created_at := report.at;
    service := report.svc;
    service_name := report.svc_name;
    step := report.st;
    what_happened := report.what;
    contact_name := case when report.may_contact then coalesce(report.display_name, '') end;
    shown := shown || report.fid;
    if report.may_contact and report.reporter_id is not null then
      named := named || report.reporter_id;
    end if;
    return next;
  end loop;
  perform private.audit_read('view', 'service_feedback', 'ward:' || p_ward_id,
    jsonb_build_object('ward_id', p_ward_id, 'page', 'ward_service_feedback', 'from', p_from, 'to', p_to,
                       'feedback_ids', to_jsonb(shown),
                       'profile_ids', to_jsonb(array(select distinct x from unnest(named) x))));
end;
$$;

create or replace function public.ward_service_feedback(p_ward_id bigint, p_from date default null, p_to date default null)
returns table (
  id bigint, created_at timestamptz, service text, service_name text, step text, what_happened text,
  contact_name text
)
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.ward_service_feedback(p_ward_id, p_from, p_to);
$$;

/**
 * The class list on the shared tablet (as before: names and marks, for the
 * class's teacher or a coordinator of its ward, never a phone) and one audit
 * row naming the class and the learners shown.
 */
create or replace function private.class_roster(p_session_id bigint)
returns table (profile_id uuid, display_name text, status text)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  shown uuid[] := '{}';
  ward bigint;
  seat record;
begin
  select s.ward_id into ward from public.sessions s
  where s.id = p_session_id and s.kind = 'class'
    and (s.teacher_id = (select auth.uid()) or private.is_coordinator_of(s.ward_id));
  if not found then
    return;
  end if;
  for seat in
    select sp.profile_id as pid, coalesce(p.display_name, '') as name, sp.status as mark
    from public.session_participants sp
    join public.profiles p on p.id = sp.profile_id
    where sp.session_id = p_session_id and sp.status in ('accepted', 'attended', 'no_show')
    order by p.display_name, sp.profile_id
  loop
    profile_id := seat.pid;
    display_name := seat.name;
    status := seat.mark;
    shown := shown || seat.pid;
    return next;
  end loop;
  perform private.audit_read('view', 'profiles', 'session:' || p_session_id,
    jsonb_build_object('ward_id', ward, 'page', 'class_roster', 'session_id', p_session_id,
                       'profile_ids', to_jsonb(shown)));
end;
$$;

create or replace function public.class_roster(p_session_id bigint)
returns table (profile_id uuid, display_name text, status text)
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.class_roster(p_session_id);
$$;
