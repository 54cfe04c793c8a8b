-- =============================================================================
-- Recognition gaps: badges shown only where a person's card is seen, groups that
-- always have a leader, and the recognition list audited through the shared helper.
--
-- 1. A badge its owner shows was readable by every signed-in person (any id, any ward). Now it
--    is readable only by people who see the owner's card (private.has_reason_to_see: a lesson,
--    a match, a group, the ward), and profile_cards counts only badges shown to the caller.
-- 2. A group a coordinator created had no leader until the ward made one, and nothing stopped
--    the last leader from leaving. Now whoever creates a group leads it (a coordinator too: a
--    group is never without someone who decides on join requests), the last active leader
--    cannot leave or step down while the group is open, and leadership passes by an offer the
--    other member accepts (nobody is made a leader without saying yes). Closing a group lets
--    its last leader go.
-- 3. The monthly recognition list writes its audit row through private.audit_read.
-- 4. A badge notice opens that badge on the badges page (`/badges#award-<id>`).
-- =============================================================================

-- -----------------------------------------------------------------------------
-- 1. Shown badges: to those who see the person's card, nowhere else
-- -----------------------------------------------------------------------------

drop policy "Badges a person shows are visible to signed-in users" on public.badge_awards;

create policy "Badges a person shows are visible to those who see their card"
  on public.badge_awards for select
  to authenticated
  using (shown and (select private.has_reason_to_see(profile_id)));

/**
 * As in 20261130020200_profile_reasons.sql; `badge_count` counts only the badges the caller may
 * see: all of them for the person themselves, their ward's coordinators and the service role,
 * the shown ones for anyone else (a count of hidden awards would tell what they hide).
 */
create or replace function public.profile_cards(p_ids uuid[])
returns table (
  id uuid,
  display_name text,
  ward_id bigint,
  can_teach boolean,
  languages text[],
  verified boolean,
  badge_count bigint
)
language sql
stable
security definer
set search_path = ''
as $$
  select p.id, p.display_name, p.ward_id, p.can_teach, p.languages,
         private.is_verified_volunteer(p.id),
         (select count(*) from public.badge_awards b
          where b.profile_id = p.id
            and (b.shown
                 or p.id = (select auth.uid())
                 or (select auth.jwt() ->> 'role') = 'service_role'
                 or private.coordinates_profile(p.id)))
  from public.profiles p
  where p.id = any (p_ids[1:500])
    and ((select auth.jwt() ->> 'role') = 'service_role' or private.has_reason_to_see(p.id));
$$;

revoke execute on function public.profile_cards(uuid[]) from public, anon;
grant execute on function public.profile_cards(uuid[]) to authenticated, service_role;

/**
 * The badges the given people chose to show, for the cards the caller sees (the same reason as
 * profile_cards; ids without one are left out silently). Newest first, at most 500 people.
 */
create or replace function public.shown_badges(p_ids uuid[])
returns table (
  profile_id uuid,
  award_id bigint,
  kind text,
  name_vi text,
  name_en text,
  awarded_at timestamptz
)
language sql
stable
security definer
set search_path = ''
as $$
  select a.profile_id, a.id, b.kind, b.name_vi, b.name_en, a.awarded_at
  from public.badge_awards a
  join public.badge_definitions b on b.id = a.badge_id
  where a.profile_id = any (p_ids[1:500])
    and a.shown
    and private.has_reason_to_see(a.profile_id)
  order by a.profile_id, a.awarded_at desc, a.id desc;
$$;

revoke execute on function public.shown_badges(uuid[]) from public, anon;
grant execute on function public.shown_badges(uuid[]) to authenticated;

-- -----------------------------------------------------------------------------
-- 2. Groups always have a leader
-- -----------------------------------------------------------------------------

alter table public.neighbourhood_groups
  add column closed_at timestamptz,
  add column handover_to uuid references public.profiles (id) on delete set null,
  add column handover_from uuid references public.profiles (id) on delete set null;

comment on column public.neighbourhood_groups.closed_at is
  'When a leader or the ward closed the group: nobody joins any more, and its last leader may leave.';
comment on column public.neighbourhood_groups.handover_to is
  'The member offered the group''s leadership, until they accept or decline (hand_over_group).';
