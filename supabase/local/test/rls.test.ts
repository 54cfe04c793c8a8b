// Row-level security as PostgREST enforces it: anon, Alice, Bob and service_role against owned
// rows (notes), a public-read table (public_posts) and a table without grants (secrets).
import { createServerClient } from '@supabase/ssr';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { signJwt } from '../jwt';
import {
	ALICE,
	BOB,
	client,
	rest,
	serviceClient,
	useFixtureServer,
	userToken,
	type TestClient,
	type TestServer
} from './harness';

let server: TestServer;
let anon: TestClient;
let alice: TestClient;
let bob: TestClient;
let service: TestClient;

useFixtureServer((started) => {
	server = started;
	anon = client(server);
	alice = client(server, userToken(server, ALICE));
	bob = client(server, userToken(server, BOB));
	service = serviceClient(server);
});

const rlsError = (table: string) => ({
	code: '42501',
	message: `new row violates row-level security policy for table "${table}"`,
	details: null,
	hint: null
});

const permissionDenied = (table: string) => ({
	code: '42501',
	message: `permission denied for table ${table}`,
	details: null,
	hint: null
});

async function noteIdsOf(owner: string): Promise<number[]> {
	const res = await service.db.from('notes').select('id').eq('owner_id', owner).order('id');
	expect(res.error).toBeNull();
	return (res.data as { id: number }[]).map((r) => r.id);
}

async function noteTitle(id: number): Promise<string | undefined> {
	const res = await service.db.from('notes').select('title').eq('id', id);
	return (res.data as { title: string }[])[0]?.title;
}

