// Issue 7 item 9: where a request's time went was round trips (BEGIN, SET, setup, statement,
// response settings, COMMIT: 6 on PGlite, 7 on PostgreSQL). A read is now one, a write two.
import { describe, expect, it } from 'vitest';
import type { Db, Session } from '../types';
import { createRestService } from './index';
import { inlineParams, literal } from './inline';
import { BACKENDS, useHarness } from './test-helpers';

/** The same database, counting what reaches it per request. */
function counting(db: Db) {
	const calls: string[] = [];
	const wrapped: Db = {
		...db,
		session: (fn) =>
			db.session((s) => {
				const counted: Session = {
					begin: (readOnly) => s.begin(readOnly),
					batch: (sql) => {
						calls.push('batch');
						return s.batch(sql);
					},
					query: (sql, params) => {
						calls.push('query');
						return s.query(sql, params);
					}
				};
				return fn(counted);
			}),
		transaction: (fn, opts) => {
			calls.push('transaction');
			return db.transaction(fn, opts);
		},
		query: (sql, params) => {
			calls.push('query');
			return db.query(sql, params);
		}
	};
	return { wrapped, calls };
}

describe('inlining values as literals', () => {
	it('escapes quotes and backslashes and skips quoted identifiers and strings', () => {
		expect(literal(`it's \\ "x"`)).toBe(`E'it''s \\\\ "x"'`);
		expect(inlineParams(`select "a$1", '$1', $1, $10`, ['v', ...Array(9).fill('w')])).toBe(
			`select "a$1", '$1', E'v', E'w'`
		);
		expect(inlineParams('select $1', ['a\u0000b'])).toBeNull();
		expect(inlineParams('select $1', [1])).toBeNull();
		expect(inlineParams('select $2', ['a'])).toBeNull();
	});
});

for (const backend of BACKENDS) {
	describe(`round trips per request on ${backend}`, () => {
		const h = useHarness(backend);

		function service() {
			const c = counting(h.db);
			const rest = createRestService({
				db: c.wrapped,
				config: { api: { schemas: ['public'], extraSearchPath: ['public'], maxRows: 0 } } as never,
				keys: { jwtSecret: 'super-secret-jwt-token-with-at-least-32-characters-long' } as never,
				apiUrl: 'http://127.0.0.1:0'
			});
			return { rest, calls: c.calls };
		}

		const request = (method: string, path: string, query = '', body = '') => ({
			method,
			path,
			query: new URLSearchParams(query),
			headers: { 'content-type': 'application/json', prefer: 'return=representation' },
			body: Buffer.from(body),
			ip: '127.0.0.1'
		});

		it('answers a read in one round trip and a write in two', async () => {
			const { rest, calls } = service();
			await rest.reloadSchema();
			calls.length = 0;
			const read = await rest.handle(request('GET', '/books', 'select=id,title&id=lt.3&order=id'));
			expect(read.status).toBe(200);
			expect(JSON.parse(String(read.body))).toHaveLength(2);
			expect(calls).toEqual(['batch']);
			calls.length = 0;
			const write = await rest.handle(
				request('POST', '/people', '', JSON.stringify({ name: `it's a \\ "test"` }))
			);
			expect(write.status).toBe(201);
			expect(JSON.parse(String(write.body))).toMatchObject([{ name: `it's a \\ "test"` }]);
			expect(calls).toEqual(['batch', 'batch']);
		});

		it('keeps hostile values as values, and NUL falls back to bound parameters', async () => {
			const { rest, calls } = service();
			await rest.reloadSchema();
			const hostile = `x'); drop table public.books; --\\'`;
			const res = await rest.handle(
				request('GET', '/books', new URLSearchParams({ title: `eq.${hostile}` }).toString())
			);
			expect(res.status).toBe(200);
			expect(JSON.parse(String(res.body))).toEqual([]);
			calls.length = 0;
			const nul = await rest.handle(request('GET', '/books', 'title=eq.a%00b'));
			expect(nul.status).toBe(400);
			expect(calls.length).toBeGreaterThan(1);
			const still = await rest.handle(request('GET', '/books', 'select=id&limit=1'));
			expect(still.status).toBe(200);
		});
	});
}
