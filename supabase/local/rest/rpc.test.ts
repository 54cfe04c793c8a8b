import { describe, expect, it } from 'vitest';
import { BACKENDS, useHarness } from './test-helpers';

describe.each(BACKENDS)('rpc on %s', (kind) => {
	const h = useHarness(kind);

	it('calls scalar functions by POST and GET', async () => {
		const post = await h.call('POST', '/rpc/add', { body: { a: 2, b: 3 } });
		expect(post.status).toBe(200);
		expect(post.data).toBe(5);
		const get = await h.call('GET', '/rpc/add', { query: 'a=4&b=5' });
		expect(get.data).toBe(9);
		const arr = await h.call('GET', '/rpc/join_tags', { query: 'tags={a,b}' });
		expect(arr.data).toBe('a+b');
		const arrPost = await h.call('POST', '/rpc/join_tags', { body: { tags: ['x', 'y'] } });
		expect(arrPost.data).toBe('x+y');
	});

	it('applies select, filters, order and limit to set-returning functions', async () => {
		const r = await h.call('POST', '/rpc/books_by', {
			query: 'select=title,authors(name)&order=id.desc&limit=1',
			body: { author: 1 }
		});
		expect(r.data).toEqual([{ title: 'Lão Hạc', authors: { name: 'Nam Cao' } }]);
		const t = await h.call('GET', '/rpc/book_stats', { query: 'n=gt.0&order=author' });
		expect(t.data).toEqual([
			{ author: 'Nam Cao', n: 2 },
			{ author: 'Tô Hoài', n: 2 }
		]);
		const counted = await h.call('GET', '/rpc/books_by', {
			query: 'author=1&select=id&limit=1',
			headers: { prefer: 'count=exact' }
		});
		expect(counted.status).toBe(206);
		expect(counted.header('content-range')).toBe('0-0/2');
		const nums = await h.call('GET', '/rpc/numbers', { query: 'n=4&limit=2&offset=1' });
		expect(nums.data).toEqual([2, 3]);
	});

	it('returns a composite as an object', async () => {
		const r = await h.call('POST', '/rpc/first_book', { query: 'select=title', body: {} });
		expect(r.data).toEqual({ title: 'Chí Phèo' });
	});

	it('answers 204 for void and passes a whole body to a single unnamed json argument', async () => {
		const v = await h.call('POST', '/rpc/add_person', { body: { name: 'Dũng' } });
		expect(v.status).toBe(204);
		const raw = await h.call('POST', '/rpc/echo_raw', { body: { any: [1, 2] } });
		expect(raw.data).toEqual({ any: [1, 2] });
		const named = await h.call('POST', '/rpc/echo', { body: { payload: { x: 1 } } });
		expect(named.data).toEqual({ x: 1 });
		const single = await h.call('POST', '/rpc/echo', {
			body: { x: 2 },
			headers: { prefer: 'params=single-object' }
		});
		expect(single.data).toEqual({ x: 2 });
	});

	it('refuses writes through GET (read-only transaction) with 405', async () => {
		const r = await h.call('GET', '/rpc/new_person', { query: 'name=x' });
		expect(r.status).toBe(405);
		expect(r.data).toMatchObject({ code: '25006' });
		const ok = await h.call('POST', '/rpc/new_person', { body: { name: 'x' } });
		expect(ok.status).toBe(200);
		expect(typeof ok.data).toBe('number');
	});

	it('reports unknown functions and raised exceptions', async () => {
		const r = await h.call('POST', '/rpc/nope', { body: { a: 1 } });
		expect(r.status).toBe(404);
		expect(r.data).toMatchObject({
			code: 'PGRST202',
			message: 'Could not find the function public.nope(a) in the schema cache'
		});
		const wrongArgs = await h.call('POST', '/rpc/add', { body: { a: 1 } });
		expect(wrongArgs.status).toBe(404);
		const raised = await h.call('POST', '/rpc/fail', { body: { msg: 'Không được phép' } });
		expect(raised.status).toBe(400);
		expect(raised.data).toMatchObject({
			code: 'P0001',
			message: 'Không được phép',
			hint: 'custom hint'
		});
	});

	it('reports ambiguous overloads and custom statuses', async () => {
		const amb = await h.call('POST', '/rpc/over', { body: { a: 1 } });
		expect(amb.status).toBe(300);
		expect(amb.data).toMatchObject({ code: 'PGRST203' });
		const tea = await h.call('POST', '/rpc/teapot', { body: {} });
		expect(tea.status).toBe(418);
		expect(tea.data).toMatchObject({ code: 'PT418', message: 'short and stout' });
		const custom = await h.call('POST', '/rpc/custom_error', { body: {} });
		expect(custom.status).toBe(409);
		expect(custom.header('x-app')).toBe('yes');
		expect(custom.data).toEqual({ code: 'APP01', message: 'custom', details: 'd', hint: 'h' });
		const typo = await h.call('POST', '/rpc/ad', { body: { a: 1, b: 2 } });
		expect(typo.data).toMatchObject({ code: 'PGRST202' });
	});

	it('lets functions set response.status and response.headers', async () => {
		const r = await h.call('POST', '/rpc/created_elsewhere', { body: {} });
		expect(r.status).toBe(202);
		expect(r.header('location')).toBe('/elsewhere');
		expect(r.header('cache-control')).toBe('no-store');
		expect(r.data).toEqual({ ok: true });
	});

	it('runs as the JWT role with the request settings', async () => {
		const anon = await h.call('GET', '/rpc/whoami');
		expect(anon.data).toEqual({ role: 'anon', sub: null, method: 'GET' });
		const user = await h.call('POST', '/rpc/whoami', {
			token: h.token({ role: 'authenticated', sub: '00000000-0000-4000-8000-000000000001' }),
			body: {}
		});
		expect(user.data).toEqual({
			role: 'authenticated',
			sub: '00000000-0000-4000-8000-000000000001',
			method: 'POST'
		});
	});
});
