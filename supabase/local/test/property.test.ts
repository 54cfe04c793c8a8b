// Hostile input, generated: filter values, column names, operators, JSON bodies and headers.
// Whatever arrives, the server never answers 5xx, never returns a row the role may not see, and
// the rows only the service role may change stay byte for byte the same.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
	ALICE,
	BOB,
	CROWD,
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
let aliceToken: string;
let service: TestClient;
let checksumBefore: Record<string, string>;

// endOnFailure: after a write got through, every later input fails too, so shrinking would
// point at an innocent request; the first failing one is the culprit.
const RUNS = { numRuns: 100, endOnFailure: true };

/** Texts that only rows outside Alice's reach contain. */
const NOT_FOR_ALICE = [BOB, ...CROWD.map((u) => u.id), 'Bob note', 'SECRET-VALUE', 'Hidden draft'];
/** Anon may not see Alice's notes either. */
const NOT_FOR_ANON = [...NOT_FOR_ALICE, ALICE, 'Alice note'];

/** Everything Alice and anon must not be able to change, read with the service key. */
async function protectedChecksum(): Promise<Record<string, string>> {
	const reads = {
		others_notes: service.db.from('notes').select('*').neq('owner_id', ALICE).order('id'),
		secrets: service.db.from('secrets').select('*').order('id'),
		public_posts: service.db.from('public_posts').select('*').order('id'),
		app_users: service.db.from('app_users').select('*').order('id'),
		books: service.db.from('books').select('*').order('id'),
		authors: service.db.from('authors').select('*').order('id'),
		book_categories: service.db
			.from('book_categories')
			.select('*')
			.order('book_id')
			.order('category_id')
	};
	const sums: Record<string, string> = {};
	for (const [name, query] of Object.entries(reads)) {
		const res = await query;
		expect(res.error).toBeNull();
		sums[name] = createHash('sha256').update(JSON.stringify(res.data)).digest('hex');
	}
	return sums;
}

useFixtureServer(async (started) => {
	server = started;
	anon = client(server);
	aliceToken = userToken(server, ALICE);
	alice = client(server, aliceToken);
	service = serviceClient(server);
	checksumBefore = await protectedChecksum();
});

/** After each write: names the request that changed a protected row, for fast-check to shrink. */
async function assertUnchanged(what: string): Promise<void> {
	const now = await protectedChecksum();
	const changed = Object.keys(now).filter((k) => now[k] !== checksumBefore[k]);
	if (changed.length > 0) throw new Error(`${what} changed ${changed.join(', ')}`);
}

// Checked after every property, so a failure points at the kind of input that did it.
afterEach(async () => {
	expect(await protectedChecksum()).toEqual(checksumBefore);
});

const SQLISH = [
	"'",
	'"',
	"''",
	'\\',
	"' or '1'='1",
	'1) or (1=1',
	"'); drop table notes; --",
	'; select * from secrets',
	'*/ union select value from secrets /*',
	'$$',
	'$1',
	'%',
	'_',
	'*',
	'%%',
	'\\%',
	'(',
	')',
	',',
	'.',
	'()',
	'{}',
	'{"a":1}',
	'[]',
	'null',
	'NULL',
	'true',
	'not.is.null',
	'eq.1',
	'or(id.gt.0)',
	'a,b',
	'"a,b"',
	'(1,2',
	'\u0000',
	'\u202e',
	'\ud83d\ude00',
	'Nguyễn Du',
	'x'.repeat(2000),
	'owner_id',
	'notes.owner_id',
	'auth.uid()',
	"current_setting('request.jwt.claims')",
	'request.jwt.claims'
];

const hostileText = fc.oneof(
	fc.constantFrom(...SQLISH),
	fc.string({ unit: 'grapheme', maxLength: 40 }),
	fc.string({ unit: 'binary', maxLength: 20 }),
	fc
		.tuple(fc.constantFrom(...SQLISH), fc.string({ maxLength: 10 }), fc.constantFrom(...SQLISH))
		.map((parts) => parts.join(''))
);

/** Header values must be ISO-8859-1 without CR/LF: fetch refuses the rest before sending. */
const headerText = fc
	.string({
		unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
		maxLength: 60
	})
	.map((s) => s.trim());

const OPERATORS = [
	'eq',
	'neq',
	'gt',
	'gte',
	'lt',
	'lte',
	'like',
	'ilike',
	'is',
	'in',
	'cs',
	'cd',
	'ov',
	'fts',
	'plfts',
	'phfts',
	'wfts',
	'not.eq',
	'not.in',
	'not.is',
	'match',
	'imatch',
	'isdistinct',
	'sl',
	'sr',
	'nxl',
	'nxr',
	'adj',
	'any',
	'all'
];

