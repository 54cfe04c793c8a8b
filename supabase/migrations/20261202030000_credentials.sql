-- =============================================================================
-- Recognition that travels: a badge announced the moment it is earned, a public
-- verification page per award (only what its owner chose to show), signed
-- Open Badges credentials, a certificate of volunteer hours, and the ward's
-- monthly recognition list for commendation proposals (every export audited).
-- =============================================================================

-- -----------------------------------------------------------------------------
-- Awards carry an unguessable verification token and a salt for the recipient
-- -----------------------------------------------------------------------------

-- 244 random bits (two v4 UUIDs): the serial id would let anyone walk every award.
alter table public.badge_awards
  add column verify_token text not null
    default (replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '')),
  add column recipient_salt text not null default replace(gen_random_uuid()::text, '-', '');

alter table public.badge_awards
  add constraint badge_awards_verify_token_key unique (verify_token);

comment on column public.badge_awards.verify_token is
  'Unguessable token of the public verification page and of the signed credential (never the id).';
comment on column public.badge_awards.recipient_salt is
  'Salt of the recipient''s hashed identity in the Open Badges credential (OB3 IdentityObject).';

-- -----------------------------------------------------------------------------
-- A badge earned is announced at once, in the same transaction as the award
-- -----------------------------------------------------------------------------

/**
 * Writes the in-app notice of a new award (message keys, the badge's names as
 * values, so the push and the list speak the person's language). Its row is
 * in the push outbox at once (push_sent_at null); the dedupe key is the award.
 */
create or replace function private.announce_badge()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.notifications (profile_id, kind, title, body, url, params, dedupe_key)
  select new.profile_id, 'badge_awarded', 'credentials.notice.title', 'credentials.notice.body',
         '/badges', jsonb_build_object('badge_vi', b.name_vi, 'badge_en', b.name_en, 'award_id', new.id),
         'badge-award:' || new.id
  from public.badge_definitions b
  where b.id = new.badge_id
  on conflict on constraint notifications_once do nothing;
  return null;
end;
$$;

revoke execute on function private.announce_badge() from public, anon, authenticated;

create trigger badge_awards_announce
  after insert on public.badge_awards
  for each row execute function private.announce_badge();

-- -----------------------------------------------------------------------------
-- Public verification of one award
-- -----------------------------------------------------------------------------

/**
 * What the public verification page may say about an award: nothing when the
 * token is unknown (no row); only `shown = false` when its owner keeps it
 * private; the badge, the date and the name the person goes by when shown.
 * Called by the server with the service role (the page is open to anyone).
 */
create or replace function public.award_by_token(p_token text)
returns table (
  shown boolean,
  slug text,
  kind text,
  name_vi text,
  name_en text,
  description_vi text,
  description_en text,
  awarded_at timestamptz,
  display_name text
)
language sql
stable
security definer
set search_path = ''
as $$
  select a.shown,
         case when a.shown then b.slug end,
         case when a.shown then b.kind end,
         case when a.shown then b.name_vi end,
         case when a.shown then b.name_en end,
         case when a.shown then b.description_vi end,
         case when a.shown then b.description_en end,
         case when a.shown then a.awarded_at end,
         case when a.shown then p.display_name end
  from public.badge_awards a
  join public.badge_definitions b on b.id = a.badge_id
  join public.profiles p on p.id = a.profile_id
  where a.verify_token = p_token
    and length(p_token) = 64;
$$;

revoke execute on function public.award_by_token(text) from public, anon, authenticated;
grant execute on function public.award_by_token(text) to service_role;

-- -----------------------------------------------------------------------------
-- Certificate of volunteer hours
-- -----------------------------------------------------------------------------

/**
 * The signed-in person's lessons taught that count (private.counted_lessons:
 * confirmed with a code, not with a brand-new account, a pair at most three
 * times), one row per lesson with its booked length and learners counted.
 */
create or replace function public.my_volunteer_lessons()
returns table (
  session_id bigint,
  skill_vi text,
  skill_en text,
  starts_at timestamptz,
  minutes integer,
  learners integer
)
language sql
stable
security definer
set search_path = ''
as $$
  select s.id, k.title_vi, k.title_en, s.starts_at,
         (extract(epoch from (s.ends_at - s.starts_at)) / 60)::integer,
         count(distinct c.learner_id)::integer
  from private.counted_lessons((select auth.uid())) c
  join public.sessions s on s.id = c.session_id
  join public.skills k on k.id = s.skill_id
  where c.teacher_id = (select auth.uid())
  group by s.id, k.title_vi, k.title_en
  order by s.starts_at;
$$;

revoke execute on function public.my_volunteer_lessons() from public, anon;
grant execute on function public.my_volunteer_lessons() to authenticated;

-- -----------------------------------------------------------------------------
-- Monthly recognition list of a ward (commendation proposals)
-- -----------------------------------------------------------------------------

alter table public.audit_log drop constraint audit_log_action_check;
alter table public.audit_log add constraint audit_log_action_check
  check (action in ('insert', 'update', 'delete', 'export'));

/**
 * The people of a ward who taught lessons that count, or earned badges, in one
 * month (Vietnam time): lessons, learners, minutes and the badges earned. Only
 * a coordinator of that ward may ask (42501 otherwise), and every call is
 * written to the audit log as an export (`p_format`: 'csv' or 'print').
 * No phone number, no address: names as people gave them.
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
  insert into public.audit_log (actor_id, actor_role, table_name, record_key, action, new_data)
  values ((select auth.uid()), coalesce((select auth.role()), session_user::text), 'recognition_list',
          p_ward_id || ':' || p_month, 'export', jsonb_build_object('format', p_format, 'rows', n));
end;
$$;

revoke execute on function private.ward_recognition(bigint, text, text) from public, anon;
grant execute on function private.ward_recognition(bigint, text, text) to authenticated;

/**
 * Thin wrapper the coordinator's page calls (runs as the caller); the private
 * function checks the ward and writes the audit row.
 */
create or replace function public.ward_recognition(p_ward_id bigint, p_month text, p_format text)
returns table (
  profile_id uuid,
  display_name text,
  lessons integer,
  learners integer,
  minutes integer,
  badges_vi text,
  badges_en text
)
language sql
security invoker
set search_path = ''
as $$
  select * from private.ward_recognition(p_ward_id, p_month, p_format);
$$;

revoke execute on function public.ward_recognition(bigint, text, text) from public, anon;
grant execute on function public.ward_recognition(bigint, text, text) to authenticated;
