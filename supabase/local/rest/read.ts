// Read plans: a tree of nodes (root relation + embeds) compiled to one SELECT, as PostgREST does.
import { aggregateSql, castSql, grouped } from './aggregates';
import { computedFields, computedRelationship } from './computed';
import { toManySpreadLateral } from './spread';
import { ApiError, parseError, unsupported } from './errors';
import {
	type EmbedItem,
	type Field,
	type OrderTerm,
	type SelectItem,
	type Tree,
	LIMITS,
	parseField,
	parseLogic,
	tooComplex,
	parseOperation,
	parseOrder,
	parseSelect
} from './parse';
import { type Relationship, findRelationship } from './relationships';
import type { Column, Relation, SchemaCache } from './schema';
import { Params, type Scope, fieldLabel, fieldSql, ident, treeSql } from './sql';

export interface ReadNode {
	/** The relation the node reads (for embeds), or null for function results without one. */
	relation: Relation | null;
	scope: Scope;
	/** SQL after FROM, e.g. `"public"."t"` or a function call. */
	source: string;
	items: SelectItem[];
	embeds: Embed[];
	filters: Tree[];
	/** `rel=is.null` / `rel=not.is.null` filters on this node's embeds. */
	embedNullFilters: { embed: Embed; isNull: boolean }[];
	order: OrderTerm[];
	limit: number | null;
	offset: number | null;
}

export interface Embed {
	item: EmbedItem;
	key: string;
	rel: Relationship;
	node: ReadNode;
	lateral: string;
}

export interface Aliases {
	next(prefix: string): string;
}

export function aliasCounter(): Aliases {
	let n = 0;
	return { next: (prefix) => `${prefix}${n++}` };
}

const RESERVED = new Set(['select', 'order', 'limit', 'offset', 'columns', 'on_conflict']);

export function relationLabel(rel: Relation): string {
	return rel.name;
}

export function buildNode(
	cache: SchemaCache,
	relation: Relation | null,
	columns: Map<string, Column> | null,
	label: string,
	source: string,
	items: SelectItem[],
	aliases: Aliases,
	isEmbed = false
): ReadNode {
	const alias = aliases.next('t');
	const node: ReadNode = {
		relation,
		scope: { label, alias, columns, computed: computedFields(cache, relation) },
		source,
		items,
		embeds: [],
		filters: [],
		embedNullFilters: [],
		order: [],
		limit: null,
		offset: null
	};
	if (isEmbed || items.length === 1) {
		// `rel(count)` (and a lone `select=count`) count the rows, PostgREST's older spelling.
		items.forEach((item, i) => {
			if (
				item.kind === 'column' &&
				item.field.name === 'count' &&
				!item.field.json.length &&
				!item.cast &&
				!columns?.has('count')
			) {
				items[i] = { kind: 'count', alias: item.alias, compat: true };
			}
		});
	}
	for (const item of items) {
		if (item.kind !== 'embed') continue;
		if (!relation) throw unsupported('Embedding on a result without a table type');
		// Computed relationships override foreign keys of the same name, as in PostgREST.
		const computed = computedRelationship(cache, relation, item.name, alias);
		const rel = computed?.rel ?? findRelationship(cache, relation, item.name, item.hint);
		const target = rel.target;
		const child = buildNode(
			cache,
			target,
			target.columns,
			relationLabel(target),
			computed?.from ?? `${ident(target.schema)}.${ident(target.name)}`,
			item.select,
			aliases,
			true
		);
		node.embeds.push({
			item,
			key: item.alias ?? item.name,
			rel,
			node: child,
			lateral: aliases.next('j')
		});
	}
	return node;
}

function findEmbed(node: ReadNode, name: string): Embed | undefined {
	return (
		node.embeds.find((e) => e.item.alias === name) ?? node.embeds.find((e) => e.item.name === name)
	);
}

function nodeAt(root: ReadNode, path: string[]): ReadNode {
	let node = root;
	for (const name of path) {
		const embed = findEmbed(node, name);
		if (!embed) {
			throw new ApiError(
				400,
				'PGRST108',
				`'${name}' is not an embedded resource in this request`,
				null,
				`Verify that '${name}' is included in the 'select' query parameter.`
			);
		}
		node = embed.node;
	}
	return node;
}

function parseNonNegative(value: string, what: string): number {
	if (!/^\d+$/.test(value.trim())) {
		throw parseError(`"failed to parse ${what} parameter (${value})" (line 1, column 1)`);
	}
	return Number(value);
}

/**
 * Applies the query string to a node tree: filters, logic trees, order, limit/offset, on the root
 * or on embeds (`rel.col=eq.1`, `rel.order=…`). Keys in `skip` are not filters (rpc arguments).
 */
