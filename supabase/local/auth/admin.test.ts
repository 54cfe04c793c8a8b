import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient } from './clients';
import { startAuthTestServer, type AuthTestServer } from './harness';

let server: AuthTestServer;

beforeAll(async () => {
	server = await startAuthTestServer();
});
afterAll(async () => server?.stop());

const admin = () => anonClient(server.url, server.serviceRoleKey).auth.admin;

describe('admin users API', () => {
	it('creates, reads, lists, updates and deletes users with the service key', async () => {
		const created = await admin().createUser({
			email: 'tinh.nguyen@example.com',
			password: 'mat-khau-dai',
			email_confirm: true,
			user_metadata: { full_name: 'Tình' },
			app_metadata: { roles: ['volunteer'] }
		});
		expect(created.error).toBeNull();
		const user = created.data.user;
		expect(user?.email_confirmed_at).toBeTruthy();
		expect(user?.app_metadata).toEqual({
			provider: 'email',
			providers: ['email'],
			roles: ['volunteer']
		});
		const login = await anonClient(server.url, server.anonKey).auth.signInWithPassword({
			email: 'tinh.nguyen@example.com',
			password: 'mat-khau-dai'
		});
		expect(login.error).toBeNull();
		expect(login.data.session?.user.app_metadata.roles).toEqual(['volunteer']);

		const phoneUser = await admin().createUser({ phone: '+84933444555', phone_confirm: true });
		expect(phoneUser.error).toBeNull();
		expect(phoneUser.data.user?.phone).toBe('84933444555');

		const dup = await admin().createUser({
			email: 'tinh.nguyen@example.com',
			password: 'mat-khau-dai'
		});
		expect(dup.error?.status).toBe(422);
		expect(dup.error?.code).toBe('email_exists');

		const got = await admin().getUserById(user?.id as string);
		expect(got.data.user?.email).toBe('tinh.nguyen@example.com');

		for (let i = 0; i < 3; i++) {
			await admin().createUser({ email: `hv${i}@example.com`, email_confirm: true });
		}
		const page1 = await admin().listUsers({ page: 1, perPage: 2 });
		expect(page1.error).toBeNull();
		expect(page1.data.users).toHaveLength(2);
		expect((page1.data as { total?: number }).total).toBe(5);
		expect((page1.data as { nextPage?: number | null }).nextPage).toBe(2);
		const page3 = await admin().listUsers({ page: 3, perPage: 2 });
		expect(page3.data.users).toHaveLength(1);

		const upd = await admin().updateUserById(user?.id as string, {
			user_metadata: { city: 'Đà Nẵng' },
			app_metadata: { roles: ['volunteer', 'coordinator'] },
			ban_duration: '24h'
		});
		expect(upd.error).toBeNull();
		expect(upd.data.user?.user_metadata).toEqual({ full_name: 'Tình', city: 'Đà Nẵng' });
		expect(upd.data.user?.app_metadata.roles).toEqual(['volunteer', 'coordinator']);
		expect(new Date(upd.data.user?.banned_until as string).getTime()).toBeGreaterThan(Date.now());
		const banned = await anonClient(server.url, server.anonKey).auth.signInWithPassword({
			email: 'tinh.nguyen@example.com',
			password: 'mat-khau-dai'
		});
		expect(banned.error?.code).toBe('user_banned');
		const refreshed = await anonClient(server.url, server.anonKey).auth.refreshSession({
			refresh_token: login.data.session?.refresh_token as string
		});
		expect(refreshed.error).not.toBeNull();
		await admin().updateUserById(user?.id as string, { ban_duration: 'none' });

		const del = await admin().deleteUser(user?.id as string);
		expect(del.error).toBeNull();
		const gone = await admin().getUserById(user?.id as string);
		expect(gone.error?.status).toBe(404);
		expect(gone.error?.code).toBe('user_not_found');
	});

	it('refuses the anon key and a user token with not_admin', async () => {
		const anonAdmin = anonClient(server.url, server.anonKey).auth.admin;
		const res = await anonAdmin.listUsers();
		expect(res.error?.status).toBe(403);
		expect(res.error?.code).toBe('not_admin');
		const created = await anonAdmin.createUser({ email: 'hacker@example.com' });
		expect(created.error?.code).toBe('not_admin');

		await admin().createUser({
			email: 'plain@example.com',
			password: 'mat-khau-dai',
			email_confirm: true
		});
		const { data } = await anonClient(server.url, server.anonKey).auth.signInWithPassword({
			email: 'plain@example.com',
			password: 'mat-khau-dai'
		});
		const asUser = await fetch(`${server.url}/auth/v1/admin/users`, {
			headers: { apikey: server.anonKey, Authorization: `Bearer ${data.session?.access_token}` }
		});
		expect(asUser.status).toBe(403);
	});

	it('generates a magic link without sending anything', async () => {
		await admin().createUser({ email: 'link@example.com', email_confirm: true });
		const res = await admin().generateLink({ type: 'magiclink', email: 'link@example.com' });
		expect(res.error).toBeNull();
		expect(res.data.properties?.email_otp).toMatch(/^\d{6}$/);
		expect(res.data.properties?.action_link).toContain('/auth/v1/verify?token=');
		expect(await server.outbox('link@example.com')).toHaveLength(0);
		const v = await anonClient(server.url, server.anonKey).auth.verifyOtp({
			token_hash: res.data.properties?.hashed_token as string,
			type: 'magiclink'
		});
		expect(v.error).toBeNull();
		expect(v.data.user?.email).toBe('link@example.com');
	});

	it('lets a trigger on auth.users see ordinary INSERTs', async () => {
		await server.ctx.db.exec(`
			create table if not exists public.profiles_probe (id uuid primary key, name text);
			create or replace function public.probe_new_user() returns trigger language plpgsql
			security definer set search_path = '' as $$
			begin
				insert into public.profiles_probe (id, name) values (new.id, new.raw_user_meta_data ->> 'full_name');
				return new;
			end $$;
			drop trigger if exists on_auth_user_created on auth.users;
			create trigger on_auth_user_created after insert on auth.users
				for each row execute function public.probe_new_user();`);
		const { data, error } = await anonClient(server.url, server.anonKey).auth.signUp({
			email: 'trigger@example.com',
			password: 'mat-khau-dai',
			options: { data: { full_name: 'Hồ Thị Hạnh' } }
		});
		expect(error).toBeNull();
		const { rows } = await server.ctx.db.query<{ name: string }>(
			'select name from public.profiles_probe where id = $1',
			[data.user?.id]
		);
		expect(rows[0]?.name).toBe('Hồ Thị Hạnh');
	});
});
