-- Shapes for the PostgREST feature tests. Aggregates are enabled for this database only
-- (`in database`), the way a Supabase project enables them, so other databases of a shared
-- PostgreSQL cluster keep the default (off).
do $$ begin
	execute format('alter role authenticator in database %I set pgrst.db_aggregates_enabled = %L',
		current_database(), 'true');
end $$;

comment on schema public is 'Feature fixture
Tables and functions for the feature tests.';

create table public.projects (
	id int primary key,
	name text not null,
	client text
);
comment on table public.projects is 'Projects that invoices belong to';
comment on column public.projects.name is 'What the project is called';

create table public.invoices (
	id int primary key,
	project_id int not null references public.projects (id),
	amount numeric(10, 2) not null,
	note text,
	data jsonb
);

create table public.people (
	id int primary key,
	first_name text not null,
	last_name text not null,
	nickname text
);

create table public.events (
	id int primary key,
	at timestamptz not null
);

create table public.hidden (id int primary key);
revoke all on public.hidden from anon, authenticated;

-- Computed fields: scalar functions of a row.
create function public.full_name(p public.people) returns text
language sql stable as $$ select p.first_name || ' ' || p.last_name $$;

create function public.amount_cents(i public.invoices) returns bigint
language sql immutable as $$ select (i.amount * 100)::bigint $$;

-- Computed relationships: functions of a row returning rows of a table.
create function public.big_invoices(p public.projects) returns setof public.invoices
language sql stable as $$ select * from public.invoices where project_id = p.id and amount >= 100 $$;

create function public.owner_project(i public.invoices) returns setof public.projects rows 1
language sql stable as $$ select * from public.projects where id = i.project_id $$;

-- Overloads, resolved by argument names as PostgREST does.
create function public.pick(a int) returns text language sql immutable as $$ select 'int' $$;
create function public.pick(a text) returns text language sql immutable as $$ select 'text' $$;
create function public.greet() returns text language sql immutable as $$ select 'hello' $$;
create function public.greet(name text) returns text
language sql immutable as $$ select 'hello ' || name $$;
create function public.greet(name text, polite boolean) returns text
language sql immutable as $$ select case when polite then 'good day ' else 'hi ' end || name $$;
create function public.echo_any(x anyelement) returns anyelement
language sql immutable as $$ select x $$;

-- Writes through a function, for max-affected on rpc.
create function public.drop_invoices_over(lim numeric) returns setof public.invoices
language sql as $$ delete from public.invoices where amount > lim returning * $$;
create function public.touch_nothing() returns void language sql as $$ select $$;

create function public.secret_fn() returns int language sql immutable as $$ select 42 $$;
revoke execute on function public.secret_fn() from public, anon, authenticated;

insert into public.projects values
	(1, 'Lớp Zalo', 'Phường 1'), (2, 'Lớp VNeID', 'Phường 2'), (3, 'Trống', null);
insert into public.invoices values
	(1, 1, 100.00, 'a', '{"qty": "2"}'), (2, 1, 50.50, null, '{"qty": "3"}'),
	(3, 2, 200.00, 'c', '{"qty": "1"}'), (4, 2, 20.00, null, null), (5, 2, 5.25, 'e', '{"qty": "4"}');
insert into public.people values (1, 'Nguyễn', 'An', null), (2, 'Trần', 'Bình', 'Bi');
insert into public.events values (1, '2026-01-01 00:00:00+00'), (2, '2026-06-01 12:30:00+00');

-- 50 rows (analyzed) for count=planned / count=estimated past max_rows = 5.
create table public.numbers (n int primary key);
insert into public.numbers select generate_series(1, 50);
analyze public.numbers;