export function applyQuery(root: ReadNode, query: URLSearchParams, skip: Set<string>): void {
	let n = 0;
	for (const [key, value] of query) {
		if (++n > LIMITS.parameters) throw tooComplex('query parameters', LIMITS.parameters);
		if (RESERVED.has(key) || skip.has(key)) continue;
		const logic = /^(?:(.+?)\.)??(not\.)?(or|and)$/.exec(key);
		if (logic) {
			const path = logic[1] ? logic[1].split('.') : [];
			nodeAt(root, path).filters.push(parseLogic(logic[3] as 'or' | 'and', !!logic[2], value));
			continue;
		}
		const special = /^(.+)\.(order|limit|offset)$/.exec(key);
		if (special) {
			const node = nodeAt(root, (special[1] ?? '').split('.'));
			applyPaging(node, special[2] as string, value);
			continue;
		}
		const arrow = key.indexOf('->');
		const head = arrow >= 0 ? key.slice(0, arrow) : key;
		const tail = arrow >= 0 ? key.slice(arrow) : '';
		const parts = head.split('.');
		const column = `${parts.pop() ?? ''}${tail}`;
		const node = nodeAt(root, parts);
		const field = parseField(column);
		const embed =
			!field.json.length && !node.scope.columns?.has(field.name)
				? findEmbed(node, field.name)
				: undefined;
		const cond = parseOperation(value, field, false);
		if (embed) {
			if (cond.op !== 'is' || String(cond.value).toLowerCase() !== 'null') {
				throw unsupported(
					`Filter "${key}=${value}" on an embedded resource (only is.null / not.is.null)`
				);
			}
			node.embedNullFilters.push({ embed, isNull: !cond.negate });
			continue;
		}
		node.filters.push(cond);
	}
	for (const what of ['order', 'limit', 'offset']) {
		const v = query.get(what);
		if (v !== null && !skip.has(what)) applyPaging(root, what, v);
	}
}

/** `Range: 0-9` (Range-Unit items) narrows the root page, intersected with limit/offset. */
export function applyRangeHeader(root: ReadNode, header: string | undefined): void {
	const m = /^\s*(?:items=)?(\d+)-(\d*)\s*$/.exec(header ?? '');
	if (!m) return;
	const from = Number(m[1]);
	const to = m[2] ? Number(m[2]) : null;
	if (to !== null && to < from) {
		throw new ApiError(
			416,
			'PGRST103',
			'Requested range not satisfiable',
			'The lower boundary must be lower than or equal to the upper boundary in the Range header.'
		);
	}
	const qFrom = root.offset ?? 0;
	const qTo = root.limit !== null ? qFrom + root.limit - 1 : null;
	const lower = Math.max(from, qFrom);
	const uppers = [to, qTo].filter((x): x is number => x !== null);
	const upper = uppers.length ? Math.min(...uppers) : null;
	root.offset = lower;
	root.limit = upper === null ? null : Math.max(0, upper - lower + 1);
}

function applyPaging(node: ReadNode, what: string, value: string) {
	if (what === 'order') node.order = parseOrder(value);
	else if (what === 'limit') node.limit = parseNonNegative(value, 'limit');
	else node.offset = parseNonNegative(value, 'offset');
}

// ---------------------------------------------------------------- SQL

/**
 * The select list of a node (its own fields plus one entry per embed) and, when it aggregates,
 * the GROUP BY expressions: every selected field that is not an aggregate, as PostgREST groups.
 */
function selectList(
	cache: SchemaCache,
	node: ReadNode,
	params: Params
): { cols: string[]; group: string[] } {
	const out: string[] = [];
	const group: string[] = [];
	const { scope } = node;
	const agg = grouped(node.items);
	for (const item of node.items) {
		if (item.kind === 'star') {
			if (!agg || !scope.columns) out.push(`${ident(scope.alias)}.*`);
			else {
				for (const name of scope.columns.keys()) {
					const col = `${ident(scope.alias)}.${ident(name)}`;
					out.push(col);
					group.push(col);
				}
			}
		} else if (item.kind === 'count') {
			const sql = item.cast ? castSql(cache, 'count(*)', item.cast) : 'count(*)';
			out.push(`${sql} AS ${ident(item.alias ?? 'count')}`);
		} else if (item.kind === 'column') {
			let sql = fieldSql(scope, item.field, params);
			if (item.cast) sql = castSql(cache, sql, item.cast);
			if (item.aggregate) {
				out.push(`${aggregateSql(cache, item, sql)} AS ${ident(item.alias ?? item.aggregate)}`);
			} else {
				out.push(`${sql} AS ${ident(item.alias ?? fieldLabel(item.field))}`);
				group.push(sql);
			}
		} else {
			const embed = node.embeds.find((e) => e.item === item);
			if (!embed || item.select.length === 0) continue;
			if (item.spread) {
				if (agg) throw unsupported('Aggregates together with a spread embed');
				out.push(`${ident(embed.lateral)}.*`);
			} else if (agg) {
				// json has no equality operator: group by its text, select it back as json.
				const text = `${ident(embed.lateral)}.body::text`;
				out.push(`(${text})::json AS ${ident(embed.key)}`);
				group.push(text);
			} else out.push(`${ident(embed.lateral)}.body AS ${ident(embed.key)}`);
		}
	}
	return { cols: out, group: agg ? group : [] };
}