const COLUMNS = [
	'id',
	'owner_id',
	'title',
	'body',
	'or',
	'and',
	'not.or',
	'select',
	'order',
	'limit',
	'offset',
	'on_conflict',
	'columns',
	'app_users.name',
	'notes.owner_id',
	'owner_id->>x',
	'title::text',
	'body->0',
	'id)',
	'"id"',
	'id;',
	'pg_catalog.pg_user',
	'secrets.value',
	'*'
];

const hostileColumn = fc.oneof(fc.constantFrom(...COLUMNS), hostileText);
const hostileOperator = fc.oneof(fc.constantFrom(...OPERATORS), hostileText);

/** `input` is what the request itself carried: an error may quote it back, which leaks nothing. */
function assertSafe(
	res: { status: number; text: string },
	forbidden: string[],
	what: string,
	input = ''
): void {
	if (res.status >= 500) throw new Error(`${what} → ${res.status} ${res.text.slice(0, 300)}`);
	for (const marker of forbidden.filter((m) => !input.includes(m))) {
		if (res.text.includes(marker)) {
			throw new Error(`${what} → ${res.status} leaked "${marker}": ${res.text.slice(0, 300)}`);
		}
	}
}

function ownRowsOnly(rows: unknown, owner: string | null): void {
	if (!Array.isArray(rows)) return;
	for (const row of rows as Record<string, unknown>[]) {
		if (!('owner_id' in row)) continue;
		// `select=*,owner_id(*)` legitimately embeds the owner in place of the column.
		const value = row.owner_id;
		const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : value;
		if (id !== owner) throw new Error(`row of ${JSON.stringify(value)} returned to ${owner}`);
	}
}

