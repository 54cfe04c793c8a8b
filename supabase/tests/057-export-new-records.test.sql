-- Download my data holds the person's rows of the tables added by the ward workspace,
-- invitations, the phone consent card and legal representation, without other people's ids;
-- nobody else's export holds them.
begin;
select plan(13);

select tests.create_world();
select tests.authenticate_as_service_role();

insert into public.service_feedback (reporter_id, ward_id, service, step, what_happened)
values (tests.uid('learner'), tests.id('ward_a')::bigint, 'vneid', 'log_in', 'Không nhận được mã OTP');
insert into public.lesson_invitations (request_id, volunteer_id, invited_by, starts_at, ends_at, expires_at)
values (tests.id('request_open')::bigint, tests.uid('volunteer'), tests.uid('learner'), now() + interval '5 days',
        now() + interval '5 days 1 hour', now() + interval '2 days');
insert into public.device_cards (session_id, learner_id, actions, minutes)
values (tests.id('session')::bigint, tests.uid('learner'), '{hold_phone}', 30);
insert into public.legal_representatives (represented_id, representative_id, ward_id, relationship, grounds, scope, valid_until)
values (tests.uid('learner'), tests.uid('neighbour'), tests.id('ward_a')::bigint, 'family', 'cannot_consent', '{consent}', current_date + 365);
insert into public.volunteer_suspensions (profile_id, ward_id, reason)
values (tests.uid('neighbour'), tests.id('ward_a')::bigint, 'Thử tạm ngưng');

select tests.authenticate_as('learner');
create temp table learner_export as select public.export_my_data() as data;
grant select on learner_export to public;
select tests.authenticate_as('neighbour');
create temp table neighbour_export as select public.export_my_data() as data;
grant select on neighbour_export to public;
select tests.authenticate_as('stranger');
create temp table stranger_export as select public.export_my_data() as data;
grant select on stranger_export to public;
select tests.authenticate_as_service_role();

select is(jsonb_array_length((select data -> 'service_feedback' from learner_export)), 1, 'her feedback on a public service');
select ok(not ((select data -> 'service_feedback' -> 0 from learner_export) ? 'reporter_id'), 'without ids');
select is((select data -> 'lesson_invitations' -> 0 ->> 'my_role' from learner_export), 'inviter', 'the invitation she sent');
select ok(not ((select data -> 'lesson_invitations' -> 0 from learner_export) ? 'volunteer_id'), 'without the volunteer''s id');
select is(jsonb_array_length((select data -> 'phone_consent_cards' from learner_export)), 1, 'her phone consent card');
select is((select data -> 'legal_representation' -> 0 ->> 'my_role' from learner_export), 'represented', 'who represents her, as a fact about her');
select is((select data -> 'legal_representation' -> 0 ->> 'my_role' from neighbour_export), 'representative', 'the representative sees that he represents someone');
select is(position(tests.id('neighbour') in (select data::text from learner_export)), 0, 'her export never names her representative');
select is(position(tests.id('learner') in (select data::text from neighbour_export)), 0, 'his export never names the person he represents');
select is(jsonb_array_length((select data -> 'suspensions' from neighbour_export)), 1, 'a suspension, with its reason, is his to see');
select ok((select data -> 'suspensions' -> 0 ->> 'reason' from neighbour_export) = 'Thử tạm ngưng', 'the reason as written');
select is(
  (select jsonb_array_length(data -> 'service_feedback') + jsonb_array_length(data -> 'lesson_invitations')
        + jsonb_array_length(data -> 'phone_consent_cards') + jsonb_array_length(data -> 'legal_representation')
        + jsonb_array_length(data -> 'suspensions') from stranger_export),
  0, 'a stranger''s export holds none of them'
);
select is(
  (select count(*)::int from pg_proc p join pg_namespace n on n.oid = p.pronamespace
   where n.nspname = 'private' and p.proname in ('export_person', 'export_person_core')
     and has_function_privilege('authenticated', p.oid, 'execute')),
  0, 'clients cannot call the export helpers for someone else'
);

select * from finish();
rollback;
