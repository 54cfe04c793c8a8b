-- =============================================================================
-- A suspended volunteer is not offered as a class's teacher
--
-- private.class_teachers (20261202050000_ward_operations.sql) listed every
-- verified volunteer of the ward, suspended or not, so the board's form
-- offered someone the database then refused (volunteer_suspended). The list
-- now leaves them out, as matching does. (Redefines private.class_teachers.)
-- =============================================================================

/**
 * Who may teach a class of the ward: its verified volunteers not suspended,
 * and its coordinators (names only), for the coordinator's form.
 */
create or replace function private.class_teachers(p_ward_id bigint)
returns table (profile_id uuid, display_name text, is_coordinator boolean)
language sql
stable
security definer
set search_path = ''
as $$
  select p.id, coalesce(p.display_name, ''), false
  from public.volunteer_verifications vv
  join public.profiles p on p.id = vv.profile_id
  where vv.ward_id = p_ward_id and p.can_teach and private.is_coordinator_of(p_ward_id)
    and not private.is_suspended(p.id)
  union
  select p.id, coalesce(p.display_name, ''), true
  from public.coordinator_assignments ca
  join public.profiles p on p.id = ca.profile_id
  where ca.ward_id = p_ward_id and private.is_coordinator_of(p_ward_id)
  order by 3 desc, 2;
$$;
