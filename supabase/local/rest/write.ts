// INSERT / upsert / UPDATE / DELETE statements, with the representation PostgREST returns.
import { strictBody } from './input';
import { ApiError, columnNotFound, parseError } from './errors';
import type { Prefer } from './negotiate';
import { type ReadNode, nodeQuery } from './read';
import type { Relation, SchemaCache } from './schema';
import { Params, ident, treeSql } from './sql';

export interface Mutation {
	sql: string;
	params: unknown[];
	/** Primary key columns to build Location from (headers-only). */
	locationKeys: string[] | null;
}

/** The parsed body (for its keys and shape) and its raw text (sent to PostgreSQL as is, so
 * numbers beyond double precision keep every digit). */
export interface JsonBody {
	value: unknown;
	raw: string;
}

export function parseJsonBody(body: Buffer): JsonBody {
	const raw = strictBody(body);
	try {
		return { value: JSON.parse(raw), raw };
	} catch {
		throw new ApiError(400, 'PGRST102', 'Empty or invalid json');
	}
}

function columnMissing(rel: Relation, column: string): ApiError {
	return new ApiError(
		400,
		'PGRST204',
		`Could not find the '${column}' column of '${rel.name}' in the schema cache`
	);
}

function qualified(rel: Relation) {
	return `${ident(rel.schema)}.${ident(rel.name)}`;
}

/**
 * WITH pgrst_source AS (<mutation> RETURNING …) SELECT total, page_total, body, single, inserted.
 * `countInserted` (upserts that merge) also reports how many rows were new, from xmax = 0.
 */
function wrap(
	cache: SchemaCache,
	root: ReadNode,
	params: Params,
	mutation: string,
	prefer: Prefer,
	rel: Relation,
	countInserted = false
): Mutation {
	const alias = ident(root.scope.alias);
	const insertedSql = countInserted
		? `(SELECT count(*) FROM pgrst_source WHERE pgrst_inserted)`
		: 'NULL::bigint';
	const flag = countInserted ? `, (${alias}.xmax = 0) AS pgrst_inserted` : '';
	if (prefer.return === 'representation') {
		// The filters already chose the rows; the representation only shapes them.
		const shape: ReadNode = { ...root, filters: [], order: [], limit: null, offset: null };
		const from = countInserted
			? `(SELECT (pgrst_row).* FROM pgrst_source) AS ${alias}`
			: `pgrst_source AS ${alias}`;
		const returning = countInserted ? `${alias} AS pgrst_row${flag}` : `${alias}.*`;
		const page = nodeQuery(cache, shape, params, { paging: false, cap: null, from });
		const sql = `WITH pgrst_source AS (${mutation} RETURNING ${returning}) SELECT count(_r) AS total, count(_r) AS page_total, coalesce(json_agg(_r), '[]')::text AS body, CASE WHEN count(_r) = 1 THEN (json_agg(_r)->0)::text END AS single, ${insertedSql} AS inserted FROM (${page}) _r`;
		return { sql, params: params.values, locationKeys: null };
	}
	const keys = prefer.return === 'headers-only' && rel.pk.length ? rel.pk : null;
	const returning = keys ? keys.map((k) => `${alias}.${ident(k)}`).join(', ') : '1 AS one';
	const body = keys
		? `coalesce(json_agg(json_build_object(${keys.map((k) => `${params.add(k)}::text, _r.${ident(k)}`).join(', ')})), '[]')::text`
		: `'[]'`;
	const sql = `WITH pgrst_source AS (${mutation} RETURNING ${returning}${flag}) SELECT count(_r) AS total, count(_r) AS page_total, ${body} AS body, NULL AS single, ${insertedSql} AS inserted FROM pgrst_source _r`;
	return { sql, params: params.values, locationKeys: keys };
}