describe('notes: owned rows', () => {
	it('select: each role sees its rows, silently filtered', async () => {
		const a = await alice.db.from('notes').select('title').order('id');
		expect(a.status).toBe(200);
		expect(a.data).toEqual([{ title: 'Alice note 1' }, { title: 'Alice note 2' }]);
		const b = await bob.db.from('notes').select('title').order('id');
		expect(b.data).toEqual([
			{ title: 'Bob note 1' },
			{ title: 'Bob note 2' },
			{ title: 'Bob note 3' }
		]);
		const none = await anon.db.from('notes').select('title');
		expect(none).toMatchObject({ status: 200, data: [], error: null });
		const all = await service.db.from('notes').select('id', { count: 'exact', head: true });
		expect(all.count).toBe(65);
	});

	it("select: filtering on another user's id still returns nothing", async () => {
		const res = await alice.db.from('notes').select('title').eq('owner_id', BOB);
		expect(res).toMatchObject({ status: 200, data: [], error: null });
		const counted = await alice.db
			.from('notes')
			.select('*', { count: 'exact', head: true })
			.eq('owner_id', BOB);
		expect(counted.count).toBe(0);
	});

	it('single() on an invisible row is 406, not the row', async () => {
		const [bobNote] = await noteIdsOf(BOB);
		const res = await alice.db.from('notes').select('*').eq('id', bobNote!).single();
		expect(res.status).toBe(406);
		expect((res.error as { code: string }).code).toBe('PGRST116');
	});

	it('insert own row: 201', async () => {
		const res = await alice.db
			.from('notes')
			.insert({ owner_id: ALICE, title: 'Alice new' })
			.select('owner_id, title')
			.single();
		expect(res.error).toBeNull();
		expect(res.status).toBe(201);
		expect(res.data).toEqual({ owner_id: ALICE, title: 'Alice new' });
	});

	it('insert for someone else: 403 42501 for a user', async () => {
		const res = await alice.db.from('notes').insert({ owner_id: BOB, title: 'forged' });
		expect(res.status).toBe(403);
		expect(res.error).toEqual(rlsError('notes'));
	});

	it('insert as anon: 401 42501 with WWW-Authenticate', async () => {
		const res = await anon.db.from('notes').insert({ owner_id: ALICE, title: 'anon forged' });
		expect(res.status).toBe(401);
		expect(res.error).toEqual(rlsError('notes'));
		expect(anon.last().headers.get('www-authenticate')).toBe('Bearer');
		const forged = await service.db.from('notes').select('id').like('title', '%forged%');
		expect(forged.data).toEqual([]);
	});

	it('insert by service_role bypasses RLS', async () => {
		const res = await service.db
			.from('notes')
			.insert({ owner_id: BOB, title: 'Bob by service' })
			.select('title');
		expect(res.status).toBe(201);
		expect(res.data).toEqual([{ title: 'Bob by service' }]);
	});

	it("update of another user's row: zero rows, no error, row unchanged", async () => {
		const [bobNote] = await noteIdsOf(BOB);
		const before = await noteTitle(bobNote!);
		const bare = await alice.db.from('notes').update({ title: 'hacked' }).eq('id', bobNote!);
		expect(bare).toMatchObject({ status: 204, error: null });
		const selected = await alice.db
			.from('notes')
			.update({ title: 'hacked' })
			.eq('id', bobNote!)
			.select();
		expect(selected).toMatchObject({ status: 200, data: [], error: null });
		const counted = await alice.db
			.from('notes')
			.update({ title: 'hacked' }, { count: 'exact' })
			.eq('owner_id', BOB);
		expect(counted.count).toBe(0);
		const asAnon = await anon.db.from('notes').update({ title: 'hacked' }).eq('id', bobNote!);
		expect(asAnon).toMatchObject({ status: 204, error: null });
		expect(await noteTitle(bobNote!)).toBe(before);
	});

	it('update own row: the row comes back changed', async () => {
		const [aliceNote] = await noteIdsOf(ALICE);
		const res = await alice.db
			.from('notes')
			.update({ body: 'edited' })
			.eq('id', aliceNote!)
			.select('id, body');
		expect(res.data).toEqual([{ id: aliceNote, body: 'edited' }]);
	});

	it('update that moves a row to another owner fails the WITH CHECK: 403', async () => {
		const [aliceNote] = await noteIdsOf(ALICE);
		const res = await alice.db.from('notes').update({ owner_id: BOB }).eq('id', aliceNote!);
		expect(res.status).toBe(403);
		expect(res.error).toEqual(rlsError('notes'));
		expect(await noteIdsOf(ALICE)).toContain(aliceNote);
	});

	it("upsert cannot take over another user's row", async () => {
		const [bobNote] = await noteIdsOf(BOB);
		const before = await noteTitle(bobNote!);
		const merge = await alice.db
			.from('notes')
			.upsert({ id: bobNote, owner_id: ALICE, title: 'hijack' })
			.select('id');
		expect(merge.status).toBe(403);
		expect(merge.error).toEqual({
			code: '42501',
			message: 'new row violates row-level security policy (USING expression) for table "notes"',
			details: null,
			hint: null
		});
		const ignore = await alice.db
			.from('notes')
			.upsert({ id: bobNote, owner_id: ALICE, title: 'hijack' }, { ignoreDuplicates: true })
			.select('id');
		expect(ignore).toMatchObject({ status: 201, data: [], error: null });
		expect(await noteTitle(bobNote!)).toBe(before);
		expect(await noteIdsOf(BOB)).toContain(bobNote);
	});

	it("delete of another user's row: zero rows, no error, row kept", async () => {
		const bobNotes = await noteIdsOf(BOB);
		const res = await alice.db.from('notes').delete({ count: 'exact' }).eq('owner_id', BOB);
		expect(res).toMatchObject({ status: 204, error: null, count: 0 });
		const asAnon = await anon.db.from('notes').delete({ count: 'exact' }).eq('owner_id', BOB);
		expect(asAnon).toMatchObject({ status: 204, error: null, count: 0 });
		expect(await noteIdsOf(BOB)).toEqual(bobNotes);
	});

	it('delete own row, and service_role deletes anyone', async () => {
		const created = await alice.db
			.from('notes')
			.insert({ owner_id: ALICE, title: 'to delete' })
			.select('id')
			.single();
		const id = (created.data as { id: number }).id;
		const res = await alice.db.from('notes').delete({ count: 'exact' }).eq('id', id);
		expect(res).toMatchObject({ status: 204, count: 1 });
		const byService = await service.db
			.from('notes')
			.delete()
			.eq('title', 'Bob by service')
			.select('title');
		expect(byService.data).toEqual([{ title: 'Bob by service' }]);
	});

	it('auth.uid() inside rpc sees the JWT subject', async () => {
		const res = await alice.db.rpc('whoami');
		expect(res.data).toEqual({ role: 'authenticated', sub: ALICE, uid: ALICE });
		const asAnon = await anon.db.rpc('whoami');
		expect(asAnon.data).toEqual({ role: 'anon', sub: null, uid: null });
		const asService = await service.db.rpc('whoami');
		expect(asService.data).toEqual({ role: 'service_role', sub: null, uid: null });
	});
});

