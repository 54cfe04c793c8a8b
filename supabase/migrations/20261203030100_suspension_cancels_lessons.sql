-- =============================================================================
-- A suspension cancels the volunteer's upcoming lessons
--
-- 20261202040000_ward_board.sql takes a suspended volunteer out of matching
-- and refuses them new lessons, but left the lessons already planned in
-- place. Now the suspension, in its own transaction, cancels every live
-- lesson they teach that has not ended (one-to-ones and classes), with the
-- neutral reason 'unavailable' a block uses (20261201040000_block_guarantees):
-- the learners are not told why. Nothing here writes a notice or reopens a
-- request itself: the cancellation goes through the same path as any other
-- (private.notify_session_event notifies everyone the lesson concerns, in
-- their own language when sent; private.sync_request_status reopens a
-- one-to-one's request), so a suspended volunteer's learners can be matched
-- again at once. Invitations still waiting for the volunteer are withdrawn,
-- so their requests are free to be offered to someone else.
-- =============================================================================

/**
 * Cancels the newly suspended volunteer's live lessons (proposed or
 * scheduled, not yet ended) with the neutral reason 'unavailable', and
 * withdraws the invitations waiting for them. The coordinator is the
 * canceller on record; the triggers on sessions notify and reopen.
 */
create or replace function private.cancel_lessons_of_suspended()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.sessions s
  set status = 'cancelled', cancel_reason = 'unavailable'
  where s.teacher_id = new.profile_id
    and s.status in ('proposed', 'scheduled')
    and s.ends_at > now();
  update public.lesson_invitations i
  set status = 'withdrawn', answered_at = now()
  where i.volunteer_id = new.profile_id and i.status = 'pending';
  return null;
end;
$$;

revoke execute on function private.cancel_lessons_of_suspended() from public, anon, authenticated;

create trigger volunteer_suspensions_cancel_lessons
  after insert on public.volunteer_suspensions
  for each row execute function private.cancel_lessons_of_suspended();
