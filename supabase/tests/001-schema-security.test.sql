-- Schema-wide guarantees: RLS everywhere, no definer function in public or reachable by anon, pinned
-- search paths, private helpers unexposed, policies aimed at real roles, foreign keys indexed.
begin;
select plan(10);

select is(
  array(
    select c.relname::text from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relrowsecurity
    order by 1
  ),
  '{}'::text[],
  'every table in public has row-level security enabled'
);

select is(
  array(
    select c.relname::text from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
      and obj_description(c.oid, 'pg_class') is null
    order by 1
  ),
  '{}'::text[],
  'every table in public says what it is for (table comment)'
);

select is(
  array(
    select p.oid::regprocedure::text from pg_proc p
    join pg_namespace n on n.oid = p.pronamespace
    where p.prosecdef
      and n.nspname not in ('pg_catalog', 'information_schema', 'tests')
      and has_function_privilege('anon', p.oid, 'execute')
    order by 1
  ),
  '{}'::text[],
  'no security-definer function is executable by anon'
);

select is(
  array(
    select p.oid::regprocedure::text from pg_proc p
    where p.prosecdef and p.pronamespace = 'public'::regnamespace
    order by 1
  ),
  '{}'::text[],
  'no security-definer function lives in the exposed schema (bodies in private, invoker wrappers in public)'
);

select is(
  array(
    select p.oid::regprocedure::text from pg_proc p
    join pg_namespace n on n.oid = p.pronamespace
    where p.prosecdef
      and n.nspname in ('public', 'private')
      and not exists (select 1 from unnest(p.proconfig) s where s like 'search_path=%')
    order by 1
  ),
  '{}'::text[],
  'every security-definer function pins its search_path'
);

select is(
  array(
    select p.oid::regprocedure::text from pg_proc p
    join pg_namespace n on n.oid = p.pronamespace
    where n.nspname in ('public', 'private')
      and has_function_privilege('anon', p.oid, 'execute')
      and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
    order by 1
  ),
  '{}'::text[],
  'anon can execute none of our functions'
);

select ok(
  not has_schema_privilege('anon', 'private', 'usage'),
  'anon cannot even look into the private schema'
);

select is(
  array(
    select schemaname || '.' || tablename || ': ' || policyname from pg_policies
    where schemaname = 'public' and not (roles <@ array['anon', 'authenticated']::name[])
    order by 1
  ),
  '{}'::text[],
  'every policy names its roles (anon/authenticated), none applies to public'
);

select is(
  array(
    select c.conrelid::regclass::text || ' (' || c.conname || ')'
    from pg_constraint c
    where c.contype = 'f'
      and c.connamespace = 'public'::regnamespace
      and not exists (
        select 1 from pg_index i
        where i.indrelid = c.conrelid
          and (
            select array_agg(k order by k)
            from unnest((string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)]) k
          ) = (select array_agg(k order by k) from unnest(c.conkey) k)
      )
    order by 1
  ),
  '{}'::text[],
  'every foreign key is covered by an index that starts with its columns'
);

select is(
  array(
    select c.relname::text from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind = 'v'
      and not coalesce(c.reloptions @> array['security_invoker=true'], false)
    order by 1
  ),
  '{}'::text[],
  'no view in public bypasses row-level security'
);

select * from finish();
rollback;
