// The REST contract, call by call, through the real supabase-js: every row of the REST table in
// /work/shared/supabase-local-contract.md, with the statuses, bodies and headers PostgREST gives.
import { describe, expect, it } from 'vitest';
import {
	client,
	ids,
	rest,
	serviceClient,
	useFixtureServer,
	type TestClient,
	type TestServer
} from './harness';

let server: TestServer;
let anon: TestClient;
let service: TestClient;

useFixtureServer((started) => {
	server = started;
	anon = client(server);
	service = serviceClient(server);
});

const books = () => anon.db.from('books');

describe('select and embeds', () => {
	it('selects columns as a JSON array', async () => {
		const res = await books().select('id, title').order('id');
		expect(res.error).toBeNull();
		expect(res.status).toBe(200);
		expect(res.data).toEqual([
			{ id: 1, title: 'Truyện Kiều' },
			{ id: 2, title: 'Văn tế thập loại chúng sinh' },
			{ id: 3, title: 'Bánh trôi nước' },
			{ id: 4, title: 'Pride and Prejudice' },
			{ id: 5, title: 'Emma' },
			{ id: 6, title: 'Cosmos' },
			{ id: 7, title: 'Pale Blue Dot' },
			{ id: 8, title: 'Chronicles, Vol. 1 (draft) 50% off_*' }
		]);
		expect(anon.last().headers.get('content-type')).toMatch(/^application\/json/);
		expect(anon.last().headers.get('content-range')).toBe('0-7/*');
	});

	it('returns every column type as PostgREST serialises it', async () => {
		const { data, error } = await books().select('*').eq('id', 6).single();
		expect(error).toBeNull();
		const row = data as Record<string, unknown>;
		expect(new Date(row.published_at as string).toISOString()).toBe('1980-10-12T00:00:00.000Z');
		delete row.published_at;
		expect(row).toEqual({
			id: 6,
			title: 'Cosmos',
			author_id: 4,
			price: 20,
			in_stock: true,
			meta: { pages: 365, lang: 'en', illustrated: true },
			tags: ['science', 'space'],
			isbn: 'a0000000-0000-4000-8000-000000000006',
			genre: 'science',
			summary: 'The universe, the stars and us',
			title_length: 6,
			fts: "'and':6 'cosmos':1 'stars':5 'the':2,4 'universe':3 'us':7"
		});
	});

	it('keeps timestamps and numbers as Postgres prints them', async () => {
		const ts = await books().select('published_at').eq('id', 6).single();
		expect(ts.data).toEqual({ published_at: '1980-10-12T00:00:00+00:00' });
		const raw = await rest(server, '/books?select=id,price&id=eq.2');
		expect(raw.text).toBe('[{"id":2,"price":45.50}]');
	});

	it('passes JSON bodies to Postgres as text: big numbers keep their digits', async () => {
		const big = await rest(server, '/rpc/echo_json', {
			method: 'POST',
			body: '{"payload":{"big":12345678901234567890}}'
		});
		expect(big.text).toContain('12345678901234567890');
	});

	it('renames columns and casts them', async () => {
		const res = await books().select('key:id, name:title, price::text').eq('id', 4);
		expect(res.data).toEqual([{ key: 4, name: 'Pride and Prejudice', price: '9.99' }]);
	});

	it('reads JSON paths with -> and ->>', async () => {
		const res = await books().select('id, pages:meta->pages, lang:meta->>lang').eq('id', 1);
		expect(res.data).toEqual([{ id: 1, pages: 300, lang: 'vi' }]);
	});

	it('embeds a many-to-one relation as an object, with and without alias', async () => {
		const plain = await books().select('id, authors(name)').eq('id', 1);
		expect(plain.data).toEqual([{ id: 1, authors: { name: 'Nguyễn Du' } }]);
		const aliased = await books().select('id, writer:authors(name, born)').eq('id', 4);
		expect(aliased.data).toEqual([{ id: 4, writer: { name: 'Jane Austen', born: 1775 } }]);
	});

	it('embeds a one-to-many relation as an array', async () => {
		const res = await anon.db
			.from('authors')
			.select('name, books(id, title)')
			.eq('id', 3)
			.order('id', { referencedTable: 'books' });
		expect(res.data).toEqual([
			{
				name: 'Jane Austen',
				books: [
					{ id: 4, title: 'Pride and Prejudice' },
					{ id: 5, title: 'Emma' }
				]
			}
		]);
	});

	it('embeds a many-to-many relation through the junction table', async () => {
		const res = await books()
			.select('id, categories(name)')
			.in('id', [1, 6, 8])
			.order('id')
			.order('name', { referencedTable: 'categories' });
		expect(res.data).toEqual([
			{ id: 1, categories: [{ name: 'Classics' }, { name: 'Poetry' }] },
			{ id: 6, categories: [{ name: 'Science' }] },
			{ id: 8, categories: [] }
		]);
	});

	it('counts an embedded relation with rel(count)', async () => {
		const res = await anon.db.from('authors').select('id, books(count)').order('id');
		expect(res.data).toEqual([
			{ id: 1, books: [{ count: 2 }] },
			{ id: 2, books: [{ count: 1 }] },
			{ id: 3, books: [{ count: 2 }] },
			{ id: 4, books: [{ count: 2 }] },
			{ id: 5, books: [{ count: 1 }] }
		]);
	});

	it('embeds nested relations', async () => {
		const res = await anon.db
			.from('countries')
			.select('code, authors(name, works:books(title))')
			.eq('code', 'GB')
			.order('id', { referencedTable: 'authors.works' });
		expect(res.data).toEqual([
			{
				code: 'GB',
				authors: [
					{ name: 'Jane Austen', works: [{ title: 'Pride and Prejudice' }, { title: 'Emma' }] }
				]
			}
		]);
	});

	it('a null foreign key embeds null', async () => {
		const res = await anon.db.from('authors').select('id, countries(name)').eq('id', 5);
		expect(res.data).toEqual([{ id: 5, countries: null }]);
	});

	it('filters on an embed leave parents in place, !inner removes them', async () => {
		const loose = await anon.db
			.from('authors')
			.select('id, books(id)')
			.eq('books.genre', 'science')
			.order('id')
			.order('id', { referencedTable: 'books' });
		expect(loose.data).toEqual([
			{ id: 1, books: [] },
			{ id: 2, books: [] },
			{ id: 3, books: [] },
			{ id: 4, books: [{ id: 6 }, { id: 7 }] },
			{ id: 5, books: [] }
		]);
		const inner = await anon.db
			.from('authors')
			.select('id, books!inner(id)')
			.eq('books.genre', 'science')
			.order('id', { referencedTable: 'books' });
		expect(inner.data).toEqual([{ id: 4, books: [{ id: 6 }, { id: 7 }] }]);
	});

	it('!inner on a to-one embed filters the parents', async () => {
		const res = await books()
			.select('id, authors!inner(name)')
			.eq('authors.country_code', 'VN')
			.order('id');
		expect(ids(res.data)).toEqual([1, 2, 3]);
	});

	it('is.null on an embed keeps parents without children (anti-join)', async () => {
		const none = await anon.db
			.from('countries')
			.select('code, authors()')
			.is('authors', null)
			.order('code');
		expect(none.data).toEqual([{ code: 'FR' }]);
		const some = await anon.db
			.from('countries')
			.select('code, authors()')
			.not('authors', 'is', null)
			.order('code');
		expect(some.data).toEqual([{ code: 'GB' }, { code: 'US' }, { code: 'VN' }]);
	});

	it('orders parents by a column of a to-one embed', async () => {
		const res = await books().select('id, authors(name)').order('authors(name)').order('id');
		expect(ids(res.data)).toEqual([8, 6, 7, 3, 4, 5, 1, 2]);
	});

	it('orders, limits and ors on an embedded resource', async () => {
		const res = await anon.db
			.from('authors')
			.select('id, books(id)')
			.in('id', [1, 3])
			.order('id')
			.order('id', { referencedTable: 'books', ascending: false })
			.limit(1, { referencedTable: 'books' });
		expect(res.data).toEqual([
			{ id: 1, books: [{ id: 2 }] },
			{ id: 3, books: [{ id: 5 }] }
		]);
		const ored = await anon.db
			.from('authors')
			.select('id, books(id)')
			.eq('id', 3)
			.or('id.eq.5,price.gt.1000', { referencedTable: 'books' });
		expect(ored.data).toEqual([{ id: 3, books: [{ id: 5 }] }]);
	});

	it('disambiguates two foreign keys with !hint (column or constraint name)', async () => {
		const res = await anon.db
			.from('messages')
			.select(
				'body, sender:people!sender_id(name), receiver:people!messages_receiver_id_fkey(name)'
			)
			.eq('id', 1)
			.single();
		expect(res.error).toBeNull();
		expect(res.data).toEqual({
			body: 'xin chào',
			sender: { name: 'Lan' },
			receiver: { name: 'Minh' }
		});
	});

	it('an ambiguous embed is 300 PGRST201 with the candidate relationships', async () => {
		const res = await anon.db.from('messages').select('body, people(name)');
		expect(res.status).toBe(300);
		expect(res.data).toBeNull();
		const error = res.error as unknown as Record<string, unknown>;
		expect(error.code).toBe('PGRST201');
		expect(error.message).toBe(
			"Could not embed because more than one relationship was found for 'messages' and 'people'"
		);
		expect(error.details).toHaveLength(2);
		expect(error.details).toEqual(
			expect.arrayContaining([
				{
					cardinality: 'many-to-one',
					embedding: 'messages with people',
					relationship: 'messages_sender_id_fkey using messages(sender_id) and people(id)'
				},
				{
					cardinality: 'many-to-one',
					embedding: 'messages with people',
					relationship: 'messages_receiver_id_fkey using messages(receiver_id) and people(id)'
				}
			])
		);
		const tail = ". Find the desired relationship in the 'details' key.";
		expect([
			`Try changing 'people' to one of the following: 'people!messages_receiver_id_fkey', 'people!messages_sender_id_fkey'${tail}`,
			`Try changing 'people' to one of the following: 'people!messages_sender_id_fkey', 'people!messages_receiver_id_fkey'${tail}`
		]).toContain(error.hint);
	});

	it('an embed without a relationship is 400 PGRST200', async () => {
		const res = await books().select('id, people(name)');
		expect(res.status).toBe(400);
		expect(res.error).toEqual({
			code: 'PGRST200',
			message: "Could not find a relationship between 'books' and 'people' in the schema cache",
			details:
				"Searched for a foreign key relationship between 'books' and 'people' in the schema 'public', but no matches were found.",
			hint: null
		});
	});

	it('selects from a view', async () => {
		const res = await anon.db
			.from('book_summaries')
			.select('id, author_name')
			.lt('price', 13)
			.order('id');
		expect(res.data).toEqual([
			{ id: 4, author_name: 'Jane Austen' },
			{ id: 5, author_name: 'Jane Austen' },
			{ id: 8, author_name: 'Anonymous' }
		]);
	});
});

