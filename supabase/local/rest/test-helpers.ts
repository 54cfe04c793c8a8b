// Test setup for the REST unit tests: a booted database (PGlite, or a scratch PostgreSQL 15
// database), a fixture schema, and a tiny client that calls the service's handle() directly.
import { afterAll, beforeAll } from 'vitest';
import { applyPlatform, dropPostgresDatabase, preparePostgresDatabase } from '../boot';
import { DEFAULT_KEYS, defaultConfig } from '../config';
import { createPgliteDb } from '../db/pglite';
import { createPostgresDb } from '../db/postgres';
import { signJwt } from '../jwt';
import { testDatabaseUrl } from '../testing';
import type { Db, LocalResponse } from '../types';
import { createRestService } from './index';

const FIXTURE_SQL = `
create table public.authors (id serial primary key, name text not null, born date);
create table public.books (
  id serial primary key, title text not null, author_id int references public.authors(id),
  tags text[] not null default '{}', data jsonb, price numeric(8,2), pages int,
  created_at timestamptz not null default now(), summary text
);
create table public.reviews (id serial primary key, book_id int not null references public.books(id) on delete cascade, rating int check (rating between 1 and 5), body text);
create table public.categories (id serial primary key, name text unique not null);
create table public.book_categories (
  book_id int references public.books(id) on delete cascade, category_id int references public.categories(id),
  primary key (book_id, category_id)
);
create table public.people (id serial primary key, name text not null);
create table public.messages (
  id serial primary key, body text,
  sender_id int not null constraint messages_sender_fkey references public.people(id),
  receiver_id int not null constraint messages_receiver_fkey references public.people(id)
);
create table public.passports (id serial primary key, person_id int unique references public.people(id), number text);
create table public.notes (
  id serial primary key, owner uuid not null default auth.uid(), body text not null,
  created_at timestamptz default now()
);
alter table public.notes enable row level security;
create policy notes_own on public.notes for all to authenticated using (owner = auth.uid()) with check (owner = auth.uid());
create policy notes_read_anon on public.notes for select to anon using (false);
create table public.secrets (id int primary key, v text);
revoke all on public.secrets from anon, authenticated;
create view public.book_titles as select id, title, author_id from public.books;

insert into public.authors (name, born) values ('Nam Cao', '1915-10-29'), ('Tô Hoài', '1920-09-27'), ('Xuân Diệu', null);
insert into public.books (title, author_id, tags, data, price, pages, summary) values
  ('Chí Phèo', 1, '{classic,short}', '{"lang":"vi","meta":{"year":1941}}', 10.50, 50, 'a story of a village'),
  ('Lão Hạc', 1, '{classic}', '{"lang":"vi","meta":{"year":1943}}', 8.00, 30, 'an old man and his dog'),
  ('Dế Mèn phiêu lưu ký', 2, '{children,classic}', '{"lang":"vi","meta":{"year":1941}}', 12.00, 140, 'a cricket adventure'),
  ('Vợ chồng A Phủ', 2, '{}', null, null, 60, null),
  ('Anonymous', null, '{}', '{"lang":"en"}', 1.00, 10, 'no author');
insert into public.reviews (book_id, rating, body) values (1, 5, 'great'), (1, 4, 'good'), (3, 5, 'lovely');
insert into public.categories (name) values ('novel'), ('kids'), ('poetry');
insert into public.book_categories values (1, 1), (2, 1), (3, 2), (3, 1);
insert into public.people (name) values ('An'), ('Bình');
insert into public.messages (body, sender_id, receiver_id) values ('hi', 1, 2), ('hello', 2, 1);
insert into public.passports (person_id, number) values (1, 'P-1');
insert into public.notes (owner, body) values ('00000000-0000-4000-8000-000000000001', 'alice note'), ('00000000-0000-4000-8000-000000000002', 'bob note');
insert into public.secrets values (1, 'x');

create function public.add(a int, b int) returns int language sql immutable as $$ select a + b $$;
create function public.books_by(author int) returns setof public.books language sql stable as $$ select * from public.books where author_id = author $$;
create function public.book_stats() returns table (author text, n bigint) language sql stable as $$ select a.name, count(b.id) from public.authors a left join public.books b on b.author_id = a.id group by a.name order by a.name $$;
create function public.first_book() returns public.books language sql stable as $$ select * from public.books order by id limit 1 $$;
create function public.numbers(n int) returns setof int language sql immutable as $$ select generate_series(1, n) $$;
create function public.add_person(name text) returns void language sql as $$ insert into public.people (name) values (name) $$;
create function public.new_person(name text) returns int language sql volatile as $$ insert into public.people (name) values (name) returning id $$;
create function public.echo(payload json) returns json language sql immutable as $$ select payload $$;
create function public.echo_raw(json) returns json language sql immutable as $$ select $1 $$;
create function public.join_tags(tags text[]) returns text language sql immutable as $$ select array_to_string(tags, '+') $$;
create function public.fail(msg text) returns void language plpgsql as $$ begin raise exception '%', msg using hint = 'custom hint'; end $$;
create function public.over(a int) returns text language sql immutable as $$ select 'int' $$;
create function public.over(a text) returns text language sql immutable as $$ select 'text' $$;
create function public.teapot() returns void language plpgsql as $$ begin raise sqlstate 'PT418' using message = 'short and stout'; end $$;
create function public.custom_error() returns void language plpgsql as $$ begin
  raise sqlstate 'PGRST' using message = '{"code":"APP01","message":"custom","details":"d","hint":"h"}', detail = '{"status":409,"headers":{"X-App":"yes"}}';
end $$;
create function public.created_elsewhere() returns json language plpgsql as $$ begin
  perform set_config('response.status', '202', true);
  perform set_config('response.headers', '[{"Location": "/elsewhere"}, {"Cache-Control": "no-store"}]', true);
  return '{"ok": true}';
end $$;
create function public.whoami() returns json language sql stable as $$ select json_build_object('role', current_user, 'sub', auth.uid(), 'method', current_setting('request.method', true)) $$;
`;

