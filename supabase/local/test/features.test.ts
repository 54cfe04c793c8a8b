// PostgREST features beyond the wire contract, through the real supabase-js where it can express
// them (aggregates, computed fields and relationships, spread, overloads, maxAffected, stripNulls,
// planned counts) and raw HTTP otherwise (OpenAPI root, Prefer handling/timezone).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupabase } from '../testing';
import { type TestClient, type TestServer, client, rest, serviceClient } from './harness';

/**
 * `.maxAffected(n)`: supabase-js types allow it only for clients typed with PostgrestVersion 13;
 * these clients are untyped, the call is the same at runtime.
 */
function maxAffected<T>(builder: T, n: number): T {
	return (builder as unknown as { maxAffected(n: number): T }).maxAffected(n);
}

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixture-features');

let server: TestServer;
let anon: TestClient;
let service: TestClient;

beforeAll(async () => {
	server = await startTestSupabase({ workdir: DIR });
	anon = client(server);
	service = serviceClient(server);
}, 180_000);
afterAll(async () => {
	await server?.stop();
});

describe('aggregates (db-aggregates-enabled for this database)', () => {
	it('sums, averages, counts with aliases and implicit grouping', async () => {
		const total = await anon.db.from('invoices').select('total:amount.sum()');
		expect(total.error).toBeNull();
		expect(total.data).toEqual([{ total: 375.75 }]);
		const byProject = await anon.db
			.from('invoices')
			.select('project_id, total:amount.sum(), n:count(), amount.max()')
			.order('project_id');
		expect(byProject.data).toEqual([
			{ project_id: 1, total: 150.5, n: 2, max: 100 },
			{ project_id: 2, total: 225.25, n: 3, max: 200 }
		]);
		const minmax = await anon.db
			.from('invoices')
			.select('amount.min(), amount.max(), amount.count()');
		expect(minmax.data).toEqual([{ min: 5.25, max: 200, count: 5 }]);
	});

	it('casts before and after the aggregate, including json paths', async () => {
		const res = await anon.db
			.from('invoices')
			.select(
				'ints:amount::int.sum(), qty:data->>qty::int.sum(), avg:amount.avg()::int, c:count()::text'
			);
		expect(res.error).toBeNull();
		expect(res.data).toEqual([{ ints: 376, qty: 10, avg: 75, c: '5' }]);
	});

	it('aggregates inside embeds and groups by an embedded to-one', async () => {
		const res = await anon.db
			.from('projects')
			.select('name, invoices(amount.sum(), count())')
			.order('id');
		expect(res.data).toEqual([
			{ name: 'Lớp Zalo', invoices: [{ sum: 150.5, count: 2 }] },
			{ name: 'Lớp VNeID', invoices: [{ sum: 225.25, count: 3 }] },
			{ name: 'Trống', invoices: [{ sum: null, count: 0 }] }
		]);
		const grouped = await anon.db
			.from('invoices')
			.select('total:amount.sum(), projects(name)')
			.order('project_id');
		expect(grouped.error?.message).toMatch(/project_id/);
		const ok = await anon.db
			.from('invoices')
			.select('project_id, total:amount.sum(), projects(name)')
			.order('project_id');
		expect(ok.data).toEqual([
			{ project_id: 1, total: 150.5, projects: { name: 'Lớp Zalo' } },
			{ project_id: 2, total: 225.25, projects: { name: 'Lớp VNeID' } }
		]);
	});

	it('rejects an unknown aggregate as a parse error', async () => {
		const res = await rest(server, '/invoices?select=amount.median()');
		expect(res.status).toBe(400);
		expect(res.json).toMatchObject({ code: 'PGRST100' });
	});
});

describe('computed fields and relationships', () => {
	it('selects, filters and orders by a computed field', async () => {
		const res = await anon.db.from('people').select('id, full_name').eq('full_name', 'Trần Bình');
		expect(res.data).toEqual([{ id: 2, full_name: 'Trần Bình' }]);
		const ordered = await anon.db
			.from('people')
			.select('full_name')
			.order('full_name', { ascending: false });
		expect(ordered.data).toEqual([{ full_name: 'Trần Bình' }, { full_name: 'Nguyễn An' }]);
		const star = await anon.db.from('invoices').select('*, amount_cents').eq('id', 2);
		expect(star.data).toEqual([
			{ id: 2, project_id: 1, amount: 50.5, note: null, data: { qty: '3' }, amount_cents: 5050 }
		]);
	});

	it('embeds functions returning rows: setof as an array, rows 1 as an object', async () => {
		const many = await anon.db
			.from('projects')
			.select('name, big_invoices(id, amount)')
			.order('id');
		expect(many.data).toEqual([
			{ name: 'Lớp Zalo', big_invoices: [{ id: 1, amount: 100 }] },
			{ name: 'Lớp VNeID', big_invoices: [{ id: 3, amount: 200 }] },
			{ name: 'Trống', big_invoices: [] }
		]);
		const one = await anon.db.from('invoices').select('id, owner_project(name)').eq('id', 3);
		expect(one.data).toEqual([{ id: 3, owner_project: { name: 'Lớp VNeID' } }]);
		const inner = await anon.db.from('projects').select('id, big_invoices!inner(id)').order('id');
		expect(inner.data).toEqual([
			{ id: 1, big_invoices: [{ id: 1 }] },
			{ id: 2, big_invoices: [{ id: 3 }] }
		]);
	});
});