describe('filters', () => {
	const base = () => books().select('id').order('id');
	const where = async (
		build: (q: ReturnType<typeof base>) => PromiseLike<{ data: unknown; error: unknown }>
	) => {
		const res = await build(base());
		expect(res.error).toBeNull();
		return ids(res.data);
	};

	it('eq neq gt gte lt lte', async () => {
		expect(await where((q) => q.eq('genre', 'poetry'))).toEqual([1, 2, 3]);
		expect(await where((q) => q.neq('genre', 'poetry'))).toEqual([4, 5, 6, 7, 8]);
		expect(await where((q) => q.gt('price', 15))).toEqual([1, 2, 6]);
		expect(await where((q) => q.gte('price', 15))).toEqual([1, 2, 3, 6]);
		expect(await where((q) => q.lt('price', 10))).toEqual([4, 8]);
		expect(await where((q) => q.lte('price', 9.99))).toEqual([4, 8]);
		expect(await where((q) => q.gt('published_at', '1900-01-01T00:00:00Z'))).toEqual([6, 7]);
		expect(await where((q) => q.eq('in_stock', false))).toEqual([2, 5]);
		expect(await where((q) => q.eq('isbn', 'a0000000-0000-4000-8000-000000000003'))).toEqual([3]);
		expect(await where((q) => q.eq('title_length', 4))).toEqual([5]);
	});

	it('eq with commas, parentheses, percent and star in the value', async () => {
		expect(await where((q) => q.eq('title', 'Chronicles, Vol. 1 (draft) 50% off_*'))).toEqual([8]);
	});

	it('like and ilike, with * as wildcard', async () => {
		expect(await where((q) => q.like('title', 'P%'))).toEqual([4, 7]);
		expect(await where((q) => q.like('title', 'P*'))).toEqual([4, 7]);
		expect(await where((q) => q.ilike('title', '%COSMOS%'))).toEqual([6]);
		expect(await where((q) => q.like('title', '%Vol. 1 (draft)%'))).toEqual([8]);
	});

	it('is null / true / false', async () => {
		expect(await where((q) => q.is('price', null))).toEqual([7]);
		expect(await where((q) => q.is('in_stock', false))).toEqual([2, 5]);
		expect(await where((q) => q.is('in_stock', true))).toEqual([1, 3, 4, 6, 7, 8]);
	});

	it('in, with quoted values', async () => {
		expect(await where((q) => q.in('id', [1, 3, 5]))).toEqual([1, 3, 5]);
		expect(
			await where((q) => q.in('title', ['Emma', 'Chronicles, Vol. 1 (draft) 50% off_*']))
		).toEqual([5, 8]);
		expect(await where((q) => q.in('id', []))).toEqual([]);
	});

	it('in on uuids and enums', async () => {
		expect(
			await where((q) =>
				q.in('isbn', [
					'a0000000-0000-4000-8000-000000000002',
					'a0000000-0000-4000-8000-000000000007'
				])
			)
		).toEqual([2, 7]);
		expect(await where((q) => q.in('genre', ['history', 'science']))).toEqual([6, 7, 8]);
	});

	it('cs cd ov on arrays and jsonb', async () => {
		expect(await where((q) => q.contains('tags', ['classic', 'romance']))).toEqual([4, 5]);
		expect(await where((q) => q.containedBy('tags', ['classic', 'poetry', 'short']))).toEqual([
			1, 2, 3, 8
		]);
		expect(await where((q) => q.overlaps('tags', ['space', 'comedy']))).toEqual([5, 6]);
		expect(await where((q) => q.contains('meta', { lang: 'en' }))).toEqual([4, 5, 6]);
		expect(await where((q) => q.containedBy('meta', { pages: 2, lang: 'vi' }))).toEqual([3, 8]);
	});

	it('filters on JSON paths', async () => {
		expect(await where((q) => q.eq('meta->>lang', 'vi'))).toEqual([1, 2, 3]);
		expect(await where((q) => q.gt('meta->pages', 400))).toEqual([4, 5]);
	});

	it('fts plfts phfts wfts with a config', async () => {
		const fts = (query: string, type?: 'plain' | 'phrase' | 'websearch') =>
			where((q) => q.textSearch('fts', query, { config: 'simple', type }));
		expect(await fts('love')).toEqual([1, 4]);
		expect(await fts("love & 'pride'")).toEqual([4]);
		expect(await fts('love pride', 'plain')).toEqual([4]);
		expect(await fts('the stars', 'phrase')).toEqual([6]);
		expect(await fts('stars the', 'phrase')).toEqual([]);
		expect(await fts('"floating cake" or cosmos', 'websearch')).toEqual([3, 6]);
		expect(await fts('love -pride', 'websearch')).toEqual([1]);
	});

	it('not.<op>', async () => {
		expect(await where((q) => q.not('genre', 'eq', 'poetry'))).toEqual([4, 5, 6, 7, 8]);
		expect(await where((q) => q.not('price', 'is', null))).toEqual([1, 2, 3, 4, 5, 6, 8]);
		expect(await where((q) => q.not('id', 'in', '(1,2,3,4,5)'))).toEqual([6, 7, 8]);
		expect(await where((q) => q.not('tags', 'cs', '{classic}'))).toEqual([3, 6, 8]);
		expect(await where((q) => q.not('title', 'like', '*o*'))).toEqual([1, 3, 4, 5]);
	});

	it('or, and nested and/or/not', async () => {
		expect(await where((q) => q.or('price.gt.100,genre.eq.science'))).toEqual([1, 6, 7]);
		expect(await where((q) => q.or('id.eq.8,and(genre.eq.fiction,in_stock.is.true)'))).toEqual([
			4, 8
		]);
		expect(
			await where((q) => q.or('and(price.gte.10,price.lte.20),not.and(id.gt.1,id.lt.8)'))
		).toEqual([1, 3, 5, 6, 8]);
		expect(
			await where((q) => q.or('title.in.("Emma","Chronicles, Vol. 1 (draft) 50% off_*")'))
		).toEqual([5, 8]);
		expect(await where((q) => q.or('tags.cs.{space},meta->>lang.eq.vi'))).toEqual([1, 2, 3, 6]);
		// Two `or` params are ANDed.
		expect(await where((q) => q.or('id.eq.1,id.eq.2').or('id.eq.2,id.eq.3'))).toEqual([2]);
	});

	it('and= and not.and= as raw query parameters', async () => {
		const and = await rest(server, '/books?select=id&order=id&and=(price.gte.10,price.lte.20)');
		expect(and.status).toBe(200);
		expect(ids(and.json)).toEqual([3, 5, 6]);
		const notAnd = await rest(
			server,
			'/books?select=id&order=id&not.and=(genre.eq.poetry,in_stock.is.true)'
		);
		expect(ids(notAnd.json)).toEqual([2, 4, 5, 6, 7, 8]);
	});

	it('match builds one eq per key', async () => {
		expect(await where((q) => q.match({ genre: 'fiction', in_stock: true }))).toEqual([4]);
	});

	it('a filter on a resource that is not embedded is 400 PGRST108', async () => {
		const res = await books().select('id').eq('authors.name', 'Jane Austen');
		expect(res.status).toBe(400);
		expect(res.error).toEqual({
			code: 'PGRST108',
			message: "'authors' is not an embedded resource in this request",
			details: null,
			hint: "Verify that 'authors' is included in the 'select' query parameter."
		});
	});

	it('an unknown operator is 400 PGRST100', async () => {
		const res = await rest(server, '/books?select=id&id=foo.1');
		expect(res.status).toBe(400);
		expect((res.json as { code: string }).code).toBe('PGRST100');
	});
});

