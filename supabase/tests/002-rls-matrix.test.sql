-- Who may do what, on every table: anon, the learner (owner of the target rows, ward A), the
-- volunteer (ward A, teaches the learner), the coordinators of ward A and of ward B, a stranger
-- (learner in ward B) and the service role, each trying select/insert/update/delete.
-- Each statement runs and is rolled back by tests.try_as(); the outcome is what really happens:
--   '1' = one row seen/changed, '0' = zero rows (RLS filtered it), 'x' = error 42501.
-- Inserts try to create a row belonging to the named owner; the others target one fixture row.
-- (anon cannot even update home_locations: its generated columns call private helpers.)
begin;

select tests.create_world();
insert into public.data_requests (profile_id, ward_id, kind) values (tests.uid('learner'), tests.id('ward_a')::bigint, 'export');
insert into tests.world select 'data_request', max(id) from public.data_requests;
-- ward-board: a suspension in force (of the neighbour, who teaches nothing, so no other cell moves).
insert into public.volunteer_suspensions (profile_id, ward_id, reason)
values (tests.uid('neighbour'), tests.id('ward_a')::bigint, 'Thử tạm ngưng');
insert into tests.world select 'suspension', max(id) from public.volunteer_suspensions;
insert into public.lesson_invitations (request_id, volunteer_id, invited_by, starts_at, ends_at, expires_at)
values (tests.id('request_open')::bigint, tests.uid('volunteer'), tests.uid('learner'), now() + interval '5 days',
        now() + interval '5 days 1 hour', now() + interval '2 days');
insert into tests.world select 'invitation', max(id) from public.lesson_invitations;
insert into public.erased_lesson_counts (ward_id, skill_id, month, role, lessons)
values (tests.id('ward_a')::bigint, tests.id('skill')::bigint, '2026-01-01', 'teacher', 2);
insert into public.service_feedback (reporter_id, ward_id, service, step, what_happened)
values (tests.uid('learner'), tests.id('ward_a')::bigint, 'vneid', 'log_in', 'Không nhận được mã OTP');
insert into tests.world select 'service_feedback', max(id) from public.service_feedback;
insert into public.device_cards (session_id, learner_id, actions, minutes)
values (tests.id('session')::bigint, tests.uid('learner'), '{hold_phone}', 30);
insert into public.legal_representatives (represented_id, representative_id, ward_id, relationship, grounds, scope, valid_until)
values (tests.uid('learner'), tests.uid('neighbour'), tests.id('ward_a')::bigint, 'family', 'cannot_consent', '{consent}', current_date + 365);
insert into tests.world select 'representation', max(id) from public.legal_representatives;

create temporary table matrix (
  tbl text not null,
  op text not null,
  statement text not null,
  -- one outcome per actor, in this order: anon learner volunteer coord_a coord_b stranger service
  expected text not null check (expected ~ '^[01x]{7}$')
) on commit drop;

