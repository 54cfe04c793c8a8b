// Many users at once: every request runs in its own transaction with its own
// request.jwt.claims, so nobody ever sees another user's rows or identity.
import { describe, expect, it } from 'vitest';
import {
	ALICE,
	BOB,
	CROWD,
	client,
	serviceClient,
	useFixtureServer,
	userToken,
	type TestClient,
	type TestServer
} from './harness';

interface User {
	id: string;
	notes: number;
	client: TestClient;
}

let server: TestServer;
let anon: TestClient;
let service: TestClient;
let users: User[];

useFixtureServer((started) => {
	server = started;
	anon = client(server);
	service = serviceClient(server);
	users = [
		{ id: ALICE, notes: 2 },
		{ id: BOB, notes: 3 },
		...CROWD.map((u) => ({ id: u.id, notes: u.notes }))
	].map((u) => ({ ...u, client: client(server, userToken(server, u.id)) }));
});

type Check = () => Promise<void>;

/** One request of a mixed workload, with what it must return for `user`. */
function requestFor(user: User, kind: number): Check {
	const db = user.client.db;
	switch (kind % 4) {
		case 0:
			return async () => {
				const res = await db.from('notes').select('owner_id, title').order('id');
				expect(res.error).toBeNull();
				const rows = res.data as { owner_id: string }[];
				expect(rows).toHaveLength(user.notes);
				for (const row of rows) expect(row.owner_id).toBe(user.id);
			};
		case 1:
			return async () => {
				const res = await db.rpc('whoami');
				expect(res.data).toEqual({ role: 'authenticated', sub: user.id, uid: user.id });
			};
		case 2:
			return async () => {
				const res = await db.from('notes').select('*', { count: 'exact', head: true });
				expect(res.count).toBe(user.notes);
			};
		default:
			return async () => {
				// A failing transaction in the mix: its rollback must not disturb the others.
				const res = await db.rpc('fail_with', { msg: `boom ${user.id}` });
				expect(res.status).toBe(400);
				expect(res.error?.message).toBe(`boom ${user.id}`);
			};
	}
}

function anonCheck(kind: number): Check {
	return async () => {
		if (kind % 3 === 2) {
			// service_role in the same pool: its role must not stick to a connection either.
			const res = await service.db.rpc('whoami');
			expect(res.data).toEqual({ role: 'service_role', sub: null, uid: null });
		} else if (kind % 2 === 0) {
			const res = await anon.db.from('notes').select('owner_id');
			expect(res).toMatchObject({ status: 200, data: [], error: null });
		} else {
			const res = await anon.db.rpc('whoami');
			expect(res.data).toEqual({ role: 'anon', sub: null, uid: null });
		}
	};
}

describe('concurrent users', () => {
	it('has more than 20 distinct users', () => {
		expect(new Set(users.map((u) => u.id)).size).toBeGreaterThanOrEqual(20);
	});

	it('200 concurrent mixed requests: each sees only its own rows and claims', async () => {
		const checks: Check[] = [];
		for (let i = 0; i < 200; i++) {
			const user = users[i % users.length]!;
			checks.push(i % 10 === 9 ? anonCheck(i) : requestFor(user, Math.floor(i / users.length) + i));
		}
		const results = await Promise.allSettled(checks.map((check) => check()));
		const failures = results.filter((r) => r.status === 'rejected');
		expect(failures.map((f) => String((f as PromiseRejectedResult).reason))).toEqual([]);
	});

	it('concurrent inserts land with the right owner, then every user sees one more note', async () => {
		const inserted = await Promise.all(
			users.map((u) =>
				u.client.db
					.from('notes')
					.insert({ owner_id: u.id, title: `concurrent ${u.id}` })
					.select('owner_id, title')
					.single()
			)
		);
		inserted.forEach((res, i) => {
			expect(res.error).toBeNull();
			expect(res.data).toEqual({ owner_id: users[i]!.id, title: `concurrent ${users[i]!.id}` });
		});
		for (const u of users) u.notes += 1;

		const reads = await Promise.all(
			users.flatMap((u) => [
				u.client.db.from('notes').select('owner_id, title'),
				u.client.db.from('notes').select('owner_id, title'),
				u.client.db.from('notes').select('owner_id, title')
			])
		);
		reads.forEach((res, i) => {
			const user = users[Math.floor(i / 3)]!;
			const rows = res.data as { owner_id: string; title: string }[];
			expect(rows).toHaveLength(user.notes);
			expect(rows.every((r) => r.owner_id === user.id)).toBe(true);
			expect(rows.filter((r) => r.title.startsWith('concurrent '))).toEqual([
				{ owner_id: user.id, title: `concurrent ${user.id}` }
			]);
		});

		const total = await service.db.from('notes').select('*', { count: 'exact', head: true });
		expect(total.count).toBe(65 + users.length);
	});

	it('concurrent forged inserts are all refused and none lands', async () => {
		const forged = await Promise.all(
			users.map((u, i) => {
				const victim = users[(i + 1) % users.length]!;
				return u.client.db.from('notes').insert({ owner_id: victim.id, title: 'forged' });
			})
		);
		for (const res of forged) {
			expect(res.status).toBe(403);
			expect(res.error?.code).toBe('42501');
		}
		const landed = await service.db.from('notes').select('id').eq('title', 'forged');
		expect(landed.data).toEqual([]);
	});
});
