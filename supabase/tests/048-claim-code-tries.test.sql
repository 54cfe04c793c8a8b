-- Claim codes lock per code: wrong codes aimed at one claim (its 3-character prefix) count against
-- that claim whoever types them, from any number of accounts; after five the code is dead, even
-- typed right, until the helper reissues it (which starts from zero). Codes keep their look.
begin;
select plan(9);

select tests.create_world();

select tests.authenticate_as('volunteer');
create temporary table reg on commit drop as
select * from public.register_assisted_learner(
  p_display_name => 'Bà Sáu', p_ward_id => tests.id('ward_a')::bigint, p_skill_id => tests.id('skill')::bigint,
  p_consent_version => '2026-01-01');
grant all on reg to authenticated;

reset role;
select ok((select claim_code from reg) ~ '^[A-HJ-NP-Z2-9]{8}$', 'a code still has 8 unambiguous characters');
select is(
  (select row(c.code_prefix, c.wrong_tries)::text from private.assisted_claims c join reg on reg.learner_id = c.profile_id),
  row(left((select claim_code from reg), 3), 0)::text,
  'its first three characters name its claim'
);

-- A wrong code for this claim: its prefix, another secret.
create function pg_temp.wrong() returns text language sql as $$
  select left(claim_code, 3) || case when substr(claim_code, 4) = 'ZZZZZ' then 'YYYYY' else 'ZZZZZ' end from reg;
$$;
create function pg_temp.try_as(who text, code text) returns text language plpgsql as $$
declare
  n integer;
begin
  perform tests.authenticate_as(who);
  select count(*) into n from public.claim_assisted_account(code);
  reset role;
  return n::text;
exception when others then
  reset role;
  return sqlstate;
end;
$$;

select tests.create_user('g' || i) from generate_series(1, 6) i;
select is(pg_temp.try_as('g1', 'QQQQQQQQ'), '0', 'a wrong code...');
select is((select wrong_tries from private.assisted_claims c join reg on reg.learner_id = c.profile_id), 0,
  '...aimed at no claim counts against none');
select is(
  (select string_agg(pg_temp.try_as('g' || i, pg_temp.wrong()), ',' order by i) from generate_series(1, 5) i),
  '0,0,0,0,0', 'five accounts, one wrong try each, all refused'
);
select is((select wrong_tries from private.assisted_claims c join reg on reg.learner_id = c.profile_id), 5,
  'each counted against the code they aimed at');
select is(pg_temp.try_as('g6', (select claim_code from reg)), '54000', 'now even the right code is refused (dead)');

select tests.authenticate_as('volunteer');
select public.reissue_claim_code((select learner_id from reg)) as fresh \gset
reset role;
select is((select wrong_tries from private.assisted_claims c join reg on reg.learner_id = c.profile_id), 0,
  'a reissued code starts from zero');
select is(pg_temp.try_as('g6', :'fresh'), '1', 'and claims the account');

select * from finish();
rollback;