insert into matrix (tbl, op, statement, expected) values
-- Reference data: readable by all, written by the service role only.
('areas', 'select', 'select 1 from public.areas where id = :ward_a', '1111111'),
('areas', 'insert', $$insert into public.areas (code, kind, parent_id, name_vi, name_en, center_lat, center_lng) values ('T-NEW', 'ward', :city, 'Mới', 'New', 10.8, 106.7)$$, 'xxxxxx1'),
('areas', 'update', 'update public.areas set name_en = name_en where id = :ward_a', '0000001'),
('areas', 'delete', 'delete from public.areas where id = :ward_spare', '0000001'),
('skill_categories', 'select', 'select 1 from public.skill_categories where id = :category', '1111111'),
('skill_categories', 'insert', $$insert into public.skill_categories (slug, name_vi, name_en) values ('t-new', 'Mới', 'New')$$, 'xxxxxx1'),
('skill_categories', 'update', 'update public.skill_categories set name_en = name_en where id = :category', '0000001'),
('skill_categories', 'delete', 'delete from public.skill_categories where id = :category_spare', '0000001'),
('skills', 'select', 'select 1 from public.skills where id = :skill', '1111111'),
('skills', 'insert', $$insert into public.skills (category_id, slug, title_vi, title_en) values (:category, 't-new', 'Mới', 'New')$$, 'xxxxxx1'),
('skills', 'update', 'update public.skills set title_en = title_en where id = :skill', '0000001'),
('skills', 'delete', 'delete from public.skills where id = :skill_spare', '0000001'),
('skill_steps', 'select', 'select 1 from public.skill_steps where id = :step', '1111111'),
('skill_steps', 'insert', $$insert into public.skill_steps (skill_id, position, title_vi, title_en) values (:skill, 9, 'Bước', 'Step')$$, 'xxxxxx1'),
('skill_steps', 'update', 'update public.skill_steps set title_en = title_en where id = :step', '0000001'),
('skill_steps', 'delete', 'delete from public.skill_steps where id = :step', '0000001'),
('badge_definitions', 'select', 'select 1 from public.badge_definitions where id = :badge_spare', '1111111'),
('badge_definitions', 'insert', $$insert into public.badge_definitions (slug, kind, threshold, name_vi, name_en) values ('t-new', 'sessions_taught', 3, 'Ba', 'Three')$$, 'xxxxxx1'),
('badge_definitions', 'update', 'update public.badge_definitions set name_en = name_en where id = :badge_spare', '0000001'),
('badge_definitions', 'delete', 'delete from public.badge_definitions where id = :badge_spare', '0000001'),
-- Venues and learning material: public, managed by coordinators.
('venues', 'select', 'select 1 from public.venues where id = :venue', '1111111'),
('venues', 'insert', $$insert into public.venues (ward_id, name_vi, address, lat, lng) values (:ward_a, 'Mới', '3 Lê Lợi', 10.77, 106.7)$$, 'xxx1xx1'),
('venues', 'update', 'update public.venues set name_vi = name_vi where id = :venue', '0001001'),
('venues', 'delete', 'delete from public.venues where id = :venue_spare', '0001001'),
('learning_materials', 'select', 'select 1 from public.learning_materials where id = :material', '1111111'),
('learning_materials', 'insert', $$insert into public.learning_materials (skill_id, kind, title, url) values (:skill, 'lesson', 'Bài', 'https://example.org/b')$$, 'xxx11x1'),
('learning_materials', 'update', 'update public.learning_materials set title = title where id = :material', 'x001001'),
('learning_materials', 'delete', 'delete from public.learning_materials where id = :material', '0001001'),
-- People.
('profiles', 'select', 'select 1 from public.profiles where id = :learner', '0111001'),
('profiles', 'insert', 'insert into public.profiles (id) values (:spare_user)', 'xxxxxx1'),
('profiles', 'update', 'update public.profiles set display_name = display_name where id = :learner', 'x100001'),
('profiles', 'delete', 'delete from public.profiles where id = :learner', '0000001'),
('home_locations', 'select', 'select 1 from public.home_locations where profile_id = :learner', '0100001'),
('home_locations', 'insert', 'insert into public.home_locations (profile_id, lat, lng) values (:volunteer, 10.78, 106.69)', 'xx1xxx1'),
('home_locations', 'update', 'update public.home_locations set lat = lat where profile_id = :learner', 'x100001'),
('home_locations', 'delete', 'delete from public.home_locations where profile_id = :learner', '0100001'),
('consents', 'select', 'select 1 from public.consents where id = :consent', '0101001'),
('consents', 'insert', $$insert into public.consents (profile_id, kind, version) values (:learner, 'terms', '2025-08')$$, 'x1xxxx1'),
('consents', 'update', 'update public.consents set version = version where id = :consent', 'xxxxxx1'),
('consents', 'delete', 'delete from public.consents where id = :consent', 'xxxxxx1'),
('coordinator_assignments', 'select', 'select 1 from public.coordinator_assignments where profile_id = :coord_a', '0001001'),
('coordinator_assignments', 'insert', 'insert into public.coordinator_assignments (profile_id, ward_id) values (:volunteer, :ward_a)', 'xxxxxx1'),
('coordinator_assignments', 'update', 'update public.coordinator_assignments set appointed_at = appointed_at where profile_id = :coord_a', 'xxxxxx1'),
('coordinator_assignments', 'delete', 'delete from public.coordinator_assignments where profile_id = :coord_a', 'xxxxxx1'),
-- Volunteers.
('volunteer_skills', 'select', 'select 1 from public.volunteer_skills where profile_id = :volunteer', '0111111'),
('volunteer_skills', 'insert', 'insert into public.volunteer_skills (profile_id, skill_id) values (:volunteer, :skill2)', 'xx1xxx1'),
('volunteer_skills', 'update', 'update public.volunteer_skills set level = level where profile_id = :volunteer', '0010001'),
('volunteer_skills', 'delete', 'delete from public.volunteer_skills where profile_id = :volunteer', '0010001'),
('availability_slots', 'select', 'select 1 from public.availability_slots where id = :slot', '0011001'),
('availability_slots', 'insert', $$insert into public.availability_slots (profile_id, weekday, start_time, end_time) values (:volunteer, 2, '18:00', '20:00')$$, 'xx1xxx1'),
('availability_slots', 'update', 'update public.availability_slots set end_time = end_time where id = :slot', '0010001'),
('availability_slots', 'delete', 'delete from public.availability_slots where id = :slot', '0010001'),
('volunteer_verifications', 'select', 'select 1 from public.volunteer_verifications where profile_id = :volunteer', '0111111'),
('volunteer_verifications', 'insert', 'insert into public.volunteer_verifications (profile_id, ward_id) values (:learner, :ward_a)', 'xxx1xx1'),
('volunteer_verifications', 'update', 'update public.volunteer_verifications set note = note where profile_id = :volunteer', 'xxxxxx1'),
('volunteer_verifications', 'delete', 'delete from public.volunteer_verifications where profile_id = :volunteer', '0001001'),
-- Requests, sessions and what follows them.
('help_requests', 'select', 'select 1 from public.help_requests where id = :request_open', '0111001'),
('help_requests', 'insert', $$insert into public.help_requests (learner_id, skill_id, place_type) values (:learner, :skill, 'home')$$, 'x1x1xx1'),
('help_requests', 'update', 'update public.help_requests set notes = notes where id = :request_open', 'x101001'),
('help_requests', 'delete', 'delete from public.help_requests where id = :request_open', '0000001'),
('sessions', 'select', 'select 1 from public.sessions where id = :session', '0111001'),
('sessions', 'insert', $$insert into public.sessions (skill_id, teacher_id, ward_id, place_type, starts_at, ends_at) values (:skill, :volunteer, :ward_a, 'home', now() + interval '5 days', now() + interval '5 days 1 hour')$$, 'xx11xx1'),
('sessions', 'update', 'update public.sessions set notes = notes where id = :session', 'x011001'),
('sessions', 'delete', 'delete from public.sessions where id = :session', '0000001'),
('session_participants', 'select', 'select 1 from public.session_participants where session_id = :session and profile_id = :learner', '0111001'),
('session_participants', 'insert', 'insert into public.session_participants (session_id, profile_id) values (:class, :stranger)', 'xx11x11'),
('session_participants', 'update', 'update public.session_participants set status = status where session_id = :session and profile_id = :learner', 'x111001'),
('session_participants', 'delete', 'delete from public.session_participants where session_id = :session and profile_id = :learner', '0000001'),
('session_codes', 'select', 'select 1 from public.session_codes where session_id = :session and profile_id = :learner', '0100001'),
('session_codes', 'insert', 'insert into public.session_codes (session_id, profile_id) values (:class, :learner)', 'xxxxxx1'),
('session_codes', 'update', 'update public.session_codes set code = code where session_id = :session and profile_id = :learner', 'xxxxxx1'),
('session_codes', 'delete', 'delete from public.session_codes where session_id = :session and profile_id = :learner', 'xxxxxx1'),
('feedback', 'select', 'select 1 from public.feedback where id = :feedback', '0111001'),
('feedback', 'insert', 'insert into public.feedback (session_id, author_id, rating) values (:session_done, :volunteer, 5)', 'xx1xxx1'),
('feedback', 'update', 'update public.feedback set rating = rating where id = :feedback', 'xxxxxx1'),
('feedback', 'delete', 'delete from public.feedback where id = :feedback', '0000001'),
('teaching_chain', 'select', 'select 1 from public.teaching_chain where id = :chain', '0111001'),
('teaching_chain', 'insert', 'insert into public.teaching_chain (teacher_id, learner_id, skill_id, session_id, ward_id) values (:volunteer, :stranger, :skill, :session_done, :ward_a)', 'xxxxxx1'),
('teaching_chain', 'update', 'update public.teaching_chain set created_at = created_at where id = :chain', 'xxxxxx1'),
('teaching_chain', 'delete', 'delete from public.teaching_chain where id = :chain', 'xxxxxx1'),
-- Recognition.
('badge_awards', 'select', 'select 1 from public.badge_awards where id = :badge_award', '0101001'),
('badge_awards', 'insert', 'insert into public.badge_awards (badge_id, profile_id) values (:badge_spare, :learner)', 'xxxxxx1'),
('badge_awards', 'update', 'update public.badge_awards set awarded_at = awarded_at where id = :badge_award', 'xxxxxx1'),
('badge_awards', 'delete', 'delete from public.badge_awards where id = :badge_award', 'xxxxxx1'),
('recognition_rules', 'select', 'select 1 from public.recognition_rules', '0111111'),
('recognition_rules', 'insert', 'insert into public.recognition_rules (id) values (true) on conflict do nothing', 'xxxxxx0'),
('recognition_rules', 'update', 'update public.recognition_rules set min_account_age = interval ''0''', 'xxxxxx1'),
('recognition_rules', 'delete', 'delete from public.recognition_rules', 'xxxxxx1'),
('neighbourhood_groups', 'select', 'select 1 from public.neighbourhood_groups where id = :group', '0111111'),
('neighbourhood_groups', 'insert', $$insert into public.neighbourhood_groups (ward_id, name) values (:ward_a, 'Chi đoàn mới')$$, 'xx11xx1'),
('neighbourhood_groups', 'update', 'update public.neighbourhood_groups set name = name where id = :group', '0001001'),
('neighbourhood_groups', 'delete', 'delete from public.neighbourhood_groups where id = :group_spare', '0001001'),
('group_members', 'select', 'select 1 from public.group_members where group_id = :group and profile_id = :learner', '0111001'),
('group_members', 'insert', 'insert into public.group_members (group_id, profile_id) values (:group, :stranger)', 'xxxxx11'),
('group_members', 'update', 'update public.group_members set role = role where group_id = :group and profile_id = :learner', 'x001001'),
('group_members', 'delete', 'delete from public.group_members where group_id = :group and profile_id = :learner', '0111001'),
('group_awards', 'select', 'select 1 from public.group_awards where id = :group_award', '0111111'),
('group_awards', 'insert', $$insert into public.group_awards (group_id, title) values (:group, 'Khen thưởng quý')$$, 'xxx1xx1'),
('group_awards', 'update', 'update public.group_awards set title = title where id = :group_award', 'xxxxxx1'),
('group_awards', 'delete', 'delete from public.group_awards where id = :group_award', '0001001'),
-- Notifications.
('push_subscriptions', 'select', 'select 1 from public.push_subscriptions where id = :push', '0100001'),
('push_subscriptions', 'insert', $$insert into public.push_subscriptions (profile_id, endpoint, p256dh, auth) values (:learner, 'https://push.example.test/sub/2', repeat('k', 87), repeat('a', 22))$$, 'x1xxxx1'),
('push_subscriptions', 'update', 'update public.push_subscriptions set user_agent = user_agent where id = :push', 'x100001'),
('push_subscriptions', 'delete', 'delete from public.push_subscriptions where id = :push', '0100001'),
('lesson_invitations', 'select', 'select 1 from public.lesson_invitations where id = :invitation', 'x110001'),
('lesson_invitations', 'insert', $$insert into public.lesson_invitations (request_id, volunteer_id, invited_by, starts_at, ends_at, expires_at, status) values (:request_open, :volunteer, :learner, now() + interval '6 days', now() + interval '6 days 1 hour', now() + interval '1 day', 'declined')$$, 'xxxxxx1'),
('lesson_invitations', 'update', $$update public.lesson_invitations set status = 'accepted' where id = :invitation$$, 'xxxxxx1'),
('lesson_invitations', 'delete', 'delete from public.lesson_invitations where id = :invitation', 'xxxxxx1'),
('notifications', 'select', 'select 1 from public.notifications where id = :notification', '0100001'),
('notifications', 'insert', $$insert into public.notifications (profile_id, kind, title) values (:learner, 'badge_awarded', 'Huy hiệu mới')$$, 'xxxxxx1'),
('notifications', 'update', 'update public.notifications set read_at = now() where id = :notification', 'x100001'),
('notifications', 'delete', 'delete from public.notifications where id = :notification', '0100001'),
-- Which devices a retried notice already reached: the push worker's alone (no fixture row, so the
-- service role's select/update/delete find zero rows).
('push_deliveries', 'select', 'select 1 from public.push_deliveries where notification_id = :notification', 'xxxxxx0'),
('push_deliveries', 'insert', 'insert into public.push_deliveries (notification_id, subscription_id) values (:notification, :push)', 'xxxxxx1'),
('push_deliveries', 'update', 'update public.push_deliveries set delivered_at = now() where notification_id = :notification', 'xxxxxx0'),
('push_deliveries', 'delete', 'delete from public.push_deliveries where notification_id = :notification', 'xxxxxx0'),
-- Safety.
('reports', 'select', 'select 1 from public.reports where id = :report', '0101001'),
('reports', 'insert', $$insert into public.reports (reporter_id, reported_id, reason) values (:learner, :neighbour, 'other')$$, 'x1xxxx1'),
('reports', 'update', $$update public.reports set status = 'reviewing' where id = :report$$, 'x001001'),
('reports', 'delete', 'delete from public.reports where id = :report', '0000001'),
('blocks', 'select', 'select 1 from public.blocks where blocker_id = :learner and blocked_id = :stranger', '0100001'),
('blocks', 'insert', 'insert into public.blocks (blocker_id, blocked_id) values (:learner, :neighbour)', 'x1xxxx1'),
('blocks', 'update', 'update public.blocks set created_at = created_at where blocker_id = :learner', 'xxxxxx1'),
('blocks', 'delete', 'delete from public.blocks where blocker_id = :learner and blocked_id = :stranger', '0100001'),
('data_requests', 'select', 'select 1 from public.data_requests where id = :data_request', '0101001'),
('data_requests', 'insert', $$insert into public.data_requests (profile_id, kind) values (:learner, 'export')$$, 'xxxxxx1'),
('data_requests', 'update', $$update public.data_requests set status = 'done' where id = :data_request$$, 'xxxxxx1'),
('data_requests', 'delete', 'delete from public.data_requests where id = :data_request', 'xxxxxx1'),
-- The phone consent card: read by the lesson's people and coordinators, written through confirm_device_card only.
('device_cards', 'select', 'select 1 from public.device_cards where session_id = :session and learner_id = :learner', '0111001'),
('device_cards', 'insert', $$insert into public.device_cards (session_id, learner_id, actions, minutes) values (:session_done, :learner, '{hold_phone}', 30)$$, 'xxxxxx1'),
('device_cards', 'update', 'update public.device_cards set minutes = minutes where session_id = :session and learner_id = :learner', 'xxxxxx1'),
('device_cards', 'delete', 'delete from public.device_cards where session_id = :session and learner_id = :learner', 'xxxxxx1'),
-- Legal representatives: read by the two people and the ward's coordinators, written through record_representative.
('legal_representatives', 'select', 'select 1 from public.legal_representatives where id = :representation', '0101001'),
('legal_representatives', 'insert', $$insert into public.legal_representatives (represented_id, representative_id, ward_id, relationship, grounds, scope, valid_until) values (:learner, :volunteer, :ward_a, 'family', 'minor', '{consent}', current_date + 30)$$, 'xxxxxx1'),
('legal_representatives', 'update', 'update public.legal_representatives set revoked_at = now() where id = :representation', 'xxxxxx1'),
('legal_representatives', 'delete', 'delete from public.legal_representatives where id = :representation', 'xxxxxx1'),
('erased_lesson_counts', 'select', 'select 1 from public.erased_lesson_counts where ward_id = :ward_a', '0001001'),
('erased_lesson_counts', 'insert', $$insert into public.erased_lesson_counts (ward_id, skill_id, month, role) values (:ward_a, :skill, '2026-02-01', 'learner')$$, 'xxxxxx1'),
('erased_lesson_counts', 'update', 'update public.erased_lesson_counts set lessons = 0 where ward_id = :ward_a', 'xxxxxx1'),
('erased_lesson_counts', 'delete', 'delete from public.erased_lesson_counts where ward_id = :ward_a', 'xxxxxx1'),
-- Suspensions: the ward's coordinators suspend and lift; nobody deletes the history.
('volunteer_suspensions', 'select', 'select 1 from public.volunteer_suspensions where id = :suspension', '0001001'),
('volunteer_suspensions', 'insert', $$insert into public.volunteer_suspensions (profile_id, ward_id, reason) values (:learner, :ward_a, 'Lý do thử')$$, 'xxx1xx1'),
('volunteer_suspensions', 'update', 'update public.volunteer_suspensions set lifted_at = now(), lifted_by = :coord_a where id = :suspension', 'x001001'),
('volunteer_suspensions', 'delete', 'delete from public.volunteer_suspensions where id = :suspension', 'xxxxxx1'),
-- Service feedback: the reporter's own; the board reads it only through functions.
('service_feedback', 'select', 'select 1 from public.service_feedback where id = :service_feedback', '0100001'),
('service_feedback', 'insert', $$insert into public.service_feedback (reporter_id, ward_id, service, step, what_happened) values (:learner, :ward_a, 'bank_app', 'pay', 'Mã QR không quét được')$$, 'x1xxxx1'),
('service_feedback', 'update', $$update public.service_feedback set what_happened = what_happened where id = :service_feedback$$, 'xxxxxx1'),
('service_feedback', 'delete', 'delete from public.service_feedback where id = :service_feedback', '0100001'),
-- The audit log: nobody but the service role reads it, and nobody at all changes it.
('audit_log', 'select', 'select 1 from public.audit_log where id = :audit', '0000001'),
('audit_log', 'insert', $$insert into public.audit_log (table_name, action) values ('profiles', 'insert')$$, 'xxxxxxx'),
('audit_log', 'update', $$update public.audit_log set table_name = 'x' where id = :audit$$, 'xxxxxxx'),
('audit_log', 'delete', 'delete from public.audit_log where id = :audit', 'xxxxxxx');