function joinCondition(
	embed: Embed,
	parentAlias: string,
	childAlias: string,
	junction: string
): string {
	const { rel } = embed;
	const eq = (l: string, lc: string, r: string, rc: string) =>
		`${ident(l)}.${ident(lc)} = ${ident(r)}.${ident(rc)}`;
	const pairs: string[] = [];
	if (rel.junction && rel.fk2) {
		rel.fk.columns.forEach((c, i) =>
			pairs.push(eq(junction, c, parentAlias, rel.fk.fcolumns[i] as string))
		);
	} else if (rel.fkOnSource) {
		rel.fk.columns.forEach((c, i) =>
			pairs.push(eq(childAlias, rel.fk.fcolumns[i] as string, parentAlias, c))
		);
	} else {
		rel.fk.columns.forEach((c, i) =>
			pairs.push(eq(childAlias, c, parentAlias, rel.fk.fcolumns[i] as string))
		);
	}
	return pairs.join(' AND ');
}

/** `order=rel(col)`: a to-one embed's column, read by a correlated subquery as PostgREST allows. */
function relatedOrderSql(node: ReadNode, relation: string, field: Field, params: Params): string {
	const embed = findEmbed(node, relation);
	if (!embed) {
		throw new ApiError(
			400,
			'PGRST108',
			`'${relation}' is not an embedded resource in this request`,
			null,
			`Verify that '${relation}' is included in the 'select' query parameter.`
		);
	}
	if (embed.rel.toOne && !embed.rel.junction && embed.rel.fk.columns.length === 0) {
		throw unsupported(`Ordering by the computed relationship '${relation}'`);
	}
	if (!embed.rel.toOne || embed.rel.junction) {
		throw new ApiError(
			400,
			'PGRST118',
			`A related order on '${relation}' is not possible`,
			`'${node.scope.label}' and '${relation}' do not form a many-to-one or one-to-one relationship`
		);
	}
	const alias = `${embed.lateral}_o`;
	const target = embed.rel.target;
	const scope: Scope = { label: target.name, alias, columns: target.columns };
	const value = fieldSql(scope, field, params);
	const on = joinCondition(embed, node.scope.alias, alias, '');
	return `(SELECT ${value} FROM ${ident(target.schema)}.${ident(target.name)} AS ${ident(alias)} WHERE ${on})`;
}

function orderSql(node: ReadNode, params: Params): string {
	if (!node.order.length) return '';
	const terms = node.order.map((t) => {
		let sql: string;
		if (t.relation) sql = relatedOrderSql(node, t.relation, t.field, params);
		else sql = fieldSql(node.scope, t.field, params);
		if (t.dir) sql += t.dir === 'desc' ? ' DESC' : ' ASC';
		if (t.nulls) sql += t.nulls === 'first' ? ' NULLS FIRST' : ' NULLS LAST';
		return sql;
	});
	return ` ORDER BY ${terms.join(', ')}`;
}

function pagingSql(node: ReadNode, params: Params, cap: number | null): string {
	let limit = node.limit;
	if (cap !== null) limit = limit === null ? cap : Math.min(limit, cap);
	let sql = '';
	if (limit !== null) sql += ` LIMIT ${params.add(String(limit))}::bigint`;
	if (node.offset) sql += ` OFFSET ${params.add(String(node.offset))}::bigint`;
	return sql;
}

