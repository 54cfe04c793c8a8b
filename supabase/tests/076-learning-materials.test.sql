-- Learning materials belong to a ward's board: its coordinators add, edit and retire them
-- (another ward's cannot), who added them and for which ward cannot be rewritten, and a retired
-- material disappears for everyone but the board that retired it.
begin;
select plan(15);

select tests.create_world();

select tests.authenticate_as('coord_a');
select is((select ward_id from public.learning_materials where id = tests.id('material')::bigint),
  tests.id('ward_a')::bigint, 'a material added by a coordinator belongs to their ward');
insert into public.learning_materials (skill_id, kind, title, url, language)
values (tests.id('skill')::bigint, 'lesson', 'Step by step: pay with VietQR', 'https://example.org/en', 'en');
select is(
  (select row(ward_id, added_by)::text from public.learning_materials where url = 'https://example.org/en'),
  row(tests.id('ward_a')::bigint, tests.uid('coord_a'))::text, 'an English step-by-step link for the same skill'
);
select throws_ok(
  $$update public.learning_materials set ward_id = tests.id('ward_b')::bigint where id = tests.id('material')::bigint$$,
  '42501', null, 'the owning ward cannot be rewritten'
);
select throws_ok(
  $$update public.learning_materials set added_by = tests.uid('coord_b') where id = tests.id('material')::bigint$$,
  '42501', null, 'nor who added it'
);

select tests.authenticate_as('coord_b');
select throws_ok(
  $$insert into public.learning_materials (skill_id, kind, title, url, ward_id) values (tests.id('skill')::bigint, 'video', 'X', 'https://example.org/x', tests.id('ward_a')::bigint)$$,
  '42501', null, 'another ward''s coordinator cannot add material in this ward''s name'
);
select is_empty(
  $$update public.learning_materials set retired_at = now() where id = tests.id('material')::bigint returning id$$,
  'nor retire this ward''s material'
);
select is_empty(
  $$update public.learning_materials set title = 'Hỏng' where id = tests.id('material')::bigint returning id$$,
  'nor edit it'
);
select tests.authenticate_as('volunteer');
select throws_ok(
  $$insert into public.learning_materials (skill_id, kind, title, url) values (tests.id('skill')::bigint, 'video', 'X', 'https://example.org/x')$$,
  '42501', null, 'a volunteer cannot add material'
);

select tests.authenticate_as('coord_a');
select isnt_empty(
  $$update public.learning_materials set title = 'Video: VietQR', retired_at = now()
    where id = tests.id('material')::bigint returning id$$,
  'the board edits and retires its material'
);
select tests.authenticate_as('volunteer');
select is((select count(*)::int from public.learning_materials where skill_id = tests.id('skill')::bigint), 1,
  'a volunteer preparing the lesson sees only the active material');
select tests.clear_authentication();
select is((select count(*)::int from public.learning_materials where id = tests.id('material')::bigint), 0,
  'nor does anyone signed out');
select tests.authenticate_as('coord_b');
select is((select count(*)::int from public.learning_materials where id = tests.id('material')::bigint), 0,
  'another ward''s board does not see this ward''s retired material');
select tests.authenticate_as('coord_a');
select is((select title from public.learning_materials where id = tests.id('material')::bigint), 'Video: VietQR',
  'the board still sees what it retired');
update public.learning_materials set retired_at = null where id = tests.id('material')::bigint;
select tests.authenticate_as('learner');
select is((select count(*)::int from public.learning_materials where skill_id = tests.id('skill')::bigint), 2,
  'brought back, it shows again');
select is_empty(
  $$update public.learning_materials set retired_at = now() where id = tests.id('material')::bigint returning id$$,
  'a learner cannot retire material'
);

select * from finish();
rollback;