describe('order and paging', () => {
	const order = async (opts: { ascending?: boolean; nullsFirst?: boolean }) => {
		const res = await books().select('id').order('price', opts);
		expect(res.error).toBeNull();
		return ids(res.data);
	};

	it('orders with nulls first / last', async () => {
		expect(await order({ ascending: false, nullsFirst: false })).toEqual([1, 2, 6, 3, 5, 4, 8, 7]);
		expect(await order({ ascending: true, nullsFirst: true })).toEqual([7, 8, 4, 5, 3, 6, 2, 1]);
		// Postgres' own defaults: nulls last ascending, first descending.
		expect(await order({ ascending: true })).toEqual([8, 4, 5, 3, 6, 2, 1, 7]);
		expect(await order({ ascending: false })).toEqual([7, 1, 2, 6, 3, 5, 4, 8]);
	});

	it('orders by several columns, enums by declaration order', async () => {
		const res = await books().select('id').order('genre').order('id', { ascending: false });
		expect(ids(res.data)).toEqual([5, 4, 3, 2, 1, 8, 7, 6]);
	});

	it('order as a raw parameter with nullslast', async () => {
		const res = await rest(server, '/books?select=id&order=price.desc.nullslast,id.asc');
		expect(ids(res.json)).toEqual([1, 2, 6, 3, 5, 4, 8, 7]);
	});

	it('limit, range and offset', async () => {
		const limited = await books().select('id').order('id').limit(3);
		expect(ids(limited.data)).toEqual([1, 2, 3]);
		expect(anon.last().headers.get('content-range')).toBe('0-2/*');
		expect(limited.status).toBe(200);

		const ranged = await books().select('id').order('id').range(2, 4);
		expect(ids(ranged.data)).toEqual([3, 4, 5]);
		expect(anon.last().headers.get('content-range')).toBe('2-4/*');

		const raw = await rest(server, '/books?select=id&order=id&limit=2&offset=6');
		expect(ids(raw.json)).toEqual([7, 8]);
		expect(raw.headers.get('content-range')).toBe('6-7/*');
	});

	it('an offset past the end is an empty array, or 416 when counting', async () => {
		const past = await books().select('id').order('id').range(20, 25);
		expect(past.status).toBe(200);
		expect(past.data).toEqual([]);
		expect(anon.last().headers.get('content-range')).toBe('*/*');

		const counted = await books().select('id', { count: 'exact' }).order('id').range(20, 25);
		expect(counted.status).toBe(416);
		expect(counted.error).toEqual({
			code: 'PGRST103',
			message: 'Requested range not satisfiable',
			details: 'An offset of 20 was requested, but there are only 8 rows.',
			hint: null
		});
	});
});