/** Joins (laterals) and conditions an embed contributes to its parent. */
function embedJoins(
	cache: SchemaCache,
	node: ReadNode,
	params: Params
): { joins: string; where: string[] } {
	const joins: string[] = [];
	const where: string[] = [];
	for (const embed of node.embeds) {
		const child = embed.node;
		const junction = embed.rel.junction ? `${embed.lateral}_j` : '';
		const extra = joinCondition(embed, node.scope.alias, child.scope.alias, junction);
		let from = `${child.source} AS ${ident(child.scope.alias)}`;
		if (embed.rel.junction && embed.rel.fk2) {
			const j = embed.rel.junction;
			const on = embed.rel.fk2.columns
				.map(
					(c, i) =>
						`${ident(junction)}.${ident(c)} = ${ident(child.scope.alias)}.${ident(embed.rel.fk2?.fcolumns[i] as string)}`
				)
				.join(' AND ');
			from += ` JOIN ${ident(j.schema)}.${ident(j.name)} AS ${ident(junction)} ON ${on}`;
		}
		const inner = nodeQuery(cache, child, params, {
			from,
			extraWhere: [extra],
			paging: !embed.rel.toOne,
			cap: null
		});
		let lateral: string;
		if (embed.item.spread && !embed.rel.toOne) {
			if (embed.item.join === 'inner' || node.embedNullFilters.some((f) => f.embed === embed)) {
				throw unsupported('!inner or is.null on a to-many spread');
			}
			lateral = toManySpreadLateral(embed.node, inner);
		} else if (embed.item.spread) lateral = inner;
		else if (embed.rel.toOne) lateral = `SELECT row_to_json(_x.*) AS body FROM (${inner}) _x`;
		else lateral = `SELECT coalesce(json_agg(_x), '[]') AS body FROM (${inner}) _x`;
		joins.push(` LEFT JOIN LATERAL (${lateral}) AS ${ident(embed.lateral)} ON TRUE`);
		const isInner = embed.item.join === 'inner';
		const nullFilter = node.embedNullFilters.find((f) => f.embed === embed);
		const present =
			embed.rel.toOne || embed.item.spread
				? `${ident(embed.lateral)} IS NOT NULL`
				: `json_array_length(${ident(embed.lateral)}.body) > 0`;
		if (embed.item.spread && (isInner || nullFilter)) {
			// Spread laterals return the columns themselves; "row exists" is any non-null marker.
			where.push(
				isInner || nullFilter?.isNull === false
					? `${ident(embed.lateral)} IS DISTINCT FROM NULL`
					: `${ident(embed.lateral)} IS NULL`
			);
			continue;
		}
		const presentSql = embed.rel.toOne ? `${ident(embed.lateral)}.body IS NOT NULL` : present;
		if (isInner || nullFilter?.isNull === false) where.push(presentSql);
		else if (nullFilter?.isNull === true) where.push(`NOT (${presentSql})`);
	}
	return { joins: joins.join(''), where };
}

export interface NodeQueryOptions {
	from?: string;
	extraWhere?: string[];
	paging: boolean;
	cap: number | null;
	/** Leave out ORDER BY/LIMIT/OFFSET (for counting). */
	noOrder?: boolean;
}

/** SELECT <fields> FROM <source> <laterals> WHERE <filters> ORDER BY … LIMIT … */
export function nodeQuery(
	cache: SchemaCache,
	node: ReadNode,
	params: Params,
	opts: NodeQueryOptions
): string {
	const { cols, group } = selectList(cache, node, params);
	const { joins, where: embedWhere } = embedJoins(cache, node, params);
	const where = [
		...(opts.extraWhere ?? []),
		...node.filters.map((f) => treeSql(node.scope, f, params)),
		...embedWhere
	].filter(Boolean);
	const from = opts.from ?? `${node.source} AS ${ident(node.scope.alias)}`;
	let sql = `SELECT ${cols.join(', ')} FROM ${from}${joins}`;
	if (where.length) sql += ` WHERE ${where.join(' AND ')}`;
	if (group.length) sql += ` GROUP BY ${group.join(', ')}`;
	if (!opts.noOrder) {
		sql += orderSql(node, params);
		if (opts.paging) sql += pagingSql(node, params, opts.cap);
	}
	return sql;
}

/** CSV as PostgREST builds it: keys of the first row, then each record's text form. */
export const CSV_SQL = `coalesce((SELECT string_agg(_k, ',') FROM json_object_keys(json_agg(_r)->0) AS _k), '') || chr(10) || coalesce(string_agg(substring(_r::text, 2, length(_r::text) - 2), chr(10)), '')`;

/** The root statement: one row with the total (if counted), the page size and the JSON body. */
export function readStatement(
	cache: SchemaCache,
	root: ReadNode,
	params: Params,
	opts: {
		count: boolean;
		cap: number | null;
		from?: string;
		csv?: boolean;
		/** `count=estimated` counts at most this many rows exactly (db-max-rows + 1). */
		countLimit?: number | null;
	}
): string {
	const page = nodeQuery(cache, root, params, { paging: true, cap: opts.cap, from: opts.from });
	const limit = opts.countLimit != null ? ` LIMIT ${Math.trunc(opts.countLimit)}` : '';
	const total = opts.count
		? `(SELECT count(*) FROM (${nodeQuery(cache, root, params, { paging: false, cap: null, noOrder: true, from: opts.from })}${limit}) _c)`
		: 'NULL::bigint';
	const csv = opts.csv ? CSV_SQL : 'NULL::text';
	return `SELECT ${total} AS total, count(_r) AS page_total, coalesce(json_agg(_r), '[]')::text AS body, CASE WHEN count(_r) = 1 THEN (json_agg(_r)->0)::text END AS single, ${csv} AS csv FROM (${page}) _r`;
}

export { parseSelect };
