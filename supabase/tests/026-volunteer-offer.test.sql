-- Offer help in one call: saves everything or nothing, only ever the caller's own rows.
begin;
select plan(14);

select tests.create_world();

-- The world's volunteer teaches `skill` with one Saturday slot; give the learner a second skill id.
select tests.clear_authentication();
select throws_ok(
  $$select public.save_volunteer_offer('[{"skill_id": 1}]', 3000, '[]', '{venue}', '{vi}')$$,
  '42501', null, 'visitors who are not signed in cannot offer help'
);

select tests.authenticate_as('volunteer');
select lives_ok(
  format(
    $$select public.save_volunteer_offer(%L::jsonb, 2500, %L::jsonb, '{venue,near_point}', '{vi,en}')$$,
    jsonb_build_array(
      jsonb_build_object('skill_id', tests.id('skill')::bigint, 'level', 'expert'),
      jsonb_build_object('skill_id', tests.id('skill2')::bigint)
    ),
    '[{"weekday": 2, "start": "18:00", "end": "21:00"}, {"weekday": 6, "start": "08:00", "end": "11:30"}]'
  ),
  'a volunteer saves skills, radius, slots, places and languages in one call'
);
select is(
  (select level from public.volunteer_skills
   where profile_id = tests.uid('volunteer') and skill_id = tests.id('skill2')::bigint),
  'confident', 'a skill given without a level is saved as confident'
);
select is(
  (select level from public.volunteer_skills
   where profile_id = tests.uid('volunteer') and skill_id = tests.id('skill')::bigint),
  'expert', 'the level given is kept'
);
select results_eq(
  $$select weekday::int, start_time::text, end_time::text from public.availability_slots
    where profile_id = tests.uid('volunteer') order by weekday$$,
  $$values (2, '18:00:00'::text, '21:00:00'::text), (6, '08:00:00'::text, '11:30:00'::text)$$,
  'the weekly slots replace the old ones'
);
select results_eq(
  $$select teaching_radius_m, teaching_places, languages, can_teach from public.profiles
    where id = tests.uid('volunteer')$$,
  $$values (2500, '{venue,near_point}'::text[], '{vi,en}'::text[], true)$$,
  'radius, places and languages are saved on the profile'
);

-- Invalid input saves nothing: the previous offer stays whole.
select throws_ok(
  format($$select public.save_volunteer_offer(%L::jsonb, 2500, '[]', '{venue}', '{vi}')$$,
    jsonb_build_array(jsonb_build_object('skill_id', tests.id('skill')::bigint, 'level', 'guru'))),
  '23514', null, 'an unknown level is refused'
);
select throws_ok(
  format($$select public.save_volunteer_offer(%L::jsonb, 90000, '[]', '{venue}', '{vi}')$$,
    jsonb_build_array(jsonb_build_object('skill_id', tests.id('skill')::bigint))),
  '23514', null, 'a radius beyond 50 km is refused'
);
select throws_ok(
  format($$select public.save_volunteer_offer(%L::jsonb, 2000, '[{"weekday": 9, "start": "08:00", "end": "09:00"}]', '{venue}', '{vi}')$$,
    jsonb_build_array(jsonb_build_object('skill_id', tests.id('skill')::bigint))),
  '23514', null, 'a weekday outside 1-7 is refused'
);
select throws_ok(
  format($$select public.save_volunteer_offer(%L::jsonb, 2000, '[]', '{}', '{vi}')$$,
    jsonb_build_array(jsonb_build_object('skill_id', tests.id('skill')::bigint))),
  '23514', null, 'at least one place is needed'
);
select throws_ok(
  $$select public.save_volunteer_offer('[]', 2000, '[]', '{venue}', '{vi}')$$,
  '22023', null, 'at least one skill is needed'
);
select is(
  (select count(*)::int from public.availability_slots where profile_id = tests.uid('volunteer')),
  2, 'after the refused calls the saved offer is unchanged'
);

-- An attacker can only ever write their own rows: there is no id to aim with.
select tests.authenticate_as('stranger');
select lives_ok(
  format($$select public.save_volunteer_offer(%L::jsonb, 1000, '[]', '{venue}', '{vi}')$$,
    jsonb_build_array(jsonb_build_object('skill_id', tests.id('skill')::bigint))),
  'anyone signed in may offer help (becoming a self-declared volunteer)'
);
select tests.authenticate_as_service_role();
select results_eq(
  $$select count(*)::int from public.volunteer_skills where profile_id = tests.uid('volunteer')$$,
  $$values (2)$$,
  'another person''s save leaves the volunteer''s skills alone'
);

select * from finish();
rollback;