describe('count', () => {
	it('count=exact with a page: 206 and Content-Range lower-upper/total', async () => {
		const res = await books().select('id', { count: 'exact' }).order('id').range(2, 4);
		expect(res.status).toBe(206);
		expect(res.count).toBe(8);
		expect(ids(res.data)).toEqual([3, 4, 5]);
		expect(anon.last().headers.get('content-range')).toBe('2-4/8');
	});

	it('count=exact covering every row: 200', async () => {
		const res = await books().select('id', { count: 'exact' }).eq('genre', 'poetry');
		expect(res.status).toBe(200);
		expect(res.count).toBe(3);
		expect(res.data).toHaveLength(3);
		expect(anon.last().headers.get('content-range')).toBe('0-2/3');
	});

	it('head: true sends HEAD and returns only the count', async () => {
		const res = await books().select('*', { count: 'exact', head: true });
		expect(anon.last().method).toBe('HEAD');
		expect(res.status).toBe(200);
		expect(res.error).toBeNull();
		expect(res.data).toBeNull();
		expect(res.count).toBe(8);
		expect(anon.last().headers.get('content-range')).toBe('0-7/8');
	});

	it('no rows: Content-Range */0', async () => {
		const res = await books().select('id', { count: 'exact' }).eq('id', 999);
		expect(res.status).toBe(200);
		expect(res.count).toBe(0);
		expect(res.data).toEqual([]);
		expect(anon.last().headers.get('content-range')).toBe('*/0');
		const head = await books().select('*', { count: 'exact', head: true }).eq('id', 999);
		expect(head.count).toBe(0);
		expect(anon.last().headers.get('content-range')).toBe('*/0');
	});

	it('count=estimated below max_rows is exact; planned is a number', async () => {
		const estimated = await books().select('*', { count: 'estimated', head: true });
		expect(estimated.count).toBe(8);
		const planned = await books().select('*', { count: 'planned', head: true });
		expect(planned.error).toBeNull();
		expect(typeof planned.count).toBe('number');
	});

	it('[api] max_rows caps an rpc result, counting still sees all', async () => {
		const capped = await anon.db.rpc('series', { n: 150 });
		expect(capped.status).toBe(200);
		expect(capped.data).toHaveLength(100);
		expect(anon.last().headers.get('content-range')).toBe('0-99/*');
		const counted = await anon.db.rpc('series', { n: 150 }, { count: 'exact' }).range(90, 140);
		expect(counted.status).toBe(206);
		expect(counted.count).toBe(150);
		expect((counted.data as { n: number }[]).map((r) => r.n)).toEqual(
			Array.from({ length: 51 }, (_, i) => i + 91)
		);
		expect(anon.last().headers.get('content-range')).toBe('90-140/150');
		const all = await anon.db.rpc('series', { n: 150 }).limit(500);
		expect(all.data).toHaveLength(100);
	});

	it('[api] max_rows caps a table read, counting still sees all', async () => {
		const rows = Array.from({ length: 120 }, (_, i) => ({ msg: `bulk-${i}` }));
		const inserted = await service.db.from('call_log').insert(rows, { count: 'exact' });
		expect(inserted).toMatchObject({ status: 201, count: 120 });
		const table = await service.db
			.from('call_log')
			.select('msg', { count: 'exact' })
			.like('msg', 'bulk-%');
		expect(table.data).toHaveLength(100);
		expect(table.count).toBe(120);
		expect(table.status).toBe(206);
		expect(service.last().headers.get('content-range')).toBe('0-99/120');
	});

	it('count on an embed filter with !inner counts parents', async () => {
		const res = await anon.db
			.from('authors')
			.select('id, books!inner(id)', { count: 'exact', head: true })
			.eq('books.in_stock', false);
		expect(res.count).toBe(2);
	});
});

