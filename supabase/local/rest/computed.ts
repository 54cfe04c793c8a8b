// Computed fields and computed relationships (PostgREST docs "Computed Fields" and "Computed
// Relationships"): a function of one argument of a table's row type is a virtual column of that
// table when it returns a scalar, and an embeddable relation when it returns rows of a table.
import type { Db } from '../types';
import type { Relationship } from './relationships';
import { type Relation, type SchemaCache, relKey } from './schema';
import { ident } from './sql';

export interface ComputedFn {
	schema: string;
	name: string;
	/** The table (or view) whose row the function takes. */
	table: string;
	/** Rows of this relation for computed relationships; null for a scalar computed field. */
	returns: { schema: string; name: string } | null;
	/** Single composite, or `setof … rows 1`: a to-one relationship. */
	toOne: boolean;
}

const COMPUTED_SQL = `
select n.nspname as schema, p.proname as name, tn.nspname as tschema, tc.relname as tname,
  rn.nspname as rschema, rc.relname as rname, p.proretset as retset, p.prorows as prorows,
  rt.typtype = 'c' as composite
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
join pg_type at on at.oid = p.proargtypes[0]
join pg_class tc on tc.oid = at.typrelid
join pg_namespace tn on tn.oid = tc.relnamespace
join pg_type rt on rt.oid = p.prorettype
left join pg_class rc on rc.oid = rt.typrelid
left join pg_namespace rn on rn.oid = rc.relnamespace
where n.nspname = any($1::text[]) and p.prokind = 'f' and p.pronargs = 1
  and tc.relkind in ('r', 'v', 'm', 'f', 'p') and rt.typname <> 'void'`;

const byCache = new WeakMap<SchemaCache, Map<string, ComputedFn[]>>();

/** Loads the computed fields and relationships of the exposed schemas for this cache. */
export async function loadComputed(db: Db, cache: SchemaCache): Promise<void> {
	const rows = await db.query<{
		schema: string;
		name: string;
		tschema: string;
		tname: string;
		rschema: string | null;
		rname: string | null;
		retset: boolean;
		prorows: number | string;
		composite: boolean;
	}>(COMPUTED_SQL, [cache.schemas]);
	const map = new Map<string, ComputedFn[]>();
	for (const r of rows.rows) {
		const returnsRows = r.composite && r.rschema !== null && r.rname !== null;
		const target = returnsRows
			? cache.relations.get(relKey(r.rschema ?? '', r.rname ?? ''))
			: undefined;
		if (returnsRows && !target) continue; // a composite that is not a relation: not embeddable
		const key = relKey(r.tschema, r.tname);
		const fn: ComputedFn = {
			schema: r.schema,
			name: r.name,
			table: r.tname,
			returns: target ? { schema: target.schema, name: target.name } : null,
			toOne: !r.retset || Number(r.prorows) === 1
		};
		map.set(key, [...(map.get(key) ?? []), fn]);
	}
	byCache.set(cache, map);
}

function forRelation(cache: SchemaCache, rel: Relation | null): ComputedFn[] {
	if (!rel) return [];
	return byCache.get(cache)?.get(relKey(rel.schema, rel.name)) ?? [];
}

/** Scalar computed fields of a relation: name → the SQL function to call with the row. */
export function computedFields(cache: SchemaCache, rel: Relation | null): Map<string, string> {
	const out = new Map<string, string>();
	for (const fn of forRelation(cache, rel)) {
		if (!fn.returns && !rel?.columns.has(fn.name)) {
			out.set(fn.name, `${ident(fn.schema)}.${ident(fn.name)}`);
		}
	}
	return out;
}

/**
 * A computed relationship called `name` from `source`, with the FROM source that calls it on the
 * parent row (`"s"."fn"("t0")`); the function itself is the join, so no foreign key columns.
 */
export function computedRelationship(
	cache: SchemaCache,
	source: Relation,
	name: string,
	parentAlias: string
): { rel: Relationship; from: string } | null {
	const fn = forRelation(cache, source).find((f) => f.name === name && f.returns);
	if (!fn || !fn.returns) return null;
	const target = cache.relations.get(relKey(fn.returns.schema, fn.returns.name));
	if (!target) return null;
	const rel: Relationship = {
		cardinality: fn.toOne ? 'many-to-one' : 'one-to-many',
		target,
		fk: {
			name: fn.name,
			schema: source.schema,
			table: source.name,
			columns: [],
			fschema: target.schema,
			ftable: target.name,
			fcolumns: []
		},
		fkOnSource: false,
		junction: null,
		fk2: null,
		toOne: fn.toOne
	};
	return { rel, from: `${ident(fn.schema)}.${ident(fn.name)}(${ident(parentAlias)})` };
}
