-- =============================================================================
-- The report queue and the ward's chains are audited too (issue #11 item 8)
--
-- As 20261203030000_ward_list_audit.sql did for the roster: every board page
-- that shows coordinators people's details writes ONE 'view' row per call on
-- 'profiles', record key 'ward:<id>', naming the page and the ids shown (never
-- names or report text), so private.erase_person pseudonymises them with the
-- rest. Refused calls write nothing. The functions become VOLATILE (they write).
--
-- - public.ward_chains (20261202020000_ripple_and_groups.sql) stays a public
--   definer here; 20261203090000_definers_out_of_public.sql moves its body to
--   private and leaves a (volatile) invoker wrapper.
-- - public.report_queue and public.ward_report_queue
--   (20261202060300_report_routing.sql) keep running as the caller (the reports
--   policy and the profiles policies decide what they show, and a name the
--   caller may not see stays hidden), so they cannot call private.audit_read
--   themselves: they hand the report ids they showed to
--   private.audit_report_view, which keeps only the reports the caller handles
--   and writes the row from those. A caller can thus put on record only views
--   of reports they really handle.
-- =============================================================================

/**
 * One 'view' row for a report queue the caller was shown. p_area_id is the
 * ward (or city) of the ward page's queue, null for the ward-less queue. The
 * row names the reports the caller handles among p_report_ids, their wards and
 * the reported people; no row when nothing was shown and the caller does not
 * coordinate the area (a non-coordinator's empty queue is a refusal).
 */
create or replace function private.audit_report_view(p_page text, p_area_id bigint, p_report_ids bigint[])
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  handled bigint[];
  wards bigint[];
  people uuid[];
begin
  if p_page not in ('report_queue', 'ward_report_queue') then
    raise exception 'unknown report page' using errcode = '22023';
  end if;
  select coalesce(array_agg(r.id order by given.n), '{}'),
         coalesce(array_agg(distinct r.ward_id), '{}'),
         coalesce(array_agg(distinct r.reported_id) filter (where r.reported_id is not null), '{}')
    into handled, wards, people
  from unnest(coalesce(p_report_ids, '{}')) with ordinality as given (id, n)
  join public.reports r on r.id = given.id
  where private.handles_report(r.ward_id, r.reported_id, r.about_coordinator);

  if cardinality(handled) = 0 and (p_area_id is null or not private.is_coordinator_of(p_area_id)) then
    return;
  end if;
  perform private.audit_read('view', 'profiles',
    'ward:' || coalesce(p_area_id::text, array_to_string(wards, ',')),
    case when p_area_id is null
      then jsonb_build_object('ward_ids', to_jsonb(wards))
      else jsonb_build_object('ward_id', p_area_id)
    end
    || jsonb_build_object('page', p_page, 'report_ids', to_jsonb(handled), 'profile_ids', to_jsonb(people)));
end;
$$;

revoke execute on function private.audit_report_view(text, bigint, bigint[]) from public, anon;
grant execute on function private.audit_report_view(text, bigint, bigint[]) to authenticated, service_role;

/**
 * The open reports the caller handles (as 20261202060300_report_routing.sql
 * defined it: runs as the caller, oldest first) and one audit row for them.
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
language plpgsql
volatile
set search_path = ''
as $$
declare
  shown bigint[] := '{}';
  report record;
begin
  for report in
    select r.id as rid, r.ward_id as ward, r.reason as why, r.details as said, r.status as state,
           r.session_id as lesson, r.reported_id as who, r.reported_pseudonym as pseudonym,
           r.created_at as filed
    from public.reports r
    where r.status in ('open', 'reviewing') and private.handles_report(r.ward_id, r.reported_id, r.about_coordinator)
    order by r.created_at, r.id
    limit 500
  loop
    id := report.rid;
    ward_id := report.ward;
    reason := report.why;
    details := report.said;
    status := report.state;
    session_id := report.lesson;
    reported_id := report.who;
    reported_pseudonym := report.pseudonym;
    created_at := report.filed;
    due_at := report.filed + interval '24 hours';
    overdue := report.filed + interval '24 hours' < now();
    shown := shown || report.rid;
    return next;
  end loop;
  perform private.audit_report_view('report_queue', null, shown);
end;
$$;

comment on function public.report_queue() is
  'The open reports the caller handles, oldest first; a call that shows any is one ''view'' row in the audit log.';

/**
 * The ward page's queue (as 20261202060300_report_routing.sql defined it:
 * runs as the caller, open reports first, then those closed in the last 30
 * days) and one audit row for the page.
 */
