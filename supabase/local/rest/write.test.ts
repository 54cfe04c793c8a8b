import { describe, expect, it } from 'vitest';
import { BACKENDS, useHarness } from './test-helpers';

const REP = { prefer: 'return=representation' };

describe.each(BACKENDS)('writes on %s', (kind) => {
	const h = useHarness(kind);

	it('inserts one object: 201 empty by default, representation on request', async () => {
		const min = await h.call('POST', '/categories', { body: { name: 'history' } });
		expect(min.status).toBe(201);
		expect(min.body ?? '').toBe('');
		const rep = await h.call('POST', '/categories', { body: { name: 'science' }, headers: REP });
		expect(rep.status).toBe(201);
		expect(rep.data).toEqual([{ id: 5, name: 'science' }]);
		const single = await h.call('POST', '/categories', {
			body: { name: 'art' },
			query: 'select=name',
			headers: { ...REP, accept: 'application/vnd.pgrst.object+json' }
		});
		expect(single.data).toEqual({ name: 'art' });
	});

	it('bulk inserts with columns= and missing=default', async () => {
		const r = await h.call('POST', '/books', {
			query: 'columns="title","pages"&select=title,pages,tags',
			body: [{ title: 'A', pages: 1, ignored: true }, { title: 'B' }],
			headers: { prefer: 'return=representation,missing=default' }
		});
		expect(r.status, JSON.stringify(r.data)).toBe(201);
		expect(r.data).toEqual([
			{ title: 'A', pages: 1, tags: [] },
			{ title: 'B', pages: null, tags: [] }
		]);
		const nulls = await h.call('POST', '/books', {
			query: 'select=title,tags',
			body: [{ title: 'C', tags: ['x'] }, { title: 'D' }],
			headers: { prefer: 'return=representation,missing=default' }
		});
		expect(nulls.data).toEqual([
			{ title: 'C', tags: ['x'] },
			{ title: 'D', tags: [] }
		]);
		const unknown = await h.call('POST', '/books', { body: { title: 'E', nope: 1 } });
		expect(unknown.status).toBe(400);
		expect(unknown.data).toMatchObject({ code: 'PGRST204' });
	});

	it('returns embeds in the representation and a Location for headers-only', async () => {
		const r = await h.call('POST', '/reviews', {
			query: 'select=rating,books(title)',
			body: { book_id: 2, rating: 3 },
			headers: REP
		});
		expect(r.data).toEqual([{ rating: 3, books: { title: 'Lão Hạc' } }]);
		const loc = await h.call('POST', '/people', {
			body: { name: 'Chi' },
			headers: { prefer: 'return=headers-only' }
		});
		expect(loc.status).toBe(201);
		expect(loc.header('location')).toMatch(/^\/people\?id=eq\.\d+$/);
	});

	it('upserts with merge-duplicates and ignore-duplicates', async () => {
		const merge = await h.call('POST', '/categories', {
			query: 'on_conflict=name',
			body: [{ name: 'novel' }, { name: 'drama' }],
			headers: { prefer: 'return=representation,resolution=merge-duplicates' }
		});
		expect(merge.status, JSON.stringify(merge.data)).toBe(201);
		expect((merge.data as { name: string }[]).map((x) => x.name)).toEqual(['novel', 'drama']);
		const ignore = await h.call('POST', '/categories', {
			query: 'on_conflict=name',
			body: [{ name: 'novel' }, { name: 'epic' }],
			headers: { prefer: 'return=representation,resolution=ignore-duplicates' }
		});
		expect((ignore.data as { name: string }[]).map((x) => x.name)).toEqual(['epic']);
		const pk = await h.call('POST', '/authors', {
			body: { id: 3, name: 'Xuân Diệu (poet)' },
			headers: { prefer: 'return=representation,resolution=merge-duplicates' }
		});
		expect(pk.data).toMatchObject([{ id: 3, name: 'Xuân Diệu (poet)' }]);
		// PostgREST: an upsert that only merged (nothing new) answers 200, not 201.
		expect(pk.status).toBe(200);
		const dup = await h.call('POST', '/categories', { body: { name: 'novel' } });
		expect(dup.status).toBe(409);
		expect(dup.data).toMatchObject({ code: '23505' });
	});

	it('updates with filters: 204, or 200 with the representation', async () => {
		const none = await h.call('PATCH', '/people', { query: 'id=eq.1', body: { name: 'An (1)' } });
		expect(none.status).toBe(204);
		const rep = await h.call('PATCH', '/people', {
			query: 'id=eq.1&select=name',
			body: { name: 'An' },
			headers: REP
		});
		expect(rep.status).toBe(200);
		expect(rep.data).toEqual([{ name: 'An' }]);
		const changed = await h.call('PATCH', '/books', {
			query: 'title=eq.Lão Hạc&select=title',
			body: { title: 'Lão Hạc!' },
			headers: { ...REP, prefer: 'return=representation,count=exact' }
		});
		expect(changed.data).toEqual([{ title: 'Lão Hạc!' }]);
		expect(changed.header('content-range')).toBe('0-0/1');
		const noWhere = await h.call('PATCH', '/people', { body: { name: 'x' } });
		expect(noWhere.status).toBe(400);
		expect(noWhere.data).toMatchObject({ code: '21000' });
		const fk = await h.call('PATCH', '/books', { query: 'id=eq.1', body: { author_id: 999 } });
		expect(fk.status).toBe(409);
		expect(fk.data).toMatchObject({ code: '23503' });
		const check = await h.call('POST', '/reviews', { body: { book_id: 1, rating: 9 } });
		expect(check.status).toBe(400);
		expect(check.data).toMatchObject({ code: '23514' });
		const notNull = await h.call('POST', '/authors', { body: { born: '2000-01-01' } });
		expect(notNull.status).toBe(400);
		expect(notNull.data).toMatchObject({ code: '23502' });
	});

	it('limits updates and deletes with order', async () => {
		const r = await h.call('PATCH', '/reviews', {
			query: 'book_id=eq.1&order=rating.asc&limit=1&select=body',
			body: { body: 'updated' },
			headers: REP
		});
		expect(r.data).toEqual([{ body: 'updated' }]);
	});

	it('deletes with filters and counts', async () => {
		await h.call('POST', '/people', { body: [{ name: 'tmp1' }, { name: 'tmp2' }] });
		const r = await h.call('DELETE', '/people', {
			query: 'name=like.tmp*',
			headers: { prefer: 'count=exact' }
		});
		expect(r.status).toBe(204);
		expect(r.header('content-range')).toBe('*/2');
		const rep = await h.call('DELETE', '/categories', { query: 'name=eq.epic', headers: REP });
		expect(rep.status).toBe(200);
		expect(rep.data).toMatchObject([{ name: 'epic' }]);
	});

	it('rolls back with Prefer: tx=rollback and on single-object violations', async () => {
		const r = await h.call('POST', '/people', {
			body: { name: 'ghost' },
			headers: { prefer: 'return=representation,tx=rollback' }
		});
		expect(r.status).toBe(201);
		const ghost = await h.call('GET', '/people', { query: 'name=eq.ghost' });
		expect(ghost.data).toEqual([]);
		const many = await h.call('POST', '/people', {
			body: [{ name: 'g1' }, { name: 'g2' }],
			headers: { ...REP, accept: 'application/vnd.pgrst.object+json' }
		});
		expect(many.status).toBe(406);
		const after = await h.call('GET', '/people', { query: 'name=like.g*' });
		expect(after.data).toEqual([]);
	});

	it('rejects invalid json', async () => {
		const r = await h.call('POST', '/people', { body: '{nope' });
		expect(r.status).toBe(400);
		expect(r.data).toMatchObject({ code: 'PGRST102' });
	});
});
