// Issue 7: hostile input must not freeze or fool the server. Each request here once took seconds
// (or forever), answered 500, or stored U+FFFD; each must now answer at once, as PostgREST does.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ALICE, client, rest, serviceClient, useFixtureServer, userToken } from './harness';
import type { TestClient, TestServer } from './harness';

let server: TestServer;
let anon: TestClient;
let alice: TestClient;
let service: TestClient;

useFixtureServer((started) => {
	server = started;
	anon = client(server);
	alice = client(server, userToken(server, ALICE));
	service = serviceClient(server);
});

afterAll(async () => {
	await service?.db.from('items').delete().like('sku', 'utf8-%');
});

/** PostgREST's error body: these four keys, a string code and message. */
function expectPostgrestError(json: unknown) {
	expect(Object.keys(json as object).sort()).toEqual(['code', 'details', 'hint', 'message']);
	expect(json).toMatchObject({ code: expect.any(String), message: expect.any(String) });
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
	const t0 = performance.now();
	const value = await fn();
	return { value, ms: performance.now() - t0 };
}

async function health(): Promise<number> {
	const res = await fetch(`${server.url}/auth/v1/health`, {
		headers: { apikey: server.anonKey }
	});
	await res.text();
	return res.status;
}

describe('item 1: select= parses in linear time', () => {
	it('answers 3,000 "+" and a quote with 400 at once, and health meanwhile', async () => {
		const path = `/areas?select=id${'+'.repeat(3000)}%22`;
		const [bad, ok] = await Promise.all([timed(() => rest(server, path)), timed(() => health())]);
		// `areas` does not exist here: either the parse (400) or the table lookup (404) answers.
		expect([400, 404]).toContain(bad.value.status);
		expectPostgrestError(bad.value.json);
		expect(bad.ms).toBeLessThan(1000);
		expect(ok.value).toBe(200);
		const onBooks = await timed(() => rest(server, `/books?select=id${'+'.repeat(3000)}%22`));
		expect(onBooks.value.status).toBe(400);
		expectPostgrestError(onBooks.value.json);
		expect(onBooks.ms).toBeLessThan(1000);
	});

	it('answers 15,000 spaces at once, and spaces inside quotes still count', async () => {
		const spaces = await timed(() => rest(server, `/books?select=id${'+'.repeat(15000)}&limit=1`));
		expect(spaces.value.status).toBe(200);
		expect(spaces.value.json).toEqual([{ id: expect.any(Number) }]);
		expect(spaces.ms).toBeLessThan(1000);
		const { data, error } = await anon.db.from('books').select('id, title').eq('id', 1);
		expect(error).toBeNull();
		expect(data).toEqual([{ id: 1, title: expect.any(String) }]);
	});
});

describe('regex audit: no quadratic route matching', () => {
	it('answers 15,000 slashes before a letter at once on auth and the outbox', async () => {
		for (const prefix of ['/auth/v1/health', '/outbox/messages']) {
			const { value: res, ms } = await timed(() =>
				fetch(`${server.url}${prefix}${'/'.repeat(15000)}x`, {
					headers: { apikey: server.anonKey }
				})
			);
			await res.text();
			expect(res.status, prefix).toBe(404);
			expect(ms, prefix).toBeLessThan(1000);
		}
	});
});

describe('item 2: what one request may ask is bounded', () => {
	it('refuses 150 embeds of one relation with 400 at once (supabase-js)', async () => {
		const select = ['id', ...Array.from({ length: 150 }, (_, i) => `b${i}:books(id)`)].join(',');
		const { value, ms } = await timed(async () => await anon.db.from('authors').select(select));
		expect(value.status).toBe(400);
		expect(value.error).toMatchObject({ code: 'PGRST100' });
		expect(value.error?.message).toContain('embedded resources');
		expect(ms).toBeLessThan(1000);
	});

	it('refuses embeds nested deeper than 8 and logic nested deeper than 16', async () => {
		const deep = `${'authors(books('.repeat(5)}id${'))'.repeat(5)}`;
		const nested = await anon.db.from('books').select(`id,${deep}`);
		expect(nested.status).toBe(400);
		expect(nested.error?.message).toContain('embedding depth');
		const logic = `${'and('.repeat(40)}id.eq.1${')'.repeat(40)}`;
		const tree = await anon.db.from('books').select('id').or(logic);
		expect(tree.status).toBe(400);
		expect(tree.error?.message).toContain('nesting of and/or');
		// Thousands of nested parentheses once overflowed the stack (500).
		const huge = await rest(server, `/books?select=id,${'a('.repeat(4000)}id${')'.repeat(4000)}`);
		expect(huge.status).toBe(400);
		expectPostgrestError(huge.json);
	});

	it('answers a too complex regex with 400 2201B on both databases, and keeps working', async () => {
		const bad = await anon.db
			.from('books')
			.select('id')
			.filter('title', 'match', '(x{1,255}){1,255}');
		expect(bad.status).toBe(400);
		expect(bad.error).toMatchObject({
			code: '2201B',
			message: 'invalid regular expression: regular expression is too complex'
		});
		// PostgreSQL 15 accepts this one (10,000 states); so do we.
		const fine = await anon.db
			.from('books')
			.select('id')
			.filter('title', 'match', '(x{1,100}){1,100}');
		expect(fine.error).toBeNull();
		expect(fine.data).toEqual([]);
		const after = await anon.db.from('books').select('id').eq('id', 1);
		expect(after.data).toEqual([{ id: 1 }]);
	});

	it('answers health between heavy requests instead of after all of them', async () => {
		const select = ['id', ...Array.from({ length: 30 }, (_, i) => `b${i}:books(id,title)`)].join(
			','
		);
		let lastHeavy = 0;
		const heavy = Array.from({ length: 12 }, async () => {
			const res = await anon.db.from('authors').select(select);
			expect(res.error).toBeNull();
			lastHeavy = performance.now();
		});
		// Let the heavy ones reach the database queue first.
		await new Promise((r) => setTimeout(r, 20));
		const status = await health();
		const healthAt = performance.now();
		await Promise.all(heavy);
		expect(status).toBe(200);
		expect(healthAt).toBeLessThan(lastHeavy);
	});
});

