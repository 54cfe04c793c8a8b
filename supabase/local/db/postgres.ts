// A real PostgreSQL (node-postgres pool) behind the Db seam.
import pg from 'pg';
import type { Db, QueryResult, Tx } from '../types';
import { parsers, TYPE } from './parsers';

export interface PostgresOptions {
	url: string;
	/** Pool size. */
	max?: number;
	/** Per-statement limit inside transactions unless the caller says otherwise. */
	statementTimeoutMs?: number;
}

const typeParsers = {
	getTypeParser(oid: number, format?: 'text' | 'binary') {
		const own = parsers[oid];
		if (own) return own;
		if (oid === TYPE.INT8_ARRAY) {
			const parseArray = pg.types.getTypeParser(oid as never, 'text') as (v: string) => unknown[];
			return (v: string) => parseArray(v).map((x) => (x === null ? null : Number(x)));
		}
		return pg.types.getTypeParser(oid as never, format ?? 'text');
	}
} as pg.CustomTypesConfig;

function toResult<T>(r: pg.QueryResult): QueryResult<T> {
	return {
		rows: r.rows as T[],
		fields: r.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
		affectedRows: r.command === 'SELECT' ? 0 : (r.rowCount ?? 0)
	};
}

function quoteIdent(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

export async function createPostgresDb(opts: PostgresOptions): Promise<Db> {
	const defaultTimeout = opts.statementTimeoutMs ?? 8000;
	let closed = false;
	const pool = new pg.Pool({
		connectionString: opts.url,
		max: opts.max ?? 10,
		types: typeParsers
	});
	// An idle client that dies (server restart) must not crash the process.
	pool.on('error', (err) => {
		if (!closed) console.error('[local-supabase] idle PostgreSQL client:', err.message);
	});
	// Fail fast with a clear message when the URL is wrong.
	await pool.query('select 1');

	let listener: pg.Client | undefined;
	const handlers = new Map<string, Set<(payload: string) => void>>();

	async function listenClient(): Promise<pg.Client> {
		if (listener) return listener;
		const client = new pg.Client({ connectionString: opts.url, types: typeParsers });
		await client.connect();
		client.on('notification', (msg) => {
			for (const h of handlers.get(msg.channel) ?? []) h(msg.payload ?? '');
		});
		client.on('error', (err) => console.error('[local-supabase] LISTEN client:', err.message));
		listener = client;
		return client;
	}

	const db: Db = {
		kind: 'postgres',
		async transaction(fn, txOpts) {
			const client = await pool.connect();
			let broken: Error | undefined;
			try {
				await client.query('BEGIN');
				const timeout = txOpts?.statementTimeoutMs ?? defaultTimeout;
				await client.query(`SET LOCAL statement_timeout = ${Math.max(0, Math.floor(timeout))}`);
				const tx: Tx = {
					query: async (sql, params) => toResult(await client.query(sql, params))
				};
				const result = await fn(tx);
				await client.query('COMMIT');
				return result;
			} catch (err) {
				try {
					await client.query('ROLLBACK');
				} catch (rollbackErr) {
					broken = rollbackErr as Error;
				}
				throw err;
			} finally {
				client.release(broken);
			}
		},
		async session(fn, sOpts) {
			const client = await pool.connect();
			let broken: Error | undefined;
			const timeout = Math.max(0, Math.floor(sOpts?.statementTimeoutMs ?? defaultTimeout));
			try {
				return await fn({
					query: async (sql, params) => toResult(await client.query(sql, params)),
					async batch(sql) {
						const r = (await client.query(sql)) as pg.QueryResult | pg.QueryResult[];
						return (Array.isArray(r) ? r : [r]).map((x) => toResult(x));
					},
					begin: (readOnly) =>
						`BEGIN${readOnly ? ' READ ONLY' : ''}; SET LOCAL statement_timeout = ${timeout};`
				});
			} catch (err) {
				try {
					await client.query('ROLLBACK');
				} catch (rollbackErr) {
					broken = rollbackErr as Error;
				}
				throw err;
			} finally {
				client.release(broken);
			}
		},
		async query(sql, params) {
			return toResult(await pool.query(sql, params));
		},
		async exec(sql) {
			await pool.query(sql);
		},
		async listen(channel, onPayload) {
			const client = await listenClient();
			let set = handlers.get(channel);
			if (!set) {
				set = new Set();
				handlers.set(channel, set);
				await client.query(`LISTEN ${quoteIdent(channel)}`);
			}
			set.add(onPayload);
			return async () => {
				const current = handlers.get(channel);
				if (!current?.delete(onPayload) || current.size > 0) return;
				handlers.delete(channel);
				await client.query(`UNLISTEN ${quoteIdent(channel)}`);
			};
		},
		async close() {
			if (closed) return;
			closed = true;
			await listener?.end();
			listener = undefined;
			await pool.end();
		}
	};
	return db;
}
