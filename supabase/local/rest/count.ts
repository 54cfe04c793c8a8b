// `Prefer: count=planned` and `count=estimated` as PostgREST computes them (Query.hs readTotal):
// planned is the planner's "Plan Rows" of EXPLAIN (FORMAT JSON) over the count query; estimated
// counts exactly up to db-max-rows + 1 rows and, past db-max-rows, takes max(exact, planned).
import type { Prefer } from './prefer';
import { type ReadNode, nodeQuery } from './read';
import type { SchemaCache } from './schema';
import { Params } from './sql';

export interface PlannedCount {
	sql: string;
	params: unknown[];
	mode: 'planned' | 'estimated';
	/** db-max-rows, or null when unlimited (then estimated always consults the planner). */
	maxRows: number | null;
}

/** Whether the main statement counts rows itself (exact, or the exact part of estimated). */
export function countsExactly(prefer: Prefer): boolean {
	return prefer.count === 'exact' || prefer.count === 'estimated';
}

/** db-max-rows + 1 for estimated counts, so the statement never counts a huge table in full. */
export function exactCountLimit(prefer: Prefer, maxRows: number | null): number | null {
	return prefer.count === 'estimated' && maxRows !== null ? maxRows + 1 : null;
}

/**
 * The EXPLAIN statement for a read. `seed` are parameters the source already refers to (a
 * function call's arguments), so the explained query binds the same values.
 */
export function plannedCount(
	cache: SchemaCache,
	root: ReadNode,
	prefer: Prefer,
	maxRows: number | null,
	seed: unknown[] = [],
	from?: string
): PlannedCount | undefined {
	if (prefer.count !== 'planned' && prefer.count !== 'estimated') return undefined;
	const params = new Params();
	for (const v of seed) params.add(v);
	const inner = nodeQuery(cache, root, params, { paging: false, cap: null, noOrder: true, from });
	return {
		sql: `EXPLAIN (FORMAT JSON) ${inner}`,
		params: params.values,
		mode: prefer.count,
		maxRows
	};
}

/**
 * The total to report from the exact count (null for planned) and the EXPLAIN's result row (a
 * one-column row holding the JSON plan), which ran in the request's transaction.
 */
export function totalFrom(
	planned: PlannedCount,
	exact: number | null,
	explained: unknown
): number | null {
	if (planned.mode === 'estimated' && exact !== null) {
		if (planned.maxRows !== null && exact <= planned.maxRows) return exact;
	}
	const raw =
		explained && typeof explained === 'object' ? Object.values(explained as object)[0] : null;
	const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as
		{ Plan?: { 'Plan Rows'?: number } }[] | null;
	const rows = plan?.[0]?.Plan?.['Plan Rows'];
	const estimate = typeof rows === 'number' ? Math.round(rows) : null;
	if (planned.mode === 'planned') return estimate;
	if (estimate === null) return exact;
	return Math.max(exact ?? 0, estimate);
}
