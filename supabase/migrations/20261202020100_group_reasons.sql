-- =============================================================================
-- A group is a reason to know someone only once one is in it
--
-- Since groups are joined by asking (20261201050000), a row in group_members can be a request
-- still waiting. private.has_reason_to_see counted any row: asking to join a group gave the
-- asker the cards (name, ward, languages) of every member, and every member the asker's. Now a
-- group is a reason only between active members, and for a group's leaders toward the people
-- asking to join (they decide on them). Everything else is as in 20261130020200.
-- =============================================================================

/**
 * True when the signed-in user has a reason to see the given person's card and approximate
 * location (see 20261130020200_profile_reasons.sql); groups count between active members, and
 * from a leader to those asking to join.
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
            and mine.status = 'active'
            and (
              theirs.status = 'active'
              or (mine.role = 'leader' and theirs.status = 'requested')
            )
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
