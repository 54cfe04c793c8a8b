-- Statements that run far longer than anon's budget here (1.5 s, set for this database only, so
-- a shared PostgreSQL cluster keeps Supabase's 3 s elsewhere).
do $$
begin
  execute format('alter role anon in database %I set statement_timeout = %L', current_database(), '1500ms');
end
$$;

create table public.budget_notes (id int primary key, body text not null);
alter table public.budget_notes enable row level security;
create policy "anyone reads and adds notes" on public.budget_notes for all to anon, service_role
  using (true) with check (true);
grant select, insert on public.budget_notes to anon;

create function public.slow(seconds float8 default 60) returns int
language sql volatile as $$ select 1 from pg_sleep(seconds) $$;

-- Writes, then sleeps: cut, its row must not survive.
create function public.slow_write(note_id int) returns int
language plpgsql volatile as $$
begin
  insert into public.budget_notes values (note_id, 'from a cut transaction');
  perform pg_sleep(60);
  return note_id;
end
$$;

-- Ten billion rows: minutes on either database.
create function public.cross_join() returns bigint
language sql stable as $$
  select count(*) from generate_series(1, 100000) a, generate_series(1, 100000) b
$$;
