-- =============================================================================
-- Recognition that respects people: private badges, rules that cannot be farmed,
-- groups one joins by asking, awards a leader proposes and the ward approves.
--
-- Before this, every signed-in person read every badge award (which tells anyone who is a
-- learner, and lists ids to probe), anyone joined any group and read its members, a leader added
-- people without asking them, and a second account of one's own earned badges as fast as the
-- codes could be typed.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- Badges: private unless the person shows them
-- -----------------------------------------------------------------------------

alter table public.badge_awards add column shown boolean not null default false;

comment on column public.badge_awards.shown is
  'The person chose to show this badge to others (profile, verification page); private by default.';

drop policy "Badge awards are visible to signed-in users" on public.badge_awards;

create policy "People see their own badges"
  on public.badge_awards for select
  to authenticated
  using (profile_id = (select auth.uid()));

create policy "Badges a person shows are visible to signed-in users"
  on public.badge_awards for select
  to authenticated
  using (shown);

-- The ward proposes commendations, so it must see what its people earned.
create policy "Coordinators see the badges of their ward's people"
  on public.badge_awards for select
  to authenticated
  using ((select private.coordinates_profile(profile_id)));

grant update (shown) on public.badge_awards to authenticated;

create policy "People choose which of their badges to show"
  on public.badge_awards for update
  to authenticated
  using (profile_id = (select auth.uid()))
  with check (profile_id = (select auth.uid()));

-- -----------------------------------------------------------------------------
-- Badge rules that a second account cannot farm
-- -----------------------------------------------------------------------------

/**
 * The rules that keep badges honest, in one row that everyone may read (the badge page explains
 * them) and only the service role may tune.
 */
create table public.recognition_rules (
  id boolean primary key default true check (id),
  min_account_age interval not null default interval '24 hours'
    check (min_account_age >= interval '0'),
  max_lessons_per_pair integer not null default 3 check (max_lessons_per_pair > 0)
);

comment on table public.recognition_rules is
  'Anti-farming rules of the badges: how old both accounts must be, how many lessons one pair counts.';

insert into public.recognition_rules default values;

alter table public.recognition_rules enable row level security;

revoke insert, update, delete on public.recognition_rules from anon, authenticated;

create policy "The badge rules are visible to signed-in users"
  on public.recognition_rules for select
  to authenticated
  using (true);

/**
 * The completed lessons of one person (as teacher or learner) that count toward badges:
 * - both accounts existed `min_account_age` (a day) before the lesson was confirmed, so an
 *   account made to be taught (or to teach) on the spot earns nothing;
 * - one pair of people counts for at most `max_lessons_per_pair` (three) lessons, so two accounts
 *   of one person cannot climb the ladder by meeting again and again.
 */
