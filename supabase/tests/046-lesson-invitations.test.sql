-- Lesson invitations: a learner (or the helper of an assisted learner) invites a volunteer from her
-- match list and the volunteer accepts or declines. Only matched volunteers (skill, places,
-- verification for a home, blocks), one waiting invitation per request, nobody booked or frozen
-- while it waits; accepting goes through propose_lesson as the volunteer (same rules, the one
-- ledger) and schedules the lesson at once; only the invited volunteer answers, once.
begin;
select plan(32);

select tests.create_world();

create function pg_temp.volunteer(
  who text, skill bigint, metres double precision, verified boolean default true
) returns uuid language plpgsql as $$
declare
  v uuid := tests.create_user(who);
begin
  update public.profiles set ward_id = tests.id('ward_a')::bigint, can_teach = true where profiles.id = v;
  insert into public.home_locations (profile_id, lat, lng) values (v, 10.78 + metres / 110600.0, 106.70);
  insert into public.volunteer_skills (profile_id, skill_id) values (v, skill);
  if verified then
    insert into public.volunteer_verifications (profile_id, ward_id, verified_by)
    values (v, tests.id('ward_a')::bigint, tests.uid('coord_a'));
  end if;
  return v;
end;
$$;

insert into public.skills (category_id, slug, title_vi, title_en)
values (tests.id('category')::bigint, 't-invite', 'Mời', 'Invite') returning id \gset sk_

select pg_temp.volunteer('v_near', :sk_id, 300);
select pg_temp.volunteer('v_far', :sk_id, 600);
select pg_temp.volunteer('v_unverified', :sk_id, 400, false);
select pg_temp.volunteer('v_blocked', :sk_id, 500);
select pg_temp.volunteer('v_other_skill', tests.id('skill2')::bigint, 300);

select tests.create_user('asker');
update public.profiles set ward_id = tests.id('ward_a')::bigint, wants_to_learn = true where id = tests.uid('asker');
insert into public.home_locations (profile_id, lat, lng) values (tests.uid('asker'), 10.78, 106.70);
insert into public.blocks (blocker_id, blocked_id) values (tests.uid('v_blocked'), tests.uid('asker'));

select tests.authenticate_as('asker');
insert into public.help_requests (learner_id, skill_id, place_type, near_lat, near_lng)
values (tests.uid('asker'), :sk_id, 'near_point', 10.78, 106.70) returning id \gset point_
insert into public.help_requests (learner_id, skill_id, place_type)
values (tests.uid('asker'), :sk_id, 'home') returning id \gset home_

create function pg_temp.invite(request bigint, who text, hours integer default 50) returns text
language sql as $$
  select format(
    $f$select public.invite_volunteer(%s, %L, now() + interval '%s hours', now() + interval '%s hours' + interval '1 hour', 'Thư viện phường')$f$,
    request, tests.uid(who), hours, hours
  );
$$;

-- Who may be invited -----------------------------------------------------------------------------
select throws_ok(pg_temp.invite(:point_id, 'v_other_skill'), '42501', null,
  'a volunteer who does not teach the skill is not on the match list');
select throws_ok(pg_temp.invite(:point_id, 'v_blocked'), '42501', null,
  'a volunteer who blocked the learner cannot be invited');
select throws_ok(pg_temp.invite(:home_id, 'v_unverified'), '42501', null,
  'an unverified volunteer cannot be invited to a home');
select throws_ok(
  format($$select public.invite_volunteer(%s, %L, now() - interval '1 hour', now())$$, :point_id, tests.uid('v_near')),
  '22023', null, 'not in the past');

select tests.authenticate_as('stranger');
select throws_ok(pg_temp.invite(:point_id, 'v_near'), '42501', null, 'a stranger cannot invite for her request');

select tests.authenticate_as('asker');
select lives_ok(pg_temp.invite(:point_id, 'v_near'), 'the learner invites a matched volunteer');
select throws_ok(pg_temp.invite(:point_id, 'v_far', 70), '23505', null,
  'one waiting invitation per request');

-- While it waits -----------------------------------------------------------------------------------
reset role;
select is((select status from public.help_requests where id = :point_id), 'open',
  'the request stays open while the invitation waits');
select is((select count(*)::int from private.bookings where profile_id in (tests.uid('v_near'), tests.uid('asker'))), 0,
  'a waiting invitation books nobody');
