-- =============================================================================
-- The phone consent card in classes (issue #12 item 2, for group lessons)
--
-- A class at a venue of a phone-touching skill (VNeID, VietQR, the national
-- portal, Công dân số) sets up accounts on each learner's own phone, like a
-- one-to-one lesson. So every learner of such a class has her own card, and
-- she is not marked present (which records the lesson as done for her) until
-- both sides confirmed it:
-- - on her own phone, signed in, from the lesson page (confirm_device_card,
--   as for a one-to-one), then the class's teacher confirms his side; or
-- - on the class's shared tablet, together: the teacher (or the ward's
--   coordinator holding the tablet) reads the card with her, she agrees, and
--   one call records both sides, marked as given on the tablet and by whom
--   (confirm_class_card). A tablet confirmation is witnessed, not signed by
--   her account: the record says so, and she can read it on her lesson page.
-- =============================================================================

alter table public.device_cards
  add column learner_confirmed_on text check (learner_confirmed_on in ('own_account', 'class_tablet')),
  add column teacher_confirmed_by uuid references public.profiles (id) on delete set null;

comment on column public.device_cards.learner_confirmed_on is
  'Where the learner''s side was given: signed in as herself or her helper (own_account), or in person on the class''s shared tablet (class_tablet).';
comment on column public.device_cards.teacher_confirmed_by is
  'Who confirmed the volunteer''s side: the lesson''s teacher, or the ward coordinator holding a class''s tablet.';

create index device_cards_teacher_confirmed_by_idx on public.device_cards (teacher_confirmed_by);

update public.device_cards c set
  learner_confirmed_on = case when c.learner_confirmed_at is not null then 'own_account' end,
  teacher_confirmed_by = case when c.teacher_confirmed_at is not null then s.teacher_id end
from public.sessions s
where s.id = c.session_id;

/**
 * True while a card of this lesson may still be confirmed, for this
 * learner: a one-to-one while upcoming and she has not answered no; a class
 * until a day after its end (attendance is taken then, and the first present
 * mark completes the class) and while she is not yet marked present.
 */
