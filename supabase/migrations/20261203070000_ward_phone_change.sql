-- =============================================================================
-- The ward office changes the phone number a person signs in with
--
-- A self-service phone change is refused (20261203040100: GoTrue confirms it
-- with a code to the NEW number only, so whoever holds an unlocked session
-- could take the account). The person goes to the ward office instead. There:
-- 1. a coordinator of the person's ward finds her by her current number
--    (public.ward_person_by_phone) and, having checked who she is, asks for
--    the change (public.ward_change_phone). The database checks the ward,
--    refuses a number another account signs in with, and records the request
--    with how identity was checked; the audit row comes from the table's
--    trigger and holds a hash and the last 3 digits, never the number;
-- 2. the app server sets the phone with the service role through GoTrue's
--    admin API (`updateUserById(id, { phone, phone_confirm: true })`), which
--    works the same on the local server;
-- 3. the trigger below sees the new phone match a pending request: it ends
--    the person's sessions (GoTrue's admin path leaves them, and the person
--    signs in again with the new number), copies the number to her profile,
--    marks the request done and leaves her a notice (message keys, so it
--    reads in her language). A phone set by the admin API without a request
--    (the dashboard) is left as GoTrue does it.
-- =============================================================================

/** How the coordinator checked who the person is; mirrors PHONE_CHANGE_METHODS in the app. */
create table private.phone_changes (
  id bigint generated always as identity primary key,
  ward_id bigint not null references public.areas (id) on delete cascade,
  profile_id uuid not null references public.profiles (id) on delete cascade,
  changed_by uuid references public.profiles (id) on delete set null,
  identity_check text not null check (identity_check in ('citizen_id_card', 'passport', 'vneid')),
  -- sha256 of the new number in E.164 (+84…): matches GoTrue's write without keeping the number.
  new_phone_sha256 text not null check (new_phone_sha256 ~ '^[0-9a-f]{64}$'),
  new_phone_last3 text not null check (new_phone_last3 ~ '^[0-9]{3}$'),
  requested_at timestamptz not null default now(),
  done_at timestamptz
);

create index phone_changes_pending_idx on private.phone_changes (profile_id) where done_at is null;

alter table private.phone_changes enable row level security;
revoke all on private.phone_changes from public, anon, authenticated;

create trigger phone_changes_audit
  after insert or update on private.phone_changes
  for each row execute function private.audit('id');

/** sha256 (hex) of a phone as E.164 with '+', whichever way it was written (GoTrue drops the '+'). */
create or replace function private.phone_sha256(p_phone text)
returns text
language sql
immutable
set search_path = ''
as $$
  select encode(sha256(convert_to('+' || ltrim(p_phone, '+'), 'UTF8')), 'hex');
$$;

revoke execute on function private.phone_sha256(text) from public, anon, authenticated;

/**
 * The person of the ward who signs in with this number (E.164, +84…), as
 * {id, display_name}, or null. For a coordinator of that ward only (42501);
 * each look-up is written to the audit log (the number as its last 3 digits).
 */
