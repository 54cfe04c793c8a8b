import { describe, expect, it } from 'vitest';
import { BACKENDS, useHarness } from './test-helpers';

describe.each(BACKENDS)('reads on %s', (kind) => {
	const h = useHarness(kind);

	it('selects all rows as a JSON array with Content-Range', async () => {
		const r = await h.call('GET', '/authors', { query: 'select=id,name&order=id' });
		expect(r.status).toBe(200);
		expect(r.data).toEqual([
			{ id: 1, name: 'Nam Cao' },
			{ id: 2, name: 'Tô Hoài' },
			{ id: 3, name: 'Xuân Diệu' }
		]);
		expect(r.header('content-range')).toBe('0-2/*');
	});

	it('aliases, casts and json paths', async () => {
		const r = await h.call('GET', '/books', {
			query: 'select=t:title,price::text,lang:data->>lang,year:data->meta->year&id=eq.1'
		});
		expect(r.data).toEqual([{ t: 'Chí Phèo', price: '10.50', lang: 'vi', year: 1941 }]);
	});

	it('filters with every operator family', async () => {
		const ids = async (query: string) => {
			const r = await h.call('GET', '/books', { query: `select=id&order=id&${query}` });
			expect(r.status, JSON.stringify(r.data)).toBe(200);
			return (r.data as { id: number }[]).map((x) => x.id);
		};
		expect(await ids('id=gt.3')).toEqual([4, 5]);
		expect(await ids('id=lte.2')).toEqual([1, 2]);
		expect(await ids('id=neq.1&id=lt.4')).toEqual([2, 3]);
		expect(await ids('title=like.*Hạc')).toEqual([2]);
		expect(await ids('title=ilike.*PHÈO*')).toEqual([1]);
		expect(await ids('title=match.^D')).toEqual([3]);
		expect(await ids('author_id=is.null')).toEqual([5]);
		expect(await ids('author_id=not.is.null&author_id=eq.2')).toEqual([3, 4]);
		expect(await ids('id=in.(1,3,5)')).toEqual([1, 3, 5]);
		expect(await ids('id=not.in.(1,3,5)')).toEqual([2, 4]);
		expect(await ids('title=in.("Chí Phèo","Lão Hạc")')).toEqual([1, 2]);
		expect(await ids('tags=cs.{classic}')).toEqual([1, 2, 3]);
		expect(await ids('tags=cd.{classic,short}')).toEqual([1, 2, 4, 5]);
		expect(await ids('tags=ov.{children,short}')).toEqual([1, 3]);
		expect(await ids('data=cs.{"lang":"en"}')).toEqual([5]);
		expect(await ids('data->>lang=eq.en')).toEqual([5]);
		expect(await ids('summary=fts.village')).toEqual([1]);
		expect(await ids('summary=fts(english).villages')).toEqual([1]);
		expect(await ids('summary=plfts.old man')).toEqual([2]);
		expect(await ids('summary=phfts(english).cricket adventure')).toEqual([3]);
		expect(await ids('summary=wfts.story -dog')).toEqual([1]);
		expect(await ids('or=(id.eq.1,id.eq.4)')).toEqual([1, 4]);
		expect(await ids('or=(id.eq.1,and(id.gt.3,pages.lt.20))')).toEqual([1, 5]);
		expect(await ids('not.or=(id.eq.1,id.eq.4)')).toEqual([2, 3, 5]);
		expect(await ids('and=(id.gt.1,or(title.eq.Anonymous,pages.gte.100))')).toEqual([3, 5]);
		expect(await ids('id=eq(any).{1,2}')).toEqual([1, 2]);
		expect(await ids('title=like(any).{Chí*,Lão*}')).toEqual([1, 2]);
		expect(await ids('or=(title.eq."Chí Phèo",id.in.(4,5))')).toEqual([1, 4, 5]);
	});

	it('orders, limits and offsets', async () => {
		const r = await h.call('GET', '/books', {
			query: 'select=id&order=author_id.desc.nullslast,id.asc&limit=3&offset=1'
		});
		expect(r.data).toEqual([{ id: 4 }, { id: 1 }, { id: 2 }]);
		expect(r.header('content-range')).toBe('1-3/*');
		const nf = await h.call('GET', '/books', {
			query: 'select=id&order=author_id.asc.nullsfirst,id&limit=1'
		});
		expect(nf.data).toEqual([{ id: 5 }]);
	});

	it('honours the Range header like limit/offset', async () => {
		const r = await h.call('GET', '/books', {
			query: 'select=id&order=id',
			headers: { range: '1-2', prefer: 'count=exact' }
		});
		expect(r.data).toEqual([{ id: 2 }, { id: 3 }]);
		expect(r.status).toBe(206);
		expect(r.header('content-range')).toBe('1-2/5');
	});

	it('counts with Prefer: count=exact and answers 206 for partial pages', async () => {
		const r = await h.call('GET', '/books', {
			query: 'select=id&limit=2',
			headers: { prefer: 'count=exact' }
		});
		expect(r.status).toBe(206);
		expect(r.header('content-range')).toBe('0-1/5');
		const all = await h.call('GET', '/books', {
			query: 'select=id',
			headers: { prefer: 'count=exact' }
		});
		expect(all.status).toBe(200);
		expect(all.header('content-range')).toBe('0-4/5');
		const none = await h.call('GET', '/books', {
			query: 'id=eq.99',
			headers: { prefer: 'count=exact' }
		});
		expect(none.header('content-range')).toBe('*/0');
		// planned is the planner's guess (EXPLAIN), estimated is exact below db-max-rows.
		const planned = await h.call('HEAD', '/books', { headers: { prefer: 'count=planned' } });
		expect(planned.header('content-range')).toMatch(/^0-4\/\d+$/);
		const head = await h.call('HEAD', '/books', { headers: { prefer: 'count=estimated' } });
		expect(head.header('content-range')).toBe('0-4/5');
		expect(head.body).toBe('');
		const past = await h.call('GET', '/books', {
			query: 'offset=10',
			headers: { prefer: 'count=exact' }
		});
		expect(past.status).toBe(416);
		expect((past.data as { code: string }).code).toBe('PGRST103');
	});

	it('embeds many-to-one, one-to-many, many-to-many and one-to-one', async () => {
		const r = await h.call('GET', '/books', {
			query:
				'select=title,author:authors(name),reviews(rating),categories(name)&id=in.(1,5)&order=id&reviews.order=rating.desc&categories.order=name'
		});
		expect(r.data).toEqual([
			{
				title: 'Chí Phèo',
				author: { name: 'Nam Cao' },
				reviews: [{ rating: 5 }, { rating: 4 }],
				categories: [{ name: 'novel' }]
			},
			{ title: 'Anonymous', author: null, reviews: [], categories: [] }
		]);
		const p = await h.call('GET', '/people', { query: 'select=name,passports(number)&order=id' });
		expect(p.data).toEqual([
			{ name: 'An', passports: { number: 'P-1' } },
			{ name: 'Bình', passports: null }
		]);
		const nested = await h.call('GET', '/authors', {
			query: 'select=name,books(title,reviews(body))&id=eq.1&books.order=id&books.limit=1'
		});
		expect(nested.data).toEqual([
			{
				name: 'Nam Cao',
				books: [{ title: 'Chí Phèo', reviews: [{ body: 'great' }, { body: 'good' }] }]
			}
		]);
	});

	it('filters embeds, !inner, null filters and spreads', async () => {
		const inner = await h.call('GET', '/authors', {
			query: 'select=name,books!inner(title)&books.title=eq.Lão Hạc'
		});
		expect(inner.data).toEqual([{ name: 'Nam Cao', books: [{ title: 'Lão Hạc' }] }]);
		const outer = await h.call('GET', '/authors', {
			query: 'select=name,books(title)&books.title=eq.Lão Hạc&order=id'
		});
		expect((outer.data as unknown[]).length).toBe(3);
		const notNull = await h.call('GET', '/books', {
			query: 'select=id,authors()&authors=not.is.null&order=id'
		});
		expect(notNull.data).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }]);
		const spread = await h.call('GET', '/books', {
			query: 'select=title,...authors(author_name:name)&id=eq.3'
		});
		expect(spread.data).toEqual([{ title: 'Dế Mèn phiêu lưu ký', author_name: 'Tô Hoài' }]);
		const orEmbed = await h.call('GET', '/authors', {
			query: 'select=name,books(id)&books.or=(id.eq.1,id.eq.3)&order=id'
		});
		expect(orEmbed.data).toEqual([
			{ name: 'Nam Cao', books: [{ id: 1 }] },
			{ name: 'Tô Hoài', books: [{ id: 3 }] },
			{ name: 'Xuân Diệu', books: [] }
		]);
	});

	it('reports ambiguous and missing relationships as PostgREST does', async () => {
		const amb = await h.call('GET', '/messages', { query: 'select=*,people(*)' });
		expect(amb.status).toBe(300);
		expect((amb.data as { code: string }).code).toBe('PGRST201');
		const hinted = await h.call('GET', '/messages', {
			query:
				'select=body,from:people!messages_sender_fkey(name),to:people!receiver_id(name)&order=id'
		});
		expect(hinted.data).toEqual([
			{ body: 'hi', from: { name: 'An' }, to: { name: 'Bình' } },
			{ body: 'hello', from: { name: 'Bình' }, to: { name: 'An' } }
		]);
		const missing = await h.call('GET', '/books', { query: 'select=*,people(*)' });
		expect(missing.status).toBe(400);
		expect((missing.data as { code: string }).code).toBe('PGRST200');
	});

	it('answers single objects and PGRST116', async () => {
		const one = await h.call('GET', '/authors', {
			query: 'select=name&id=eq.2',
			headers: { accept: 'application/vnd.pgrst.object+json' }
		});
		expect(one.status).toBe(200);
		expect(one.data).toEqual({ name: 'Tô Hoài' });
		const none = await h.call('GET', '/authors', {
			query: 'id=eq.99',
			headers: { accept: 'application/vnd.pgrst.object+json' }
		});
		expect(none.status).toBe(406);
		expect(none.data).toMatchObject({ code: 'PGRST116', details: 'The result contains 0 rows' });
		const many = await h.call('GET', '/authors', {
			headers: { accept: 'application/vnd.pgrst.object+json' }
		});
		expect(many.data).toMatchObject({ code: 'PGRST116', details: 'The result contains 3 rows' });
	});

	it('answers CSV', async () => {
		const r = await h.call('GET', '/authors', {
			query: 'select=id,name,born&order=id',
			headers: { accept: 'text/csv' }
		});
		expect(r.header('content-type')).toContain('text/csv');
		expect(r.body).toBe(
			'id,name,born\n1,"Nam Cao",1915-10-29\n2,"Tô Hoài",1920-09-27\n3,"Xuân Diệu",'
		);
	});

	it('reports unknown tables, columns and schemas', async () => {
		const t = await h.call('GET', '/author');
		expect(t.status).toBe(404);
		expect(t.data).toMatchObject({
			code: 'PGRST205',
			hint: "Perhaps you meant the table 'public.authors'"
		});
		const c = await h.call('GET', '/authors', { query: 'select=nope' });
		expect(c.status).toBe(400);
		expect(c.data).toMatchObject({ code: '42703', message: 'column authors.nope does not exist' });
		const typo = await h.call('GET', '/authors', { query: 'select=nam' });
		expect(typo.data).toMatchObject({
			hint: 'Perhaps you meant to reference the column "authors.name".'
		});
		const f = await h.call('GET', '/authors', { query: 'nope=eq.1' });
		expect(f.data).toMatchObject({ code: '42703' });
		const s = await h.call('GET', '/authors', { headers: { 'accept-profile': 'auth' } });
		expect(s.status).toBe(406);
		expect(s.data).toMatchObject({ code: 'PGRST106' });
		const bad = await h.call('GET', '/authors', { query: 'id=eq' });
		expect(bad.status).toBe(400);
		expect(bad.data).toMatchObject({ code: 'PGRST100' });
		const invalid = await h.call('GET', '/books', { query: 'id=eq.abc' });
		expect(invalid.status).toBe(400);
		expect(invalid.data).toMatchObject({ code: '22P02' });
	});

	it('counts embedded rows and the root with count()', async () => {
		const r = await h.call('GET', '/authors', { query: 'select=name,books(count)&order=id' });
		expect(r.data).toEqual([
			{ name: 'Nam Cao', books: [{ count: 2 }] },
			{ name: 'Tô Hoài', books: [{ count: 2 }] },
			{ name: 'Xuân Diệu', books: [{ count: 0 }] }
		]);
		const compat = await h.call('GET', '/books', { query: 'select=count&author_id=eq.1' });
		expect(compat.data).toEqual([{ count: 2 }]);
	});

	it('refuses aggregates unless db-aggregates-enabled, as PostgREST and Supabase default', async () => {
		for (const select of ['pages.sum()', 'count()', 'id,authors(born.max())']) {
			const r = await h.call('GET', '/books', { query: `select=${select}` });
			expect(r.status).toBe(400);
			expect(r.data).toEqual({
				code: 'PGRST123',
				message: 'Use of aggregate functions is not allowed',
				details: null,
				hint: null
			});
		}
		await h.db.exec(
			`do $$ begin execute format('alter role authenticator in database %I set pgrst.db_aggregates_enabled = true', current_database()); end $$`
		);
		await h.rest.reloadSchema();
		try {
			const r = await h.call('GET', '/books', {
				query: 'select=author_id,pages.sum(),n:count()&author_id=not.is.null&order=author_id'
			});
			expect(r.data).toEqual([
				{ author_id: 1, sum: 80, n: 2 },
				{ author_id: 2, sum: 200, n: 2 }
			]);
		} finally {
			await h.db.exec(
				`do $$ begin execute format('alter role authenticator in database %I reset pgrst.db_aggregates_enabled', current_database()); end $$`
			);
			await h.rest.reloadSchema();
		}
	});

	it('orders by a to-one embed and refuses to order by a to-many one', async () => {
		const order = await h.call('GET', '/books', {
			query: 'select=id,authors(name)&order=authors(name).desc.nullslast,id&limit=3'
		});
		expect(order.data).toEqual([
			{ id: 3, authors: { name: 'Tô Hoài' } },
			{ id: 4, authors: { name: 'Tô Hoài' } },
			{ id: 1, authors: { name: 'Nam Cao' } }
		]);
		const many = await h.call('GET', '/authors', { query: 'select=id,books(id)&order=books(id)' });
		expect(many.data).toMatchObject({ code: 'PGRST118' });
	});

	it('answers OPTIONS with the verbs of the endpoint', async () => {
		expect((await h.call('OPTIONS', '/books')).header('allow')).toBe(
			'OPTIONS,GET,HEAD,POST,PUT,PATCH,DELETE'
		);
		expect((await h.call('OPTIONS', '/rpc/add')).header('allow')).toBe('OPTIONS,GET,HEAD,POST');
		expect((await h.call('OPTIONS', '/rpc/new_person')).header('allow')).toBe('OPTIONS,POST');
	});

	it('reads views and embeds through their foreign keys', async () => {
		const r = await h.call('GET', '/book_titles', { query: 'select=title&id=eq.2' });
		expect(r.data).toEqual([{ title: 'Lão Hạc' }]);
		const e = await h.call('GET', '/book_titles', { query: 'select=title,authors(name)&id=eq.2' });
		expect(e.data).toEqual([{ title: 'Lão Hạc', authors: { name: 'Nam Cao' } }]);
		const back = await h.call('GET', '/authors', {
			query: 'select=name,book_titles(title)&id=eq.1&book_titles.order=id'
		});
		expect(back.data).toEqual([
			{ name: 'Nam Cao', book_titles: [{ title: 'Chí Phèo' }, { title: 'Lão Hạc' }] }
		]);
	});
});
