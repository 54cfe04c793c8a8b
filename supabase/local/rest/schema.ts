// The schema cache: what PostgREST learns from pg_catalog before it answers any request.
import type { Db } from '../types';

export interface Column {
	name: string;
	/** format_type() text, e.g. `text[]`, `timestamp with time zone`. */
	type: string;
	/** Base type's category (domains resolved): 'A' array, 'U' user (json/jsonb), … */
	category: string;
	baseType: string;
	nullable: boolean;
	defaultExpr: string | null;
	generated: boolean;
	identity: 'always' | 'by default' | null;
}

export interface Relation {
	schema: string;
	name: string;
	kind: 'table' | 'view' | 'materialized view' | 'foreign table' | 'composite';
	columns: Map<string, Column>;
	pk: string[];
	/** Unique column sets (pk included), to detect one-to-one relationships. */
	uniques: string[][];
}

export interface ForeignKey {
	name: string;
	schema: string;
	table: string;
	columns: string[];
	fschema: string;
	ftable: string;
	fcolumns: string[];
}

export interface FnArg {
	name: string;
	type: string;
	category: string;
	hasDefault: boolean;
	variadic: boolean;
}

export interface Fn {
	schema: string;
	name: string;
	args: FnArg[];
	returnType: string;
	returnsSet: boolean;
	volatility: 'volatile' | 'stable' | 'immutable';
	/** Columns when the function returns a composite, a table row, TABLE(...) or OUT params. */
	returnColumns: Map<string, Column> | null;
	/** The table or view whose rows it returns (so results can embed along its foreign keys). */
	returnRelation: { schema: string; name: string } | null;
	isVoid: boolean;
}

export interface SchemaCache {
	relations: Map<string, Relation>;
	foreignKeys: ForeignKey[];
	functions: Map<string, Fn[]>;
	/** Type names allowed in casts (`col::text`), mapped to their quoted SQL. */
	types: Map<string, string>;
	/** Every role, true when `authenticator` may switch to it (PostgREST's SET ROLE would succeed). */
	roles: Map<string, boolean>;
	schemas: string[];
}

export const relKey = (schema: string, name: string) => `${schema}.${name}`;

const COLUMNS_SQL = `
select n.nspname as schema, c.relname as rel, c.relkind as relkind, a.attname as name,
  format_type(a.atttypid, a.atttypmod) as type,
  coalesce(bt.typcategory, t.typcategory) as category,
  coalesce(bt.typname, t.typname) as base_type,
  not a.attnotnull as nullable, pg_get_expr(d.adbin, d.adrelid) as default_expr,
  a.attgenerated <> '' as generated, a.attidentity as identity
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
join pg_type t on t.oid = a.atttypid
left join pg_type bt on t.typtype = 'd' and bt.oid = t.typbasetype
left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
where n.nspname = any($1::text[]) and c.relkind in ('r', 'v', 'm', 'f', 'p', 'c')
order by n.nspname, c.relname, a.attnum`;

const CONSTRAINTS_SQL = `
select con.conname as name, con.contype as kind, n.nspname as schema, c.relname as rel,
  array(select a.attname::text from unnest(con.conkey) with ordinality k(num, ord)
        join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.num order by k.ord) as cols,
  fn.nspname as fschema, fc.relname as frel,
  array(select a.attname::text from unnest(con.confkey) with ordinality k(num, ord)
        join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.num order by k.ord) as fcols
from pg_constraint con
join pg_class c on c.oid = con.conrelid
join pg_namespace n on n.oid = c.relnamespace
left join pg_class fc on fc.oid = con.confrelid
left join pg_namespace fn on fn.oid = fc.relnamespace
where con.contype in ('p', 'u', 'f') and n.nspname = any($1::text[])
order by con.conname`;

const FUNCTIONS_SQL = `
select n.nspname as schema, p.proname as name, p.provolatile as volatility, p.proretset as retset,
  format_type(p.prorettype, null) as rettype, rt.typtype as rettyptype,
  rn.nspname as ret_schema, rc.relname as ret_rel, rc.relkind as ret_relkind,
  p.pronargs as nargs, p.pronargdefaults as ndefaults, p.provariadic <> 0 as variadic,
  coalesce(p.proargnames, '{}'::text[]) as argnames,
  coalesce(p.proargmodes::text[], '{}'::text[]) as argmodes,
  array(select format_type(x.t, null) from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality x(t, o) order by x.o) as argtypes,
  array(select coalesce(bt.typcategory, ty.typcategory)::text from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality x(t, o)
        join pg_type ty on ty.oid = x.t left join pg_type bt on ty.typtype = 'd' and bt.oid = ty.typbasetype order by x.o) as argcats
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
join pg_type rt on rt.oid = p.prorettype
left join pg_class rc on rc.oid = rt.typrelid
left join pg_namespace rn on rn.oid = rc.relnamespace
where n.nspname = any($1::text[]) and p.prokind = 'f'`;