describe('spread embeds', () => {
	it('lifts a to-one embed into the parent row', async () => {
		const res = await anon.db
			.from('invoices')
			.select('id, ...projects(project_name:name, client)')
			.eq('id', 1);
		expect(res.data).toEqual([{ id: 1, project_name: 'Lớp Zalo', client: 'Phường 1' }]);
	});

	it('spreads a to-many embed as arrays of values (PostgREST 13)', async () => {
		const res = await anon.db
			.from('projects')
			.select('name, ...invoices(amounts:amount, note)')
			.order('id')
			.order('id', { referencedTable: 'invoices' });
		expect(res.error).toBeNull();
		expect(res.data).toEqual([
			{ name: 'Lớp Zalo', amounts: [100, 50.5], note: ['a', null] },
			{ name: 'Lớp VNeID', amounts: [200, 20, 5.25], note: ['c', null, 'e'] },
			{ name: 'Trống', amounts: [], note: [] }
		]);
	});
});

describe('overloaded and polymorphic functions', () => {
	it('resolves overloads by argument names', async () => {
		expect((await anon.db.rpc('greet')).data).toBe('hello');
		expect((await anon.db.rpc('greet', { name: 'An' })).data).toBe('hello An');
		expect((await anon.db.rpc('greet', { name: 'An', polite: true })).data).toBe('good day An');
		expect((await anon.db.rpc('greet', { name: 'Bình' }, { get: true })).data).toBe('hello Bình');
	});

	it('answers PGRST203 listing the candidates in PostgREST order', async () => {
		const res = await anon.db.rpc('pick', { a: 1 });
		expect(res.status).toBe(300);
		expect(res.error).toMatchObject({
			code: 'PGRST203',
			message:
				'Could not choose the best candidate function between: public.pick(a => integer), public.pick(a => text)',
			hint: 'Try renaming the parameters or the function itself in the database so function overloading can be resolved'
		});
	});

	it('answers PGRST202 with a hint when no overload takes the arguments', async () => {
		const res = await anon.db.rpc('greet', { nam: 'x' });
		expect(res.status).toBe(404);
		expect(res.error).toMatchObject({
			code: 'PGRST202',
			message: 'Could not find the function public.greet(nam) in the schema cache',
			hint: 'Perhaps you meant to call the function public.greet(name)'
		});
	});

	it('calls polymorphic functions with text arguments', async () => {
		expect((await anon.db.rpc('echo_any', { x: 'xin chào' })).data).toBe('xin chào');
		expect((await anon.db.rpc('echo_any', { x: 'a b' }, { get: true })).data).toBe('a b');
	});
});

describe('Prefer: handling, max-affected, timezone', () => {
	it('maxAffected() refuses a delete touching more rows, and keeps them', async () => {
		const res = await maxAffected(service.db.from('invoices').delete().gt('amount', 10), 2);
		expect(res.status).toBe(400);
		expect(res.error).toEqual({
			code: 'PGRST124',
			message: 'Query result exceeds max-affected preference constraint',
			details: 'The query affects 4 rows',
			hint: null
		});
		const left = await service.db.from('invoices').select('id', { count: 'exact', head: true });
		expect(left.count).toBe(5);
		const ok = await maxAffected(
			service.db.from('invoices').update({ note: 'one' }).eq('id', 5),
			1
		).select('id, note');
		expect(ok.data).toEqual([{ id: 5, note: 'one' }]);
		expect(service.last().headers.get('preference-applied')).toBe(
			'return=representation, handling=strict, max-affected=1'
		);
	});

	it('applies max-affected to functions returning sets, and PGRST128 to others', async () => {
		const res = await maxAffected(service.db.rpc('drop_invoices_over', { lim: 10 }), 1);
		expect(res.error).toMatchObject({ code: 'PGRST124', details: 'The query affects 4 rows' });
		const v = await maxAffected(service.db.rpc('touch_nothing'), 1);
		expect(v.status).toBe(400);
		expect(v.error).toMatchObject({
			code: 'PGRST128',
			message:
				'Function must return SETOF or TABLE when max-affected preference is used with handling=strict'
		});
		const left = await service.db.from('invoices').select('id', { count: 'exact', head: true });
		expect(left.count).toBe(5);
	});

	it('ignores max-affected without handling=strict, as PostgREST does', async () => {
		const res = await rest(server, '/invoices?id=eq.5', {
			method: 'PATCH',
			token: server.serviceRoleKey,
			headers: { Prefer: 'handling=lenient, max-affected=0' },
			body: JSON.stringify({ note: 'lenient' })
		});
		expect(res.status).toBe(204);
		expect(res.headers.get('preference-applied')).toBe('handling=lenient');
	});

	it('refuses unknown preferences under handling=strict (PGRST122)', async () => {
		const res = await rest(server, '/projects', {
			headers: { Prefer: 'handling=strict, foo, bar' }
		});
		expect(res.status).toBe(400);
		expect(res.json).toEqual({
			code: 'PGRST122',
			message: 'Invalid preferences given with handling=strict',
			details: 'Invalid preferences: foo, bar',
			hint: null
		});
		const lenient = await rest(server, '/projects?select=id', {
			headers: { Prefer: 'handling=lenient, foo' }
		});
		expect(lenient.status).toBe(200);
	});

	it('sets the session time zone from Prefer: timezone', async () => {
		const res = await rest(server, '/events?select=at&order=id', {
			headers: { Prefer: 'timezone=Asia/Ho_Chi_Minh' }
		});
		expect(res.json).toEqual([
			{ at: '2026-01-01T07:00:00+07:00' },
			{ at: '2026-06-01T19:30:00+07:00' }
		]);
		expect(res.headers.get('preference-applied')).toBe('timezone=Asia/Ho_Chi_Minh');
		const bad = await rest(server, '/events', {
			headers: { Prefer: 'handling=strict, timezone=Mars/Olympus' }
		});
		expect(bad.status).toBe(400);
		expect(bad.json).toMatchObject({
			code: 'PGRST122',
			details: 'Invalid preferences: timezone=Mars/Olympus'
		});
		const ignored = await rest(server, '/events?select=at&id=eq.1', {
			headers: { Prefer: 'timezone=Mars/Olympus' }
		});
		expect(ignored.status).toBe(200);
		expect(ignored.headers.get('preference-applied')).toBeNull();
	});
});