export function insertStatement(
	cache: SchemaCache,
	rel: Relation,
	root: ReadNode,
	body: JsonBody,
	query: URLSearchParams,
	prefer: Prefer
): Mutation {
	const payload = body.value;
	const isArray = Array.isArray(payload);
	const rows = isArray ? payload : [payload];
	if (!rows.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))) {
		throw new ApiError(400, 'PGRST102', 'Empty or invalid json');
	}
	const objects = rows as Record<string, unknown>[];
	let columns: string[];
	const columnsParam = query.get('columns');
	if (columnsParam !== null) {
		columns = columnsParam.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
	} else {
		const seen = new Set<string>();
		for (const o of objects) for (const k of Object.keys(o)) seen.add(k);
		columns = [...seen];
	}
	for (const c of columns) if (!rel.columns.has(c)) throw columnMissing(rel, c);

	const params = new Params();
	const table = qualified(rel);
	const alias = ident(root.scope.alias);
	let mutation: string;
	if (objects.length === 0) {
		const first = [...rel.columns.keys()][0] ?? '';
		mutation = `INSERT INTO ${table} AS ${alias} (${ident(first)}) SELECT NULL WHERE FALSE`;
	} else if (columns.length === 0) {
		const first = [...rel.columns.keys()][0];
		if (!first) throw parseError('relation has no columns');
		const values = objects.map(() => '(DEFAULT)').join(', ');
		mutation = `INSERT INTO ${table} AS ${alias} (${ident(first)}) VALUES ${values}`;
	} else {
		const json = params.add(body.raw);
		const values = objects.map((o, i) => {
			const element = isArray ? `${json}::json->${i}` : `${json}::json`;
			const cells = columns.map((c) => {
				if (Object.prototype.hasOwnProperty.call(o, c)) {
					return `(json_populate_record(NULL::${table}, ${element}))."${c.replace(/"/g, '""')}"`;
				}
				// PostgREST: a missing key is NULL, or the column default with `Prefer: missing=default`.
				return prefer.missing === 'default' ? 'DEFAULT' : 'NULL';
			});
			return `(${cells.join(', ')})`;
		});
		mutation = `INSERT INTO ${table} AS ${alias} (${columns.map(ident).join(', ')}) VALUES ${values.join(', ')}`;
	}
	const onConflict = query.get('on_conflict');
	if (prefer.resolution) {
		const target = onConflict !== null ? onConflict.split(',').map((c) => c.trim()) : rel.pk;
		for (const c of target) if (!rel.columns.has(c)) throw columnNotFound(rel.name, c);
		if (!target.length) {
			throw new ApiError(
				400,
				'PGRST100',
				`An upsert on '${rel.name}' needs a primary key or the on_conflict parameter`
			);
		}
		const conflict = `ON CONFLICT (${target.map(ident).join(', ')})`;
		if (prefer.resolution === 'ignore-duplicates' || columns.length === 0) {
			mutation += ` ${conflict} DO NOTHING`;
		} else {
			const sets = columns.map((c) => `${ident(c)} = EXCLUDED.${ident(c)}`).join(', ');
			mutation += ` ${conflict} DO UPDATE SET ${sets}`;
		}
	}
	const merging = prefer.resolution === 'merge-duplicates' && rel.kind === 'table';
	return wrap(cache, root, params, mutation, prefer, rel, merging);
}

function whereAndLimit(
	cache: SchemaCache,
	rel: Relation,
	root: ReadNode,
	params: Params,
	verb: string
): string {
	void cache;
	const conds = root.filters.map((f) => treeSql(root.scope, f, params));
	if (root.limit !== null || root.offset !== null) {
		if (rel.kind !== 'table') throw new ApiError(400, 'PGRST100', `limit on ${verb} needs a table`);
		const order = root.order.length
			? ` ORDER BY ${root.order
					.map((t) => {
						let s = `${ident(root.scope.alias)}.${ident(t.field.name)}`;
						if (!rel.columns.has(t.field.name)) throw columnNotFound(rel.name, t.field.name);
						if (t.dir) s += t.dir === 'desc' ? ' DESC' : ' ASC';
						if (t.nulls) s += t.nulls === 'first' ? ' NULLS FIRST' : ' NULLS LAST';
						return s;
					})
					.join(', ')}`
			: '';
		const lim = root.limit !== null ? ` LIMIT ${params.add(String(root.limit))}::bigint` : '';
		const off = root.offset ? ` OFFSET ${params.add(String(root.offset))}::bigint` : '';
		const inner = `SELECT ${ident(root.scope.alias)}.ctid FROM ${qualified(rel)} AS ${ident(root.scope.alias)}${conds.length ? ` WHERE ${conds.join(' AND ')}` : ''}${order}${lim}${off}`;
		return ` WHERE ${ident(root.scope.alias)}.ctid = ANY(ARRAY(${inner}))`;
	}
	if (!conds.length) {
		// Supabase runs PostgREST with pg-safeupdate: no filter, no full-table write.
		throw new ApiError(400, '21000', `${verb} requires a WHERE clause`);
	}
	return ` WHERE ${conds.join(' AND ')}`;
}

export function updateStatement(
	cache: SchemaCache,
	rel: Relation,
	root: ReadNode,
	body: JsonBody,
	prefer: Prefer
): Mutation {
	const payload = body.value;
	if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
		throw new ApiError(400, 'PGRST102', 'Empty or invalid json');
	}
	const columns = Object.keys(payload);
	for (const c of columns) if (!rel.columns.has(c)) throw columnMissing(rel, c);
	const params = new Params();
	const table = qualified(rel);
	const alias = ident(root.scope.alias);
	if (columns.length === 0) {
		// Nothing to set: PostgREST answers as if no row matched.
		const first = ident([...rel.columns.keys()][0] ?? '');
		const noop = `UPDATE ${table} AS ${alias} SET ${first} = ${alias}.${first} WHERE FALSE`;
		return wrap(cache, root, params, noop, prefer, rel);
	}
	const json = params.add(body.raw);
	const sets = columns
		.map((c) => `${ident(c)} = (json_populate_record(NULL::${table}, ${json}::json)).${ident(c)}`)
		.join(', ');
	const where = whereAndLimit(cache, rel, root, params, 'UPDATE');
	const mutation = `UPDATE ${table} AS ${alias} SET ${sets}${where}`;
	return wrap(cache, root, params, mutation, prefer, rel);
}

export function deleteStatement(
	cache: SchemaCache,
	rel: Relation,
	root: ReadNode,
	prefer: Prefer
): Mutation {
	const params = new Params();
	const table = qualified(rel);
	const alias = ident(root.scope.alias);
	const where = whereAndLimit(cache, rel, root, params, 'DELETE');
	return wrap(cache, root, params, `DELETE FROM ${table} AS ${alias}${where}`, prefer, rel);
}
