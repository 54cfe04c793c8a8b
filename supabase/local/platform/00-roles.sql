-- Platform objects every Supabase database has before any migration runs.
-- Not a migration: the local server applies it on every boot, so every statement is idempotent.
-- Roles are cluster-wide on PostgreSQL and several databases may boot at once (tests), so role
-- changes tolerate a concurrent twin doing the same thing.

do $$
declare
  spec record;
begin
  for spec in
    select * from (values
      ('anon', 'nologin noinherit'),
      ('authenticated', 'nologin noinherit'),
      ('service_role', 'nologin noinherit bypassrls'),
      ('authenticator', 'login noinherit')
    ) as t(name, attrs)
  loop
    if not exists (select 1 from pg_roles where rolname = spec.name) then
      begin
        execute format('create role %I %s', spec.name, spec.attrs);
      exception when duplicate_object or unique_violation then
        null;
      end;
    end if;
  end loop;

  for spec in select unnest(array['anon', 'authenticated', 'service_role']) as name loop
    if not exists (
      select 1 from pg_auth_members m
      join pg_roles r on r.oid = m.roleid
      join pg_roles u on u.oid = m.member
      where r.rolname = spec.name and u.rolname = 'authenticator'
    ) then
      begin
        execute format('grant %I to authenticator', spec.name);
      exception when others then
        -- A concurrent boot granted it first ("tuple concurrently updated").
        if not exists (
          select 1 from pg_auth_members m
          join pg_roles r on r.oid = m.roleid
          join pg_roles u on u.oid = m.member
          where r.rolname = spec.name and u.rolname = 'authenticator'
        ) then
          raise;
        end if;
      end;
    end if;
  end loop;
end
$$;

create schema if not exists extensions;
create schema if not exists auth;
create schema if not exists supabase_migrations;

-- Supabase preinstalls these two in `extensions`.
create extension if not exists "uuid-ossp" with schema extensions;
create extension if not exists pgcrypto with schema extensions;

grant usage on schema public to postgres, anon, authenticated, service_role;
grant usage on schema extensions to postgres, anon, authenticated, service_role;
grant usage on schema auth to anon, authenticated, service_role;

alter default privileges in schema public grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to postgres, anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to postgres, anon, authenticated, service_role;

do $$
begin
  execute format('alter database %I set search_path to "$user", public, extensions', current_database());
end
$$;
-- ALTER DATABASE only reaches new sessions; the booting session needs it now too.
select set_config('search_path', '"$user", public, extensions', false);

-- Supabase's role timeouts (its "Timeouts" guide): anon 3 s, authenticated 8 s, and the
-- authenticator's 8 s for service_role, which has none. REST applies the impersonated role's value
-- per request, as PostgREST does; PGlite enforces it outside the database (db/pglite-supervisor.ts).
-- Set only where the role has none yet, so a project's own `alter role … set` survives a boot.
do $$
declare
  r record;
begin
  for r in select * from (values ('anon', '3s'), ('authenticated', '8s'), ('authenticator', '8s')) v(name, timeout)
  loop
    if not exists (
      select 1 from pg_db_role_setting s join pg_roles o on o.oid = s.setrole
      where o.rolname = r.name and s.setdatabase = 0
        and exists (select 1 from unnest(s.setconfig) c where c like 'statement\_timeout=%')
    ) then
      execute format('alter role %I set statement_timeout = %L', r.name, r.timeout);
    end if;
  end loop;
end
$$;
