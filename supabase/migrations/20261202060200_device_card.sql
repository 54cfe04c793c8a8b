-- =============================================================================
-- The phone consent card (issue #12 item 2)
--
-- Before a lesson that touches the learner's phone (setting up VNeID, banking,
-- public-service accounts), the volunteer and the learner agree on a card:
-- what the volunteer may do with the phone and for how long, and the rule
-- that one-time codes, passwords and PINs are typed by the learner alone.
-- Both confirm the same terms on the lesson page; changing the terms asks the
-- other side again. The lesson cannot be confirmed as done (the learner
-- marked attended) until both confirmed. For an assisted learner, her
-- registered helper, a coordinator of the lesson's ward or her legal
-- representative (scope device_card) confirms for her, as elsewhere.
-- =============================================================================

alter table public.skills add column touches_learner_phone boolean not null default false;

comment on column public.skills.touches_learner_phone is
  'True when a lesson of this skill sets up accounts or apps on the learner''s own phone: a consent card is needed before it is done.';

/**
 * One card per learner of a lesson: the agreed terms and who confirmed them.
 */
create table public.device_cards (
  session_id bigint not null,
  learner_id uuid not null,
  actions text[] not null check (
    cardinality(actions) between 1 and 5
    and actions <@ array['show_on_own_phone', 'hold_phone', 'install_apps', 'change_settings', 'create_accounts']::text[]
  ),
  minutes smallint not null check (minutes between 5 and 240),
  card_version text not null default '2026-12-01',
  teacher_confirmed_at timestamptz,
  learner_confirmed_at timestamptz,
  learner_confirmed_by uuid references public.profiles (id) on delete set null,
  updated_at timestamptz not null default now(),
  primary key (session_id, learner_id),
  foreign key (session_id, learner_id)
    references public.session_participants (session_id, profile_id) on delete cascade
);

comment on table public.device_cards is
  'The phone consent card of a lesson: what the volunteer may do, for how long; codes, passwords and PINs typed by the learner alone; both confirmations.';
comment on column public.device_cards.learner_confirmed_by is
  'Who confirmed for the learner: herself, or her helper / coordinator / representative for an assisted learner.';

create index device_cards_learner_id_idx on public.device_cards (learner_id);
create index device_cards_learner_confirmed_by_idx on public.device_cards (learner_confirmed_by);

alter table public.device_cards enable row level security;

revoke insert, update, delete on public.device_cards from anon, authenticated;

create policy "Device cards are visible to the lesson's teacher"
  on public.device_cards for select
  to authenticated
  using ((select private.teaches_session(session_id)));

create policy "Device cards are visible to the learner and whoever confirms for her"
  on public.device_cards for select
  to authenticated
  using (learner_id = (select auth.uid())
         or (select private.registered_by_me(learner_id))
         or (select private.represents(learner_id, 'device_card')));

create policy "Device cards are visible to the coordinators of the lesson's ward"
  on public.device_cards for select
  to authenticated
  using ((select private.coordinates_session(session_id)));

/**
 * True when the signed-in user confirms the card on the learner's side: the
 * learner herself, or for an assisted learner her helper, a coordinator of
 * the lesson's ward, or her representative.
 */
create or replace function private.confirms_for_learner(p_session_id bigint, p_learner_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select p_learner_id = (select auth.uid())
    or private.represents(p_learner_id, 'device_card')
    or (exists (select 1 from public.profiles p where p.id = p_learner_id and p.registered_by is not null)
        and (private.registered_by_me(p_learner_id) or private.coordinates_session(p_session_id)));
$$;

revoke execute on function private.confirms_for_learner(bigint, uuid) from public, anon;
grant execute on function private.confirms_for_learner(bigint, uuid) to authenticated, service_role;

/**
 * Confirms the card with these terms, as the teacher or on the learner's side.
 * New terms replace the old ones and clear the other side's confirmation, so
 * both always confirmed the same card. p_codes_rule must be true: the caller
 * agrees that codes, passwords and PINs are typed by the learner alone.
 * Returns 'waiting' (the other side has not confirmed these terms) or 'agreed'.
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
                      and sp.status in ('invited', 'accepted'))
     or not (as_teacher or private.confirms_for_learner(p_session_id, p_learner_id)) then
    raise exception 'only the lesson''s teacher and learner confirm its card'
      using errcode = '42501', detail = 'not_your_session';
  end if;
  if s.status not in ('proposed', 'scheduled') then
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
    (session_id, learner_id, actions, minutes, teacher_confirmed_at, learner_confirmed_at, learner_confirmed_by)
  values (p_session_id, p_learner_id, p_actions, p_minutes,
          case when as_teacher then now() end,
          case when not as_teacher then now() end,
          case when not as_teacher then (select auth.uid()) end)
  on conflict (session_id, learner_id) do update set
    actions = excluded.actions,
    minutes = excluded.minutes,
    teacher_confirmed_at = case when as_teacher then now()
                                when same_terms then c.teacher_confirmed_at end,
    learner_confirmed_at = case when not as_teacher then now()
                                when same_terms then c.learner_confirmed_at end,
    learner_confirmed_by = case when not as_teacher then (select auth.uid())
                                when same_terms then c.learner_confirmed_by end,
    updated_at = now()
  returning * into card;

  return case when card.teacher_confirmed_at is not null and card.learner_confirmed_at is not null
              then 'agreed' else 'waiting' end;
end;
$$;

revoke execute on function public.confirm_device_card(bigint, uuid, text[], integer, boolean) from public, anon;
grant execute on function public.confirm_device_card(bigint, uuid, text[], integer, boolean)
  to authenticated, service_role;

/**
 * No one-to-one lesson of a phone-touching skill is marked done for a learner
 * until both sides confirmed her card. A class at a venue is taken on the
 * ward's shared tablet, where no card is offered yet: it is not held up.
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
                 where s.id = new.session_id and s.kind = 'one_to_one' and k.touches_learner_phone)
     and not exists (select 1 from public.device_cards c
                     where c.session_id = new.session_id and c.learner_id = new.profile_id
                       and c.teacher_confirmed_at is not null and c.learner_confirmed_at is not null) then
    raise exception 'both the volunteer and the learner confirm the phone card before the lesson is done'
      using errcode = '42501', detail = 'device_card_required';
  end if;
  return new;
end;
$$;

revoke execute on function private.require_device_card() from public, anon, authenticated;

create trigger session_participants_require_device_card
  before update of status on public.session_participants
  for each row execute function private.require_device_card();
