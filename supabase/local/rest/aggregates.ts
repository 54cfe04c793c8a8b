// Aggregate functions in `select=` (PostgREST v12, docs "Aggregate Functions"): `count()`,
// `col.sum()`, `.avg()`, `.min()`, `.max()`, `.count()`, with casts before and after and an
// implicit GROUP BY over every other selected field. Allowed only when db-aggregates-enabled,
// which PostgREST and Supabase leave off (enable it with
// `alter role authenticator set pgrst.db_aggregates_enabled = 'true'; notify pgrst, 'reload config';`).
import { ApiError } from './errors';
import type { ColumnItem, SelectItem } from './parse';
import type { ReadNode } from './read';
import type { SchemaCache } from './schema';

/** Whether a select list aggregates (an explicit `count()` or `col.fn()`). */
export function aggregates(items: SelectItem[]): boolean {
	return items.some(
		(i) => (i.kind === 'count' && !i.compat) || (i.kind === 'column' && !!i.aggregate)
	);
}

/** Whether the node's rows are grouped: any aggregate, the old `count` spelling included. */
export function grouped(items: SelectItem[]): boolean {
	return aggregates(items) || items.some((i) => i.kind === 'count');
}

/** PGRST123 anywhere in the tree when aggregates are disabled (Plan.hs validateAggFunctions). */
export function checkAggregates(node: ReadNode, enabled: boolean): void {
	if (enabled) return;
	if (aggregates(node.items)) {
		throw new ApiError(400, 'PGRST123', 'Use of aggregate functions is not allowed');
	}
	for (const embed of node.embeds) checkAggregates(embed.node, enabled);
}

/** `sql::type`, the type looked up in the schema cache (never interpolated from the request). */
export function castSql(cache: SchemaCache, sql: string, cast: string): string {
	const type = cache.types.get(cast.toLowerCase().replace(/\s+/g, ' '));
	const arrayType = cast.endsWith('[]') && cache.types.get(cast.slice(0, -2).toLowerCase());
	// Parenthesised: `::` binds tighter than `->>`, and the cast is for the whole field.
	if (type) return `(${sql})::${type}`;
	if (arrayType) return `(${sql})::${arrayType}[]`;
	throw new ApiError(400, '42704', `type "${cast}" does not exist`);
}

/** `sum(<value>)::aggCast`; `value` already carries the field's own cast. */
export function aggregateSql(cache: SchemaCache, item: ColumnItem, value: string): string {
	const fn = item.aggregate as string;
	const sql = `${fn}(${value})`;
	return item.aggCast ? castSql(cache, sql, item.aggCast) : sql;
}