create or replace function public.ward_person_by_phone(p_ward_id bigint, p_phone text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  found jsonb;
begin
  perform private.require_coordinator_of(p_ward_id);
  select jsonb_build_object('id', p.id, 'display_name', p.display_name)
    into found
  from auth.users u
  join public.profiles p on p.id = u.id
  where u.phone in (p_phone, ltrim(p_phone, '+'))
    and coalesce(p_phone, '') <> ''
    and p.ward_id = p_ward_id
    and u.deleted_at is null
  limit 1;
  perform private.audit_read('view', 'ward_person_by_phone', p_ward_id::text,
    jsonb_build_object('phone_last3', right(coalesce(p_phone, ''), 3), 'found', found ->> 'id'));
  return found;
end;
$$;

revoke execute on function public.ward_person_by_phone(bigint, text) from public, anon;
grant execute on function public.ward_person_by_phone(bigint, text) to authenticated;

/**
 * Records a coordinator's request to change the sign-in phone of a person of
 * her ward, returning {id, profile_id, display_name}. Refuses: not a
 * coordinator of the person's ward, or her own number (42501, not_your_ward /
 * not_yourself); a number not in +84 mobile form (22023, phone_invalid); a
 * method not listed (22023, method_invalid); the number she already has
 * (22023, phone_same); a number another account signs in with, or asked for
 * another person in the last hour (23505, phone_taken).
 */
create or replace function public.ward_change_phone(
  p_ward_id bigint,
  p_profile_id uuid,
  p_new_phone text,
  p_method text
)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  person public.profiles%rowtype;
  current_phone text;
  hash text;
  request_id bigint;
begin
  perform private.require_coordinator_of(p_ward_id);
  select * into person from public.profiles where id = p_profile_id and ward_id = p_ward_id;
  if not found then
    raise exception 'this person does not live in your ward' using errcode = '42501', detail = 'not_your_ward';
  end if;
  if p_profile_id = (select auth.uid()) then
    raise exception 'another coordinator changes your own number' using errcode = '42501', detail = 'not_yourself';
  end if;
  if coalesce(p_new_phone, '') !~ '^\+84[35789][0-9]{8}$' then
    raise exception 'not a Vietnamese mobile number' using errcode = '22023', detail = 'phone_invalid';
  end if;
  if coalesce(p_method, '') not in ('citizen_id_card', 'passport', 'vneid') then
    raise exception 'say how identity was checked' using errcode = '22023', detail = 'method_invalid';
  end if;
  select u.phone into current_phone from auth.users u where u.id = p_profile_id;
  if '+' || ltrim(coalesce(current_phone, ''), '+') = p_new_phone then
    raise exception 'this is already the number' using errcode = '22023', detail = 'phone_same';
  end if;
  hash := private.phone_sha256(p_new_phone);
  if exists (
    select 1 from auth.users u
    where u.phone in (p_new_phone, ltrim(p_new_phone, '+')) and u.id <> p_profile_id
  ) or exists (
    select 1 from private.phone_changes c
    where c.new_phone_sha256 = hash and c.profile_id <> p_profile_id
      and c.done_at is null and c.requested_at > now() - interval '1 hour'
  ) then
    raise exception 'another account signs in with this number' using errcode = '23505', detail = 'phone_taken';
  end if;
  insert into private.phone_changes (ward_id, profile_id, changed_by, identity_check, new_phone_sha256, new_phone_last3)
  values (p_ward_id, p_profile_id, (select auth.uid()), p_method, hash, right(p_new_phone, 3))
  returning id into request_id;
  return jsonb_build_object('id', request_id, 'profile_id', p_profile_id, 'display_name', person.display_name);
end;
$$;

revoke execute on function public.ward_change_phone(bigint, uuid, text, text) from public, anon;
grant execute on function public.ward_change_phone(bigint, uuid, text, text) to authenticated;

/**
 * After GoTrue sets a new phone: when a ward office request for that number is
 * pending (asked within the hour), end the person's sessions, copy the number
 * to the profile, mark the request done and leave a notice (step 3 above).
 */
create or replace function private.finish_ward_phone_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  request_id bigint;
begin
  update private.phone_changes c
     set done_at = now()
   where c.id = (
     select c2.id from private.phone_changes c2
     where c2.profile_id = new.id and c2.done_at is null
       and c2.new_phone_sha256 = private.phone_sha256(new.phone)
       and c2.requested_at > now() - interval '1 hour'
     order by c2.id desc limit 1
   )
  returning c.id into request_id;
  if request_id is null then
    return null;
  end if;
  delete from auth.sessions where user_id = new.id;
  delete from auth.refresh_tokens where user_id = new.id::text;
  update public.profiles set phone = '+' || ltrim(new.phone, '+') where id = new.id;
  insert into public.notifications (profile_id, kind, title, body, url, params, dedupe_key)
  values (new.id, 'system', 'office.notice.title', 'office.notice.body', null,
          jsonb_build_object('last3', right(new.phone, 3)), 'phone-change:' || request_id)
  on conflict on constraint notifications_once do nothing;
  return null;
end;
$$;

revoke execute on function private.finish_ward_phone_change() from public, anon, authenticated;

drop trigger if exists users_finish_ward_phone_change on auth.users;
create trigger users_finish_ward_phone_change
  after update of phone on auth.users
  for each row
  when (new.phone is distinct from old.phone and coalesce(new.phone, '') <> '')
  execute function private.finish_ward_phone_change();