describe('single and maybeSingle', () => {
	it('single() with one row is the bare object', async () => {
		const res = await books().select('id, title').eq('id', 5).single();
		expect(res.status).toBe(200);
		expect(res.data).toEqual({ id: 5, title: 'Emma' });
		expect(anon.last().requestHeaders.get('accept')).toBe('application/vnd.pgrst.object+json');
		expect(anon.last().headers.get('content-type')).toMatch(
			/^application\/vnd\.pgrst\.object\+json/
		);
	});

	it('single() with 0 rows is 406 PGRST116', async () => {
		const res = await books().select('id').eq('id', 999).single();
		expect(res.status).toBe(406);
		expect(res.data).toBeNull();
		expect(res.error).toEqual({
			code: 'PGRST116',
			message: 'Cannot coerce the result to a single JSON object',
			details: 'The result contains 0 rows',
			hint: null
		});
	});

	it('single() with 2 rows is 406 PGRST116', async () => {
		const res = await books().select('id').in('id', [1, 2]).single();
		expect(res.status).toBe(406);
		expect(res.error).toEqual({
			code: 'PGRST116',
			message: 'Cannot coerce the result to a single JSON object',
			details: 'The result contains 2 rows',
			hint: null
		});
	});

	it('maybeSingle() with 2 rows: the array comes back and the client refuses it', async () => {
		const res = await books().select('id').in('id', [1, 2]).maybeSingle();
		expect(anon.last().status).toBe(200);
		expect(res.status).toBe(406);
		expect(res.error).toEqual({
			code: 'PGRST116',
			message: 'JSON object requested, multiple (or no) rows returned',
			details: 'Results contain 2 rows, application/vnd.pgrst.object+json requires 1 row',
			hint: null
		});
	});

	it('maybeSingle() gets an array and the client unwraps it', async () => {
		const none = await books().select('id').eq('id', 999).maybeSingle();
		expect(none).toMatchObject({ data: null, error: null, status: 200 });
		const one = await books().select('id').eq('id', 2).maybeSingle();
		expect(one).toMatchObject({ data: { id: 2 }, error: null, status: 200 });
	});
});