describe('item 3: invalid UTF-8 is refused, never stored as U+FFFD', () => {
	it('answers 400 to a body with invalid UTF-8 and stores nothing', async () => {
		const body = Buffer.concat([
			Buffer.from('{"sku":"utf8-1","name":"bad '),
			Buffer.from([0xff, 0xfe]),
			Buffer.from('"}')
		]);
		const res = await fetch(`${server.url}/rest/v1/items`, {
			method: 'POST',
			headers: {
				apikey: server.serviceRoleKey,
				Authorization: `Bearer ${server.serviceRoleKey}`,
				'Content-Type': 'application/json'
			},
			body
		});
		expect(res.status).toBe(400);
		expectPostgrestError(await res.json());
		const { data } = await service.db.from('items').select('sku').eq('sku', 'utf8-1');
		expect(data).toEqual([]);
		// Valid UTF-8, Vietnamese included, still goes through.
		const good = await service.db
			.from('items')
			.insert({ sku: 'utf8-2', name: 'Bình dân học vụ số' });
		expect(good.status).toBe(201);
	});

	it('answers 400 to a query string with invalid UTF-8, in keys and values', async () => {
		for (const path of ['/books?title=eq.%FF', '/books?ti%C3tle=eq.1', '/books?select=%E0%80']) {
			const res = await rest(server, path);
			expect(res.status, path).toBe(400);
			expectPostgrestError(res.json);
		}
		const ok = await rest(server, '/authors?select=name&name=eq.%C3%A0%20b');
		expect(ok.status).toBe(200);
	});
});

describe('item 7: PostgREST v10+ request settings and raw-path routing', () => {
	it('sets request.jwt.claims only, and auth.uid() reads it (supabase-js)', async () => {
		const { data, error } = await alice.db.rpc('request_settings');
		expect(error).toBeNull();
		expect(data).toMatchObject({
			legacy_sub: null,
			legacy_role: null,
			claims_sub: ALICE,
			uid: ALICE,
			role: 'authenticated'
		});
	});

	it('routes on the raw path: %2F stays inside its segment', async () => {
		const direct = await rest(server, '/rpc/request_settings', { method: 'POST', body: '{}' });
		expect(direct.status).toBe(200);
		const encoded = await rest(server, '/rpc%2Frequest_settings', { method: 'POST', body: '{}' });
		expect(encoded.status).toBe(404);
		expect(encoded.json).toMatchObject({ code: 'PGRST205' });
		expect((encoded.json as { message: string }).message).toContain(
			"'public.rpc/request_settings'"
		);
	});
});

describe('property: long and odd select=, order= and filters answer at once', () => {
	const PIECES = [
		'id',
		'title',
		'author_id',
		'authors',
		'books',
		'meta',
		'*',
		'"',
		'\\',
		'(',
		')',
		',',
		'.',
		':',
		'::',
		'->',
		'->>',
		'!',
		'!inner',
		'...',
		'not.',
		'eq.',
		'match.',
		'in.(',
		'is.null',
		'or(',
		'and(',
		'{',
		'}',
		'asc',
		'desc',
		'nullslast',
		' ',
		'%',
		'é',
		'\u0000',
		'x{1,255}'
	];
	const piece = fc.oneof(
		fc.constantFrom(...PIECES),
		fc.string({ maxLength: 8 }),
		// Long runs: what made the old regexes backtrack.
		fc
			.tuple(
				fc.constantFrom(' ', '(', '"', ',', '->', 'a', '.', 'and(', 'x{1,9}', '!'),
				fc.integer({ min: 50, max: 2500 })
			)
			.map(([p, n]) => p.repeat(n))
	);
	// At most ~12 KB once percent-encoded: Node refuses request heads over 16 KB (431) before us.
	const text = (max: number) =>
		fc.array(piece, { maxLength: 12 }).map((parts) => parts.join('').slice(0, max));
	const request = fc.record({
		table: fc.constantFrom('books', 'authors'),
		param: fc.constantFrom('select', 'order', 'filter', 'or', 'embed-filter'),
		key: text(800),
		value: text(3200)
	});

	function pathOf(r: { table: string; param: string; key: string; value: string }): string {
		const q = (k: string, v: string) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`;
		switch (r.param) {
			case 'select':
			case 'order':
				return `/${r.table}?${q(r.param, r.value)}`;
			case 'or':
				return `/${r.table}?${q('or', `(${r.value})`)}`;
			case 'embed-filter':
				return `/${r.table}?select=id,books(id)&${q(`books.${r.key}`, r.value)}`;
			default:
				return `/${r.table}?${q(r.key, r.value)}`;
		}
	}

	it('every answer is 2xx or 4xx in PostgREST shape, within 1 s', async () => {
		await fc.assert(
			fc.asyncProperty(request, async (r) => {
				const path = pathOf(r);
				const { value: res, ms } = await timed(() => rest(server, path));
				expect(res.status, path.slice(0, 300)).toBeLessThan(500);
				if (res.status >= 400) expectPostgrestError(res.json);
				expect(ms, path.slice(0, 300)).toBeLessThan(1000);
			}),
			{ numRuns: 150 }
		);
	}, 300_000);
});
