-- =============================================================================
-- Reports about a coordinator go past them (issue #11 item 7)
--
-- A report is handled by the coordinators of the reported person's ward. When
-- the reported person coordinates that ward, the report goes to the ward's
-- other coordinators and to the city level (coordinators of the ward's city);
-- the reported coordinator never sees, takes or dismisses it.
-- =============================================================================

alter table public.reports add column about_coordinator boolean not null default false;

comment on column public.reports.about_coordinator is
  'True when the reported person coordinated the report''s ward when it was filed: the city level sees it too.';

/**
 * Marks a new report about one of the ward's own coordinators.
 */
create or replace function private.mark_report_about_coordinator()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  new.about_coordinator := exists (
    select 1 from public.coordinator_assignments ca
    where ca.profile_id = new.reported_id and ca.ward_id = new.ward_id);
  return new;
end;
$$;

revoke execute on function private.mark_report_about_coordinator() from public, anon, authenticated;

-- Named after reports_prepare so it runs after the ward is filled in.
create trigger reports_route
  before insert on public.reports
  for each row execute function private.mark_report_about_coordinator();

/**
 * True when the signed-in user handles this report: a coordinator of its ward
 * who is not the reported person, or, for a report about a coordinator, a
 * coordinator of the ward's city.
 */
create or replace function private.handles_report(p_ward_id bigint, p_reported_id uuid, p_about_coordinator boolean)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select p_reported_id is distinct from (select auth.uid())
    and (private.is_coordinator_of(p_ward_id)
         or (p_about_coordinator
             and private.is_coordinator_of((select a.parent_id from public.areas a where a.id = p_ward_id))));
$$;

revoke execute on function private.handles_report(bigint, uuid, boolean) from public, anon;
grant execute on function private.handles_report(bigint, uuid, boolean) to authenticated, service_role;

drop policy "Reports are visible to the coordinators of the reported ward" on public.reports;
drop policy "Coordinators handle reports in their ward" on public.reports;

create policy "Reports are visible to the coordinators who handle them"
  on public.reports for select
  to authenticated
  using ((select private.handles_report(ward_id, reported_id, about_coordinator)));

create policy "Coordinators handle the reports routed to them"
  on public.reports for update
  to authenticated
  using ((select private.handles_report(ward_id, reported_id, about_coordinator)))
  with check ((select private.handles_report(ward_id, reported_id, about_coordinator)));

/**
 * The open reports the caller handles (24-hour target), oldest first. Runs as
 * the caller: the policy above decides; the filter keeps a coordinator's own
 * filed reports out of their queue.
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
  where r.status in ('open', 'reviewing') and private.handles_report(r.ward_id, r.reported_id, r.about_coordinator)
  order by r.created_at, r.id
  limit 500;
$$;

/**
 * The ward page's queue: reports of one ward (or, for a city, of its wards)
 * that the caller handles, open ones first, with the reported person's name
 * (as far as the caller may see the profile) and the 24-hour target. Closed
 * reports of the last 30 days follow. Runs as the caller.
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
language sql
stable
set search_path = ''
as $$
  select r.id, r.ward_id, r.reason, r.details, r.status, r.resolution,
         p.display_name, r.about_coordinator, r.created_at,
         r.created_at + interval '24 hours',
         r.status in ('open', 'reviewing') and r.created_at + interval '24 hours' < now()
  from public.reports r
  join public.areas a on a.id = r.ward_id
  left join public.profiles p on p.id = r.reported_id
  where (r.ward_id = p_area_id or a.parent_id = p_area_id)
    and private.handles_report(r.ward_id, r.reported_id, r.about_coordinator)
    and (r.status in ('open', 'reviewing') or r.resolved_at > now() - interval '30 days')
  order by r.status not in ('open', 'reviewing'), r.created_at, r.id
  limit 200;
$$;

revoke execute on function public.ward_report_queue(bigint) from public, anon;
grant execute on function public.ward_report_queue(bigint) to authenticated, service_role;

/**
 * A coordinator who handles the report takes it, resolves or dismisses it
 * (with a note). Returns false when the report is not theirs to handle.
 */
create or replace function public.act_on_report(p_report_id bigint, p_status text, p_resolution text default '')
returns boolean
language plpgsql
set search_path = ''
as $$
declare
  changed integer;
begin
  if p_status not in ('reviewing', 'resolved', 'dismissed') then
    raise exception 'unknown report status' using errcode = '22023', detail = 'bad_status';
  end if;
  update public.reports
  set status = p_status, resolution = nullif(left(coalesce(p_resolution, ''), 2000), '')
  where id = p_report_id;
  get diagnostics changed = row_count;
  return changed = 1;
end;
$$;

revoke execute on function public.act_on_report(bigint, text, text) from public, anon;
grant execute on function public.act_on_report(bigint, text, text) to authenticated, service_role;