describe('insert, upsert, update, delete', () => {
	const items = () => service.db.from('items');

	it('insert without select: 201, no body, Content-Range */*', async () => {
		const res = await anon.db.from('items').insert({ sku: 'I-1', name: 'Eraser', qty: 3 });
		expect(res.error).toBeNull();
		expect(res.status).toBe(201);
		expect(res.data).toBeNull();
		expect(anon.last().headers.get('content-range')).toBe('*/*');
		const check = await items().select('sku, name, qty, note, category_id').eq('sku', 'I-1');
		expect(check.data).toEqual([
			{ sku: 'I-1', name: 'Eraser', qty: 3, note: 'none', category_id: null }
		]);
	});

	it('insert + select returns the rows, single() the object', async () => {
		const many = await anon.db
			.from('items')
			.insert([
				{ sku: 'I-2', name: 'Ruler', qty: 1 },
				{ sku: 'I-3', name: 'Glue', qty: 2, category_id: 1 }
			])
			.select('sku, qty, category_id');
		expect(many.status).toBe(201);
		expect(many.data).toEqual([
			{ sku: 'I-2', qty: 1, category_id: null },
			{ sku: 'I-3', qty: 2, category_id: 1 }
		]);
		const one = await anon.db
			.from('items')
			.insert({ sku: 'I-4', name: 'Chalk' })
			.select('sku, name')
			.single();
		expect(one.status).toBe(201);
		expect(one.data).toEqual({ sku: 'I-4', name: 'Chalk' });
	});

	it('insert + select can embed relations of the new row', async () => {
		const res = await anon.db
			.from('items')
			.insert({ sku: 'I-5', name: 'Poem book', category_id: 2 })
			.select('sku, categories(name)')
			.single();
		expect(res).toMatchObject({
			status: 201,
			data: { sku: 'I-5', categories: { name: 'Poetry' } }
		});
	});

	it('bulk insert fills missing keys with null, or defaults with defaultToNull: false', async () => {
		const nulls = await items()
			.insert([
				{ sku: 'M-1', name: 'a', note: 'custom' },
				{ sku: 'M-2', name: 'b' }
			])
			.select('sku, note');
		expect(nulls.data).toEqual([
			{ sku: 'M-1', note: 'custom' },
			{ sku: 'M-2', note: null }
		]);
		const defaults = await items()
			.insert(
				[
					{ sku: 'M-3', name: 'c', note: 'custom', qty: 4 },
					{ sku: 'M-4', name: 'd' }
				],
				{ defaultToNull: false }
			)
			.select('sku, note, qty');
		expect(defaults.data).toEqual([
			{ sku: 'M-3', note: 'custom', qty: 4 },
			{ sku: 'M-4', note: 'none', qty: 0 }
		]);
	});

	it('insert with count=exact reports the inserted rows', async () => {
		const res = await items().insert(
			[
				{ sku: 'C-1', name: 'x' },
				{ sku: 'C-2', name: 'y' }
			],
			{
				count: 'exact'
			}
		);
		expect(res.status).toBe(201);
		expect(res.count).toBe(2);
	});

	it('upsert merges on a conflict column: 200 when it only updated, 201 when it inserted', async () => {
		await items().insert({ sku: 'U-1', name: 'Pen', qty: 10 });
		const res = await items()
			.upsert({ sku: 'U-1', name: 'Pen v2', qty: 11 }, { onConflict: 'sku' })
			.select('sku, name, qty');
		expect(res.error).toBeNull();
		// Response.hs isInsertIfGTZero: a merge-duplicates upsert that inserted nothing is a 200.
		expect(res.status).toBe(200);
		expect(res.data).toEqual([{ sku: 'U-1', name: 'Pen v2', qty: 11 }]);
		expect(service.last().headers.get('preference-applied')).toContain(
			'resolution=merge-duplicates'
		);
		const all = await items().select('name').eq('sku', 'U-1');
		expect(all.data).toEqual([{ name: 'Pen v2' }]);
		const mixed = await items()
			.upsert(
				[
					{ sku: 'U-1', name: 'Pen v3', qty: 12 },
					{ sku: 'U-5', name: 'Brush', qty: 1 }
				],
				{ onConflict: 'sku' }
			)
			.select('sku, name');
		expect(mixed.status).toBe(201);
		expect(mixed.data).toEqual([
			{ sku: 'U-1', name: 'Pen v3' },
			{ sku: 'U-5', name: 'Brush' }
		]);
	});

	it('upsert with ignoreDuplicates keeps the existing row and returns nothing for it', async () => {
		await items().insert({ sku: 'U-2', name: 'Notebook', qty: 5 });
		const res = await items()
			.upsert(
				[
					{ sku: 'U-2', name: 'ignored', qty: 99 },
					{ sku: 'U-3', name: 'fresh', qty: 1 }
				],
				{ onConflict: 'sku', ignoreDuplicates: true }
			)
			.select('sku, name');
		expect(res.error).toBeNull();
		expect(res.status).toBe(201);
		expect(res.data).toEqual([{ sku: 'U-3', name: 'fresh' }]);
		expect(service.last().headers.get('preference-applied')).toContain(
			'resolution=ignore-duplicates'
		);
		const kept = await items().select('name, qty').eq('sku', 'U-2');
		expect(kept.data).toEqual([{ name: 'Notebook', qty: 5 }]);
	});

	it('upsert on a composite key with ignoreDuplicates changes nothing', async () => {
		const res = await service.db
			.from('book_categories')
			.upsert([{ book_id: 1, category_id: 1 }], {
				onConflict: 'book_id,category_id',
				ignoreDuplicates: true
			})
			.select();
		expect(res).toMatchObject({ status: 201, data: [], error: null });
		expect(service.last().url).toContain('on_conflict=book_id%2Ccategory_id');
	});

	it('upsert on the primary key by default', async () => {
		const created = await items().insert({ sku: 'U-4', name: 'old' }).select('id').single();
		const id = (created.data as { id: number }).id;
		const res = await items().upsert({ id, sku: 'U-4', name: 'new', qty: 2 }).select('id, name');
		expect(res.data).toEqual([{ id, name: 'new' }]);
	});

	it('update: 204 without select, 200 with the rows with select', async () => {
		await items().insert({ sku: 'P-1', name: 'Pencil', qty: 1 });
		const bare = await anon.db.from('items').update({ qty: 7 }).eq('sku', 'P-1');
		expect(bare.error).toBeNull();
		expect(bare.status).toBe(204);
		expect(bare.data).toBeNull();
		const selected = await anon.db
			.from('items')
			.update({ qty: 8, note: 'sharp' })
			.eq('sku', 'P-1')
			.select('sku, qty, note');
		expect(selected.status).toBe(200);
		expect(selected.data).toEqual([{ sku: 'P-1', qty: 8, note: 'sharp' }]);
	});

	it('update matching nothing is 204 and no error', async () => {
		const res = await items().update({ qty: 1 }).eq('sku', 'does-not-exist');
		expect(res.error).toBeNull();
		expect(res.status).toBe(204);
		const selected = await items().update({ qty: 1 }).eq('sku', 'does-not-exist').select();
		expect(selected.status).toBe(200);
		expect(selected.data).toEqual([]);
	});

	it('update with count=exact', async () => {
		await items().insert([
			{ sku: 'Q-1', name: 'q' },
			{ sku: 'Q-2', name: 'q' }
		]);
		const res = await items().update({ qty: 3 }, { count: 'exact' }).like('sku', 'Q-%');
		expect(res.status).toBe(204);
		expect(res.count).toBe(2);
		expect(service.last().headers.get('content-range')).toBe('0-1/2');
	});

	it('delete with count: 204 and Content-Range */N', async () => {
		await items().insert([
			{ sku: 'D-1', name: 'd' },
			{ sku: 'D-2', name: 'd' },
			{ sku: 'D-3', name: 'd' }
		]);
		const res = await items().delete({ count: 'exact' }).in('sku', ['D-1', 'D-2']);
		expect(res.error).toBeNull();
		expect(res.status).toBe(204);
		expect(res.count).toBe(2);
		expect(service.last().headers.get('content-range')).toBe('*/2');
		const returned = await items().delete().eq('sku', 'D-3').select('sku');
		expect(returned.status).toBe(200);
		expect(returned.data).toEqual([{ sku: 'D-3' }]);
		const left = await items().select('sku').like('sku', 'D-%');
		expect(left.data).toEqual([]);
	});
});

