-- =============================================================================
-- Download my data shows how each phone consent card was confirmed
--
-- 20261203040000_class_device_card.sql added to a card where the learner's
-- side was given (her own account, or the class's shared tablet) and who
-- confirmed the volunteer's side (the teacher, or the ward's coordinator
-- holding the tablet). The export (private.export_person, as last defined in
-- 20261202080000_export_new_records.sql) now carries both, still without
-- anyone else's id: the confirmer appears as a role ('teacher' /
-- 'ward_coordinator'), never as a person.
--
-- The new column teacher_confirmed_by names the teacher or coordinator who
-- confirmed, and learner_confirmed_by a helper or the tablet's holder: the
-- cards a person confirmed for someone else join their export as
-- 'phone_consent_cards_confirmed' (the lesson, the terms, which side, when;
-- 'both_on_tablet' when they held a class's tablet), without the learner's id.
-- =============================================================================

/**
 * Everything stored about one person (private.export_person_core) and their
 * rows of the tables added since: citizen feedback, lesson invitations, phone
 * consent cards (theirs, and those they confirmed for someone else), legal
 * representation and volunteer suspensions.
 */
create or replace function private.export_person(p_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select private.export_person_core(p_id) || jsonb_build_object(
    'service_feedback', coalesce((
      select jsonb_agg(to_jsonb(f) - 'reporter_id' order by f.created_at)
      from public.service_feedback f where f.reporter_id = p_id), '[]'),
    'lesson_invitations', coalesce((
      select jsonb_agg(jsonb_build_object(
               'id', i.id, 'request_id', i.request_id,
               'my_role', case when i.volunteer_id = p_id then 'invited' else 'inviter' end,
               'starts_at', i.starts_at, 'ends_at', i.ends_at, 'place_note', i.place_note,
               'status', i.status, 'expires_at', i.expires_at, 'decline_reason', i.decline_reason,
               'session_id', i.session_id, 'created_at', i.created_at, 'answered_at', i.answered_at)
               order by i.created_at)
      from public.lesson_invitations i where i.volunteer_id = p_id or i.invited_by = p_id), '[]'),
    'phone_consent_cards', coalesce((
      select jsonb_agg(jsonb_build_object(
               'session_id', c.session_id, 'actions', c.actions, 'minutes', c.minutes,
               'card_version', c.card_version, 'teacher_confirmed_at', c.teacher_confirmed_at,
               'teacher_side_confirmed_by', case
                 when c.teacher_confirmed_by is null then null
                 when c.teacher_confirmed_by = s.teacher_id then 'teacher'
                 else 'ward_coordinator' end,
               'learner_confirmed_at', c.learner_confirmed_at,
               'learner_confirmed_on', c.learner_confirmed_on,
               'confirmed_by_me', c.learner_confirmed_by is not distinct from p_id)
               order by c.session_id)
      from public.device_cards c
      join public.sessions s on s.id = c.session_id
      where c.learner_id = p_id), '[]'),
    'phone_consent_cards_confirmed', coalesce((
      select jsonb_agg(jsonb_build_object(
               'session_id', c.session_id, 'actions', c.actions, 'minutes', c.minutes,
               'card_version', c.card_version,
               'my_side', case
                 when c.teacher_confirmed_by = p_id and c.learner_confirmed_by = p_id then 'both_on_tablet'
                 when c.teacher_confirmed_by = p_id then 'teacher'
                 else 'learner' end,
               'confirmed_at', case when c.teacher_confirmed_by = p_id then c.teacher_confirmed_at
                                    else c.learner_confirmed_at end,
               'learner_confirmed_on', c.learner_confirmed_on)
               order by c.session_id, c.updated_at)
      from public.device_cards c
      where c.learner_id <> p_id and (c.teacher_confirmed_by = p_id or c.learner_confirmed_by = p_id)), '[]'),
    'legal_representation', coalesce((
      select jsonb_agg(jsonb_build_object(
               'id', r.id, 'my_role', case when r.represented_id = p_id then 'represented' else 'representative' end,
               'ward_id', r.ward_id, 'relationship', r.relationship, 'grounds', r.grounds,
               'scope', r.scope, 'valid_from', r.valid_from, 'valid_until', r.valid_until,
               'revoked_at', r.revoked_at, 'created_at', r.created_at)
               order by r.created_at)
      from public.legal_representatives r
      where r.represented_id = p_id or r.representative_id = p_id), '[]'),
    'suspensions', coalesce((
      select jsonb_agg(jsonb_build_object(
               'ward_id', s.ward_id, 'reason', s.reason, 'suspended_at', s.suspended_at,
               'lifted_at', s.lifted_at)
               order by s.suspended_at)
      from public.volunteer_suspensions s where s.profile_id = p_id), '[]')
  );
$$;

revoke execute on function private.export_person(uuid) from public, anon, authenticated;
