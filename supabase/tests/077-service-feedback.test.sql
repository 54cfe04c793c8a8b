-- Citizen feedback on public digital services: a report belongs to its reporter's ward whatever
-- they send; reporters see only their own; the ward's board reads the text and counts through
-- functions that name the reporter only when they agreed to be contacted; another ward's board
-- and everyone else get nothing; an export is written to the audit log.
begin;
select plan(19);

select tests.create_world();
select tests.create_user('nowhere');

select tests.authenticate_as('learner');
insert into public.service_feedback (service, step, what_happened, ward_id)
values ('vneid', 'log_in', 'Quên mật khẩu, không nhận được mã OTP', tests.id('ward_b')::bigint);
insert into public.service_feedback (service, step, what_happened, may_contact)
values ('vneid', 'log_in', 'Ứng dụng báo lỗi khi quét khuôn mặt', true);
select is(
  (select array_agg(distinct ward_id) from public.service_feedback),
  array[tests.id('ward_a')::bigint], 'a report belongs to the reporter''s ward, whatever ward she sends'
);
select throws_ok(
  $$insert into public.service_feedback (reporter_id, service, step, what_happened) values (tests.uid('volunteer'), 'tax', 'pay', 'Không nộp được thuế')$$,
  '42501', null, 'nobody reports in another person''s name'
);
select throws_ok(
  $$update public.service_feedback set what_happened = 'khác' where reporter_id = tests.uid('learner')$$,
  '42501', null, 'a report is not rewritten'
);
select throws_ok(
  $$insert into public.service_feedback (service, step, what_happened) values ('vneid', 'log_in', 'ok')$$,
  '23514', null, 'what happened is told in a few words at least'
);
select tests.authenticate_as('volunteer');
insert into public.service_feedback (service, service_name, step, what_happened)
values ('public_service_portal', '', 'upload', 'Không tải được ảnh giấy khai sinh lên cổng'),
       ('bank_app', 'Agribank', 'identity_check', 'Không quét được chip căn cước');
select is((select count(*)::int from public.service_feedback), 2, 'a reporter sees only her own reports');
select tests.authenticate_as('stranger');
insert into public.service_feedback (service, step, what_happened) values ('vneid', 'log_in', 'Bị khóa tài khoản sau 5 lần');
select tests.authenticate_as('nowhere');
select throws_ok(
  $$insert into public.service_feedback (service, step, what_happened) values ('vneid', 'register', 'Không đăng ký được')$$,
  '22023', null, 'someone without a ward is asked to choose one first'
);

-- The board -----------------------------------------------------------------------------------------
select tests.authenticate_as('coord_a');
select results_eq(
  format('select service, step, reports from public.service_feedback_counts(%s)', tests.id('ward_a')),
  $$values ('vneid', 'log_in', 2), ('bank_app', 'identity_check', 1), ('public_service_portal', 'upload', 1)$$,
  'the board counts its ward''s reports by service and step, most reported first'
);
reset role;
create temporary table direct on commit drop as
select service, step, count(*)::int as reports from public.service_feedback
where ward_id = tests.id('ward_a')::bigint group by 1, 2;
grant select on direct to authenticated;
select tests.authenticate_as('coord_a');
select set_eq(
  format('select service, step, reports from public.service_feedback_counts(%s)', tests.id('ward_a')),
  'select * from direct', 'every count equals a direct count in the database'
);
select is(
  (select count(*)::int from public.service_feedback_counts(tests.id('ward_a')::bigint, current_date + 1, null)),
  0, 'a range after today counts nothing'
);
select results_eq(
  format($$select what_happened, contact_name from public.ward_service_feedback(%s) where service = 'vneid' order by contact_name nulls last$$, tests.id('ward_a')),
  format($$values ('Ứng dụng báo lỗi khi quét khuôn mặt', %L), ('Quên mật khẩu, không nhận được mã OTP', null)$$,
    (select display_name from public.profiles where id = tests.uid('learner'))),
  'the board reads the text; the reporter''s name only when she agreed to be contacted'
);
select is((select count(*)::int from public.service_feedback), 0, 'the board cannot read the table itself');
select is(
  (select count(*)::int from public.ward_service_feedback(tests.id('ward_b')::bigint)), 0,
  'nor the reports of another ward'
);
select is(
  (select count(*)::int from public.export_service_feedback(tests.id('ward_a')::bigint)), 3,
  'the export has one row per service and step'
);
reset role;
select is(
  (select row(actor_id, action, record_key, (new_data ->> 'rows')::int)::text from public.audit_log
   where table_name = 'service_feedback' and action = 'export'),
  row(tests.uid('coord_a'), 'export', 'ward:' || tests.id('ward_a'), 3)::text,
  'the export is in the audit log: who, which ward, how many rows'
);

select tests.authenticate_as('coord_b');
select is_empty(format('select * from public.service_feedback_counts(%s)', tests.id('ward_a')),
  'another ward''s coordinator gets no counts');
select is_empty(format('select * from public.ward_service_feedback(%s)', tests.id('ward_a')),
  'nor any text');
select throws_ok(format('select * from public.export_service_feedback(%s)', tests.id('ward_a')),
  '42501', null, 'nor an export');
select tests.authenticate_as('learner');
select is_empty(format('select * from public.ward_service_feedback(%s)', tests.id('ward_a')),
  'a learner of the ward gets nothing of the others'' reports');
select tests.clear_authentication();
select throws_ok(format('select * from public.service_feedback_counts(%s)', tests.id('ward_a')),
  '42501', null, 'anon cannot call the board''s functions');

select * from finish();
rollback;