export interface Harness {
	db: Db;
	rest: ReturnType<typeof createRestService>;
	call(
		method: string,
		path: string,
		opts?: {
			query?: string;
			headers?: Record<string, string>;
			body?: unknown;
			token?: string | null;
		}
	): Promise<LocalResponse & { data: unknown; header(name: string): string | undefined }>;
	token(claims: Record<string, unknown>): string;
	close(): Promise<void>;
}

export type Backend = 'pglite' | 'postgres';

async function createHarness(kind: Backend): Promise<Harness> {
	let db: Db;
	let url: string | null = null;
	if (kind === 'pglite') db = await createPgliteDb();
	else {
		url = testDatabaseUrl();
		await preparePostgresDatabase(url, true);
		db = await createPostgresDb({ url, max: 4 });
	}
	await applyPlatform(db);
	await db.exec(FIXTURE_SQL);
	const config = defaultConfig();
	const rest = createRestService({ db, config, keys: DEFAULT_KEYS, apiUrl: 'http://127.0.0.1:0' });
	const token = (claims: Record<string, unknown>) => signJwt(claims, DEFAULT_KEYS.jwtSecret);
	return {
		db,
		rest,
		token,
		async call(method, path, opts = {}) {
			const headers: Record<string, string> = { ...(opts.headers ?? {}) };
			const tok = opts.token === undefined ? DEFAULT_KEYS.anonKey : opts.token;
			if (tok !== null) {
				headers['apikey'] = DEFAULT_KEYS.anonKey;
				headers['authorization'] = `Bearer ${tok}`;
			}
			let body = Buffer.alloc(0);
			if (opts.body !== undefined) {
				body = Buffer.from(typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body));
				headers['content-type'] ??= 'application/json';
			}
			const res = await rest.handle({
				method,
				path,
				query: new URLSearchParams(opts.query ?? ''),
				headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
				body,
				ip: '127.0.0.1'
			});
			const text = typeof res.body === 'string' ? res.body : res.body ? res.body.toString() : '';
			let data: unknown = res.json ?? null;
			if (text) {
				try {
					data = JSON.parse(text);
				} catch {
					data = text;
				}
			}
			const lower = Object.fromEntries(
				Object.entries(res.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])
			);
			return { ...res, data, header: (name: string) => lower[name.toLowerCase()] };
		},
		async close() {
			await db.close();
			if (url) await dropPostgresDatabase(url);
		}
	};
}

export const ALICE = '00000000-0000-4000-8000-000000000001';
export const BOB = '00000000-0000-4000-8000-000000000002';

export const BACKENDS: Backend[] =
	process.env.REST_BACKENDS === 'pglite' ? ['pglite'] : ['pglite', 'postgres'];

/**
 * A harness booted before the enclosing `describe`'s tests and closed after them. The object
 * is returned at once, so tests keep writing `h.call(…)`; it forwards to the booted harness.
 */
export function useHarness(kind: Backend): Omit<Harness, 'close'> {
	let booted: Harness | undefined;
	beforeAll(async () => {
		booted = await createHarness(kind);
	}, 120_000);
	afterAll(async () => {
		await booted?.close();
	});
	const current = (): Harness => {
		if (!booted) throw new Error('the harness is not booted yet (use it inside a test)');
		return booted;
	};
	return {
		get db() {
			return current().db;
		},
		get rest() {
			return current().rest;
		},
		call: (method, path, opts) => current().call(method, path, opts),
		token: (claims) => current().token(claims)
	};
}