describe('hostile input', () => {
	it('filter values through supabase-js: no 5xx, only own rows', async () => {
		await fc.assert(
			fc.asyncProperty(hostileText, fc.constantFrom('alice', 'anon'), async (value, who) => {
				const db = who === 'alice' ? alice.db : anon.db;
				const owner = who === 'alice' ? ALICE : null;
				const forbidden = who === 'alice' ? NOT_FOR_ALICE : NOT_FOR_ANON;
				const queries = [
					db.from('notes').select('*').eq('title', value),
					db.from('notes').select('*').in('title', [value, 'x']).like('body', value),
					db.from('notes').select('*').or(`title.eq.${value},body.ilike.${value}`),
					db.from('notes').select('*').not('body', 'eq', value).textSearch('title', value),
					db.from('public_posts').select('*').ilike('title', value)
				];
				for (const res of await Promise.all(queries)) {
					const text = JSON.stringify(res.data ?? res.error);
					assertSafe({ status: res.status, text }, forbidden, `value ${JSON.stringify(value)}`);
					ownRowsOnly(res.data, owner);
					if (who === 'anon' && Array.isArray(res.data)) {
						for (const row of res.data as { published?: boolean }[]) {
							if ('published' in row) expect(row.published).toBe(true);
						}
					}
				}
			}),
			RUNS
		);
	});

	it('column names and operators in raw query strings: no 5xx, no leak', async () => {
		await fc.assert(
			fc.asyncProperty(
				hostileColumn,
				hostileOperator,
				hostileText,
				fc.constantFrom('/notes', '/public_posts', '/secrets', '/rpc/whoami', '/books'),
				fc.constantFrom('alice', 'anon'),
				async (column, op, value, path, who) => {
					const token = who === 'alice' ? aliceToken : undefined;
					const forbidden = who === 'alice' ? NOT_FOR_ALICE : NOT_FOR_ANON;
					const enc = encodeURIComponent;
					const queries = [
						`${enc(column)}=${enc(op)}.${enc(value)}`,
						`select=${enc(column)}`,
						`select=*,${enc(column)}(*)`,
						`order=${enc(column)}.${enc(op)}`,
						`or=(${enc(column)}.${enc(op)}.${enc(value)})`,
						`${enc(value)}=${enc(op)}`
					];
					for (const q of queries) {
						const res = await rest(server, `${path}?${q}`, { token });
						assertSafe(res, forbidden, `GET ${path}?${q}`);
						if (path === '/notes') ownRowsOnly(res.json, who === 'alice' ? ALICE : null);
					}
				}
			),
			RUNS
		);
	});

	it('hostile JSON bodies on writes and rpc: no 5xx, no leak', async () => {
		const body = fc.oneof(
			fc.json({ maxDepth: 3 }),
			fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
			fc.constantFrom(
				'',
				'{',
				'[{}]',
				'[{"title":"x"},{"owner_id":1}]',
				`{"owner_id":"${BOB}","title":"forged"}`,
				`[{"owner_id":"${ALICE}","title":"mine"},{"owner_id":"${BOB}","title":"forged"}]`,
				'{"id":1,"owner_id":null}',
				'{"title":{"$ne":1}}',
				'{"title":"\\u0000"}',
				'{"__proto__":{"polluted":true}}',
				'"just a string"',
				'12345678901234567890123456789',
				'{"a":' + '['.repeat(200) + ']'.repeat(200) + '}'
			),
			hostileText.map((s) => JSON.stringify({ title: s, body: s }))
		);
		await fc.assert(
			fc.asyncProperty(
				body,
				fc.constantFrom('POST', 'PATCH', 'DELETE'),
				fc.constantFrom(
					'/notes',
					'/notes?id=gt.0',
					'/public_posts',
					'/secrets',
					'/rpc/echo_json',
					'/rpc/add_numbers',
					'/rpc/whoami',
					'/books?id=eq.1'
				),
				fc.constantFrom('alice', 'anon'),
				async (payload, method, path, who) => {
					const isRpc = path.startsWith('/rpc/');
					const res = await rest(server, path, {
						method: isRpc ? 'POST' : method,
						body: payload,
						token: who === 'alice' ? aliceToken : undefined,
						headers: { Prefer: 'return=representation' }
					});
					const forbidden = who === 'alice' ? NOT_FOR_ALICE : NOT_FOR_ANON;
					assertSafe(res, forbidden, `${method} ${path} ${payload.slice(0, 100)}`, payload);
					if (path.startsWith('/notes')) ownRowsOnly(res.json, who === 'alice' ? ALICE : null);
					// A failed request rolled back, and the rpc targets here only read.
					if (res.status < 300 && !isRpc) {
						await assertUnchanged(
							`${who} ${method} ${path} ${payload.slice(0, 200)} → ${res.status}`
						);
					}
				}
			),
			RUNS
		);
	});

	it('hostile Prefer, Accept, Accept-Profile and Range headers: no 5xx, no leak', async () => {
		const prefer = fc.oneof(
			headerText,
			fc
				.subarray([
					'return=representation',
					'return=minimal',
					'return=headers-only',
					'count=exact',
					'count=planned',
					'count=estimated',
					'resolution=merge-duplicates',
					'resolution=ignore-duplicates',
					'missing=default',
					'handling=strict',
					'handling=lenient',
					'tx=rollback',
					'tx=commit',
					'max-affected=1',
					'params=single-object',
					'timezone=Asia/Ho_Chi_Minh'
				])
				.map((p) => p.join(', '))
		);
		const profile = fc.oneof(
			fc.constantFrom('public', 'other', 'auth', 'pg_catalog', '_local', 'information_schema', ''),
			headerText
		);
		const range = fc.oneof(
			fc.constantFrom('0-0', '0-', '-1', '5-2', '0-99999999999999999999', 'items=0-1', ''),
			headerText
		);
		const accept = fc.oneof(
			fc.constantFrom(
				'application/json',
				'application/vnd.pgrst.object+json',
				'text/csv',
				'application/octet-stream',
				'application/vnd.pgrst.plan+json',
				'application/geo+json',
				'*/*',
				'text/html'
			),
			headerText
		);
		await fc.assert(
			fc.asyncProperty(
				prefer,
				profile,
				range,
				accept,
				fc.constantFrom('GET', 'HEAD', 'POST', 'PATCH', 'DELETE'),
				fc.constantFrom('/notes', '/secrets', '/public_posts', '/rpc/whoami', '/gadgets'),
				fc.constantFrom('alice', 'anon'),
				async (pref, prof, rng, acc, method, path, who) => {
					const isRpc = path.startsWith('/rpc/');
					const write = method === 'POST' || method === 'PATCH' || (isRpc && method === 'DELETE');
					const res = await rest(server, path, {
						method: isRpc && method !== 'GET' && method !== 'HEAD' ? 'POST' : method,
						token: who === 'alice' ? aliceToken : undefined,
						body: write ? JSON.stringify({ title: 'hdr', owner_id: BOB }) : undefined,
						headers: {
							Prefer: pref,
							'Accept-Profile': prof,
							'Content-Profile': prof,
							Range: rng,
							Accept: acc
						}
					});
					const forbidden = who === 'alice' ? NOT_FOR_ALICE : NOT_FOR_ANON;
					const what = `${method} ${path} Prefer=${pref} Profile=${prof} Range=${rng} Accept=${acc}`;
					assertSafe(res, forbidden, what, BOB);
					if (res.status < 300 && method !== 'GET' && method !== 'HEAD') {
						await assertUnchanged(`${who} ${what} → ${res.status}`);
					}
				}
			),
			RUNS
		);
	});

	it('afterwards the protected rows are unchanged and the server still answers', async () => {
		expect(await protectedChecksum()).toEqual(checksumBefore);
		const res = await alice.db.from('notes').select('owner_id');
		expect(res.status).toBe(200);
		ownRowsOnly(res.data, ALICE);
		const forged = await service.db
			.from('notes')
			.select('id')
			.eq('owner_id', BOB)
			.eq('title', 'forged');
		expect(forged.data).toEqual([]);
	});
});
