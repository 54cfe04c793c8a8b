// The whole local server in its child process (core + REST + Auth): a phone sign-in read from the
// outbox, then row-level security on auth.uid() through REST, with a profile made by a trigger.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestSupabase, type TestSupabase } from '../testing';
import { anonClient, statefulClient } from './clients';

let workdir: string;
let server: TestSupabase;

const MIGRATION = `
create table public.profiles (
	id uuid primary key references auth.users (id) on delete cascade,
	phone text,
	display_name text
);
alter table public.profiles enable row level security;
create policy "own profile" on public.profiles for select to authenticated using (id = auth.uid());
create function public.handle_new_user() returns trigger language plpgsql security definer
set search_path = '' as $$
begin
	insert into public.profiles (id, phone, display_name)
	values (new.id, new.phone, new.raw_user_meta_data ->> 'display_name');
	return new;
end $$;
create trigger on_auth_user_created after insert on auth.users
	for each row execute function public.handle_new_user();
`;

beforeAll(async () => {
	workdir = await mkdtemp(join(tmpdir(), 'auth-full-'));
	await mkdir(join(workdir, 'supabase', 'migrations'), { recursive: true });
	await writeFile(
		join(workdir, 'supabase', 'config.toml'),
		'[auth]\nenable_signup = true\n[auth.sms]\nenable_signup = true\nmax_frequency = "1s"\n'
	);
	await writeFile(
		join(workdir, 'supabase', 'migrations', '20260101000000_profiles.sql'),
		MIGRATION
	);
	server = await startTestSupabase({ workdir });
}, 180_000);

afterAll(async () => {
	await server?.stop();
	await rm(workdir, { recursive: true, force: true });
});

it('signs in by phone through the outbox and reads only its own profile', async () => {
	const other = anonClient(server.url, server.anonKey);
	await other.auth.signInWithOtp({ phone: '+84955000999' });

	const { client } = statefulClient(server.url, server.anonKey);
	const sent = await client.auth.signInWithOtp({
		phone: '+84955000111',
		options: { data: { display_name: 'Bà Tư' } }
	});
	expect(sent.error).toBeNull();
	const res = await fetch(`${server.outboxUrl}/messages?to=%2B84955000111`);
	const [sms] = (await res.json()) as { code: string; body: string }[];
	expect(sms?.body).toContain(sms?.code);
	const verified = await client.auth.verifyOtp({
		phone: '+84955000111',
		token: sms?.code as string,
		type: 'sms'
	});
	expect(verified.error).toBeNull();

	const { data, error } = await client.from('profiles').select('id, phone, display_name');
	expect(error).toBeNull();
	expect(data).toEqual([
		{ id: verified.data.user?.id, phone: '84955000111', display_name: 'Bà Tư' }
	]);
	const anon = await anonClient(server.url, server.anonKey).from('profiles').select('id');
	expect(anon.data ?? []).toEqual([]);
	const page = await fetch(server.outboxUrl);
	expect(await page.text()).toContain('+84955000111');
});