comment on column public.neighbourhood_groups.handover_from is
  'The leader who offered the leadership; they step down when it is accepted.';

create index neighbourhood_groups_handover_to_idx on public.neighbourhood_groups (handover_to);
create index neighbourhood_groups_handover_from_idx on public.neighbourhood_groups (handover_from);

-- Closing and handing over go through the functions below, which check who may; a coordinator's
-- direct update may change what a group is called and what it is about, nothing else.
revoke insert, update on public.neighbourhood_groups from authenticated;
grant insert (ward_id, kind, name, description) on public.neighbourhood_groups to authenticated;
grant update (kind, name, description) on public.neighbourhood_groups to authenticated;

/**
 * Whoever creates a group leads it: a verified volunteer or a ward coordinator (who can hand the
 * group over once its real head has joined). `created_by` is the signed-in person, whatever the
 * insert said, so nobody is made the leader of a group someone else created.
 */
create or replace function private.group_creator()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if (select auth.uid()) is not null then
    new.created_by := (select auth.uid());
  end if;
  return new;
end;
$$;

revoke execute on function private.group_creator() from public, anon, authenticated;

create trigger neighbourhood_groups_creator
  before insert on public.neighbourhood_groups
  for each row execute function private.group_creator();

/** The creator of a group (volunteer or coordinator) is its first leader. */
create or replace function private.creator_leads_group()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.created_by is not null then
    insert into public.group_members (group_id, profile_id, role, status)
    values (new.id, new.created_by, 'leader', 'active')
    on conflict (group_id, profile_id) do update set role = 'leader', status = 'active';
  end if;
  return new;
end;
$$;

revoke execute on function private.creator_leads_group() from public, anon, authenticated;

-- Groups a coordinator created before this had no leader: their creator leads them now.
insert into public.group_members (group_id, profile_id, role, status)
select g.id, g.created_by, 'leader', 'active'
from public.neighbourhood_groups g
join public.profiles p on p.id = g.created_by
where not exists (
  select 1 from public.group_members gm
  where gm.group_id = g.id and gm.role = 'leader' and gm.status = 'active'
)
on conflict (group_id, profile_id) do update set role = 'leader', status = 'active';

/**
 * The last active leader of an open group cannot leave, be removed or step down, by any path
 * (leaving, a co-leader or the ward removing them, a role change): they hand the group over or
 * close it first. Deleting the group, or the person's account, is not held up. Changes to one
 * group's leaders are serialised on the group's row, so two co-leaders leaving at once cannot
 * both go.
 */
create or replace function private.keep_a_group_leader()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if old.role = 'leader' and old.status = 'active'
     and (tg_op = 'DELETE' or new.role <> 'leader' or new.status <> 'active') then
    perform 1 from public.neighbourhood_groups g where g.id = old.group_id for update;
    if exists (select 1 from public.neighbourhood_groups g where g.id = old.group_id and g.closed_at is null)
       and exists (select 1 from public.profiles p where p.id = old.profile_id)
       and not exists (
         select 1 from public.group_members o
         where o.group_id = old.group_id and o.profile_id <> old.profile_id
           and o.role = 'leader' and o.status = 'active'
       ) then
      raise exception 'the last leader of a group cannot leave it; hand it over or close the group'
        using errcode = 'P0001', detail = 'last_leader';
    end if;
  end if;
  return coalesce(new, old);
end;
$$;

revoke execute on function private.keep_a_group_leader() from public, anon, authenticated;

create trigger group_members_keep_a_leader
  before update or delete on public.group_members
  for each row execute function private.keep_a_group_leader();

/** Nobody asks to join a closed group. */
create policy "Closed groups take no one in"
  on public.group_members as restrictive for insert
  to authenticated
  with check (
    not exists (
      select 1 from public.neighbourhood_groups g where g.id = group_id and g.closed_at is not null
    )
  );

/**
 * A leader of the group (or a coordinator of its ward) offers the leadership to an active member
 * who lives in the group's ward; `p_to` null withdraws the offer. The member becomes leader only
 * by accepting (answer_group_leadership). Refusals carry a `detail` key: not_leader, closed,
 * not_member, other_ward.
 */
