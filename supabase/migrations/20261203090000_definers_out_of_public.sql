-- =============================================================================
-- Security-definer bodies leave the exposed schema
--
-- PostgREST exposes `public`, and Supabase's guidance is that security-definer
-- functions never live in an exposed schema: a definer body there is an API that
-- bypasses row-level security, callable with any arguments. Until now 40-odd RPCs
-- in `public` ran as definer. This migration keeps their names, arguments and
-- results (the wire and the generated types do not change) and splits each in two:
--
--   private.<name>   the body, unchanged, still `security definer` and pinned
--                    `search_path`, executable by exactly the roles that could
--                    execute the public function (never anon);
--   public.<name>    a one-line `security invoker` SQL wrapper with the same
--                    volatility, calling the private body by named arguments.
--
-- Where a private function of the same name and arguments already existed (the
-- public one was already a definer wrapper around it), the public one just
-- becomes `security invoker`.
--
-- It is done by reading the catalogue rather than by copying 40 bodies here, so the
-- bodies keep their one source: the migration that wrote them (read `public.<name>`
-- there as `private.<name>`). A later migration that changes one of them redefines
-- `private.<name>`. pgTAP 001 now refuses any definer function in `public`.
-- =============================================================================

do $$
declare
  f record;
  body_def text;
  call_args text;
  volatility text;
  roles text[];
  role_name text;
begin
  for f in
    select p.oid, p.proname, p.proretset, p.provolatile, p.proargnames, p.proargmodes,
           pg_get_function_arguments(p.oid) as args,
           pg_get_function_identity_arguments(p.oid) as ident,
           pg_get_function_result(p.oid) as result,
           exists (
             select 1 from pg_proc q
             where q.pronamespace = 'private'::regnamespace and q.proname = p.proname
               and pg_get_function_identity_arguments(q.oid) = pg_get_function_identity_arguments(p.oid)
           ) as has_private_twin
    from pg_proc p
    where p.pronamespace = 'public'::regnamespace and p.prosecdef and p.prokind = 'f'
    order by p.proname
  loop
    roles := array(
      select r from unnest(array['authenticated', 'service_role']) r
      where has_function_privilege(r, f.oid, 'execute')
    );

    if not f.has_private_twin then
      body_def := pg_get_functiondef(f.oid);
      if body_def !~ ('^CREATE OR REPLACE FUNCTION public\.' || f.proname || '\(') then
        raise exception 'unexpected definition header for public.%', f.proname;
      end if;
      execute regexp_replace(body_def, '^CREATE OR REPLACE FUNCTION public\.',
                             'CREATE OR REPLACE FUNCTION private.');

      -- Input arguments by name, so defaults and order stay the private body's business.
      select coalesce(string_agg(format('%1$I => %1$I', a.name), ', ' order by a.n), '')
        into call_args
      from unnest(coalesce(f.proargnames, '{}'),
                  coalesce(f.proargmodes, array_fill('i'::"char", array[coalesce(cardinality(f.proargnames), 0)])))
             with ordinality as a (name, mode, n)
      where a.mode in ('i', 'b');

      volatility := case f.provolatile when 'i' then 'immutable' when 's' then 'stable' else 'volatile' end;
      execute format(
        'create or replace function public.%1$I(%2$s) returns %3$s language sql %4$s security invoker '
        'set search_path = '''' as $body$ select %5$s private.%1$I(%6$s) $body$',
        f.proname, f.args, f.result, volatility,
        case when f.proretset then '* from' else '' end, call_args
      );
    else
      execute format('alter function public.%I(%s) security invoker', f.proname, f.ident);
    end if;

    execute format('revoke execute on function private.%I(%s) from public, anon, authenticated, service_role',
                   f.proname, f.ident);
    foreach role_name in array roles loop
      execute format('grant execute on function private.%I(%s) to %I', f.proname, f.ident, role_name);
    end loop;
  end loop;
end;
$$;
