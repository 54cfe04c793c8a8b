// SQL text building: quoted identifiers, bound parameters, filter conditions.
import { ApiError, columnNotFound, parseError } from './errors';
import { closest } from './fuzzy';
import type { Condition, Field, Tree } from './parse';
import type { Column } from './schema';

/** A quoted identifier; NUL cannot appear in one (nor travel in the wire protocol's SQL text). */
export function ident(name: string): string {
	if (name.includes('\u0000')) {
		throw parseError(`"failed to parse identifier (${name.split('\u0000').join('\\0')})"`);
	}
	return `"${name.replace(/"/g, '""')}"`;
}

export class Params {
	readonly values: unknown[] = [];
	add(value: unknown): string {
		this.values.push(value);
		return `$${this.values.length}`;
	}
}

/** A PostgreSQL array literal, every element quoted, for `= ANY($n)` and `cs.{a,b}` values. */
export function pgArrayLiteral(items: readonly (string | null)[]): string {
	const parts = items.map((v) =>
		v === null ? 'NULL' : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
	);
	return `{${parts.join(',')}}`;
}

/** A relation's columns as the request sees them: its name for errors and the SQL alias. */
export interface Scope {
	label: string;
	alias: string;
	columns: Map<string, Column> | null;
	/** Computed fields (functions of the row), name → function SQL. */
	computed?: Map<string, string>;
}

export function checkColumn(scope: Scope, name: string): void {
	if (scope.columns && !scope.columns.has(name)) {
		throw columnNotFound(scope.label, name, closest([...scope.columns.keys()], name));
	}
}

/** `"t0"."col"->'a'->>'b'`, JSON keys bound as parameters. */
export function fieldSql(scope: Scope, field: Field, params: Params): string {
	const fn = scope.computed?.get(field.name);
	if (!fn) checkColumn(scope, field.name);
	let sql = fn ? `${fn}(${ident(scope.alias)})` : `${ident(scope.alias)}.${ident(field.name)}`;
	for (const step of field.json) {
		const key = /^-?\d+$/.test(step.key)
			? `${params.add(step.key)}::int`
			: `${params.add(step.key)}::text`;
		sql = `${sql}${step.arrow}${key}`;
	}
	return sql;
}

/** The output key PostgREST gives a field: the alias, the last JSON key, or the column name. */
export function fieldLabel(field: Field): string {
	const last = field.json[field.json.length - 1];
	return last ? last.key : field.name;
}

const COMPARE: Record<string, string> = {
	eq: '=',
	neq: '<>',
	gt: '>',
	gte: '>=',
	lt: '<',
	lte: '<=',
	like: 'LIKE',
	ilike: 'ILIKE',
	match: '~',
	imatch: '~*',
	cs: '@>',
	cd: '<@',
	ov: '&&',
	sl: '<<',
	sr: '>>',
	nxl: '&<',
	nxr: '&>',
	adj: '-|-',
	isdistinct: 'IS DISTINCT FROM'
};

const FTS: Record<string, string> = {
	fts: 'to_tsquery',
	plfts: 'plainto_tsquery',
	phfts: 'phraseto_tsquery',
	wfts: 'websearch_to_tsquery'
};

const IS_VALUES: Record<string, string> = {
	null: 'NULL',
	not_null: 'NOT NULL',
	true: 'TRUE',
	false: 'FALSE',
	unknown: 'UNKNOWN'
};

const likePattern = (v: string) => v.replace(/\*/g, '%');

function conditionSql(scope: Scope, c: Condition, params: Params): string {
	const lhs = fieldSql(scope, c.field, params);
	let sql: string;
	if (c.op === 'is') {
		const v = IS_VALUES[String(c.value).toLowerCase()];
		if (!v) {
			throw parseError(
				`"failed to parse filter (is.${String(c.value)})" (line 1, column 4)`,
				'unexpected value expecting null, not_null, true, false or unknown'
			);
		}
		sql = `${lhs} IS ${v}`;
	} else if (c.op === 'in') {
		const list = c.value as string[];
		sql = list.length ? `${lhs} = ANY(${params.add(pgArrayLiteral(list))})` : 'FALSE';
	} else if (c.op in FTS) {
		const fn = FTS[c.op] as string;
		const q = params.add(String(c.value));
		sql = c.config
			? `${lhs} @@ ${fn}(${params.add(c.config)}::regconfig, ${q})`
			: `${lhs} @@ ${fn}(${q})`;
	} else if (c.quant) {
		const op = COMPARE[c.op];
		if (!op || c.op === 'isdistinct') {
			throw parseError(`"failed to parse filter (${c.op}(${c.quant}))"`, 'modifier not allowed');
		}
		const list = (c.value as string[]).map((v) =>
			c.op === 'like' || c.op === 'ilike' ? likePattern(v) : v
		);
		sql = `${lhs} ${op} ${c.quant.toUpperCase()}(${params.add(pgArrayLiteral(list))})`;
	} else {
		const op = COMPARE[c.op];
		if (!op) throw new ApiError(400, 'PGRST100', `unknown operator ${c.op}`);
		const raw = String(c.value);
		const value = c.op === 'like' || c.op === 'ilike' ? likePattern(raw) : raw;
		sql = `${lhs} ${op} ${params.add(value)}`;
	}
	return c.negate ? `NOT (${sql})` : sql;
}

export function treeSql(scope: Scope, tree: Tree, params: Params): string {
	if (tree.kind === 'cond') return conditionSql(scope, tree, params);
	const parts = tree.children.map((child) => treeSql(scope, child, params));
	const joined = parts.length
		? `(${parts.join(tree.op === 'and' ? ' AND ' : ' OR ')})`
		: tree.op === 'and'
			? 'TRUE'
			: 'FALSE';
	return tree.negate ? `NOT ${joined}` : joined;
}