describe('rpc', () => {
	it('scalar with named args, POST and GET', async () => {
		const post = await anon.db.rpc('add_numbers', { a: 2, b: 3 });
		expect(post).toMatchObject({ data: 5, error: null, status: 200 });
		const get = await anon.db.rpc('add_numbers', { a: 40, b: 2 }, { get: true });
		expect(anon.last().method).toBe('GET');
		expect(get).toMatchObject({ data: 42, error: null, status: 200 });
	});

	it('GET with an array argument', async () => {
		const res = await anon.db.rpc('sum_array', { vals: [1, 2, 3] }, { get: true });
		expect(res.data).toBe(6);
	});

	it('default arguments may be left out', async () => {
		expect((await anon.db.rpc('count_books')).data).toBe(7);
		expect((await anon.db.rpc('count_books', { min_price: 20 })).data).toBe(3);
	});

	it('setof table with select, filters and order', async () => {
		const res = await anon.db
			.rpc('books_by_author', { author_name: 'Jane Austen' })
			.select('id, title')
			.order('id', { ascending: false });
		expect(res.data).toEqual([
			{ id: 5, title: 'Emma' },
			{ id: 4, title: 'Pride and Prejudice' }
		]);
		const filtered = await anon.db
			.rpc('books_by_author', { author_name: 'Nguyễn Du' })
			.gt('price', 50)
			.select('id');
		expect(filtered.data).toEqual([{ id: 1 }]);
		const limited = await anon.db
			.rpc('books_by_author', { author_name: 'Nguyễn Du' })
			.select('id')
			.limit(1);
		expect(limited.data).toEqual([{ id: 1 }]);
	});

	it('setof table embeds relations of the returned table', async () => {
		const res = await anon.db
			.rpc('books_by_author', { author_name: 'Carl Sagan' })
			.select('id, authors(name)')
			.eq('id', 6);
		expect(res.data).toEqual([{ id: 6, authors: { name: 'Carl Sagan' } }]);
	});

	it('single() and count on a set-returning function', async () => {
		const one = await anon.db
			.rpc('books_by_author', { author_name: 'Hồ Xuân Hương' })
			.select('id, title')
			.single();
		expect(one).toMatchObject({ status: 200, data: { id: 3, title: 'Bánh trôi nước' } });
		const two = await anon.db.rpc('books_by_author', { author_name: 'Carl Sagan' }).single();
		expect(two.status).toBe(406);
		expect((two.error as { details: string }).details).toBe('The result contains 2 rows');
		const counted = await anon.db
			.rpc('books_by_author', { author_name: 'Nguyễn Du' }, { count: 'exact' })
			.select('id');
		expect(counted).toMatchObject({ status: 200, count: 2, data: [{ id: 1 }, { id: 2 }] });
		expect(anon.last().headers.get('content-range')).toBe('0-1/2');
	});

	it('filters and orders a returns table(...) result', async () => {
		const res = await anon.db
			.rpc('author_stats')
			.gt('book_count', 1)
			.order('total_price', { ascending: false })
			.select('author_id');
		expect(res.data).toEqual([{ author_id: 1 }, { author_id: 3 }, { author_id: 4 }]);
	});

	it('returns table(...)', async () => {
		const res = await anon.db.rpc('author_stats');
		expect(res.data).toEqual([
			{ author_id: 1, book_count: 2, total_price: 165.5 },
			{ author_id: 2, book_count: 1, total_price: 15 },
			{ author_id: 3, book_count: 2, total_price: 22.49 },
			{ author_id: 4, book_count: 2, total_price: 20 },
			{ author_id: 5, book_count: 1, total_price: 0 }
		]);
	});

	it('void: 204 and the side effect happened', async () => {
		const res = await anon.db.rpc('log_call', { msg: 'rpc void' });
		expect(res.error).toBeNull();
		expect(res.status).toBe(204);
		expect(res.data).toBeNull();
		const log = await service.db.from('call_log').select('msg').eq('msg', 'rpc void');
		expect(log.data).toEqual([{ msg: 'rpc void' }]);
	});

	it('GET runs in a read-only transaction: a writing function is 405 25006', async () => {
		const res = await anon.db.rpc('log_call', { msg: 'via get' }, { get: true });
		expect(res.status).toBe(405);
		expect(res.error).toEqual({
			code: '25006',
			message: 'cannot execute INSERT in a read-only transaction',
			details: null,
			hint: null
		});
		const log = await service.db.from('call_log').select('msg').eq('msg', 'via get');
		expect(log.data).toEqual([]);
	});

	it('head with count', async () => {
		const res = await anon.db.rpc(
			'books_by_author',
			{ author_name: 'Jane Austen' },
			{ head: true, count: 'exact' }
		);
		expect(anon.last().method).toBe('HEAD');
		expect(res.error).toBeNull();
		expect(res.data).toBeNull();
		expect(res.count).toBe(2);
	});

	it('single jsonb argument', async () => {
		const payload = { a: [1, 2], b: 'xin chào', c: { d: null } };
		const res = await anon.db.rpc('echo_json', { payload });
		expect(res.data).toEqual(payload);
	});

	it('a raise is 400 with the message, detail and hint', async () => {
		const res = await anon.db.rpc('fail_with', { msg: 'Không được phép' });
		expect(res.status).toBe(400);
		expect(res.error).toEqual({
			code: 'P0001',
			message: 'Không được phép',
			details: 'raised on purpose',
			hint: 'call it with another msg'
		});
	});

	it('an unknown function is 404 PGRST202', async () => {
		const res = await anon.db.rpc('no_such_fn', { x: 1 });
		expect(res.status).toBe(404);
		expect(res.error).toEqual({
			code: 'PGRST202',
			message: 'Could not find the function public.no_such_fn(x) in the schema cache',
			details:
				'Searched for the function public.no_such_fn with parameter x or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
			hint: null
		});
	});

	it('the failed transaction left nothing behind', async () => {
		const res = await anon.db.rpc('log_call', { msg: null as unknown as string });
		expect(res.status).toBe(400);
		expect((res.error as { code: string }).code).toBe('23502');
		const log = await service.db.from('call_log').select('msg').is('msg', null);
		expect(log.data).toEqual([]);
	});
});

describe('csv and schemas', () => {
	it('csv() returns text/csv as PostgREST formats it', async () => {
		const res = await books().select('id, title, price').in('id', [4, 7, 8]).order('id').csv();
		expect(res.error).toBeNull();
		expect(anon.last().headers.get('content-type')).toMatch(/^text\/csv/);
		expect(res.data).toBe(
			'id,title,price\n4,"Pride and Prejudice",9.99\n7,"Pale Blue Dot",\n8,"Chronicles, Vol. 1 (draft) 50% off_*",0.00'
		);
	});

	it('schema() switches with Accept-Profile and Content-Profile', async () => {
		const pub = await anon.db.from('gadgets').select('id, name');
		expect(pub.data).toEqual([{ id: 1, name: 'Public gadget' }]);
		const other = await anon.db.schema('other').from('gadgets').select('id, name').order('id');
		expect(anon.last().requestHeaders.get('accept-profile')).toBe('other');
		expect(other.data).toEqual([
			{ id: 1, name: 'Other gadget' },
			{ id: 2, name: 'Other thing' }
		]);
		expect(anon.last().headers.get('content-profile')).toBe('other');
		const inserted = await service.db
			.schema('other')
			.from('gadgets')
			.insert({ id: 3, name: 'New', weight: 1 })
			.select('id, name, weight');
		expect(service.last().requestHeaders.get('content-profile')).toBe('other');
		expect(inserted.data).toEqual([{ id: 3, name: 'New', weight: 1 }]);
		const stillOne = await service.db.from('gadgets').select('id');
		expect(stillOne.data).toEqual([{ id: 1 }]);
	});

	it('an unexposed schema is 406 PGRST106', async () => {
		const res = await anon.db.schema('auth').from('users').select('*');
		expect(res.status).toBe(406);
		expect(res.error).toEqual({
			code: 'PGRST106',
			message: 'Invalid schema: auth',
			details: null,
			hint: 'Only the following schemas are exposed: public, other'
		});
	});
});