create or replace function public.ward_report_queue(p_area_id bigint)
returns table (
  id bigint,
  ward_id bigint,
  reason text,
  details text,
  status text,
  resolution text,
  reported_name text,
  about_coordinator boolean,
  created_at timestamptz,
  due_at timestamptz,
  overdue boolean
)
language plpgsql
volatile
set search_path = ''
as $$
declare
  shown bigint[] := '{}';
  report record;
begin
  for report in
    select r.id as rid, r.ward_id as ward, r.reason as why, r.details as said, r.status as state,
           r.resolution as outcome, p.display_name as name, r.about_coordinator as about_coord,
           r.created_at as filed
    from public.reports r
    join public.areas a on a.id = r.ward_id
    left join public.profiles p on p.id = r.reported_id
    where (r.ward_id = p_area_id or a.parent_id = p_area_id)
      and private.handles_report(r.ward_id, r.reported_id, r.about_coordinator)
      and (r.status in ('open', 'reviewing') or r.resolved_at > now() - interval '30 days')
    order by r.status not in ('open', 'reviewing'), r.created_at, r.id
    limit 200
  loop
    id := report.rid;
    ward_id := report.ward;
    reason := report.why;
    details := report.said;
    status := report.state;
    resolution := report.outcome;
    reported_name := report.name;
    about_coordinator := report.about_coord;
    created_at := report.filed;
    due_at := report.filed + interval '24 hours';
    overdue := report.state in ('open', 'reviewing') and report.filed + interval '24 hours' < now();
    shown := shown || report.rid;
    return next;
  end loop;
  perform private.audit_report_view('ward_report_queue', p_area_id, shown);
end;
$$;

comment on function public.ward_report_queue(bigint) is
  'The ward page''s report queue (open first, then closed in the last 30 days); each call by a coordinator of the area, or that shows any report, is one ''view'' row in the audit log.';

/**
 * A ward's chains (as 20261202020000_ripple_and_groups.sql defined them) and
 * one audit row naming the ward and the starters whose names were shown (a
 * starter from another ward who hides their name is not named on the page).
 * Stays a public definer here: 20261203090000_definers_out_of_public.sql moves it.
 */
create or replace function public.ward_chains(p_ward_id bigint)
returns table (starter_name text, starter_ward_vi text, starter_ward_en text, people integer, depth integer)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  root uuid;
  chain record;
  named uuid[] := '{}';
begin
  if not private.is_coordinator_of(p_ward_id) then
    raise exception 'only the ward''s coordinators see its chains' using errcode = '42501';
  end if;
  for root in
    select distinct tc.teacher_id from public.teaching_chain tc
    where tc.ward_id = p_ward_id
      and not exists (
        select 1 from public.teaching_chain i
        where i.ward_id = p_ward_id and i.learner_id = tc.teacher_id
      )
  loop
    for chain in
      select case
               when p.ward_id = p_ward_id then p.display_name
               when p.ripple_name_shown then private.given_name(p.display_name)
             end as name,
             a.name_vi, a.name_en, r.people as width, r.depth as length
      from (
        select count(*)::integer as people, max(x.depth)::integer as depth
        from private.ripple_reach(root, p_ward_id) x
      ) r
      left join public.profiles p on p.id = root
      left join public.areas a on a.id = p.ward_id
    loop
      starter_name := chain.name;
      starter_ward_vi := chain.name_vi;
      starter_ward_en := chain.name_en;
      people := chain.width;
      depth := chain.length;
      if chain.name is not null then
        named := named || root;
      end if;
      return next;
    end loop;
  end loop;
  perform private.audit_read('view', 'profiles', 'ward:' || p_ward_id,
    jsonb_build_object('ward_id', p_ward_id, 'page', 'ward_chains',
                       'profile_ids', to_jsonb(array(select distinct x from unnest(named) x))));
end;
$$;

comment on function public.ward_chains(bigint) is
  'A ward''s teaching chains, for its coordinators (42501 otherwise); each call is one ''view'' row in the audit log.';