select is(
  (select count(*)::int from public.notifications
   where profile_id = tests.uid('v_near') and kind = 'request_matched' and params ->> 'teacher' is not null),
  1, 'the volunteer is notified in the same transaction');

select is(tests.try_as('v_near', 'select 1 from public.lesson_invitations'), '1', 'the volunteer reads it');
select is(tests.try_as('asker', 'select 1 from public.lesson_invitations'), '1', 'the learner reads it');
select is(tests.try_as('stranger', 'select 1 from public.lesson_invitations'), '0', 'a stranger reads nothing');
select is(tests.try_as('v_far', 'select 1 from public.lesson_invitations'), '0', 'another volunteer reads nothing');
select is(tests.try_as('v_near', 'update public.lesson_invitations set status = ''accepted'''), '42501',
  'nobody writes it directly');

select tests.authenticate_as('v_near');
select is((select count(*)::int from public.my_invitations()), 1, 'my_invitations lists it for the volunteer');
select is((select learner_name from public.my_invitations()), 'asker',
  '...with the learner''s name');
select id as inv from public.lesson_invitations where request_id = :point_id \gset

-- Answering ----------------------------------------------------------------------------------------
select tests.authenticate_as('v_far');
select throws_ok(format('select public.answer_invitation(%s, true)', :inv), '42501', null,
  'only the invited volunteer answers');

select tests.authenticate_as('v_near');
select public.answer_invitation(:inv, true) as session \gset
reset role;
select is((select status from public.sessions where id = :session), 'scheduled', 'accepting schedules the lesson at once');
select is((select teacher_id from public.sessions where id = :session), tests.uid('v_near'), '...taught by the volunteer');
select is((select status from public.session_participants where session_id = :session and profile_id = tests.uid('asker')),
  'accepted', '...with the learner accepted');
select is((select status from public.help_requests where id = :point_id), 'scheduled', '...and the request scheduled');
select is((select count(*)::int from private.bookings where session_id = :session), 2, 'both are booked in the ledger');
select is((select row(status, session_id)::text from public.lesson_invitations where id = :inv), row('accepted', :session::bigint)::text,
  'the invitation records the lesson');
select is((select count(*)::int from public.notifications where session_id = :session and profile_id = tests.uid('asker') and kind = 'session_proposed'),
  0, 'the learner is not asked to accept what she proposed');

select tests.authenticate_as('v_near');
select throws_ok(format('select public.answer_invitation(%s, false)', :inv), '22023', null, 'answered once');

-- No double booking: the volunteer is now busy at that time ----------------------------------------
reset role;
select tests.create_user('asker2');
update public.profiles set ward_id = tests.id('ward_a')::bigint where id = tests.uid('asker2');
select tests.authenticate_as('asker2');
insert into public.help_requests (learner_id, skill_id, place_type, near_lat, near_lng)
values (tests.uid('asker2'), :sk_id, 'near_point', 10.781, 106.70) returning id \gset second_
select lives_ok(pg_temp.invite(:second_id, 'v_near'), 'another learner invites the same volunteer for the same time');
select id as inv2 from public.lesson_invitations where request_id = :second_id \gset
select tests.authenticate_as('v_near');
select throws_ok(format('select public.answer_invitation(%s, true)', :inv2), '23P01', null,
  'accepting a clashing invitation is refused by the ledger');
select lives_ok(format($$select public.answer_invitation(%s, false, 'Bận rồi')$$, :inv2), 'the volunteer declines it');
reset role;
select is((select row(i.status, r.status)::text from public.lesson_invitations i join public.help_requests r on r.id = i.request_id where i.id = :inv2),
  '(declined,open)', 'declined, and the request is still open');

-- Homes: the rule is checked again when the volunteer accepts ---------------------------------------
select tests.authenticate_as('asker');
select lives_ok(pg_temp.invite(:home_id, 'v_far', 80), 'a verified volunteer may be invited to a home');
reset role;
delete from public.volunteer_verifications where profile_id = tests.uid('v_far');
select id as inv3 from public.lesson_invitations where request_id = :home_id \gset
select tests.authenticate_as('v_far');
select throws_ok(format('select public.answer_invitation(%s, true)', :inv3), '42501', null,
  'no longer verified: accepting a lesson at a home is refused');

select * from finish();
rollback;
