-- The ripple: everyone reached through teaching, by depth, on a chain of depth 10 (and beyond),
-- on cycles and on many paths to one person; others appear only by what they chose to show.
begin;
select plan(22);

select tests.create_world();

create sequence pg_temp.lesson_slot;

/** A completed lesson edge from teacher to learner (the database writes these on completion). */
create function pg_temp.taught(p_teacher text, p_learner text)
returns void language plpgsql as $$
declare
  v bigint;
  -- Each lesson two hours before the previous one, so no teacher is ever booked twice at once.
  ago interval := make_interval(hours => 2 * nextval('pg_temp.lesson_slot')::int);
begin
  insert into public.sessions (skill_id, teacher_id, ward_id, place_type, venue_id, starts_at, ends_at)
  values (tests.id('skill')::bigint, tests.uid(p_teacher), tests.id('ward_a')::bigint, 'venue',
          tests.id('venue')::bigint, now() - ago, now() - ago + interval '1 hour')
  returning id into v;
  insert into public.teaching_chain (teacher_id, learner_id, skill_id, session_id, ward_id)
  values (tests.uid(p_teacher), tests.uid(p_learner), tests.id('skill')::bigint, v, tests.id('ward_a')::bigint);
end;
$$;

-- A chain of twelve people: c0 → c1 → … → c11 (depth 11 from c0; the ripple stops at 10).
select tests.create_user('c' || i) from generate_series(0, 11) i;
select pg_temp.taught('c' || i, 'c' || (i + 1)) from generate_series(0, 10) i;
update public.profiles set display_name = 'Nguyễn Văn An', ward_id = tests.id('ward_a')::bigint,
  phone = '+84901234567', ripple_name_shown = true
where id = tests.uid('c1');
update public.profiles set display_name = 'Trần Thị Bình', ward_id = tests.id('ward_b')::bigint
where id = tests.uid('c2');

select tests.authenticate_as('c0');
select results_eq(
  'select depth, people from public.teaching_ripple() order by depth',
  $$select d, 1::bigint from generate_series(1, 10) d$$,
  'a chain: one person at each depth from 1 to 10, nobody beyond 10'
);
select is((select count(*)::int from public.my_ripple()), 10, 'the tree has the ten people of the chain');
select results_eq(
  'select node, parent, depth from public.my_ripple() order by node',
  $$select d, d - 1, d from generate_series(1, 10) d$$,
  'each node hangs under the one who taught it, the caller being node 0'
);
select is(
  (select given_name || ' · ' || ward_name_vi from public.my_ripple() where node = 1),
  'An · Phường Thử A', 'someone who shows their name appears by given name and ward'
);
select is(
  (select row(given_name, ward_name_vi)::text from public.my_ripple() where node = 2),
  row(null::text, 'Phường Thử B')::text, 'someone who does not appears only by ward'
);
select is(
  (select count(*)::int from public.my_ripple() r
   where to_jsonb(r)::text ~ ('\+84|Nguyễn|Trần|' || tests.uid('c1')::text)),
  0, 'no phone, no full name, no id in the ripple'
);

select tests.authenticate_as('c5');
select results_eq(
  'select depth, people from public.teaching_ripple() order by depth',
  $$select d, 1::bigint from generate_series(1, 6) d$$,
  'from the middle of the chain: the six people after them'
);

-- A cycle: c11 teaches c0 back. Everyone is reached once, nobody twice, and the walk ends.
reset role;
select pg_temp.taught('c11', 'c0');
select tests.authenticate_as('c5');
select results_eq(
  'select depth, people from public.teaching_ripple() order by depth',
  $$select d, 1::bigint from generate_series(1, 10) d$$,
  'around the cycle: c6…c11, c0…c3, ten people once each'
);
select is(
  (select count(*)::int from public.my_ripple() r
   join public.my_ripple() p on p.node = r.parent where r.depth <> p.depth + 1),
  0, 'every parent is one step closer'
);

-- A two-person loop and a self-reach: teaching each other back never reaches oneself.
reset role;
select tests.create_user('x');
select tests.create_user('y');
select pg_temp.taught('x', 'y');
select pg_temp.taught('y', 'x');
select pg_temp.taught('x', 'y');
select tests.authenticate_as('x');
select results_eq(
  'select depth, people from public.teaching_ripple()',
  $$values (1, 1::bigint)$$,
  'x taught y (twice) and y taught x back: x reached one person'
);

-- Many paths to one person: a lattice of 8 layers × 3 people, each teaching all 3 of the next.
-- 3^8 paths, 24 people: the answer counts people, and comes at once.
reset role;
select tests.create_user('root');
select tests.create_user('l' || layer || '_' || k) from generate_series(1, 8) layer, generate_series(1, 3) k;
select pg_temp.taught('root', 'l1_' || k) from generate_series(1, 3) k;
select pg_temp.taught('l' || layer || '_' || a, 'l' || (layer + 1) || '_' || b)
from generate_series(1, 7) layer, generate_series(1, 3) a, generate_series(1, 3) b;
select tests.authenticate_as('root');
select results_eq(
  'select depth, people from public.teaching_ripple() order by depth',
  $$select d, 3::bigint from generate_series(1, 8) d$$,
  'a lattice with 6,561 paths: 3 people per depth, each once'
);
select is(
  (select count(distinct node)::int from public.my_ripple()), 24, 'the tree holds 24 distinct nodes'
);

-- Someone who taught nobody has an empty ripple.
select tests.authenticate_as('stranger');
select is_empty('select * from public.my_ripple()', 'nobody taught: an empty tree');

-- Whose ripple can be asked for.
select tests.authenticate_as('stranger');
select is_empty(
  format('select * from public.teaching_ripple(%L)', tests.uid('c0')),
  'a stranger cannot count another person''s ripple'
);
select tests.authenticate_as('c3');
select is_empty(
  format('select * from public.teaching_ripple(%L)', tests.uid('c0')),
  'nor can someone in the chain'
);
select tests.authenticate_as('coord_b');
select isnt_empty(
  format('select * from public.teaching_ripple(%L)', tests.uid('c2')),
  'the coordinator of the ward a person lives in can (commendations)'
);
select tests.authenticate_as('coord_b');
select is_empty(
  format('select * from public.teaching_ripple(%L)', tests.uid('c0')),
  'but not for someone of another ward'
);
select tests.clear_authentication();
select throws_ok('select * from public.my_ripple()', '42501', null, 'anon cannot call my_ripple');
select throws_ok(
  format('select * from private.ripple_reach(%L)', tests.uid('c0')),
  '42501', null, 'nobody calls the walk itself'
);

-- The walk probes the index, not the whole table.
reset role;
select ok(
  exists (
    select 1 from pg_indexes
    where tablename = 'teaching_chain' and indexdef like '%(teacher_id, learner_id, id)%'
  ),
  'teaching_chain has the (teacher, learner) index the walk probes'
);
select is(
  (select count(*)::int from private.ripple_reach(tests.uid('c0'), null, 3)), 3,
  'a shorter walk stops at its depth'
);
select is(
  (select count(*)::int from private.ripple_reach(tests.uid('c0'), tests.id('ward_b')::bigint)), 0,
  'a walk kept to another ward''s lessons reaches nobody'
);

select * from finish();
rollback;