describe('public_posts: read-only for everyone', () => {
	it('anon and users read published rows; service reads all', async () => {
		for (const who of [anon, alice]) {
			const res = await who.db.from('public_posts').select('id').order('id');
			expect(res.data).toEqual([{ id: 1 }, { id: 3 }]);
		}
		const all = await service.db.from('public_posts').select('id').order('id');
		expect(all.data).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
	});

	it('insert without a policy: 401 for anon, 403 for a user', async () => {
		const asAnon = await anon.db
			.from('public_posts')
			.insert({ id: 10, title: 'x', published: true });
		expect(asAnon.status).toBe(401);
		expect(asAnon.error).toEqual(rlsError('public_posts'));
		const asAlice = await alice.db
			.from('public_posts')
			.insert({ id: 11, title: 'x', published: true });
		expect(asAlice.status).toBe(403);
		expect(asAlice.error).toEqual(rlsError('public_posts'));
	});

	it('update and delete without a policy touch nothing', async () => {
		const upd = await alice.db
			.from('public_posts')
			.update({ title: 'defaced' }, { count: 'exact' })
			.eq('id', 1);
		expect(upd).toMatchObject({ status: 204, error: null, count: 0 });
		const del = await anon.db.from('public_posts').delete({ count: 'exact' }).eq('id', 1);
		expect(del).toMatchObject({ status: 204, error: null, count: 0 });
		const row = await service.db.from('public_posts').select('title').eq('id', 1);
		expect(row.data).toEqual([{ title: 'Hello' }]);
	});
});

describe('secrets and app_users: no grants', () => {
	it('select without a grant: 401 for anon, 403 for a user', async () => {
		const asAnon = await anon.db.from('secrets').select('*');
		expect(asAnon.status).toBe(401);
		expect(asAnon.error).toEqual(permissionDenied('secrets'));
		const asAlice = await alice.db.from('secrets').select('*');
		expect(asAlice.status).toBe(403);
		expect(asAlice.error).toEqual(permissionDenied('secrets'));
		const asService = await service.db.from('secrets').select('id').order('id');
		expect(asService.data).toEqual([{ id: 1 }, { id: 2 }]);
	});

	it('writes without a grant are refused the same way', async () => {
		const ins = await alice.db.from('secrets').insert({ id: 3, value: 'x' });
		expect(ins.status).toBe(403);
		expect(ins.error).toEqual(permissionDenied('secrets'));
		const del = await anon.db.from('secrets').delete().eq('id', 1);
		expect(del.status).toBe(401);
		expect(del.error).toEqual(permissionDenied('secrets'));
	});

	it('a select-only table refuses writes: 401 for anon, 403 for a user', async () => {
		const asAnon = await anon.db.from('books').update({ title: 'defaced' }).eq('id', 1);
		expect(asAnon.status).toBe(401);
		expect(asAnon.error).toEqual(permissionDenied('books'));
		const asAlice = await alice.db.from('books').delete().eq('id', 1);
		expect(asAlice.status).toBe(403);
		expect(asAlice.error).toEqual(permissionDenied('books'));
		const title = await service.db.from('books').select('title').eq('id', 1);
		expect(title.data).toEqual([{ title: 'Truyện Kiều' }]);
	});

	it('embedding a table without a grant is refused, not silently empty', async () => {
		const res = await anon.db.from('notes').select('id, app_users(name)');
		expect(res.status).toBe(401);
		expect(res.error).toEqual(permissionDenied('app_users'));
		const ok = await alice.db.from('notes').select('title, app_users(name)').order('id').limit(1);
		expect(ok.data).toEqual([{ title: 'Alice note 1', app_users: { name: 'Alice' } }]);
	});
});