const TYPES_SQL = `
select n.nspname as schema, t.typname as name from pg_type t join pg_namespace n on n.oid = t.typnamespace
where (n.nspname = 'pg_catalog' or n.nspname = any($1::text[])) and t.typisdefined and t.typtype in ('b', 'e', 'd', 'r', 'c', 'm')`;

const ROLES_SQL = `
select r.rolname as name,
  exists (select 1 from pg_roles a where a.rolname = 'authenticator' and pg_has_role(a.oid, r.oid, 'MEMBER')) as switchable
from pg_roles r`;

const KIND: Record<string, Relation['kind']> = {
	r: 'table',
	p: 'table',
	v: 'view',
	m: 'materialized view',
	f: 'foreign table',
	c: 'composite'
};

const TYPE_ALIASES: Record<string, string> = {
	int: 'int4',
	integer: 'int4',
	smallint: 'int2',
	bigint: 'int8',
	real: 'float4',
	float: 'float8',
	'double precision': 'float8',
	boolean: 'bool',
	decimal: 'numeric',
	'character varying': 'varchar',
	character: 'bpchar',
	char: 'bpchar',
	'timestamp with time zone': 'timestamptz',
	'timestamp without time zone': 'timestamp',
	'time with time zone': 'timetz',
	'time without time zone': 'time'
};

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

export async function loadSchemaCache(db: Db, schemas: string[]): Promise<SchemaCache> {
	const relations = new Map<string, Relation>();
	const cols = await db.query<{
		schema: string;
		rel: string;
		relkind: string;
		name: string;
		type: string;
		category: string;
		base_type: string;
		nullable: boolean;
		default_expr: string | null;
		generated: boolean;
		identity: string;
	}>(COLUMNS_SQL, [schemas]);
	for (const r of cols.rows) {
		const key = relKey(r.schema, r.rel);
		let rel = relations.get(key);
		if (!rel) {
			rel = {
				schema: r.schema,
				name: r.rel,
				kind: KIND[r.relkind] ?? 'table',
				columns: new Map(),
				pk: [],
				uniques: []
			};
			relations.set(key, rel);
		}
		rel.columns.set(r.name, {
			name: r.name,
			type: r.type,
			category: r.category,
			baseType: r.base_type,
			nullable: r.nullable,
			defaultExpr: r.default_expr,
			generated: r.generated,
			identity: r.identity === 'a' ? 'always' : r.identity === 'd' ? 'by default' : null
		});
	}

	const foreignKeys: ForeignKey[] = [];
	const cons = await db.query<{
		name: string;
		kind: string;
		schema: string;
		rel: string;
		cols: string[];
		fschema: string | null;
		frel: string | null;
		fcols: string[];
	}>(CONSTRAINTS_SQL, [schemas]);
	for (const c of cons.rows) {
		const rel = relations.get(relKey(c.schema, c.rel));
		if (!rel) continue;
		if (c.kind === 'p') {
			rel.pk = c.cols;
			rel.uniques.push(c.cols);
		} else if (c.kind === 'u') rel.uniques.push(c.cols);
		else if (c.kind === 'f' && c.fschema && c.frel) {
			foreignKeys.push({
				name: c.name,
				schema: c.schema,
				table: c.rel,
				columns: c.cols,
				fschema: c.fschema,
				ftable: c.frel,
				fcolumns: c.fcols
			});
		}
	}
	foreignKeys.push(...(await viewForeignKeys(db, schemas, foreignKeys, relations)));

	const functions = new Map<string, Fn[]>();
	const fns = await db.query<{
		schema: string;
		name: string;
		volatility: string;
		retset: boolean;
		rettype: string;
		rettyptype: string;
		ret_schema: string | null;
		ret_rel: string | null;
		ret_relkind: string | null;
		nargs: number;
		ndefaults: number;
		variadic: boolean;
		argnames: string[];
		argmodes: string[];
		argtypes: string[];
		argcats: string[];
	}>(FUNCTIONS_SQL, [schemas]);
	for (const f of fns.rows) {
		const args: FnArg[] = [];
		const outCols = new Map<string, Column>();
		f.argtypes.forEach((type, i) => {
			const mode = f.argmodes[i] ?? 'i';
			const name = f.argnames[i] ?? '';
			const category = f.argcats[i] ?? 'U';
			if (mode === 'i' || mode === 'b' || mode === 'v')
				args.push({ name, type, category, hasDefault: false, variadic: mode === 'v' });
			if (mode === 'o' || mode === 'b' || mode === 't')
				outCols.set(name, {
					name,
					type,
					category,
					baseType: type,
					nullable: true,
					defaultExpr: null,
					generated: false,
					identity: null
				});
		});
		// pronargdefaults counts the trailing input arguments that have defaults.
		for (let i = args.length - f.ndefaults; i < args.length; i++) {
			const arg = args[i];
			if (arg) arg.hasDefault = true;
		}
		let returnColumns: Map<string, Column> | null = null;
		let returnRelation: Fn['returnRelation'] = null;
		// RETURNS TABLE (even of one column) and several OUT parameters give rows with named
		// columns; a single plain OUT parameter is just a scalar result.
		const isTable = f.argmodes.includes('t');
		if (outCols.size > 0 && (isTable || f.rettype === 'record')) returnColumns = outCols;
		else if (f.rettyptype === 'c' && f.ret_schema && f.ret_rel) {
			const rel = relations.get(relKey(f.ret_schema, f.ret_rel));
			if (rel) {
				returnColumns = rel.columns;
				if (rel.kind !== 'composite') returnRelation = { schema: rel.schema, name: rel.name };
			}
		}
		const fn: Fn = {
			schema: f.schema,
			name: f.name,
			args,
			returnType: f.rettype,
			returnsSet: f.retset,
			volatility: f.volatility === 'i' ? 'immutable' : f.volatility === 's' ? 'stable' : 'volatile',
			returnColumns,
			returnRelation,
			isVoid: f.rettype === 'void'
		};
		const key = relKey(f.schema, f.name);
		functions.set(key, [...(functions.get(key) ?? []), fn]);
	}

	const types = new Map<string, string>();
	const typeRows = await db.query<{ schema: string; name: string }>(TYPES_SQL, [schemas]);
	for (const t of typeRows.rows) {
		const sql = `${quoteIdent(t.schema)}.${quoteIdent(t.name)}`;
		if (t.schema === 'pg_catalog' || !types.has(t.name)) types.set(t.name, sql);
		types.set(`${t.schema}.${t.name}`, sql);
	}
	for (const [alias, name] of Object.entries(TYPE_ALIASES)) {
		const sql = types.get(name);
		if (sql) types.set(alias, sql);
	}

	const roleRows = await db.query<{ name: string; switchable: boolean }>(ROLES_SQL);
	const roles = new Map(roleRows.rows.map((r) => [r.name, r.switchable]));

	// Composite types are only kept for function results; they are not endpoints.
	for (const [key, rel] of relations) if (rel.kind === 'composite') relations.delete(key);
	return { relations, foreignKeys, functions, types, roles, schemas };
}

