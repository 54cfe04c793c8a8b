import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTypes, writeOrCheck } from './gen-types';
import { makeFixture } from './core-fixture';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../..', import.meta.url));
let workdir: string;
let text: string;

const EXTRA = `
create type public.mood as enum ('vui', 'buồn');
create type public.pair as (a int, b text);
create table public.authors (id uuid primary key default gen_random_uuid(), name text not null);
create table public.loans (
  id bigint generated always as identity primary key,
  book_id bigint not null references public.books (id),
  author_id uuid unique references public.authors (id),
  mood public.mood not null default 'vui',
  tags text[] not null default '{}',
  data jsonb,
  total numeric generated always as (book_id * 2) stored
);
create view public.loan_titles as select l.id, b.title from public.loans l join public.books b on b.id = l.book_id;
create function public.books_by_mood(m public.mood, lim int default 10) returns setof public.books
  language sql stable as $$ select * from public.books limit lim $$;
create function public.pairs() returns table (x int, y text) language sql as $$ select 1, 'a' $$;
create function public.noop() returns void language sql as $$ select $$;
`;

beforeAll(async () => {
	({ workdir } = await makeFixture({ seed: false }));
	await writeFile(join(workdir, 'supabase', 'migrations', '20240105000000_extra.sql'), EXTRA);
	text = await generateTypes(workdir);
}, 180_000);

afterAll(async () => {
	await rm(workdir, { recursive: true, force: true });
});

describe('gen:types', () => {
	it('emits the supabase gen types shape', () => {
		expect(text).toContain('__InternalSupabase: {\n    PostgrestVersion: "12"\n  }');
		expect(text).toMatch(/books: \{\n {8}Row: \{\n {10}id: number\n {10}lat: number \| null\n/);
		expect(text).toContain('          title: string\n');
		expect(text).toMatch(/Insert: \{\n {10}id\?: number\n {10}lat\?: number \| null/);
		expect(text).toContain('referencedRelation: "books"');
		expect(text).toContain('foreignKeyName: "loans_author_id_fkey"');
		expect(text).toMatch(/columns: \["author_id"\]\n\s+isOneToOne: true/);
		expect(text).toMatch(/columns: \["book_id"\]\n\s+isOneToOne: false/);
		expect(text).toMatch(
			/loans: \{[\s\S]*?Insert: \{\n\s+author_id\?: string \| null\n\s+book_id: number/
		);
		expect(text).toMatch(/id\?: never\n\s+mood\?: Database\["public"\]\["Enums"\]\["mood"\]/);
		expect(text).toContain('tags?: string[]');
		expect(text).toContain('total?: never');
		expect(text).toContain('data?: Json | null');
		expect(text).toMatch(
			/loan_titles: \{\n\s+Row: \{\n\s+id: number \| null\n\s+title: string \| null/
		);
		expect(text).toMatch(/add: \{\n\s+Args: \{ a: number; b: number \}\n\s+Returns: number/);
		expect(text).toMatch(/book_count: \{\n\s+Args: Record<PropertyKey, never>\n\s+Returns: number/);
		expect(text).toMatch(
			/books_by_mood: \{\n\s+Args: \{ m: Database\["public"\]\["Enums"\]\["mood"\]; lim\?: number \}/
		);
		expect(text).toMatch(/pairs: \{[\s\S]*?Returns: \{\n\s+x: number\n\s+y: string\n\s+\}\[\]/);
		expect(text).toMatch(/noop: \{\n\s+Args: Record<PropertyKey, never>\n\s+Returns: undefined/);
		expect(text).toContain('mood: "vui" | "buồn"');
		expect(text).toMatch(/pair: \{\n\s+a: number \| null\n\s+b: string \| null/);
		expect(text).toMatch(
			/export const Constants = \{\n\s+public: \{\n\s+Enums: \{\n\s+mood: \["vui", "buồn"\],/
		);
		for (const helper of ['Tables', 'TablesInsert', 'TablesUpdate', 'Enums', 'CompositeTypes']) {
			expect(text).toContain(`export type ${helper}<`);
		}
	});

	it('type-checks with supabase-js', async () => {
		const dir = join(repo, 'supabase', '.local-data', `core-typecheck-${process.pid}`);
		await mkdir(dir, { recursive: true });
		try {
			await writeFile(join(dir, 'database.types.ts'), text);
			await writeFile(
				join(dir, 'use.ts'),
				`import { createClient } from '@supabase/supabase-js';
import { Constants, type Database, type Enums, type Tables, type TablesInsert } from './database.types';
const db = createClient<Database>('http://x', 'k');
export async function use() {
	const { data } = await db.from('books').select('id, title').eq('id', 1);
	const titles: string[] = (data ?? []).map((b) => b.title);
	await db.from('books').insert({ title: 'x' });
	const n = await db.rpc('book_count');
	const sum = await db.rpc('add', { a: 1, b: 2 });
	const loan: TablesInsert<'loans'> = { book_id: 1 };
	const row: Tables<'loan_titles'> = { id: null, title: null };
	const mood: Enums<'mood'> = Constants.public.Enums.mood[0];
	return [titles, n.data, sum.data, loan, row, mood];
}
`
			);
			const tsc = join(repo, 'node_modules', '.bin', 'tsc');
			const args = ['--noEmit', '--strict', '--skipLibCheck', '--module', 'esnext'];
			await run(
				tsc,
				[...args, '--moduleResolution', 'bundler', '--target', 'es2022', join(dir, 'use.ts')],
				{
					cwd: repo
				}
			).catch((err: { stdout: string }) => {
				throw new Error(`tsc failed:\n${err.stdout}`);
			});
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	}, 120_000);

	it('--check fails on drift with a clear message and passes when current', async () => {
		const out = join(workdir, 'types.ts');
		expect(await writeOrCheck(text, out, true)).toMatchObject({
			code: 1,
			message: expect.stringMatching(/does not exist: run `npm run gen:types`/)
		});
		expect(await writeOrCheck(text, out, false)).toMatchObject({ code: 0 });
		expect(await readFile(out, 'utf8')).toBe(text);
		expect(await writeOrCheck(text, out, true)).toMatchObject({
			code: 0,
			message: expect.stringMatching(/is up to date/)
		});
		await writeFile(out, text.replace('title: string', 'title: number'));
		// End to end once: the script's exit code and message.
		const cli = [
			'tsx',
			'supabase/local/gen-types.ts',
			'--workdir',
			workdir,
			'--out',
			out,
			'--check'
		];
		const drift = await run('npx', cli, { cwd: repo }).catch((e) => e);
		expect(drift.code).toBe(1);
		expect(drift.stderr).toMatch(/out of date with supabase\/migrations: run `npm run gen:types`/);
	}, 180_000);
});