describe('the role comes only from a verified JWT', () => {
	it('a service_role token signed with another secret is 401 and reads nothing', async () => {
		const forged = signJwt({ role: 'service_role', exp: 9999999999 }, 'x'.repeat(40));
		const res = await rest(server, '/secrets?select=*', { token: forged });
		expect(res.status).toBe(401);
		expect(res.text).not.toContain('SECRET-VALUE');
	});

	it('an unsigned (alg none) token is 401', async () => {
		const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
		const none = `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ role: 'service_role' })}.`;
		const res = await rest(server, '/secrets?select=*', { token: none });
		expect(res.status).toBe(401);
		expect(res.text).not.toContain('SECRET-VALUE');
	});

	it('an expired token is 401 "JWT expired"', async () => {
		const expired = userToken(server, ALICE, { exp: Math.floor(Date.now() / 1000) - 60 });
		const res = await rest(server, '/notes?select=*', { token: expired });
		expect(res.status).toBe(401);
		const body = res.json as { code: string; message: string };
		expect(body.message).toBe('JWT expired');
		expect(['PGRST301', 'PGRST303']).toContain(body.code);
		expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
	});

	it('a signed token naming a role that does not exist is 401', async () => {
		const token = signJwt({ role: 'no_such_role', exp: 9999999999 }, server.jwtSecret);
		const res = await rest(server, '/books?select=id', { token });
		expect(res.status).toBe(401);
		expect(res.json).toMatchObject({
			code: '22023',
			message: 'role "no_such_role" does not exist'
		});
	});

	it('Authorization decides the role when apikey names another', async () => {
		const whoami = async (headers: Record<string, string>) => {
			const res = await fetch(`${server.url}/rest/v1/rpc/whoami`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', ...headers },
				body: '{}'
			});
			return { status: res.status, body: (await res.json()) as unknown };
		};
		// (apikey alone: Supabase's gateway lets it stand in for a missing Authorization header.)
		expect(
			await whoami({
				apikey: server.serviceRoleKey,
				Authorization: `Bearer ${userToken(server, ALICE)}`
			})
		).toEqual({ status: 200, body: { role: 'authenticated', sub: ALICE, uid: ALICE } });
		expect(
			await whoami({ apikey: server.anonKey, Authorization: `bearer ${userToken(server, BOB)}` })
		).toEqual({ status: 200, body: { role: 'authenticated', sub: BOB, uid: BOB } });
	});

	it('a token without a role claim is anon', async () => {
		const token = signJwt({ sub: ALICE, exp: 9999999999 }, server.jwtSecret);
		const res = await rest(server, '/rpc/whoami', { method: 'POST', body: '{}', token });
		expect(res.status).toBe(200);
		expect(res.json).toEqual({ role: 'anon', sub: ALICE, uid: ALICE });
	});
});

describe('@supabase/ssr createServerClient', () => {
	function sessionCookie(accessToken: string, userId: string) {
		const now = Math.floor(Date.now() / 1000);
		const session = {
			access_token: accessToken,
			token_type: 'bearer',
			expires_in: 3600,
			expires_at: now + 3600,
			refresh_token: 'unused-refresh-token',
			user: {
				id: userId,
				aud: 'authenticated',
				role: 'authenticated',
				email: `${userId}@example.test`,
				app_metadata: { provider: 'email', providers: ['email'] },
				user_metadata: {},
				created_at: new Date().toISOString()
			}
		};
		return `base64-${Buffer.from(JSON.stringify(session)).toString('base64url')}`;
	}

	function ssrClient(jar: Map<string, string>) {
		return createServerClient(server.url, server.anonKey, {
			cookies: {
				getAll: () => [...jar].map(([name, value]) => ({ name, value })),
				setAll: (cookies) => {
					for (const { name, value } of cookies) {
						if (value) jar.set(name, value);
						else jar.delete(name);
					}
				}
			},
			realtime: { transport: WebSocket as never }
		});
	}

	it('the session cookie makes REST requests as that user', async () => {
		const host = new URL(server.url).hostname.split('.')[0];
		const jar = new Map([[`sb-${host}-auth-token`, sessionCookie(userToken(server, BOB), BOB)]]);
		const supabase = ssrClient(jar);
		const res = await supabase.from('notes').select('title').order('id');
		expect(res.error).toBeNull();
		expect(res.data).toEqual([
			{ title: 'Bob note 1' },
			{ title: 'Bob note 2' },
			{ title: 'Bob note 3' }
		]);
		const who = await supabase.rpc('whoami');
		expect(who.data).toEqual({ role: 'authenticated', sub: BOB, uid: BOB });
	});

	it('a session too big for one cookie is read back from its chunks', async () => {
		const host = new URL(server.url).hostname.split('.')[0];
		const token = userToken(server, ALICE, { user_metadata: { bio: 'x'.repeat(4000) } });
		const value = sessionCookie(token, ALICE);
		expect(value.length).toBeGreaterThan(3180 * 2);
		const jar = new Map<string, string>();
		for (let i = 0; i * 3180 < value.length; i++) {
			jar.set(`sb-${host}-auth-token.${i}`, value.slice(i * 3180, (i + 1) * 3180));
		}
		const res = await ssrClient(jar).from('notes').select('owner_id');
		expect(res.error).toBeNull();
		const direct = await alice.db.from('notes').select('owner_id');
		expect(res.data).toEqual(direct.data);
		expect((res.data as { owner_id: string }[]).every((r) => r.owner_id === ALICE)).toBe(true);
	});

	it('without cookies the server client is anon', async () => {
		const supabase = ssrClient(new Map());
		const res = await supabase.from('notes').select('title');
		expect(res).toMatchObject({ status: 200, data: [], error: null });
		const posts = await supabase.from('public_posts').select('id').order('id');
		expect(posts.data).toEqual([{ id: 1 }, { id: 3 }]);
	});
});