create temporary table cells on commit drop as
select m.tbl, m.op, tests.fill(m.statement) as statement, a.actor, a.pos,
       case substr(m.expected, a.pos, 1) when 'x' then '42501' else substr(m.expected, a.pos, 1) end
         as expected
from matrix m
cross join (
  values ('anon', 1), ('learner', 2), ('volunteer', 3), ('coord_a', 4), ('coord_b', 5),
         ('stranger', 6), ('service_role', 7)
) as a (actor, pos);

select plan((select count(*)::int + 2 from cells));

select is(
  array(
    select c.relname::text from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
    except
    select tbl from matrix
    order by 1
  ),
  '{}'::text[],
  'every table in public is in the matrix'
);

select is(
  array(
    select tbl || ' ' || op from matrix group by tbl, op having count(*) > 1
    union all
    select tbl from matrix group by tbl having count(distinct op) <> 4
  ),
  '{}'::text[],
  'the matrix has exactly select, insert, update and delete for each table'
);

select is(
  tests.try_as(actor, statement),
  expected,
  format(
    '%s: %s %s → %s', tbl, actor, op,
    case expected when '42501' then 'denied (42501)' when '0' then 'zero rows' else 'allowed' end
  )
)
from cells
order by tbl, op, pos;

select * from finish();
rollback;
