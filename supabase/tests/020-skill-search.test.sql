-- Skill search: diacritic- and case-insensitive, best first, icons, signed-in users only.
-- (Only the t-* skills are compared, so the file also holds on the demo data.)
begin;
select plan(8);

select tests.create_world();
insert into public.skills (category_id, slug, title_vi, title_en, icon, estimated_minutes, level)
values (tests.id('category')::bigint, 't-medical', 'Đặt lịch khám bệnh trực tuyến',
        'Booking a medical appointment online', '🩺', 45, 'intermediate'),
       (tests.id('category')::bigint, 't-lich', 'Xem lịch cúp điện', 'Power cut schedule', null, 30, 'basic');
update public.skill_categories set icon = '📱' where id = tests.id('category')::bigint;

select tests.authenticate_as('learner');
select results_eq(
  $$select slug, title_vi, icon, level, estimated_minutes from public.search_skills('dat lich kham') where slug like 't-%'$$,
  $$values ('t-medical'::text, 'Đặt lịch khám bệnh trực tuyến'::text, '🩺'::text, 'intermediate'::text, 45::smallint)$$,
  '"dat lich kham" finds "Đặt lịch khám bệnh trực tuyến" and only it'
);
select is((select slug from public.search_skills('ĐẶT LỊCH') where slug like 't-%' limit 1), 't-medical', 'case and tone marks do not matter');
select is((select slug from public.search_skills('medical appointment') where slug like 't-%' limit 1), 't-medical', 'English titles are searched');
select is((select slug from public.search_skills('kham benh truc tuyen') where slug like 't-%' limit 1), 't-medical', 'word order within the title');
select is((select slug from public.search_skills('lich') where slug like 't-%' limit 1), 't-lich',
  'a word that is in two titles ranks the closer title first');
select is((select icon from public.search_skills('cup dien') where slug like 't-%'), '📱', 'a skill without an icon takes its category''s');
select is((select count(*)::int from public.search_skills('')), (select count(*)::int from public.skills where is_active),
  'an empty query lists every active skill');
select tests.clear_authentication();
select throws_ok($$select * from public.search_skills('zalo')$$, '42501', null, 'visitors who are not signed in cannot search');

select * from finish();
rollback;
