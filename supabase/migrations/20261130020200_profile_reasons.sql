-- =============================================================================
-- Profile cards and approximate locations only where the caller has a reason
--
-- `profile_cards(uuid[])` and `approximate_location(uuid)` used to answer for
-- any id, and ids are easy to list (badge_awards, volunteer_skills,
-- volunteer_verifications are readable by every signed-in user): one curious
-- volunteer could collect every learner's name, ward and home cell. Now they
-- answer only for people the caller has a reason to know:
-- - themselves;
-- - people of a ward the caller coordinates;
-- - the people they registered, and whoever registered them;
-- - people they share a session with (teacher and learner of a session, or
--   of a session taken from the learner's request), unless it was cancelled;
-- - members of a neighbourhood group they belong to;
-- - volunteers offered to one of their own open requests (a match).
-- A blocked pair (either direction) never has a reason, except coordinators.
-- =============================================================================

/**
 * True when the signed-in user has a reason to see the given person's card
 * and approximate location (see the list at the top of this migration).
 */
create or replace function private.has_reason_to_see(p_profile_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select
    p_profile_id = (select auth.uid())
    or private.coordinates_profile(p_profile_id)
    or (
      not private.is_blocked_between((select auth.uid()), p_profile_id)
      and (
        exists (
          select 1 from public.profiles p
          where (p.id = p_profile_id and p.registered_by = (select auth.uid()))
             or (p.id = (select auth.uid()) and p.registered_by = p_profile_id)
        )
        or exists (
          select 1
          from public.sessions s
          left join public.session_participants sp on sp.session_id = s.id
          left join public.help_requests r on r.id = s.request_id
          where s.status <> 'cancelled'
            and (
              (s.teacher_id = (select auth.uid()) and p_profile_id in (sp.profile_id, r.learner_id))
              or (s.teacher_id = p_profile_id and (select auth.uid()) in (sp.profile_id, r.learner_id))
            )
        )
        or exists (
          select 1
          from public.group_members mine
          join public.group_members theirs on theirs.group_id = mine.group_id
          where mine.profile_id = (select auth.uid()) and theirs.profile_id = p_profile_id
        )
        or exists (
          select 1 from public.help_requests r
          where (r.learner_id = (select auth.uid()) or r.created_by = (select auth.uid()))
            and r.status = 'open'
            and private.volunteer_matches_request(p_profile_id, r.id)
        )
      )
    );
$$;

revoke execute on function private.has_reason_to_see(uuid) from public, anon;
grant execute on function private.has_reason_to_see(uuid) to authenticated, service_role;

/**
 * What the caller may know about people they have a reason to know (see
 * private.has_reason_to_see): name, ward, roles, languages, verification and
 * badge count. No phone, no location, no needs. Ids without a reason are
 * silently left out, so the answer does not tell whether an id exists.
 *
 * Columns: id, display_name, ward_id, can_teach, languages, verified (in the
 * ward they live in now), badge_count.
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
         (select count(*) from public.badge_awards b where b.profile_id = p.id)
  from public.profiles p
  where p.id = any (p_ids[1:500])
    and ((select auth.jwt() ->> 'role') = 'service_role' or private.has_reason_to_see(p.id));
$$;

revoke execute on function public.profile_cards(uuid[]) from public, anon;
grant execute on function public.profile_cards(uuid[]) to authenticated, service_role;

/**
 * The approximate home of a person the caller has a reason to know (grid
 * cell centre, about 440 m), or their ward's centre when they have not set a
 * home. Never the exact point; no row without a reason.
 */
create or replace function public.approximate_location(p_profile_id uuid)
returns table (lat double precision, lng double precision)
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(h.approx_lat, private.snap_to_grid(a.center_lat)),
         coalesce(h.approx_lng, private.snap_to_grid(a.center_lng))
  from public.profiles p
  left join public.home_locations h on h.profile_id = p.id
  left join public.areas a on a.id = p.ward_id
  where p.id = p_profile_id
    and (h.profile_id is not null or a.id is not null)
    and ((select auth.jwt() ->> 'role') = 'service_role' or private.has_reason_to_see(p.id));
$$;

revoke execute on function public.approximate_location(uuid) from public, anon;
grant execute on function public.approximate_location(uuid) to authenticated, service_role;