create or replace function public.hand_over_group(p_group_id bigint, p_to uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  g public.neighbourhood_groups;
begin
  select * into g from public.neighbourhood_groups where id = p_group_id for update;
  if g.id is null
     or not (private.is_group_member(p_group_id, 'leader') or private.coordinates_group(p_group_id)) then
    raise exception 'only a leader of the group or its ward hands it over'
      using errcode = '42501', detail = 'not_leader';
  end if;
  if g.closed_at is not null then
    raise exception 'the group is closed' using errcode = 'P0001', detail = 'closed';
  end if;
  if p_to is not null then
    if not exists (
      select 1 from public.group_members gm
      where gm.group_id = p_group_id and gm.profile_id = p_to
        and gm.status = 'active' and gm.role = 'member'
    ) then
      raise exception 'leadership goes to a member of the group' using errcode = 'P0001', detail = 'not_member';
    end if;
    if not exists (select 1 from public.profiles p where p.id = p_to and p.ward_id = g.ward_id) then
      raise exception 'leadership goes to someone of the group''s ward' using errcode = 'P0001', detail = 'other_ward';
    end if;
  end if;
  update public.neighbourhood_groups
  set handover_to = p_to, handover_from = case when p_to is null then null else (select auth.uid()) end
  where id = p_group_id;
end;
$$;

revoke execute on function public.hand_over_group(bigint, uuid) from public, anon;
grant execute on function public.hand_over_group(bigint, uuid) to authenticated;

/**
 * The member offered the leadership accepts (they lead; the leader who offered becomes a member)
 * or declines (the offer ends). Checked again at acceptance: still an active member of the ward.
 * Refusals: no_offer, not_member, other_ward, closed.
 */
create or replace function public.answer_group_leadership(p_group_id bigint, p_accept boolean)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  g public.neighbourhood_groups;
  me uuid := (select auth.uid());
begin
  select * into g from public.neighbourhood_groups where id = p_group_id for update;
  if g.id is null or me is null or g.handover_to is distinct from me then
    raise exception 'no leadership was offered to you' using errcode = 'P0001', detail = 'no_offer';
  end if;
  update public.neighbourhood_groups set handover_to = null, handover_from = null where id = p_group_id;
  if not coalesce(p_accept, false) then
    return;
  end if;
  if g.closed_at is not null then
    raise exception 'the group is closed' using errcode = 'P0001', detail = 'closed';
  end if;
  if not exists (select 1 from public.profiles p where p.id = me and p.ward_id = g.ward_id) then
    raise exception 'leadership goes to someone of the group''s ward' using errcode = 'P0001', detail = 'other_ward';
  end if;
  update public.group_members set role = 'leader'
  where group_id = p_group_id and profile_id = me and status = 'active';
  if not found then
    raise exception 'leadership goes to a member of the group' using errcode = 'P0001', detail = 'not_member';
  end if;
  -- The new leader is in place first, so the one who offered is never the last to step down.
  update public.group_members set role = 'member'
  where group_id = p_group_id and profile_id = g.handover_from and profile_id <> me
    and role = 'leader' and status = 'active';
end;
$$;

revoke execute on function public.answer_group_leadership(bigint, boolean) from public, anon;
grant execute on function public.answer_group_leadership(bigint, boolean) to authenticated;

/**
 * A leader (or the ward) closes the group: nobody joins any more, an offer of leadership ends,
 * and members, its last leader too, may leave. Its lessons and awards stay. Refusal: not_leader.
 */
create or replace function public.close_group(p_group_id bigint)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  if not (private.is_group_member(p_group_id, 'leader') or private.coordinates_group(p_group_id)) then
    raise exception 'only a leader of the group or its ward closes it'
      using errcode = '42501', detail = 'not_leader';
  end if;
  update public.neighbourhood_groups
  set closed_at = coalesce(closed_at, now()), handover_to = null, handover_from = null
  where id = p_group_id;
  -- People still asking to join get no answer from a closed group: their requests end.
  delete from public.group_members where group_id = p_group_id and status = 'requested';
end;
$$;

revoke execute on function public.close_group(bigint) from public, anon;
grant execute on function public.close_group(bigint) to authenticated;

-- -----------------------------------------------------------------------------
-- 3. The recognition list's audit row through the shared helper
-- -----------------------------------------------------------------------------

/**
 * As in 20261202030000_credentials.sql; the export is written to the audit log by
 * private.audit_read (one helper for every read that is audited).
 */
create or replace function private.ward_recognition(p_ward_id bigint, p_month text, p_format text)
returns table (
  profile_id uuid,
  display_name text,
  lessons integer,
  learners integer,
  minutes integer,
  badges_vi text,
  badges_en text
)
language plpgsql
security definer
set search_path = ''
as $$
declare
  first_day timestamptz;
  n integer;
begin
  if not private.is_coordinator_of(p_ward_id) then
    raise exception 'only a coordinator of this ward can list its recognition' using errcode = '42501';
  end if;
  if p_month !~ '^[0-9]{4}-(0[1-9]|1[0-2])$' or p_format not in ('csv', 'print') then
    raise exception 'month must be YYYY-MM and format csv or print' using errcode = '22023';
  end if;
  first_day := (p_month || '-01')::timestamp at time zone 'Asia/Ho_Chi_Minh';

  return query
  with people as (
    select p.id, p.display_name from public.profiles p where p.ward_id = p_ward_id
  ),
  taught as (
    select pe.id,
           count(distinct c.session_id)::integer as lessons,
           count(distinct c.learner_id)::integer as learners
    from people pe
    cross join lateral private.counted_lessons(pe.id) c
    where c.teacher_id = pe.id
      and c.created_at >= first_day and c.created_at < first_day + interval '1 month'
    group by pe.id
  ),
  -- A class counts its length once, however many learners it had.
  taught_minutes as (
    select x.teacher_id as id, sum(x.m)::integer as minutes
    from (
      select distinct c.teacher_id, s.id,
             (extract(epoch from (s.ends_at - s.starts_at)) / 60)::integer as m
      from people pe
      cross join lateral private.counted_lessons(pe.id) c
      join public.sessions s on s.id = c.session_id
      where c.teacher_id = pe.id
        and c.created_at >= first_day and c.created_at < first_day + interval '1 month'
    ) x
    group by x.teacher_id
  ),
  earned as (
    select a.profile_id as id,
           string_agg(b.name_vi, '; ' order by b.sort_order, b.id) as badges_vi,
           string_agg(b.name_en, '; ' order by b.sort_order, b.id) as badges_en
    from public.badge_awards a
    join public.badge_definitions b on b.id = a.badge_id
    join people pe on pe.id = a.profile_id
    where a.awarded_at >= first_day and a.awarded_at < first_day + interval '1 month'
    group by a.profile_id
  )
  select pe.id, pe.display_name, coalesce(t.lessons, 0), coalesce(t.learners, 0),
         coalesce(tm.minutes, 0), coalesce(e.badges_vi, ''), coalesce(e.badges_en, '')
  from people pe
  left join taught t on t.id = pe.id
  left join taught_minutes tm on tm.id = pe.id
  left join earned e on e.id = pe.id
  where t.id is not null or e.id is not null
  order by coalesce(t.lessons, 0) desc, coalesce(tm.minutes, 0) desc, pe.display_name, pe.id;

  get diagnostics n = row_count;
  perform private.audit_read('export', 'recognition_list', p_ward_id || ':' || p_month,
                             jsonb_build_object('format', p_format, 'rows', n));
end;
$$;

revoke execute on function private.ward_recognition(bigint, text, text) from public, anon;
grant execute on function private.ward_recognition(bigint, text, text) to authenticated;

-- -----------------------------------------------------------------------------
-- 4. A badge notice opens its badge
-- -----------------------------------------------------------------------------

/** As in 20261202030000_credentials.sql; the notice links to the award on the badges page. */
create or replace function private.announce_badge()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.notifications (profile_id, kind, title, body, url, params, dedupe_key)
  select new.profile_id, 'badge_awarded', 'credentials.notice.title', 'credentials.notice.body',
         '/badges#award-' || new.id,
         jsonb_build_object('badge_vi', b.name_vi, 'badge_en', b.name_en, 'award_id', new.id),
         'badge-award:' || new.id
  from public.badge_definitions b
  where b.id = new.badge_id
  on conflict on constraint notifications_once do nothing;
  return null;
end;
$$;

revoke execute on function private.announce_badge() from public, anon, authenticated;
