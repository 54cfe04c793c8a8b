-- Push per device: a notice reaches every device of its recipient, a retry goes only to the
-- devices still owed; and a person's reminder settings re-plan only their own pending reminders.
begin;
select plan(19);

select tests.create_world();

-- Deliveries are the worker's alone ---------------------------------------------------------------
select ok(
  (select relrowsecurity from pg_class where oid = 'public.push_deliveries'::regclass),
  'push_deliveries has row-level security'
);
select tests.authenticate_as('learner');
select throws_ok('select * from public.push_deliveries', '42501', null, 'a person cannot read deliveries');
select throws_ok(
  $$insert into public.push_deliveries values (tests.id('notification')::bigint, tests.id('push')::bigint)$$,
  '42501', null, 'nor write one'
);

-- One device answers, the other is retried ----------------------------------------------------------
reset role;
insert into public.push_subscriptions (profile_id, endpoint, p256dh, auth)
values (tests.uid('learner'), 'https://push.example.test/sub/2', repeat('m', 87), repeat('c', 22));
insert into tests.world select 'push2', id from public.push_subscriptions where endpoint = 'https://push.example.test/sub/2';
update public.notifications set send_after = now() + interval '1 year' where push_sent_at is null;
update public.notifications set send_after = now() - interval '1 minute' where id = tests.id('notification')::bigint;

select tests.authenticate_as_service_role();
create temp table c1 as select * from public.claim_push_batch(10, 60);
select is(
  (select jsonb_array_length(subscriptions) from c1 where id = tests.id('notification')::bigint),
  2, 'the first claim carries both of her devices'
);
select is(
  public.finish_push_batch((select claim from c1 limit 1), '{}',
    jsonb_build_array(jsonb_build_object('id', tests.id('notification')::bigint, 'after_seconds', 30,
      'delivered', jsonb_build_array(tests.id('push')::bigint))), '{}'),
  0, 'a notice one device took and one did not is not settled'
);
reset role;
select is(
  (select push_sent_at from public.notifications where id = tests.id('notification')::bigint),
  null, 'it stays owed'
);
select is(
  (select array_agg(subscription_id) from public.push_deliveries where notification_id = tests.id('notification')::bigint),
  array[tests.id('push')::bigint], 'the device that took it is recorded'
);
update public.notifications set send_after = now() - interval '1 minute' where id = tests.id('notification')::bigint;
select tests.authenticate_as_service_role();
create temp table c2 as select * from public.claim_push_batch(10, 60);
select is(
  (select subscriptions -> 0 ->> 'id' from c2 where id = tests.id('notification')::bigint),
  tests.id('push2'), 'the retry goes to the other device only'
);
select is(
  (select jsonb_array_length(subscriptions) from c2 where id = tests.id('notification')::bigint),
  1, 'and not again to the first'
);
select is(
  public.finish_push_batch((select claim from c2 limit 1), array[tests.id('notification')::bigint], '[]', '{}'),
  1, 'when the other device takes it, the notice is settled'
);
reset role;
select is(
  (select push_outcome from public.notifications where id = tests.id('notification')::bigint),
  'sent', 'as sent'
);
select is(
  (select count(*)::int from public.push_deliveries where notification_id = tests.id('notification')::bigint),
  0, 'and its delivery records go'
);

-- A worker that died after reaching every device ----------------------------------------------------
update public.notifications set push_sent_at = null, push_outcome = null, send_after = now() - interval '1 minute'
where id = tests.id('notification')::bigint;
insert into public.push_deliveries values
  (tests.id('notification')::bigint, tests.id('push')::bigint),
  (tests.id('notification')::bigint, tests.id('push2')::bigint);
select tests.authenticate_as_service_role();
select is(
  (select count(*)::int from public.claim_push_batch(10, 60) where id = tests.id('notification')::bigint),
  0, 'a notice every device already has is not sent again'
);
reset role;
select is(
  (select push_outcome from public.notifications where id = tests.id('notification')::bigint),
  'sent', 'it is settled as sent at the claim'
);

-- Reminder settings ---------------------------------------------------------------------------------
select tests.authenticate_as('learner');
select throws_ok(
  $$select public.save_notification_settings(true, true, '22:00', null)$$,
  '22023', null, 'quiet hours need both ends'
);
select lives_ok(
  $$select public.save_notification_settings(false, true, '21:00', '07:00')$$,
  'a person switches the day-before reminder off and sets quiet hours'
);
reset role;
select is(
  (select string_agg(kind, ',' order by kind) from public.notifications
   where session_id = tests.id('session')::bigint and profile_id = tests.uid('learner')
     and kind like 'reminder%' and push_sent_at is null),
  'reminder_1h', 'her day-before reminder is withdrawn, the hour-before one kept'
);
select ok(
  (select bool_and(not private.in_quiet_hours('21:00', '07:00', send_after)) from public.notifications
   where session_id = tests.id('session')::bigint and profile_id = tests.uid('learner')
     and kind like 'reminder%' and push_sent_at is null),
  'and moved out of her new quiet hours'
);
select is(
  (select count(*)::int from public.notifications
   where session_id = tests.id('session')::bigint and profile_id = tests.uid('volunteer')
     and kind = 'reminder_24h' and push_sent_at is null),
  1, 'the teacher''s reminders are not hers to change'
);

select * from finish();
rollback;