create or replace function private.card_open(s public.sessions, p_learner_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select case
    when s.kind = 'class' then
      s.status in ('scheduled', 'completed') and now() <= s.ends_at + interval '1 day'
      and exists (select 1 from public.session_participants sp
                  where sp.session_id = s.id and sp.profile_id = p_learner_id
                    and sp.status in ('accepted', 'no_show'))
    else
      s.status in ('proposed', 'scheduled')
      and exists (select 1 from public.session_participants sp
                  where sp.session_id = s.id and sp.profile_id = p_learner_id
                    and sp.status in ('invited', 'accepted'))
  end;
$$;

revoke execute on function private.card_open(public.sessions, uuid) from public, anon;
grant execute on function private.card_open(public.sessions, uuid) to authenticated, service_role;

/**
 * Redefined from 20261202060200_device_card.sql (the safety area's own): a
 * class's learner confirms too (see private.card_open), and the card records
 * where the learner's side was given and who gave the teacher's.
 */
create or replace function public.confirm_device_card(
  p_session_id bigint,
  p_learner_id uuid,
  p_actions text[],
  p_minutes integer,
  p_codes_rule boolean
)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  s public.sessions;
  card public.device_cards;
  as_teacher boolean;
  same_terms boolean;
begin
  select * into s from public.sessions where id = p_session_id;
  as_teacher := s.teacher_id = (select auth.uid());
  if s.id is null
     or not exists (select 1 from public.session_participants sp
                    where sp.session_id = p_session_id and sp.profile_id = p_learner_id
                      and sp.status in ('invited', 'accepted', 'no_show', 'attended'))
     or not (as_teacher or private.confirms_for_learner(p_session_id, p_learner_id)) then
    raise exception 'only the lesson''s teacher and learner confirm its card'
      using errcode = '42501', detail = 'not_your_session';
  end if;
  if not private.card_open(s, p_learner_id) then
    raise exception 'this lesson is not upcoming' using errcode = '22023', detail = 'not_scheduled';
  end if;
  if p_codes_rule is not true then
    raise exception 'codes, passwords and PINs are typed by the learner alone'
      using errcode = '22023', detail = 'codes_rule_required';
  end if;
  if p_minutes is null or p_minutes > extract(epoch from s.ends_at - s.starts_at) / 60 then
    raise exception 'the card lasts at most the lesson' using errcode = '22023', detail = 'longer_than_lesson';
  end if;
  p_actions := array(select distinct a from unnest(p_actions) a order by a);

  select * into card from public.device_cards c
  where c.session_id = p_session_id and c.learner_id = p_learner_id for update;
  same_terms := card.session_id is not null and card.actions = p_actions and card.minutes = p_minutes;

  insert into public.device_cards as c
    (session_id, learner_id, actions, minutes, teacher_confirmed_at, teacher_confirmed_by,
     learner_confirmed_at, learner_confirmed_by, learner_confirmed_on)
  values (p_session_id, p_learner_id, p_actions, p_minutes,
          case when as_teacher then now() end,
          case when as_teacher then (select auth.uid()) end,
          case when not as_teacher then now() end,
          case when not as_teacher then (select auth.uid()) end,
          case when not as_teacher then 'own_account' end)
  on conflict (session_id, learner_id) do update set
    actions = excluded.actions,
    minutes = excluded.minutes,
    teacher_confirmed_at = case when as_teacher then now()
                                when same_terms then c.teacher_confirmed_at end,
    teacher_confirmed_by = case when as_teacher then (select auth.uid())
                                when same_terms then c.teacher_confirmed_by end,
    learner_confirmed_at = case when not as_teacher then now()
                                when same_terms then c.learner_confirmed_at end,
    learner_confirmed_by = case when not as_teacher then (select auth.uid())
                                when same_terms then c.learner_confirmed_by end,
    learner_confirmed_on = case when not as_teacher then 'own_account'
                                when same_terms then c.learner_confirmed_on end,
    updated_at = now()
  returning * into card;

  return case when card.teacher_confirmed_at is not null and card.learner_confirmed_at is not null
              then 'agreed' else 'waiting' end;
end;
$$;

/**
 * On a class's shared tablet: the class's teacher or a coordinator of its
 * ward reads the card with one learner, who agrees there (p_learner_agrees),
 * and both sides are recorded at once, marked 'class_tablet'. A learner who
 * already confirmed the same terms on her own phone keeps that record.
 * Returns 'agreed'.
 */
create or replace function private.confirm_class_card(
  p_session_id bigint,
  p_learner_id uuid,
  p_actions text[],
  p_minutes integer,
  p_codes_rule boolean,
  p_learner_agrees boolean
)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  s public.sessions;
  card public.device_cards;
  same_terms boolean;
begin
  select * into s from public.sessions where id = p_session_id;
  if s.id is null or s.kind <> 'class'
     or not (s.teacher_id = (select auth.uid()) or private.is_coordinator_of(s.ward_id)) then
    raise exception 'only the class''s teacher or a coordinator of its ward holds the tablet'
      using errcode = '42501', detail = 'not_your_session';
  end if;
  if not private.card_open(s, p_learner_id) then
    raise exception 'this learner''s card cannot be confirmed now' using errcode = '22023', detail = 'not_scheduled';
  end if;
  if p_codes_rule is not true then
    raise exception 'codes, passwords and PINs are typed by the learner alone'
      using errcode = '22023', detail = 'codes_rule_required';
  end if;
  if p_learner_agrees is not true then
    raise exception 'the learner reads the card and agrees herself'
      using errcode = '22023', detail = 'learner_agreement_required';
  end if;
  if p_minutes is null or p_minutes > extract(epoch from s.ends_at - s.starts_at) / 60 then
    raise exception 'the card lasts at most the lesson' using errcode = '22023', detail = 'longer_than_lesson';
  end if;
  p_actions := array(select distinct a from unnest(p_actions) a order by a);

  select * into card from public.device_cards c
  where c.session_id = p_session_id and c.learner_id = p_learner_id for update;
  same_terms := card.session_id is not null and card.actions = p_actions and card.minutes = p_minutes
                and card.learner_confirmed_at is not null;

  insert into public.device_cards as c
    (session_id, learner_id, actions, minutes, teacher_confirmed_at, teacher_confirmed_by,
     learner_confirmed_at, learner_confirmed_by, learner_confirmed_on)
  values (p_session_id, p_learner_id, p_actions, p_minutes, now(), (select auth.uid()),
          now(), (select auth.uid()), 'class_tablet')
  on conflict (session_id, learner_id) do update set
    actions = excluded.actions,
    minutes = excluded.minutes,
    teacher_confirmed_at = now(),
    teacher_confirmed_by = (select auth.uid()),
    learner_confirmed_at = case when same_terms then c.learner_confirmed_at else now() end,
    learner_confirmed_by = case when same_terms then c.learner_confirmed_by else (select auth.uid()) end,
    learner_confirmed_on = case when same_terms then c.learner_confirmed_on else 'class_tablet' end,
    updated_at = now();

  return 'agreed';
end;
$$;

revoke execute on function private.confirm_class_card(bigint, uuid, text[], integer, boolean, boolean) from public, anon;
grant execute on function private.confirm_class_card(bigint, uuid, text[], integer, boolean, boolean)
  to authenticated, service_role;

create or replace function public.confirm_class_card(
  p_session_id bigint,
  p_learner_id uuid,
  p_actions text[],
  p_minutes integer,
  p_codes_rule boolean,
  p_learner_agrees boolean
)
returns text
language sql
security invoker
set search_path = ''
as $$
  select private.confirm_class_card(p_session_id, p_learner_id, p_actions, p_minutes, p_codes_rule, p_learner_agrees);
$$;

revoke execute on function public.confirm_class_card(bigint, uuid, text[], integer, boolean, boolean) from public, anon;
grant execute on function public.confirm_class_card(bigint, uuid, text[], integer, boolean, boolean) to authenticated;

/**
 * Redefined from 20261202060200_device_card.sql (the safety area's own): no
 * lesson of a phone-touching skill, one-to-one or class, is marked done for a
 * learner until both sides confirmed her card.
 */
create or replace function private.require_device_card()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.status = 'attended' and old.status is distinct from 'attended'
     and exists (select 1 from public.sessions s join public.skills k on k.id = s.skill_id
                 where s.id = new.session_id and k.touches_learner_phone)
     and not exists (select 1 from public.device_cards c
                     where c.session_id = new.session_id and c.learner_id = new.profile_id
                       and c.teacher_confirmed_at is not null and c.learner_confirmed_at is not null) then
    raise exception 'both the volunteer and the learner confirm the phone card before the lesson is done'
      using errcode = '42501', detail = 'device_card_required';
  end if;
  return new;
end;
$$;