const VIEW_USAGE_SQL = `
select u.view_schema, u.view_name, u.table_schema, u.table_name, u.column_name
from information_schema.view_column_usage u
where u.view_schema = any($1::text[])`;

/**
 * Foreign keys seen through views, as PostgREST derives them from view definitions. The local
 * server approximates the definition parse: a view column carries a base column's foreign key
 * when it has the same name and the view reads that column from exactly one base table.
 */
async function viewForeignKeys(
	db: Db,
	schemas: string[],
	fks: ForeignKey[],
	relations: Map<string, Relation>
): Promise<ForeignKey[]> {
	const usage = await db.query<{
		view_schema: string;
		view_name: string;
		table_schema: string;
		table_name: string;
		column_name: string;
	}>(VIEW_USAGE_SQL, [schemas]);
	// view -> column name -> set of base tables it is read from
	const sources = new Map<string, Map<string, Set<string>>>();
	for (const u of usage.rows) {
		const view = relKey(u.view_schema, u.view_name);
		const cols = sources.get(view) ?? new Map<string, Set<string>>();
		const tables = cols.get(u.column_name) ?? new Set<string>();
		tables.add(relKey(u.table_schema, u.table_name));
		cols.set(u.column_name, tables);
		sources.set(view, cols);
	}
	/** Does `view` expose all `columns` as plain references to `table`? */
	const exposes = (view: string, table: string, columns: string[]) => {
		const rel = relations.get(view);
		const cols = sources.get(view);
		return (
			!!rel &&
			!!cols &&
			columns.every((c) => {
				const tables = cols.get(c);
				return rel.columns.has(c) && tables?.size === 1 && tables.has(table);
			})
		);
	};
	const out: ForeignKey[] = [];
	for (const view of sources.keys()) {
		const rel = relations.get(view);
		if (!rel || rel.kind === 'table') continue;
		for (const fk of fks) {
			const source = relKey(fk.schema, fk.table);
			const target = relKey(fk.fschema, fk.ftable);
			if (exposes(view, source, fk.columns)) {
				out.push({ ...fk, schema: rel.schema, table: rel.name });
			}
			if (exposes(view, target, fk.fcolumns)) {
				out.push({ ...fk, fschema: rel.schema, ftable: rel.name });
			}
		}
	}
	return out;
}
