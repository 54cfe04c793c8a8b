import { describe, expect, it } from 'vitest';
import { DEFAULT_KEYS } from '../config';
import { signJwt } from '../jwt';
import { ALICE, BACKENDS, BOB, useHarness } from './test-helpers';

describe.each(BACKENDS)('roles and RLS on %s', (kind) => {
	const now = () => Math.floor(Date.now() / 1000);
	const h = useHarness(kind);

	it('treats no token as anon and the apikey as the token', async () => {
		const none = await h.call('GET', '/rpc/whoami', { token: null });
		expect(none.data).toMatchObject({ role: 'anon' });
		const apikeyOnly = await h.call('GET', '/rpc/whoami', {
			token: null,
			headers: { apikey: DEFAULT_KEYS.serviceRoleKey }
		});
		expect(apikeyOnly.data).toMatchObject({ role: 'service_role' });
	});

	it('rejects bad signatures (PGRST301) and expired tokens (PGRST303)', async () => {
		const bad = await h.call('GET', '/authors', {
			token: signJwt({ role: 'service_role' }, 'another-secret-of-at-least-32-characters')
		});
		expect(bad.status).toBe(401);
		expect(bad.data).toMatchObject({ code: 'PGRST301' });
		const garbage = await h.call('GET', '/authors', { token: 'abc' });
		expect(garbage.status).toBe(401);
		const expired = await h.call('GET', '/authors', {
			token: h.token({ role: 'authenticated', exp: now() - 10 })
		});
		expect(expired.status).toBe(401);
		expect(expired.data).toMatchObject({ code: 'PGRST303', message: 'JWT expired' });
	});

	it('refuses roles the authenticator cannot become', async () => {
		const su = await h.call('GET', '/authors', { token: h.token({ role: 'postgres' }) });
		expect(su.status).toBe(403);
		const ghost = await h.call('GET', '/authors', { token: h.token({ role: 'nobody_here' }) });
		expect(ghost.status).toBe(401);
	});

	it('applies RLS for each user and maps 42501 to 401/403', async () => {
		const alice = h.token({ role: 'authenticated', sub: ALICE });
		const bob = h.token({ role: 'authenticated', sub: BOB });
		const a = await h.call('GET', '/notes', { token: alice, query: 'select=body' });
		expect(a.data).toEqual([{ body: 'alice note' }]);
		const anon = await h.call('GET', '/notes');
		expect(anon.data).toEqual([]);
		const service = await h.call('GET', '/notes', { token: DEFAULT_KEYS.serviceRoleKey });
		expect((service.data as unknown[]).length).toBe(2);
		const mine = await h.call('POST', '/notes', {
			token: bob,
			body: { body: 'bob again' },
			headers: { prefer: 'return=representation' }
		});
		expect(mine.status).toBe(201);
		expect(mine.data).toMatchObject([{ owner: BOB, body: 'bob again' }]);
		const forged = await h.call('POST', '/notes', {
			token: bob,
			body: { owner: ALICE, body: 'x' }
		});
		expect(forged.status).toBe(403);
		expect(forged.data).toMatchObject({ code: '42501' });
		const anonWrite = await h.call('POST', '/notes', { body: { owner: ALICE, body: 'x' } });
		expect(anonWrite.status).toBe(401);
		const secret = await h.call('GET', '/secrets', { token: alice });
		expect(secret.status).toBe(403);
		expect(secret.data).toMatchObject({ code: '42501' });
		const other = await h.call('PATCH', '/notes', {
			token: bob,
			query: 'owner=eq.' + ALICE,
			body: { body: 'hacked' },
			headers: { prefer: 'return=representation' }
		});
		expect(other.data).toEqual([]);
	});

	it('reloads the schema cache on NOTIFY pgrst', async () => {
		await h.call('GET', '/authors');
		await h.db.exec(
			`create table public.late (id int primary key); notify pgrst, 'reload schema';`
		);
		let status = 0;
		for (let i = 0; i < 50 && status !== 200; i++) {
			status = (await h.call('GET', '/late')).status;
			if (status !== 200) await new Promise((r) => setTimeout(r, 50));
		}
		expect(status).toBe(200);
		await h.db.exec('create table public.later (id int)');
		await h.rest.reloadSchema();
		expect((await h.call('GET', '/later')).status).toBe(200);
	});
});