create or replace function private.counted_lessons(p_profile_id uuid)
returns table (teacher_id uuid, learner_id uuid, skill_id bigint, session_id bigint, created_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select c.teacher_id, c.learner_id, c.skill_id, c.session_id, c.created_at
  from (
    select tc.*,
           row_number() over (
             partition by tc.teacher_id, tc.learner_id order by tc.created_at, tc.id
           ) as nth
    from public.teaching_chain tc
    join auth.users t on t.id = tc.teacher_id
    join auth.users l on l.id = tc.learner_id
    cross join public.recognition_rules r
    where (tc.teacher_id = p_profile_id or tc.learner_id = p_profile_id)
      and t.created_at <= tc.created_at - r.min_account_age
      and l.created_at <= tc.created_at - r.min_account_age
  ) c
  where c.nth <= (select r.max_lessons_per_pair from public.recognition_rules r);
$$;

revoke execute on function private.counted_lessons(uuid) from public, anon, authenticated;

/**
 * Applies every badge rule to one person (and to their groups) over the lessons that count,
 * and awards what is newly earned. Idempotent: safe to run again and concurrently; serialised
 * per person with a transaction-scoped advisory lock.
 */
create or replace function private.award_badges(p_profile_id uuid, p_session_id bigint default null)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  taught integer;
  learners integer;
  learned integer;
  months date[];
  streak integer := 0;
  month date := date_trunc('month', now() at time zone 'Asia/Ho_Chi_Minh')::date;
begin
  -- One evaluation per person at a time: a concurrent completion waits here and then counts
  -- the other's lesson too, so a threshold reached by two lessons at once is not missed.
  perform pg_advisory_xact_lock(hashtextextended('award_badges:' || p_profile_id::text, 0));

  select count(distinct c.session_id) filter (where c.teacher_id = p_profile_id),
         count(distinct c.learner_id) filter (where c.teacher_id = p_profile_id),
         count(distinct c.skill_id) filter (where c.learner_id = p_profile_id),
         array_agg(distinct date_trunc('month', c.created_at at time zone 'Asia/Ho_Chi_Minh')::date)
           filter (where c.teacher_id = p_profile_id)
    into taught, learners, learned, months
  from private.counted_lessons(p_profile_id) c;

  -- Consecutive months (ending this month) with at least one session taught.
  while (month - make_interval(months => streak))::date = any (months) loop
    streak := streak + 1;
  end loop;

  insert into public.badge_awards (badge_id, profile_id, period, session_id)
  select b.id, p_profile_id,
         case when b.kind = 'monthly_streak' then to_char(month, 'YYYY-MM') else '' end,
         p_session_id
  from public.badge_definitions b
  where (b.kind = 'sessions_taught' and taught >= b.threshold)
     or (b.kind = 'distinct_learners' and learners >= b.threshold)
     or (b.kind = 'skills_learned' and learned >= b.threshold)
     or (b.kind = 'monthly_streak' and streak >= b.threshold)
     or (b.kind = 'skill_taught' and b.threshold <= (
           select count(distinct c.learner_id) from private.counted_lessons(p_profile_id) c
           where c.teacher_id = p_profile_id and c.skill_id = b.skill_id))
  on conflict on constraint badge_awards_once do nothing;

  -- A group's lessons: those its active members taught that count for each of them.
  insert into public.group_awards (group_id, badge_id, title, period, awarded_by, status)
  select gm.group_id, b.id, b.name_vi, '', null, 'approved'
  from public.group_members gm
  cross join public.badge_definitions b
  where gm.profile_id = p_profile_id
    and gm.status = 'active'
    and b.kind = 'group_sessions'
    and b.threshold <= (
      select count(distinct c.session_id)
      from public.group_members other
      cross join lateral private.counted_lessons(other.profile_id) c
      where other.group_id = gm.group_id
        and other.status = 'active'
        and c.teacher_id = other.profile_id
    )
  on conflict on constraint group_awards_once do nothing;
end;
$$;

revoke execute on function private.award_badges(uuid, bigint) from public, anon, authenticated;

-- -----------------------------------------------------------------------------
-- Groups: created by coordinators or verified volunteers, joined by asking
-- -----------------------------------------------------------------------------

alter table public.group_members
  add column status text not null default 'requested' check (status in ('requested', 'active'));

comment on column public.group_members.status is
  'requested: the person asked to join and waits for a leader or the ward; active: a member.';

create index group_members_group_id_status_idx on public.group_members (group_id, status);

/** Active membership only: a pending request opens nothing. */
create or replace function private.is_group_member(p_group_id bigint, p_role text default null)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.group_members gm
    where gm.group_id = p_group_id
      and gm.profile_id = (select auth.uid())
      and gm.status = 'active'
      and (p_role is null or gm.role = p_role)
  );
$$;

create policy "Verified volunteers create groups in their own ward"
  on public.neighbourhood_groups for insert
  to authenticated
  with check (
    created_by = (select auth.uid())
    and (select private.is_verified_volunteer((select auth.uid())))
    and ward_id = (select p.ward_id from public.profiles p where p.id = (select auth.uid()))
  );

