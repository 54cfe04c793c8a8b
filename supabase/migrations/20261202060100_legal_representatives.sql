-- =============================================================================
-- Legal representatives and volunteers under 18 (issue #12 item 5)
--
-- A parent, guardian or family member acts for a child or for a person who
-- cannot consent. The ward coordinator records who represents whom, for what
-- (scope) and until when; the representative then gives or withdraws consent
-- for them, confirms the phone card for them, and, for a volunteer aged 16–17,
-- gives the guardian's consent to teach.
--
-- Volunteers under 18, decided here and held by the database:
--   * under 16: cannot teach (no offer, no lesson);
--   * 16–17: teach only at a venue or a public meeting point, never at a
--     home, and only with a guardian's consent on record.
-- Profiles know only a birth year, so the age is the one the person reaches
-- this calendar year (how the Youth Union and the seed count: born in 2008 is
-- 18 in 2026). Counting the youngest possible age instead would make every
-- 2008-born volunteer of the demo a minor for all of 2026; the honest fix is a
-- birth date, which sign-up does not ask yet. No birth year: counted as adult.
-- =============================================================================

/**
 * Who may act for whom. Written by the coordinators of the represented
 * person's ward; read by the two people and those coordinators.
 */
create table public.legal_representatives (
  id bigint generated always as identity primary key,
  represented_id uuid not null references public.profiles (id) on delete cascade,
  representative_id uuid not null references public.profiles (id) on delete cascade,
  ward_id bigint not null references public.areas (id) on delete restrict,
  relationship text not null check (relationship in ('parent', 'guardian', 'family', 'court_appointed')),
  grounds text not null check (grounds in ('minor', 'cannot_consent')),
  scope text[] not null check (
    cardinality(scope) between 1 and 3
    and scope <@ array['consent', 'device_card', 'teach_as_minor']::text[]
  ),
  valid_from date not null default (now() at time zone 'Asia/Ho_Chi_Minh')::date,
  valid_until date not null,
  recorded_by uuid default auth.uid() references public.profiles (id) on delete set null,
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  check (represented_id <> representative_id),
  check (valid_until > valid_from),
  -- A representation is reviewed at least every five years.
  check (valid_until <= valid_from + 1830)
);

comment on table public.legal_representatives is
  'A guardian or family member who acts for a child or a person who cannot consent: scope and time limit, recorded by the ward coordinator.';
comment on column public.legal_representatives.scope is
  'consent = give or withdraw personal-data consent for them; device_card = confirm the phone card for them; teach_as_minor = consent as guardian to a 16–17-year-old volunteering.';

create index legal_representatives_represented_idx on public.legal_representatives (represented_id);
create index legal_representatives_representative_idx on public.legal_representatives (representative_id);
create index legal_representatives_ward_id_idx on public.legal_representatives (ward_id);
create index legal_representatives_recorded_by_idx on public.legal_representatives (recorded_by);

alter table public.legal_representatives enable row level security;

revoke insert, update, delete on public.legal_representatives from anon, authenticated;

create policy "Representations are visible to the two people"
  on public.legal_representatives for select
  to authenticated
  using (represented_id = (select auth.uid()) or representative_id = (select auth.uid()));

create policy "Representations are visible to the coordinators of the ward"
  on public.legal_representatives for select
  to authenticated
  using ((select private.is_coordinator_of(ward_id)));

/**
 * True when the signed-in user represents the person today, for this scope.
 */
create or replace function private.represents(p_profile_id uuid, p_scope text)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.legal_representatives r
    where r.represented_id = p_profile_id
      and r.representative_id = (select auth.uid())
      and p_scope = any (r.scope)
      and r.revoked_at is null
      and (now() at time zone 'Asia/Ho_Chi_Minh')::date between r.valid_from and r.valid_until
  );
$$;

revoke execute on function private.represents(uuid, text) from public, anon;
grant execute on function private.represents(uuid, text) to authenticated, service_role;

/**
 * A ward coordinator records a representation (after seeing the papers in
 * person: birth certificate, guardianship decision). Returns its id.
 */
create or replace function public.record_representative(
  p_represented_id uuid,
  p_representative_id uuid,
  p_relationship text,
  p_grounds text,
  p_scope text[],
  p_valid_until date
)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  ward bigint := private.ward_of(p_represented_id);
  created bigint;
begin
  if ward is null or not private.is_coordinator_of(ward) then
    raise exception 'only a coordinator of the person''s ward records a representative'
      using errcode = '42501', detail = 'not_coordinator';
  end if;
  if p_represented_id = (select auth.uid()) or p_representative_id = (select auth.uid()) then
    raise exception 'a coordinator does not record a representation they are part of'
      using errcode = '42501', detail = 'own_representation';
  end if;
  insert into public.legal_representatives
    (represented_id, representative_id, ward_id, relationship, grounds, scope, valid_until)
  values (p_represented_id, p_representative_id, ward, p_relationship, p_grounds, p_scope, p_valid_until)
  returning id into created;
  return created;
end;
$$;

revoke execute on function public.record_representative(uuid, uuid, text, text, text[], date) from public, anon;
grant execute on function public.record_representative(uuid, uuid, text, text, text[], date)
  to authenticated, service_role;

/**
 * Ends a representation today: the ward coordinator, or either person.
 */
create or replace function public.revoke_representative(p_id bigint)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
  changed integer;
