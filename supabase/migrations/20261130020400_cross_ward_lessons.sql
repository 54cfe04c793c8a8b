-- =============================================================================
-- Lessons across ward borders
--
-- Matching crosses ward borders, so taking a request must too: a volunteer may
-- propose a lesson for a request in their own ward (as before), for one that
-- is offered to them (private.is_offered_request: they teach its skill, it is
-- within their radius, nobody blocked anybody, and a request at home needs a
-- verified volunteer), or as a coordinator of its ward.
-- =============================================================================

/**
 * Checks a client's new session against its request and files it under the
 * request's ward. Runs as the caller so it can tell clients from the database.
 */
create or replace function private.check_session_request()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  facts record;
begin
  if new.request_id is null then
    return new;
  end if;
  select * into facts from private.request_facts(new.request_id);
  if facts.ward_id is null then
    raise exception 'this help request does not exist' using errcode = '23503';
  end if;
  new.ward_id := facts.ward_id;
  if private.is_client() then
    if not (
      facts.ward_id = private.my_ward_id()
      or private.is_coordinator_of(facts.ward_id)
      or private.is_offered_request(new.request_id)
    ) then
      raise exception 'this help request is not offered to you' using errcode = '42501';
    end if;
    if facts.status = 'cancelled' then
      raise exception 'this help request was cancelled' using errcode = '22023';
    end if;
    if private.is_blocked_between(facts.learner_id, new.teacher_id) then
      raise exception 'one of these people has blocked the other' using errcode = '42501';
    end if;
  end if;
  return new;
end;
$$;

revoke execute on function private.check_session_request() from public, anon, authenticated;

create policy "Volunteers propose lessons for requests offered to them"
  on public.sessions for insert
  to authenticated
  with check (
    teacher_id = (select auth.uid())
    and request_id is not null
    and (select private.is_offered_request(request_id))
  );