describe('errors', () => {
	it('unknown table: 404 PGRST205', async () => {
		const res = await anon.db.from('zzz_unknown').select('*');
		expect(res.status).toBe(404);
		expect(res.error).toEqual({
			code: 'PGRST205',
			message: "Could not find the table 'public.zzz_unknown' in the schema cache",
			details: null,
			hint: null
		});
	});

	it('unknown table close to a real one gets a hint', async () => {
		const res = await anon.db.from('book').select('*');
		expect(res.status).toBe(404);
		expect(res.error).toEqual({
			code: 'PGRST205',
			message: "Could not find the table 'public.book' in the schema cache",
			details: null,
			hint: "Perhaps you meant the table 'public.books'"
		});
	});

	it('unknown column in select or filter: 400 42703', async () => {
		const expected = {
			code: '42703',
			message: 'column books.nope does not exist',
			details: null,
			hint: null
		};
		const selected = await books().select('id, nope');
		expect(selected.status).toBe(400);
		expect(selected.error).toEqual(expected);
		const filtered = await books().select('id').eq('nope', 1);
		expect(filtered.status).toBe(400);
		expect(filtered.error).toEqual(expected);
	});

	it('unknown column in an insert body: 400 PGRST204', async () => {
		const res = await anon.db.from('items').insert({ sku: 'E-0', name: 'x', nope: 1 });
		expect(res.status).toBe(400);
		expect(res.error).toEqual({
			code: 'PGRST204',
			message: "Could not find the 'nope' column of 'items' in the schema cache",
			details: null,
			hint: null
		});
	});

	it('unique violation: 409 23505', async () => {
		await service.db.from('items').insert({ sku: 'E-1', name: 'first' });
		const res = await anon.db.from('items').insert({ sku: 'E-1', name: 'again' });
		expect(res.status).toBe(409);
		expect(res.error).toEqual({
			code: '23505',
			message: 'duplicate key value violates unique constraint "items_sku_key"',
			details: 'Key (sku)=(E-1) already exists.',
			hint: null
		});
	});

	it('foreign key violation: 409 23503', async () => {
		const res = await anon.db.from('items').insert({ sku: 'E-2', name: 'x', category_id: 999 });
		expect(res.status).toBe(409);
		expect(res.error).toEqual({
			code: '23503',
			message:
				'insert or update on table "items" violates foreign key constraint "items_category_id_fkey"',
			details: 'Key (category_id)=(999) is not present in table "categories".',
			hint: null
		});
	});

	it('not-null violation: 400 23502', async () => {
		const res = await anon.db.from('items').insert({ sku: 'E-3' });
		expect(res.status).toBe(400);
		const error = res.error as unknown as Record<string, unknown>;
		expect(error.code).toBe('23502');
		expect(error.message).toBe(
			'null value in column "name" of relation "items" violates not-null constraint'
		);
		expect(error.details).toMatch(/^Failing row contains \(\d+, E-3, null, 0, none, null\)\.$/);
		expect(error.hint).toBeNull();
	});

	it('check violation: 400 23514', async () => {
		const res = await anon.db.from('items').insert({ sku: 'E-4', name: 'x', qty: -1 });
		expect(res.status).toBe(400);
		const error = res.error as unknown as Record<string, unknown>;
		expect(error.code).toBe('23514');
		expect(error.message).toBe(
			'new row for relation "items" violates check constraint "items_qty_check"'
		);
		expect(error.details).toMatch(/^Failing row contains \(\d+, E-4, x, -1, none, null\)\.$/);
	});

	it('bad uuid and bad integer: 400 22P02', async () => {
		const uuid = await books().select('id').eq('isbn', 'not-a-uuid');
		expect(uuid.status).toBe(400);
		expect(uuid.error).toEqual({
			code: '22P02',
			message: 'invalid input syntax for type uuid: "not-a-uuid"',
			details: null,
			hint: null
		});
		const int = await books().select('id').eq('id', 'abc');
		expect(int.status).toBe(400);
		expect(int.error).toEqual({
			code: '22P02',
			message: 'invalid input syntax for type integer: "abc"',
			details: null,
			hint: null
		});
	});

	it('a generated column cannot be written: 400 428C9', async () => {
		const res = await service.db.from('books').insert({
			id: 99,
			title: 'x',
			author_id: 1,
			isbn: 'b0000000-0000-4000-8000-000000000099',
			title_length: 3
		});
		expect(res.status).toBe(400);
		expect(res.error).toEqual({
			code: '428C9',
			message: 'cannot insert a non-DEFAULT value into column "title_length"',
			details: 'Column "title_length" is a generated column.',
			hint: null
		});
	});

	it('a value outside an enum: 400 22P02', async () => {
		const res = await books().select('id').eq('genre', 'nope');
		expect(res.status).toBe(400);
		expect(res.error).toEqual({
			code: '22P02',
			message: 'invalid input value for enum genre: "nope"',
			details: null,
			hint: null
		});
	});

	it('nothing of a failed write is kept', async () => {
		const res = await anon.db.from('items').insert([
			{ sku: 'E-5', name: 'ok' },
			{ sku: 'E-6', name: 'bad', qty: -5 }
		]);
		expect(res.status).toBe(400);
		const left = await service.db.from('items').select('sku').in('sku', ['E-5', 'E-6']);
		expect(left.data).toEqual([]);
	});

	it('malformed JSON body: 400 PGRST102', async () => {
		const res = await rest(server, '/items', { method: 'POST', body: '{"sku": ' });
		expect(res.status).toBe(400);
		expect((res.json as { code: string }).code).toBe('PGRST102');
	});

	it('an invalid JWT is 401 PGRST301 and reads nothing', async () => {
		const res = await rest(server, '/books?select=id', { token: 'not.a.jwt' });
		expect(res.status).toBe(401);
		expect((res.json as { code: string }).code).toBe('PGRST301');
	});
});