/** A volunteer who creates a group leads it; a coordinator who creates one oversees it. */
create or replace function private.creator_leads_group()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.created_by is not null
     and not exists (
       select 1 from public.coordinator_assignments ca
       where ca.profile_id = new.created_by and ca.ward_id = new.ward_id
     ) then
    insert into public.group_members (group_id, profile_id, role, status)
    values (new.id, new.created_by, 'leader', 'active');
  end if;
  return new;
end;
$$;

revoke execute on function private.creator_leads_group() from public, anon, authenticated;

create trigger neighbourhood_groups_creator_leads
  after insert on public.neighbourhood_groups
  for each row execute function private.creator_leads_group();

drop policy "Users join groups as members" on public.group_members;
drop policy "Leaders and coordinators add members" on public.group_members;
drop policy "Coordinators change member roles" on public.group_members;
drop policy "Group members see the other members" on public.group_members;

revoke insert, update on public.group_members from anon, authenticated;
grant insert (group_id, profile_id) on public.group_members to authenticated;
grant update (status, role) on public.group_members to authenticated;

create policy "People ask to join a group"
  on public.group_members for insert
  to authenticated
  with check (profile_id = (select auth.uid()) and role = 'member' and status = 'requested');

create policy "People see their own membership"
  on public.group_members for select
  to authenticated
  using (profile_id = (select auth.uid()));

create policy "Members see the other active members"
  on public.group_members for select
  to authenticated
  using (status = 'active' and (select private.is_group_member(group_id)));

create policy "Leaders see who asks to join"
  on public.group_members for select
  to authenticated
  using (status = 'requested' and (select private.is_group_member(group_id, 'leader')));

create policy "Leaders let people in"
  on public.group_members for update
  to authenticated
  using (status = 'requested' and (select private.is_group_member(group_id, 'leader')))
  with check (status = 'active' and role = 'member');

create policy "Coordinators manage the members of their ward's groups"
  on public.group_members for update
  to authenticated
  using ((select private.coordinates_group(group_id)))
  with check ((select private.coordinates_group(group_id)));

-- -----------------------------------------------------------------------------
-- Group awards: a leader proposes, the ward's coordinator approves
-- -----------------------------------------------------------------------------

alter table public.group_awards
  add column status text not null default 'approved' check (status in ('proposed', 'approved')),
  add column proposed_by uuid references public.profiles (id) on delete set null,
  add column reason text not null default '' check (length(reason) <= 1000);

comment on column public.group_awards.status is
  'proposed by a group leader and waiting for the ward; approved by a coordinator (or by rule).';

create index group_awards_proposed_by_idx on public.group_awards (proposed_by);

drop policy "Group awards are visible to signed-in users" on public.group_awards;

create policy "Approved group awards are visible to signed-in users"
  on public.group_awards for select
  to authenticated
  using (status = 'approved');

create policy "Leaders and the ward see proposed awards"
  on public.group_awards for select
  to authenticated
  using (
    status = 'proposed'
    and ((select private.is_group_member(group_id, 'leader')) or (select private.coordinates_group(group_id)))
  );

/** A proposal names who proposed it and is awarded by nobody until the ward approves it. */
create or replace function private.prepare_group_award()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.status = 'proposed' then
    new.proposed_by := (select auth.uid());
    new.awarded_by := null;
  end if;
  return new;
end;
$$;

revoke execute on function private.prepare_group_award() from public, anon, authenticated;

create trigger group_awards_prepare
  before insert on public.group_awards
  for each row execute function private.prepare_group_award();

create policy "Leaders propose an award for their group"
  on public.group_awards for insert
  to authenticated
  with check (
    badge_id is null
    and status = 'proposed'
    and awarded_by is null
    and proposed_by = (select auth.uid())
    and (select private.is_group_member(group_id, 'leader'))
  );

grant update (status, awarded_by, awarded_at) on public.group_awards to authenticated;

create policy "Coordinators approve proposed awards in their ward"
  on public.group_awards for update
  to authenticated
  using (status = 'proposed' and (select private.coordinates_group(group_id)))
  with check (status = 'approved' and awarded_by = (select auth.uid()));