describe('nulls=stripped', () => {
	it('stripNulls() drops null fields from arrays and single objects', async () => {
		const res = await anon.db.from('people').select('id, nickname').order('id').stripNulls();
		expect(res.data).toEqual([{ id: 1 }, { id: 2, nickname: 'Bi' }]);
		expect(anon.last().headers.get('content-type')).toBe(
			'application/vnd.pgrst.array+json;nulls=stripped; charset=utf-8'
		);
		const one = await anon.db
			.from('people')
			.select('id, nickname')
			.eq('id', 1)
			.single()
			.stripNulls();
		expect(one.data).toEqual({ id: 1 });
	});
});

describe('count=planned and count=estimated', () => {
	it('planned reads the planner; estimated is exact up to max_rows, then the planner', async () => {
		const planned = await anon.db.from('numbers').select('n', { count: 'planned', head: true });
		expect(planned.count).toBe(50);
		const estimated = await anon.db.from('numbers').select('n', { count: 'estimated' });
		expect(estimated.count).toBe(50);
		expect(estimated.data).toHaveLength(5);
		const small = await anon.db
			.from('numbers')
			.select('n', { count: 'estimated', head: true })
			.lte('n', 3);
		expect(small.count).toBe(3);
	});
});

describe('the OpenAPI root', () => {
	it('describes what the role may use, as Swagger 2.0', async () => {
		const res = await rest(server, '/');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/openapi+json; charset=utf-8');
		const doc = res.json as {
			swagger: string;
			info: { title: string; description: string };
			paths: Record<string, Record<string, unknown>>;
			definitions: Record<
				string,
				{
					required?: string[];
					properties: Record<string, { description?: string; format: string; type?: string }>;
				}
			>;
		};
		expect(doc.swagger).toBe('2.0');
		expect(doc.info.title).toBe('Feature fixture');
		expect(doc.info.description).toBe('Tables and functions for the feature tests.');
		expect(Object.keys(doc.paths)).toEqual(
			expect.arrayContaining(['/', '/projects', '/rpc/greet'])
		);
		expect(doc.paths['/hidden']).toBeUndefined();
		expect(doc.paths['/rpc/secret_fn']).toBeUndefined();
		expect(Object.keys(doc.paths['/projects'] ?? {}).sort()).toEqual([
			'delete',
			'get',
			'patch',
			'post'
		]);
		const projects = doc.definitions['projects'];
		expect(projects?.required).toEqual(['id', 'name']);
		expect(projects?.properties['id']).toEqual({
			description: 'Note:\nThis is a Primary Key.<pk/>',
			format: 'integer',
			type: 'integer'
		});
		expect(projects?.properties['name']?.description).toBe('What the project is called');
		expect(doc.definitions['invoices']?.properties['project_id']?.description).toBe(
			"Note:\nThis is a Foreign Key to `projects.id`.<fk table='projects' column='id'/>"
		);
		const withService = await rest(server, '/', { token: server.serviceRoleKey });
		expect(Object.keys((withService.json as typeof doc).paths)).toContain('/hidden');
	});

	it('negotiates its media type and profile', async () => {
		const csv = await rest(server, '/', { headers: { Accept: 'text/csv' } });
		expect(csv.status).toBe(406);
		expect(csv.json).toMatchObject({ code: 'PGRST107' });
		const other = await rest(server, '/', { headers: { 'Accept-Profile': 'nope' } });
		expect(other.status).toBe(406);
		expect(other.json).toMatchObject({ code: 'PGRST106' });
	});
});