begin
  update public.legal_representatives r set revoked_at = now()
  where r.id = p_id and r.revoked_at is null
    and (private.is_coordinator_of(r.ward_id)
         or (select auth.uid()) in (r.represented_id, r.representative_id));
  get diagnostics changed = row_count;
  return changed = 1;
end;
$$;

revoke execute on function public.revoke_representative(bigint) from public, anon;
grant execute on function public.revoke_representative(bigint) to authenticated, service_role;

-- -----------------------------------------------------------------------------
-- What a representative may do: consent for the person
-- -----------------------------------------------------------------------------

create policy "Representatives record the consent of the person they act for"
  on public.consents for insert
  to authenticated
  with check ((select private.represents(profile_id, 'consent'))
              or (kind = 'guardian' and (select private.represents(profile_id, 'teach_as_minor'))));

/**
 * A guardian's consent is given by a representative of the person with the
 * teach_as_minor scope, never by the minor herself; and a representative's
 * consent is only the kind their scope allows.
 */
create or replace function private.check_consent_recorder()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
begin
  if coalesce((select auth.role()), '') <> 'authenticated' then
    return new;
  end if;
  new.recorded_by := caller;
  if new.kind = 'guardian' and not private.represents(new.profile_id, 'teach_as_minor') then
    raise exception 'a guardian''s consent is given by the recorded guardian'
      using errcode = '42501', detail = 'not_guardian';
  end if;
  if new.kind <> 'guardian' and new.profile_id <> caller
     and not private.registered_by_me(new.profile_id)
     and not private.represents(new.profile_id, 'consent') then
    raise exception 'only the person, her helper or her representative records her consent'
      using errcode = '42501', detail = 'not_representative';
  end if;
  return new;
end;
$$;

revoke execute on function private.check_consent_recorder() from public, anon, authenticated;

create trigger consents_check_recorder
  before insert on public.consents
  for each row execute function private.check_consent_recorder();

-- -----------------------------------------------------------------------------
-- Volunteers under 18
-- -----------------------------------------------------------------------------

/**
 * The age the person reaches this calendar year, in Vietnam (birth year only);
 * null when the birth year is unknown.
 */
create or replace function private.age_this_year(p_birth_year smallint)
returns integer
language sql
stable
set search_path = ''
as $$
  select extract(year from now() at time zone 'Asia/Ho_Chi_Minh')::integer - p_birth_year;
$$;

revoke execute on function private.age_this_year(smallint) from public, anon;
grant execute on function private.age_this_year(smallint) to authenticated, service_role;

/**
 * True when a guardian's consent for the person is on record and in force
 * (the newest guardian row granted, recorded by a representative whose
 * teach_as_minor scope is still valid).
 */
create or replace function private.has_guardian_consent(p_profile_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((
    select c.granted and exists (
      select 1 from public.legal_representatives r
      where r.represented_id = p_profile_id
        and r.representative_id = c.recorded_by
        and 'teach_as_minor' = any (r.scope)
        and r.revoked_at is null
        and (now() at time zone 'Asia/Ho_Chi_Minh')::date between r.valid_from and r.valid_until)
    from public.consents c
    where c.profile_id = p_profile_id and c.kind = 'guardian'
    order by c.granted_at desc, c.id desc
    limit 1), false);
$$;

revoke execute on function private.has_guardian_consent(uuid) from public, anon;
grant execute on function private.has_guardian_consent(uuid) to authenticated, service_role;

/**
 * Under 16 cannot offer to teach.
 */
create or replace function private.keep_children_from_teaching()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.can_teach and private.age_this_year(new.birth_year) < 16 then
    raise exception 'volunteers must be at least 16 years old'
      using errcode = '42501', detail = 'too_young_to_teach';
  end if;
  return new;
end;
$$;

revoke execute on function private.keep_children_from_teaching() from public, anon, authenticated;

create trigger profiles_keep_children_from_teaching
  before insert or update of can_teach, birth_year on public.profiles
  for each row execute function private.keep_children_from_teaching();

/**
 * A live lesson taught by someone under 18: never under 16; at 16–17 only at
 * a venue or a public meeting point, and only with a guardian's consent.
 */
create or replace function private.check_minor_teacher()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  age integer;
begin
  if new.status not in ('proposed', 'scheduled') then
    return new;
  end if;
  if tg_op = 'UPDATE' and new.teacher_id = old.teacher_id and new.place_type = old.place_type
     and old.status in ('proposed', 'scheduled') then
    return new;
  end if;
  select private.age_this_year(p.birth_year) into age from public.profiles p where p.id = new.teacher_id;
  if age is null or age >= 18 then
    return new;
  end if;
  if age < 16 then
    raise exception 'volunteers must be at least 16 years old'
      using errcode = '42501', detail = 'too_young_to_teach';
  end if;
  if new.place_type = 'home' then
    raise exception 'a volunteer under 18 teaches at a venue or a public place, never at a home'
      using errcode = '42501', detail = 'minor_not_at_home';
  end if;
  if not private.has_guardian_consent(new.teacher_id) then
    raise exception 'a volunteer under 18 needs a guardian''s consent on record'
      using errcode = '42501', detail = 'guardian_consent_required';
  end if;
  return new;
end;
$$;

revoke execute on function private.check_minor_teacher() from public, anon, authenticated;

create trigger sessions_check_minor_teacher
  before insert or update of teacher_id, place_type, status on public.sessions
  for each row execute function private.check_minor_teacher();
